//! Activation functions and their derivatives, exactly as the network applies them.
//!
//! | name       | f(x)                       | f′(x)                         |
//! |------------|----------------------------|-------------------------------|
//! | Sigmoid    | σ(x) = 1 / (1 + e^(−x))    | σ(x)·(1 − σ(x))               |
//! | Tanh       | tanh x                     | 1 − tanh² x                   |
//! | ReLU       | max(0, x)                  | 1 if x > 0, else 0            |
//! | Softplus   | ln(1 + eˣ)                 | σ(x)                          |
//! | Leaky ReLU | x if x > 0, else a·x       | 1 if x > 0, else a            |
//!
//! The derivative of ReLU at exactly 0 is taken as 0 (the subgradient most libraries use).
//! All functions are written to stay finite for any finite x (no `e^x` overflow).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The slope ConvNetJS-era papers use for Leaky ReLU's negative side.
pub const DEFAULT_LEAKY_SLOPE: f32 = 0.01;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    Sigmoid,
    Tanh,
    Relu,
    Softplus,
    LeakyRelu { slope: f32 },
}

impl Activation {
    /// The four of the lecture, then Leaky ReLU, in the order the app lists them.
    pub const ALL: [Activation; 5] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Softplus,
        Activation::LeakyRelu {
            slope: DEFAULT_LEAKY_SLOPE,
        },
    ];

    /// The name used in the network's text spec (`relu`, `sigmoid`, `tanh`, `softplus`, `leaky_relu`).
    pub fn spec_name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Softplus => "softplus",
            Activation::LeakyRelu { .. } => "leaky_relu",
        }
    }

    pub fn from_spec_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.spec_name() == name)
    }

    /// The name a student reads.
    pub fn display_name(self, lang: Lang) -> &'static str {
        match self {
            Activation::Sigmoid => lang.pick("сигмоида", "sigmoid"),
            Activation::Tanh => lang.pick("гиперболический тангенс", "tanh"),
            Activation::Relu => "ReLU",
            Activation::Softplus => "softplus",
            Activation::LeakyRelu { .. } => "Leaky ReLU",
        }
    }

    /// f(x) in double precision (for plots and tables).
    pub fn value(self, x: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(x),
            Activation::Tanh => x.tanh(),
            Activation::Relu => x.max(0.0),
            Activation::Softplus => softplus(x),
            Activation::LeakyRelu { slope } => {
                if x > 0.0 {
                    x
                } else {
                    f64::from(slope) * x
                }
            }
        }
    }

    /// f′(x) in double precision.
    pub fn derivative(self, x: f64) -> f64 {
        match self {
            Activation::Sigmoid => {
                let s = sigmoid(x);
                s * (1.0 - s)
            }
            Activation::Tanh => {
                let t = x.tanh();
                1.0 - t * t
            }
            Activation::Relu => f64::from(u8::from(x > 0.0)),
            Activation::Softplus => sigmoid(x),
            Activation::LeakyRelu { slope } => {
                if x > 0.0 {
                    1.0
                } else {
                    f64::from(slope)
                }
            }
        }
    }

    /// f(x) in single precision, as the layers compute it.
    #[inline]
    pub fn value_f32(self, x: f32) -> f32 {
        match self {
            Activation::Sigmoid => sigmoid_f32(x),
            Activation::Tanh => x.tanh(),
            Activation::Relu => x.max(0.0),
            Activation::Softplus => x.max(0.0) + (-x.abs()).exp().ln_1p(),
            Activation::LeakyRelu { slope } => {
                if x > 0.0 {
                    x
                } else {
                    slope * x
                }
            }
        }
    }

    /// f′ expressed through the already computed output y = f(x) where that is cheaper
    /// (sigmoid, tanh, ReLU), else through x. Layers keep both, so they pass both.
    #[inline]
    pub fn derivative_f32(self, x: f32, y: f32) -> f32 {
        match self {
            Activation::Sigmoid => y * (1.0 - y),
            Activation::Tanh => 1.0 - y * y,
            Activation::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Softplus => sigmoid_f32(x),
            Activation::LeakyRelu { slope } => {
                if x > 0.0 {
                    1.0
                } else {
                    slope
                }
            }
        }
    }
}

/// σ(x) = 1 / (1 + e^(−x)), evaluated so that e^(…) never overflows.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

fn sigmoid_f32(x: f32) -> f32 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|)), exact for large |x| too.
pub fn softplus(x: f64) -> f64 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lecture_values_of_the_sigmoid() {
        // Lecture: σ(5) ≈ 0.9933, σ(10) ≈ 0.9999 (1/(1+e^-5) = 0.993307149…, 1/(1+e^-10) = 0.999954602…).
        assert!((sigmoid(5.0) - 0.993_307_149_075_715_4).abs() < 1e-15);
        assert!((sigmoid(10.0) - 0.999_954_602_131_297_6).abs() < 1e-15);
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
    }

    #[test]
    fn softplus_is_stable_and_its_derivative_is_the_sigmoid() {
        assert!((softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-15);
        assert_eq!(softplus(1000.0), 1000.0);
        assert_eq!(softplus(-1000.0), 0.0);
        assert!(Activation::Softplus.value_f32(100.0).is_finite());
    }

    #[test]
    fn derivatives_match_central_differences() {
        // Central difference with h = 1e-5 in f64: truncation error ~h²·f‴ ≈ 1e-10, rounding ≈ 1e-11.
        let h = 1e-5;
        for act in Activation::ALL {
            for x in [-3.0, -0.7, 0.3, 1.0, 2.5] {
                let numeric = (act.value(x + h) - act.value(x - h)) / (2.0 * h);
                assert!((numeric - act.derivative(x)).abs() < 1e-8, "{act:?} at {x}");
                let xf = x as f32;
                let yf = act.value_f32(xf);
                assert!(
                    (f64::from(yf) - act.value(x)).abs() < 1e-6,
                    "{act:?} f32 value at {x}"
                );
                assert!((f64::from(act.derivative_f32(xf, yf)) - act.derivative(x)).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn relu_gradient_does_not_vanish_but_sigmoid_saturates() {
        assert_eq!(Activation::Relu.derivative(10.0), 1.0);
        assert!(Activation::Sigmoid.derivative(10.0) < 5e-5);
        assert_eq!(Activation::Relu.derivative(0.0), 0.0);
        assert_eq!(
            Activation::from_spec_name("leaky_relu"),
            Some(Activation::LeakyRelu { slope: 0.01 })
        );
    }
}
