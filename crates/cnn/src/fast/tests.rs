//! Fast path == plain loops, under proptest. Tolerance: |fast − exact| ≤ 1e-5·(1 + Σ|terms|), where "exact" is
//! the same sum in f64; this bounds the rounding of any f32 summation order for these sizes.

#![allow(clippy::needless_range_loop)] // the plain loops are the point here

use super::*;
use crate::geometry::Window;
use proptest::prelude::*;

fn close(fast: &[f32], exact: &[f64], scale: &[f64]) -> Result<(), TestCaseError> {
    prop_assert_eq!(fast.len(), exact.len());
    for (i, ((&f, &e), &s)) in fast.iter().zip(exact).zip(scale).enumerate() {
        prop_assert!(
            (f64::from(f) - e).abs() <= 1e-5 * (1.0 + s),
            "index {}: fast {} vs exact {}",
            i,
            f,
            e
        );
    }
    Ok(())
}

fn lcg(seed: u64) -> impl FnMut() -> f32 {
    let mut s = seed;
    move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

/// The plain definition, in f64: y, and for a given dy: dW, db, dx; plus Σ|terms| for the tolerance.
struct Naive {
    y: Vec<f64>,
    y_scale: Vec<f64>,
    dw: Vec<f64>,
    dw_scale: Vec<f64>,
    db: Vec<f64>,
    db_scale: Vec<f64>,
    dx: Vec<f64>,
    dx_scale: Vec<f64>,
}

fn naive_conv(s: &ConvShape, x: &[f32], n: usize, w: &[f32], b: &[f32], dy: &[f32]) -> Naive {
    let (kh, kw) = (s.height.kernel_size, s.width.kernel_size);
    let mut r = Naive {
        y: vec![0.0; n * s.out_len()],
        y_scale: vec![0.0; n * s.out_len()],
        dw: vec![0.0; w.len()],
        dw_scale: vec![0.0; w.len()],
        db: vec![0.0; b.len()],
        db_scale: vec![0.0; b.len()],
        dx: vec![0.0; n * s.in_len()],
        dx_scale: vec![0.0; n * s.in_len()],
    };
    for item in 0..n {
        for o in 0..s.out_channels {
            for oy in 0..s.out_h {
                for ox in 0..s.out_w {
                    let yi = item * s.out_len() + (o * s.out_h + oy) * s.out_w + ox;
                    let g = f64::from(dy[yi]);
                    r.y[yi] += f64::from(b[o]);
                    r.y_scale[yi] += f64::from(b[o]).abs();
                    r.db[o] += g;
                    r.db_scale[o] += g.abs();
                    for c in 0..s.in_channels {
                        for ky in 0..kh {
                            for kx in 0..kw {
                                let iy = (oy * s.height.stride + ky * s.height.dilation) as isize
                                    - s.height.padding as isize;
                                let ix = (ox * s.width.stride + kx * s.width.dilation) as isize
                                    - s.width.padding as isize;
                                if iy < 0
                                    || ix < 0
                                    || iy >= s.in_h as isize
                                    || ix >= s.in_w as isize
                                {
                                    continue;
                                }
                                let xi = item * s.in_len()
                                    + (c * s.in_h + iy as usize) * s.in_w
                                    + ix as usize;
                                let wi = ((o * s.in_channels + c) * kh + ky) * kw + kx;
                                let (xv, wv) = (f64::from(x[xi]), f64::from(w[wi]));
                                r.y[yi] += xv * wv;
                                r.y_scale[yi] += (xv * wv).abs();
                                r.dw[wi] += g * xv;
                                r.dw_scale[wi] += (g * xv).abs();
                                r.dx[xi] += g * wv;
                                r.dx_scale[xi] += (g * wv).abs();
                            }
                        }
                    }
                }
            }
        }
    }
    r
}

fn window() -> impl Strategy<Value = Window> {
    (1usize..6, 1usize..4, 0usize..3, 1usize..3).prop_map(|(k, s, p, d)| Window {
        kernel_size: k,
        stride: s,
        padding: p,
        dilation: d,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn conv_fast_matches_plain_loops(
        in_channels in 1usize..4, in_h in 1usize..11, in_w in 1usize..11, out_channels in 1usize..7,
        height in window(), width in window(), n in 1usize..4, seed in any::<u64>(),
    ) {
        check_conv(in_channels, in_h, in_w, out_channels, height, width, n, seed)?;
    }

    /// Stride 1 takes the direct (implicit GEMM) path; make sure it is exercised often, at sizes like the app's.
    #[test]
    fn conv_direct_matches_plain_loops(
        in_channels in 1usize..9, in_h in 1usize..17, in_w in 1usize..17, out_channels in 1usize..23,
        height in window(), width in window(), n in 1usize..3, seed in any::<u64>(),
    ) {
        let height = Window { stride: 1, ..height };
        let width = Window { stride: 1, ..width };
        check_conv(in_channels, in_h, in_w, out_channels, height, width, n, seed)?;
    }

}

#[allow(clippy::too_many_arguments)]
fn check_conv(
    in_channels: usize,
    in_h: usize,
    in_w: usize,
    out_channels: usize,
    height: Window,
    width: Window,
    n: usize,
    seed: u64,
) -> Result<(), TestCaseError> {
    let Ok(shape) = ConvShape::new(in_channels, in_h, in_w, out_channels, height, width) else {
        return Ok(()); // geometry rejected (kernel larger than the padded input): nothing to compare
    };
    let mut rnd = lcg(seed);
    let x: Vec<f32> = (0..n * shape.in_len()).map(|_| rnd()).collect();
    let w: Vec<f32> = (0..shape.weights_len()).map(|_| rnd()).collect();
    let b: Vec<f32> = (0..out_channels).map(|_| rnd()).collect();
    let dy: Vec<f32> = (0..n * shape.out_len()).map(|_| rnd()).collect();
    let exact = naive_conv(&shape, &x, n, &w, &b, &dy);

    let mut scratch = ConvScratch::default();
    let mut y = vec![f32::NAN; n * shape.out_len()];
    conv2d_forward(&shape, &x, n, &w, &b, &mut y, &mut scratch);
    close(&y, &exact.y, &exact.y_scale)?;

    let mut dw = vec![0.0; w.len()];
    let mut db = vec![0.0; b.len()];
    let mut dx = vec![f32::NAN; x.len()];
    conv2d_backward(
        &shape,
        &x,
        &dy,
        n,
        &w,
        &mut dw,
        &mut db,
        Some(&mut dx),
        &mut scratch,
    );
    close(&dw, &exact.dw, &exact.dw_scale)?;
    close(&db, &exact.db, &exact.db_scale)?;
    close(&dx, &exact.dx, &exact.dx_scale)?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn max_pool_fast_matches_plain_loops(
        channels in 1usize..4, in_h in 1usize..10, in_w in 1usize..10,
        height in window(), width in window(), n in 1usize..3, seed in any::<u64>(), ties in any::<bool>(),
    ) {
        check_max_pool(channels, in_h, in_w, height, width, n, seed, ties)?;
    }

    /// Windows without padding or dilation take the four-windows-at-a-time path; exercise it at the app's sizes.
    #[test]
    fn max_pool_simple_windows_match_plain_loops(
        channels in 1usize..4, in_h in 1usize..26, in_w in 1usize..26, height in window(), width in window(),
        n in 1usize..3, seed in any::<u64>(), ties in any::<bool>(),
    ) {
        let height = Window { padding: 0, dilation: 1, ..height };
        let width = Window { padding: 0, dilation: 1, ..width };
        check_max_pool(channels, in_h, in_w, height, width, n, seed, ties)?;
    }

    /// Non-overlapping 2×2 and 3×3 windows (every pooling of the app's networks) take the column-maxima path
    /// at inference.
    #[test]
    fn max_pool_square_windows_match_plain_loops(
        k in 2usize..=3, channels in 1usize..4, in_h in 1usize..26, in_w in 1usize..26,
        n in 1usize..3, seed in any::<u64>(), ties in any::<bool>(),
    ) {
        let win = Window { kernel_size: k, stride: k, padding: 0, dilation: 1 };
        check_max_pool(channels, in_h, in_w, win, win, n, seed, ties)?;
    }

    #[test]
    fn dense_fast_matches_plain_loops(inputs in 1usize..40, outputs in 1usize..13, n in 1usize..6, seed in any::<u64>()) {
        let mut rnd = lcg(seed);
        let x: Vec<f32> = (0..n * inputs).map(|_| rnd()).collect();
        let w: Vec<f32> = (0..inputs * outputs).map(|_| rnd()).collect();
        let b: Vec<f32> = (0..outputs).map(|_| rnd()).collect();
        let dy: Vec<f32> = (0..n * outputs).map(|_| rnd()).collect();
        let mut y = vec![f32::NAN; n * outputs];
        dense_forward(inputs, outputs, &x, n, &w, &b, &mut y);
        let mut dw = vec![0.0; w.len()];
        let mut db = vec![0.0; outputs];
        let mut dx = vec![f32::NAN; x.len()];
        let mut scratch = DenseScratch::default();
        dense_backward(inputs, outputs, &x, &dy, n, &w, &mut dw, &mut db, Some(&mut dx), &mut scratch);

        let (mut ye, mut ys) = (vec![0.0f64; y.len()], vec![0.0f64; y.len()]);
        let (mut dwe, mut dws) = (vec![0.0f64; w.len()], vec![0.0f64; w.len()]);
        let (mut dbe, mut dbs) = (vec![0.0f64; outputs], vec![0.0f64; outputs]);
        let (mut dxe, mut dxs) = (vec![0.0f64; x.len()], vec![0.0f64; x.len()]);
        for item in 0..n {
            for o in 0..outputs {
                let g = f64::from(dy[item * outputs + o]);
                ye[item * outputs + o] += f64::from(b[o]);
                ys[item * outputs + o] += f64::from(b[o]).abs();
                dbe[o] += g;
                dbs[o] += g.abs();
                for i in 0..inputs {
                    let (xv, wv) = (f64::from(x[item * inputs + i]), f64::from(w[o * inputs + i]));
                    ye[item * outputs + o] += xv * wv;
                    ys[item * outputs + o] += (xv * wv).abs();
                    dwe[o * inputs + i] += g * xv;
                    dws[o * inputs + i] += (g * xv).abs();
                    dxe[item * inputs + i] += g * wv;
                    dxs[item * inputs + i] += (g * wv).abs();
                }
            }
        }
        close(&y, &ye, &ys)?;
        close(&dw, &dwe, &dws)?;
        close(&db, &dbe, &dbs)?;
        close(&dx, &dxe, &dxs)?;
    }
}

#[allow(clippy::too_many_arguments)]
fn check_max_pool(
    channels: usize,
    in_h: usize,
    in_w: usize,
    height: Window,
    width: Window,
    n: usize,
    seed: u64,
    ties: bool,
) -> Result<(), TestCaseError> {
    let Ok(shape) = PoolShape::new(channels, in_h, in_w, height, width) else {
        return Ok(());
    };
    let mut rnd = lcg(seed);
    // With `ties`, values are rounded to a few levels so that equal maxima happen often.
    let x: Vec<f32> = (0..n * shape.in_len())
        .map(|_| {
            let v = rnd();
            if ties { (v * 2.0).round() } else { v }
        })
        .collect();
    let dy: Vec<f32> = (0..n * shape.out_len()).map(|_| rnd()).collect();
    let mut y = vec![f32::NAN; n * shape.out_len()];
    let mut argmax = vec![0u32; n * shape.out_len()];
    max_pool_forward(&shape, &x, n, &mut y, &mut argmax);
    let mut values = vec![f32::NAN; y.len()];
    max_pool_forward_values(&shape, &x, n, &mut values);
    prop_assert_eq!(
        &values,
        &y,
        "inference maxima differ from the training pass"
    );
    let mut dx = vec![f32::NAN; x.len()];
    max_pool_backward(&shape, &dy, &argmax, n, &mut dx);

    let mut dx_exact = vec![0.0f32; x.len()];
    let mut cell = 0;
    for item in 0..n {
        for c in 0..channels {
            for oy in 0..shape.out_h {
                for ox in 0..shape.out_w {
                    let mut best: Option<(f32, usize)> = None;
                    for ky in 0..height.kernel_size {
                        for kx in 0..width.kernel_size {
                            let iy = (oy * height.stride + ky * height.dilation) as isize
                                - height.padding as isize;
                            let ix = (ox * width.stride + kx * width.dilation) as isize
                                - width.padding as isize;
                            if iy < 0 || ix < 0 || iy >= in_h as isize || ix >= in_w as isize {
                                continue;
                            }
                            let at = item * shape.in_len()
                                + (c * in_h + iy as usize) * in_w
                                + ix as usize;
                            if best.is_none_or(|(v, _)| x[at] > v) {
                                best = Some((x[at], at));
                            }
                        }
                    }
                    match best {
                        Some((v, at)) => {
                            prop_assert_eq!(y[cell], v);
                            dx_exact[at] += dy[cell];
                        }
                        None => prop_assert_eq!(y[cell], 0.0),
                    }
                    cell += 1;
                }
            }
        }
    }
    prop_assert_eq!(dx, dx_exact);
    Ok(())
}

// The oracles of the project: the fast path against `conv2d_reference` and `pool2d_reference` themselves.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn conv_fast_matches_conv2d_reference(
        in_channels in 1usize..4, in_h in 1usize..12, in_w in 1usize..12, out_channels in 1usize..6,
        height in window(), width in window(), seed in any::<u64>(),
    ) {
        use crate::conv::{ConvConfig, ConvMode, conv2d_reference};
        use crate::tensor::{Shape, Tensor};
        let Ok(shape) = ConvShape::new(in_channels, in_h, in_w, out_channels, height, width) else {
            return Ok(());
        };
        let mut rnd = lcg(seed);
        let input = Tensor::from_fn(Shape::new(in_channels, in_h, in_w), |_, _, _| rnd()).unwrap();
        let w: Vec<f32> = (0..shape.weights_len()).map(|_| rnd()).collect();
        let b: Vec<f32> = (0..out_channels).map(|_| rnd()).collect();
        let config = ConvConfig { in_channels, out_channels, height, width };
        let reference = conv2d_reference(&input, &config, &w, &b, ConvMode::CrossCorrelation).unwrap();
        let mut y = vec![f32::NAN; shape.out_len()];
        conv2d_forward(&shape, input.data(), 1, &w, &b, &mut y, &mut ConvScratch::default());
        // Both sum in f32 in different orders: |Δ| ≤ 1e-5·(1 + Σ|terms|) ≤ 1e-5·(1 + K + 1) with |x|, |w| ≤ 1.
        let bound = 1e-5 * (2.0 + shape.patch_len() as f32);
        for (f, r) in y.iter().zip(reference.data()) {
            prop_assert!((f - r).abs() <= bound, "fast {} vs reference {}", f, r);
        }
    }

    #[test]
    fn max_pool_fast_matches_pool2d_reference(
        channels in 1usize..4, in_h in 1usize..10, in_w in 1usize..10,
        height in window(), width in window(), seed in any::<u64>(),
    ) {
        use crate::pool::{PoolConfig, PoolKind, pool2d_reference};
        use crate::tensor::{Shape, Tensor};
        let Ok(shape) = PoolShape::new(channels, in_h, in_w, height, width) else { return Ok(()); };
        let config = PoolConfig { kind: PoolKind::Max, height, width };
        let mut rnd = lcg(seed);
        // Few distinct values, so that ties (the first maximum wins) are common.
        let input = Tensor::from_fn(Shape::new(channels, in_h, in_w), |_, _, _| (rnd() * 2.0).round()).unwrap();
        let Ok(reference) = pool2d_reference(&input, &config) else { return Ok(()); };
        let mut y = vec![f32::NAN; shape.out_len()];
        let mut argmax = vec![0u32; shape.out_len()];
        max_pool_forward(&shape, input.data(), 1, &mut y, &mut argmax);
        prop_assert_eq!(&y[..], reference.output.data());
        let mut values = vec![f32::NAN; shape.out_len()];
        max_pool_forward_values(&shape, input.data(), 1, &mut values);
        prop_assert_eq!(&values[..], reference.output.data());
        let expected: Vec<u32> = reference
            .argmax
            .iter()
            .map(|&(c, y, x)| ((c * in_h + y) * in_w + x) as u32)
            .collect();
        prop_assert_eq!(argmax, expected);
    }
}

/// A NaN in a window's first cell wins (nothing compares greater than NaN), elsewhere it loses: the same rule at
/// training (with winners) and at inference (maxima only), on every specialised path.
#[test]
fn max_pool_nan_rule_is_the_same_with_and_without_winners() {
    for (k, side) in [(2, 24), (3, 12), (2, 7), (3, 10)] {
        let win = Window {
            kernel_size: k,
            stride: k,
            padding: 0,
            dilation: 1,
        };
        let shape = PoolShape::new(2, side, side, win, win).unwrap();
        let mut rnd = lcg(k as u64);
        let mut x: Vec<f32> = (0..shape.in_len()).map(|_| rnd()).collect();
        for (i, v) in x.iter_mut().enumerate() {
            if i % 7 == 0 {
                *v = f32::NAN;
            }
        }
        let mut y = vec![0.0; shape.out_len()];
        let mut argmax = vec![0u32; shape.out_len()];
        max_pool_forward(&shape, &x, 1, &mut y, &mut argmax);
        let mut values = vec![0.0; shape.out_len()];
        max_pool_forward_values(&shape, &x, 1, &mut values);
        assert!(y.iter().any(|v| v.is_nan()) && y.iter().any(|v| !v.is_nan()));
        for (i, (a, b)) in values.iter().zip(&y).enumerate() {
            assert!(
                a == b || (a.is_nan() && b.is_nan()),
                "pool {k} on {side}: cell {i}: {a} vs {b}"
            );
        }
    }
}

proptest! {
    /// The four-lane sum (the convolution's bias gradient) equals the f64 sum to float rounding, for every length
    /// (whole 16-value steps and the remainder).
    #[test]
    fn simd_sum_matches_f64(values in prop::collection::vec(-100.0f32..100.0, 0..80)) {
        let exact: f64 = values.iter().map(|&v| f64::from(v)).sum();
        let scale: f64 = values.iter().map(|&v| f64::from(v).abs()).sum();
        let got = f64::from(super::simd::sum(&values));
        prop_assert!((got - exact).abs() <= 1e-6 * (1.0 + scale), "{} vs {}", got, exact);
    }
}
