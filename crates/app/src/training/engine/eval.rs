//! Held-out evaluation, spread over slices of [`EVAL_SLICE`] digits so that a Pause gets in
//! between two slices. The loss and accuracy are the core's ([`cnn::EvalSums`]); the worker
//! adds the top three guesses per digit for the gallery and the confusion matrix.

use cnn::{ConfusionMatrix, EvalSums, Mode};

use super::Engine;
use crate::training::protocol::{Evaluation, Guess, TrainOutput};

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

pub(super) struct EvalJob {
    pub(super) run: usize,
    pub(super) examples: u64,
    pub(super) position: usize,
    pub(super) sums: EvalSums,
    pub(super) guesses: Vec<Guess>,
    pub(super) confusion: ConfusionMatrix,
}

impl Engine {
    /// Evaluates every run at its current examples count (replacing queued evaluations).
    pub(super) fn queue_evals(&mut self) {
        self.evals.clear();
        for (run, r) in self.runs.iter().enumerate() {
            self.evals.push_back(EvalJob {
                run,
                examples: r.examples,
                position: 0,
                sums: EvalSums::default(),
                guesses: Vec::new(),
                confusion: ConfusionMatrix::new(10),
            });
        }
    }

    pub(super) fn eval_slice(&mut self, now: &mut dyn FnMut() -> f64, out: &mut Vec<TrainOutput>) {
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
        let probs = network.forward(&batch, Mode::Eval);
        let t1 = now();
        if !batch.is_empty() && t1 > t0 {
            let ms = ((t1 - t0) / batch.len() as f64) as f32;
            self.clock.forward_ms = if self.clock.forward_ms > 0.0 {
                self.clock.forward_ms + 0.3 * (ms - self.clock.forward_ms)
            } else {
                ms
            };
        }
        if job.run == 0 {
            job.guesses
                .extend((0..labels.len()).map(|n| Guess::top3(probs.item(n))));
            job.confusion.add_probabilities(probs, &labels);
        }
        job.sums.add(network, &labels);
        job.position = end;
        if job.position >= data.test.len() {
            let job = self.evals.pop_front().expect("front exists");
            let stats = job.sums.stats();
            out.push(TrainOutput::Evaluation(Evaluation {
                run: job.run,
                examples: job.examples,
                accuracy: stats.accuracy,
                loss: stats.loss as f32,
                guesses: (job.run == 0).then_some(job.guesses),
                confusion: (job.run == 0).then_some(job.confusion),
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
}
