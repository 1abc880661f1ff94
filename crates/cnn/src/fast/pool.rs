//! Batched max pooling with the winner's index kept for the backward pass.
//!
//! y[c][oy][ox] = max over the window cells inside the input (padding never wins); ties go to the first cell in
//! row-major window order. Backward routes each output gradient to its winner: dx[argmax] += dy.

use super::simd::{F32x4, U32x4, four, four_mut};
use crate::geometry::{AxisGeometry, GeometryError, Window};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolShape {
    pub channels: usize,
    pub in_h: usize,
    pub in_w: usize,
    pub height: Window,
    pub width: Window,
    pub out_h: usize,
    pub out_w: usize,
}

impl PoolShape {
    pub fn new(
        channels: usize,
        in_h: usize,
        in_w: usize,
        height: Window,
        width: Window,
    ) -> Result<PoolShape, GeometryError> {
        let out_h = AxisGeometry::new(in_h, height)?.output;
        let out_w = AxisGeometry::new(in_w, width)?.output;
        Ok(PoolShape {
            channels,
            in_h,
            in_w,
            height,
            width,
            out_h,
            out_w,
        })
    }

    pub fn in_len(&self) -> usize {
        self.channels * self.in_h * self.in_w
    }

    pub fn out_len(&self) -> usize {
        self.channels * self.out_h * self.out_w
    }

    /// Input rows (or columns) covered by window `o` along one axis, padding excluded.
    #[inline(always)]
    fn span(window: Window, input: usize, o: usize) -> impl Iterator<Item = usize> {
        (0..window.kernel_size).filter_map(move |k| {
            (o * window.stride + k * window.dilation)
                .checked_sub(window.padding)
                .filter(|&i| i < input)
        })
    }
}

/// Max pooling of `n` items. `argmax` receives, per output cell, the index of the winning input cell within
/// its item (c·H·W + y·W + x).
pub fn max_pool_forward(
    shape: &PoolShape,
    input: &[f32],
    n: usize,
    output: &mut [f32],
    argmax: &mut [u32],
) {
    let (il, ol) = (shape.in_len(), shape.out_len());
    let plane = shape.in_h * shape.in_w;
    let (kh, kw) = (shape.height.kernel_size, shape.width.kernel_size);
    let (sh, sw) = (shape.height.stride, shape.width.stride);
    let (in_w, out_h, out_w) = (shape.in_w, shape.out_h, shape.out_w);
    let simple = shape.height.padding == 0
        && shape.width.padding == 0
        && shape.height.dilation == 1
        && shape.width.dilation == 1;
    for item in 0..n {
        let x = &input[item * il..(item + 1) * il];
        let y = &mut output[item * ol..(item + 1) * ol];
        let am = &mut argmax[item * ol..(item + 1) * ol];
        if simple {
            // Every window lies inside the input: start from its first cell, so that a NaN there wins as in
            // the reference (nothing compares greater than NaN), and keep the first of equal maxima.
            let mut cell = 0;
            for c in 0..shape.channels {
                for oy in 0..out_h {
                    let row0 = c * plane + oy * sh * in_w;
                    let mut ox = 0;
                    // Four windows side by side: gather one cell of each, keep the lanes where it is greater.
                    while ox + 4 <= out_w {
                        let start = row0 + ox * sw;
                        let (best, best_at) = match (kh, kw) {
                            (2, 2) => four_windows::<2, 2>(x, start, sw, in_w),
                            (3, 3) => four_windows::<3, 3>(x, start, sw, in_w),
                            _ => four_windows_any(x, start, sw, in_w, kh, kw),
                        };
                        best.store(four_mut(&mut y[cell..]));
                        am[cell..cell + 4].copy_from_slice(&best_at.to_array());
                        cell += 4;
                        ox += 4;
                    }
                    for ox in ox..out_w {
                        let start = row0 + ox * sw;
                        let mut best = x[start];
                        let mut best_at = start;
                        for ky in 0..kh {
                            let row = start + ky * in_w;
                            for (dx, &v) in x[row..row + kw].iter().enumerate() {
                                let better = v > best;
                                best = if better { v } else { best };
                                best_at = if better { row + dx } else { best_at };
                            }
                        }
                        y[cell] = best;
                        am[cell] = best_at as u32;
                        cell += 1;
                    }
                }
            }
            continue;
        }
        let mut cell = 0;
        for c in 0..shape.channels {
            for oy in 0..out_h {
                for ox in 0..out_w {
                    let mut best = f32::NEG_INFINITY;
                    let mut best_at = usize::MAX;
                    for iy in PoolShape::span(shape.height, shape.in_h, oy) {
                        for ix in PoolShape::span(shape.width, shape.in_w, ox) {
                            let at = c * plane + iy * in_w + ix;
                            if x[at] > best || best_at == usize::MAX {
                                best = x[at];
                                best_at = at;
                            }
                        }
                    }
                    // A window entirely in the padding has no input cell: output 0, no gradient.
                    if best_at == usize::MAX {
                        y[cell] = 0.0;
                        am[cell] = u32::MAX;
                    } else {
                        y[cell] = best;
                        am[cell] = best_at as u32;
                    }
                    cell += 1;
                }
            }
        }
    }
}

/// The maxima and winners of four windows side by side (window j starts at `start + j·step`), KH×KW known at
/// compile time so that the cell loops unroll.
#[inline(always)]
fn four_windows<const KH: usize, const KW: usize>(
    x: &[f32],
    start: usize,
    step: usize,
    in_w: usize,
) -> (F32x4, U32x4) {
    four_windows_any(x, start, step, in_w, KH, KW)
}

/// Gathers one cell of each window at a time and keeps the lanes where it is greater (ties keep the earlier
/// cell; a NaN in the first cell stays, as nothing compares greater than NaN).
#[inline(always)]
fn four_windows_any(
    x: &[f32],
    start: usize,
    step: usize,
    in_w: usize,
    kh: usize,
    kw: usize,
) -> (F32x4, U32x4) {
    let first = U32x4::new([0, step, 2 * step, 3 * step].map(|d| (start + d) as u32));
    let mut best = gather(x, start, step);
    let mut best_at = first;
    for ky in 0..kh {
        for kx in 0..kw {
            if ky == 0 && kx == 0 {
                continue;
            }
            let offset = ky * in_w + kx;
            let v = gather(x, start + offset, step);
            let better = v.gt(best);
            best = F32x4::select(better, v, best);
            best_at = U32x4::select(better, first.plus(U32x4::splat(offset as u32)), best_at);
        }
    }
    (best, best_at)
}

/// x[start], x[start + step], x[start + 2·step], x[start + 3·step]. Steps 1–3 (the usual pooling strides) load
/// whole vectors and pick lanes with shuffles when the vectors stay inside `x`; other steps read four scalars.
#[inline(always)]
fn gather(x: &[f32], start: usize, step: usize) -> F32x4 {
    let wide = |n: usize| x.get(start..start + 4 * n);
    match step {
        1 => F32x4::load(four(&x[start..])),
        2 if let Some(s) = wide(2) => {
            F32x4::every_second(F32x4::load(four(s)), F32x4::load(four(&s[4..])))
        }
        3 if let Some(s) = wide(3) => F32x4::every_third(
            F32x4::load(four(s)),
            F32x4::load(four(&s[4..])),
            F32x4::load(four(&s[8..])),
        ),
        _ => {
            let s = &x[start..=start + 3 * step];
            F32x4::load(&[s[0], s[step], s[2 * step], s[3 * step]])
        }
    }
}

/// Overwrites `grad_input` (n items) with the max-pooling input gradient.
pub fn max_pool_backward(
    shape: &PoolShape,
    grad_output: &[f32],
    argmax: &[u32],
    n: usize,
    grad_input: &mut [f32],
) {
    let (il, ol) = (shape.in_len(), shape.out_len());
    for item in 0..n {
        let gi = &mut grad_input[item * il..(item + 1) * il];
        gi.fill(0.0);
        let go = &grad_output[item * ol..(item + 1) * ol];
        for (&g, &at) in go.iter().zip(&argmax[item * ol..(item + 1) * ol]) {
            if at != u32::MAX {
                gi[at as usize] += g;
            }
        }
    }
}
