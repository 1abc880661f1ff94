//! Optimizers watched step by step on a 2-D loss surface ([`crate::surface`]): from one start
//! point w₀, each method takes steps w_t → w_{t+1} with the very optimizers the trainer uses
//! ([`crate::optim::OptimizerState`], in f32), and every step is recorded with what it used
//! (ν before and after, Nesterov's look-ahead point w − ηγν, the gradient there).
//!
//! - Gradient descent: w ← w − η·∇L(w).
//! - Momentum (Polyak 1964), lecture form: ν ← γν + (1 − γ)·∇L(w); w ← w − ην.
//! - Nesterov (1983), lecture form: ν ← γν + (1 − γ)·∇L(w − ηγν); w ← w − ην.
//! - Adam and RMSProp (the lecture's "next time") with their own learning rate.
//!
//! With gradient noise σ > 0 every gradient gets σ·ξ added, ξ ~ N(0, I) drawn from `seed` (the
//! same draws for every method, so their paths differ only by the method).
//!
//! A method has *settled* at step t when ‖∇L(w_s)‖ < [`TOLERANCE`] for every s ≥ t up to the
//! last computed step; it has *diverged* at the first step where L(w) − L* exceeds
//! [`DIVERGED_LOSS`], |w| exceeds [`DIVERGED_WEIGHT`] or a number stops being finite
//! ([`stability`] explains why).

pub mod stability;
pub mod written;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use crate::lang::{Lang, Localized};
use crate::optim::{MomentumForm, Optimizer, OptimizerState};
use crate::surface::{Surface, SurfaceError};

pub use stability::{Divergence, StabilityLimit};
pub use written::{WrittenUpdate, written_update};

/// A method has settled when ‖∇L‖ stays below this.
pub const TOLERANCE: f64 = 1e-3;
/// L − L* above this counts as diverged.
pub const DIVERGED_LOSS: f64 = 1e6;
/// |w₁| or |w₂| above this counts as diverged.
pub const DIVERGED_WEIGHT: f64 = 1e4;
/// The most steps computed.
pub const MAX_STEPS: usize = 1000;
/// The largest learning rate and gradient noise the page accepts.
pub const LEARNING_RATE_MAX: f64 = 10.0;
pub const NOISE_MAX: f64 = 10.0;

/// The ways of descending that the page compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Gd,
    Momentum,
    Nesterov,
    Adam,
    RmsProp,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Gd,
        Method::Momentum,
        Method::Nesterov,
        Method::Adam,
        Method::RmsProp,
    ];
    /// The three methods of the lecture.
    pub const LECTURE: [Method; 3] = [Method::Gd, Method::Momentum, Method::Nesterov];

    /// `gd`, `momentum`, `nesterov`, `adam`, `rmsprop`.
    pub fn key(self) -> &'static str {
        match self {
            Method::Gd => "gd",
            Method::Momentum => "momentum",
            Method::Nesterov => "nesterov",
            Method::Adam => "adam",
            Method::RmsProp => "rmsprop",
        }
    }

    pub fn display_name(self, lang: Lang) -> &'static str {
        match self {
            Method::Gd => lang.pick("Градиентный спуск", "Gradient descent"),
            Method::Momentum => lang.pick("Импульс (Поляк)", "Momentum (Polyak)"),
            Method::Nesterov => lang.pick("Нестеров", "Nesterov"),
            Method::Adam => "Adam",
            Method::RmsProp => "RMSProp",
        }
    }

    /// Adam and RMSProp scale each step by the gradients' size and use their own η.
    pub fn is_adaptive(self) -> bool {
        matches!(self, Method::Adam | Method::RmsProp)
    }

    /// The core's optimizer for this method.
    pub fn optimizer(self, gamma: f32, form: MomentumForm) -> Optimizer {
        match self {
            Method::Gd => Optimizer::Sgd,
            Method::Momentum => Optimizer::Momentum { gamma, form },
            Method::Nesterov => Optimizer::Nesterov { gamma, form },
            Method::Adam => Optimizer::ADAM,
            Method::RmsProp => Optimizer::RMSPROP,
        }
    }
}

/// Everything a descent depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DescentConfig {
    pub surface: Surface,
    /// η of gradient descent, momentum and Nesterov.
    pub learning_rate: f32,
    /// γ of momentum and Nesterov.
    pub gamma: f32,
    pub form: MomentumForm,
    /// η of Adam and RMSProp.
    pub adaptive_rate: f32,
    pub start: [f32; 2],
    /// σ of the gradient noise (0: exact gradients).
    pub noise: f32,
    pub seed: u64,
    pub max_steps: usize,
}

impl DescentConfig {
    /// The page's defaults on `surface`: its start and learning rate, γ = 0.9, lecture forms.
    pub fn new(surface: Surface) -> DescentConfig {
        let [w1, w2] = surface.default_start();
        DescentConfig {
            surface,
            learning_rate: surface.default_learning_rate() as f32,
            gamma: 0.9,
            form: MomentumForm::Lecture,
            adaptive_rate: 0.1,
            start: [w1 as f32, w2 as f32],
            noise: 0.0,
            seed: 1,
            max_steps: MAX_STEPS,
        }
    }

    pub fn learning_rate_of(&self, method: Method) -> f32 {
        if method.is_adaptive() {
            self.adaptive_rate
        } else {
            self.learning_rate
        }
    }

    /// Checks every setting; the error names the first unusable one, in words.
    pub fn validate(&self) -> Result<(), DescentError> {
        self.surface.validate().map_err(DescentError::Surface)?;
        let rate_ok = |v: f32| v.is_finite() && v > 0.0 && f64::from(v) <= LEARNING_RATE_MAX;
        if !rate_ok(self.learning_rate) {
            return Err(DescentError::LearningRate(self.learning_rate));
        }
        if !rate_ok(self.adaptive_rate) {
            return Err(DescentError::LearningRate(self.adaptive_rate));
        }
        if !(self.gamma.is_finite() && (0.0..1.0).contains(&self.gamma)) {
            return Err(DescentError::Gamma(self.gamma));
        }
        if !(self.noise.is_finite() && (0.0..=NOISE_MAX as f32).contains(&self.noise)) {
            return Err(DescentError::Noise(self.noise));
        }
        let start = self.start.map(f64::from);
        if !(start.iter().all(|v| v.is_finite()) && self.surface.view().contains(start)) {
            return Err(DescentError::Start(self.start));
        }
        Ok(())
    }
}

/// A setting a descent cannot start from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DescentError {
    Surface(SurfaceError),
    LearningRate(f32),
    Gamma(f32),
    Noise(f32),
    Start([f32; 2]),
}

impl Localized for DescentError {
    fn message(&self, lang: Lang) -> String {
        match *self {
            DescentError::Surface(e) => e.message(lang),
            DescentError::LearningRate(v) => match lang {
                Lang::Ru => format!(
                    "Шаг обучения η должен быть больше 0 и не больше {LEARNING_RATE_MAX}, а не {v}."
                ),
                Lang::En => format!(
                    "The learning rate η must be above 0 and at most {LEARNING_RATE_MAX}, not {v}."
                ),
            },
            DescentError::Gamma(v) => match lang {
                Lang::Ru => format!(
                    "Коэффициент импульса γ должен быть от 0 (без импульса) до чисел меньше 1, \
                     а не {v}: при γ = 1 градиент перестаёт входить в ν."
                ),
                Lang::En => format!(
                    "The momentum γ must be from 0 (no momentum) up to below 1, not {v}: at \
                     γ = 1 the gradient no longer enters ν."
                ),
            },
            DescentError::Noise(v) => match lang {
                Lang::Ru => format!("Шум градиента σ должен быть от 0 до {NOISE_MAX}, а не {v}."),
                Lang::En => format!("The gradient noise σ must be from 0 to {NOISE_MAX}, not {v}."),
            },
            DescentError::Start([a, b]) => match lang {
                Lang::Ru => format!("Начальная точка ({a}, {b}) лежит вне нарисованной области."),
                Lang::En => format!("The start point ({a}, {b}) lies outside the drawn area."),
            },
        }
    }
}

impl std::fmt::Display for DescentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DescentError {}

/// One step w → w′ with what it used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepRecord {
    /// w before the step.
    pub from: [f32; 2],
    /// ν before the step (zero for methods without one).
    pub velocity_before: [f32; 2],
    /// Nesterov's look-ahead point w − ηγν, where the gradient is taken.
    pub look_ahead: Option<[f32; 2]>,
    /// The gradient the step used (at the look-ahead point for Nesterov; noise included).
    pub gradient: [f32; 2],
    /// ν after the step (m for Adam, s for RMSProp; zero for gradient descent).
    pub velocity: [f32; 2],
    /// w after the step.
    pub to: [f32; 2],
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// ‖∇L‖ < [`TOLERANCE`] from this step on.
    Settled {
        step: usize,
    },
    Diverged(Divergence),
    /// Still moving after this many steps.
    Unsettled {
        steps: usize,
    },
}

/// One method's path from the start point.
#[derive(Clone, Debug, PartialEq)]
pub struct Trajectory {
    pub method: Method,
    /// w₀, w₁, … (up to the divergence, which is not included).
    pub points: Vec<[f32; 2]>,
    /// `steps[t]` leads from `points[t]` to `points[t + 1]`.
    pub steps: Vec<StepRecord>,
    /// L(w_t) − L*, for every point.
    pub excess_loss: Vec<f64>,
    pub outcome: Outcome,
}

impl Trajectory {
    /// The number of the step (1-based) at which the method settled, if it did.
    pub fn settled_at(&self) -> Option<usize> {
        match self.outcome {
            Outcome::Settled { step } => Some(step),
            _ => None,
        }
    }

    /// The point after `step` steps (the last one reached if the path ended earlier).
    pub fn point_at(&self, step: usize) -> [f32; 2] {
        self.points[step.min(self.points.len() - 1)]
    }
}

/// Gradient noise: σ·ξ with ξ ~ N(0, 1) per coordinate (Box–Muller).
struct Noise {
    sigma: f32,
    rng: Pcg32,
}

impl Noise {
    fn sample(&mut self) -> [f32; 2] {
        if self.sigma == 0.0 {
            return [0.0; 2];
        }
        let u1: f64 = 1.0 - self.rng.random::<f64>();
        let u2: f64 = self.rng.random::<f64>();
        let r = (-2.0 * u1.ln()).sqrt();
        let angle = std::f64::consts::TAU * u2;
        let s = f64::from(self.sigma);
        [(s * r * angle.cos()) as f32, (s * r * angle.sin()) as f32]
    }
}

fn gradient_f32(surface: &Surface, w: [f32; 2]) -> [f32; 2] {
    surface.gradient(w.map(f64::from)).map(|g| g as f32)
}

fn to_pair(values: &[f32]) -> [f32; 2] {
    [
        values.first().copied().unwrap_or(0.0),
        values.get(1).copied().unwrap_or(0.0),
    ]
}

/// Runs `method` from the config's start point.
pub fn descend(config: &DescentConfig, method: Method) -> Result<Trajectory, DescentError> {
    config.validate()?;
    let surface = config.surface;
    let optimizer = method.optimizer(config.gamma, config.form);
    let rate = config.learning_rate_of(method);
    let min_value = surface.min_value();
    let excess = |w: [f32; 2]| surface.value(w.map(f64::from)) - min_value;
    let mut noise = Noise {
        sigma: config.noise,
        rng: Pcg32::seed_from_u64(config.seed),
    };
    let mut state = OptimizerState::new();
    let mut w = config.start.to_vec();
    let mut points = vec![config.start];
    let mut excess_loss = vec![excess(config.start)];
    let mut steps = Vec::new();
    let mut divergence = None;
    for step in 1..=config.max_steps {
        let from = to_pair(&w);
        let velocity_before = to_pair(state.accumulator(0));
        state.look_ahead(&optimizer, rate, 0, &mut w);
        let look_ahead = matches!(method, Method::Nesterov).then(|| to_pair(&w));
        let exact = gradient_f32(&surface, to_pair(&w));
        let xi = noise.sample();
        let gradient = [exact[0] + xi[0], exact[1] + xi[1]];
        state.begin_step();
        state.update(&optimizer, rate, 0.0, 0, &mut w, &gradient);
        let to = to_pair(&w);
        let loss = excess(to);
        let exploded = !loss.is_finite()
            || loss > DIVERGED_LOSS
            || to
                .iter()
                .any(|v| !v.is_finite() || f64::from(v.abs()) > DIVERGED_WEIGHT);
        if exploded {
            divergence = Some(Divergence::new(config, method, step));
            break;
        }
        steps.push(StepRecord {
            from,
            velocity_before,
            look_ahead,
            gradient,
            velocity: to_pair(state.accumulator(0)),
            to,
        });
        points.push(to);
        excess_loss.push(loss);
    }
    let outcome = match divergence {
        Some(d) => Outcome::Diverged(d),
        None => {
            let moving = |w: &[f32; 2]| {
                let g = surface.gradient(w.map(f64::from));
                g[0].hypot(g[1]) >= TOLERANCE
            };
            match points.iter().rposition(moving) {
                None => Outcome::Settled { step: 0 },
                Some(last) if last + 1 < points.len() => Outcome::Settled { step: last + 1 },
                Some(_) => Outcome::Unsettled { steps: steps.len() },
            }
        }
    };
    Ok(Trajectory {
        method,
        points,
        steps,
        excess_loss,
        outcome,
    })
}

/// All `methods` from the same start.
pub fn descend_all(
    config: &DescentConfig,
    methods: &[Method],
) -> Result<Vec<Trajectory>, DescentError> {
    methods.iter().map(|&m| descend(config, m)).collect()
}

/// How many steps a page needs to show so that every trajectory has settled or diverged (and a
/// few more, so that the settling is seen): at least 1, at most the config's `max_steps`.
pub fn steps_to_show(trajectories: &[Trajectory], max_steps: usize) -> usize {
    let last = trajectories
        .iter()
        .map(|t| match t.outcome {
            Outcome::Settled { step } => step,
            Outcome::Diverged(d) => d.step,
            Outcome::Unsettled { steps } => steps,
        })
        .max()
        .unwrap_or(0);
    (last + 10).clamp(1, max_steps.max(1))
}

#[cfg(test)]
mod tests;
