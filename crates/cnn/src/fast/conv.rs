//! Batched 2-D convolution (cross-correlation): stride 1 by the direct kernel of [`super::direct`]
//! (the patch matrix below is never built), other strides by im2col + matrix multiply.
//!
//! For one item with C input channels, kernel kh×kw and P = out_h·out_w output pixels, im2col writes the
//! K×P patch matrix (K = C·kh·kw, row (c, ky, kx), column (oy, ox)) holding
//! x[c][oy·S + ky·D − pad][ox·S + kx·D − pad] (0 in the padding). Then, with W the O×K weight matrix:
//!
//! * forward: Y (O×P) = W·col + b
//! * weight gradient: dW (O×K) += dY·colᵀ, bias gradient: db += row sums of dY
//! * input gradient: dcol (K×P) = Wᵀ·dY, then col2im adds every column back onto the pixels it came from.
//!
//! The buffers live in [`ConvScratch`] and are reused, so a training step allocates nothing once warm.

use super::direct::{View, fold_transposed, implicit_nn, implicit_nt};
use super::matmul::{gemm_nn, gemm_nt, pack_a};
use crate::geometry::{AxisGeometry, GeometryError, Window};

/// Sizes of one convolution, resolved once per layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConvShape {
    pub in_channels: usize,
    pub in_h: usize,
    pub in_w: usize,
    pub out_channels: usize,
    pub height: Window,
    pub width: Window,
    pub out_h: usize,
    pub out_w: usize,
}

impl ConvShape {
    pub fn new(
        in_channels: usize,
        in_h: usize,
        in_w: usize,
        out_channels: usize,
        height: Window,
        width: Window,
    ) -> Result<ConvShape, GeometryError> {
        let out_h = AxisGeometry::new(in_h, height)?.output;
        let out_w = AxisGeometry::new(in_w, width)?.output;
        Ok(ConvShape {
            in_channels,
            in_h,
            in_w,
            out_channels,
            height,
            width,
            out_h,
            out_w,
        })
    }

    /// K = C·kh·kw: the length of one patch, the inner dimension of the products.
    pub fn patch_len(&self) -> usize {
        self.in_channels * self.height.kernel_size * self.width.kernel_size
    }

    /// P = out_h·out_w.
    pub fn out_pixels(&self) -> usize {
        self.out_h * self.out_w
    }

    pub fn in_len(&self) -> usize {
        self.in_channels * self.in_h * self.in_w
    }

    pub fn out_len(&self) -> usize {
        self.out_channels * self.out_pixels()
    }

    pub fn weights_len(&self) -> usize {
        self.out_channels * self.patch_len()
    }

    /// For output column ox and kernel column kx: the input column, or None in the padding.
    #[inline(always)]
    fn in_x(&self, ox: usize, kx: usize) -> Option<usize> {
        let w = self.width;
        (ox * w.stride + kx * w.dilation)
            .checked_sub(w.padding)
            .filter(|&x| x < self.in_w)
    }

    #[inline(always)]
    fn in_y(&self, oy: usize, ky: usize) -> Option<usize> {
        let h = self.height;
        (oy * h.stride + ky * h.dilation)
            .checked_sub(h.padding)
            .filter(|&y| y < self.in_h)
    }

    /// Output columns [lo, hi) whose tap kx lands inside the input, when the stride is 1.
    #[inline(always)]
    fn valid_x_range(&self, kx: usize) -> (usize, usize) {
        let w = self.width;
        let shift = kx * w.dilation; // input x = ox + shift − padding
        let lo = w.padding.saturating_sub(shift).min(self.out_w);
        let hi = (self.in_w + w.padding)
            .saturating_sub(shift)
            .clamp(lo, self.out_w);
        (lo, hi)
    }

    /// Writes the K×P patch matrix of one item (`input`: C×H×W) into `col`.
    pub fn im2col(&self, input: &[f32], col: &mut [f32]) {
        let (kh, kw) = (self.height.kernel_size, self.width.kernel_size);
        let (p, ow) = (self.out_pixels(), self.out_w);
        let input = &input[..self.in_len()];
        let col = &mut col[..self.patch_len() * p];
        for c in 0..self.in_channels {
            let plane = &input[c * self.in_h * self.in_w..(c + 1) * self.in_h * self.in_w];
            for ky in 0..kh {
                for kx in 0..kw {
                    let row = &mut col[((c * kh + ky) * kw + kx) * p..][..p];
                    let (lo, hi) = self.valid_x_range(kx);
                    for oy in 0..self.out_h {
                        let out = &mut row[oy * ow..(oy + 1) * ow];
                        let Some(iy) = self.in_y(oy, ky) else {
                            out.fill(0.0);
                            continue;
                        };
                        let line = &plane[iy * self.in_w..(iy + 1) * self.in_w];
                        if self.width.stride == 1 {
                            out[..lo].fill(0.0);
                            out[hi..].fill(0.0);
                            if lo < hi {
                                let start = lo + kx * self.width.dilation - self.width.padding;
                                out[lo..hi].copy_from_slice(&line[start..start + (hi - lo)]);
                            }
                        } else {
                            for (ox, o) in out.iter_mut().enumerate() {
                                *o = self.in_x(ox, kx).map_or(0.0, |x| line[x]);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds every entry of the K×P matrix `col` onto the input pixel it was copied from (the adjoint of
    /// [`ConvShape::im2col`]); `grad_input` is one C×H×W item.
    pub fn col2im_add(&self, col: &[f32], grad_input: &mut [f32]) {
        let (kh, kw) = (self.height.kernel_size, self.width.kernel_size);
        let (p, ow) = (self.out_pixels(), self.out_w);
        let grad_input = &mut grad_input[..self.in_len()];
        let col = &col[..self.patch_len() * p];
        for c in 0..self.in_channels {
            let plane = &mut grad_input[c * self.in_h * self.in_w..(c + 1) * self.in_h * self.in_w];
            for ky in 0..kh {
                for kx in 0..kw {
                    let row = &col[((c * kh + ky) * kw + kx) * p..][..p];
                    let (lo, hi) = self.valid_x_range(kx);
                    for oy in 0..self.out_h {
                        let Some(iy) = self.in_y(oy, ky) else {
                            continue;
                        };
                        let src = &row[oy * ow..(oy + 1) * ow];
                        let line = &mut plane[iy * self.in_w..(iy + 1) * self.in_w];
                        if self.width.stride == 1 {
                            if lo < hi {
                                let start = lo + kx * self.width.dilation - self.width.padding;
                                for (d, &s) in
                                    line[start..start + (hi - lo)].iter_mut().zip(&src[lo..hi])
                                {
                                    *d += s;
                                }
                            }
                        } else {
                            for (ox, &s) in src.iter().enumerate() {
                                if let Some(x) = self.in_x(ox, kx) {
                                    line[x] += s;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Reusable buffers of the fast convolution (grown on first use, then reused).
#[derive(Clone, Debug, Default)]
pub struct ConvScratch {
    col: Vec<f32>,
    dcol: Vec<f32>,
    packed: Vec<f32>,
    packed_t: Vec<f32>,
    flipped: Vec<f32>,
    xpad: Vec<f32>,
    dypad: Vec<f32>,
    offsets: Vec<usize>,
    offsets_t: Vec<usize>,
    dyt: Vec<f32>,
    grad_t: Vec<f32>,
}

fn ensure(buf: &mut Vec<f32>, len: usize) -> &mut [f32] {
    if buf.len() < len {
        buf.resize(len, 0.0);
    }
    &mut buf[..len]
}

/// Stride-1 geometry of the direct path: the padded input and the tap offsets into it.
struct Direct {
    hp: usize,
    wp: usize,
}

impl ConvShape {
    fn direct(&self) -> Option<Direct> {
        (self.height.stride == 1 && self.width.stride == 1).then(|| Direct {
            hp: self.in_h + 2 * self.height.padding,
            wp: self.in_w + 2 * self.width.padding,
        })
    }

    /// Tap offsets (c, ky, kx) into planes of `h`×`w` for a kernel of `channels` channels.
    fn tap_offsets(&self, channels: usize, h: usize, w: usize, offsets: &mut Vec<usize>) {
        let (kh, kw) = (self.height.kernel_size, self.width.kernel_size);
        offsets.clear();
        for c in 0..channels {
            for ky in 0..kh {
                for kx in 0..kw {
                    offsets
                        .push(c * h * w + ky * self.height.dilation * w + kx * self.width.dilation);
                }
            }
        }
    }

    /// Copies one C×H×W item into the interior of the zeroed padded planes `pad` (C×hp×wp).
    fn pad_into(&self, item: &[f32], pad: &mut [f32], d: &Direct) {
        let (ph, pw) = (self.height.padding, self.width.padding);
        for c in 0..self.in_channels {
            for y in 0..self.in_h {
                let from = &item[(c * self.in_h + y) * self.in_w..][..self.in_w];
                pad[(c * d.hp + y + ph) * d.wp + pw..][..self.in_w].copy_from_slice(from);
            }
        }
    }
}

/// Forward pass for `n` items: `input` is n×(C×H×W), `output` n×(O×out_h×out_w), weights O×C×kh×kw.
pub fn conv2d_forward(
    shape: &ConvShape,
    input: &[f32],
    n: usize,
    weights: &[f32],
    bias: &[f32],
    output: &mut [f32],
    scratch: &mut ConvScratch,
) {
    let (k, p, o) = (shape.patch_len(), shape.out_pixels(), shape.out_channels);
    assert_eq!(weights.len(), shape.weights_len(), "weights length");
    assert_eq!(bias.len(), o, "bias length");
    assert!(input.len() >= n * shape.in_len() && output.len() >= n * shape.out_len());
    pack_a(weights, o, k, k, 1, &mut scratch.packed);
    if let Some(d) = shape.direct() {
        shape.tap_offsets(shape.in_channels, d.hp, d.wp, &mut scratch.offsets);
        let pad = ensure(&mut scratch.xpad, shape.in_channels * d.hp * d.wp);
        pad.fill(0.0);
        let view = View {
            out_h: shape.out_h,
            out_w: shape.out_w,
            row_stride: d.wp,
        };
        for item in 0..n {
            shape.pad_into(&input[item * shape.in_len()..], pad, &d);
            let out = &mut output[item * shape.out_len()..(item + 1) * shape.out_len()];
            implicit_nn(
                o,
                &scratch.packed,
                pad,
                &scratch.offsets,
                view,
                out,
                Some(bias),
            );
        }
        return;
    }
    let col = ensure(&mut scratch.col, k * p);
    for item in 0..n {
        shape.im2col(&input[item * shape.in_len()..], col);
        let out = &mut output[item * shape.out_len()..(item + 1) * shape.out_len()];
        for (row, &b) in out.chunks_exact_mut(p).zip(bias) {
            row.fill(b);
        }
        gemm_nn(o, p, k, &scratch.packed, col, p, out, p, true);
    }
}

/// Backward pass for `n` items. Adds the weight and bias gradients (summed over the items) to `grad_weights`
/// and `grad_bias`; overwrites `grad_input` (n×C×H×W) with the input gradient when it is asked for.
#[allow(clippy::too_many_arguments)]
pub fn conv2d_backward(
    shape: &ConvShape,
    input: &[f32],
    grad_output: &[f32],
    n: usize,
    weights: &[f32],
    grad_weights: &mut [f32],
    grad_bias: &mut [f32],
    mut grad_input: Option<&mut [f32]>,
    scratch: &mut ConvScratch,
) {
    let (k, p, o) = (shape.patch_len(), shape.out_pixels(), shape.out_channels);
    assert_eq!(weights.len(), shape.weights_len(), "weights length");
    assert_eq!(
        grad_weights.len(),
        shape.weights_len(),
        "weight gradient length"
    );
    assert_eq!(grad_bias.len(), o, "bias gradient length");
    assert!(input.len() >= n * shape.in_len() && grad_output.len() >= n * shape.out_len());
    for item in 0..n {
        let dy = &grad_output[item * shape.out_len()..(item + 1) * shape.out_len()];
        for (g, row) in grad_bias.iter_mut().zip(dy.chunks_exact(p)) {
            *g += super::simd::sum(row);
        }
    }
    if let Some(d) = shape.direct() {
        backward_direct(
            shape,
            &d,
            input,
            grad_output,
            n,
            weights,
            grad_weights,
            grad_input,
            scratch,
        );
        return;
    }
    if grad_input.is_some() {
        // Wᵀ (K×O) packed once for all items.
        pack_a(weights, k, o, 1, k, &mut scratch.packed);
    }
    let col = ensure(&mut scratch.col, k * p);
    let dcol = ensure(&mut scratch.dcol, k * p);
    for item in 0..n {
        let dy = &grad_output[item * shape.out_len()..(item + 1) * shape.out_len()];
        shape.im2col(&input[item * shape.in_len()..], col);
        gemm_nt(o, k, p, dy, p, col, p, grad_weights, k, true);
        if let Some(gi) = grad_input.as_deref_mut() {
            gemm_nn(k, p, o, &scratch.packed, dy, p, dcol, p, false);
            let item_grad = &mut gi[item * shape.in_len()..(item + 1) * shape.in_len()];
            item_grad.fill(0.0);
            shape.col2im_add(dcol, item_grad);
        }
    }
}

/// Stride 1: dW by [`implicit_nt`] over the padded input; dx as the full correlation of the output gradient
/// with the flipped kernel (channels swapped), by [`implicit_nn`].
#[allow(clippy::too_many_arguments)]
fn backward_direct(
    shape: &ConvShape,
    d: &Direct,
    input: &[f32],
    grad_output: &[f32],
    n: usize,
    weights: &[f32],
    grad_weights: &mut [f32],
    mut grad_input: Option<&mut [f32]>,
    scratch: &mut ConvScratch,
) {
    let (c_in, o) = (shape.in_channels, shape.out_channels);
    let (kh, kw) = (shape.height.kernel_size, shape.width.kernel_size);
    let (dh, dw) = (shape.height.dilation, shape.width.dilation);
    shape.tap_offsets(c_in, d.hp, d.wp, &mut scratch.offsets);
    let view = View {
        out_h: shape.out_h,
        out_w: shape.out_w,
        row_stride: d.wp,
    };
    // The output gradient, placed so that dx[c][iy][ix] = Σ W'[c][(o,ky',kx')] · dypad[o][iy + ky'·D][ix + kx'·D]
    // with ky' = kh − 1 − ky: row t of dypad holds dy row t + pad − (kh − 1)·D (zero outside).
    let (hq, wq) = (shape.in_h + (kh - 1) * dh, shape.in_w + (kw - 1) * dw);
    if grad_input.is_some() {
        let flipped = ensure(&mut scratch.flipped, o * c_in * kh * kw);
        for c in 0..c_in {
            for oc in 0..o {
                for ky in 0..kh {
                    for kx in 0..kw {
                        flipped[((c * o + oc) * kh + ky) * kw + kx] =
                            weights[((oc * c_in + c) * kh + (kh - 1 - ky)) * kw + (kw - 1 - kx)];
                    }
                }
            }
        }
        pack_a(
            flipped,
            c_in,
            o * kh * kw,
            o * kh * kw,
            1,
            &mut scratch.packed_t,
        );
        // Taps (o, ky', kx') over the o planes of hq×wq.
        scratch.offsets_t.clear();
        for oc in 0..o {
            for ky in 0..kh {
                for kx in 0..kw {
                    scratch
                        .offsets_t
                        .push(oc * hq * wq + ky * dh * wq + kx * dw);
                }
            }
        }
        ensure(&mut scratch.dypad, o * hq * wq).fill(0.0);
    }
    let pad = ensure(&mut scratch.xpad, c_in * d.hp * d.wp);
    pad.fill(0.0);
    let k = scratch.offsets.len();
    ensure(&mut scratch.grad_t, k * o.div_ceil(4) * 4).fill(0.0);
    let shift_y = (kh - 1) * dh; // dypad row t ↔ dy row t + padding − shift_y
    let shift_x = (kw - 1) * dw;
    for item in 0..n {
        let dy = &grad_output[item * shape.out_len()..(item + 1) * shape.out_len()];
        shape.pad_into(&input[item * shape.in_len()..], pad, d);
        implicit_nt(
            o,
            dy,
            pad,
            &scratch.offsets,
            view,
            &mut scratch.grad_t,
            &mut scratch.dyt,
        );
        if let Some(gi) = grad_input.as_deref_mut() {
            let dypad = &mut scratch.dypad[..o * hq * wq];
            // Columns u of dypad with source column u + pw − shift_x inside [0, out_w).
            let u_lo = shift_x.saturating_sub(shape.width.padding);
            let u_hi = (shape.out_w + shift_x)
                .saturating_sub(shape.width.padding)
                .min(wq);
            for oc in 0..o {
                for t in 0..hq {
                    let Some(sy) = (t + shape.height.padding)
                        .checked_sub(shift_y)
                        .filter(|&y| y < shape.out_h)
                    else {
                        continue;
                    };
                    if u_lo < u_hi {
                        let sx = u_lo + shape.width.padding - shift_x;
                        let from = &dy[(oc * shape.out_h + sy) * shape.out_w + sx..][..u_hi - u_lo];
                        dypad[(oc * hq + t) * wq + u_lo..][..u_hi - u_lo].copy_from_slice(from);
                    }
                }
            }
            let view_t = View {
                out_h: shape.in_h,
                out_w: shape.in_w,
                row_stride: wq,
            };
            let item_grad = &mut gi[item * shape.in_len()..(item + 1) * shape.in_len()];
            implicit_nn(
                c_in,
                &scratch.packed_t,
                dypad,
                &scratch.offsets_t,
                view_t,
                item_grad,
                None,
            );
        }
    }
    fold_transposed(&scratch.grad_t, o, k, grad_weights);
}
