//! The core's fast path as the browser runs it: WebAssembly SIMD128 (`core::arch::wasm32`: f32x4 multiply-adds,
//! shuffles, bitselect, pmax), which the native property tests in `cnn::fast` never execute (natively the same code is
//! plain `[f32; 4]`). Each case compares the fast kernels with plain loops in f64 (convolution forward, weight,
//! bias and input gradients) or with the reference pooling (values and winners, exactly), over the app's layer
//! sizes and a deterministic spread of random shapes, strides, paddings and dilations.
#![cfg(target_arch = "wasm32")]

use cnn::fast::{
    ConvScratch, ConvShape, PoolShape, conv2d_backward, conv2d_forward, max_pool_backward,
    max_pool_forward, max_pool_forward_values,
};
use cnn::{PoolConfig, PoolKind, Shape, Tensor, Window, pool2d_reference};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A small deterministic generator (values in [−1, 1)).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next() + 1.0) * 0.5 * n as f32) as usize % n
    }
}

fn window(kernel_size: usize, stride: usize, padding: usize, dilation: usize) -> Window {
    Window {
        kernel_size,
        stride,
        padding,
        dilation,
    }
}

/// |fast − exact| ≤ 1e-5·(1 + Σ|terms|): both sum the same products, in different orders and precisions.
fn assert_close(what: &str, fast: &[f32], exact: &[f64], scale: &[f64]) {
    assert_eq!(fast.len(), exact.len(), "{what}: length");
    for (i, ((&f, &e), &s)) in fast.iter().zip(exact).zip(scale).enumerate() {
        assert!(
            (f64::from(f) - e).abs() <= 1e-5 * (1.0 + s),
            "{what}[{i}]: fast {f} vs exact {e}"
        );
    }
}

/// Convolution forward and backward for `n` items against plain loops in f64.
#[allow(clippy::too_many_arguments)]
fn check_conv(
    case: &str,
    c: usize,
    h: usize,
    w: usize,
    o: usize,
    wy: Window,
    wx: Window,
    seed: u64,
) {
    let Ok(s) = ConvShape::new(c, h, w, o, wy, wx) else {
        return;
    };
    let n = 2;
    let mut rnd = Lcg(seed);
    let x: Vec<f32> = (0..n * s.in_len()).map(|_| rnd.next()).collect();
    let wt: Vec<f32> = (0..s.weights_len()).map(|_| rnd.next()).collect();
    let b: Vec<f32> = (0..o).map(|_| rnd.next()).collect();
    let dy: Vec<f32> = (0..n * s.out_len()).map(|_| rnd.next()).collect();
    let (kh, kw) = (wy.kernel_size, wx.kernel_size);

    let (mut y, mut y_scale) = (vec![0.0f64; dy.len()], vec![0.0f64; dy.len()]);
    let (mut dw, mut dw_scale) = (vec![0.0f64; wt.len()], vec![0.0f64; wt.len()]);
    let (mut dx, mut dx_scale) = (vec![0.0f64; x.len()], vec![0.0f64; x.len()]);
    let mut db = vec![0.0f64; o];
    for item in 0..n {
        for oc in 0..o {
            for oy in 0..s.out_h {
                for ox in 0..s.out_w {
                    let at = ((item * o + oc) * s.out_h + oy) * s.out_w + ox;
                    let g = f64::from(dy[at]);
                    y[at] = f64::from(b[oc]);
                    y_scale[at] = f64::from(b[oc]).abs();
                    db[oc] += g;
                    for ci in 0..c {
                        for ky in 0..kh {
                            for kx in 0..kw {
                                let iy = (oy * wy.stride + ky * wy.dilation) as isize
                                    - wy.padding as isize;
                                let ix = (ox * wx.stride + kx * wx.dilation) as isize
                                    - wx.padding as isize;
                                if iy < 0 || ix < 0 || iy >= h as isize || ix >= w as isize {
                                    continue;
                                }
                                let xi = ((item * c + ci) * h + iy as usize) * w + ix as usize;
                                let wi = ((oc * c + ci) * kh + ky) * kw + kx;
                                let (xv, wv) = (f64::from(x[xi]), f64::from(wt[wi]));
                                y[at] += xv * wv;
                                y_scale[at] += (xv * wv).abs();
                                dw[wi] += g * xv;
                                dw_scale[wi] += (g * xv).abs();
                                dx[xi] += g * wv;
                                dx_scale[xi] += (g * wv).abs();
                            }
                        }
                    }
                }
            }
        }
    }

    let mut scratch = ConvScratch::default();
    let mut y_fast = vec![f32::NAN; dy.len()];
    conv2d_forward(&s, &x, n, &wt, &b, &mut y_fast, &mut scratch);
    assert_close(&format!("{case} forward"), &y_fast, &y, &y_scale);
    let (mut dw_fast, mut db_fast, mut dx_fast) =
        (vec![0.0; wt.len()], vec![0.0; o], vec![f32::NAN; x.len()]);
    conv2d_backward(
        &s,
        &x,
        &dy,
        n,
        &wt,
        &mut dw_fast,
        &mut db_fast,
        Some(&mut dx_fast),
        &mut scratch,
    );
    assert_close(&format!("{case} weight gradient"), &dw_fast, &dw, &dw_scale);
    let db_scale: Vec<f64> = db
        .iter()
        .map(|v| v.abs() * 4.0 + s.out_len() as f64)
        .collect();
    assert_close(&format!("{case} bias gradient"), &db_fast, &db, &db_scale);
    assert_close(&format!("{case} input gradient"), &dx_fast, &dx, &dx_scale);
}

#[wasm_bindgen_test]
fn simd_convolution_matches_plain_loops_at_the_apps_sizes() {
    // (case, in_channels, in_h, in_w, out_channels, kernel, stride, padding, dilation): the ConvNetJS MNIST
    // net's two convolutions, the pretrained Draw net's second one, then the im2col (strided) and dilated paths.
    let cases = [
        ("conv1 24×24×1 → 8, 5×5 pad 2", 1, 24, 24, 8, 5, 1, 2, 1),
        ("conv2 12×12×8 → 16, 5×5 pad 2", 8, 12, 12, 16, 5, 1, 2, 1),
        ("12×12×16 → 32, 5×5 pad 2", 16, 12, 12, 32, 5, 1, 2, 1),
        ("stride 2", 3, 11, 9, 5, 3, 2, 1, 1),
        ("dilation 2", 2, 10, 13, 6, 3, 1, 2, 2),
    ];
    for (seed, (case, c, h, w, o, k, s, p, d)) in (1..).zip(cases) {
        check_conv(
            case,
            c,
            h,
            w,
            o,
            window(k, s, p, d),
            window(k, s, p, d),
            seed,
        );
    }
}

#[wasm_bindgen_test]
fn simd_convolution_matches_plain_loops_on_random_shapes() {
    let mut rnd = Lcg(2024);
    for case in 0..60 {
        let mut win = || {
            window(
                1 + rnd.below(5),
                1 + rnd.below(3),
                rnd.below(3),
                1 + rnd.below(2),
            )
        };
        let (wy, wx) = (win(), win());
        // Mostly stride 1 (the direct path every conv layer of the app takes).
        let (wy, wx) = if case % 3 == 0 {
            (wy, wx)
        } else {
            (Window { stride: 1, ..wy }, Window { stride: 1, ..wx })
        };
        let (c, h, w, o) = (
            1 + rnd.below(8),
            1 + rnd.below(16),
            1 + rnd.below(16),
            1 + rnd.below(22),
        );
        check_conv(
            &format!("random case {case}"),
            c,
            h,
            w,
            o,
            wy,
            wx,
            100 + case,
        );
    }
}

/// Max pooling values and winners, exactly as the reference (the first of equal maxima wins).
fn check_pool(case: &str, c: usize, h: usize, w: usize, wy: Window, wx: Window, seed: u64) {
    let Ok(shape) = PoolShape::new(c, h, w, wy, wx) else {
        return;
    };
    let mut rnd = Lcg(seed);
    // Few distinct values, so that ties happen often.
    let input = Tensor::from_fn(Shape::new(c, h, w), |_, _, _| (rnd.next() * 3.0).round()).unwrap();
    let config = PoolConfig {
        kind: PoolKind::Max,
        height: wy,
        width: wx,
    };
    let Ok(reference) = pool2d_reference(&input, &config) else {
        return;
    };
    let mut y = vec![f32::NAN; shape.out_len()];
    let mut argmax = vec![0u32; shape.out_len()];
    max_pool_forward(&shape, input.data(), 1, &mut y, &mut argmax);
    assert_eq!(&y[..], reference.output.data(), "{case}: values");
    let mut values = vec![f32::NAN; shape.out_len()];
    max_pool_forward_values(&shape, input.data(), 1, &mut values);
    assert_eq!(
        &values[..],
        reference.output.data(),
        "{case}: inference values (pmax)"
    );
    let expected: Vec<u32> = reference
        .argmax
        .iter()
        .map(|&(ch, yy, xx)| ((ch * h + yy) * w + xx) as u32)
        .collect();
    assert_eq!(argmax, expected, "{case}: winners");
    // Backward routes each output gradient to its winner.
    let dy: Vec<f32> = (0..shape.out_len()).map(|i| i as f32 + 1.0).collect();
    let mut dx = vec![f32::NAN; shape.in_len()];
    max_pool_backward(&shape, &dy, &argmax, 1, &mut dx);
    let mut dx_exact = vec![0.0f32; shape.in_len()];
    for (&g, &at) in dy.iter().zip(&expected) {
        dx_exact[at as usize] += g;
    }
    assert_eq!(dx, dx_exact, "{case}: input gradient");
}

#[wasm_bindgen_test]
fn simd_max_pooling_matches_the_reference() {
    // (case, channels, in_h, in_w, kernel, stride): the app's two poolings, an odd size, overlapping windows.
    let cases = [
        ("pool 2 on 24×24×8", 8, 24, 24, 2, 2),
        ("pool 3 on 12×12×16", 16, 12, 12, 3, 3),
        ("pool 2 on odd 25×23", 3, 25, 23, 2, 2),
        ("pool 3 stride 2 (overlapping)", 2, 17, 19, 3, 2),
    ];
    for (seed, (case, c, h, w, k, s)) in (1..).zip(cases) {
        check_pool(case, c, h, w, window(k, s, 0, 1), window(k, s, 0, 1), seed);
    }
    let mut rnd = Lcg(7);
    for case in 0..80 {
        let mut win = || {
            window(
                1 + rnd.below(4),
                1 + rnd.below(4),
                rnd.below(2),
                1 + rnd.below(2),
            )
        };
        let (wy, wx) = (win(), win());
        let (c, h, w) = (1 + rnd.below(4), 1 + rnd.below(26), 1 + rnd.below(26));
        check_pool(&format!("random case {case}"), c, h, w, wy, wx, 200 + case);
    }
}
