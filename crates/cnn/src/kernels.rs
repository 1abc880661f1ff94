//! The inner loops of the fast layers: small dense matrix products over contiguous, row-major
//! `f32` slices. They are the only place the layers spend time, so a SIMD pass (issue 8) can
//! replace exactly these functions without touching the layers.
//!
//! Notation: `A` is m×k, `B` is k×n (or n×k for the `_nt` form), `C` is m×n; all row-major.
//!
//! | function        | computes                    | used for                                 |
//! |-----------------|-----------------------------|------------------------------------------|
//! | [`gemm_nn_acc`] | C += A·B                    | conv forward (W·cols), dense input grad  |
//! | [`gemm_nt_acc`] | C += A·Bᵀ                   | conv weight grad (dY·colsᵀ), dense fwd   |
//! | [`gemm_tn_acc`] | C += Aᵀ·B                   | conv column grad (Wᵀ·dY), dense weight grad |
//!
//! The loops are written so that the compiler auto-vectorises them: the innermost loop is an
//! `axpy` over a contiguous row (C[i,:] += a·B[k,:]) or a dot product with eight independent
//! partial sums (a strict left-to-right sum of floats cannot be vectorised without reordering,
//! so we reorder explicitly).

/// y += a·x over two slices of equal length.
#[inline]
pub fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// Σ aᵢ·bᵢ with eight interleaved partial sums (vectorisable).
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 8];
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (xa, xb) in (&mut ca).zip(&mut cb) {
        for i in 0..8 {
            acc[i] += xa[i] * xb[i];
        }
    }
    let mut tail = 0.0;
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        tail += x * y;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// C (m×n) += A (m×k) · B (k×n). Four rows of C are updated per pass over B, so every row of
/// B is loaded once for four rows of the output.
pub fn gemm_nn_acc(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n);
    let mut i = 0;
    while i + 4 <= m {
        let (c0, rest) = c[i * n..(i + 4) * n].split_at_mut(n);
        let (c1, rest) = rest.split_at_mut(n);
        let (c2, c3) = rest.split_at_mut(n);
        for kk in 0..k {
            let brow = &b[kk * n..(kk + 1) * n];
            let a0 = a[i * k + kk];
            let a1 = a[(i + 1) * k + kk];
            let a2 = a[(i + 2) * k + kk];
            let a3 = a[(i + 3) * k + kk];
            for j in 0..n {
                let bv = brow[j];
                c0[j] += a0 * bv;
                c1[j] += a1 * bv;
                c2[j] += a2 * bv;
                c3[j] += a3 * bv;
            }
        }
        i += 4;
    }
    while i < m {
        let crow = &mut c[i * n..(i + 1) * n];
        for kk in 0..k {
            axpy(crow, a[i * k + kk], &b[kk * n..(kk + 1) * n]);
        }
        i += 1;
    }
}

/// C (m×n) += A (m×k) · Bᵀ where B is n×k: every element is a dot product of two rows.
pub fn gemm_nt_acc(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= n * k && c.len() >= m * n);
    for i in 0..m {
        let arow = &a[i * k..(i + 1) * k];
        let crow = &mut c[i * n..(i + 1) * n];
        for (j, cv) in crow.iter_mut().enumerate() {
            *cv += dot(arow, &b[j * k..(j + 1) * k]);
        }
    }
}

/// C (k×n) += Aᵀ · B where A is m×k and B is m×n. Loops over rows of C outermost so one row of
/// C stays in L1 while the (short) m rows of B stream past it.
pub fn gemm_tn_acc(m: usize, k: usize, n: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    assert!(a.len() >= m * k && b.len() >= m * n && c.len() >= k * n);
    for kk in 0..k {
        let crow = &mut c[kk * n..(kk + 1) * n];
        for r in 0..m {
            axpy(crow, a[r * k + kk], &b[r * n..(r + 1) * n]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(m: usize, k: usize, n: usize, a: &[f32], b: &[f32]) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                for kk in 0..k {
                    c[i * n + j] += a[i * k + kk] * b[kk * n + j];
                }
            }
        }
        c
    }

    fn transpose(rows: usize, cols: usize, x: &[f32]) -> Vec<f32> {
        let mut t = vec![0.0; rows * cols];
        for r in 0..rows {
            for c in 0..cols {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        t
    }

    #[test]
    fn the_three_products_agree_with_the_textbook_triple_loop() {
        // Small integers: every product and sum is exact in f32, so equality is exact.
        for (m, k, n) in [(1, 1, 1), (5, 3, 7), (4, 9, 2), (7, 17, 13), (16, 200, 9)] {
            let a: Vec<f32> = (0..m * k).map(|i| ((i * 7) % 11) as f32 - 5.0).collect();
            let b: Vec<f32> = (0..k * n).map(|i| ((i * 5) % 13) as f32 - 6.0).collect();
            let expected = naive(m, k, n, &a, &b);
            let mut c = vec![0.0; m * n];
            gemm_nn_acc(m, k, n, &a, &b, &mut c);
            assert_eq!(c, expected);
            let mut c = vec![0.0; m * n];
            gemm_nt_acc(m, k, n, &a, &transpose(k, n, &b), &mut c);
            assert_eq!(c, expected);
            let mut c = vec![0.0; m * n];
            gemm_tn_acc(k, m, n, &transpose(m, k, &a), &b, &mut c);
            assert_eq!(c, expected);
        }
    }

    #[test]
    fn dot_handles_remainders() {
        let a: Vec<f32> = (1..=11).map(|x| x as f32).collect();
        // 1² + 2² + … + 11² = 11·12·23/6 = 506.
        assert_eq!(dot(&a, &a), 506.0);
    }
}
