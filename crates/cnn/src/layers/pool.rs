//! Max and average pooling over windows of F_h × F_w, stride S, padding P, channel by channel:
//!
//! ```text
//! max:  out[n,c,y,x] = max over the window; the winner's index is kept ("switch"),
//!       and ∂L/∂in gets dY at the winner alone (0 elsewhere)
//! avg:  out[n,c,y,x] = (1 / (F_h·F_w)) · Σ over the window (padding counts as 0),
//!       and ∂L/∂in gets dY / (F_h·F_w) at every cell of the window
//! ```
//!
//! Pooling has no parameters. Max pooling runs in [`crate::fast::pool`]; the step-by-step
//! trace the Pooling section shows is [`crate::pool`].

use crate::fast;
use crate::geometry::{Geometry2d, GeometryError, Window};
use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure};

/// Sentinel in index tables: "this tap lies in the zero padding".
const PAD: u32 = u32::MAX;

/// For every (tap k, output position p) of a window sliding over a C×H×W input, the flat input
/// index read, or [`PAD`]. Row k = (c, ky, kx) in weight order; column p = (y, x) of the output.
fn window_index_table(input: Shape, geometry: &Geometry2d) -> Vec<u32> {
    let (out_h, out_w) = geometry.output();
    let (wh, ww) = (geometry.height.window, geometry.width.window);
    let mut table =
        Vec::with_capacity(input.channels * wh.kernel_size * ww.kernel_size * out_h * out_w);
    for c in 0..input.channels {
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
            table: window_index_table(plane, &geometry),
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
