//! Seeded initialisation of the weights (PCG32, Box–Muller normals).
//!
//! He, N(0, 2/fan_in), for layers followed by ReLU or Leaky ReLU — their half-zero outputs
//! would otherwise shrink the signal layer by layer; Xavier/Glorot, N(0, 2/(fan_in + fan_out)),
//! otherwise (sigmoid, tanh, softplus, or no activation, as before the softmax). Biases start at 0.

use rand::Rng;
use rand_pcg::Pcg32;

use crate::activation::Activation;

pub(super) fn normal(rng: &mut Pcg32) -> f32 {
    // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
    let u1: f32 = 1.0 - rng.random::<f32>();
    let u2: f32 = rng.random::<f32>();
    (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
}

pub(super) fn init_std(activation: Option<Activation>, fan_in: usize, fan_out: usize) -> f32 {
    match activation {
        Some(Activation::Relu) | Some(Activation::LeakyRelu { .. }) => (2.0 / fan_in as f32).sqrt(),
        _ => (2.0 / (fan_in + fan_out) as f32).sqrt(),
    }
}
