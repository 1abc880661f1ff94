//! A fully connected layer: every output sees every input (flattened in C×H×W order).
//!
//! ```text
//! out[n,o] = b[o] + Σ_i W[o,i] · in[n,i]
//! ∂L/∂W (O×I) = dYᵀ · X,  ∂L/∂b = Σ_n dY,  ∂L/∂X (N×I) = dY · W
//! ```
//!
//! Parameters: O·(I + 1). The products run in [`crate::fast::dense`].

use crate::fast;
use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure, input_grad_slot};

/// Fully connected: every output sees every input (flattened in C×H×W order).
#[derive(Clone, Debug)]
pub struct Dense {
    pub inputs: usize,
    pub units: usize,
    input_shape: Shape,
    /// units × inputs, row-major.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    pub weight_grads: Vec<f32>,
    pub bias_grads: Vec<f32>,
    pub need_input_grad: bool,
    input: Vec<f32>,
    scratch: fast::DenseScratch,
    output: Batch,
    input_grad: Batch,
}

impl Dense {
    pub fn new(input_shape: Shape, units: usize) -> Dense {
        let inputs = input_shape.len();
        Dense {
            inputs,
            units,
            input_shape,
            weights: vec![0.0; units * inputs],
            bias: vec![0.0; units],
            weight_grads: vec![0.0; units * inputs],
            bias_grads: vec![0.0; units],
            need_input_grad: true,
            input: Vec::new(),
            scratch: fast::DenseScratch::default(),
            output: empty(Shape::new(units, 1, 1)),
            input_grad: empty(input_shape),
        }
    }
    pub fn input_shape(&self) -> Shape {
        self.input_shape
    }
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.units, 1, 1)
    }
    pub fn output(&self) -> &Batch {
        &self.output
    }

    /// Y (N×O) = X (N×I) · Wᵀ + b.
    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        assert_eq!(input.item_shape().len(), self.inputs, "Dense input size");
        let n = input.len();
        let shape = self.output_shape();
        ensure(&mut self.output, shape, n);
        self.input.clear();
        self.input.extend_from_slice(input.data());
        fast::dense_forward(
            self.inputs,
            self.units,
            &self.input,
            n,
            &self.weights,
            &self.bias,
            self.output.data_mut(),
        );
        &self.output
    }

    /// ∂L/∂W (O×I) = dYᵀ · X, ∂L/∂b = Σ_n dY, ∂L/∂X (N×I) = dY · W.
    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        let n = grad_output.len();
        self.weight_grads.fill(0.0);
        self.bias_grads.fill(0.0);
        let grad_input = input_grad_slot(
            &mut self.input_grad,
            self.input_shape,
            n,
            self.need_input_grad,
        );
        fast::dense_backward(
            self.inputs,
            self.units,
            &self.input,
            grad_output.data(),
            n,
            &self.weights,
            &mut self.weight_grads,
            &mut self.bias_grads,
            grad_input,
            &mut self.scratch,
        );
        &self.input_grad
    }
}
