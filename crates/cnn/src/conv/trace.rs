//! The step trace of one output value: every tap the kernel visits, in the order the reference
//! adds them (channel, then ky, then kx; the bias last), so that the animation can write the
//! sum out term by term and its total equals [`super::conv2d_reference`] bit for bit:
//!
//! ```text
//! out[o, y, x] = Σ_c ( Σ_ky Σ_kx  Xpad[c, y·Sh + ky·Dh, x·Sw + kx·Dw] · W[o, c, ky, kx] ) + b[o]
//! ```

use serde::{Deserialize, Serialize};

use crate::tensor::{Shape, Tensor};

use super::number_format::{format_number, format_operand};
use super::{ConvConfig, ConvError, ConvMode, padded_value};

/// One input cell the kernel visits, and what it contributes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tap {
    pub channel: usize,
    /// Position in the kernel window (0-based, before dilation).
    pub ky: usize,
    pub kx: usize,
    /// Input coordinates; negative or ≥ size when the tap is in the padding.
    pub in_y: isize,
    pub in_x: isize,
    /// Coordinates on the padded grid (0 = first padding row/column).
    pub padded_y: usize,
    pub padded_x: usize,
    pub in_padding: bool,
    /// The input value (0 in the padding).
    pub input: f32,
    /// Which stored kernel cell supplied the weight: (ky, kx) itself, or its mirror for
    /// [`ConvMode::Convolution`].
    pub weight_ky: usize,
    pub weight_kx: usize,
    /// The weight used, after any flip.
    pub weight: f32,
    /// input · weight.
    pub product: f32,
}

/// Everything needed to write out one output value as a sum of products.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepTrace {
    pub out_channel: usize,
    pub out_y: usize,
    pub out_x: usize,
    /// In the order they are added: channel, then ky, then kx.
    pub taps: Vec<Tap>,
    /// Σ of the products of each input channel.
    pub channel_sums: Vec<f32>,
    pub bias: f32,
    /// Σ channel_sums + bias — equal to the reference output bit for bit.
    pub sum: f32,
}

impl StepTrace {
    /// The taps of one input channel.
    pub fn channel_taps(&self, channel: usize) -> impl Iterator<Item = &Tap> {
        self.taps.iter().filter(move |t| t.channel == channel)
    }

    /// The whole sum with the numbers filled in, e.g. `0·1 + 1·0 + … + 0 = 3`.
    ///
    /// Each term is `input·weight` (the weight after any flip); the bias is the last term. With
    /// several input channels each channel's products are grouped in square brackets:
    /// `[1·2 + 0·1] + [3·(−1) + 2·2] + 0.5 = 3.5`. Numbers follow [`format_number`]; negative
    /// operands are wrapped in parentheses, the result after `=` is not.
    pub fn written_sum(&self) -> String {
        let channels = self.channel_sums.len();
        let mut out = String::new();
        for c in 0..channels {
            let terms = products(self.channel_taps(c));
            if channels == 1 {
                out.push_str(&terms);
            } else {
                out.push('[');
                out.push_str(&terms);
                out.push(']');
            }
            out.push_str(" + ");
        }
        out.push_str(&format_operand(self.bias));
        out.push_str(" = ");
        out.push_str(&format_number(self.sum));
        out
    }

    /// One channel's partial sum written out, e.g. `1·2 + 0·1 + … = 4`.
    pub fn written_channel_sum(&self, channel: usize) -> String {
        let sum = self.channel_sums.get(channel).copied().unwrap_or(0.0);
        format!(
            "{} = {}",
            products(self.channel_taps(channel)),
            format_number(sum)
        )
    }
}

fn products<'a>(taps: impl Iterator<Item = &'a Tap>) -> String {
    taps.map(|t| format!("{}·{}", format_operand(t.input), format_operand(t.weight)))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The step trace of one output value: every tap in the order the reference adds them.
#[allow(clippy::too_many_arguments)] // the contract: the reference's arguments + the position
pub fn conv2d_trace(
    input: &Tensor,
    config: &ConvConfig,
    weights: &[f32],
    bias: &[f32],
    mode: ConvMode,
    out_channel: usize,
    out_y: usize,
    out_x: usize,
) -> Result<StepTrace, ConvError> {
    let geometry = config.check(input.shape(), weights.len(), bias.len())?;
    let (out_h, out_w) = geometry.output();
    if out_channel >= config.out_channels || out_y >= out_h || out_x >= out_w {
        return Err(ConvError::Position {
            out_channel,
            out_y,
            out_x,
            output: Shape::new(config.out_channels, out_h, out_w),
        });
    }
    let (kh, kw) = (config.height.kernel_size, config.width.kernel_size);
    let mut taps = Vec::with_capacity(config.filter_len());
    let mut channel_sums = Vec::with_capacity(config.in_channels);
    let mut sum = 0.0f32;
    for c in 0..config.in_channels {
        let mut channel_sum = 0.0f32;
        for ky in 0..kh {
            for kx in 0..kw {
                let padded_y = out_y * config.height.stride + ky * config.height.dilation;
                let padded_x = out_x * config.width.stride + kx * config.width.dilation;
                let value = padded_value(input, c, padded_y, padded_x, config);
                let (weight_ky, weight_kx) = mode.source(ky, kx, kh, kw);
                let weight = weights[config.weight_index(out_channel, c, weight_ky, weight_kx)];
                let input_value = value.unwrap_or(0.0);
                let product = input_value * weight;
                channel_sum += product;
                taps.push(Tap {
                    channel: c,
                    ky,
                    kx,
                    in_y: padded_y as isize - config.height.padding as isize,
                    in_x: padded_x as isize - config.width.padding as isize,
                    padded_y,
                    padded_x,
                    in_padding: value.is_none(),
                    input: input_value,
                    weight_ky,
                    weight_kx,
                    weight,
                    product,
                });
            }
        }
        sum += channel_sum;
        channel_sums.push(channel_sum);
    }
    let bias = bias[out_channel];
    Ok(StepTrace {
        out_channel,
        out_y,
        out_x,
        taps,
        channel_sums,
        bias,
        sum: sum + bias,
    })
}

/// Every (channel, y, x) of a shape in raster order: channel, then row, then column — the order
/// the animation visits output cells.
pub fn raster_positions(shape: Shape) -> Vec<(usize, usize, usize)> {
    let mut positions = Vec::with_capacity(shape.len());
    for c in 0..shape.channels {
        for y in 0..shape.height {
            for x in 0..shape.width {
                positions.push((c, y, x));
            }
        }
    }
    positions
}

/// The output positions of a convolution of `input` in raster order (see [`raster_positions`]).
pub fn output_positions(
    input: Shape,
    config: &ConvConfig,
) -> Result<Vec<(usize, usize, usize)>, ConvError> {
    Ok(raster_positions(config.output_shape(input)?))
}
