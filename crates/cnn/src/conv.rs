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

pub use number_format::{format_number, format_operand, superscript};
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
pub(crate) mod tests;
