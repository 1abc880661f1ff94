//! The page's view of the training: one reducer over the worker's messages.
//!
//! [`TrainingState::apply`] folds a [`TrainOutput`] into the state the section renders; it is
//! plain Rust and tested natively. The section and the shared client only pass messages in.

use std::rc::Rc;

use super::protocol::{
    Evaluation, Guess, LayerRow, NetSnapshot, Progress, RunStatus, Setup, Text, TrainOutput,
};
use super::recovery::Recovery;
use super::series::Curve;

/// The held-out digits, 28×28 bytes each, for the gallery. (`Eq`, so that comparing two
/// `Rc<TestSet>` props is a pointer comparison, not 784 KB.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestSet {
    pub images: Vec<u8>,
    pub labels: Vec<u8>,
}

impl TestSet {
    pub const SIDE: usize = 28;

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn image(&self, i: usize) -> &[u8] {
        let n = Self::SIDE * Self::SIDE;
        self.images.get(i * n..(i + 1) * n).unwrap_or(&[])
    }
}

/// What the page knows about one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunView {
    pub examples: u64,
    pub epoch: u64,
    pub learning_rate: f32,
    pub curve: Curve,
    /// (examples, held-out accuracy 0‥1).
    pub held_out: Vec<(u64, f32)>,
    pub last_eval: Option<(u64, f32, f32)>,
}

impl RunView {
    /// The latest held-out accuracy (0‥1) and the examples it was measured at.
    pub fn held_out_accuracy(&self) -> Option<(u64, f32)> {
        self.held_out.last().copied()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Divergence {
    pub run: usize,
    pub examples: u64,
    pub loss: f32,
    pub can_rollback: bool,
}

/// A short-lived confirmation shown under the controls.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    RolledBack { examples: u64 },
    Loaded,
    Saved,
    SettingsApplied,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrainingState {
    /// Incremented by every change: cheap change detection for the charts.
    pub version: u64,
    pub status: RunStatus,
    pub test_set: Option<Rc<TestSet>>,
    pub train_size: usize,
    /// The setup of the networks the worker has now (after the last reset or load).
    pub setup: Option<Setup>,
    pub rows: Vec<LayerRow>,
    pub params: usize,
    pub runs: Vec<RunView>,
    pub examples_per_sec: f32,
    pub forward_ms: f32,
    pub backward_ms: f32,
    /// Guesses for every held-out digit by run 1, and the examples they were made at.
    pub guesses: Option<(u64, Rc<Vec<Guess>>)>,
    /// The confusion matrix of the same evaluation.
    pub confusion: Option<(u64, Rc<cnn::ConfusionMatrix>)>,
    pub snapshot: Option<Rc<NetSnapshot>>,
    pub diverged: Option<Divergence>,
    pub error: Option<Text>,
    pub notice: Option<Notice>,
    /// How many network files were loaded, and the spec of the last one (the form adopts it).
    pub loaded: Option<(u64, String)>,
    /// Run 1's weights came from a file (a reset or another load would lose them).
    pub from_file: bool,
    /// The last weights file of run 1 (for the Draw section).
    pub weights: Option<(u64, Rc<Vec<u8>>)>,
    pub last_probs: Option<Vec<f32>>,
    /// The worker crashed, is being restarted, or was restored (see [`super::recovery`]).
    pub recovery: Option<Recovery>,
}

impl TrainingState {
    pub fn examples(&self) -> u64 {
        self.runs.first().map_or(0, |r| r.examples)
    }

    /// Whether Reset or Load would throw away weights that took work: trained here, or loaded.
    pub fn holds_trained_weights(&self) -> bool {
        self.examples() > 0 || self.from_file
    }

    pub fn epoch(&self) -> u64 {
        self.runs.first().map_or(0, |r| r.epoch)
    }

    /// Folds one worker message into the state. Returns the bytes of a saved file, which the
    /// caller hands to the browser as a download (they are not kept).
    pub fn apply(&mut self, output: TrainOutput) -> Option<Vec<u8>> {
        self.version += 1;
        match output {
            TrainOutput::Ready {
                train,
                test,
                test_images,
                test_labels,
            } => {
                debug_assert_eq!(test, test_labels.len());
                self.train_size = train;
                self.test_set = Some(Rc::new(TestSet {
                    images: test_images,
                    labels: test_labels,
                }));
                if self.status == RunStatus::Loading {
                    self.status = RunStatus::Idle;
                }
            }
            TrainOutput::Reset {
                setup,
                rows,
                params,
            } => {
                let runs = 1 + usize::from(setup.compare.is_some());
                self.setup = Some(setup);
                self.rows = rows;
                self.params = params;
                self.from_file = false;
                self.fresh_runs(runs);
                self.restored(None);
            }
            TrainOutput::Restored {
                setup,
                rows,
                params,
                examples,
            } => {
                // Run 1's charts were kept up to the checkpoint by `restart`.
                self.restored(Some(examples));
                self.setup = Some(setup);
                self.rows = rows;
                self.params = params;
                self.runs.truncate(1);
                if self.runs.is_empty() {
                    self.fresh_runs(1);
                }
                self.runs[0].examples = examples;
            }
            TrainOutput::Loaded { spec, rows, params } => {
                if let Some(setup) = &mut self.setup {
                    setup.spec = spec.clone();
                    setup.compare = None;
                }
                let count = self.loaded.as_ref().map_or(1, |(n, _)| n + 1);
                self.loaded = Some((count, spec));
                self.from_file = true;
                self.rows = rows;
                self.params = params;
                self.fresh_runs(1);
                self.notice = Some(Notice::Loaded);
            }
            TrainOutput::Progress(progress) => self.progress(progress),
            TrainOutput::Evaluation(evaluation) => self.evaluation(evaluation),
            TrainOutput::Snapshot(snapshot) => self.snapshot = Some(Rc::from(snapshot)),
            TrainOutput::Diverged {
                run,
                examples,
                loss,
                can_rollback,
            } => {
                self.status = RunStatus::Diverged;
                self.diverged = Some(Divergence {
                    run,
                    examples,
                    loss,
                    can_rollback,
                });
            }
            TrainOutput::RolledBack { examples } => {
                self.diverged = None;
                self.status = RunStatus::Idle;
                for run in &mut self.runs {
                    run.examples = run.examples.min(examples);
                }
                self.notice = Some(Notice::RolledBack { examples });
            }
            TrainOutput::Saved { bytes } => {
                self.notice = Some(Notice::Saved);
                return Some(bytes);
            }
            TrainOutput::Weights { examples, bytes } => {
                self.weights = Some((examples, Rc::new(bytes)));
            }
            TrainOutput::Classified { probs } => self.last_probs = Some(probs),
            TrainOutput::Error(text) => {
                // A confirmation of an earlier action ("saved") must not stand beside the error.
                self.notice = None;
                self.error = Some(text);
            }
        }
        None
    }

    fn fresh_runs(&mut self, count: usize) {
        self.runs = (0..count)
            .map(|_| RunView {
                curve: Curve::new(),
                ..RunView::default()
            })
            .collect();
        self.guesses = None;
        self.confusion = None;
        self.snapshot = None;
        self.diverged = None;
        self.error = None;
        self.examples_per_sec = 0.0;
        if self.status != RunStatus::Loading && self.status != RunStatus::Failed {
            self.status = RunStatus::Idle;
        }
    }

    fn progress(&mut self, progress: Progress) {
        self.status = progress.status;
        if progress.status == RunStatus::Running {
            self.diverged = None;
        }
        self.examples_per_sec = progress.examples_per_sec;
        if progress.forward_ms > 0.0 {
            self.forward_ms = progress.forward_ms;
        }
        if progress.backward_ms > 0.0 {
            self.backward_ms = progress.backward_ms;
        }
        for (i, run) in progress.runs.into_iter().enumerate() {
            if self.runs.len() <= i {
                self.runs.resize_with(i + 1, || RunView {
                    curve: Curve::new(),
                    ..RunView::default()
                });
            }
            let view = &mut self.runs[i];
            view.examples = run.examples;
            view.epoch = run.epoch;
            view.learning_rate = run.learning_rate;
            for point in run.points {
                view.curve.push(point);
            }
        }
    }

    fn evaluation(&mut self, evaluation: Evaluation) {
        let Some(view) = self.runs.get_mut(evaluation.run) else {
            return;
        };
        // One point per examples count: a re-evaluation of the same weights replaces it.
        if view.held_out.last().map(|&(x, _)| x) == Some(evaluation.examples) {
            view.held_out.pop();
        }
        view.held_out
            .push((evaluation.examples, evaluation.accuracy));
        // The run has seen at least these examples, even if their progress is still on its way
        // (a crash right after an evaluation would show a counter below the checkpoint).
        view.examples = view.examples.max(evaluation.examples);
        view.last_eval = Some((evaluation.examples, evaluation.accuracy, evaluation.loss));
        if let Some(guesses) = evaluation.guesses {
            self.guesses = Some((evaluation.examples, Rc::new(guesses)));
        }
        if let Some(confusion) = evaluation.confusion {
            self.confusion = Some((evaluation.examples, Rc::new(confusion)));
        }
    }

    /// Indices of the held-out digits to show: all, or only the misclassified ones, at most
    /// `limit`.
    pub fn gallery(&self, only_mistakes: bool, limit: usize) -> Vec<usize> {
        match (&self.test_set, &self.guesses) {
            (Some(test), Some((_, guesses))) => gallery(test, guesses, only_mistakes, limit),
            _ => Vec::new(),
        }
    }

    /// Number of misclassified held-out digits in the last evaluation of run 1.
    pub fn mistakes(&self) -> Option<usize> {
        let (test, (_, guesses)) = (self.test_set.as_ref()?, self.guesses.as_ref()?);
        Some(mistakes(test, guesses))
    }
}

/// Indices of the held-out digits to show: all, or only the misclassified ones, at most `limit`.
pub fn gallery(test: &TestSet, guesses: &[Guess], only_mistakes: bool, limit: usize) -> Vec<usize> {
    (0..test.len().min(guesses.len()))
        .filter(|&i| !only_mistakes || guesses[i].labels[0] != test.labels[i])
        .take(limit)
        .collect()
}

/// A cell of the confusion matrix: (true class, predicted class).
pub type Cell = (u8, u8);

/// Indices of the held-out digits of true class `cell.0` whose best guess is `cell.1`, at most
/// `limit` (the gallery filtered by a click on the confusion matrix).
pub fn gallery_cell(test: &TestSet, guesses: &[Guess], cell: Cell, limit: usize) -> Vec<usize> {
    (0..test.len().min(guesses.len()))
        .filter(|&i| test.labels[i] == cell.0 && guesses[i].labels[0] == cell.1)
        .take(limit)
        .collect()
}

/// A click on a cell: filters by it, or clears the filter when it is the one already chosen.
pub fn toggle_cell(current: Option<Cell>, clicked: Cell) -> Option<Cell> {
    (current != Some(clicked)).then_some(clicked)
}

/// Number of held-out digits whose best guess is wrong.
pub fn mistakes(test: &TestSet, guesses: &[Guess]) -> usize {
    guesses
        .iter()
        .zip(&test.labels)
        .filter(|(g, label)| g.labels[0] != **label)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::client::default_setup;
    use crate::training::config::Settings;
    use crate::training::protocol::{LossPoint, RunProgress};

    fn setup(compare: bool) -> Setup {
        Setup {
            spec: "input 24x24x1; dense 10 softmax".into(),
            seed: 7,
            settings: Settings::default(),
            compare: compare.then(Settings::default),
        }
    }

    fn progress(status: RunStatus, examples: &[u64]) -> TrainOutput {
        TrainOutput::Progress(Progress {
            status,
            runs: examples
                .iter()
                .map(|&e| RunProgress {
                    examples: e,
                    epoch: e / 9000,
                    points: vec![LossPoint {
                        examples: e,
                        loss: 1.0,
                        accuracy: 0.5,
                    }],
                    learning_rate: 0.01,
                })
                .collect(),
            examples_per_sec: 1000.0,
            forward_ms: 0.2,
            backward_ms: 0.4,
        })
    }

    #[test]
    fn a_run_goes_loading_ready_reset_running_paused() {
        let mut state = TrainingState::default();
        assert_eq!(state.status, RunStatus::Loading);
        state.apply(TrainOutput::Ready {
            train: 9000,
            test: 2,
            test_images: vec![0; 2 * 784],
            test_labels: vec![3, 5],
        });
        assert_eq!(state.status, RunStatus::Idle);
        state.apply(TrainOutput::Reset {
            setup: setup(true),
            rows: vec![],
            params: 5770,
        });
        assert_eq!(state.runs.len(), 2);
        state.apply(progress(RunStatus::Running, &[20_000, 20_000]));
        assert_eq!(state.status, RunStatus::Running);
        assert_eq!(state.examples(), 20_000);
        assert_eq!(state.epoch(), 2);
        assert_eq!(state.runs[1].curve.points().len(), 1);
        state.apply(progress(RunStatus::Idle, &[20_040, 20_040]));
        assert_eq!(state.status, RunStatus::Idle);
        assert_eq!(state.examples_per_sec, 1000.0);
    }

    #[test]
    fn evaluations_build_the_held_out_curve_and_the_gallery() {
        let mut state = TrainingState::default();
        state.apply(TrainOutput::Ready {
            train: 9000,
            test: 3,
            test_images: vec![0; 3 * 784],
            test_labels: vec![1, 2, 3],
        });
        state.apply(TrainOutput::Reset {
            setup: setup(false),
            rows: vec![],
            params: 10,
        });
        let guess = |l: u8| Guess {
            labels: [l, 0, 9],
            probs: [0.8, 0.1, 0.05],
        };
        for examples in [1000, 2000, 2000] {
            state.apply(TrainOutput::Evaluation(Evaluation {
                run: 0,
                examples,
                accuracy: 2.0 / 3.0,
                loss: 0.5,
                guesses: Some(vec![guess(1), guess(7), guess(3)]),
                confusion: Some(cnn::ConfusionMatrix::from_pairs(
                    10,
                    [(1, 1), (2, 7), (3, 3)],
                )),
            }));
        }
        let (at, confusion) = state
            .confusion
            .clone()
            .expect("the matrix came with the guesses");
        assert_eq!(
            (at, confusion.count(2, 7), confusion.correct()),
            (2000, 1, 2)
        );
        let test = state.test_set.clone().unwrap();
        let guesses = state.guesses.clone().unwrap().1;
        assert_eq!(gallery_cell(&test, &guesses, (2, 7), 10), vec![1]);
        assert_eq!(gallery_cell(&test, &guesses, (3, 3), 10), vec![2]);
        assert!(gallery_cell(&test, &guesses, (2, 2), 10).is_empty());
        assert_eq!(
            state.runs[0].held_out.len(),
            2,
            "re-evaluation replaces the point"
        );
        assert_eq!(state.gallery(false, 10), vec![0, 1, 2]);
        assert_eq!(state.gallery(true, 10), vec![1]);
        assert_eq!(state.gallery(false, 2), vec![0, 1]);
        assert_eq!(state.mistakes(), Some(1));
        // An evaluation for a run that does not exist is ignored, not a panic.
        state.apply(TrainOutput::Evaluation(Evaluation {
            run: 5,
            examples: 1,
            accuracy: 1.0,
            loss: 0.0,
            guesses: None,
            confusion: None,
        }));
    }

    #[test]
    fn a_second_click_on_a_cell_clears_the_filter() {
        assert_eq!(toggle_cell(None, (4, 9)), Some((4, 9)));
        assert_eq!(toggle_cell(Some((4, 9)), (4, 9)), None);
        assert_eq!(toggle_cell(Some((4, 9)), (7, 1)), Some((7, 1)));
    }

    #[test]
    fn divergence_pauses_and_rollback_clears_it() {
        let mut state = TrainingState::default();
        state.apply(TrainOutput::Reset {
            setup: setup(false),
            rows: vec![],
            params: 10,
        });
        state.apply(progress(RunStatus::Running, &[4000]));
        state.apply(TrainOutput::Diverged {
            run: 0,
            examples: 4000,
            loss: f32::NAN,
            can_rollback: true,
        });
        assert_eq!(state.status, RunStatus::Diverged);
        assert!(state.diverged.is_some());
        state.apply(TrainOutput::RolledBack { examples: 3000 });
        assert_eq!(state.status, RunStatus::Idle);
        assert_eq!(state.diverged, None);
        assert_eq!(state.examples(), 3000);
        assert_eq!(state.notice, Some(Notice::RolledBack { examples: 3000 }));
    }

    #[test]
    fn saved_bytes_are_handed_out_not_kept() {
        let mut state = TrainingState::default();
        let bytes = state.apply(TrainOutput::Saved {
            bytes: vec![1, 2, 3],
        });
        assert_eq!(bytes, Some(vec![1, 2, 3]));
        assert_eq!(state.notice, Some(Notice::Saved));
        assert_eq!(state.apply(TrainOutput::Error(Text::new("а", "a"))), None);
        assert_eq!(state.error.as_ref().unwrap().en, "a");
        assert_eq!(state.notice, None, "the stale confirmation goes");
    }

    #[test]
    fn a_loaded_network_is_the_network_and_counts_as_trained() {
        let mut state = TrainingState::default();
        state.apply(TrainOutput::Reset {
            setup: default_setup(),
            rows: Vec::new(),
            params: 0,
        });
        assert!(!state.holds_trained_weights());
        let spec = "input 24x24x1; conv 3x3x4 relu; pool 2; dense 10 softmax".to_string();
        state.apply(TrainOutput::Loaded {
            spec: spec.clone(),
            rows: Vec::new(),
            params: 7,
        });
        assert_eq!(state.setup.as_ref().unwrap().spec, spec);
        assert_eq!(state.loaded, Some((1, spec)));
        assert_eq!(state.examples(), 0);
        assert!(
            state.holds_trained_weights(),
            "a loaded file holds trained weights"
        );
        state.apply(TrainOutput::Reset {
            setup: default_setup(),
            rows: Vec::new(),
            params: 0,
        });
        assert!(!state.holds_trained_weights());
    }
}
