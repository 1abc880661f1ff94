#!/usr/bin/env python3
"""Independent reference for the descent tests in crates/cnn/src/descent/tests.rs.

Written from the lecture's formulas (not from the Rust code), in plain float64 Python:
  gradient descent  w = w - eta * L'(w)
  momentum          nu = gamma*nu + (1 - gamma)*L'(w);           w = w - eta*nu   (lecture form)
  Nesterov          nu = gamma*nu + (1 - gamma)*L'(w - eta*gamma*nu); w = w - eta*nu (lecture form)
  classic forms     v = gamma*v + L'(...);                        w = w - eta*v
Surface: L(w) = 1/2 (w1^2 + kappa w2^2), kappa = 10, start w = (-4, 1.5).
Lecture forms with eta = 0.8, gamma = 0.9; classic forms with eta = 0.8 * (1 - 0.9) = 0.08 (the
same path); gradient descent with eta = 0.15 (at 0.8 it diverges: it needs eta < 2/kappa = 0.2).
Run: python3 crates/cnn/tests/descent_reference.py  - prints five iterates (w1, w2, nu1, nu2) each,
and the steps to ||grad L|| < 1e-3 (held to the last of 1000 steps) at the page's defaults.
"""
import math

KAPPA = 10.0
START = (-4.0, 1.5)


def grad(w):
    return [w[0], KAPPA * w[1]]


def run(method, eta, gamma, lecture, n):
    w = list(START)
    v = [0.0, 0.0]
    out = []
    for _ in range(n):
        if method == "gd":
            g = grad(w)
            w = [w[i] - eta * g[i] for i in range(2)]
        else:
            at = w if method == "momentum" else [w[i] - eta * gamma * v[i] for i in range(2)]
            g = grad(at)
            weight = (1 - gamma) if lecture else 1.0
            v = [gamma * v[i] + weight * g[i] for i in range(2)]
            w = [w[i] - eta * v[i] for i in range(2)]
        out.append((w[0], w[1], v[0], v[1]))
        loss = 0.5 * (w[0] ** 2 + KAPPA * w[1] ** 2)
        if not math.isfinite(loss) or loss > 1e6:
            return out, ("diverged", len(out))
    return out, None


def settled(method, eta, gamma, n=1000):
    path, div = run(method, eta, gamma, True, n)
    if div:
        return "diverged at step %d" % div[1]
    norms = [math.hypot(*grad(p[:2])) for p in path]
    last = max((i for i, g in enumerate(norms) if g >= 1e-3), default=-1)
    return last + 2


def show(name, rows):
    print(name, "= [")
    for r in rows:
        print("    [%r, %r, %r, %r]," % r)
    print("];")


show("PY_GD", run("gd", 0.15, 0.0, True, 5)[0])
show("PY_MOMENTUM", run("momentum", 0.8, 0.9, True, 5)[0])
show("PY_NESTEROV", run("nesterov", 0.8, 0.9, True, 5)[0])
show("PY_MOMENTUM_CLASSIC", run("momentum", 0.08, 0.9, False, 5)[0])
show("PY_NESTEROV_CLASSIC", run("nesterov", 0.08, 0.9, False, 5)[0])
for gamma in (0.9, 0.8):
    print("gamma", gamma, {m: settled(m, 0.8, gamma) for m in ("gd", "momentum", "nesterov")})
