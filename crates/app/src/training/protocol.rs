//! The training messages between the page and the worker.
//!
//! The page sends [`TrainInput`]; the worker answers with [`TrainOutput`]. Everything that
//! repeats while training runs ([`Progress`], [`NetSnapshot`], [`Evaluation`]) is small and
//! rate-limited by the worker (progress ≈ 6/s, the network view ≈ 3/s, evaluations every 1,000
//! or 2,000 examples), so the page's thread only ever decodes a few kilobytes at a time.
//! Messages for the user carry both languages ([`Text`]): the page may switch language after
//! the worker has spoken.

use cnn::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// Where the worker fetches the MNIST asset, relative to the worker script (= `dist/`).
pub const MNIST_URL: &str = "./mnist/mnist-10k.bin";

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub ru: String,
    pub en: String,
}

impl Text {
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// Both languages of a core error.
    pub fn from_error(error: &impl Localized) -> Text {
        Text::new(error.message(Lang::Ru), error.message(Lang::En))
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.ru, &self.en)
    }
}

/// The optimizers of the lecture.
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

    /// Stable short name, used in the URL and in `<option value>`.
    pub fn code(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::Adam => "adam",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adadelta => "adadelta",
        }
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
        !matches!(self, OptimizerKind::Adadelta)
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
        }
    }
}

impl Settings {
    /// Checks the numbers a user typed; the message names the field.
    pub fn validate(&self) -> Result<(), Text> {
        let bad = |ru: &str, en: &str| Err(Text::new(ru, en));
        if !(self.learning_rate.is_finite()
            && self.learning_rate > 0.0
            && self.learning_rate <= 10.0)
        {
            return bad(
                "Скорость обучения должна быть числом от 0 (не включая) до 10.",
                "The learning rate must be a number above 0 and at most 10.",
            );
        }
        if !(self.momentum.is_finite() && (0.0..1.0).contains(&self.momentum)) {
            return bad(
                "Момент γ должен быть в промежутке [0, 1).",
                "The momentum γ must be in [0, 1).",
            );
        }
        if !(1..=1000).contains(&self.batch_size) {
            return bad(
                "Размер мини-батча должен быть от 1 до 1000.",
                "The batch size must be between 1 and 1000.",
            );
        }
        if !(self.l2.is_finite() && (0.0..=1.0).contains(&self.l2)) {
            return bad(
                "Коэффициент L2 должен быть в промежутке [0, 1].",
                "The L2 coefficient must be in [0, 1].",
            );
        }
        if !(self.dropout.is_finite() && (0.0..0.95).contains(&self.dropout)) {
            return bad(
                "Вероятность dropout должна быть в промежутке [0, 0.95).",
                "The dropout probability must be in [0, 0.95).",
            );
        }
        if !(self.lr_decay_factor.is_finite()
            && self.lr_decay_factor > 0.0
            && self.lr_decay_factor <= 1.0)
        {
            return bad(
                "Множитель затухания скорости обучения должен быть в (0, 1].",
                "The learning-rate decay factor must be in (0, 1].",
            );
        }
        Ok(())
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

/// What a reset builds: the architecture, the seed and the settings of one or two runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Setup {
    /// The network in the core's text form.
    pub spec: String,
    /// Seeds the weights, the data order, the crops and dropout: a run is reproducible.
    pub seed: u64,
    pub settings: Settings,
    /// A second run trained on the same batches from the same initial weights, to compare
    /// optimizers.
    pub compare: Option<Settings>,
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TrainInput {
    /// Builds fresh networks (the worker starts paused, at 0 examples). Answered with
    /// [`TrainOutput::Reset`] or, for a bad spec, [`TrainOutput::Error`] (the running nets stay).
    Reset(Setup),
    /// Starts or resumes training.
    Train,
    Pause,
    /// Changes the settings of the running trainers without a reset.
    SetSettings {
        settings: Settings,
        compare: Option<Settings>,
    },
    /// Evaluates on the held-out digits now.
    Evaluate,
    /// Replaces the networks with the last state before a divergence.
    Rollback,
    /// Asks for the first run's network in the core's file format ([`TrainOutput::Saved`]).
    Save,
    /// Loads a network file (replaces run 1, drops the comparison run).
    Load {
        bytes: Vec<u8>,
    },
    /// Whether to send [`NetSnapshot`]s (the page hides the view when nobody looks at it).
    SetNetView {
        enabled: bool,
    },
    /// Classifies one input (the network's input shape, values 0‥1), answered with
    /// [`TrainOutput::Classified`].
    Classify {
        input: Vec<f32>,
    },
}

/// Whether the worker is training.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunStatus {
    /// The data is being fetched and parsed.
    #[default]
    Loading,
    /// Ready, not training (fresh, or paused).
    Idle,
    Running,
    /// Stopped by a NaN or exploding loss; see [`TrainOutput::Diverged`].
    Diverged,
    /// The data could not be loaded; nothing can train.
    Failed,
}

/// One row of the architecture table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerRow {
    pub description: String,
    pub output: [usize; 3],
    pub params: usize,
    /// "(24 − 5 + 2·2)/1 + 1 = 24" for conv and pool layers.
    pub arithmetic: Option<String>,
}

/// Loss and training accuracy of the batches since the last point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LossPoint {
    /// Examples seen after these batches.
    pub examples: u64,
    pub loss: f32,
    /// Fraction of the batch classified correctly (0‥1).
    pub accuracy: f32,
}

/// The progress of one run since the last [`Progress`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunProgress {
    pub examples: u64,
    /// Completed passes over the 9,000 training digits.
    pub epoch: u64,
    pub points: Vec<LossPoint>,
    /// The learning rate now (after step decay).
    pub learning_rate: f32,
}

/// Sent ≈6 times a second while training, and once on every status change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub status: RunStatus,
    pub runs: Vec<RunProgress>,
    /// Training throughput (all runs together), examples per second, over the last second.
    pub examples_per_sec: f32,
    /// Forward pass, milliseconds per example (measured on the held-out digits).
    pub forward_ms: f32,
    /// Backward pass and update, milliseconds per example (training step minus forward).
    pub backward_ms: f32,
}

/// The top three guesses for one held-out digit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Guess {
    pub labels: [u8; 3],
    pub probs: [f32; 3],
}

impl Guess {
    /// The three most probable classes, best first (ties: the smaller class first).
    pub fn top3(probs: &[f32]) -> Guess {
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| {
            probs[b]
                .partial_cmp(&probs[a])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        let mut guess = Guess {
            labels: [0; 3],
            probs: [0.0; 3],
        };
        for (slot, &class) in order.iter().take(3).enumerate() {
            guess.labels[slot] = class as u8;
            guess.probs[slot] = probs[class];
        }
        guess
    }
}

/// A held-out evaluation of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub run: usize,
    pub examples: u64,
    pub accuracy: f32,
    pub loss: f32,
    /// Run 0 only: the guesses for every held-out digit, in the order of
    /// [`TrainOutput::Ready::test_labels`].
    pub guesses: Option<Vec<Guess>>,
}

/// One layer's maps, quantised to bytes per channel for a small message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub name: String,
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    /// The layer's smallest and largest value (shown next to the maps).
    pub min: f32,
    pub max: f32,
    /// Per channel: its own min and max; pixels are (v − min)/(max − min)·255.
    pub channel_ranges: Vec<(f32, f32)>,
    pub pixels: Vec<u8>,
}

impl MapView {
    /// Quantises a C×H×W buffer; each channel is scaled to its own range so every map is
    /// visible.
    pub fn quantise(name: &str, shape: [usize; 3], data: &[f32]) -> MapView {
        let [channels, height, width] = shape;
        let plane = height * width;
        let mut pixels = Vec::with_capacity(data.len());
        let mut channel_ranges = Vec::with_capacity(channels);
        let (mut min, mut max) = (f32::INFINITY, f32::NEG_INFINITY);
        for c in 0..channels {
            let values = data.get(c * plane..(c + 1) * plane).unwrap_or(&[]);
            let (lo, hi) = values
                .iter()
                .filter(|v| v.is_finite())
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 0.0) };
            min = min.min(lo);
            max = max.max(hi);
            channel_ranges.push((lo, hi));
            let span = hi - lo;
            pixels.extend(values.iter().map(|&v| {
                if span > 0.0 && v.is_finite() {
                    (((v - lo) / span) * 255.0).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                }
            }));
        }
        if min > max {
            (min, max) = (0.0, 0.0);
        }
        MapView {
            name: name.to_string(),
            channels,
            height,
            width,
            min,
            max,
            channel_ranges,
            pixels,
        }
    }

    /// Quantises with one range for all channels (filters: their weights stay comparable).
    pub fn quantise_shared(name: &str, shape: [usize; 3], data: &[f32]) -> MapView {
        let [channels, height, width] = shape;
        let (lo, hi) = data
            .iter()
            .filter(|v| v.is_finite())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 0.0) };
        let span = hi - lo;
        let pixels = data
            .iter()
            .map(|&v| {
                if span > 0.0 && v.is_finite() {
                    (((v - lo) / span) * 255.0).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                }
            })
            .collect();
        MapView {
            name: name.to_string(),
            channels,
            height,
            width,
            min: lo,
            max: hi,
            channel_ranges: vec![(lo, hi); channels],
            pixels,
        }
    }

    /// The pixels of channel `c`.
    pub fn channel(&self, c: usize) -> &[u8] {
        let plane = self.height * self.width;
        self.pixels.get(c * plane..(c + 1) * plane).unwrap_or(&[])
    }
}

/// One conv layer's filters: `out_channels` filters of `in_channels` kernels each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterView {
    pub name: String,
    pub out_channels: usize,
    pub in_channels: usize,
    /// Kernels of out_channels·in_channels × H × W, all scaled to the layer's range.
    pub kernels: MapView,
    /// The weight gradients of the last backward pass, in the same layout.
    pub grads: Option<MapView>,
}

/// What the network does with one example: the input, every layer's output and the filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetSnapshot {
    /// Examples seen when the snapshot was taken.
    pub examples: u64,
    /// The example's label, if known.
    pub label: Option<u8>,
    pub input: MapView,
    pub layers: Vec<MapView>,
    pub filters: Vec<FilterView>,
    /// The network's output probabilities.
    pub probs: Vec<f32>,
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TrainOutput {
    /// The data is in: the split sizes and the held-out digits (28×28 bytes each) for the
    /// gallery.
    Ready {
        train: usize,
        test: usize,
        test_images: Vec<u8>,
        test_labels: Vec<u8>,
    },
    /// Fresh networks were built.
    Reset {
        setup: Setup,
        rows: Vec<LayerRow>,
        params: usize,
    },
    Progress(Progress),
    Evaluation(Evaluation),
    Snapshot(Box<NetSnapshot>),
    /// A run's loss became NaN or exploded; training is paused.
    Diverged {
        run: usize,
        examples: u64,
        loss: f32,
        can_rollback: bool,
    },
    /// Rolled back to the state at `examples`.
    RolledBack {
        examples: u64,
    },
    /// The network file of [`TrainInput::Save`].
    Saved {
        bytes: Vec<u8>,
    },
    /// A network file was loaded; it is now run 1 (paused).
    Loaded {
        spec: String,
        rows: Vec<LayerRow>,
        params: usize,
    },
    /// The latest weights (core file format) of run 1; sent after every evaluation so other
    /// sections can use the network being trained.
    Weights {
        examples: u64,
        bytes: Vec<u8>,
    },
    Classified {
        probs: Vec<f32>,
    },
    /// A request failed (bad spec, bad file, bad settings, no data); nothing was changed.
    Error(Text),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top3_orders_by_probability_then_class() {
        let g = Guess::top3(&[0.1, 0.5, 0.05, 0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.15]);
        assert_eq!(g.labels, [1, 3, 9]);
        assert_eq!(g.probs, [0.5, 0.2, 0.15]);
        let tie = Guess::top3(&[0.25, 0.25, 0.25, 0.25]);
        assert_eq!(tie.labels, [0, 1, 2]);
    }

    #[test]
    fn quantise_scales_each_channel_to_its_range() {
        let view = MapView::quantise("conv", [2, 1, 3], &[0.0, 1.0, 2.0, -4.0, -4.0, -4.0]);
        assert_eq!(view.channel(0), &[0, 128, 255]);
        assert_eq!(view.channel(1), &[0, 0, 0]);
        assert_eq!((view.min, view.max), (-4.0, 2.0));
        assert_eq!(view.channel_ranges, vec![(0.0, 2.0), (-4.0, -4.0)]);
        let nan = MapView::quantise("x", [1, 1, 2], &[f32::NAN, 1.0]);
        assert_eq!(nan.pixels, vec![0, 0]);
    }

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
}
