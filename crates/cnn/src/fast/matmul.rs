//! Dense matrix products for the fast path, written for the shapes of small CNNs (m ≤ a few hundred).
//!
//! * [`gemm_nn`]: C (+)= A·B, with A packed by [`pack_a`] into panels of 4 rows and B row-major (its rows
//!   contiguous). The 4×8 register block keeps 8 four-lane accumulators and walks k with B's panel of 8
//!   columns staying in L1, so no packing of B is needed.
//! * [`gemm_nt`]: C (+)= A·Bᵀ with A and B both row-major along k: blocks of 4×2 dot products with four-lane
//!   partial sums, added across lanes at the end.
//!
//! Summation order differs from the plain nested loops of the reference (lanes, blocks), so results agree with
//! it to float rounding, not bit for bit; the property tests state the tolerance.

use super::simd::{F32x4, four, four_mut};

/// Rows per register block (and per packed panel of A).
pub const MR: usize = 4;

/// Packs the m×k matrix `a` (element (i, p) at `a[i·row_stride + p·col_stride]`) into panels of [`MR`] rows:
/// panel q holds rows MR·q … MR·q + 3 as k groups of MR values, missing rows as zeros. Reuses `packed`'s
/// allocation.
pub fn pack_a(
    a: &[f32],
    m: usize,
    k: usize,
    row_stride: usize,
    col_stride: usize,
    packed: &mut Vec<f32>,
) {
    let panels = m.div_ceil(MR);
    packed.clear();
    if k == 0 {
        return;
    }
    packed.resize(panels * k * MR, 0.0);
    for (q, panel) in packed.chunks_exact_mut(k * MR).enumerate() {
        for r in 0..MR.min(m - q * MR) {
            let row = (q * MR + r) * row_stride;
            for p in 0..k {
                panel[p * MR + r] = a[row + p * col_stride];
            }
        }
    }
}

/// C (+)= A·B for A (m×k) packed by [`pack_a`], B (k×n) with row stride `ldb`, C (m×n) with row stride `ldc`.
/// With `accumulate` false C is overwritten.
#[allow(clippy::too_many_arguments)]
pub fn gemm_nn(
    m: usize,
    n: usize,
    k: usize,
    a_packed: &[f32],
    b: &[f32],
    ldb: usize,
    c: &mut [f32],
    ldc: usize,
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            for i in 0..m {
                c[i * ldc..i * ldc + n].fill(0.0);
            }
        }
        return;
    }
    assert!(
        a_packed.len() >= m.div_ceil(MR) * k * MR,
        "packed A too short"
    );
    assert!(k == 0 || b.len() >= (k - 1) * ldb + n, "B too short");
    assert!(c.len() >= (m - 1) * ldc + n, "C too short");
    let panels = m.div_ceil(MR);
    let mut j = 0;
    while j + 8 <= n {
        for q in 0..panels {
            let panel = &a_packed[q * k * MR..(q + 1) * k * MR];
            let acc = block_nn::<2>(panel, &b[j..], ldb, k);
            store_block(&acc, c, ldc, q * MR, m, j, accumulate);
        }
        j += 8;
    }
    if j + 4 <= n {
        for q in 0..panels {
            let panel = &a_packed[q * k * MR..(q + 1) * k * MR];
            let acc = block_nn::<1>(panel, &b[j..], ldb, k);
            store_block(&acc, c, ldc, q * MR, m, j, accumulate);
        }
        j += 4;
    }
    // Fewer than four columns left: plain dot products.
    for jj in j..n {
        for q in 0..panels {
            let panel = &a_packed[q * k * MR..(q + 1) * k * MR];
            let mut acc = [0.0f32; MR];
            for p in 0..k {
                let bv = b[p * ldb + jj];
                for r in 0..MR {
                    acc[r] += panel[p * MR + r] * bv;
                }
            }
            for (r, &v) in acc.iter().enumerate().take(m - q * MR) {
                let cell = &mut c[(q * MR + r) * ldc + jj];
                *cell = if accumulate { *cell + v } else { v };
            }
        }
    }
}

/// A 4×(4·V) block of A·B: `panel` is one packed panel, `b` starts at the block's first column.
#[inline(always)]
fn block_nn<const V: usize>(panel: &[f32], b: &[f32], ldb: usize, k: usize) -> [[F32x4; V]; MR] {
    let mut acc = [[F32x4::zero(); V]; MR];
    for (a4, brow) in panel.chunks_exact(MR).zip(b.chunks(ldb)).take(k) {
        let mut bv = [F32x4::zero(); V];
        for (v, slot) in bv.iter_mut().enumerate() {
            *slot = F32x4::load(four(&brow[4 * v..]));
        }
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
fn store_block<const V: usize>(
    acc: &[[F32x4; V]; MR],
    c: &mut [f32],
    ldc: usize,
    i0: usize,
    m: usize,
    j: usize,
    accumulate: bool,
) {
    for (r, row_acc) in acc.iter().enumerate().take(m - i0) {
        let crow = &mut c[(i0 + r) * ldc + j..];
        for (v, &val) in row_acc.iter().enumerate() {
            let cell = four_mut(&mut crow[4 * v..]);
            let out = if accumulate {
                F32x4::load(cell).plus(val)
            } else {
                val
            };
            out.store(cell);
        }
    }
}

/// C (+)= A·Bᵀ for A (m×k, row stride `lda`), B (n×k, row stride `ldb`), C (m×n, row stride `ldc`).
#[allow(clippy::too_many_arguments)]
pub fn gemm_nt(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    c: &mut [f32],
    ldc: usize,
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    assert!(a.len() >= (m - 1) * lda + k, "A too short");
    assert!(b.len() >= (n - 1) * ldb + k, "B too short");
    assert!(c.len() >= (m - 1) * ldc + n, "C too short");
    let mut i = 0;
    while i < m {
        let rows = if i + 4 <= m { 4 } else { 1 };
        let mut j = 0;
        while j < n {
            let cols = if j + 2 <= n { 2 } else { 1 };
            match (rows, cols) {
                (4, 2) => put(
                    &dot_block::<4, 2>(a, lda, i, b, ldb, j, k),
                    c,
                    ldc,
                    i,
                    j,
                    accumulate,
                ),
                (4, _) => put(
                    &dot_block::<4, 1>(a, lda, i, b, ldb, j, k),
                    c,
                    ldc,
                    i,
                    j,
                    accumulate,
                ),
                (_, 2) => put(
                    &dot_block::<1, 2>(a, lda, i, b, ldb, j, k),
                    c,
                    ldc,
                    i,
                    j,
                    accumulate,
                ),
                _ => put(
                    &dot_block::<1, 1>(a, lda, i, b, ldb, j, k),
                    c,
                    ldc,
                    i,
                    j,
                    accumulate,
                ),
            }
            j += cols;
        }
        i += rows;
    }
}

#[inline(always)]
fn put<const R: usize, const S: usize>(
    v: &[[f32; S]; R],
    c: &mut [f32],
    ldc: usize,
    i: usize,
    j: usize,
    accumulate: bool,
) {
    for (r, row) in v.iter().enumerate() {
        let crow = &mut c[(i + r) * ldc + j..][..S];
        for (cell, &x) in crow.iter_mut().zip(row) {
            *cell = if accumulate { *cell + x } else { x };
        }
    }
}

/// R×S dot products of length k: rows i… of A with rows j… of B.
#[inline(always)]
fn dot_block<const R: usize, const S: usize>(
    a: &[f32],
    lda: usize,
    i: usize,
    b: &[f32],
    ldb: usize,
    j: usize,
    k: usize,
) -> [[f32; S]; R] {
    let a_rows: [&[f32]; R] = core::array::from_fn(|r| &a[(i + r) * lda..(i + r) * lda + k]);
    let b_rows: [&[f32]; S] = core::array::from_fn(|s| &b[(j + s) * ldb..(j + s) * ldb + k]);
    let mut acc = [[F32x4::zero(); S]; R];
    let k4 = k - k % 4;
    let mut p = 0;
    while p < k4 {
        let bv: [F32x4; S] = core::array::from_fn(|s| F32x4::load(four(&b_rows[s][p..])));
        for r in 0..R {
            let av = F32x4::load(four(&a_rows[r][p..]));
            for s in 0..S {
                acc[r][s] = acc[r][s].mul_add(av, bv[s]);
            }
        }
        p += 4;
    }
    let mut out = [[0.0f32; S]; R];
    for r in 0..R {
        for s in 0..S {
            let mut sum = acc[r][s].sum();
            for q in k4..k {
                sum += a_rows[r][q] * b_rows[s][q];
            }
            out[r][s] = sum;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(
        m: usize,
        n: usize,
        k: usize,
        a: impl Fn(usize, usize) -> f32,
        b: impl Fn(usize, usize) -> f32,
    ) -> Vec<f64> {
        let mut c = vec![0.0f64; m * n];
        for i in 0..m {
            for j in 0..n {
                for p in 0..k {
                    c[i * n + j] += f64::from(a(i, p)) * f64::from(b(p, j));
                }
            }
        }
        c
    }

    /// |fast − exact| ≤ 1e-5 · (1 + Σ|a·b|): the error bound of any summation order in f32 for these sizes.
    fn assert_close(fast: &[f32], exact: &[f64], scale: &[f64]) {
        for ((&f, &e), &s) in fast.iter().zip(exact).zip(scale) {
            assert!(
                (f64::from(f) - e).abs() <= 1e-5 * (1.0 + s),
                "fast {f} vs exact {e}"
            );
        }
    }

    fn values(len: usize) -> impl Strategy<Value = Vec<f32>> {
        proptest::collection::vec(-2.0f32..2.0, len)
    }

    proptest! {
        #[test]
        fn gemm_nn_matches_naive((m, n, k) in (1usize..13, 1usize..21, 0usize..30), seed in any::<u64>(), accumulate in any::<bool>()) {
            let mut rng = seed;
            let mut next = || { rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((rng >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0 };
            let a: Vec<f32> = (0..m * k).map(|_| next()).collect();
            let b: Vec<f32> = (0..k * n).map(|_| next()).collect();
            let c0: Vec<f32> = (0..m * n).map(|_| next()).collect();
            // A transposed in memory exercises the strided packing.
            let at: Vec<f32> = (0..k * m).map(|x| a[(x % m) * k + x / m]).collect();
            let mut packed = Vec::new();
            pack_a(&at, m, k, 1, m, &mut packed);
            let mut c = c0.clone();
            gemm_nn(m, n, k, &packed, &b, n, &mut c, n, accumulate);
            let mut exact = naive(m, n, k, |i, p| a[i * k + p], |p, j| b[p * n + j]);
            let scale = naive(m, n, k, |i, p| a[i * k + p].abs(), |p, j| b[p * n + j].abs());
            if accumulate { for (e, &c0) in exact.iter_mut().zip(&c0) { *e += f64::from(c0); } }
            assert_close(&c, &exact, &scale);
        }

        #[test]
        fn gemm_nt_matches_naive((m, n, k) in (1usize..11, 1usize..11, 0usize..40), a in values(10 * 40), b in values(10 * 40), accumulate in any::<bool>()) {
            let mut c = vec![0.5f32; m * n];
            gemm_nt(m, n, k, &a, k, &b, k, &mut c, n, accumulate);
            let mut exact = naive(m, n, k, |i, p| a[i * k + p], |p, j| b[j * k + p]);
            let scale = naive(m, n, k, |i, p| a[i * k + p].abs(), |p, j| b[j * k + p].abs());
            if accumulate { for e in &mut exact { *e += 0.5; } }
            assert_close(&c, &exact, &scale);
        }
    }
}
