//! Convolution as a matrix multiply ("im2col"), as libraries compute it.
//!
//! Every receptive field of the (zero-padded) input is unrolled into one row of the *patch
//! matrix* P, and every filter into one row of the *kernel matrix* K:
//!
//! ```text
//! P[r, j]  with r = y·out_w + x            (output positions in raster order)
//!               j = (c·kh + ky)·kw + kx    (channel, then kernel row, then kernel column)
//! P[r, j] = Xpad[c, y·Sh + ky·Dh, x·Sw + kx·Dw]        (0 in the padding)
//! K[o, j] = W[o, c, ky, kx]                            (flipped first for true convolution)
//! out[o, y, x] = Σ_j K[o, j] · P[r, j] + b[o]          i.e.  out = K·Pᵀ + b
//! ```
//!
//! The dot product adds the products in column order from 0 and the bias last; the reference adds
//! per channel first, so the two agree up to rounding (the tests bound the difference).

use serde::{Deserialize, Serialize};

use crate::conv::{ConvConfig, ConvError, ConvMode, flip_kernel};
use crate::tensor::{Batch, Shape, Tensor};

/// The unrolled receptive fields: one row per output position, one column per kernel tap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatchMatrix {
    /// out_h · out_w.
    pub rows: usize,
    /// in_channels · kh · kw.
    pub cols: usize,
    /// Row-major, rows × cols.
    pub data: Vec<f32>,
    pub out_height: usize,
    pub out_width: usize,
    pub kernel_height: usize,
    pub kernel_width: usize,
}

impl PatchMatrix {
    pub fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    pub fn get(&self, r: usize, j: usize) -> f32 {
        self.data[r * self.cols + j]
    }

    /// The output position (y, x) of row `r`.
    pub fn position(&self, r: usize) -> (usize, usize) {
        (r / self.out_width, r % self.out_width)
    }

    /// The row of output position (y, x).
    pub fn row_of(&self, y: usize, x: usize) -> usize {
        y * self.out_width + x
    }

    /// The kernel tap (channel, ky, kx) of column `j`.
    pub fn column(&self, j: usize) -> (usize, usize, usize) {
        let area = self.kernel_height * self.kernel_width;
        let within = j % area;
        (
            j / area,
            within / self.kernel_width,
            within % self.kernel_width,
        )
    }
}

/// The filters flattened into rows: out_channels × (in_channels · kh · kw).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KernelMatrix {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f32>,
}

impl KernelMatrix {
    pub fn row(&self, o: usize) -> &[f32] {
        &self.data[o * self.cols..(o + 1) * self.cols]
    }
}

/// Unrolls every receptive field of `input` into a row (see the module docs).
pub fn im2col(input: &Tensor, config: &ConvConfig) -> Result<PatchMatrix, ConvError> {
    let shape = input.shape();
    let geometry = config.geometry(shape.height, shape.width)?;
    if shape.channels != config.in_channels {
        return Err(ConvError::InputChannels {
            expected: config.in_channels,
            actual: shape.channels,
        });
    }
    let (out_h, out_w) = geometry.output();
    let (kh, kw) = (config.height.kernel_size, config.width.kernel_size);
    let rows = out_h * out_w;
    let cols = config.filter_len();
    // The patch matrix repeats each input value up to kh·kw times: refuse absurd sizes before
    // allocating, with the same limit as a tensor.
    Shape::new(1, rows, cols).validate()?;
    let mut data = Vec::with_capacity(rows * cols);
    for oy in 0..out_h {
        for ox in 0..out_w {
            for c in 0..config.in_channels {
                for ky in 0..kh {
                    for kx in 0..kw {
                        let py = oy * config.height.stride + ky * config.height.dilation;
                        let px = ox * config.width.stride + kx * config.width.dilation;
                        let y = py
                            .checked_sub(config.height.padding)
                            .filter(|&y| y < shape.height);
                        let x = px
                            .checked_sub(config.width.padding)
                            .filter(|&x| x < shape.width);
                        data.push(y.zip(x).map_or(0.0, |(y, x)| input.get(c, y, x)));
                    }
                }
            }
        }
    }
    Ok(PatchMatrix {
        rows,
        cols,
        data,
        out_height: out_h,
        out_width: out_w,
        kernel_height: kh,
        kernel_width: kw,
    })
}

/// The weights as a matrix, one filter per row, flipped first for [`ConvMode::Convolution`].
pub fn kernel_matrix(
    config: &ConvConfig,
    weights: &[f32],
    mode: ConvMode,
) -> Result<KernelMatrix, ConvError> {
    if weights.len() != config.weights_len() {
        return Err(ConvError::WeightsLength {
            out_channels: config.out_channels,
            in_channels: config.in_channels,
            kernel_height: config.height.kernel_size,
            kernel_width: config.width.kernel_size,
            expected: config.weights_len(),
            actual: weights.len(),
        });
    }
    // W is stored o, c, ky, kx row-major — already one filter per row in column order j.
    let data = match mode {
        ConvMode::CrossCorrelation => weights.to_vec(),
        ConvMode::Convolution => flip_kernel(config, weights),
    };
    Ok(KernelMatrix {
        rows: config.out_channels,
        cols: config.filter_len(),
        data,
    })
}

/// Σ_j a[j]·b[j], added left to right from 0.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sum = 0.0f32;
    for (x, y) in a.iter().zip(b) {
        sum += x * y;
    }
    sum
}

/// Convolution computed as K·Pᵀ + b; equals [`crate::conv::conv2d_reference`] up to rounding.
pub fn conv2d_im2col(
    input: &Tensor,
    config: &ConvConfig,
    weights: &[f32],
    bias: &[f32],
    mode: ConvMode,
) -> Result<Tensor, ConvError> {
    config.check(input.shape(), weights.len(), bias.len())?;
    let patches = im2col(input, config)?;
    let kernels = kernel_matrix(config, weights, mode)?;
    let mut output = Tensor::zeros(Shape::new(
        config.out_channels,
        patches.out_height,
        patches.out_width,
    ))?;
    let out = output.data_mut();
    for o in 0..kernels.rows {
        let filter = kernels.row(o);
        for r in 0..patches.rows {
            out[o * patches.rows + r] = dot(filter, patches.row(r)) + bias[o];
        }
    }
    Ok(output)
}

/// [`conv2d_im2col`] for every item of a batch.
pub fn conv2d_im2col_batch(
    input: &Batch,
    config: &ConvConfig,
    weights: &[f32],
    bias: &[f32],
    mode: ConvMode,
) -> Result<Batch, ConvError> {
    config.check(input.item_shape(), weights.len(), bias.len())?;
    let out_shape = config.output_shape(input.item_shape())?;
    let mut output = Batch::zeros(out_shape, input.len())?;
    for n in 0..input.len() {
        let item = conv2d_im2col(&input.tensor(n), config, weights, bias, mode)?;
        output.item_mut(n).copy_from_slice(item.data());
    }
    Ok(output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conv::{conv2d_reference, conv2d_trace, raster_positions};
    use crate::geometry::Window;
    use proptest::prelude::*;

    #[test]
    fn patch_matrix_of_a_padded_3x3() {
        // Input [[1,2,3],[4,5,6],[7,8,9]], 2×2 kernel, stride 2, padding 1 → (3+2−2)/2+1 = 2 per
        // axis. Receptive fields on the padded 5×5 grid, written out by hand:
        //   (0,0): [0,0 / 0,1]  (0,1): [0,0 / 2,3]  (1,0): [0,4 / 0,7]  (1,1): [5,6 / 8,9]
        let input = Tensor::from_rows(&[&[1., 2., 3.], &[4., 5., 6.], &[7., 8., 9.]]).unwrap();
        let config = ConvConfig::square(1, 1, Window::new(2, 2).with_padding(1));
        let p = im2col(&input, &config).unwrap();
        assert_eq!((p.rows, p.cols), (4, 4));
        assert_eq!(
            p.data,
            vec![
                0., 0., 0., 1., 0., 0., 2., 3., 0., 4., 0., 7., 5., 6., 8., 9.
            ]
        );
        assert_eq!(p.position(3), (1, 1));
        assert_eq!(p.row_of(1, 0), 2);
        // Kernel [[1,0],[0,−1]]: row (1,1) gives 5·1 + 6·0 + 8·0 + 9·(−1) = −4.
        let out = conv2d_im2col(
            &input,
            &config,
            &[1., 0., 0., -1.],
            &[0.],
            ConvMode::default(),
        )
        .unwrap();
        assert_eq!(out.rows(0), vec![vec![-1., -3.], vec![-7., -4.]]);
    }

    #[test]
    fn columns_are_channel_then_kernel_row_then_column() {
        let input =
            Tensor::from_fn(Shape::new(2, 3, 3), |c, y, x| (c * 100 + y * 10 + x) as f32).unwrap();
        let config = ConvConfig::square(2, 3, Window::new(2, 1));
        let p = im2col(&input, &config).unwrap();
        assert_eq!((p.rows, p.cols), (4, 8));
        assert_eq!(p.column(5), (1, 0, 1));
        // Row for output (1, 0): channel 0 cells (1,0),(1,1),(2,0),(2,1), then channel 1's.
        assert_eq!(p.row(2), &[10., 11., 20., 21., 110., 111., 120., 121.]);
        let k = kernel_matrix(
            &config,
            &(0..24).map(|v| v as f32).collect::<Vec<_>>(),
            ConvMode::Convolution,
        )
        .unwrap();
        assert_eq!((k.rows, k.cols), (3, 8));
        // Filter 0 = channel 0 [0,1,2,3] and channel 1 [4,5,6,7], each kernel reversed.
        assert_eq!(k.row(0), &[3., 2., 1., 0., 7., 6., 5., 4.]);
    }

    fn arb_conv() -> impl Strategy<Value = (ConvConfig, Tensor, Vec<f32>, Vec<f32>)> {
        crate::conv::tests::arb_conv()
    }

    proptest! {
        #[test]
        fn im2col_equals_the_reference((config, input, weights, bias) in arb_conv(), flip in any::<bool>()) {
            let mode = if flip { ConvMode::Convolution } else { ConvMode::CrossCorrelation };
            let fast = conv2d_im2col(&input, &config, &weights, &bias, mode).unwrap();
            let reference = conv2d_reference(&input, &config, &weights, &bias, mode).unwrap();
            prop_assert_eq!(fast.shape(), reference.shape());
            for (c, y, x) in raster_positions(fast.shape()) {
                // Both add the same n = C·kh·kw products (identical bits: the same x·w) and the
                // bias, only grouped differently. Each summation order is within γ_{n+1}·S of the
                // exact sum, S = Σ|products| + |bias|, γ_k ≈ k·u, u = 2⁻²⁴; so they differ by at
                // most 2(n+1)·u·S = (n+1)·ε·S with ε = f32::EPSILON = 2⁻²³.
                let trace = conv2d_trace(&input, &config, &weights, &bias, mode, c, y, x).unwrap();
                let magnitude: f32 = trace.taps.iter().map(|t| t.product.abs()).sum::<f32>() + trace.bias.abs();
                let tolerance = (trace.taps.len() + 1) as f32 * f32::EPSILON * magnitude;
                let (a, b) = (fast.get(c, y, x), reference.get(c, y, x));
                prop_assert!((a - b).abs() <= tolerance, "({}, {}, {}): {} vs {} (tolerance {})", c, y, x, a, b, tolerance);
            }
        }

        #[test]
        fn batch_equals_items_one_by_one((config, input, weights, bias) in arb_conv(), n in 1usize..4) {
            let items: Vec<Tensor> = (0..n).map(|i| {
                let mut t = input.clone();
                t.data_mut().iter_mut().for_each(|v| *v += i as f32);
                t
            }).collect();
            let batch = Batch::from_tensors(&items).unwrap();
            let out = conv2d_im2col_batch(&batch, &config, &weights, &bias, ConvMode::default()).unwrap();
            prop_assert_eq!(out.len(), n);
            for (i, item) in items.iter().enumerate() {
                let one = conv2d_im2col(item, &config, &weights, &bias, ConvMode::default()).unwrap();
                prop_assert_eq!(out.tensor(i), one);
            }
        }
    }
}
