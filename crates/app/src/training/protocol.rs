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

use super::config::Settings;
// The snapshot types travel in [`TrainOutput::Snapshot`]; they are defined beside the code
// that builds them.
pub use super::snapshot::{FilterView, MapView, NetSnapshot};

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
    /// A new worker takes over from one that crashed: builds `setup` (without its comparison
    /// run) with run 1's weights from `bytes` (a weights file) and its counter at `examples`,
    /// paused. Answered with [`TrainOutput::Restored`].
    Restore {
        setup: Setup,
        bytes: Vec<u8>,
        examples: u64,
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
    /// Run 0 only: the held-out digits' confusion matrix (true class × best guess).
    #[serde(default)]
    pub confusion: Option<cnn::ConfusionMatrix>,
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
    /// The networks of [`TrainInput::Restore`] were built; run 1 holds the checkpoint.
    Restored {
        setup: Setup,
        rows: Vec<LayerRow>,
        params: usize,
        examples: u64,
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
}
