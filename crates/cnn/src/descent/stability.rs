//! Why a descent diverged: the largest learning rate with which each method stays stable on a
//! quadratic of largest curvature λ (κ for ½(w₁² + κw₂²); elsewhere the Hessian's largest
//! eigenvalue, at the start point).
//!
//! On one eigen-direction the gradient is λw, and with a = η_c·λ (η_c = η·(1 − γ) in the lecture
//! form, η in the classic one) one step maps (w, η_c·v) linearly:
//! - gradient descent: w ← (1 − ηλ)·w, stable iff η < 2/λ;
//! - momentum: the matrix [[1 − a, −γ], [a, γ]] has trace 1 − a + γ and determinant γ; both
//!   eigenvalues lie inside the unit circle iff a < 2(1 + γ);
//! - Nesterov: [[1 − a, −γ(1 − a)], [a, γ(1 − a)]], trace (1 − a)(1 + γ), determinant γ(1 − a);
//!   stable iff a < 2(1 + γ)/(1 + 2γ).
//!
//! So in the lecture form momentum needs η < 2(1 + γ)/((1 − γ)·λ) and Nesterov
//! η < 2(1 + γ)/((1 + 2γ)(1 − γ)·λ). Adam and RMSProp divide by the gradient's size and have no
//! such bound.

use super::{DescentConfig, Method};
use crate::conv::format_number;
use crate::lang::{Lang, Localized};
use crate::optim::MomentumForm;

/// The largest stable learning rate of a method on a surface, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StabilityLimit {
    /// The learning rate must stay below this.
    pub eta_max: f64,
    /// λ, the largest curvature used.
    pub curvature: f64,
    /// Whether λ is the quadratic's κ (exact for the whole surface) or the curvature at the start.
    pub quadratic: bool,
}

/// The bound of `method` for curvature λ, or `None` (adaptive methods, λ ≤ 0).
pub fn eta_max(method: Method, gamma: f64, form: MomentumForm, curvature: f64) -> Option<f64> {
    if curvature <= 0.0 || !curvature.is_finite() {
        return None;
    }
    let weight = match form {
        MomentumForm::Lecture => 1.0 - gamma,
        MomentumForm::Classic => 1.0,
    };
    match method {
        Method::Gd => Some(2.0 / curvature),
        Method::Momentum => Some(2.0 * (1.0 + gamma) / (weight * curvature)),
        Method::Nesterov => Some(2.0 * (1.0 + gamma) / ((1.0 + 2.0 * gamma) * weight * curvature)),
        Method::Adam | Method::RmsProp => None,
    }
}

impl StabilityLimit {
    /// The limit for `method` with the config's surface, γ and form.
    pub fn of(config: &DescentConfig, method: Method) -> Option<StabilityLimit> {
        let surface = config.surface;
        let (curvature, quadratic) = match surface.kappa() {
            Some(kappa) => (kappa.max(1.0), true),
            None => (surface.max_curvature(config.start.map(f64::from)), false),
        };
        eta_max(method, f64::from(config.gamma), config.form, curvature).map(|eta_max| {
            StabilityLimit {
                eta_max,
                curvature,
                quadratic,
            }
        })
    }
}

/// A run that blew up: at which step, and the bound the learning rate broke (if there is one).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Divergence {
    pub method: Method,
    /// The 1-based step at which L − L* or |w| became too large.
    pub step: usize,
    pub learning_rate: f32,
    pub gamma: f32,
    pub form: MomentumForm,
    pub limit: Option<StabilityLimit>,
}

impl Divergence {
    pub fn new(config: &DescentConfig, method: Method, step: usize) -> Divergence {
        Divergence {
            method,
            step,
            learning_rate: config.learning_rate_of(method),
            gamma: config.gamma,
            form: config.form,
            limit: StabilityLimit::of(config, method),
        }
    }

    /// The bound as a formula in λ (or κ): `2/κ`, `2(1 + γ)/((1 − γ)·κ)`, …
    fn formula(&self, lambda: &str) -> String {
        let lecture = self.form == MomentumForm::Lecture;
        match (self.method, lecture) {
            (Method::Gd, _) => format!("2/{lambda}"),
            (Method::Momentum, true) => format!("2(1 + γ)/((1 − γ)·{lambda})"),
            (Method::Momentum, false) => format!("2(1 + γ)/{lambda}"),
            (Method::Nesterov, true) => format!("2(1 + γ)/((1 + 2γ)(1 − γ)·{lambda})"),
            (Method::Nesterov, false) => format!("2(1 + γ)/((1 + 2γ)·{lambda})"),
            (Method::Adam | Method::RmsProp, _) => String::new(),
        }
    }
}

/// A number for a sentence: 3 significant digits, a real minus sign (2/κ = 0.2, 1.36, 0.000833).
pub fn short(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format_number(value as f32);
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (2 - magnitude).clamp(0, 12) as usize;
    let text = format!("{:.*}", decimals, value.abs());
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if value < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

impl Localized for Divergence {
    fn message(&self, lang: Lang) -> String {
        let head = match lang {
            Lang::Ru => format!("расходится на шаге {}", self.step),
            Lang::En => format!("diverged at step {}", self.step),
        };
        let name = match (self.method, lang) {
            (Method::Gd, Lang::Ru) => "градиентному спуску",
            (Method::Momentum, Lang::Ru) => "методу импульса",
            (Method::Nesterov, Lang::Ru) => "методу Нестерова",
            (Method::Gd, Lang::En) => "gradient descent",
            (Method::Momentum, Lang::En) => "momentum",
            (Method::Nesterov, Lang::En) => "Nesterov",
            _ => "",
        };
        let Some(limit) = self.limit else {
            return match lang {
                Lang::Ru => format!("{head}: шаги растут без предела — уменьшите η."),
                Lang::En => format!("{head}: the steps grow without bound — reduce η."),
            };
        };
        let eta = short(limit.eta_max);
        let now = short(f64::from(self.learning_rate));
        if limit.quadratic {
            let formula = self.formula("κ");
            match lang {
                Lang::Ru => format!(
                    "{head}: на этой параболе {name} нужно η < {formula} = {eta} (сейчас η = {now})"
                ),
                Lang::En => format!(
                    "{head}: for this quadratic {name} needs η < {formula} = {eta} (now η = {now})"
                ),
            }
        } else {
            let formula = self.formula("λ");
            let lambda = short(limit.curvature);
            match lang {
                Lang::Ru => format!(
                    "{head}: у начальной точки наибольшая кривизна λ = {lambda}, и {name} нужно \
                     η < {formula} = {eta} (сейчас η = {now})"
                ),
                Lang::En => format!(
                    "{head}: near the start the largest curvature is λ = {lambda}, and {name} \
                     needs η < {formula} = {eta} (now η = {now})"
                ),
            }
        }
    }
}
