//! Batched max pooling: with the winner's index kept for the backward pass (training), or values only (inference).
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

    /// No padding and no dilation: every window lies inside the input, its cells side by side.
    fn simple(&self) -> bool {
        self.height.padding == 0
            && self.width.padding == 0
            && self.height.dilation == 1
            && self.width.dilation == 1
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
    for item in 0..n {
        let x = &input[item * il..(item + 1) * il];
        let y = &mut output[item * ol..(item + 1) * ol];
        let am = &mut argmax[item * ol..(item + 1) * ol];
        if shape.simple() {
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
                        let (best, best_at) = match (kh, kw, sh, sw) {
                            (2, 2, 2, 2) => four_square_windows::<2>(x, start, in_w),
                            (3, 3, 3, 3) => four_square_windows::<3>(x, start, in_w),
                            (2, 2, _, _) => four_windows::<2, 2>(x, start, sw, in_w),
                            (3, 3, _, _) => four_windows::<3, 3>(x, start, sw, in_w),
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
        general_item(shape, x, y, Some(am));
    }
}

/// Max pooling of `n` items without the winners, for inference: the same values as [`max_pool_forward`], with
/// one `pmax` per window cell instead of a compare and two selects.
pub fn max_pool_forward_values(shape: &PoolShape, input: &[f32], n: usize, output: &mut [f32]) {
    let (il, ol) = (shape.in_len(), shape.out_len());
    let plane = shape.in_h * shape.in_w;
    let (kh, kw) = (shape.height.kernel_size, shape.width.kernel_size);
    let (sh, sw) = (shape.height.stride, shape.width.stride);
    let (in_w, out_h, out_w) = (shape.in_w, shape.out_h, shape.out_w);
    for item in 0..n {
        let x = &input[item * il..(item + 1) * il];
        let y = &mut output[item * ol..(item + 1) * ol];
        if !shape.simple() {
            general_item(shape, x, y, None);
            continue;
        }
        let mut cell = 0;
        for c in 0..shape.channels {
            for oy in 0..out_h {
                let row0 = c * plane + oy * sh * in_w;
                let mut ox = 0;
                // Non-overlapping 2×2 and 3×3 windows (the usual pooling): K vectors per window row hold four
                // windows' cells side by side; shuffles pick each cell of the four, in row-major window order.
                match (kh, kw, sh, sw) {
                    (2, 2, 2, 2) => {
                        while ox + 4 <= out_w {
                            let best = four_square_maxima::<2>(x, row0 + 2 * ox, in_w);
                            best.store(four_mut(&mut y[cell..]));
                            (cell, ox) = (cell + 4, ox + 4);
                        }
                    }
                    (3, 3, 3, 3) => {
                        while ox + 4 <= out_w {
                            let best = four_square_maxima::<3>(x, row0 + 3 * ox, in_w);
                            best.store(four_mut(&mut y[cell..]));
                            (cell, ox) = (cell + 4, ox + 4);
                        }
                    }
                    _ => {
                        while ox + 4 <= out_w {
                            let best = four_maxima_any(x, row0 + ox * sw, sw, in_w, kh, kw);
                            best.store(four_mut(&mut y[cell..]));
                            (cell, ox) = (cell + 4, ox + 4);
                        }
                    }
                }
                for ox in ox..out_w {
                    let start = row0 + ox * sw;
                    let mut best = x[start];
                    for ky in 0..kh {
                        for &v in &x[start + ky * in_w..][..kw] {
                            best = if v > best { v } else { best };
                        }
                    }
                    y[cell] = best;
                    cell += 1;
                }
            }
        }
    }
}

/// One item of any window geometry (padding, dilation), one window at a time; `argmax` as in
/// [`max_pool_forward`] when given.
fn general_item(shape: &PoolShape, x: &[f32], y: &mut [f32], mut argmax: Option<&mut [u32]>) {
    let plane = shape.in_h * shape.in_w;
    let mut cell = 0;
    for c in 0..shape.channels {
        for oy in 0..shape.out_h {
            for ox in 0..shape.out_w {
                let mut best = f32::NEG_INFINITY;
                let mut best_at = usize::MAX;
                for iy in PoolShape::span(shape.height, shape.in_h, oy) {
                    for ix in PoolShape::span(shape.width, shape.in_w, ox) {
                        let at = c * plane + iy * shape.in_w + ix;
                        if x[at] > best || best_at == usize::MAX {
                            best = x[at];
                            best_at = at;
                        }
                    }
                }
                // A window entirely in the padding has no input cell: output 0, no gradient.
                let (value, winner) = if best_at == usize::MAX {
                    (0.0, u32::MAX)
                } else {
                    (best, best_at as u32)
                };
                y[cell] = value;
                if let Some(am) = argmax.as_deref_mut() {
                    am[cell] = winner;
                }
                cell += 1;
            }
        }
    }
}

/// Cell (ky, kx) of four K×K windows side by side with stride K (K = 2 or 3), from the K vectors `v` holding
/// the 4·K values of window row ky: lanes kx, kx + K, kx + 2K, kx + 3K.
#[inline(always)]
fn square_cell<const K: usize>(v: &[F32x4; K], kx: usize) -> F32x4 {
    // `2 % K` only keeps the index in bounds for K = 2, where the last three arms never run.
    match (K, kx) {
        (2, 0) => F32x4::every_second(v[0], v[1]),
        (2, _) => F32x4::every_second_odd(v[0], v[1]),
        (_, 0) => F32x4::every_third::<0>(v[0], v[1], v[2 % K]),
        (_, 1) => F32x4::every_third::<1>(v[0], v[1], v[2 % K]),
        _ => F32x4::every_third::<2>(v[0], v[1], v[2 % K]),
    }
}

/// Window row ky of four K×K windows side by side with stride K, the first window starting at `start`.
#[inline(always)]
fn square_row<const K: usize>(rows: &[f32], ky: usize, in_w: usize) -> [F32x4; K] {
    core::array::from_fn(|i| F32x4::load(four(&rows[ky * in_w + 4 * i..])))
}

/// The maxima of four K×K windows side by side with stride K (K = 2 or 3), the first starting at `start`.
///
/// Cells are folded in the reference's row-major order with `pmax`, so a NaN wins only from a window's first
/// cell (folding down the columns first would let a NaN at the top of a later column hide the cells below it).
#[inline(always)]
fn four_square_maxima<const K: usize>(x: &[f32], start: usize, in_w: usize) -> F32x4 {
    let rows = &x[start..start + (K - 1) * in_w + 4 * K];
    let mut best = F32x4::zero();
    for ky in 0..K {
        let v = square_row::<K>(rows, ky, in_w);
        for kx in 0..K {
            let cell = square_cell::<K>(&v, kx);
            best = if ky + kx == 0 { cell } else { best.pmax(cell) };
        }
    }
    best
}

/// [`four_square_maxima`] with the winners (flat indices within the item; ties keep the earlier cell).
#[inline(always)]
fn four_square_windows<const K: usize>(x: &[f32], start: usize, in_w: usize) -> (F32x4, U32x4) {
    let rows = &x[start..start + (K - 1) * in_w + 4 * K];
    let first = U32x4::new([0, K, 2 * K, 3 * K].map(|d| (start + d) as u32));
    let mut best = F32x4::zero();
    let mut best_at = first;
    for ky in 0..K {
        let v = square_row::<K>(rows, ky, in_w);
        for kx in 0..K {
            let cell = square_cell::<K>(&v, kx);
            if ky + kx == 0 {
                best = cell;
                continue;
            }
            let better = cell.gt(best);
            best = F32x4::select(better, cell, best);
            let at = first.plus(U32x4::splat((ky * in_w + kx) as u32));
            best_at = U32x4::select(better, at, best_at);
        }
    }
    (best, best_at)
}

/// Starts from each window's first cell, so that a NaN there wins as in the reference.
#[inline(always)]
fn four_maxima_any(
    x: &[f32],
    start: usize,
    step: usize,
    in_w: usize,
    kh: usize,
    kw: usize,
) -> F32x4 {
    let mut best = gather(x, start, step);
    for ky in 0..kh {
        for kx in 0..kw {
            if ky + kx > 0 {
                best = best.pmax(gather(x, start + ky * in_w + kx, step));
            }
        }
    }
    best
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
        3 if let Some(s) = wide(3) => F32x4::every_third::<0>(
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
