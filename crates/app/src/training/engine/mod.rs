//! The worker's side of training: data, one or two trainers, the loop, evaluation, snapshots.
//!
//! The engine is plain Rust over the `cnn` core, driven from outside: the worker calls
//! [`Engine::handle`] for every page message and [`Engine::work`] repeatedly while
//! [`Engine::busy`], each call doing about `budget_ms` of work and returning the messages that
//! are due. Between two calls the worker yields to its event loop, which is how a Pause gets in
//! while training runs. Time comes from the caller (`now` in milliseconds), so the engine is
//! tested natively with a fake clock.
//!
//! Both runs of a comparison start from the same weights (same seed) and see exactly the same
//! batches (the same digits with the same crops): only the optimizer settings differ.

//!
//! - [`order`]: the shuffled data order and the crops, shared by both runs;
//! - [`run`]: one run (trainer, loss points, checkpoint) and a training batch;
//! - [`eval`]: the held-out evaluation in slices;
//! - [`clock`]: progress timing and the throughput readout.

use std::collections::VecDeque;

use cnn::mnist::Mnist;
use cnn::{Mode, Network};

use super::config::{Settings, check_input, layer_rows, parse_spec};
use super::protocol::{LayerRow, RunStatus, Setup, Text, TrainInput, TrainOutput};
use super::snapshot::snapshot;

mod clock;
mod eval;
mod order;
mod run;
#[cfg(test)]
mod tests;

pub use clock::{PROGRESS_EVERY_MS, SNAPSHOT_EVERY_MS};
pub use eval::next_eval_after;

use clock::Clock;
use eval::EvalJob;
use order::{Data, DataOrder};
use run::Run;

pub struct Engine {
    data: Option<Data>,
    setup: Option<Setup>,
    runs: Vec<Run>,
    order: Option<DataOrder>,
    status: RunStatus,
    /// Train was pressed before the data arrived.
    start_when_ready: bool,
    net_view: bool,
    snapshot_due: bool,
    evals: VecDeque<EvalJob>,
    next_eval: u64,
    clock: Clock,
    /// Messages produced outside [`Engine::work`]'s return (e.g. during a step).
    outbox: Vec<TrainOutput>,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl Engine {
    pub fn new() -> Engine {
        Engine {
            data: None,
            setup: None,
            runs: Vec::new(),
            order: None,
            status: RunStatus::Loading,
            start_when_ready: false,
            net_view: true,
            snapshot_due: false,
            evals: VecDeque::new(),
            next_eval: next_eval_after(0),
            clock: Clock::default(),
            outbox: Vec::new(),
        }
    }

    pub fn status(&self) -> RunStatus {
        self.status
    }

    /// Whether [`Engine::work`] has something to do.
    pub fn busy(&self) -> bool {
        self.status == RunStatus::Running || !self.evals.is_empty()
    }

    /// Examples seen by run `run`.
    pub fn examples(&self, run: usize) -> u64 {
        self.runs.get(run).map_or(0, |r| r.examples)
    }

    /// The network of run `run`.
    pub fn network(&self, run: usize) -> Option<&Network> {
        self.runs.get(run).map(|r| r.trainer.network())
    }

    /// The MNIST asset arrived (or failed to).
    pub fn set_data(&mut self, bytes: Result<Vec<u8>, Text>, now: f64) -> Vec<TrainOutput> {
        let parsed = bytes.and_then(|b| Mnist::parse(&b).map_err(|e| Text::from_error(&e)));
        match parsed {
            Ok(mnist) => {
                let split = mnist.split();
                let test_images: Vec<u8> = split
                    .test
                    .iter()
                    .flat_map(|&i| mnist.image(i).to_vec())
                    .collect();
                let test_labels: Vec<u8> = split.test.iter().map(|&i| mnist.label(i)).collect();
                let (train, test) = (split.train.len(), split.test.len());
                let seed = self.setup.as_ref().map_or(1, |s| s.seed);
                self.order = Some(DataOrder::new(seed, &split.train));
                self.data = Some(Data {
                    mnist,
                    train: split.train,
                    test: split.test,
                });
                self.status = RunStatus::Idle;
                let mut out = vec![TrainOutput::Ready {
                    train,
                    test,
                    test_images,
                    test_labels,
                }];
                if !self.runs.is_empty() {
                    self.queue_evals();
                    self.snapshot_idle(&mut out);
                }
                if self.start_when_ready {
                    self.start(now);
                }
                out.push(self.progress(now));
                out
            }
            Err(text) => {
                self.status = RunStatus::Failed;
                vec![TrainOutput::Error(text), self.progress(now)]
            }
        }
    }

    /// Handles one page message.
    pub fn handle(&mut self, input: TrainInput, now: f64) -> Vec<TrainOutput> {
        let mut out = Vec::new();
        match input {
            TrainInput::Reset(setup) => match self.reset(setup) {
                Ok((setup, rows, params)) => {
                    out.push(TrainOutput::Reset {
                        setup,
                        rows,
                        params,
                    });
                    self.snapshot_idle(&mut out);
                    out.push(self.progress(now));
                }
                Err(text) => out.push(TrainOutput::Error(text)),
            },
            TrainInput::Train => {
                if self.runs.is_empty() {
                    out.push(TrainOutput::Error(Text::new(
                        "Сначала создайте сеть (кнопка «Сброс»).",
                        "Build a network first (the Reset button).",
                    )));
                } else if self.status == RunStatus::Loading {
                    self.start_when_ready = true;
                } else if self.status == RunStatus::Diverged {
                    out.push(TrainOutput::Error(Text::new(
                        "Обучение разошлось: откатитесь к последнему хорошему состоянию или \
                         сбросьте сеть.",
                        "Training diverged: roll back to the last good state or reset the network.",
                    )));
                } else if self.status == RunStatus::Idle {
                    self.start(now);
                    out.push(self.progress(now));
                }
            }
            TrainInput::Pause => {
                self.start_when_ready = false;
                if self.status == RunStatus::Running {
                    self.status = RunStatus::Idle;
                    // The held-out accuracy shown while paused is that of the paused weights.
                    if self.runs.first().is_some_and(|r| r.examples > 0) {
                        self.queue_evals();
                    }
                    out.push(self.progress(now));
                    self.snapshot_idle(&mut out);
                }
            }
            TrainInput::SetSettings { settings, compare } => {
                match self.set_settings(settings, compare) {
                    Ok(()) => out.push(self.progress(now)),
                    Err(text) => out.push(TrainOutput::Error(text)),
                }
            }
            TrainInput::Evaluate => {
                if self.data.is_some() && !self.runs.is_empty() {
                    self.queue_evals();
                }
            }
            TrainInput::Rollback => {
                let mut rolled = None;
                for run in &mut self.runs {
                    if let Some((examples, network)) = &run.checkpoint {
                        run.trainer.set_network(network.clone());
                        run.examples = *examples;
                        run.ema_loss = None;
                        run.points.clear();
                        rolled = Some(rolled.map_or(*examples, |e: u64| e.min(*examples)));
                    }
                }
                match rolled {
                    Some(examples) => {
                        if self.status == RunStatus::Diverged {
                            self.status = RunStatus::Idle;
                        }
                        self.evals.clear();
                        self.next_eval = next_eval_after(examples);
                        out.push(TrainOutput::RolledBack { examples });
                        out.push(self.progress(now));
                        self.snapshot_idle(&mut out);
                    }
                    None => out.push(TrainOutput::Error(Text::new(
                        "Нет сохранённого состояния для отката.",
                        "There is no saved state to roll back to.",
                    ))),
                }
            }
            TrainInput::Save => match self.runs.first() {
                Some(run) => out.push(TrainOutput::Saved {
                    bytes: cnn::weights::save(run.trainer.network()),
                }),
                None => out.push(TrainOutput::Error(Text::new(
                    "Нет сети для сохранения.",
                    "There is no network to save.",
                ))),
            },
            TrainInput::Load { bytes } => match self.load(&bytes) {
                Ok(loaded) => {
                    out.push(loaded);
                    self.snapshot_idle(&mut out);
                    out.push(self.progress(now));
                }
                Err(text) => out.push(TrainOutput::Error(text)),
            },
            TrainInput::Restore {
                setup,
                bytes,
                examples,
            } => match self.restore(setup, &bytes, examples) {
                Ok(restored) => {
                    out.push(restored);
                    self.snapshot_idle(&mut out);
                    out.push(self.progress(now));
                }
                Err(text) => out.push(TrainOutput::Error(text)),
            },
            TrainInput::SetNetView { enabled } => {
                self.net_view = enabled;
                if enabled {
                    self.snapshot_idle(&mut out);
                }
            }
            TrainInput::Classify { input } => match self.runs.first_mut() {
                Some(run) => {
                    let network = run.trainer.network_mut();
                    let shape = network.input_shape();
                    match cnn::Tensor::new(shape, input) {
                        Ok(tensor) => out.push(TrainOutput::Classified {
                            probs: network.predict(&tensor),
                        }),
                        Err(e) => out.push(TrainOutput::Error(Text::from_error(&e))),
                    }
                }
                None => out.push(TrainOutput::Error(Text::new(
                    "Нет сети.",
                    "There is no network.",
                ))),
            },
        }
        out
    }

    fn start(&mut self, now: f64) {
        self.status = RunStatus::Running;
        self.start_when_ready = false;
        self.clock.rate_samples.clear();
        self.clock.rate_samples.push_back((now, self.clock.trained));
        self.clock.last_progress = now;
        self.snapshot_due = true;
    }

    /// Builds fresh networks from `setup`: the setup, the layer table and the parameter count.
    fn reset(&mut self, setup: Setup) -> Result<(Setup, Vec<LayerRow>, usize), Text> {
        setup.settings.validate()?;
        if let Some(compare) = &setup.compare {
            compare.validate()?;
        }
        let spec = parse_spec(&setup.spec)?;
        let rows = layer_rows(&spec)?;
        let network = Network::new(&spec, setup.seed).map_err(|e| Text::from_error(&e))?;
        let params = network.num_params();
        let mut runs = vec![Run::new(network.clone(), setup.settings.clone())?];
        if let Some(compare) = &setup.compare {
            let compare = Settings {
                batch_size: setup.settings.batch_size,
                augment: setup.settings.augment,
                distort: setup.settings.distort,
                ..compare.clone()
            };
            runs.push(Run::new(network, compare)?);
        }
        self.runs = runs;
        if let Some(data) = &self.data {
            self.order = Some(DataOrder::new(setup.seed, &data.train));
        }
        if self.status == RunStatus::Running || self.status == RunStatus::Diverged {
            self.status = RunStatus::Idle;
        }
        self.start_when_ready = false;
        self.evals.clear();
        self.next_eval = next_eval_after(0);
        self.clock.trained = 0;
        self.clock.rate_samples.clear();
        self.setup = Some(setup.clone());
        Ok((setup, rows, params))
    }

    /// A reset to `setup` whose run 1 then takes the checkpoint's weights and counter. The
    /// comparison run is not restored (only run 1's weights are checkpointed), nor the
    /// optimizer's momentum: it starts afresh from the restored weights.
    fn restore(&mut self, setup: Setup, bytes: &[u8], examples: u64) -> Result<TrainOutput, Text> {
        let network = cnn::weights::load(bytes).map_err(|e| Text::from_error(&e))?;
        let setup = Setup {
            spec: network.spec().to_string(),
            compare: None,
            ..setup
        };
        let (setup, rows, params) = self.reset(setup)?;
        let mut run = Run::new(network, setup.settings.clone())?;
        run.examples = examples;
        run.checkpoint = Some((examples, run.trainer.network().clone()));
        self.runs = vec![run];
        self.next_eval = next_eval_after(examples);
        if self.data.is_some() {
            self.queue_evals();
        }
        Ok(TrainOutput::Restored {
            setup,
            rows,
            params,
            examples,
        })
    }

    fn set_settings(&mut self, settings: Settings, compare: Option<Settings>) -> Result<(), Text> {
        settings.validate()?;
        let compare = compare.map(|c| Settings {
            batch_size: settings.batch_size,
            augment: settings.augment,
            distort: settings.distort,
            ..c
        });
        if let Some(c) = &compare {
            c.validate()?;
        }
        for (i, run) in self.runs.iter_mut().enumerate() {
            let new = if i == 0 {
                settings.clone()
            } else {
                match &compare {
                    Some(c) => c.clone(),
                    None => continue,
                }
            };
            run.trainer
                .set_config(new.train_config())
                .map_err(|e| Text::from_error(&e))?;
            run.settings = new;
        }
        if let Some(setup) = &mut self.setup {
            setup.settings = settings;
            if setup.compare.is_some() {
                setup.compare = compare;
            }
        }
        Ok(())
    }

    fn load(&mut self, bytes: &[u8]) -> Result<TrainOutput, Text> {
        let network = cnn::weights::load(bytes).map_err(|e| Text::from_error(&e))?;
        let spec = network.spec().clone();
        check_input(spec.input, spec.classes())?;
        let rows = layer_rows(&spec)?;
        let params = network.num_params();
        let settings = self
            .setup
            .as_ref()
            .map_or_else(Settings::default, |s| s.settings.clone());
        let seed = self.setup.as_ref().map_or(1, |s| s.seed);
        self.runs = vec![Run::new(network, settings.clone())?];
        self.setup = Some(Setup {
            spec: spec.to_string(),
            seed,
            settings,
            compare: None,
        });
        if self.status == RunStatus::Running || self.status == RunStatus::Diverged {
            self.status = RunStatus::Idle;
        }
        if let Some(data) = &self.data {
            self.order = Some(DataOrder::new(seed, &data.train));
        }
        self.evals.clear();
        self.next_eval = next_eval_after(0);
        if self.data.is_some() {
            self.queue_evals();
        }
        Ok(TrainOutput::Loaded {
            spec: spec.to_string(),
            rows,
            params,
        })
    }

    /// Works for about `budget_ms` (as measured by `now`) and returns the messages due.
    pub fn work(&mut self, now: &mut dyn FnMut() -> f64, budget_ms: f64) -> Vec<TrainOutput> {
        let start = now();
        let mut out = Vec::new();
        loop {
            if !self.evals.is_empty() {
                self.eval_slice(now, &mut out);
            } else if self.status == RunStatus::Running {
                let t0 = now();
                let trained = self.train_batch(&mut out);
                let t1 = now();
                self.clock.step_ms += t1 - t0;
                self.clock.step_examples += trained;
                if self.status != RunStatus::Running {
                    break;
                }
            } else {
                break;
            }
            if now() - start >= budget_ms {
                break;
            }
        }
        out.append(&mut self.outbox);
        let t = now();
        let status_changed = out
            .iter()
            .any(|m| matches!(m, TrainOutput::Diverged { .. }));
        if status_changed || t - self.clock.last_progress >= PROGRESS_EVERY_MS || !self.busy() {
            out.push(self.progress(t));
        }
        if self.net_view && t - self.clock.last_snapshot >= SNAPSHOT_EVERY_MS {
            self.snapshot_due = true;
        }
        out
    }

    /// A snapshot of run 1 on the first held-out digit (when not training).
    fn snapshot_idle(&mut self, out: &mut Vec<TrainOutput>) {
        if !self.net_view {
            return;
        }
        let (Some(data), Some(run)) = (&self.data, self.runs.first_mut()) else {
            return;
        };
        let Some(&digit) = data.test.first() else {
            return;
        };
        let network = run.trainer.network_mut();
        let size = network.input_shape().height;
        let (batch, labels) = data.mnist.test_batch(&[digit], size);
        network.forward(&batch, Mode::Eval);
        out.push(TrainOutput::Snapshot(Box::new(snapshot(
            network,
            run.examples,
            labels.first().copied(),
        ))));
    }
}
