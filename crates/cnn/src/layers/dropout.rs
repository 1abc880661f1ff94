//! Inverted dropout with drop probability p:
//!
//! ```text
//! train: out = in · mᵢ / (1 − p),  mᵢ ~ Bernoulli(1 − p);  ∂L/∂in = ∂L/∂out · mᵢ / (1 − p)
//! eval:  out = in
//! ```
//!
//! Scaling in training rather than at evaluation keeps the expected value of every output
//! unchanged, so a trained network is evaluated as is. The mask comes from a seeded PCG32: the
//! same seed drops the same units. No parameters.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure};

/// Inverted dropout (Srivastava et al. 2014, as AlexNet uses it): in training each value is
/// kept with probability 1 − p and scaled by 1/(1 − p), so evaluation needs no rescaling.
#[derive(Clone, Debug)]
pub struct Dropout {
    pub rate: f32,
    shape: Shape,
    rng: Pcg32,
    /// Per element: 0 or 1/(1 − p), from the last training forward.
    mask: Vec<f32>,
    train: bool,
    output: Batch,
    input_grad: Batch,
}

impl Dropout {
    pub fn new(shape: Shape, rate: f32, seed: u64) -> Dropout {
        Dropout {
            rate,
            shape,
            rng: Pcg32::seed_from_u64(seed),
            mask: Vec::new(),
            train: false,
            output: empty(shape),
            input_grad: empty(shape),
        }
    }
    pub fn output_shape(&self) -> Shape {
        self.shape
    }
    pub fn output(&self) -> &Batch {
        &self.output
    }

    pub fn forward(&mut self, input: &Batch, mode: Mode) -> &Batch {
        ensure(&mut self.output, self.shape, input.len());
        self.train = mode == Mode::Train && self.rate > 0.0;
        if !self.train {
            self.output.data_mut().copy_from_slice(input.data());
            return &self.output;
        }
        let keep = 1.0 - self.rate;
        let scale = if keep > 0.0 { 1.0 / keep } else { 0.0 };
        self.mask.resize(input.data().len(), 0.0);
        for m in &mut self.mask {
            *m = if self.rng.random::<f32>() < keep {
                scale
            } else {
                0.0
            };
        }
        for ((y, &x), &m) in self
            .output
            .data_mut()
            .iter_mut()
            .zip(input.data())
            .zip(&self.mask)
        {
            *y = x * m;
        }
        &self.output
    }

    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        ensure(&mut self.input_grad, self.shape, grad_output.len());
        if self.train {
            for ((d, &g), &m) in self
                .input_grad
                .data_mut()
                .iter_mut()
                .zip(grad_output.data())
                .zip(&self.mask)
            {
                *d = g * m;
            }
        } else {
            self.input_grad
                .data_mut()
                .copy_from_slice(grad_output.data());
        }
        &self.input_grad
    }
}
