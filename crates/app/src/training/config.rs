//! The page's training settings as the core's configuration, and the checks a network spec
//! must pass to train on MNIST. The core validates ([`cnn::TrainConfig::validate`], with the
//! limits of [`cnn::limits`]); this module only translates.

use cnn::mnist;
use cnn::optim::MomentumForm;
use cnn::{
    Lang, Localized, NetworkSpec, Optimizer, Shape, StepDecay, TrainConfig, Window,
    output_size_formula,
};
use serde::{Deserialize, Serialize};

use super::protocol::{LayerRow, Text};

/// The optimizer chosen in the page's select, without its numbers. The page keeps this beside
/// [`cnn::Optimizer`] because a `<select>` and the URL need a plain, hashable key while the
/// core's optimizer carries its `f32` hyper-parameters; γ lives in [`Settings::momentum`] so
/// that it survives a switch to Adam and back. [`OptimizerKind::optimizer`] is the only
/// translation, and the code and the name come from the core.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OptimizerKind {
    /// Plain stochastic gradient descent: w ← w − η∇.
    Sgd,
    /// The lecture's momentum: ν ← γν + (1−γ)∇, w ← w − ην.
    #[default]
    Momentum,
    /// Nesterov's accelerated gradient (the gradient at the look-ahead point).
    Nesterov,
    Adam,
    RmsProp,
    /// Adadelta as in ConvNetJS (ρ = 0.95, ε = 1e-6): needs no learning rate.
    Adadelta,
}

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 6] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::Adam,
        OptimizerKind::RmsProp,
        OptimizerKind::Adadelta,
    ];

    /// The core's optimizer with momentum `gamma` (used by Momentum and Nesterov, both in the
    /// lecture's form); Adam, RMSProp and Adadelta take their authors' defaults.
    pub fn optimizer(self, gamma: f32) -> Optimizer {
        match self {
            OptimizerKind::Sgd => Optimizer::Sgd,
            OptimizerKind::Momentum => Optimizer::Momentum {
                gamma,
                form: MomentumForm::Lecture,
            },
            OptimizerKind::Nesterov => Optimizer::Nesterov {
                gamma,
                form: MomentumForm::Lecture,
            },
            OptimizerKind::Adam => Optimizer::ADAM,
            OptimizerKind::RmsProp => Optimizer::RMSPROP,
            OptimizerKind::Adadelta => Optimizer::ADADELTA,
        }
    }

    /// Stable short name, used in the URL and in `<option value>`: the core's
    /// [`Optimizer::name`].
    pub fn code(self) -> &'static str {
        self.optimizer(0.9).name()
    }

    pub fn from_code(code: &str) -> Option<OptimizerKind> {
        OptimizerKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The display name (the same in both languages, as in the lecture's slides).
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Momentum => "Momentum",
            OptimizerKind::Nesterov => "Nesterov",
            OptimizerKind::Adam => "Adam",
            OptimizerKind::RmsProp => "RMSProp",
            OptimizerKind::Adadelta => "Adadelta",
        }
    }

    /// Whether γ (momentum) is a parameter of this optimizer.
    pub fn uses_momentum(self) -> bool {
        matches!(self, OptimizerKind::Momentum | OptimizerKind::Nesterov)
    }

    /// Whether the learning rate is a parameter of this optimizer (Adadelta has none).
    pub fn uses_learning_rate(self) -> bool {
        self.optimizer(0.9).uses_learning_rate()
    }

    /// What switching from `before` (at η = `old`) to this optimizer does to η, and why — so the
    /// form never changes η silently.
    pub fn learning_rate_note(self, before: OptimizerKind, old: f32) -> Text {
        let new = self.suggested_learning_rate();
        let (name, was) = (self.name(), before.name());
        let (ru_why, en_why) = match self {
            OptimizerKind::Sgd => (
                "у SGD шаг — это η·градиент, и этой сети подходит η = 0.05",
                "SGD steps by η·gradient, and η = 0.05 suits this network",
            ),
            OptimizerKind::Momentum | OptimizerKind::Nesterov => (
                "в форме лекции ν — среднее градиентов, шаг — η·ν, и этой сети подходит η = 0.1",
                "in the lecture's form ν averages the gradients and the step is η·ν; η = 0.1 suits this network",
            ),
            OptimizerKind::Adam | OptimizerKind::RmsProp => (
                "шаг делится на корень из среднего квадрата градиента, поэтому он ≈ η в каждой координате; обычно η = 0.001",
                "the step is divided by the root mean square of the gradient, so it is ≈ η per weight; η = 0.001 is the usual value",
            ),
            OptimizerKind::Adadelta => (
                "Adadelta подбирает шаг сам (по ρ и ε), η = 1 — лишь множитель, поле η отключено",
                "Adadelta sizes its steps itself (from ρ and ε); η = 1 is only a factor, and the η field is off",
            ),
        };
        if new == old {
            Text::new(
                format!("{was} → {name}: η остаётся {new} — {ru_why}."),
                format!("{was} → {name}: η stays {new} — {en_why}."),
            )
        } else {
            Text::new(
                format!(
                    "{was} → {name}: η {old} → {new}, потому что {ru_why}. Можно ввести своё η."
                ),
                format!(
                    "{was} → {name}: η {old} → {new}, because {en_why}. You may type your own η."
                ),
            )
        }
    }

    /// A learning rate that works for the default net with this optimizer.
    pub fn suggested_learning_rate(self) -> f32 {
        match self {
            OptimizerKind::Sgd => 0.05,
            // Both in the lecture form: ν is an average of gradients, so η is 1/(1 − γ) = 10× that of
            // the classic form (classic η = lecture η·(1 − γ)), and the two share one η.
            OptimizerKind::Momentum | OptimizerKind::Nesterov => 0.1,
            OptimizerKind::Adam => 0.001,
            OptimizerKind::RmsProp => 0.001,
            OptimizerKind::Adadelta => 1.0,
        }
    }
}

/// Everything about a run that can change while it trains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub optimizer: OptimizerKind,
    pub learning_rate: f32,
    /// γ of momentum / Nesterov.
    pub momentum: f32,
    pub batch_size: usize,
    /// L2 weight decay λ (the loss gets ½λ‖W‖²).
    pub l2: f32,
    /// Probability of dropping an input of the last (dense) layer while training; 0 = off.
    pub dropout: f32,
    /// Step decay: multiply the learning rate by `lr_decay_factor` every `lr_decay_every`
    /// examples; 0 = off.
    pub lr_decay_every: u64,
    pub lr_decay_factor: f32,
    /// Random 24×24 crops of the 28×28 digits (offsets 0–4) while training; the test digits
    /// always use the centre crop.
    pub augment: bool,
    /// Pen-like distortions of the training digits before the crop ([`cnn::augment`]): affine,
    /// thin/bold pen, elastic. Off by default: the default run's bar is one pass to ≥ 95 %.
    #[serde(default)]
    pub distort: cnn::Augmentation,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            optimizer: OptimizerKind::Momentum,
            learning_rate: 0.1,
            momentum: 0.9,
            batch_size: 20,
            l2: 0.001,
            dropout: 0.0,
            lr_decay_every: 0,
            lr_decay_factor: 0.5,
            augment: true,
            distort: cnn::Augmentation::NONE,
        }
    }
}

impl Settings {
    /// The core's configuration for these settings (decay every 0 examples = no decay).
    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            optimizer: self.optimizer.optimizer(self.momentum),
            learning_rate: self.learning_rate,
            l2: self.l2,
            batch_size: self.batch_size,
            dropout: self.dropout,
            lr_decay: (self.lr_decay_every > 0).then_some(StepDecay {
                factor: self.lr_decay_factor,
                every: self.lr_decay_every,
            }),
        }
    }

    /// Checks the numbers a user typed with the core's limits ([`cnn::limits`]); the message
    /// names the setting in words. γ and the decay factor are checked even while unused: their
    /// fields keep their values across a switch of optimizer or of the decay.
    pub fn validate(&self) -> Result<(), Text> {
        let text = |e: &dyn Localized| Text::new(e.message(Lang::Ru), e.message(Lang::En));
        let every_field = TrainConfig {
            lr_decay: Some(StepDecay {
                factor: self.lr_decay_factor,
                every: self.lr_decay_every.max(1),
            }),
            ..self.train_config()
        };
        every_field.validate().map_err(|e| text(&e))?;
        OptimizerKind::Momentum
            .optimizer(self.momentum)
            .validate()
            .map_err(|e| text(&e))
    }

    /// The learning rate after `examples` examples under the step decay.
    pub fn learning_rate_at(&self, examples: u64) -> f32 {
        if self.lr_decay_every == 0 {
            return self.learning_rate;
        }
        let steps = (examples / self.lr_decay_every).min(1000) as i32;
        self.learning_rate * self.lr_decay_factor.powi(steps)
    }
}

/// The architecture table for a spec: shapes, parameters and the output-size arithmetic.
pub fn layer_rows(spec: &NetworkSpec) -> Result<Vec<LayerRow>, Text> {
    let summary = spec.summary().map_err(|e| Text::from_error(&e))?;
    Ok(summary
        .into_iter()
        .map(|row| LayerRow {
            description: row.description,
            output: [row.output.channels, row.output.height, row.output.width],
            params: row.params,
            arithmetic: row.geometry.map(|g| g.formula()),
        })
        .collect())
}

/// The output-size formula in symbols for the table's header: the floor appears when some layer
/// strides by more than 1, F′ when some kernel is dilated (the core's one form).
pub fn general_formula(spec_text: &str) -> String {
    let windows: Vec<Window> = NetworkSpec::parse(spec_text)
        .and_then(|spec| spec.summary())
        .map(|rows| {
            rows.into_iter()
                .filter_map(|r| r.geometry)
                .flat_map(|g| [g.height.window, g.width.window])
                .collect()
        })
        .unwrap_or_default();
    output_size_formula(
        windows.iter().any(|w| w.stride > 1),
        windows.iter().any(|w| w.dilation > 1),
    )
}

/// Parses a spec and checks that it can be built and can read the MNIST digits.
pub fn parse_spec(text: &str) -> Result<NetworkSpec, Text> {
    let spec = NetworkSpec::parse(text).map_err(|e| Text::from_error(&e))?;
    spec.buildable_params().map_err(|e| Text::from_error(&e))?;
    check_input(spec.input, spec.classes())?;
    Ok(spec)
}

/// Whether a network with this input and these classes can read the MNIST digits
/// ([`mnist::check_fit`]).
pub fn check_input(input: Shape, classes: Option<usize>) -> Result<(), Text> {
    mnist::check_fit(input, classes).map_err(|e| Text::from_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_validated_with_messages_naming_the_field() {
        assert!(Settings::default().validate().is_ok());
        let bad = Settings {
            batch_size: 0,
            ..Settings::default()
        };
        assert!(bad.validate().unwrap_err().en.contains("batch size"));
        let bad = Settings {
            learning_rate: f32::NAN,
            ..Settings::default()
        };
        assert!(bad.validate().unwrap_err().ru.contains("Скорость обучения"));
    }

    #[test]
    fn step_decay_multiplies_every_period() {
        let s = Settings {
            learning_rate: 0.1,
            lr_decay_every: 1000,
            lr_decay_factor: 0.5,
            ..Settings::default()
        };
        assert_eq!(s.learning_rate_at(999), 0.1);
        assert_eq!(s.learning_rate_at(1000), 0.05);
        assert_eq!(s.learning_rate_at(2500), 0.025);
    }

    #[test]
    fn optimizer_codes_round_trip() {
        for kind in OptimizerKind::ALL {
            assert_eq!(OptimizerKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(OptimizerKind::from_code("lbfgs"), None);
    }

    #[test]
    fn the_table_writes_the_lectures_formula_with_the_floor_only_for_strides() {
        let net = "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax";
        assert_eq!(general_formula(net), "O = ⌊(I − F + 2P) / S⌋ + 1");
        let rows = layer_rows(&parse_spec(net).unwrap()).unwrap();
        assert_eq!(
            rows[1].arithmetic.as_deref(),
            Some("(24 − 5 + 2·2) / 1 + 1 = 24")
        );
        assert_eq!(
            rows[2].arithmetic.as_deref(),
            Some("⌊(24 − 2 + 2·0) / 2⌋ + 1 = 12")
        );
        let unstrided = "input 24x24x1; conv 5x5x8 pad 2 relu; dense 10 softmax";
        assert_eq!(general_formula(unstrided), "O = (I − F + 2P) / S + 1");
    }
}
