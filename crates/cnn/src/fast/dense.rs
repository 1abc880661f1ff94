//! Batched fully connected layer: y (n×out) = x (n×in)·Wᵀ + b with W stored out×in (one row per neuron).
//!
//! Backward: dW += dyᵀ·x, db += column sums of dy, dx = dy·W.

use super::matmul::{gemm_nn, gemm_nt, pack_a};

/// Reusable packing buffer of the dense kernels.
#[derive(Clone, Debug, Default)]
pub struct DenseScratch {
    packed: Vec<f32>,
}

pub fn dense_forward(
    inputs: usize,
    outputs: usize,
    x: &[f32],
    n: usize,
    weights: &[f32],
    bias: &[f32],
    y: &mut [f32],
) {
    assert_eq!(weights.len(), inputs * outputs, "weights length");
    assert_eq!(bias.len(), outputs, "bias length");
    let y = &mut y[..n * outputs];
    for row in y.chunks_exact_mut(outputs) {
        row.copy_from_slice(bias);
    }
    gemm_nt(
        n, outputs, inputs, x, inputs, weights, inputs, y, outputs, true,
    );
}

#[allow(clippy::too_many_arguments)]
pub fn dense_backward(
    inputs: usize,
    outputs: usize,
    x: &[f32],
    grad_output: &[f32],
    n: usize,
    weights: &[f32],
    grad_weights: &mut [f32],
    grad_bias: &mut [f32],
    grad_input: Option<&mut [f32]>,
    scratch: &mut DenseScratch,
) {
    assert_eq!(weights.len(), inputs * outputs, "weights length");
    assert_eq!(
        grad_weights.len(),
        inputs * outputs,
        "weight gradient length"
    );
    let dy = &grad_output[..n * outputs];
    for row in dy.chunks_exact(outputs) {
        for (g, &d) in grad_bias.iter_mut().zip(row) {
            *g += d;
        }
    }
    // dW (out×in) += dyᵀ (out×n) · x (n×in)
    pack_a(dy, outputs, n, 1, outputs, &mut scratch.packed);
    gemm_nn(
        outputs,
        inputs,
        n,
        &scratch.packed,
        x,
        inputs,
        grad_weights,
        inputs,
        true,
    );
    if let Some(dx) = grad_input {
        // dx (n×in) = dy (n×out) · W (out×in)
        pack_a(dy, n, outputs, outputs, 1, &mut scratch.packed);
        gemm_nn(
            n,
            inputs,
            outputs,
            &scratch.packed,
            weights,
            inputs,
            dx,
            inputs,
            false,
        );
    }
}
