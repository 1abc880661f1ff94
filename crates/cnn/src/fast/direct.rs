//! Direct ("implicit GEMM") convolution for stride 1, the case of every conv layer in the app's networks.
//!
//! With the input zero-padded into `src` (C planes of Hp×Wp), tap p = (c, ky, kx) of output pixel (oy, ox)
//! reads `src[offset[p] + oy·Wp + ox]`, offset[p] = c·Hp·Wp + ky·D·Wp + kx·D. So the patch matrix of im2col
//! never needs to exist: its row p is a strided view of `src`, contiguous along ox. This module runs the two
//! products of a convolution on such views:
//!
//! * [`implicit_nn`]: out (m×P) (+)= A (m×K, packed) · view — the forward pass, and (with the kernel flipped and
//!   the channels swapped) the input gradient, which is the "full" correlation of the output gradient.
//! * [`implicit_nt`]: dA (m×K) += dY (m×P) · viewᵀ — the weight gradient.

use super::matmul::MR;
use super::simd::{F32x4, four, four_mut};

/// Geometry of a strided view: `out_h` rows of `out_w` pixels, rows `row_stride` apart in `src`.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub out_h: usize,
    pub out_w: usize,
    pub row_stride: usize,
}

/// out[i][oy·out_w + ox] (+)= Σ_p A[i][p] · src[offsets[p] + oy·row_stride + ox], A packed by `pack_a` (m×K).
pub fn implicit_nn(
    m: usize,
    a_packed: &[f32],
    src: &[f32],
    offsets: &[usize],
    view: View,
    out: &mut [f32],
    accumulate: bool,
) {
    let k = offsets.len();
    let p_len = view.out_h * view.out_w;
    let panels = m.div_ceil(MR);
    assert!(a_packed.len() >= panels * k * MR, "packed A too short");
    assert!(out.len() >= m * p_len, "output too short");
    if let Some(&max_off) = offsets.iter().max() {
        assert!(
            src.len() >= max_off + (view.out_h - 1) * view.row_stride + view.out_w,
            "source too short"
        );
    }
    for q in 0..panels {
        let panel = &a_packed[q * k * MR..(q + 1) * k * MR];
        let rows = MR.min(m - q * MR);
        for oy in 0..view.out_h {
            let base = oy * view.row_stride;
            let mut ox = 0;
            while ox + 12 <= view.out_w {
                let acc = block::<3>(panel, src, offsets, base + ox);
                store::<3>(
                    &acc,
                    out,
                    p_len,
                    q * MR,
                    rows,
                    oy * view.out_w + ox,
                    accumulate,
                );
                ox += 12;
            }
            if ox + 8 <= view.out_w {
                let acc = block::<2>(panel, src, offsets, base + ox);
                store::<2>(
                    &acc,
                    out,
                    p_len,
                    q * MR,
                    rows,
                    oy * view.out_w + ox,
                    accumulate,
                );
                ox += 8;
            }
            if ox + 4 <= view.out_w {
                let acc = block::<1>(panel, src, offsets, base + ox);
                store::<1>(
                    &acc,
                    out,
                    p_len,
                    q * MR,
                    rows,
                    oy * view.out_w + ox,
                    accumulate,
                );
                ox += 4;
            }
            for x in ox..view.out_w {
                let mut acc = [0.0f32; MR];
                for (a4, &off) in panel.chunks_exact(MR).zip(offsets) {
                    let v = src[off + base + x];
                    for r in 0..MR {
                        acc[r] += a4[r] * v;
                    }
                }
                for (r, &v) in acc.iter().enumerate().take(rows) {
                    let cell = &mut out[(q * MR + r) * p_len + oy * view.out_w + x];
                    *cell = if accumulate { *cell + v } else { v };
                }
            }
        }
    }
}

#[inline(always)]
fn block<const V: usize>(
    panel: &[f32],
    src: &[f32],
    offsets: &[usize],
    at: usize,
) -> [[F32x4; V]; MR] {
    let mut acc = [[F32x4::zero(); V]; MR];
    for (a4, &off) in panel.chunks_exact(MR).zip(offsets) {
        let s = &src[off + at..off + at + 4 * V];
        let bv: [F32x4; V] = core::array::from_fn(|v| F32x4::load(four(&s[4 * v..])));
        for r in 0..MR {
            let a = F32x4::splat(a4[r]);
            for v in 0..V {
                acc[r][v] = acc[r][v].mul_add(a, bv[v]);
            }
        }
    }
    acc
}

#[inline(always)]
fn store<const V: usize>(
    acc: &[[F32x4; V]; MR],
    out: &mut [f32],
    p_len: usize,
    i0: usize,
    rows: usize,
    at: usize,
    accumulate: bool,
) {
    for (r, row_acc) in acc.iter().enumerate().take(rows) {
        let o = &mut out[(i0 + r) * p_len + at..];
        for (v, &val) in row_acc.iter().enumerate() {
            let cell = four_mut(&mut o[4 * v..]);
            let res = if accumulate {
                F32x4::load(cell).plus(val)
            } else {
                val
            };
            res.store(cell);
        }
    }
}

/// grad[i][p] += Σ_{oy,ox} dy[i][oy·out_w + ox] · src[offsets[p] + oy·row_stride + ox] for i < m; `grad` is
/// m×K row-major with K = offsets.len().
pub fn implicit_nt(
    m: usize,
    dy: &[f32],
    src: &[f32],
    offsets: &[usize],
    view: View,
    grad: &mut [f32],
) {
    let k = offsets.len();
    let p_len = view.out_h * view.out_w;
    assert!(dy.len() >= m * p_len, "output gradient too short");
    assert!(grad.len() >= m * k, "gradient too short");
    let mut i = 0;
    while i < m {
        let rows = if i + 4 <= m { 4 } else { 1 };
        let mut p = 0;
        while p < k {
            let cols = if p + 2 <= k { 2 } else { 1 };
            match (rows, cols) {
                (4, 2) => add_dots(&dots::<4, 2>(dy, i, src, offsets, p, view), grad, k, i, p),
                (4, _) => add_dots(&dots::<4, 1>(dy, i, src, offsets, p, view), grad, k, i, p),
                (_, 2) => add_dots(&dots::<1, 2>(dy, i, src, offsets, p, view), grad, k, i, p),
                _ => add_dots(&dots::<1, 1>(dy, i, src, offsets, p, view), grad, k, i, p),
            }
            p += cols;
        }
        i += rows;
    }
}

#[inline(always)]
fn add_dots<const R: usize, const S: usize>(
    v: &[[f32; S]; R],
    grad: &mut [f32],
    k: usize,
    i: usize,
    p: usize,
) {
    for (r, row) in v.iter().enumerate() {
        for (s, &x) in row.iter().enumerate() {
            grad[(i + r) * k + p + s] += x;
        }
    }
}

#[inline(always)]
fn dots<const R: usize, const S: usize>(
    dy: &[f32],
    i: usize,
    src: &[f32],
    offsets: &[usize],
    p: usize,
    view: View,
) -> [[f32; S]; R] {
    let p_len = view.out_h * view.out_w;
    let w4 = view.out_w - view.out_w % 4;
    let mut acc = [[F32x4::zero(); S]; R];
    let mut tail = [[0.0f32; S]; R];
    for oy in 0..view.out_h {
        let a_rows: [&[f32]; R] = core::array::from_fn(|r| {
            let start = (i + r) * p_len + oy * view.out_w;
            &dy[start..start + view.out_w]
        });
        let b_rows: [&[f32]; S] = core::array::from_fn(|s| {
            let start = offsets[p + s] + oy * view.row_stride;
            &src[start..start + view.out_w]
        });
        let mut x = 0;
        while x < w4 {
            let bv: [F32x4; S] = core::array::from_fn(|s| F32x4::load(four(&b_rows[s][x..])));
            for r in 0..R {
                let av = F32x4::load(four(&a_rows[r][x..]));
                for s in 0..S {
                    acc[r][s] = acc[r][s].mul_add(av, bv[s]);
                }
            }
            x += 4;
        }
        for x in w4..view.out_w {
            for r in 0..R {
                for s in 0..S {
                    tail[r][s] += a_rows[r][x] * b_rows[s][x];
                }
            }
        }
    }
    let mut out = [[0.0f32; S]; R];
    for r in 0..R {
        for s in 0..S {
            out[r][s] = acc[r][s].sum() + tail[r][s];
        }
    }
    out
}
