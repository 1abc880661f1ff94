//! 2-D convolution (cross-correlation) with bias, as every library computes it:
//!
//! ```text
//! out[n,o,y,x] = b[o] + Σ_c Σ_ky Σ_kx W[o,c,ky,kx] · in[n, c, y·S − P + ky·D, x·S − P + kx·D]
//! ∂L/∂W[o,c,ky,kx] = Σ_n Σ_y Σ_x dY[n,o,y,x] · in[n, c, y·S − P + ky·D, x·S − P + kx·D]
//! ∂L/∂b[o] = Σ_n Σ_y Σ_x dY[n,o,y,x]
//! ∂L/∂in = the "full" correlation of dY with the flipped kernel
//! ```
//!
//! Taps in the padding read 0. The arithmetic runs in [`crate::fast::conv`]: with stride 1 (every
//! conv layer of the app's networks) the direct kernel reads the padded input in place, and the
//! patch matrix is never built; other strides gather it by im2col and multiply.

use crate::fast;
use crate::geometry::{Geometry2d, GeometryError, Window};
use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure, input_grad_slot};

/// A 2-D convolution with bias: C_out filters of C_in × F_h × F_w weights (K = C_in·F_h·F_w
/// taps each), sliding over the input with the same stride, padding and dilation as
/// [`Geometry2d`] computes the output size from.
#[derive(Clone, Debug)]
pub struct Conv2d {
    pub in_channels: usize,
    pub out_channels: usize,
    pub height: Window,
    pub width: Window,
    input_shape: Shape,
    output_shape: Shape,
    geometry: Geometry2d,
    /// out_channels × in_channels × kernel_h × kernel_w, row-major.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    pub weight_grads: Vec<f32>,
    pub bias_grads: Vec<f32>,
    /// Whether `backward` computes ∂L/∂input (the first layer of a network does not need it).
    pub need_input_grad: bool,
    /// Sizes for the fast kernels ([`crate::fast::conv`]) and their reusable buffers.
    fast_shape: fast::ConvShape,
    scratch: Box<fast::ConvScratch>,
    /// N × C × H × W copy of the last forward's input.
    input: Vec<f32>,
    output: Batch,
    input_grad: Batch,
}

impl Conv2d {
    /// A convolution with zero weights; [`crate::network::Network`] initialises them.
    pub fn new(
        input_shape: Shape,
        out_channels: usize,
        height: Window,
        width: Window,
    ) -> Result<Conv2d, GeometryError> {
        let geometry = Geometry2d::new(input_shape.height, input_shape.width, height, width)?;
        let (out_h, out_w) = geometry.output();
        let output_shape = Shape::new(out_channels, out_h, out_w);
        let k = input_shape.channels * height.kernel_size * width.kernel_size;
        let fast_shape = fast::ConvShape::new(
            input_shape.channels,
            input_shape.height,
            input_shape.width,
            out_channels,
            height,
            width,
        )?;
        Ok(Conv2d {
            in_channels: input_shape.channels,
            out_channels,
            height,
            width,
            input_shape,
            output_shape,
            weights: vec![0.0; out_channels * k],
            bias: vec![0.0; out_channels],
            weight_grads: vec![0.0; out_channels * k],
            bias_grads: vec![0.0; out_channels],
            need_input_grad: true,
            fast_shape,
            scratch: Box::default(),
            input: Vec::new(),
            geometry,
            output: empty(output_shape),
            input_grad: empty(input_shape),
        })
    }

    pub fn input_shape(&self) -> Shape {
        self.input_shape
    }

    pub fn output_shape(&self) -> Shape {
        self.output_shape
    }

    pub fn geometry(&self) -> &Geometry2d {
        &self.geometry
    }

    /// Taps per output value: in_channels · kernel_h · kernel_w.
    pub fn taps(&self) -> usize {
        self.in_channels * self.height.kernel_size * self.width.kernel_size
    }

    pub fn output(&self) -> &Batch {
        &self.output
    }

    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        assert_eq!(input.item_shape(), self.input_shape, "Conv2d input shape");
        let n = input.len();
        ensure(&mut self.output, self.output_shape, n);
        self.input.clear();
        self.input.extend_from_slice(input.data());
        fast::conv2d_forward(
            &self.fast_shape,
            input.data(),
            n,
            &self.weights,
            &self.bias,
            self.output.data_mut(),
            &mut self.scratch,
        );
        &self.output
    }

    /// ∂L/∂W = Σ_n dY_n ⋆ X_n, ∂L/∂b = Σ_n Σ_p dY_n, ∂L/∂X_n = the full correlation of dY_n with
    /// the flipped kernel — computed by [`crate::fast::conv`] (the direct kernel at stride 1,
    /// im2col's transpose otherwise).
    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        let n = grad_output.len();
        assert_eq!(grad_output.item_shape(), self.output_shape);
        assert!(
            self.input.len() == n * self.input_shape.len(),
            "Conv2d backward without a forward of this batch"
        );
        self.weight_grads.fill(0.0);
        self.bias_grads.fill(0.0);
        let grad_input = input_grad_slot(
            &mut self.input_grad,
            self.input_shape,
            n,
            self.need_input_grad,
        );
        fast::conv2d_backward(
            &self.fast_shape,
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
