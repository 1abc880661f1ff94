//! The engine's clock: when progress and snapshots are due, the examples-per-second readout
//! over the last second, and the forward / backward milliseconds per example.

use std::collections::VecDeque;

use super::Engine;
use crate::training::protocol::{Progress, RunProgress, RunStatus, TrainOutput};

/// Milliseconds between two [`Progress`] messages while training (≈6.7 per second).
pub const PROGRESS_EVERY_MS: f64 = 150.0;
/// Milliseconds between two [`NetSnapshot`]s while training (≈3 per second).
pub const SNAPSHOT_EVERY_MS: f64 = 330.0;

#[derive(Default)]
pub(super) struct Clock {
    pub(super) last_progress: f64,
    pub(super) last_snapshot: f64,
    /// (time, examples trained by all runs) samples for the examples/s readout.
    pub(super) rate_samples: VecDeque<(f64, u64)>,
    pub(super) trained: u64,
    /// Training time and examples since the last progress (for backward ms).
    pub(super) step_ms: f64,
    pub(super) step_examples: u64,
    pub(super) forward_ms: f32,
    pub(super) backward_ms: f32,
}

impl Engine {
    pub(super) fn progress(&mut self, now: f64) -> TrainOutput {
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
