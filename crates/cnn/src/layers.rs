//! Network layers, batch-first: each has `forward`, `backward`, its parameters and their
//! gradients (the shape of ConvNetJS's layers, typed).
//!
//! Forward formulas (n = example, c/o = channel, (y, x) = position, S = stride, P = padding,
//! D = dilation):
//!
//! ```text
//! Conv2d       out[n,o,y,x] = b[o] + Σ_c Σ_ky Σ_kx W[o,c,ky,kx] · in[n, c, y·S − P + ky·D, x·S − P + kx·D]
//!              (cross-correlation, as every library computes it; taps in the padding read 0)
//! MaxPool2d    out[n,c,y,x] = max over the window; the winner's index is kept ("switch")
//! AvgPool2d    out[n,c,y,x] = (1 / (F_h·F_w)) · Σ over the window (padding counts as 0)
//! Activation   out = f(in), elementwise
//! Dense        out[n,o] = b[o] + Σ_i W[o,i] · in[n,i]      (input flattened C·H·W)
//! Dropout      train: out = in · mᵢ / (1 − p), mᵢ ~ Bernoulli(1 − p)  ("inverted": eval is the identity)
//! Softmax+CE   p = softmax(z) = e^(z − max z) / Σ e^(z − max z);  L = −ln p[label] = logΣexp(z) − z[label]
//! ```
//!
//! Backward passes receive ∂L/∂out and return ∂L/∂in, and *overwrite* the parameter gradients
//! with the gradient of this batch (no accumulation across calls). The fused softmax +
//! cross-entropy gives ∂L/∂z = (p − onehot(label)) / N for the batch mean L.
//!
//! Every layer owns its output and gradient buffers and reuses them from step to step: after
//! the first batch of a given size, a training step allocates nothing.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;
use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::fast;
use crate::geometry::{Geometry2d, GeometryError, Window};
use crate::tensor::{Batch, Shape};

/// Training or evaluation: dropout drops only in training.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    Train,
    #[default]
    Eval,
}

/// The layer's input-gradient batch sized for `n` items, when the layer below needs it (the first
/// parametric layer of a network has nothing to pass its input gradient to, and skips computing it).
fn input_grad_slot(slot: &mut Batch, shape: Shape, n: usize, needed: bool) -> Option<&mut [f32]> {
    ensure(slot, shape, n);
    needed.then(|| slot.data_mut())
}

/// Sentinel in index tables: "this tap lies in the zero padding".
const PAD: u32 = u32::MAX;

/// Makes `slot` hold `len` items of `shape`; allocates only when the size changes.
fn ensure(slot: &mut Batch, shape: Shape, len: usize) {
    if slot.item_shape() != shape || slot.len() != len {
        *slot = Batch::zeros(shape, len).expect("layer shapes are validated at construction");
    }
}

fn empty(shape: Shape) -> Batch {
    Batch::zeros(shape, 0).expect("layer shapes are validated at construction")
}

/// For every (tap k, output position p) of a window sliding over a C×H×W input, the flat input
/// index read, or [`PAD`]. Row k = (c, ky, kx) in weight order; column p = (y, x) of the output.
fn window_index_table(input: Shape, geometry: &Geometry2d, per_channel_rows: bool) -> Vec<u32> {
    let (out_h, out_w) = geometry.output();
    let (wh, ww) = (geometry.height.window, geometry.width.window);
    let channels = if per_channel_rows { input.channels } else { 1 };
    let mut table = Vec::with_capacity(channels * wh.kernel_size * ww.kernel_size * out_h * out_w);
    for c in 0..channels {
        for ky in 0..wh.kernel_size {
            for kx in 0..ww.kernel_size {
                for oy in 0..out_h {
                    let iy = (oy * wh.stride + ky * wh.dilation) as isize - wh.padding as isize;
                    for ox in 0..out_w {
                        let ix = (ox * ww.stride + kx * ww.dilation) as isize - ww.padding as isize;
                        let inside = iy >= 0
                            && ix >= 0
                            && (iy as usize) < input.height
                            && (ix as usize) < input.width;
                        table.push(if inside {
                            input.index(c, iy as usize, ix as usize) as u32
                        } else {
                            PAD
                        });
                    }
                }
            }
        }
    }
    table
}

// ---------------------------------------------------------------------------------------------
// Conv2d
// ---------------------------------------------------------------------------------------------

/// A 2-D convolution (cross-correlation) with bias, computed as im2col + matrix product:
/// for each example the input patches are gathered into a K×P matrix (K = C_in·F_h·F_w taps,
/// P = H_out·W_out positions) and the output is W (C_out×K) · cols (K×P) + b.
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
    /// the flipped kernel — computed by [`crate::fast::conv`] (im2col's transpose in effect).
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

// ---------------------------------------------------------------------------------------------
// Pooling
// ---------------------------------------------------------------------------------------------

/// Max pooling: the largest value of each window; the first maximum in row-major window order
/// wins ties. Taps in the padding never win. The index of the winner ("switch") is kept, and
/// the gradient flows back to it alone.
#[derive(Clone, Debug)]
pub struct MaxPool2d {
    pub height: Window,
    pub width: Window,
    input_shape: Shape,
    output_shape: Shape,
    geometry: Geometry2d,
    /// N × C × P: the flat input index (within the item) of each output's winner, or [`PAD`].
    switches: Vec<u32>,
    fast_shape: fast::PoolShape,
    output: Batch,
    input_grad: Batch,
}

impl MaxPool2d {
    pub fn new(
        input_shape: Shape,
        height: Window,
        width: Window,
    ) -> Result<MaxPool2d, GeometryError> {
        let geometry = Geometry2d::new(input_shape.height, input_shape.width, height, width)?;
        let (out_h, out_w) = geometry.output();
        let output_shape = Shape::new(input_shape.channels, out_h, out_w);
        let fast_shape = fast::PoolShape::new(
            input_shape.channels,
            input_shape.height,
            input_shape.width,
            height,
            width,
        )?;
        Ok(MaxPool2d {
            height,
            width,
            input_shape,
            output_shape,
            geometry,
            switches: Vec::new(),
            fast_shape,
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
    pub fn output(&self) -> &Batch {
        &self.output
    }
    /// Winner index (flat C×H×W index within the item) of every output of the last training forward
    /// ([`Mode::Train`]); empty after an inference forward, which does not track winners.
    pub fn switches(&self, item: usize) -> &[u32] {
        let len = self.output_shape.len();
        self.switches
            .get(item * len..(item + 1) * len)
            .unwrap_or(&[])
    }

    pub fn forward(&mut self, input: &Batch, mode: Mode) -> &Batch {
        assert_eq!(
            input.item_shape(),
            self.input_shape,
            "MaxPool2d input shape"
        );
        let n = input.len();
        ensure(&mut self.output, self.output_shape, n);
        if mode == Mode::Eval {
            // Inference needs no winners: values only, about twice as fast.
            self.switches.clear();
            fast::max_pool_forward_values(
                &self.fast_shape,
                input.data(),
                n,
                self.output.data_mut(),
            );
            return &self.output;
        }
        self.switches.resize(n * self.output_shape.len(), PAD);
        fast::max_pool_forward(
            &self.fast_shape,
            input.data(),
            n,
            self.output.data_mut(),
            &mut self.switches,
        );
        &self.output
    }

    /// # Panics
    /// After an inference forward ([`Mode::Eval`]), which keeps no winners to route the gradient to.
    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        let n = grad_output.len();
        assert_eq!(
            self.switches.len(),
            n * self.output_shape.len(),
            "MaxPool2d backward needs a training forward (Mode::Train) of the same batch"
        );
        ensure(&mut self.input_grad, self.input_shape, n);
        fast::max_pool_backward(
            &self.fast_shape,
            grad_output.data(),
            &self.switches,
            n,
            self.input_grad.data_mut(),
        );
        &self.input_grad
    }
}

/// Average pooling: the mean over the F_h·F_w cells of each window, padding counted as zeros
/// (so every window divides by the same F_h·F_w).
#[derive(Clone, Debug)]
pub struct AvgPool2d {
    pub height: Window,
    pub width: Window,
    input_shape: Shape,
    output_shape: Shape,
    geometry: Geometry2d,
    table: Vec<u32>,
    output: Batch,
    input_grad: Batch,
}

impl AvgPool2d {
    pub fn new(
        input_shape: Shape,
        height: Window,
        width: Window,
    ) -> Result<AvgPool2d, GeometryError> {
        let geometry = Geometry2d::new(input_shape.height, input_shape.width, height, width)?;
        let (out_h, out_w) = geometry.output();
        let output_shape = Shape::new(input_shape.channels, out_h, out_w);
        let plane = Shape::new(1, input_shape.height, input_shape.width);
        Ok(AvgPool2d {
            height,
            width,
            input_shape,
            output_shape,
            table: window_index_table(plane, &geometry, true),
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
    pub fn output(&self) -> &Batch {
        &self.output
    }

    fn scale(&self) -> f32 {
        1.0 / (self.height.kernel_size * self.width.kernel_size) as f32
    }

    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        assert_eq!(
            input.item_shape(),
            self.input_shape,
            "AvgPool2d input shape"
        );
        let n = input.len();
        let plane_in = self.input_shape.height * self.input_shape.width;
        let p = self.output_shape.height * self.output_shape.width;
        let taps = self.height.kernel_size * self.width.kernel_size;
        let scale = self.scale();
        ensure(&mut self.output, self.output_shape, n);
        for item in 0..n {
            let x = input.item(item);
            let out = self.output.item_mut(item);
            for c in 0..self.input_shape.channels {
                let xp = &x[c * plane_in..(c + 1) * plane_in];
                for q in 0..p {
                    let mut sum = 0.0;
                    for t in 0..taps {
                        let src = self.table[t * p + q];
                        if src != PAD {
                            sum += xp[src as usize];
                        }
                    }
                    out[c * p + q] = sum * scale;
                }
            }
        }
        &self.output
    }

    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        let n = grad_output.len();
        let plane_in = self.input_shape.height * self.input_shape.width;
        let p = self.output_shape.height * self.output_shape.width;
        let taps = self.height.kernel_size * self.width.kernel_size;
        let scale = self.scale();
        ensure(&mut self.input_grad, self.input_shape, n);
        for item in 0..n {
            let dy = grad_output.item(item);
            let dx = self.input_grad.item_mut(item);
            dx.fill(0.0);
            for c in 0..self.input_shape.channels {
                let dxp = &mut dx[c * plane_in..(c + 1) * plane_in];
                for q in 0..p {
                    let g = dy[c * p + q] * scale;
                    for t in 0..taps {
                        let src = self.table[t * p + q];
                        if src != PAD {
                            dxp[src as usize] += g;
                        }
                    }
                }
            }
        }
        &self.input_grad
    }
}

// ---------------------------------------------------------------------------------------------
// Activation, Flatten, Dropout
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Dense
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Softmax + cross-entropy
// ---------------------------------------------------------------------------------------------

/// Softmax and the cross-entropy loss fused: the loss is computed from the logits as
/// logΣexp(z) − z[label] (in f64, after subtracting max z), which stays finite even when a
/// probability underflows to 0.
#[derive(Clone, Debug)]
pub struct SoftmaxCrossEntropy {
    classes: usize,
    logits: Vec<f32>,
    output: Batch,
    input_grad: Batch,
}

impl SoftmaxCrossEntropy {
    pub fn new(classes: usize) -> SoftmaxCrossEntropy {
        let shape = Shape::new(classes, 1, 1);
        SoftmaxCrossEntropy {
            classes,
            logits: Vec::new(),
            output: empty(shape),
            input_grad: empty(shape),
        }
    }
    pub fn classes(&self) -> usize {
        self.classes
    }
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.classes, 1, 1)
    }
    /// Probabilities of the last forward.
    pub fn output(&self) -> &Batch {
        &self.output
    }

    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        assert_eq!(input.item_shape().len(), self.classes, "softmax input size");
        let shape = self.output_shape();
        ensure(&mut self.output, shape, input.len());
        self.logits.clear();
        self.logits.extend_from_slice(input.data());
        for (z, p) in input
            .data()
            .chunks_exact(self.classes)
            .zip(self.output.data_mut().chunks_exact_mut(self.classes))
        {
            softmax(z, p);
        }
        &self.output
    }

    /// Mean cross-entropy of the last forward against `labels`:
    /// (1/N) Σ_n (logΣexp(z_n) − z_n[label_n]).
    pub fn loss(&self, labels: &[u8]) -> f64 {
        let n = labels.len().max(1);
        let mut total = 0.0f64;
        for (z, &label) in self.logits.chunks_exact(self.classes).zip(labels) {
            let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v)) as f64;
            let sum: f64 = z.iter().map(|&v| (v as f64 - max).exp()).sum();
            total += max + sum.ln() - z[label as usize] as f64;
        }
        total / n as f64
    }

    /// Number of examples whose most probable class is the label.
    pub fn correct(&self, labels: &[u8]) -> usize {
        self.output
            .data()
            .chunks_exact(self.classes)
            .zip(labels)
            .filter(|(p, l)| argmax(p) == **l as usize)
            .count()
    }

    /// ∂L/∂z = (p − onehot(label)) / N for the batch-mean loss.
    pub fn backward(&mut self, labels: &[u8]) -> &Batch {
        let n = labels.len();
        let shape = self.output_shape();
        ensure(&mut self.input_grad, shape, n);
        let scale = 1.0 / n.max(1) as f32;
        for ((g, p), &label) in self
            .input_grad
            .data_mut()
            .chunks_exact_mut(self.classes)
            .zip(self.output.data().chunks_exact(self.classes))
            .zip(labels)
        {
            for (i, (g, &p)) in g.iter_mut().zip(p).enumerate() {
                let target = if i == label as usize { 1.0 } else { 0.0 };
                *g = (p - target) * scale;
            }
        }
        &self.input_grad
    }
}

/// p = e^(z − max z) / Σ e^(z − max z): subtracting the maximum keeps every exponent ≤ 0.
pub fn softmax(z: &[f32], p: &mut [f32]) {
    let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let mut sum = 0.0;
    for (p, &z) in p.iter_mut().zip(z) {
        *p = (z - max).exp();
        sum += *p;
    }
    for p in p.iter_mut() {
        *p /= sum;
    }
}

/// Index of the largest value (the first one on ties).
pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}
