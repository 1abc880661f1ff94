use super::*;
use proptest::prelude::*;

fn single(window: Window) -> ConvConfig {
    ConvConfig::square(1, 1, window)
}

/// The lecture's 7×7 binary "input image" (a smiley) and its 3×3 "feature detector".
fn lecture_image() -> Tensor {
    Tensor::from_rows(&[
        &[0., 0., 0., 0., 0., 0., 0.],
        &[0., 1., 0., 0., 0., 1., 0.],
        &[0., 0., 0., 0., 0., 0., 0.],
        &[0., 0., 0., 1., 0., 0., 0.],
        &[0., 1., 0., 0., 0., 1., 0.],
        &[0., 0., 1., 1., 1., 0., 0.],
        &[0., 0., 0., 0., 0., 0., 0.],
    ])
    .unwrap()
}

const DETECTOR: [f32; 9] = [0., 0., 1., 1., 0., 0., 0., 1., 1.];

#[test]
fn lecture_feature_map_7x7_with_3x3_detector() {
    // By hand: the detector has ones at (0,2), (1,0), (2,1), (2,2), so
    // out[y][x] = X[y][x+2] + X[y+1][x] + X[y+2][x+1] + X[y+2][x+2]. For example
    //   out[3][1] = X[3][3] + X[4][1] + X[5][2] + X[5][3] = 1 + 1 + 1 + 1 = 4,
    //   out[2][3] = X[2][5] + X[3][3] + X[4][4] + X[4][5] = 0 + 1 + 0 + 1 = 2,
    //   out[0][1] = X[0][3] + X[1][1] + X[2][2] + X[2][3] = 0 + 1 + 0 + 0 = 1,
    //   out[2][2] = X[2][4] + X[3][2] + X[4][3] + X[4][4] = 0 + 0 + 0 + 0 = 0,
    // and so on for all 25 cells; the pure-Python script of the next test printed the same map.
    let config = single(Window::new(3, 1));
    let out = conv2d_reference(
        &lecture_image(),
        &config,
        &DETECTOR,
        &[0.0],
        ConvMode::default(),
    )
    .unwrap();
    assert_eq!(out.shape(), Shape::new(1, 5, 5));
    assert_eq!(
        out.rows(0),
        vec![
            vec![0., 1., 0., 0., 0.],
            vec![0., 1., 1., 1., 0.],
            vec![1., 0., 0., 2., 1.],
            vec![1., 4., 2., 1., 0.],
            vec![0., 0., 1., 2., 1.],
        ]
    );
    let trace = conv2d_trace(
        &lecture_image(),
        &config,
        &DETECTOR,
        &[0.0],
        ConvMode::default(),
        0,
        3,
        1,
    )
    .unwrap();
    assert_eq!(trace.sum, 4.0);
    assert_eq!(
        trace.written_sum(),
        "0·0 + 0·0 + 1·1 + 1·1 + 0·0 + 0·0 + 0·0 + 1·1 + 1·1 + 0 = 4"
    );
    assert_eq!(trace.taps[2].in_y, 3);
    assert_eq!(trace.taps[2].in_x, 3);
    assert!(trace.taps.iter().all(|t| !t.in_padding));
}

/// Input 0..25 as a 5×5 grid, kernel 1..9 as 3×3: small integers, so every result is exact in f32.
fn ramp5() -> Tensor {
    Tensor::from_fn(Shape::new(1, 5, 5), |_, y, x| (y * 5 + x) as f32).unwrap()
}
const RAMP_KERNEL: [f32; 9] = [1., 2., 3., 4., 5., 6., 7., 8., 9.];

#[test]
fn padding_stride_dilation_against_an_independent_script() {
    // Expected values from a short pure-Python script (no numpy here), written independently
    // of this crate: pad the list-of-lists with zeros, then
    //   out[i][j] = sum(xp[i*s + ky*d][j*s + kx*d] * k[ky][kx] for ky in 0..3 for kx in 0..3)
    // X = [[5*y + x for x in range(5)] for y in range(5)], k = [[1,2,3],[4,5,6],[7,8,9]].
    let cases: [(Window, Vec<Vec<f32>>); 4] = [
        // pad 1, stride 1 → 5×5 ("same" convolution).
        (
            Window::new(3, 1).with_padding(1),
            vec![
                vec![100., 163., 202., 241., 160.],
                vec![243., 366., 411., 456., 291.],
                vec![408., 591., 636., 681., 426.],
                vec![573., 816., 861., 906., 561.],
                vec![304., 415., 436., 457., 268.],
            ],
        ),
        // pad 1, stride 2 → ⌊(5 + 2 − 3)/2⌋ + 1 = 3.
        (
            Window::new(3, 2).with_padding(1),
            vec![
                vec![100., 202., 160.],
                vec![408., 636., 426.],
                vec![304., 436., 268.],
            ],
        ),
        // no padding, dilation 2: effective kernel 5 → 1×1, taps at the even rows/columns.
        (Window::new(3, 1).with_dilation(2), vec![vec![732.]]),
        // pad 2, stride 3, dilation 2 → ⌊(5 + 4 − 5)/3⌋ + 1 = 2.
        (
            Window::new(3, 3).with_padding(2).with_dilation(2),
            vec![vec![200., 200.], vec![208., 176.]],
        ),
    ];
    for (window, expected) in cases {
        let out = conv2d_reference(
            &ramp5(),
            &single(window),
            &RAMP_KERNEL,
            &[0.0],
            ConvMode::default(),
        )
        .unwrap();
        assert_eq!(out.rows(0), expected, "{window:?}");
    }
}

#[test]
fn true_convolution_flips_the_kernel() {
    // Convolution with k = cross-correlation with k rotated by 180°: [[9,8,7],[6,5,4],[3,2,1]].
    // Centre of the ramp, by hand: Σ X[1+ky][1+kx]·k'[ky][kx]
    //   = 6·9 + 7·8 + 8·7 + 11·6 + 12·5 + 13·4 + 16·3 + 17·2 + 18·1 = 444.
    let config = single(Window::new(3, 1));
    let flipped = flip_kernel(&config, &RAMP_KERNEL);
    assert_eq!(flipped, vec![9., 8., 7., 6., 5., 4., 3., 2., 1.]);
    let conv = conv2d_reference(
        &ramp5(),
        &config,
        &RAMP_KERNEL,
        &[0.0],
        ConvMode::Convolution,
    )
    .unwrap();
    let corr = conv2d_reference(
        &ramp5(),
        &config,
        &flipped,
        &[0.0],
        ConvMode::CrossCorrelation,
    )
    .unwrap();
    assert_eq!(conv, corr);
    assert_eq!(conv.get(0, 1, 1), 444.0);
    let trace = conv2d_trace(
        &ramp5(),
        &config,
        &RAMP_KERNEL,
        &[0.0],
        ConvMode::Convolution,
        0,
        1,
        1,
    )
    .unwrap();
    assert_eq!(
        (
            trace.taps[0].weight,
            trace.taps[0].weight_ky,
            trace.taps[0].weight_kx
        ),
        (9.0, 2, 2)
    );
    assert_eq!(trace.sum, 444.0);
}

#[test]
fn multichannel_sums_channels_then_bias() {
    // 2 input channels of 2×2, one 2×2 filter per channel, bias 0.5, computed by hand:
    // channel 0: 1·1 + 2·0 + 3·0 + 4·1 = 5; channel 1: 1·(−1) + 1·2 + 1·0 + 1·0.25 = 1.25;
    // 5 + 1.25 + 0.5 = 6.75.
    let input = Tensor::new(Shape::new(2, 2, 2), vec![1., 2., 3., 4., 1., 1., 1., 1.]).unwrap();
    let config = ConvConfig::square(2, 1, Window::new(2, 1));
    let weights = [1., 0., 0., 1., -1., 2., 0., 0.25];
    let out = conv2d_reference(&input, &config, &weights, &[0.5], ConvMode::default()).unwrap();
    assert_eq!(out.data(), &[6.75]);
    let trace = conv2d_trace(
        &input,
        &config,
        &weights,
        &[0.5],
        ConvMode::default(),
        0,
        0,
        0,
    )
    .unwrap();
    assert_eq!(trace.channel_sums, vec![5.0, 1.25]);
    assert_eq!(
        trace.written_sum(),
        "[1·1 + 2·0 + 3·0 + 4·1] + [1·(−1) + 1·2 + 1·0 + 1·0.25] + 0.5 = 6.75"
    );
    assert_eq!(
        trace.written_channel_sum(1),
        "1·(−1) + 1·2 + 1·0 + 1·0.25 = 1.25"
    );
}

#[test]
fn trace_marks_padding_taps() {
    // Output (0,0) of the ramp with padding 1: the kernel's first row and column are in the
    // padding; only X[0..2][0..2] = 0, 1, 5, 6 are read, with weights 5, 6, 8, 9:
    // 0·5 + 1·6 + 5·8 + 6·9 = 100, the script's top-left value; with bias 28 → 128.
    let config = single(Window::new(3, 1).with_padding(1));
    let trace = conv2d_trace(
        &ramp5(),
        &config,
        &RAMP_KERNEL,
        &[28.0],
        ConvMode::default(),
        0,
        0,
        0,
    )
    .unwrap();
    let padding: Vec<bool> = trace.taps.iter().map(|t| t.in_padding).collect();
    assert_eq!(
        padding,
        [true, true, true, true, false, false, true, false, false]
    );
    assert_eq!((trace.taps[0].in_y, trace.taps[0].in_x), (-1, -1));
    assert_eq!((trace.taps[0].padded_y, trace.taps[0].padded_x), (0, 0));
    assert_eq!(trace.sum, 128.0);
    assert_eq!(
        trace.written_sum(),
        "0·1 + 0·2 + 0·3 + 0·4 + 0·5 + 1·6 + 0·7 + 5·8 + 6·9 + 28 = 128"
    );
}

#[test]
fn numbers_are_written_compactly() {
    assert_eq!(format_number(3.0), "3");
    assert_eq!(format_number(-3.0), "−3");
    assert_eq!(format_number(0.25), "0.25");
    assert_eq!(format_number(1.0 / 3.0), "0.333");
    assert_eq!(format_number(-2.0 / 3.0), "−0.667");
    assert_eq!(format_number(-0.0), "0");
    assert_eq!(format_number(-0.0001), "0");
    assert_eq!(format_number(1.9999), "2");
    assert_eq!(format_number(1e7), "10000000");
    assert_eq!(format_number(1e20), "1·10²⁰");
    assert_eq!(format_number(-3e38), "−3·10³⁸");
    assert_eq!(format_number(1.5e9), "1.5·10⁹");
    assert_eq!(format_number(f32::MAX), "3.403·10³⁸");
    assert_eq!(format_operand(-0.5), "(−0.5)");
    assert_eq!(format_operand(0.5), "0.5");
}

#[test]
fn positions_are_listed_in_raster_order() {
    let config = ConvConfig::square(1, 2, Window::new(2, 1));
    let positions = output_positions(Shape::new(1, 2, 3), &config).unwrap();
    assert_eq!(positions, vec![(0, 0, 0), (0, 0, 1), (1, 0, 0), (1, 0, 1)]);
}

#[test]
fn errors_name_the_numbers() {
    let input = ramp5();
    let config = single(Window::new(3, 1));
    let err =
        conv2d_reference(&input, &config, &[1.0; 8], &[0.0], ConvMode::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "weights: need 9 numbers (1 filters × 1 channels × kernel 3×3), got 8"
    );
    assert!(err.message(Lang::Ru).contains("получено 8"));
    let err =
        conv2d_reference(&input, &config, &RAMP_KERNEL, &[], ConvMode::default()).unwrap_err();
    assert_eq!(err.to_string(), "bias: need one per filter, 1, got 0");
    let config3 = ConvConfig::square(3, 1, Window::new(3, 1));
    let err =
        conv2d_reference(&input, &config3, &[0.0; 27], &[0.0], ConvMode::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the input has 1 channel(s), but the kernel expects 3"
    );
    let big = single(Window::new(7, 1).with_padding(0));
    let err = conv2d_reference(&input, &big, &[0.0; 49], &[0.0], ConvMode::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "height: kernel 7 is larger than the padded input 5 (5 + 2·0)"
    );
    assert_eq!(
        err.message(Lang::Ru),
        "по высоте: ядро 7 больше входа с дополнением 5 (5 + 2·0)"
    );
    let err = conv2d_trace(
        &input,
        &config,
        &RAMP_KERNEL,
        &[0.0],
        ConvMode::default(),
        0,
        3,
        0,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "position (channel 0, y 3, x 0) is outside the output 3×3×1"
    );
    let zero = ConvConfig::square(1, 0, Window::new(3, 1));
    let err = conv2d_reference(&input, &zero, &[], &[], ConvMode::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the number of output channels (filters) must be between 1 and 1024, not 0"
    );
}

/// A random valid convolution: config, input, weights, bias.
pub(crate) fn arb_conv() -> impl Strategy<Value = (ConvConfig, Tensor, Vec<f32>, Vec<f32>)> {
    let axis = (1usize..9, 1usize..5, 1usize..4, 0usize..3, 1usize..3);
    (1usize..4, 1usize..4, axis.clone(), axis)
        .prop_filter_map(
            "kernel must fit",
            |(ci, co, (h, kh, sh, ph, dh), (w, kw, sw, pw, dw))| {
                let config = ConvConfig {
                    in_channels: ci,
                    out_channels: co,
                    height: Window::new(kh, sh).with_padding(ph).with_dilation(dh),
                    width: Window::new(kw, sw).with_padding(pw).with_dilation(dw),
                };
                config.geometry(h, w).ok().map(|_| (config, h, w))
            },
        )
        .prop_flat_map(|(config, h, w)| {
            let input = proptest::collection::vec(-4.0f32..4.0, config.in_channels * h * w);
            let weights = proptest::collection::vec(-2.0f32..2.0, config.weights_len());
            let bias = proptest::collection::vec(-1.0f32..1.0, config.out_channels);
            (Just(config), input, weights, bias).prop_map(move |(config, input, weights, bias)| {
                let input = Tensor::new(Shape::new(config.in_channels, h, w), input).unwrap();
                (config, input, weights, bias)
            })
        })
}

proptest! {
    #[test]
    fn output_shape_is_what_geometry_predicts((config, input, weights, bias) in arb_conv()) {
        let out = conv2d_reference(&input, &config, &weights, &bias, ConvMode::default()).unwrap();
        let s = input.shape();
        let predicted_h = (s.height + 2 * config.height.padding - config.height.effective_kernel()) / config.height.stride + 1;
        let predicted_w = (s.width + 2 * config.width.padding - config.width.effective_kernel()) / config.width.stride + 1;
        prop_assert_eq!(out.shape(), Shape::new(config.out_channels, predicted_h, predicted_w));
        prop_assert_eq!(out.shape(), config.output_shape(s).unwrap());
    }

    #[test]
    fn trace_sum_equals_reference_bit_for_bit((config, input, weights, bias) in arb_conv(), flip in any::<bool>()) {
        let mode = if flip { ConvMode::Convolution } else { ConvMode::CrossCorrelation };
        let out = conv2d_reference(&input, &config, &weights, &bias, mode).unwrap();
        for (c, y, x) in raster_positions(out.shape()) {
            let trace = conv2d_trace(&input, &config, &weights, &bias, mode, c, y, x).unwrap();
            prop_assert_eq!(trace.sum.to_bits(), out.get(c, y, x).to_bits());
            prop_assert_eq!(trace.taps.len(), config.filter_len());
            for tap in &trace.taps {
                prop_assert_eq!(tap.product.to_bits(), (tap.input * tap.weight).to_bits());
                if tap.in_padding {
                    prop_assert_eq!(tap.input, 0.0);
                } else {
                    prop_assert_eq!(tap.input, input.get(tap.channel, tap.in_y as usize, tap.in_x as usize));
                }
            }
        }
    }

    #[test]
    fn taps_read_exactly_the_rows_and_columns_geometry_calls_covered((config, input, weights, bias) in arb_conv()) {
        // The UI greys out geometry's `uncovered` rows/columns and highlights the trace's taps:
        // the two must agree.
        let s = input.shape();
        let geometry = config.geometry(s.height, s.width).unwrap();
        let mut rows_read = vec![false; s.height];
        let mut cols_read = vec![false; s.width];
        for (c, y, x) in output_positions(s, &config).unwrap() {
            let trace = conv2d_trace(&input, &config, &weights, &bias, ConvMode::default(), c, y, x).unwrap();
            // Per axis, as geometry counts: a row is read if some tap lands on it, whatever
            // its column (which may be padding).
            for tap in &trace.taps {
                if let Some(read) = usize::try_from(tap.in_y).ok().and_then(|y| rows_read.get_mut(y)) {
                    *read = true;
                }
                if let Some(read) = usize::try_from(tap.in_x).ok().and_then(|x| cols_read.get_mut(x)) {
                    *read = true;
                }
            }
        }
        let unread = |read: Vec<bool>| read.iter().enumerate().filter(|(_, r)| !**r).map(|(i, _)| i).collect::<Vec<_>>();
        prop_assert_eq!(unread(rows_read), geometry.height.uncovered);
        prop_assert_eq!(unread(cols_read), geometry.width.uncovered);
    }

    #[test]
    fn convolution_mode_equals_flipped_cross_correlation((config, input, weights, bias) in arb_conv()) {
        let conv = conv2d_reference(&input, &config, &weights, &bias, ConvMode::Convolution).unwrap();
        let flipped = flip_kernel(&config, &weights);
        let corr = conv2d_reference(&input, &config, &flipped, &bias, ConvMode::CrossCorrelation).unwrap();
        prop_assert_eq!(conv, corr);
        prop_assert_eq!(flip_kernel(&config, &flipped), weights);
    }
}
