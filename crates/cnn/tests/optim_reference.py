#!/usr/bin/env python3
"""Independent reference for the optimizer trajectory tests in crates/cnn/src/optim.rs.

Written from the textbook formulas (not from the Rust code), in plain float64 Python.
Problem: f(w) = 1/2 * (1*w0^2 + 4*w1^2), grad = (w0, 4*w1), start w = (1, -1).
Run: python3 crates/cnn/tests/optim_reference.py  — prints the 4 iterates of each optimizer.
"""
import math

A = [1.0, 4.0]


def grad(w):
    return [a * x for a, x in zip(A, w)]


def run(name, step, n=4):
    w = [1.0, -1.0]
    state = {}
    out = []
    for t in range(1, n + 1):
        w = step(w, state, t)
        out.append(list(w))
    print(name, "= [" + ", ".join("[%r, %r]" % (a, b) for a, b in out) + "]")


def sgd(lr):
    return lambda w, s, t: [x - lr * g for x, g in zip(w, grad(w))]


def momentum(lr, gamma, lecture):
    def step(w, s, t):
        v = s.setdefault("v", [0.0, 0.0])
        g = grad(w)
        for i in range(2):
            v[i] = gamma * v[i] + ((1 - gamma) if lecture else 1.0) * g[i]
        return [x - lr * vi for x, vi in zip(w, v)]
    return step


def nesterov(lr, gamma, lecture):
    def step(w, s, t):
        v = s.setdefault("v", [0.0, 0.0])
        ahead = [x - lr * gamma * vi for x, vi in zip(w, v)]
        g = grad(ahead)
        for i in range(2):
            v[i] = gamma * v[i] + ((1 - gamma) if lecture else 1.0) * g[i]
        return [x - lr * vi for x, vi in zip(w, v)]
    return step


def adam(lr, b1, b2, eps):
    def step(w, s, t):
        m = s.setdefault("m", [0.0, 0.0])
        v = s.setdefault("v", [0.0, 0.0])
        g = grad(w)
        out = []
        for i in range(2):
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2
            mh = m[i] / (1 - b1 ** t)
            vh = v[i] / (1 - b2 ** t)
            out.append(w[i] - lr * mh / (math.sqrt(vh) + eps))
        return out
    return step


def rmsprop(lr, rho, eps):
    def step(w, s, t):
        r = s.setdefault("r", [0.0, 0.0])
        g = grad(w)
        out = []
        for i in range(2):
            r[i] = rho * r[i] + (1 - rho) * g[i] ** 2
            out.append(w[i] - lr * g[i] / (math.sqrt(r[i]) + eps))
        return out
    return step


def adadelta(rho, eps):
    def step(w, s, t):
        eg = s.setdefault("eg", [0.0, 0.0])
        ex = s.setdefault("ex", [0.0, 0.0])
        g = grad(w)
        out = []
        for i in range(2):
            eg[i] = rho * eg[i] + (1 - rho) * g[i] ** 2
            dx = -math.sqrt((ex[i] + eps) / (eg[i] + eps)) * g[i]
            ex[i] = rho * ex[i] + (1 - rho) * dx * dx
            out.append(w[i] + dx)
        return out
    return step


run("SGD lr=0.1", sgd(0.1))
run("PY_MOMENTUM_LECTURE lr=0.1 gamma=0.9", momentum(0.1, 0.9, True))
run("PY_MOMENTUM_CLASSIC lr=0.1 gamma=0.9", momentum(0.1, 0.9, False))
run("PY_NESTEROV_LECTURE lr=0.1 gamma=0.9", nesterov(0.1, 0.9, True))
run("PY_NESTEROV_CLASSIC lr=0.1 gamma=0.9", nesterov(0.1, 0.9, False))
run("PY_ADAM lr=0.1 b1=0.9 b2=0.999 eps=1e-8", adam(0.1, 0.9, 0.999, 1e-8))
run("PY_RMSPROP lr=0.01 rho=0.9 eps=1e-8", rmsprop(0.01, 0.9, 1e-8))
run("PY_ADADELTA rho=0.95 eps=1e-6", adadelta(0.95, 1e-6))
