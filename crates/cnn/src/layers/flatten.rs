//! Flatten: C×H×W → (C·H·W)×1×1, the same numbers in the same order (c, then y, then x), so
//! that a dense layer can follow a convolution. Backward reshapes the gradient back. No
//! parameters.

use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure};

/// C×H×W → (C·H·W)×1×1, the same numbers in the same order.
#[derive(Clone, Debug)]
pub struct Flatten {
    input_shape: Shape,
    output: Batch,
    input_grad: Batch,
}

impl Flatten {
    pub fn new(input_shape: Shape) -> Flatten {
        Flatten {
            input_shape,
            output: empty(Shape::new(input_shape.len(), 1, 1)),
            input_grad: empty(input_shape),
        }
    }
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.input_shape.len(), 1, 1)
    }
    pub fn output(&self) -> &Batch {
        &self.output
    }
    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        let shape = self.output_shape();
        ensure(&mut self.output, shape, input.len());
        self.output.data_mut().copy_from_slice(input.data());
        &self.output
    }
    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        ensure(&mut self.input_grad, self.input_shape, grad_output.len());
        self.input_grad
            .data_mut()
            .copy_from_slice(grad_output.data());
        &self.input_grad
    }
}
