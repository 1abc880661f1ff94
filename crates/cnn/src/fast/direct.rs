//! Direct ("implicit GEMM") convolution for stride 1, the case of every conv layer in the app's networks.
//!
//! With the input zero-padded into `src` (C planes of Hp×Wp), tap p = (c, ky, kx) of output pixel (oy, ox)
//! reads `src[offset[p] + oy·Wp + ox]`, offset[p] = c·Hp·Wp + ky·D·Wp + kx·D. So the patch matrix of im2col
//! never needs to exist: its row p is a strided view of `src`, contiguous along ox. This module runs the two
//! products of a convolution on such views:
//!
//! * [`implicit_nn`]: out (m×P) (+)= A (m×K, packed) · view — the forward pass, and (with the kernel flipped and
//!   the channels swapped) the input gradient, which is the "full" correlation of the output gradient.
//! * [`implicit_nt`]: dA (m×K) += dY (m×P) · viewᵀ — the weight gradient, accumulated transposed (K×m) with the
//!   pixels as the inner dimension.

use super::matmul::MR;
use super::simd::{F32x4, four, four_mut};

/// Geometry of a strided view: `out_h` rows of `out_w` pixels, rows `row_stride` apart in `src`.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub out_h: usize,
    pub out_w: usize,
    pub row_stride: usize,
}

/// out[i][oy·out_w + ox] = bias[i] + Σ_p A[i][p] · src[offsets[p] + oy·row_stride + ox] (bias 0 when None), A
/// packed by `pack_a` (m×K).
///
/// Register blocks are MR rows × 8 pixels (8 accumulators), then MR × 4 and single pixels. 12-pixel blocks
/// spill in V8 (15 usable xmm registers; it unrolls small loops by itself): with the source bounds checks gone
/// they measured 4–5% slower at inference (both builds in one Node process, alternating 1,000-example slices).
pub fn implicit_nn(
    m: usize,
    a_packed: &[f32],
    src: &[f32],
    offsets: &[usize],
    view: View,
    out: &mut [f32],
    bias: Option<&[f32]>,
) {
    let k = offsets.len();
    let p_len = view.out_h * view.out_w;
    let panels = m.div_ceil(MR);
    assert!(bias.is_none_or(|b| b.len() >= m), "bias too short");
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
        let start: [f32; MR] =
            core::array::from_fn(|r| bias.and_then(|b| b.get(q * MR + r)).copied().unwrap_or(0.0));
        for oy in 0..view.out_h {
            let base = oy * view.row_stride;
            let mut ox = 0;
            while ox + 8 <= view.out_w {
                let acc = block::<2>(panel, src, offsets, base + ox, &start);
                store::<2>(&acc, out, p_len, q * MR, rows, oy * view.out_w + ox);
                ox += 8;
            }
            if ox + 4 <= view.out_w {
                let acc = block::<1>(panel, src, offsets, base + ox, &start);
                store::<1>(&acc, out, p_len, q * MR, rows, oy * view.out_w + ox);
                ox += 4;
            }
            for x in ox..view.out_w {
                let mut acc = start;
                for (a4, &off) in panel.chunks_exact(MR).zip(offsets) {
                    let v = src[off + base + x];
                    for r in 0..MR {
                        acc[r] += a4[r] * v;
                    }
                }
                for (r, &v) in acc.iter().enumerate().take(rows) {
                    out[(q * MR + r) * p_len + oy * view.out_w + x] = v;
                }
            }
        }
    }
}

#[inline(always)]
#[allow(unsafe_code)]
fn block<const V: usize>(
    panel: &[f32],
    src: &[f32],
    offsets: &[usize],
    at: usize,
    start: &[f32; MR],
) -> [[F32x4; V]; MR] {
    let mut acc: [[F32x4; V]; MR] = core::array::from_fn(|r| [F32x4::splat(start[r]); V]);
    for (a4, &off) in panel.chunks_exact(MR).zip(offsets) {
        debug_assert!(off + at + 4 * V <= src.len());
        // SAFETY: `implicit_nn` asserts src.len() ≥ max(offsets) + (out_h − 1)·row_stride + out_w, and
        // at + 4·V ≤ (out_h − 1)·row_stride + out_w for every block it asks for.
        let s = unsafe { src.get_unchecked(off + at..off + at + 4 * V) };
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
) {
    for (r, row_acc) in acc.iter().enumerate().take(rows) {
        let o = &mut out[(i0 + r) * p_len + at..];
        for (v, &val) in row_acc.iter().enumerate() {
            val.store(four_mut(&mut o[4 * v..]));
        }
    }
}

/// Channels per group of the weight-gradient kernel: four f32x4 lanes' worth of output channels.
const GROUP: usize = 4 * 4;

/// Accumulates the weight gradient of one item, transposed: `grad_t[p·mp + i] += Σ_{oy,ox} dy[i][oy·out_w + ox] ·
/// src[offsets[p] + oy·row_stride + ox]` for i < m, with mp = m rounded up to a multiple of 4 (the caller folds
/// `grad_t` back to m×K once per batch with [`fold_transposed`]).
///
/// This is the product Vᵀ-free form dWᵀ (K×m) = V (K×P) · dYᵀ (P×m): its inner dimension is the pixels, so a
/// register block of T taps × up to 16 channels (at most 8 accumulators) stays in registers over the whole image, with one broadcast
/// per tap and one vector load per four channels per pixel (no horizontal sums, no per-row tails). `dyt` is
/// scratch for dY transposed to pixel-major groups of [`GROUP`] channels.
pub fn implicit_nt(
    m: usize,
    dy: &[f32],
    src: &[f32],
    offsets: &[usize],
    view: View,
    grad_t: &mut [f32],
    dyt: &mut Vec<f32>,
) {
    let k = offsets.len();
    let p_len = view.out_h * view.out_w;
    let mp = m.div_ceil(4) * 4;
    assert!(dy.len() >= m * p_len, "output gradient too short");
    assert!(grad_t.len() >= k * mp, "gradient too short");
    if let Some(&max_off) = offsets.iter().max() {
        assert!(
            src.len() >= max_off + (view.out_h - 1) * view.row_stride + view.out_w,
            "source too short"
        );
    }
    // dyt: for each group of up to 16 channels (width w = 4·vectors), P rows of w values.
    dyt.clear();
    dyt.resize(mp * p_len, 0.0);
    let mut g0 = 0;
    while g0 < mp {
        let w = GROUP.min(mp - g0);
        let block = &mut dyt[g0 * p_len..(g0 + w) * p_len];
        for c in 0..w.min(m - g0) {
            let row = &dy[(g0 + c) * p_len..(g0 + c + 1) * p_len];
            for (pix, &v) in row.iter().enumerate() {
                block[pix * w + c] = v;
            }
        }
        g0 += w;
    }
    let mut g0 = 0;
    while g0 < mp {
        let w = GROUP.min(mp - g0);
        let block = &dyt[g0 * p_len..(g0 + w) * p_len];
        match w / 4 {
            4 => nt_group::<2, 4>(block, src, offsets, view, grad_t, mp, g0),
            3 => nt_group::<2, 3>(block, src, offsets, view, grad_t, mp, g0),
            2 => nt_group::<4, 2>(block, src, offsets, view, grad_t, mp, g0),
            _ => nt_group::<8, 1>(block, src, offsets, view, grad_t, mp, g0),
        }
        g0 += w;
    }
}

/// grad[i·K + p] += grad_t[p·mp + i] for i < m: the K×mp sums of [`implicit_nt`] back in the weights' layout.
pub fn fold_transposed(grad_t: &[f32], m: usize, k: usize, grad: &mut [f32]) {
    let mp = m.div_ceil(4) * 4;
    for (p, sums) in grad_t.chunks_exact(mp).take(k).enumerate() {
        for (i, &s) in sums[..m].iter().enumerate() {
            grad[i * k + p] += s;
        }
    }
}

/// One channel group (OV vectors) over all taps: blocks of T taps, the remainder one tap at a time.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn nt_group<const T: usize, const OV: usize>(
    block: &[f32],
    src: &[f32],
    offsets: &[usize],
    view: View,
    grad_t: &mut [f32],
    mp: usize,
    g0: usize,
) {
    let k = offsets.len();
    let mut p = 0;
    while p + T <= k {
        let acc = nt_block::<T, OV>(block, src, &offsets[p..p + T], view);
        add_block(&acc, grad_t, mp, g0, p);
        p += T;
    }
    while p < k {
        let acc = nt_block::<1, OV>(block, src, &offsets[p..p + 1], view);
        add_block(&acc, grad_t, mp, g0, p);
        p += 1;
    }
}

#[inline(always)]
fn add_block<const T: usize, const OV: usize>(
    acc: &[[F32x4; OV]; T],
    grad_t: &mut [f32],
    mp: usize,
    g0: usize,
    p: usize,
) {
    for (t, row) in acc.iter().enumerate() {
        let sums = &mut grad_t[(p + t) * mp + g0..][..4 * OV];
        for (v, &a) in row.iter().enumerate() {
            let cell = four_mut(&mut sums[4 * v..]);
            F32x4::load(cell).plus(a).store(cell);
        }
    }
}

/// Σ over the pixels of src[offsets[t] + pixel] · dyt[pixel][4v..4v+4], for T taps × OV vectors.
#[inline(always)]
#[allow(unsafe_code)]
fn nt_block<const T: usize, const OV: usize>(
    block: &[f32],
    src: &[f32],
    offsets: &[usize],
    view: View,
) -> [[F32x4; OV]; T] {
    let w = 4 * OV;
    let mut acc = [[F32x4::zero(); OV]; T];
    for oy in 0..view.out_h {
        let rows: [&[f32]; T] = core::array::from_fn(|t| {
            let start = offsets[t] + oy * view.row_stride;
            &src[start..start + view.out_w]
        });
        let d = &block[oy * view.out_w * w..(oy + 1) * view.out_w * w];
        for (x, dd) in d.chunks_exact(w).enumerate() {
            let dv: [F32x4; OV] = core::array::from_fn(|v| F32x4::load(four(&dd[4 * v..])));
            for t in 0..T {
                // SAFETY: `d` holds out_w chunks of w values, so x < out_w = rows[t].len().
                let a = F32x4::splat(unsafe { *rows[t].get_unchecked(x) });
                for v in 0..OV {
                    acc[t][v] = acc[t][v].mul_add(a, dv[v]);
                }
            }
        }
    }
    acc
}
