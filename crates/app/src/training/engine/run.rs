//! One run: a trainer over the core's [`cnn::Trainer`], its loss points since the last
//! progress message, the smoothed loss that notices an explosion, and the checkpoint a
//! rollback returns to; and one training batch through every run.

use cnn::augment::distort;
use cnn::mnist;
use cnn::{Network, TrainError, Trainer};

use super::{Engine, next_eval_after};
use crate::training::config::Settings;
use crate::training::protocol::{LossPoint, RunStatus, Text, TrainOutput};
use crate::training::snapshot::snapshot;

pub(super) struct Run {
    pub(super) trainer: Trainer,
    pub(super) settings: Settings,
    pub(super) examples: u64,
    pub(super) points: Vec<LossPoint>,
    /// Exponential average of the data loss, to notice a loss that explodes without NaN.
    pub(super) ema_loss: Option<f64>,
    /// The last healthy network and the examples it had seen (for rollback).
    pub(super) checkpoint: Option<(u64, Network)>,
}

impl Run {
    pub(super) fn new(network: Network, settings: Settings) -> Result<Run, Text> {
        let trainer = Trainer::new(network.clone(), settings.train_config())
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

    pub(super) fn healthy(&self) -> bool {
        self.ema_loss.is_none_or(|l| l < EXPLODING_LOSS)
    }
}

/// A smoothed data loss above this is "exploding": three times ln 10, the loss of a network
/// that guesses uniformly among ten classes.
const EXPLODING_LOSS: f64 = 3.0 * std::f64::consts::LN_10;

impl Engine {
    /// One batch through every run. Returns the examples trained (all runs together).
    pub(super) fn train_batch(&mut self, out: &mut Vec<TrainOutput>) -> u64 {
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
        let (batch, labels) = if settings.distort.is_none() {
            let mut queue = items.iter().copied();
            let indices: Vec<usize> = items.iter().map(|&(i, _, _)| i).collect();
            data.mnist.batch_with_offsets(&indices, size, || {
                queue.next().map_or((0, 0), |(_, dy, dx)| (dy, dx))
            })
        } else {
            // Each digit distorted (from the shared order's generator, so both runs of a
            // comparison see the same digits), then cropped like a plain one.
            let tensors: Vec<cnn::Tensor> = items
                .iter()
                .map(|&(i, dy, dx)| {
                    let digit = distort(data.mnist.image(i), &settings.distort, &mut order.rng);
                    mnist::crop(&digit, dy, dx, size)
                })
                .collect();
            let labels = items.iter().map(|&(i, _, _)| data.mnist.label(i)).collect();
            // Never empty (a batch holds at least one digit), so this always succeeds.
            let Ok(batch) = cnn::Batch::from_tensors(&tensors) else {
                return 0;
            };
            (batch, labels)
        };
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
}
