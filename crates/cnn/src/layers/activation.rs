//! An activation function as a layer, elementwise:
//!
//! ```text
//! out = f(in),  ∂L/∂in = ∂L/∂out · f′(in)
//! ```
//!
//! f and f′ are [`crate::activation`]'s (ReLU, sigmoid, tanh, softplus, Leaky ReLU); f′ is
//! computed from x and y = f(x), whichever is cheaper. No parameters.

use crate::activation::Activation;
use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure};

/// f applied elementwise; backward multiplies by f′(x) (computed from x and y = f(x)).
#[derive(Clone, Debug)]
pub struct ActivationLayer {
    pub activation: Activation,
    shape: Shape,
    input: Vec<f32>,
    output: Batch,
    input_grad: Batch,
}

impl ActivationLayer {
    pub fn new(shape: Shape, activation: Activation) -> ActivationLayer {
        ActivationLayer {
            activation,
            shape,
            input: Vec::new(),
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

    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        assert_eq!(input.item_shape(), self.shape, "activation input shape");
        ensure(&mut self.output, self.shape, input.len());
        let f = self.activation;
        self.input.clear();
        if f != Activation::Relu {
            // ReLU's backward reads its output (y > 0 exactly when x > 0); the others need x.
            self.input.extend_from_slice(input.data());
        }
        let out = self.output.data_mut();
        if f == Activation::Relu {
            // Same values as `value_f32` (x.max(0) is 0 for NaN too), without the per-element
            // dispatch and the `fmaxf` call it becomes in wasm: 10% of a training step.
            for (y, &x) in out.iter_mut().zip(input.data()) {
                *y = if x > 0.0 { x } else { 0.0 };
            }
        } else {
            for (y, &x) in out.iter_mut().zip(input.data()) {
                *y = f.value_f32(x);
            }
        }
        &self.output
    }

    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        ensure(&mut self.input_grad, self.shape, grad_output.len());
        let f = self.activation;
        let dx = self.input_grad.data_mut();
        if f == Activation::Relu {
            for ((d, &g), &y) in dx
                .iter_mut()
                .zip(grad_output.data())
                .zip(self.output.data())
            {
                *d = g * if y > 0.0 { 1.0 } else { 0.0 };
            }
            return &self.input_grad;
        }
        for (((d, &g), &x), &y) in dx
            .iter_mut()
            .zip(grad_output.data())
            .zip(&self.input)
            .zip(self.output.data())
        {
            *d = g * f.derivative_f32(x, y);
        }
        &self.input_grad
    }
}
