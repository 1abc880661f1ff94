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

use std::collections::VecDeque;

use cnn::mnist::{self, Mnist};
use cnn::optim::MomentumForm;
use cnn::{
    Batch, Mode, Network, NetworkSpec, Optimizer, Shape, StepDecay, TrainConfig, TrainError,
    Trainer,
};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use super::protocol::{
    Evaluation, FilterView, Guess, LayerRow, LossPoint, MapView, NetSnapshot, OptimizerKind,
    Progress, RunProgress, RunStatus, Settings, Setup, Text, TrainInput, TrainOutput,
};

/// Milliseconds between two [`Progress`] messages while training (≈6.7 per second).
pub const PROGRESS_EVERY_MS: f64 = 150.0;
/// Milliseconds between two [`NetSnapshot`]s while training (≈3 per second).
pub const SNAPSHOT_EVERY_MS: f64 = 330.0;
/// Held-out digits evaluated per slice (one forward pass).
const EVAL_SLICE: usize = 50;

/// When the held-out set is evaluated: every 1,000 examples up to 10,000 (the early curve is
/// the interesting one, and 9,000 = one pass lands on a point), then every 2,000.
pub fn next_eval_after(examples: u64) -> u64 {
    if examples < 10_000 {
        (examples / 1_000 + 1) * 1_000
    } else {
        (examples / 2_000 + 1) * 2_000
    }
}

/// The core's training configuration for the page's settings.
pub fn train_config(settings: &Settings) -> TrainConfig {
    let optimizer = match settings.optimizer {
        OptimizerKind::Sgd => Optimizer::Sgd,
        OptimizerKind::Momentum => Optimizer::Momentum {
            gamma: settings.momentum,
            form: MomentumForm::Lecture,
        },
        OptimizerKind::Nesterov => Optimizer::Nesterov {
            gamma: settings.momentum,
            form: MomentumForm::Lecture,
        },
        OptimizerKind::Adam => Optimizer::ADAM,
        OptimizerKind::RmsProp => Optimizer::RMSPROP,
        OptimizerKind::Adadelta => Optimizer::ADADELTA,
    };
    TrainConfig {
        optimizer,
        learning_rate: settings.learning_rate,
        l2: settings.l2,
        batch_size: settings.batch_size,
        dropout: settings.dropout,
        lr_decay: (settings.lr_decay_every > 0).then_some(StepDecay {
            factor: settings.lr_decay_factor,
            every: settings.lr_decay_every,
        }),
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
            arithmetic: row.geometry.map(|g| {
                let (h, w) = (g.height.formula(), g.width.formula());
                if h == w { h } else { format!("{h} × {w}") }
            }),
        })
        .collect())
}

/// Parses a spec and checks it can read the MNIST digits.
pub fn parse_spec(text: &str) -> Result<NetworkSpec, Text> {
    let spec = NetworkSpec::parse(text).map_err(|e| Text::from_error(&e))?;
    check_input(spec.input, spec.classes())?;
    Ok(spec)
}

fn check_input(input: Shape, classes: Option<usize>) -> Result<(), Text> {
    if input.channels != 1 || input.height != input.width || input.height > mnist::SIDE {
        return Err(Text::new(
            format!(
                "Вход сети {}×{}×{} не подходит для MNIST: нужен квадрат N×N×1 с N ≤ 28 \
                 (цифры 28×28, сеть видит их вырезку N×N).",
                input.height, input.width, input.channels
            ),
            format!(
                "The input {}×{}×{} does not fit MNIST: it must be a square N×N×1 with N ≤ 28 \
                 (the digits are 28×28; the network sees an N×N crop).",
                input.height, input.width, input.channels
            ),
        ));
    }
    if classes != Some(10) {
        return Err(Text::new(
            "Последний слой должен быть dense 10 softmax: в MNIST десять классов (цифры 0–9).",
            "The last layer must be dense 10 softmax: MNIST has ten classes (digits 0–9).",
        ));
    }
    Ok(())
}

struct Data {
    mnist: Mnist,
    train: Vec<usize>,
    test: Vec<usize>,
}

/// Shuffled passes over the training digits and the crop offsets: shared by both runs.
struct DataOrder {
    rng: Pcg32,
    perm: Vec<usize>,
    cursor: usize,
    epoch: u64,
}

impl DataOrder {
    fn new(seed: u64, train: &[usize]) -> DataOrder {
        let mut order = DataOrder {
            rng: Pcg32::seed_from_u64(seed ^ 0x5eed_da7a),
            perm: train.to_vec(),
            cursor: 0,
            epoch: 0,
        };
        order.shuffle();
        order
    }

    fn shuffle(&mut self) {
        for i in (1..self.perm.len()).rev() {
            let j = self.rng.random_range(0..=i);
            self.perm.swap(i, j);
        }
    }

    /// The next `n` digits and their crop offsets (0..=max on each axis, or the centre).
    fn next(&mut self, n: usize, max_offset: usize, augment: bool) -> Vec<(usize, usize, usize)> {
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            if self.cursor >= self.perm.len() {
                self.cursor = 0;
                self.epoch += 1;
                self.shuffle();
            }
            let digit = self.perm[self.cursor];
            self.cursor += 1;
            let (dy, dx) = if augment {
                (
                    self.rng.random_range(0..=max_offset),
                    self.rng.random_range(0..=max_offset),
                )
            } else {
                (max_offset / 2, max_offset / 2)
            };
            items.push((digit, dy, dx));
        }
        items
    }
}

struct Run {
    trainer: Trainer,
    settings: Settings,
    examples: u64,
    points: Vec<LossPoint>,
    /// Exponential average of the data loss, to notice a loss that explodes without NaN.
    ema_loss: Option<f64>,
    /// The last healthy network and the examples it had seen (for rollback).
    checkpoint: Option<(u64, Network)>,
}

impl Run {
    fn new(network: Network, settings: Settings) -> Result<Run, Text> {
        let trainer = Trainer::new(network.clone(), train_config(&settings))
            .map_err(|e| Text::from_error(&e))?;
        Ok(Run {
            trainer,
            settings,
            examples: 0,
            points: Vec::new(),
            ema_loss: None,
            checkpoint: Some((0, network)),
        })
    }

    fn healthy(&self) -> bool {
        self.ema_loss.is_none_or(|l| l < EXPLODING_LOSS)
    }
}

/// A smoothed data loss above this is "exploding": three times ln 10, the loss of a network
/// that guesses uniformly among ten classes.
const EXPLODING_LOSS: f64 = 3.0 * std::f64::consts::LN_10;

struct EvalJob {
    run: usize,
    examples: u64,
    position: usize,
    correct: usize,
    loss: f64,
    guesses: Vec<Guess>,
}

#[derive(Default)]
struct Clock {
    last_progress: f64,
    last_snapshot: f64,
    /// (time, examples trained by all runs) samples for the examples/s readout.
    rate_samples: VecDeque<(f64, u64)>,
    trained: u64,
    /// Training time and examples since the last progress (for backward ms).
    step_ms: f64,
    step_examples: u64,
    forward_ms: f32,
    backward_ms: f32,
}

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
                Ok(reset) => {
                    out.push(reset);
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

    fn reset(&mut self, setup: Setup) -> Result<TrainOutput, Text> {
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
        Ok(TrainOutput::Reset {
            setup,
            rows,
            params,
        })
    }

    fn set_settings(&mut self, settings: Settings, compare: Option<Settings>) -> Result<(), Text> {
        settings.validate()?;
        let compare = compare.map(|c| Settings {
            batch_size: settings.batch_size,
            augment: settings.augment,
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
                .set_config(train_config(&new))
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

    /// Evaluates every run at its current examples count (replacing queued evaluations).
    fn queue_evals(&mut self) {
        self.evals.clear();
        for (run, r) in self.runs.iter().enumerate() {
            self.evals.push_back(EvalJob {
                run,
                examples: r.examples,
                position: 0,
                correct: 0,
                loss: 0.0,
                guesses: Vec::new(),
            });
        }
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

    /// One batch through every run. Returns the examples trained (all runs together).
    fn train_batch(&mut self, out: &mut Vec<TrainOutput>) -> u64 {
        let (Some(data), Some(order)) = (&self.data, &mut self.order) else {
            self.status = RunStatus::Idle;
            return 0;
        };
        let Some(first) = self.runs.first() else {
            self.status = RunStatus::Idle;
            return 0;
        };
        let size = first.trainer.network().input_shape().height;
        let settings = &first.settings;
        let max_offset = mnist::SIDE - size;
        let items = order.next(settings.batch_size, max_offset, settings.augment);
        let mut queue = items.iter().copied();
        let indices: Vec<usize> = items.iter().map(|&(i, _, _)| i).collect();
        let (batch, labels) = data.mnist.batch_with_offsets(&indices, size, || {
            queue.next().map_or((0, 0), |(_, dy, dx)| (dy, dx))
        });
        let mut trained = 0;
        let want_snapshot = self.snapshot_due && self.net_view;
        for (index, run) in self.runs.iter_mut().enumerate() {
            match run.trainer.step(&batch, &labels) {
                Ok(stats) => {
                    run.examples += batch.len() as u64;
                    trained += batch.len() as u64;
                    let ema = match run.ema_loss {
                        Some(e) => e + 0.1 * (stats.data_loss - e),
                        None => stats.data_loss,
                    };
                    run.ema_loss = Some(ema);
                    run.points.push(LossPoint {
                        examples: run.examples,
                        loss: stats.loss as f32,
                        accuracy: stats.accuracy,
                    });
                    if !stats.loss.is_finite() || !run.healthy() {
                        self.status = RunStatus::Diverged;
                        out.push(TrainOutput::Diverged {
                            run: index,
                            examples: run.examples,
                            loss: stats.loss as f32,
                            can_rollback: run.checkpoint.is_some(),
                        });
                    }
                }
                Err(TrainError::Diverged { loss, .. }) => {
                    self.status = RunStatus::Diverged;
                    out.push(TrainOutput::Diverged {
                        run: index,
                        examples: run.examples,
                        loss: loss as f32,
                        can_rollback: run.checkpoint.is_some(),
                    });
                }
                Err(error) => {
                    self.status = RunStatus::Idle;
                    out.push(TrainOutput::Error(Text::from_error(&error)));
                }
            }
            if index == 0 && want_snapshot && self.status == RunStatus::Running {
                let snapshot =
                    snapshot(run.trainer.network(), run.examples, labels.first().copied());
                out.push(TrainOutput::Snapshot(Box::new(snapshot)));
            }
        }
        if want_snapshot {
            self.snapshot_due = false;
        }
        self.clock.trained += trained;
        if self.status != RunStatus::Running {
            return trained;
        }
        let examples = self.runs[0].examples;
        if examples >= self.next_eval {
            self.next_eval = next_eval_after(examples);
            for run in &mut self.runs {
                if run.healthy() {
                    run.checkpoint = Some((run.examples, run.trainer.network().clone()));
                }
            }
            self.queue_evals();
        }
        trained
    }

    fn eval_slice(&mut self, now: &mut dyn FnMut() -> f64, out: &mut Vec<TrainOutput>) {
        let Some(data) = &self.data else {
            self.evals.clear();
            return;
        };
        let Some(job) = self.evals.front_mut() else {
            return;
        };
        let Some(run) = self.runs.get_mut(job.run) else {
            self.evals.pop_front();
            return;
        };
        let network = run.trainer.network_mut();
        let size = network.input_shape().height;
        let end = (job.position + EVAL_SLICE).min(data.test.len());
        let indices = &data.test[job.position..end];
        let (batch, labels) = data.mnist.test_batch(indices, size);
        let t0 = now();
        let probs: &Batch = network.forward(&batch, Mode::Eval);
        let t1 = now();
        if !batch.is_empty() && t1 > t0 {
            let ms = ((t1 - t0) / batch.len() as f64) as f32;
            self.clock.forward_ms = if self.clock.forward_ms > 0.0 {
                self.clock.forward_ms + 0.3 * (ms - self.clock.forward_ms)
            } else {
                ms
            };
        }
        for (n, &label) in labels.iter().enumerate() {
            let p = probs.item(n);
            let guess = Guess::top3(p);
            if guess.labels[0] == label {
                job.correct += 1;
            }
            let pl = p.get(usize::from(label)).copied().unwrap_or(0.0);
            job.loss -= f64::from(pl.max(1e-12)).ln();
            if job.run == 0 {
                job.guesses.push(guess);
            }
        }
        job.position = end;
        if job.position >= data.test.len() {
            let job = self.evals.pop_front().expect("front exists");
            let total = data.test.len().max(1);
            out.push(TrainOutput::Evaluation(Evaluation {
                run: job.run,
                examples: job.examples,
                accuracy: job.correct as f32 / total as f32,
                loss: (job.loss / total as f64) as f32,
                guesses: (job.run == 0).then_some(job.guesses),
            }));
            if job.run == 0
                && let Some(run) = self.runs.first()
            {
                out.push(TrainOutput::Weights {
                    examples: job.examples,
                    bytes: cnn::weights::save(run.trainer.network()),
                });
            }
        }
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

    fn progress(&mut self, now: f64) -> TrainOutput {
        let clock = &mut self.clock;
        clock.last_progress = now;
        clock.rate_samples.push_back((now, clock.trained));
        while clock.rate_samples.len() > 2 && now - clock.rate_samples[1].0 >= 1000.0 {
            clock.rate_samples.pop_front();
        }
        let examples_per_sec = match (clock.rate_samples.front(), self.status) {
            (Some(&(t0, e0)), RunStatus::Running) if now - t0 > 0.0 => {
                ((clock.trained - e0) as f64 / ((now - t0) / 1000.0)) as f32
            }
            _ => 0.0,
        };
        if clock.step_examples > 0 {
            let per_example = (clock.step_ms / clock.step_examples as f64) as f32;
            clock.backward_ms = (per_example - clock.forward_ms).max(0.0);
            clock.step_ms = 0.0;
            clock.step_examples = 0;
        }
        let epoch = self.order.as_ref().map_or(0, |o| o.epoch);
        let train_len = self.data.as_ref().map_or(0, |d| d.train.len() as u64);
        TrainOutput::Progress(Progress {
            status: self.status,
            runs: self
                .runs
                .iter_mut()
                .map(|run| RunProgress {
                    examples: run.examples,
                    epoch: run.examples.checked_div(train_len).unwrap_or(epoch),
                    points: std::mem::take(&mut run.points),
                    learning_rate: run.trainer.current_learning_rate(),
                })
                .collect(),
            examples_per_sec,
            forward_ms: clock.forward_ms,
            backward_ms: clock.backward_ms,
        })
    }
}

/// What `network` did with item 0 of its last forward pass.
pub fn snapshot(network: &Network, examples: u64, label: Option<u8>) -> NetSnapshot {
    let mut views = network.layer_outputs().into_iter();
    let shape = |s: Shape| [s.channels, s.height, s.width];
    let input = views.next().map_or_else(
        || MapView::quantise("input", [0, 0, 0], &[]),
        |v| MapView::quantise(&v.name, shape(v.shape), &v.data),
    );
    // Vectors (dense, softmax: C×1×1) share one range, or every unit would be its own 0..0.
    let layers: Vec<MapView> = views
        .map(|v| {
            if v.shape.height * v.shape.width == 1 {
                MapView::quantise_shared(&v.name, shape(v.shape), &v.data)
            } else {
                MapView::quantise(&v.name, shape(v.shape), &v.data)
            }
        })
        .collect();
    let probs = layers
        .last()
        .map(|_| {
            let p = network.probabilities();
            if p.is_empty() {
                Vec::new()
            } else {
                p.item(0).to_vec()
            }
        })
        .unwrap_or_default();
    let filters = network
        .conv_filters()
        .into_iter()
        .map(|f| {
            let kernels = [
                f.out_channels * f.in_channels,
                f.kernel_height,
                f.kernel_width,
            ];
            FilterView {
                name: f.name.clone(),
                out_channels: f.out_channels,
                in_channels: f.in_channels,
                kernels: MapView::quantise_shared(&f.name, kernels, &f.weights),
                grads: Some(MapView::quantise_shared(&f.name, kernels, &f.grads)),
            }
        })
        .collect();
    NetSnapshot {
        examples,
        label,
        input,
        layers,
        filters,
        probs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset() -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/mnist/mnist-10k.bin");
        std::fs::read(path).expect("the MNIST asset web/mnist/mnist-10k.bin")
    }

    fn default_spec() -> String {
        NetworkSpec::convnetjs_mnist().to_string()
    }

    fn setup(settings: Settings, compare: Option<Settings>) -> Setup {
        Setup {
            spec: default_spec(),
            seed: 1,
            settings,
            compare,
        }
    }

    /// A fake clock: every reading is 1 ms later.
    fn clock() -> impl FnMut() -> f64 {
        let mut t = 0.0;
        move || {
            t += 1.0;
            t
        }
    }

    fn ready_engine(setup: Setup) -> Engine {
        let mut engine = Engine::new();
        let out = engine.handle(TrainInput::Reset(setup), 0.0);
        assert!(matches!(out[0], TrainOutput::Reset { .. }), "{out:?}");
        let out = engine.set_data(Ok(asset()), 0.0);
        assert!(matches!(
            out[0],
            TrainOutput::Ready {
                train: 9000,
                test: 1000,
                ..
            }
        ));
        engine
    }

    /// Trains until run 0 has seen `examples`, then lets the evaluations finish; returns every
    /// evaluation seen.
    fn train_until(engine: &mut Engine, examples: u64) -> Vec<Evaluation> {
        let mut now = clock();
        let mut evals = Vec::new();
        engine.handle(TrainInput::Train, 0.0);
        while engine.examples(0) < examples && engine.status() == RunStatus::Running {
            for msg in engine.work(&mut now, 50.0) {
                if let TrainOutput::Evaluation(e) = msg {
                    evals.push(e);
                }
            }
        }
        engine.handle(TrainInput::Pause, 0.0);
        while engine.busy() {
            for msg in engine.work(&mut now, 50.0) {
                if let TrainOutput::Evaluation(e) = msg {
                    evals.push(e);
                }
            }
        }
        evals
    }

    #[test]
    fn eval_schedule_is_every_1000_then_every_2000() {
        assert_eq!(next_eval_after(0), 1000);
        assert_eq!(next_eval_after(8_999), 9_000);
        assert_eq!(next_eval_after(9_000), 10_000);
        assert_eq!(next_eval_after(10_000), 12_000);
        assert_eq!(next_eval_after(19_990), 20_000);
    }

    #[test]
    fn default_settings_reach_95_percent_within_20000_examples() {
        let mut engine = ready_engine(setup(Settings::default(), None));
        let evals = train_until(&mut engine, 20_000);
        let at = |n: u64| {
            evals
                .iter()
                .find(|e| e.run == 0 && e.examples == n)
                .map(|e| e.accuracy)
        };
        let one_pass = at(9_000).expect("an evaluation after one pass");
        let bar = at(20_000).expect("an evaluation at 20,000");
        eprintln!("held-out accuracy: {one_pass} after 9,000 examples, {bar} after 20,000");
        assert!(bar >= 0.95, "{bar}");
        let guesses = evals.iter().rev().find_map(|e| e.guesses.clone()).unwrap();
        assert_eq!(guesses.len(), 1000);
    }

    #[test]
    fn pause_stops_and_save_load_reproduces_the_accuracy() {
        let mut engine = ready_engine(setup(Settings::default(), None));
        let evals = train_until(&mut engine, 1_500);
        assert!(!engine.busy());
        let paused_at = engine.examples(0);
        let last = evals.last().unwrap().clone();
        assert_eq!(
            last.examples, paused_at,
            "pausing evaluates the paused weights"
        );
        let mut now = clock();
        assert!(
            engine
                .work(&mut now, 50.0)
                .iter()
                .all(|m| !matches!(m, TrainOutput::Evaluation(_)))
        );
        assert_eq!(
            engine.examples(0),
            paused_at,
            "paused: the counter does not move"
        );

        let out = engine.handle(TrainInput::Save, 0.0);
        let TrainOutput::Saved { bytes } = &out[0] else {
            panic!("{out:?}")
        };
        engine.handle(TrainInput::Reset(setup(Settings::default(), None)), 0.0);
        let out = engine.handle(
            TrainInput::Load {
                bytes: bytes.clone(),
            },
            0.0,
        );
        assert!(matches!(out[0], TrainOutput::Loaded { .. }), "{out:?}");
        let mut reloaded = None;
        while engine.busy() {
            for msg in engine.work(&mut now, 50.0) {
                if let TrainOutput::Evaluation(e) = msg {
                    reloaded = Some(e);
                }
            }
        }
        assert_eq!(reloaded.unwrap().accuracy, last.accuracy);

        let out = engine.handle(
            TrainInput::Load {
                bytes: b"garbage".to_vec(),
            },
            0.0,
        );
        let [TrainOutput::Error(text)] = out.as_slice() else {
            panic!("{out:?}")
        };
        assert!(!text.en.is_empty() && !text.ru.is_empty());
    }

    #[test]
    fn a_bad_spec_is_refused_and_the_network_kept() {
        let mut engine = ready_engine(setup(Settings::default(), None));
        let before = cnn::weights::save(engine.network(0).unwrap());
        for spec in [
            "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax; bogus",
            "input 24x24x3; dense 10 softmax",
            "input 24x24x1; dense 7 softmax",
            "",
        ] {
            let out = engine.handle(
                TrainInput::Reset(Setup {
                    spec: spec.into(),
                    ..setup(Settings::default(), None)
                }),
                0.0,
            );
            let [TrainOutput::Error(text)] = out.as_slice() else {
                panic!("{spec}: {out:?}")
            };
            assert!(
                !text.en.is_empty() && !text.ru.is_empty() && text.en != text.ru,
                "{text:?}"
            );
        }
        assert_eq!(cnn::weights::save(engine.network(0).unwrap()), before);
    }

    #[test]
    fn two_runs_with_the_same_settings_stay_identical() {
        let s = Settings::default();
        let mut engine = ready_engine(setup(s.clone(), Some(s)));
        train_until(&mut engine, 400);
        assert_eq!(engine.examples(0), engine.examples(1));
        assert_eq!(
            cnn::weights::save(engine.network(0).unwrap()),
            cnn::weights::save(engine.network(1).unwrap())
        );
    }

    #[test]
    fn divergence_pauses_and_rollback_restores_a_good_network() {
        let wild = Settings {
            optimizer: OptimizerKind::Sgd,
            learning_rate: 10.0,
            ..Settings::default()
        };
        let mut engine = ready_engine(setup(Settings::default(), None));
        train_until(&mut engine, 1_000);
        engine.handle(
            TrainInput::SetSettings {
                settings: wild,
                compare: None,
            },
            0.0,
        );
        engine.handle(TrainInput::Train, 0.0);
        let mut now = clock();
        let mut diverged = None;
        for _ in 0..200 {
            for msg in engine.work(&mut now, 50.0) {
                if let TrainOutput::Diverged {
                    examples,
                    can_rollback,
                    ..
                } = msg
                {
                    diverged = Some((examples, can_rollback));
                }
            }
            if engine.status() != RunStatus::Running {
                break;
            }
        }
        let (_, can_rollback) = diverged.expect("lr 10 diverges");
        assert!(can_rollback);
        assert_eq!(engine.status(), RunStatus::Diverged);
        assert!(!engine.busy(), "a diverged run does not train on");
        let out = engine.handle(TrainInput::Rollback, 0.0);
        assert!(
            matches!(out[0], TrainOutput::RolledBack { examples: 1_000 }),
            "{out:?}"
        );
        assert_eq!(engine.status(), RunStatus::Idle);
        assert!(
            engine
                .network(0)
                .unwrap()
                .param_tensors()
                .iter()
                .all(|t| t.iter().all(|v| v.is_finite()))
        );
    }

    #[test]
    fn a_corrupt_asset_fails_with_a_reason() {
        let mut engine = Engine::new();
        let out = engine.set_data(Ok(vec![1, 2, 3]), 0.0);
        assert!(matches!(&out[0], TrainOutput::Error(_)));
        assert_eq!(engine.status(), RunStatus::Failed);
    }
}
