use proptest::prelude::*;

use super::stability::{eta_max, short};
use super::*;
use crate::lang::Lang;

fn quadratic(kappa: f64) -> DescentConfig {
    DescentConfig::new(Surface::Quadratic { kappa })
}

/// Five steps of (w₁, w₂, ν₁, ν₂) compared with the float64 script to 1e-6 (relative above 1).
fn assert_five_steps(config: &DescentConfig, method: Method, expected: &[[f64; 4]; 5]) {
    let t = descend(config, method).unwrap();
    for (k, (step, e)) in t.steps.iter().zip(expected).enumerate() {
        let actual = [step.to[0], step.to[1], step.velocity[0], step.velocity[1]];
        for i in 0..4 {
            let tol = 1e-6 * e[i].abs().max(1.0);
            assert!(
                (f64::from(actual[i]) - e[i]).abs() <= tol,
                "{method:?} step {}: value {i} is {} but the script gives {}",
                k + 1,
                actual[i],
                e[i]
            );
        }
        assert_eq!(t.points[k + 1], step.to);
    }
}

#[test]
fn five_steps_of_each_method_match_the_reference_script() {
    let lecture = quadratic(10.0);
    let gd = DescentConfig {
        learning_rate: 0.15,
        ..lecture
    };
    assert_five_steps(&gd, Method::Gd, &PY_GD);
    assert_five_steps(&lecture, Method::Momentum, &PY_MOMENTUM);
    assert_five_steps(&lecture, Method::Nesterov, &PY_NESTEROV);
    let classic = DescentConfig {
        learning_rate: 0.08,
        form: MomentumForm::Classic,
        ..lecture
    };
    assert_five_steps(&classic, Method::Momentum, &PY_MOMENTUM_CLASSIC);
    assert_five_steps(&classic, Method::Nesterov, &PY_NESTEROV_CLASSIC);
}

#[test]
fn nesterov_takes_its_gradient_at_the_look_ahead_point() {
    let config = quadratic(10.0);
    let t = descend(&config, Method::Nesterov).unwrap();
    assert_eq!(
        t.steps[0].look_ahead,
        Some(config.start),
        "ν = 0 at the start"
    );
    let s = t.steps[1];
    let ahead = s.look_ahead.unwrap();
    for ((a, w), v) in ahead.iter().zip(s.from).zip(s.velocity_before) {
        assert!((a - (w - 0.8 * 0.9 * v)).abs() < 1e-6);
    }
    assert_eq!(s.gradient, [ahead[0], 10.0 * ahead[1]]);
    assert_eq!(
        descend(&config, Method::Momentum).unwrap().steps[1].look_ahead,
        None
    );
}

#[test]
fn step_counts_at_the_defaults() {
    // The page's defaults: κ = 10, η = 0.8, γ = 0.9, start (−4, 1.5). The float64 script gives
    // the same counts (gd diverges at 3, momentum 182, Nesterov 83).
    let config = quadratic(10.0);
    let [gd, momentum, nesterov] = Method::LECTURE.map(|m| descend(&config, m).unwrap());
    let Outcome::Diverged(d) = gd.outcome else {
        panic!("gradient descent should diverge: {:?}", gd.outcome)
    };
    assert_eq!(d.step, 3);
    assert_eq!(momentum.settled_at(), Some(182));
    assert_eq!(nesterov.settled_at(), Some(83));
    assert_eq!(steps_to_show(&[gd, momentum, nesterov], MAX_STEPS), 192);
    // γ = 0.8: momentum settles sooner, Nesterov breaks its bound 2(1 + γ)/((1 + 2γ)(1 − γ)κ) ≈ 0.69.
    let lower = DescentConfig {
        gamma: 0.8,
        ..config
    };
    assert_eq!(
        descend(&lower, Method::Momentum).unwrap().settled_at(),
        Some(89)
    );
    let nesterov = descend(&lower, Method::Nesterov).unwrap();
    assert!(matches!(
        nesterov.outcome,
        Outcome::Diverged(Divergence { step: 19, .. })
    ));
}

#[test]
fn momentum_overshoots_across_the_valley_and_nesterov_damps_it() {
    let config = quadratic(10.0);
    let crossings = |m: Method| {
        let t = descend(&config, m).unwrap();
        t.points[..60]
            .windows(2)
            .filter(|p| p[0][1].signum() != p[1][1].signum() && p[0][1].abs() > 0.05)
            .count()
    };
    assert!(crossings(Method::Momentum) > crossings(Method::Nesterov) + 3);
}

#[test]
fn divergence_is_explained_with_the_bound_of_the_quadratic() {
    let config = quadratic(10.0);
    let Outcome::Diverged(d) = descend(&config, Method::Gd).unwrap().outcome else {
        panic!()
    };
    assert_eq!(
        d.message(Lang::En),
        "diverged at step 3: for this quadratic gradient descent needs η < 2/κ = 0.2 (now η = 0.8)"
    );
    assert_eq!(
        d.message(Lang::Ru),
        "расходится на шаге 3: на этой параболе градиентному спуску нужно η < 2/κ = 0.2 (сейчас η = 0.8)"
    );
    let lower = DescentConfig {
        gamma: 0.8,
        ..config
    };
    let Outcome::Diverged(d) = descend(&lower, Method::Nesterov).unwrap().outcome else {
        panic!()
    };
    assert_eq!(
        d.message(Lang::En),
        "diverged at step 19: for this quadratic Nesterov needs η < 2(1 + γ)/((1 + 2γ)(1 − γ)·κ) = 0.692 (now η = 0.8)"
    );
    // Elsewhere the curvature at the start is used.
    let rosen = DescentConfig {
        learning_rate: 0.1,
        ..DescentConfig::new(Surface::Rosenbrock)
    };
    let Outcome::Diverged(d) = descend(&rosen, Method::Gd).unwrap().outcome else {
        panic!()
    };
    let text = d.message(Lang::En);
    assert!(
        text.contains("near the start the largest curvature is λ = "),
        "{text}"
    );
    assert!(d.message(Lang::Ru).contains("наибольшая кривизна"));
}

#[test]
fn the_bounds_separate_stable_from_diverging_runs() {
    for (kappa, gamma) in [(10.0, 0.9), (25.0, 0.5), (100.0, 0.8), (3.0, 0.0)] {
        for method in Method::LECTURE {
            let limit = eta_max(method, gamma, MomentumForm::Lecture, kappa).unwrap();
            let run = |eta: f64| {
                let config = DescentConfig {
                    learning_rate: eta as f32,
                    gamma: gamma as f32,
                    ..quadratic(kappa)
                };
                descend(&config, method).unwrap().outcome
            };
            if limit * 0.97 <= LEARNING_RATE_MAX {
                assert!(
                    !matches!(run(limit * 0.97), Outcome::Diverged(_)),
                    "{method:?} κ {kappa} γ {gamma}: η = 0.97·{limit}"
                );
            }
            if limit * 1.05 <= LEARNING_RATE_MAX {
                assert!(
                    matches!(run(limit * 1.05), Outcome::Diverged(_)),
                    "{method:?} κ {kappa} γ {gamma}: η = 1.05·{limit}"
                );
            }
        }
    }
}

#[test]
fn gradient_descent_stops_in_the_shallow_well_and_momentum_rolls_on() {
    let config = DescentConfig::new(Surface::TwoWells);
    let minima = Surface::TwoWells.minima();
    let end = |m: Method| {
        let t = descend(&config, m).unwrap();
        assert!(t.settled_at().is_some(), "{m:?}: {:?}", t.outcome);
        f64::from(*t.points.last().unwrap().first().unwrap())
    };
    assert!((end(Method::Gd) - minima[1].w[0]).abs() < 1e-2, "shallow");
    assert!(
        (end(Method::Momentum) - minima[0].w[0]).abs() < 1e-2,
        "deep"
    );
}

#[test]
fn the_rosenbrock_defaults_do_not_diverge() {
    let config = DescentConfig::new(Surface::Rosenbrock);
    for m in Method::ALL {
        let t = descend(&config, m).unwrap();
        assert!(!matches!(t.outcome, Outcome::Diverged(_)), "{m:?}");
    }
}

#[test]
fn noise_is_seeded_shared_and_averaged_by_momentum() {
    let config = DescentConfig {
        noise: 0.5,
        learning_rate: 0.1,
        ..quadratic(10.0)
    };
    let a = descend(&config, Method::Gd).unwrap();
    assert_eq!(
        a,
        descend(&config, Method::Gd).unwrap(),
        "same seed, same path"
    );
    let other = DescentConfig { seed: 2, ..config };
    assert_ne!(a.points, descend(&other, Method::Gd).unwrap().points);
    // Near the end both jitter around the minimum; momentum's average of gradients jitters less
    // (measured: mean L − L* 0.0090 against 0.0169).
    let spread = |m: Method| {
        let t = descend(&config, m).unwrap();
        let tail = &t.excess_loss[500..];
        tail.iter().sum::<f64>() / tail.len() as f64
    };
    let (m, g) = (spread(Method::Momentum), spread(Method::Gd));
    assert!(m < 0.7 * g, "momentum {m}, gd {g}");
}

#[test]
fn settings_are_checked_with_messages_in_both_languages() {
    let ok = quadratic(10.0);
    for (config, ru) in [
        (
            DescentConfig {
                learning_rate: 0.0,
                ..ok
            },
            "Шаг обучения",
        ),
        (DescentConfig { gamma: 1.0, ..ok }, "γ"),
        (DescentConfig { noise: -1.0, ..ok }, "σ"),
        (
            DescentConfig {
                start: [9.0, 0.0],
                ..ok
            },
            "вне",
        ),
        (
            DescentConfig {
                start: [f32::NAN, 0.0],
                ..ok
            },
            "вне",
        ),
        (quadratic(500.0), "κ"),
    ] {
        let e = descend(&config, Method::Gd).unwrap_err();
        assert!(e.message(Lang::Ru).contains(ru), "{e}");
    }
}

#[test]
fn the_written_update_carries_the_numbers_of_the_step() {
    let config = quadratic(10.0);
    let t = descend(&config, Method::Nesterov).unwrap();
    let w = written_update(&config, Method::Nesterov, &t.steps[1], Lang::En);
    assert_eq!(
        w.lines,
        [
            "w − ηγν = (−3.68, 0.3) − 0.72·(−0.4, 1.5) = (−3.392, −0.78)",
            "∇L(w − ηγν) = (−3.392, −7.8)",
            "ν = 0.9·(−0.4, 1.5) + 0.1·(−3.392, −7.8) = (−0.699, 0.57)",
            "w = (−3.68, 0.3) − 0.8·(−0.699, 0.57) = (−3.121, −0.156)",
        ]
    );
    let m = descend(&config, Method::Momentum).unwrap();
    let w = written_update(&config, Method::Momentum, &m.steps[0], Lang::En);
    assert_eq!(
        w.lines,
        [
            "∇L(w) = (−4, 15)",
            "ν = 0.9·(0, 0) + 0.1·(−4, 15) = (−0.4, 1.5)",
            "w = (−4, 1.5) − 0.8·(−0.4, 1.5) = (−3.68, 0.3)",
        ]
    );
    let classic = DescentConfig {
        form: MomentumForm::Classic,
        learning_rate: 0.08,
        ..config
    };
    let c = descend(&classic, Method::Momentum).unwrap();
    let w = written_update(&classic, Method::Momentum, &c.steps[0], Lang::En);
    assert_eq!(w.lines[1], "ν = 0.9·(0, 0) + (−4, 15) = (−4, 15)");
}

#[test]
fn short_numbers_keep_three_significant_digits() {
    assert_eq!(short(0.2), "0.2");
    assert_eq!(short(2.0 / 2402.0), "0.000833");
    assert_eq!(short(1.357_142), "1.36");
    assert_eq!(short(3.8), "3.8");
    assert_eq!(short(2402.0), "2402");
    assert_eq!(short(-0.5), "−0.5");
}

proptest! {
    /// On any quadratic the lecture forms and the classic forms at η·(1 − γ) take the same path.
    #[test]
    fn classic_forms_follow_the_lecture_path(
        kappa in 1.0f64..100.0,
        gamma in 0.0f32..0.95,
        eta in 0.01f32..0.5,
        w1 in -5.0f32..5.0,
        w2 in -2.5f32..2.5,
    ) {
        let lecture = DescentConfig {
            learning_rate: eta,
            gamma,
            start: [w1, w2],
            max_steps: 20,
            ..quadratic(kappa)
        };
        let classic = DescentConfig {
            learning_rate: eta * (1.0 - gamma),
            form: MomentumForm::Classic,
            ..lecture
        };
        for m in [Method::Momentum, Method::Nesterov] {
            let (a, b) = (descend(&lecture, m).unwrap(), descend(&classic, m).unwrap());
            for (p, q) in a.points.iter().zip(&b.points) {
                for k in 0..2 {
                    let scale = p[k].abs().max(1.0);
                    prop_assert!((p[k] - q[k]).abs() <= 1e-4 * scale, "{:?} {:?} vs {:?}", m, p, q);
                }
            }
        }
    }

    /// Gradient descent on ½(w₁² + κw₂²) is w_t = ((1 − η)ᵗ·w₁, (1 − ηκ)ᵗ·w₂).
    #[test]
    fn gradient_descent_follows_the_closed_form(kappa in 1.0f64..100.0, eta in 0.001f32..0.019) {
        let config = DescentConfig { learning_rate: eta, max_steps: 30, ..quadratic(kappa) };
        let t = descend(&config, Method::Gd).unwrap();
        for (step, p) in t.points.iter().enumerate() {
            let e = f64::from(eta);
            let exact = [-4.0 * (1.0 - e).powi(step as i32), 1.5 * (1.0 - e * kappa).powi(step as i32)];
            for k in 0..2 {
                prop_assert!((f64::from(p[k]) - exact[k]).abs() < 1e-5);
            }
        }
    }
}

// Pasted output of `python3 crates/cnn/tests/descent_reference.py` (float64): (w₁, w₂, ν₁, ν₂).
const PY_GD: [[f64; 4]; 5] = [
    [-3.4, -0.75, 0.0, 0.0],
    [-2.8899999999999997, 0.375, 0.0, 0.0],
    [-2.4564999999999997, -0.1875, 0.0, 0.0],
    [-2.0880249999999996, 0.09375, 0.0, 0.0],
    [-1.7748212499999996, -0.046875, 0.0, 0.0],
];
const PY_MOMENTUM: [[f64; 4]; 5] = [
    [
        -3.68,
        0.30000000000000027,
        -0.3999999999999999,
        1.4999999999999996,
    ],
    [
        -3.0976000000000004,
        -1.0199999999999998,
        -0.7279999999999999,
        1.65,
    ],
    [
        -2.3256320000000006,
        -1.3920000000000001,
        -0.9649599999999998,
        0.4650000000000003,
    ],
    [
        -1.4448102400000007,
        -0.6132000000000004,
        -1.1010271999999999,
        -0.9734999999999996,
    ],
    [
        -0.5364858368000007,
        0.5782799999999997,
        -1.135405504,
        -1.48935,
    ],
];
const PY_NESTEROV: [[f64; 4]; 5] = [
    [
        -3.68,
        0.30000000000000027,
        -0.3999999999999999,
        1.4999999999999996,
    ],
    [
        -3.1206400000000003,
        -0.15599999999999997,
        -0.6991999999999998,
        0.5700000000000003,
    ],
    [
        -2.4078387200000004,
        -0.11328000000000005,
        -0.8910015999999998,
        -0.05339999999999989,
    ],
    [
        -1.6250121625600005,
        -0.014966400000000046,
        -0.9785331967999998,
        -0.122892,
    ],
    [
        -0.8468307999948805,
        0.014703167999999989,
        -0.9727267032063999,
        -0.037086960000000044,
    ],
];
const PY_MOMENTUM_CLASSIC: [[f64; 4]; 5] = [
    [-3.68, 0.30000000000000004, -4.0, 15.0],
    [-3.0976, -1.02, -7.28, 16.5],
    [-2.3256319999999997, -1.3920000000000001, -9.6496, 4.65],
    [-1.4448102399999998, -0.6132, -11.010272, -9.735000000000001],
    [
        -0.5364858367999996,
        0.5782800000000001,
        -11.354055040000002,
        -14.893500000000001,
    ],
];
const PY_NESTEROV_CLASSIC: [[f64; 4]; 5] = [
    [-3.68, 0.30000000000000004, -4.0, 15.0],
    [
        -3.12064,
        -0.15599999999999992,
        -6.992000000000001,
        5.699999999999999,
    ],
    [
        -2.40783872,
        -0.11327999999999999,
        -8.910016,
        -0.5339999999999989,
    ],
    [
        -1.62501216256,
        -0.014966400000000019,
        -9.785331968000001,
        -1.2289199999999996,
    ],
    [
        -0.8468307999948799,
        0.014703167999999985,
        -9.727267032064002,
        -0.3708696,
    ],
];
