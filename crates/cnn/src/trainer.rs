//! Mini-batch training: one call of [`Trainer::step`] runs forward, loss, backward and one
//! optimizer update on a batch. No I/O and no timers, so it runs the same natively and in a
//! Web Worker; the caller measures time and chooses the data.
//!
//! Loss of a step (what [`StepStats`] reports):
//!
//! ```text
//! data_loss = (1/N) Σ_n −ln p_n[label_n]        (mean softmax cross-entropy)
//! l2_loss   = λ · ½ Σ_weights w²                (biases excluded)
//! loss      = data_loss + l2_loss
//! ```
//!
//! A step whose loss or gradient is not finite changes nothing (the weights and the optimizer
//! state stay as they were) and returns [`TrainError::Diverged`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};
use crate::layers::Mode;
use crate::limits::{
    BATCH_SIZE_MAX, DROPOUT_MAX, L2_MAX, LEARNING_RATE_MAX, Setting, SettingError,
};
use crate::network::Network;
use crate::optim::{Optimizer, OptimizerState, StepDecay};
use crate::tensor::{Batch, Shape};

/// Largest example count evaluated in one forward pass (bounds the im2col buffers).
const EVAL_CHUNK: usize = 50;

/// Everything the training section's controls set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub optimizer: Optimizer,
    /// η; ignored by Adadelta.
    pub learning_rate: f32,
    /// λ of the L2 penalty λ·½‖W‖².
    pub l2: f32,
    /// Examples per step (the caller builds batches of this size).
    pub batch_size: usize,
    /// Training-time dropout on the input of every dense layer (0 = off).
    pub dropout: f32,
    pub lr_decay: Option<StepDecay>,
}

impl Default for TrainConfig {
    /// SGD with classic momentum 0.9, η = 0.01, batch 20, λ = 0.001, no dropout, no decay:
    /// reaches ≥ 95% held-out accuracy on the MNIST split within 20,000 examples (see the
    /// learning test in `tests/learning.rs`).
    fn default() -> TrainConfig {
        TrainConfig {
            optimizer: Optimizer::MOMENTUM,
            learning_rate: 0.01,
            l2: 0.001,
            batch_size: 20,
            dropout: 0.0,
            lr_decay: None,
        }
    }
}

impl TrainConfig {
    /// ConvNetJS's MNIST demo settings: Adadelta (ρ 0.95, ε 1e-6), batch 20, l2_decay 0.001.
    /// ConvNetJS divides its L2 gradient by the batch size, so its 0.001 is λ = 0.001/20 here.
    pub fn convnetjs() -> TrainConfig {
        TrainConfig {
            optimizer: Optimizer::ADADELTA,
            learning_rate: 1.0,
            l2: 0.001 / 20.0,
            batch_size: 20,
            dropout: 0.0,
            lr_decay: None,
        }
    }

    /// Checks every setting against [`crate::limits`]; the error names the first one out of
    /// its range, in words.
    pub fn validate(&self) -> Result<(), TrainError> {
        self.check_settings().map_err(TrainError::InvalidSetting)
    }

    fn check_settings(&self) -> Result<(), SettingError> {
        let bad = |setting, value: f32| Err(SettingError::new(setting, value));
        if self.optimizer.uses_learning_rate()
            && !(self.learning_rate.is_finite()
                && self.learning_rate > 0.0
                && self.learning_rate <= LEARNING_RATE_MAX)
        {
            return bad(Setting::LearningRate, self.learning_rate);
        }
        if !(self.l2.is_finite() && (0.0..=L2_MAX).contains(&self.l2)) {
            return bad(Setting::L2, self.l2);
        }
        if !(1..=BATCH_SIZE_MAX).contains(&self.batch_size) {
            return Err(SettingError::new(
                Setting::BatchSize,
                self.batch_size as f64,
            ));
        }
        if !(0.0..DROPOUT_MAX).contains(&self.dropout) {
            return bad(Setting::Dropout, self.dropout);
        }
        if let Some(d) = self.lr_decay {
            if !(d.factor.is_finite() && d.factor > 0.0 && d.factor <= 1.0) {
                return bad(Setting::DecayFactor, d.factor);
            }
            if d.every == 0 {
                return bad(Setting::DecayEvery, 0.0);
            }
        }
        self.optimizer.validate()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepStats {
    pub loss: f64,
    pub data_loss: f64,
    pub l2_loss: f64,
    /// Fraction of the batch classified correctly (before the update).
    pub accuracy: f32,
    /// η used for this step (after decay).
    pub learning_rate: f32,
    pub examples_seen: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvalStats {
    /// Mean cross-entropy.
    pub loss: f64,
    pub accuracy: f32,
    pub correct: usize,
    pub total: usize,
}

/// What [`Trainer::set_config`] had to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigChange {
    /// The optimizer changed kind, so its state (momentum, averages) starts from zero.
    pub optimizer_state_reset: bool,
}

#[derive(Clone, Debug)]
pub struct Trainer {
    network: Network,
    config: TrainConfig,
    state: OptimizerState,
    examples_seen: u64,
    chunk: Option<Batch>,
}

impl Trainer {
    pub fn new(network: Network, config: TrainConfig) -> Result<Trainer, TrainError> {
        config.validate()?;
        let mut network = network;
        network.set_dense_dropout(config.dropout);
        Ok(Trainer {
            network,
            config,
            state: OptimizerState::new(),
            examples_seen: 0,
            chunk: None,
        })
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The network, e.g. to predict or to show its layers. Changing its weights is allowed;
    /// the optimizer state stays.
    pub fn network_mut(&mut self) -> &mut Network {
        &mut self.network
    }

    pub fn into_network(self) -> Network {
        self.network
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn examples_seen(&self) -> u64 {
        self.examples_seen
    }

    /// Number of updates made so far.
    pub fn steps(&self) -> u64 {
        self.state.steps()
    }

    /// The learning rate the next step will use (after step decay).
    pub fn current_learning_rate(&self) -> f32 {
        match self.config.lr_decay {
            Some(d) => d.rate(self.config.learning_rate, self.examples_seen),
            None => self.config.learning_rate,
        }
    }

    /// Applies new settings without restarting: learning rate, L2, batch size, dropout and decay
    /// take effect at the next step; γ/β/ρ/ε of the same optimizer keep its state; switching to
    /// another optimizer resets only the optimizer state (the weights stay).
    pub fn set_config(&mut self, config: TrainConfig) -> Result<ConfigChange, TrainError> {
        config.validate()?;
        let reset = !self.config.optimizer.same_kind(&config.optimizer);
        if reset {
            self.state.reset();
        }
        self.network.set_dense_dropout(config.dropout);
        self.config = config;
        Ok(ConfigChange {
            optimizer_state_reset: reset,
        })
    }

    /// Replaces the network (e.g. after loading weights or a rollback) and resets the optimizer state.
    pub fn set_network(&mut self, network: Network) {
        self.network = network;
        self.network.set_dense_dropout(self.config.dropout);
        self.state.reset();
    }

    fn check(&self, batch: &Batch, labels: &[u8]) -> Result<(), TrainError> {
        if batch.is_empty() {
            return Err(TrainError::EmptyBatch);
        }
        if batch.item_shape() != self.network.input_shape() {
            return Err(TrainError::InputShape {
                expected: self.network.input_shape(),
                actual: batch.item_shape(),
            });
        }
        if labels.len() != batch.len() {
            return Err(TrainError::LabelCount {
                labels: labels.len(),
                examples: batch.len(),
            });
        }
        let classes = self.network.classes();
        if let Some(&label) = labels.iter().find(|&&l| usize::from(l) >= classes) {
            return Err(TrainError::LabelOutOfRange { label, classes });
        }
        Ok(())
    }

    /// One mini-batch step: forward (training mode), loss, backward, optimizer update.
    pub fn step(&mut self, batch: &Batch, labels: &[u8]) -> Result<StepStats, TrainError> {
        self.check(batch, labels)?;
        let optimizer = self.config.optimizer;
        let lr = self.current_learning_rate();
        let l2 = self.config.l2;
        {
            let state = &mut self.state;
            self.network
                .for_each_param(|i, p| state.look_ahead(&optimizer, lr, i, p.values));
        }
        self.network.forward(batch, Mode::Train);
        let data_loss = self.network.loss(labels);
        let l2_loss = f64::from(l2) * self.network.weights_sq_half();
        let loss = data_loss + l2_loss;
        let correct = self.network.correct(labels);
        let mut finite = loss.is_finite();
        if finite {
            self.network.backward(labels);
            self.network
                .for_each_param(|_, p| finite &= p.grads.iter().all(|g| g.is_finite()));
        }
        let state = &mut self.state;
        if !finite {
            self.network
                .for_each_param(|i, p| state.restore(&optimizer, i, p.values));
            return Err(TrainError::Diverged {
                loss,
                examples_seen: self.examples_seen,
            });
        }
        state.begin_step();
        self.network.for_each_param(|i, p| {
            let decay = if p.is_weight { l2 } else { 0.0 };
            state.update(&optimizer, lr, decay, i, p.values, p.grads);
        });
        self.examples_seen += batch.len() as u64;
        Ok(StepStats {
            loss,
            data_loss,
            l2_loss,
            accuracy: correct as f32 / batch.len() as f32,
            learning_rate: lr,
            examples_seen: self.examples_seen,
        })
    }

    /// Loss and accuracy in evaluation mode (no dropout, no update), in chunks of 50 examples
    /// so that a test set of any size needs only small buffers.
    pub fn evaluate(&mut self, batch: &Batch, labels: &[u8]) -> Result<EvalStats, TrainError> {
        self.check(batch, labels)?;
        evaluate_network(&mut self.network, batch, labels, &mut self.chunk)
    }
}

/// [`Trainer::evaluate`] for a bare network (e.g. loaded pretrained weights).
pub fn evaluate(
    network: &mut Network,
    batch: &Batch,
    labels: &[u8],
) -> Result<EvalStats, TrainError> {
    if labels.len() != batch.len() {
        return Err(TrainError::LabelCount {
            labels: labels.len(),
            examples: batch.len(),
        });
    }
    let mut chunk = None;
    evaluate_network(network, batch, labels, &mut chunk)
}

fn evaluate_network(
    network: &mut Network,
    batch: &Batch,
    labels: &[u8],
    chunk: &mut Option<Batch>,
) -> Result<EvalStats, TrainError> {
    let shape = batch.item_shape();
    let size = shape.len();
    let mut sums = EvalSums::default();
    for (start, chunk_labels) in (0..batch.len())
        .step_by(EVAL_CHUNK)
        .zip(labels.chunks(EVAL_CHUNK))
    {
        let n = chunk_labels.len();
        let data = &batch.data()[start * size..(start + n) * size];
        let reuse = matches!(chunk, Some(c) if c.len() == n && c.item_shape() == shape);
        if !reuse {
            *chunk = Some(Batch::zeros(shape, n).map_err(|_| TrainError::EmptyBatch)?);
        }
        let c = chunk.as_mut().expect("just set");
        c.data_mut().copy_from_slice(data);
        network.forward(c, Mode::Eval);
        sums.add(network, chunk_labels);
    }
    Ok(sums.stats())
}

/// The running sums of a held-out evaluation, fed one forward pass at a time (so that an
/// evaluation can be spread over many short slices of work):
///
/// ```text
/// loss     = (1/N) Σ_n −ln p_n[label_n]   (from the logits: log Σ exp z − z[label])
/// accuracy = (1/N) · #{n : argmax p_n = label_n}
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EvalSums {
    loss_sum: f64,
    correct: usize,
    total: usize,
}

impl EvalSums {
    /// Adds the network's last forward pass (in [`Mode::Eval`]), whose examples have `labels`.
    pub fn add(&mut self, network: &Network, labels: &[u8]) {
        let n = labels.len();
        if n == 0 {
            return;
        }
        self.loss_sum += network.loss(labels) * n as f64;
        self.correct += network.correct(labels);
        self.total += n;
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// The means so far (0 for no examples).
    pub fn stats(&self) -> EvalStats {
        let total = self.total.max(1);
        EvalStats {
            loss: self.loss_sum / total as f64,
            accuracy: self.correct as f32 / total as f32,
            correct: self.correct,
            total: self.total,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TrainError {
    EmptyBatch,
    InputShape {
        expected: Shape,
        actual: Shape,
    },
    LabelCount {
        labels: usize,
        examples: usize,
    },
    LabelOutOfRange {
        label: u8,
        classes: usize,
    },
    /// A setting outside its range (see [`crate::limits`]).
    InvalidSetting(SettingError),
    /// The loss or a gradient became NaN or infinite; the step was not applied.
    Diverged {
        loss: f64,
        examples_seen: u64,
    },
}

impl Localized for TrainError {
    fn message(&self, lang: Lang) -> String {
        match self {
            TrainError::EmptyBatch => {
                lang.pick("пустой мини-батч".into(), "the mini-batch is empty".into())
            }
            TrainError::InputShape { expected, actual } => lang.pick(
                format!("сеть ждёт вход {expected}, а получила {actual}"),
                format!("the network expects input {expected}, got {actual}"),
            ),
            TrainError::LabelCount { labels, examples } => lang.pick(
                format!("меток {labels}, а примеров {examples}"),
                format!("{labels} labels for {examples} examples"),
            ),
            TrainError::LabelOutOfRange { label, classes } => lang.pick(
                format!("метка {label} вне диапазона 0…{}", classes - 1),
                format!("label {label} is outside 0…{}", classes - 1),
            ),
            TrainError::InvalidSetting(error) => error.message(lang),
            TrainError::Diverged {
                loss,
                examples_seen,
            } => lang.pick(
                format!(
                    "обучение разошлось после {examples_seen} примеров: функция потерь = {loss} \
                     (слишком большой шаг обучения?). Веса не изменены этим шагом."
                ),
                format!(
                    "training diverged after {examples_seen} examples: the loss is {loss} \
                     (learning rate too high?). This step left the weights unchanged."
                ),
            ),
        }
    }
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TrainError {}
