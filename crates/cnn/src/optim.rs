//! Optimizers: how a gradient g = ∇L(w) becomes a change of the weights w.
//!
//! η is the learning rate; all state (ν, m, v, s, …) is per parameter and starts at 0.
//!
//! | optimizer | update |
//! |---|---|
//! | SGD | w ← w − η·g |
//! | Momentum, lecture form (Polyak, exponential average) | ν ← γ·ν + (1 − γ)·g;  w ← w − η·ν |
//! | Momentum, classic form | v ← γ·v + g;  w ← w − η·v |
//! | Nesterov, lecture form (1983) | ν ← γ·ν + (1 − γ)·∇L(w − η·γ·ν);  w ← w − η·ν — the gradient is taken at the look-ahead point |
//! | Nesterov, classic form | v ← γ·v + ∇L(w − η·γ·v);  w ← w − η·v |
//!
//! The two forms of momentum and of Nesterov follow the same path when classic η = lecture η·(1 − γ)
//! (then v = ν/(1 − γ) and η_classic·v = η_lecture·ν, look-ahead point included).
//! | Adam (Kingma & Ba 2015) | m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);  w ← w − η·m̂/(√v̂ + ε) |
//! | RMSProp (Hinton's lecture 6e) | s ← ρ·s + (1 − ρ)·g²;  w ← w − η·g/(√s + ε) |
//! | Adadelta (Zeiler 2012, as in ConvNetJS) | E[g²] ← ρE[g²] + (1 − ρ)g²;  Δ = −√((E[Δ²] + ε)/(E[g²] + ε))·g;  E[Δ²] ← ρE[Δ²] + (1 − ρ)Δ²;  w ← w + Δ — no learning rate |
//!
//! L2 weight decay adds ½·λ·‖W‖² to the loss for weights (not biases), i.e. λ·w to their
//! gradient before any of the rules above. Step decay (AlexNet's ×0.1 schedule) multiplies η
//! by `factor` every `every` training examples: η_t = η·factor^⌊seen / every⌋.
//!
//! Nesterov needs the gradient at w − η·γ·ν, so the trainer first calls
//! [`OptimizerState::look_ahead`] (which saves w and moves to the look-ahead point), computes
//! the gradient there, then [`OptimizerState::update`] updates from the saved w.

use serde::{Deserialize, Serialize};

use crate::limits::{Setting, SettingError, non_negative, unit};

/// The two ways of writing momentum (and Nesterov) found in the lecture and in libraries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MomentumForm {
    /// ν = γν + (1 − γ)∇L(w), w = w − ην (an exponential moving average of gradients).
    #[default]
    Lecture,
    /// v = γv + ∇L(w), w = w − ηv (PyTorch, ConvNetJS); η is effectively 1/(1 − γ) larger.
    Classic,
}

impl MomentumForm {
    /// The weight of the new gradient in ν: 1 − γ (lecture) or 1 (classic).
    pub fn gradient_weight(self, gamma: f32) -> f32 {
        match self {
            MomentumForm::Lecture => 1.0 - gamma,
            MomentumForm::Classic => 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Optimizer {
    Sgd,
    Momentum {
        gamma: f32,
        form: MomentumForm,
    },
    Nesterov {
        gamma: f32,
        form: MomentumForm,
    },
    Adam {
        beta1: f32,
        beta2: f32,
        epsilon: f32,
    },
    RmsProp {
        rho: f32,
        epsilon: f32,
    },
    Adadelta {
        rho: f32,
        epsilon: f32,
    },
}

impl Optimizer {
    /// Momentum (classic form) with γ = 0.9.
    pub const MOMENTUM: Optimizer = Optimizer::Momentum {
        gamma: 0.9,
        form: MomentumForm::Classic,
    };
    /// Nesterov (lecture form) with γ = 0.9.
    pub const NESTEROV: Optimizer = Optimizer::Nesterov {
        gamma: 0.9,
        form: MomentumForm::Lecture,
    };
    /// Kingma & Ba's defaults (use with η ≈ 0.001).
    pub const ADAM: Optimizer = Optimizer::Adam {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };
    /// Hinton's defaults (use with η ≈ 0.001).
    pub const RMSPROP: Optimizer = Optimizer::RmsProp {
        rho: 0.9,
        epsilon: 1e-8,
    };
    /// ConvNetJS's Adadelta: ρ = 0.95, ε = 1e-6.
    pub const ADADELTA: Optimizer = Optimizer::Adadelta {
        rho: 0.95,
        epsilon: 1e-6,
    };

    /// A short name: `sgd`, `momentum`, `nesterov`, `adam`, `rmsprop`, `adadelta`.
    pub fn name(&self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Nesterov { .. } => "nesterov",
            Optimizer::Adam { .. } => "adam",
            Optimizer::RmsProp { .. } => "rmsprop",
            Optimizer::Adadelta { .. } => "adadelta",
        }
    }

    /// Whether the learning rate is used (Adadelta has none).
    pub fn uses_learning_rate(&self) -> bool {
        !matches!(self, Optimizer::Adadelta { .. })
    }

    /// Whether two optimizers keep state of the same meaning (then a change of γ, β, ρ, ε keeps it).
    pub fn same_kind(&self, other: &Optimizer) -> bool {
        match (self, other) {
            (Optimizer::Momentum { form: a, .. }, Optimizer::Momentum { form: b, .. })
            | (Optimizer::Nesterov { form: a, .. }, Optimizer::Nesterov { form: b, .. }) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }

    /// The hyper-parameters (γ, β, ρ) must lie in [0, 1) and ε must be ≥ 0; the error names the
    /// first one that does not, in words.
    pub fn validate(&self) -> Result<(), SettingError> {
        match *self {
            Optimizer::Sgd => Ok(()),
            Optimizer::Momentum { gamma, .. } | Optimizer::Nesterov { gamma, .. } => {
                unit(Setting::Momentum, gamma)
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                unit(Setting::Beta1, beta1)?;
                unit(Setting::Beta2, beta2)?;
                non_negative(Setting::Epsilon, epsilon)
            }
            Optimizer::RmsProp { rho, epsilon } | Optimizer::Adadelta { rho, epsilon } => {
                unit(Setting::Rho, rho)?;
                non_negative(Setting::Epsilon, epsilon)
            }
        }
    }
}

/// Learning-rate step decay: η_t = η·factor^⌊examples_seen / every⌋.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepDecay {
    pub factor: f32,
    /// Examples between two decays.
    pub every: u64,
}

impl StepDecay {
    /// AlexNet's schedule: ×0.1 (they did it by hand when the validation error stopped improving).
    pub const fn alexnet(every: u64) -> StepDecay {
        StepDecay { factor: 0.1, every }
    }

    pub fn rate(&self, base: f32, examples_seen: u64) -> f32 {
        if self.every == 0 {
            return base;
        }
        let steps = (examples_seen / self.every).min(i32::MAX as u64) as i32;
        base * self.factor.powi(steps)
    }
}

#[derive(Clone, Debug, Default)]
struct Slot {
    /// ν, m, s or E[g²].
    a: Vec<f32>,
    /// v (Adam) or E[Δ²] (Adadelta).
    b: Vec<f32>,
    /// w before the Nesterov look-ahead.
    saved: Vec<f32>,
}

/// Per-parameter optimizer state, one slot per parameter tensor (indexed as the network's
/// [`crate::network::Network::for_each_param`] does).
#[derive(Clone, Debug, Default)]
pub struct OptimizerState {
    slots: Vec<Slot>,
    /// Number of updates so far (Adam's t).
    steps: u64,
}

impl OptimizerState {
    pub fn new() -> OptimizerState {
        OptimizerState::default()
    }

    /// Forgets all state (after a change of optimizer, or a reset).
    pub fn reset(&mut self) {
        self.slots.clear();
        self.steps = 0;
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The first accumulator of parameter tensor `index`: ν (momentum, Nesterov), m (Adam), s
    /// (RMSProp) or E[g²] (Adadelta); empty before its first update. For pages that show it.
    pub fn accumulator(&self, index: usize) -> &[f32] {
        self.slots.get(index).map_or(&[], |slot| slot.a.as_slice())
    }

    fn slot(&mut self, index: usize, len: usize) -> &mut Slot {
        if self.slots.len() <= index {
            self.slots.resize_with(index + 1, Slot::default);
        }
        let slot = &mut self.slots[index];
        if slot.a.len() != len {
            slot.a = vec![0.0; len];
            slot.b = vec![0.0; len];
        }
        slot
    }

    /// Starts an update (counts t for Adam's bias correction). Call once per step, before the
    /// [`OptimizerState::update`] calls of that step.
    pub fn begin_step(&mut self) {
        self.steps += 1;
    }

    /// Nesterov only: saves w and moves it to the look-ahead point w − η·γ·ν. Other optimizers:
    /// does nothing.
    pub fn look_ahead(
        &mut self,
        optimizer: &Optimizer,
        learning_rate: f32,
        index: usize,
        values: &mut [f32],
    ) {
        let Optimizer::Nesterov { gamma, .. } = *optimizer else {
            return;
        };
        let slot = self.slot(index, values.len());
        slot.saved.clear();
        slot.saved.extend_from_slice(values);
        let step = learning_rate * gamma;
        for (w, &v) in values.iter_mut().zip(&slot.a) {
            *w -= step * v;
        }
    }

    /// Undoes [`OptimizerState::look_ahead`] (when the step is abandoned).
    pub fn restore(&mut self, optimizer: &Optimizer, index: usize, values: &mut [f32]) {
        if let (Optimizer::Nesterov { .. }, Some(slot)) = (optimizer, self.slots.get(index))
            && slot.saved.len() == values.len()
        {
            values.copy_from_slice(&slot.saved);
        }
    }

    /// Applies one update to `values` given their gradient `grads`; `l2` adds λ·w to the
    /// gradient (pass 0 for biases).
    pub fn update(
        &mut self,
        optimizer: &Optimizer,
        learning_rate: f32,
        l2: f32,
        index: usize,
        values: &mut [f32],
        grads: &[f32],
    ) {
        let t = self.steps.max(1);
        let lr = learning_rate;
        let slot = self.slot(index, values.len());
        let g = |w: f32, g: f32| g + l2 * w;
        match *optimizer {
            Optimizer::Sgd => {
                for (w, &gr) in values.iter_mut().zip(grads) {
                    *w -= lr * g(*w, gr);
                }
            }
            Optimizer::Momentum { gamma, form } => {
                let mix = form.gradient_weight(gamma);
                for ((w, &gr), v) in values.iter_mut().zip(grads).zip(&mut slot.a) {
                    *v = gamma * *v + mix * g(*w, gr);
                    *w -= lr * *v;
                }
            }
            Optimizer::Nesterov { gamma, form } => {
                // `values` is the look-ahead point; the update starts from the saved w.
                let mix = form.gradient_weight(gamma);
                let have_saved = slot.saved.len() == values.len();
                for (i, (w, &gr)) in values.iter_mut().zip(grads).enumerate() {
                    let v = &mut slot.a[i];
                    *v = gamma * *v + mix * g(*w, gr);
                    let base = if have_saved { slot.saved[i] } else { *w };
                    *w = base - lr * *v;
                }
                slot.saved.clear();
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                let c1 = 1.0 - beta1.powi(t.min(1 << 20) as i32);
                let c2 = 1.0 - beta2.powi(t.min(1 << 20) as i32);
                for (((w, &gr), m), v) in values
                    .iter_mut()
                    .zip(grads)
                    .zip(&mut slot.a)
                    .zip(&mut slot.b)
                {
                    let gi = g(*w, gr);
                    *m = beta1 * *m + (1.0 - beta1) * gi;
                    *v = beta2 * *v + (1.0 - beta2) * gi * gi;
                    let m_hat = *m / c1;
                    let v_hat = *v / c2;
                    *w -= lr * m_hat / (v_hat.sqrt() + epsilon);
                }
            }
            Optimizer::RmsProp { rho, epsilon } => {
                for ((w, &gr), s) in values.iter_mut().zip(grads).zip(&mut slot.a) {
                    let gi = g(*w, gr);
                    *s = rho * *s + (1.0 - rho) * gi * gi;
                    *w -= lr * gi / (s.sqrt() + epsilon);
                }
            }
            Optimizer::Adadelta { rho, epsilon } => {
                for (((w, &gr), eg), ex) in values
                    .iter_mut()
                    .zip(grads)
                    .zip(&mut slot.a)
                    .zip(&mut slot.b)
                {
                    let gi = g(*w, gr);
                    *eg = rho * *eg + (1.0 - rho) * gi * gi;
                    let dx = -((*ex + epsilon) / (*eg + epsilon)).sqrt() * gi;
                    *ex = rho * *ex + (1.0 - rho) * dx * dx;
                    *w += dx;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(w) = ½·(1·w₀² + 4·w₁²), ∇f = (w₀, 4·w₁), from w = (1, −1); returns w after each step.
    fn trajectory(optimizer: Optimizer, lr: f32, steps: usize) -> Vec<[f32; 2]> {
        let a = [1.0f32, 4.0];
        let mut w = vec![1.0f32, -1.0];
        let mut state = OptimizerState::new();
        let mut out = Vec::new();
        for _ in 0..steps {
            state.look_ahead(&optimizer, lr, 0, &mut w);
            let g: Vec<f32> = w.iter().zip(a).map(|(w, a)| a * w).collect();
            state.begin_step();
            state.update(&optimizer, lr, 0.0, 0, &mut w, &g);
            out.push([w[0], w[1]]);
        }
        out
    }

    fn assert_close(actual: &[[f32; 2]], expected: &[[f64; 2]]) {
        assert_eq!(actual.len(), expected.len());
        for (step, (a, e)) in actual.iter().zip(expected).enumerate() {
            for k in 0..2 {
                let tol = 1e-5 * e[k].abs().max(1.0);
                assert!(
                    (f64::from(a[k]) - e[k]).abs() <= tol,
                    "step {}: w[{k}] = {} but expected {}",
                    step + 1,
                    a[k],
                    e[k]
                );
            }
        }
    }

    // Expected values: printed (repr of float64) by the independent Python script
    // `crates/cnn/tests/optim_reference.py` (plain Python floats, written from the textbook
    // formulas, not from this code), pasted at the end of this module. The Rust runs in f32;
    // over 4 steps on this well-conditioned problem the difference stays below 1e-6, so the
    // tolerance is 1e-5 (relative, absolute near 0).

    #[test]
    fn sgd_trajectory() {
        // By hand too: w₀ ← 0.9·w₀ (0.9, 0.81, …), w₁ ← (1 − 0.4)·w₁ (−0.6, −0.36, …).
        assert_close(
            &trajectory(Optimizer::Sgd, 0.1, 4),
            &[
                [0.9, -0.6],
                [0.81, -0.36],
                [0.729, -0.216],
                [0.6561, -0.1296],
            ],
        );
    }

    #[test]
    fn momentum_trajectories() {
        assert_close(
            &trajectory(
                Optimizer::Momentum {
                    gamma: 0.9,
                    form: MomentumForm::Lecture,
                },
                0.1,
                4,
            ),
            &PY_MOMENTUM_LECTURE,
        );
        assert_close(
            &trajectory(
                Optimizer::Momentum {
                    gamma: 0.9,
                    form: MomentumForm::Classic,
                },
                0.1,
                4,
            ),
            &PY_MOMENTUM_CLASSIC,
        );
    }

    #[test]
    fn nesterov_trajectories() {
        assert_close(
            &trajectory(Optimizer::NESTEROV, 0.1, 4),
            &PY_NESTEROV_LECTURE,
        );
        let classic = Optimizer::Nesterov {
            gamma: 0.9,
            form: MomentumForm::Classic,
        };
        assert_close(&trajectory(classic, 0.1, 4), &PY_NESTEROV_CLASSIC);
    }

    #[test]
    fn classic_forms_follow_the_lecture_path_at_eta_times_one_minus_gamma() {
        for form_pair in [
            (
                Optimizer::Momentum {
                    gamma: 0.9,
                    form: MomentumForm::Lecture,
                },
                Optimizer::Momentum {
                    gamma: 0.9,
                    form: MomentumForm::Classic,
                },
            ),
            (
                Optimizer::NESTEROV,
                Optimizer::Nesterov {
                    gamma: 0.9,
                    form: MomentumForm::Classic,
                },
            ),
        ] {
            let lecture = trajectory(form_pair.0, 0.1, 6);
            let classic = trajectory(form_pair.1, 0.1 * (1.0 - 0.9), 6);
            for (l, c) in lecture.iter().zip(&classic) {
                for k in 0..2 {
                    assert!((l[k] - c[k]).abs() < 1e-6, "{l:?} vs {c:?}");
                }
            }
        }
    }

    #[test]
    fn adam_trajectory() {
        // By hand for step 1: m̂ = g, v̂ = g², so w ← w − η·sign(g) (up to ε): (0.9, −0.9).
        assert_close(&trajectory(Optimizer::ADAM, 0.1, 4), &PY_ADAM);
    }

    #[test]
    fn rmsprop_trajectory() {
        assert_close(&trajectory(Optimizer::RMSPROP, 0.01, 4), &PY_RMSPROP);
    }

    #[test]
    fn adadelta_trajectory() {
        assert_close(&trajectory(Optimizer::ADADELTA, 1.0, 4), &PY_ADADELTA);
    }

    #[test]
    fn weight_decay_adds_lambda_w_to_the_gradient() {
        // g = 0, λ = 0.5, η = 0.1: w ← w − 0.1·0.5·w = 0.95·w.
        let mut w = vec![2.0f32];
        let mut state = OptimizerState::new();
        state.begin_step();
        state.update(&Optimizer::Sgd, 0.1, 0.5, 0, &mut w, &[0.0]);
        assert_eq!(w, vec![1.9]);
    }

    #[test]
    fn step_decay_multiplies_every_n_examples() {
        let d = StepDecay::alexnet(1000);
        assert_eq!(d.rate(0.01, 999), 0.01);
        assert!((d.rate(0.01, 1000) - 0.001).abs() < 1e-9);
        assert!((d.rate(0.01, 2500) - 0.0001).abs() < 1e-10);
    }

    // Pasted output of `python3 crates/cnn/tests/optim_reference.py` (float64):
    const PY_MOMENTUM_LECTURE: [[f64; 2]; 4] = [
        [0.99, -0.96],
        [0.9711, -0.8855999999999999],
        [0.944379, -0.7832159999999999],
        [0.91088631, -0.65974176],
    ];
    const PY_MOMENTUM_CLASSIC: [[f64; 2]; 4] = [
        [0.9, -0.6],
        [0.72, 1.1102230246251565e-16],
        [0.486, 0.5400000000000001],
        [0.2268, 0.81],
    ];
    const PY_NESTEROV_LECTURE: [[f64; 2]; 4] = [
        [0.99, -0.96],
        [0.97119, -0.8870399999999999],
        [0.94471839, -0.7885209599999999],
        [0.91168500159, -0.67185967104],
    ];
    const PY_NESTEROV_CLASSIC: [[f64; 2]; 4] = [
        [0.9, -0.6],
        [0.729, -0.14400000000000002],
        [0.51759, 0.15984000000000004],
        [0.29458890000000004, 0.25997760000000003],
    ];
    const PY_ADAM: [[f64; 2]; 4] = [
        [0.900000001, -0.9000000002499999],
        [0.8004122297123382, -0.8004122281815201],
        [0.701586274504415, -0.7015862721668379],
        [0.603939062682108, -0.6039390595195652],
    ];
    const PY_RMSPROP: [[f64; 2]; 4] = [
        [0.9683772243983162, -0.9683772236483162],
        [0.9457880262458569, -0.9457880251092234],
        [0.9270530996585012, -0.9270530982533377],
        [0.9105434576746485, -0.9105434560590303],
    ];
    const PY_ADADELTA: [[f64; 2]; 4] = [
        [0.9955279087656892, -0.9955278668400828],
        [0.9910087481491854, -0.9910086633067896],
        [0.9864645648849506, -0.986464436705264],
        [0.9819063913204211, -0.9819062196239797],
    ];
}
