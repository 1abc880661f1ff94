//! The reference 2-D convolution: plain nested loops, and the step trace the animation replays.
//!
//! For an input X of C×H×W, filters W of K×C×kh×kw and a bias b of K numbers, output channel o at
//! (y, x) is
//!
//! ```text
//! out[o, y, x] = Σ_c ( Σ_ky Σ_kx  Xpad[c, y·Sh + ky·Dh, x·Sw + kx·Dw] · W[o, c, ky, kx] ) + b[o]
//! ```
//!
//! where Xpad is X surrounded by Ph rows and Pw columns of zeros (S = stride, D = dilation); the
//! output size per axis is [`crate::geometry`]'s ⌊(I + 2P − D·(F − 1) − 1)/S⌋ + 1.
//!
//! This is *cross-correlation*, what every CNN library computes and calls "convolution". True
//! convolution ([`ConvMode::Convolution`]) flips the kernel in both axes first:
//! W'[o, c, ky, kx] = W[o, c, kh − 1 − ky, kw − 1 − kx].
//!
//! The order of the additions is part of the contract: per input channel the products are added
//! in raster order (ky, then kx) starting from 0, taps in the padding included (they add 0·w); the
//! channel sums are then added in channel order starting from 0, and the bias last. The
//! [`conv2d_trace`] adds in exactly this order, so its `sum` equals the reference bit for bit.
//!
//! Here: the configuration and its checks, the reference and the kernel flip; the step trace the
//! animation replays is in [`trace`], the way the lecture writes a number in [`number_format`].

mod number_format;
mod trace;

pub use number_format::{format_number, format_operand};
pub use trace::{StepTrace, Tap, conv2d_trace, output_positions, raster_positions};

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::geometry::{Geometry2d, GeometryError, Window};
use crate::lang::{Lang, Localized};
use crate::tensor::{Shape, ShapeError, Tensor};

/// Largest number of input or output channels accepted (a typo guard, like `geometry::MAX_SIZE`).
pub const MAX_CHANNELS: usize = 1024;

/// The shape of a convolution layer: channels, and the window along each axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConvConfig {
    pub in_channels: usize,
    pub out_channels: usize,
    pub height: Window,
    pub width: Window,
}

impl ConvConfig {
    /// The same window along both axes.
    pub const fn square(in_channels: usize, out_channels: usize, window: Window) -> ConvConfig {
        ConvConfig {
            in_channels,
            out_channels,
            height: window,
            width: window,
        }
    }

    /// kh × kw.
    pub fn kernel_area(&self) -> usize {
        self.height
            .kernel_size
            .saturating_mul(self.width.kernel_size)
    }

    /// Numbers in one filter: in_channels · kh · kw (a row of the flattened kernel matrix).
    pub fn filter_len(&self) -> usize {
        self.in_channels.saturating_mul(self.kernel_area())
    }

    /// Numbers in all filters: out_channels · in_channels · kh · kw.
    pub fn weights_len(&self) -> usize {
        self.out_channels.saturating_mul(self.filter_len())
    }

    /// Index of W[o, c, ky, kx] in the row-major weights.
    #[inline]
    pub fn weight_index(&self, o: usize, c: usize, ky: usize, kx: usize) -> usize {
        ((o * self.in_channels + c) * self.height.kernel_size + ky) * self.width.kernel_size + kx
    }

    /// Output geometry for an input of `height × width`, with the channel counts checked too.
    pub fn geometry(&self, height: usize, width: usize) -> Result<Geometry2d, ConvError> {
        for (input, value) in [(true, self.in_channels), (false, self.out_channels)] {
            if value == 0 || value > MAX_CHANNELS {
                return Err(ConvError::ChannelCount {
                    input,
                    value,
                    max: MAX_CHANNELS,
                });
            }
        }
        Ok(Geometry2d::new(height, width, self.height, self.width)?)
    }

    /// out_channels × out_h × out_w for an input of `input`'s height and width.
    pub fn output_shape(&self, input: Shape) -> Result<Shape, ConvError> {
        let (h, w) = self.geometry(input.height, input.width)?.output();
        let shape = Shape::new(self.out_channels, h, w);
        shape.validate()?;
        Ok(shape)
    }

    /// Everything [`conv2d_reference`] checks before computing: geometry, channels, lengths.
    pub fn check(
        &self,
        input: Shape,
        weights_len: usize,
        bias_len: usize,
    ) -> Result<Geometry2d, ConvError> {
        let geometry = self.geometry(input.height, input.width)?;
        if input.channels != self.in_channels {
            return Err(ConvError::InputChannels {
                expected: self.in_channels,
                actual: input.channels,
            });
        }
        if weights_len != self.weights_len() {
            return Err(ConvError::WeightsLength {
                out_channels: self.out_channels,
                in_channels: self.in_channels,
                kernel_height: self.height.kernel_size,
                kernel_width: self.width.kernel_size,
                expected: self.weights_len(),
                actual: weights_len,
            });
        }
        if bias_len != self.out_channels {
            return Err(ConvError::BiasLength {
                expected: self.out_channels,
                actual: bias_len,
            });
        }
        let (h, w) = geometry.output();
        Shape::new(self.out_channels, h, w).validate()?;
        Ok(geometry)
    }
}

/// Cross-correlation (what CNN libraries compute) or true convolution (kernel flipped).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConvMode {
    #[default]
    CrossCorrelation,
    Convolution,
}

impl ConvMode {
    /// Which kernel cell (ky, kx) of the stored kernel multiplies the tap at kernel position
    /// (ky, kx): itself, or its mirror image through the centre.
    #[inline]
    pub fn source(self, ky: usize, kx: usize, kh: usize, kw: usize) -> (usize, usize) {
        match self {
            ConvMode::CrossCorrelation => (ky, kx),
            ConvMode::Convolution => (kh - 1 - ky, kw - 1 - kx),
        }
    }

    pub fn display_name(self, lang: Lang) -> &'static str {
        match self {
            ConvMode::CrossCorrelation => lang.pick("взаимная корреляция", "cross-correlation"),
            ConvMode::Convolution => {
                lang.pick("свёртка (ядро отражено)", "convolution (kernel flipped)")
            }
        }
    }
}

/// Every kernel flipped in both axes (rotated by 180°): W'[o, c, ky, kx] = W[o, c, kh−1−ky, kw−1−kx].
///
/// Cross-correlation with the flipped kernel is true convolution with the original one. Weights
/// of the wrong length are flipped per complete kh×kw kernel, the incomplete tail copied as is.
pub fn flip_kernel(config: &ConvConfig, weights: &[f32]) -> Vec<f32> {
    let area = config.kernel_area();
    let mut flipped = weights.to_vec();
    if area == 0 {
        return flipped;
    }
    // Reversing a row-major kh×kw block reverses both its rows and each row.
    for kernel in flipped.chunks_exact_mut(area) {
        kernel.reverse();
    }
    flipped
}

/// The value of the zero-padded input at padded coordinates, or `None` for a padding cell.
#[inline]
fn padded_value(
    input: &Tensor,
    c: usize,
    padded_y: usize,
    padded_x: usize,
    config: &ConvConfig,
) -> Option<f32> {
    let shape = input.shape();
    let y = padded_y.checked_sub(config.height.padding)?;
    let x = padded_x.checked_sub(config.width.padding)?;
    (y < shape.height && x < shape.width).then(|| input.get(c, y, x))
}

/// The plain nested-loop convolution — slow, obvious and the oracle for every faster version.
pub fn conv2d_reference(
    input: &Tensor,
    config: &ConvConfig,
    weights: &[f32],
    bias: &[f32],
    mode: ConvMode,
) -> Result<Tensor, ConvError> {
    let geometry = config.check(input.shape(), weights.len(), bias.len())?;
    let (out_h, out_w) = geometry.output();
    let (kh, kw) = (config.height.kernel_size, config.width.kernel_size);
    let mut output = Tensor::zeros(Shape::new(config.out_channels, out_h, out_w))?;
    for o in 0..config.out_channels {
        for oy in 0..out_h {
            for ox in 0..out_w {
                let mut sum = 0.0f32;
                for c in 0..config.in_channels {
                    let mut channel_sum = 0.0f32;
                    for ky in 0..kh {
                        for kx in 0..kw {
                            let py = oy * config.height.stride + ky * config.height.dilation;
                            let px = ox * config.width.stride + kx * config.width.dilation;
                            let value = padded_value(input, c, py, px, config).unwrap_or(0.0);
                            let (wy, wx) = mode.source(ky, kx, kh, kw);
                            channel_sum += value * weights[config.weight_index(o, c, wy, wx)];
                        }
                    }
                    sum += channel_sum;
                }
                output.set(o, oy, ox, sum + bias[o]);
            }
        }
    }
    Ok(output)
}

/// Why a convolution (or pooling) cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConvError {
    Geometry(GeometryError),
    Shape(ShapeError),
    /// `input` is true for in_channels, false for out_channels.
    ChannelCount {
        input: bool,
        value: usize,
        max: usize,
    },
    WeightsLength {
        out_channels: usize,
        in_channels: usize,
        kernel_height: usize,
        kernel_width: usize,
        expected: usize,
        actual: usize,
    },
    BiasLength {
        expected: usize,
        actual: usize,
    },
    /// The input tensor has another number of channels than the kernel.
    InputChannels {
        expected: usize,
        actual: usize,
    },
    /// A traced output position outside the output.
    Position {
        out_channel: usize,
        out_y: usize,
        out_x: usize,
        output: Shape,
    },
    /// A pooling window that covers padding only (it would have no value to take).
    WindowInPadding {
        height: bool,
        index: usize,
    },
}

impl From<GeometryError> for ConvError {
    fn from(e: GeometryError) -> Self {
        ConvError::Geometry(e)
    }
}

impl From<ShapeError> for ConvError {
    fn from(e: ShapeError) -> Self {
        ConvError::Shape(e)
    }
}

impl Localized for ConvError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ConvError::Geometry(e) => e.message(lang),
            ConvError::Shape(e) => e.message(lang),
            ConvError::ChannelCount { input, value, max } => {
                let what = match input {
                    true => lang.pick("входных каналов", "input channels"),
                    false => lang.pick("выходных каналов (фильтров)", "output channels (filters)"),
                };
                lang.pick(
                    format!("число {what} должно быть от 1 до {max}, а не {value}"),
                    format!("the number of {what} must be between 1 and {max}, not {value}"),
                )
            }
            ConvError::WeightsLength {
                out_channels,
                in_channels,
                kernel_height,
                kernel_width,
                expected,
                actual,
            } => lang.pick(
                format!(
                    "веса: нужно {expected} чисел (фильтров {out_channels} × каналов {in_channels} × ядро {kernel_height}×{kernel_width}), получено {actual}"
                ),
                format!(
                    "weights: need {expected} numbers ({out_channels} filters × {in_channels} channels × kernel {kernel_height}×{kernel_width}), got {actual}"
                ),
            ),
            ConvError::BiasLength { expected, actual } => lang.pick(
                format!("смещения: нужно по одному на фильтр, {expected}, получено {actual}"),
                format!("bias: need one per filter, {expected}, got {actual}"),
            ),
            ConvError::InputChannels { expected, actual } => lang.pick(
                format!("у входа каналов: {actual}, а ядро рассчитано на {expected}"),
                format!("the input has {actual} channel(s), but the kernel expects {expected}"),
            ),
            ConvError::Position {
                out_channel,
                out_y,
                out_x,
                output,
            } => lang.pick(
                format!(
                    "позиция (канал {out_channel}, y {out_y}, x {out_x}) вне выхода {output}"
                ),
                format!(
                    "position (channel {out_channel}, y {out_y}, x {out_x}) is outside the output {output}"
                ),
            ),
            ConvError::WindowInPadding { height, index } => {
                let dim = match height {
                    true => lang.pick("по высоте", "height"),
                    false => lang.pick("по ширине", "width"),
                };
                lang.pick(
                    format!("{dim}: окно {index} целиком лежит в дополнении — уменьшите дополнение"),
                    format!("{dim}: window {index} lies entirely in the padding — reduce the padding"),
                )
            }
        }
    }
}

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ConvError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConvError::Geometry(e) => Some(e),
            ConvError::Shape(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
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
        let err = conv2d_reference(&input, &config3, &[0.0; 27], &[0.0], ConvMode::default())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the input has 1 channel(s), but the kernel expects 3"
        );
        let big = single(Window::new(7, 1).with_padding(0));
        let err =
            conv2d_reference(&input, &big, &[0.0; 49], &[0.0], ConvMode::default()).unwrap_err();
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
                (Just(config), input, weights, bias).prop_map(
                    move |(config, input, weights, bias)| {
                        let input =
                            Tensor::new(Shape::new(config.in_channels, h, w), input).unwrap();
                        (config, input, weights, bias)
                    },
                )
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
}
