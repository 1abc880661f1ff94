//! Two-dimensional loss surfaces L(w₁, w₂) on which the optimizers of [`crate::optim`] are
//! watched step by step (the app's Optimization section).
//!
//! | surface | L(w) | ∇L(w) | minima |
//! |---|---|---|---|
//! | elongated quadratic | ½·(w₁² + κ·w₂²), κ ∈ [1, 100] | (w₁, κ·w₂) | (0, 0), L* = 0 |
//! | Rosenbrock | (1 − w₁)² + 100·(w₂ − w₁²)² | (−2(1 − w₁) − 400·w₁(w₂ − w₁²), 200·(w₂ − w₁²)) | (1, 1), L* = 0 |
//! | two wells | (w₁² − 4)²/8 + w₁/2 + w₂²/2 | (w₁(w₁² − 4)/2 + 1/2, w₂) | w₁ the roots of w₁³ − 4w₁ + 1 = 0 near 1.86 (shallow) and −2.11 (deep), w₂ = 0 |
//!
//! The quadratic's curvatures are 1 and κ (its Hessian is diag(1, κ)), so κ is its condition
//! number: the larger κ, the narrower the valley along w₂. The two-wells surface tilts a double
//! well so that the well met first from the right is the shallow one: gradient descent stops
//! there, momentum can roll over the ridge at w₁ ≈ 0.25 into the deep one.

use crate::lang::{Lang, Localized};

/// The smallest and largest κ of the quadratic.
pub const KAPPA_MIN: f64 = 1.0;
pub const KAPPA_MAX: f64 = 100.0;

/// A loss surface of two weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Surface {
    /// ½·(w₁² + κ·w₂²).
    Quadratic { kappa: f64 },
    /// (1 − w₁)² + 100·(w₂ − w₁²)².
    Rosenbrock,
    /// (w₁² − 4)²/8 + w₁/2 + w₂²/2: a shallow minimum on the right, a deep one on the left.
    TwoWells,
}

/// A local minimum of a surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Minimum {
    pub w: [f64; 2],
    pub value: f64,
    /// The global minimum (the one L* refers to).
    pub global: bool,
}

/// The rectangle of weights a surface is drawn on: w₁ in `w1`, w₂ in `w2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub w1: (f64, f64),
    pub w2: (f64, f64),
}

impl View {
    pub fn contains(&self, w: [f64; 2]) -> bool {
        (self.w1.0..=self.w1.1).contains(&w[0]) && (self.w2.0..=self.w2.1).contains(&w[1])
    }

    /// `w` moved into the rectangle.
    pub fn clamp(&self, w: [f64; 2]) -> [f64; 2] {
        [
            w[0].clamp(self.w1.0, self.w1.1),
            w[1].clamp(self.w2.0, self.w2.1),
        ]
    }
}

/// The roots of w³ − 4w + 1 = 0 that are minima of the two-wells surface, by Newton's method
/// from the integer points next to them (it converges in a few steps there).
fn two_wells_minima() -> [f64; 2] {
    [2.0, -2.0].map(|mut x: f64| {
        for _ in 0..50 {
            x -= (x * x * x - 4.0 * x + 1.0) / (3.0 * x * x - 4.0);
        }
        x
    })
}

impl Surface {
    /// The three surfaces with their default parameters, in the order the page offers them.
    pub const ALL: [Surface; 3] = [
        Surface::Quadratic { kappa: 10.0 },
        Surface::Rosenbrock,
        Surface::TwoWells,
    ];

    /// A short name for URLs and tests: `quadratic`, `rosenbrock`, `wells`.
    pub fn key(&self) -> &'static str {
        match self {
            Surface::Quadratic { .. } => "quadratic",
            Surface::Rosenbrock => "rosenbrock",
            Surface::TwoWells => "wells",
        }
    }

    pub fn from_key(key: &str, kappa: f64) -> Option<Surface> {
        match key {
            "quadratic" => Some(Surface::Quadratic { kappa }),
            "rosenbrock" => Some(Surface::Rosenbrock),
            "wells" => Some(Surface::TwoWells),
            _ => None,
        }
    }

    pub fn display_name(&self, lang: Lang) -> &'static str {
        match self {
            Surface::Quadratic { .. } => lang.pick("Вытянутая парабола", "Elongated quadratic"),
            Surface::Rosenbrock => lang.pick("Функция Розенброка", "Rosenbrock function"),
            Surface::TwoWells => lang.pick("Две ямы", "Two wells"),
        }
    }

    /// The formula, as the page writes it (κ is written as a letter).
    pub fn formula(&self) -> &'static str {
        match self {
            Surface::Quadratic { .. } => "L(w) = ½·(w₁² + κ·w₂²)",
            Surface::Rosenbrock => "L(w) = (1 − w₁)² + 100·(w₂ − w₁²)²",
            Surface::TwoWells => "L(w) = (w₁² − 4)²/8 + w₁/2 + w₂²/2",
        }
    }

    pub fn value(&self, w: [f64; 2]) -> f64 {
        let [x, y] = w;
        match *self {
            Surface::Quadratic { kappa } => 0.5 * (x * x + kappa * y * y),
            Surface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            Surface::TwoWells => (x * x - 4.0).powi(2) / 8.0 + x / 2.0 + y * y / 2.0,
        }
    }

    pub fn gradient(&self, w: [f64; 2]) -> [f64; 2] {
        let [x, y] = w;
        match *self {
            Surface::Quadratic { kappa } => [x, kappa * y],
            Surface::Rosenbrock => [
                -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
                200.0 * (y - x * x),
            ],
            Surface::TwoWells => [x * (x * x - 4.0) / 2.0 + 0.5, y],
        }
    }

    /// The matrix of second derivatives (symmetric).
    pub fn hessian(&self, w: [f64; 2]) -> [[f64; 2]; 2] {
        let [x, y] = w;
        match *self {
            Surface::Quadratic { kappa } => [[1.0, 0.0], [0.0, kappa]],
            Surface::Rosenbrock => {
                let xy = -400.0 * x;
                [[2.0 - 400.0 * (y - x * x) + 800.0 * x * x, xy], [xy, 200.0]]
            }
            Surface::TwoWells => [[(3.0 * x * x - 4.0) / 2.0, 0.0], [0.0, 1.0]],
        }
    }

    /// The largest curvature at `w`: the largest eigenvalue of the Hessian.
    pub fn max_curvature(&self, w: [f64; 2]) -> f64 {
        let [[a, b], [_, d]] = self.hessian(w);
        let mean = (a + d) / 2.0;
        mean + ((a - d) * (a - d) / 4.0 + b * b).sqrt()
    }

    /// The local minima, the global one first.
    pub fn minima(&self) -> Vec<Minimum> {
        match self {
            Surface::Quadratic { .. } | Surface::Rosenbrock => {
                let w = if matches!(self, Surface::Rosenbrock) {
                    [1.0, 1.0]
                } else {
                    [0.0, 0.0]
                };
                vec![Minimum {
                    w,
                    value: 0.0,
                    global: true,
                }]
            }
            Surface::TwoWells => {
                let [shallow, deep] = two_wells_minima();
                [(deep, true), (shallow, false)]
                    .into_iter()
                    .map(|(x, global)| Minimum {
                        w: [x, 0.0],
                        value: self.value([x, 0.0]),
                        global,
                    })
                    .collect()
            }
        }
    }

    /// L*, the smallest value of the surface.
    pub fn min_value(&self) -> f64 {
        self.minima()
            .iter()
            .find(|m| m.global)
            .map_or(0.0, |m| m.value)
    }

    /// The rectangle the page draws (and in which a start point may be chosen).
    pub fn view(&self) -> View {
        match self {
            Surface::Quadratic { .. } => View {
                w1: (-5.0, 5.0),
                w2: (-2.5, 2.5),
            },
            Surface::Rosenbrock => View {
                w1: (-2.0, 2.0),
                w2: (-1.0, 3.0),
            },
            Surface::TwoWells => View {
                w1: (-4.0, 4.0),
                w2: (-2.5, 2.5),
            },
        }
    }

    /// The start point the page suggests.
    pub fn default_start(&self) -> [f64; 2] {
        match self {
            Surface::Quadratic { .. } => [-4.0, 1.5],
            Surface::Rosenbrock => [-1.5, 2.0],
            Surface::TwoWells => [3.5, 1.5],
        }
    }

    /// The learning rate the page suggests for this surface (lecture form of momentum).
    pub fn default_learning_rate(&self) -> f64 {
        match self {
            Surface::Quadratic { .. } => 0.8,
            Surface::Rosenbrock => 0.002,
            Surface::TwoWells => 0.1,
        }
    }

    /// κ, when the surface is the quadratic.
    pub fn kappa(&self) -> Option<f64> {
        match *self {
            Surface::Quadratic { kappa } => Some(kappa),
            _ => None,
        }
    }

    /// Checks the surface's parameter (κ of the quadratic lies in [1, 100]).
    pub fn validate(&self) -> Result<(), SurfaceError> {
        match *self {
            Surface::Quadratic { kappa } if !(KAPPA_MIN..=KAPPA_MAX).contains(&kappa) => {
                Err(SurfaceError::Kappa(kappa))
            }
            _ => Ok(()),
        }
    }
}

/// A surface that cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SurfaceError {
    /// κ outside [1, 100] (or not a number).
    Kappa(f64),
}

impl Localized for SurfaceError {
    fn message(&self, lang: Lang) -> String {
        let SurfaceError::Kappa(kappa) = *self;
        match lang {
            Lang::Ru => format!(
                "κ должно быть числом от {KAPPA_MIN} до {KAPPA_MAX}, а не {kappa}: это отношение \
                 кривизн параболы вдоль w₂ и вдоль w₁."
            ),
            Lang::En => format!(
                "κ must be a number from {KAPPA_MIN} to {KAPPA_MAX}, not {kappa}: it is the \
                 ratio of the quadratic's curvatures along w₂ and along w₁."
            ),
        }
    }
}

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SurfaceError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces() -> [Surface; 4] {
        [
            Surface::Quadratic { kappa: 10.0 },
            Surface::Quadratic { kappa: 73.5 },
            Surface::Rosenbrock,
            Surface::TwoWells,
        ]
    }

    #[test]
    fn gradients_match_finite_differences() {
        let h = 1e-6;
        for s in surfaces() {
            for w in [[-1.3, 0.7], [0.4, -2.1], [1.9, 1.1], [-3.2, 0.05]] {
                let g = s.gradient(w);
                for k in 0..2 {
                    let (mut plus, mut minus) = (w, w);
                    plus[k] += h;
                    minus[k] -= h;
                    let fd = (s.value(plus) - s.value(minus)) / (2.0 * h);
                    assert!(
                        (fd - g[k]).abs() <= 1e-5 * fd.abs().max(1.0),
                        "{s:?} at {w:?}: ∂L/∂w{k} = {} but finite differences give {fd}",
                        g[k]
                    );
                }
            }
        }
    }

    #[test]
    fn hessians_match_finite_differences_of_the_gradient() {
        let h = 1e-6;
        for s in surfaces() {
            for w in [[-1.3, 0.7], [0.4, -2.1], [1.9, 1.1]] {
                let hess = s.hessian(w);
                for k in 0..2 {
                    let (mut plus, mut minus) = (w, w);
                    plus[k] += h;
                    minus[k] -= h;
                    let (gp, gm) = (s.gradient(plus), s.gradient(minus));
                    for j in 0..2 {
                        let fd = (gp[j] - gm[j]) / (2.0 * h);
                        assert!((fd - hess[j][k]).abs() <= 1e-4 * fd.abs().max(1.0));
                    }
                }
            }
        }
    }

    #[test]
    fn minima_are_stationary_and_the_global_one_is_lowest() {
        for s in surfaces() {
            let minima = s.minima();
            assert!(minima[0].global);
            for m in &minima {
                let g = s.gradient(m.w);
                assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12, "{s:?} {m:?}");
                assert!(m.value >= s.min_value());
                assert!(s.max_curvature(m.w) > 0.0);
            }
        }
        let wells = Surface::TwoWells.minima();
        assert_eq!(wells.len(), 2);
        // w₁³ − 4w₁ + 1 = 0: −2.1149 (deep) and 1.8608 (shallow).
        assert!((wells[0].w[0] + 2.114_907_541).abs() < 1e-8);
        assert!((wells[1].w[0] - 1.860_805_853).abs() < 1e-8);
        assert!(
            (wells[0].value - (-1.029_507)).abs() < 1e-6,
            "{}",
            wells[0].value
        );
        assert!(wells[1].value > wells[0].value + 1.5);
        assert_eq!(Surface::Rosenbrock.min_value(), 0.0);
    }

    #[test]
    fn curvature_of_the_quadratic_is_kappa_and_kappa_is_checked() {
        let s = Surface::Quadratic { kappa: 10.0 };
        assert_eq!(s.max_curvature([3.0, -1.0]), 10.0);
        assert!(s.validate().is_ok());
        let bad = Surface::Quadratic { kappa: 0.5 };
        assert_eq!(bad.validate(), Err(SurfaceError::Kappa(0.5)));
        assert!(
            bad.validate()
                .unwrap_err()
                .message(Lang::Ru)
                .contains("κ должно")
        );
        assert!(Surface::Quadratic { kappa: f64::NAN }.validate().is_err());
    }

    #[test]
    fn keys_round_trip_and_default_starts_lie_in_the_view() {
        for s in Surface::ALL {
            assert_eq!(Surface::from_key(s.key(), 10.0), Some(s));
            assert!(s.view().contains(s.default_start()));
        }
        assert_eq!(Surface::from_key("saddle", 1.0), None);
    }
}
