//! Reference 2-D pooling (max and average), its step trace and its backward pass.
//!
//! Each channel is pooled on its own. For a window of kh×kw taps with stride S, padding P and
//! dilation D, output (c, y, x) looks at the padded cells (y·Sh + ky·Dh, x·Sw + kx·Dw):
//!
//! ```text
//! max:      out[c, y, x] = max over the window's cells that are inside the input
//! average:  out[c, y, x] = (Σ over all kh·kw cells, padding counting as 0) / (kh·kw)
//! ```
//!
//! Decisions, all documented here because the layers (`MaxPool2d`, `AvgPool2d`) must agree:
//! - Max ignores padding cells (as if they were −∞), so padding never wins. Ties go to the
//!   first cell in raster order (row, then column — the order the window is scanned), because
//!   only a strictly larger value replaces the current winner.
//! - Average divides by the full window area kh·kw, padding cells included as zeros (PyTorch's
//!   default `count_include_pad = true`): it is exactly a convolution with a kernel of 1/(kh·kw).
//!   The sum is added in raster order from 0 and then divided once, by `kh·kw as f32`.
//! - A window lying entirely in the padding is refused ([`ConvError::WindowInPadding`]): it would
//!   have no input to take a maximum of.
//!
//! Backward, for an upstream gradient g of the output: max sends g[c, y, x] to its argmax only;
//! average sends g[c, y, x] / (kh·kw) to each of the window's cells inside the input (the share
//! of padding cells goes nowhere). Where windows overlap, contributions add up.

use serde::{Deserialize, Serialize};

use crate::conv::{ConvError, format_number, format_operand};
use crate::geometry::{Geometry2d, Window};
use crate::lang::Lang;
use crate::tensor::{Shape, ShapeError, Tensor};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolKind {
    #[default]
    Max,
    Average,
}

impl PoolKind {
    pub fn display_name(self, lang: Lang) -> &'static str {
        match self {
            PoolKind::Max => lang.pick("максимум (max pooling)", "max pooling"),
            PoolKind::Average => lang.pick("среднее (average pooling)", "average pooling"),
        }
    }
}

/// The window of a pooling layer along each axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PoolConfig {
    pub kind: PoolKind,
    pub height: Window,
    pub width: Window,
}

impl PoolConfig {
    /// The same window along both axes, e.g. the lecture's 2×2 with stride 2.
    pub const fn square(kind: PoolKind, window: Window) -> PoolConfig {
        PoolConfig {
            kind,
            height: window,
            width: window,
        }
    }

    /// kh · kw, the divisor of average pooling.
    pub fn window_area(&self) -> usize {
        self.height
            .kernel_size
            .saturating_mul(self.width.kernel_size)
    }

    /// Output geometry for an input of `height × width`; refuses windows lying in the padding only.
    pub fn geometry(&self, height: usize, width: usize) -> Result<Geometry2d, ConvError> {
        let geometry = Geometry2d::new(height, width, self.height, self.width)
            .map_err(|e| ConvError::Geometry(e.in_pooling()))?;
        for (is_height, axis) in [(true, &geometry.height), (false, &geometry.width)] {
            let w = axis.window;
            let reads_input = |o: usize| {
                (0..w.kernel_size).any(|k| {
                    let p = o * w.stride + k * w.dilation;
                    p >= w.padding && p - w.padding < axis.input
                })
            };
            if let Some(index) = (0..axis.output).find(|&o| !reads_input(o)) {
                return Err(ConvError::WindowInPadding {
                    height: is_height,
                    index,
                });
            }
        }
        Ok(geometry)
    }

    /// channels × out_h × out_w.
    pub fn output_shape(&self, input: Shape) -> Result<Shape, ConvError> {
        let (h, w) = self.geometry(input.height, input.width)?.output();
        let shape = Shape::new(input.channels, h, w);
        shape.validate()?;
        Ok(shape)
    }

    /// Input coordinates of tap (ky, kx) of window (out_y, out_x), or `None` in the padding;
    /// also returns the padded coordinates.
    fn tap(
        &self,
        input: Shape,
        out_y: usize,
        out_x: usize,
        ky: usize,
        kx: usize,
    ) -> (usize, usize, Option<(usize, usize)>) {
        let py = out_y * self.height.stride + ky * self.height.dilation;
        let px = out_x * self.width.stride + kx * self.width.dilation;
        let y = py
            .checked_sub(self.height.padding)
            .filter(|&y| y < input.height);
        let x = px
            .checked_sub(self.width.padding)
            .filter(|&x| x < input.width);
        (py, px, y.zip(x))
    }
}

/// Pooled values, and for max pooling where each came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolOutput {
    pub output: Tensor,
    /// Max only (empty for average): for each output element, in the output's C×H×W order, the
    /// input (c, y, x) that won its window.
    pub argmax: Vec<(usize, usize, usize)>,
    pub geometry: Geometry2d,
}

/// The plain nested-loop pooling — the oracle for the pooling layers.
pub fn pool2d_reference(input: &Tensor, config: &PoolConfig) -> Result<PoolOutput, ConvError> {
    let shape = input.shape();
    let geometry = config.geometry(shape.height, shape.width)?;
    let (out_h, out_w) = geometry.output();
    let mut output = Tensor::zeros(Shape::new(shape.channels, out_h, out_w))?;
    let mut argmax = Vec::new();
    let (kh, kw) = (config.height.kernel_size, config.width.kernel_size);
    for c in 0..shape.channels {
        for oy in 0..out_h {
            for ox in 0..out_w {
                let value = match config.kind {
                    PoolKind::Max => {
                        let mut best: Option<(f32, usize, usize)> = None;
                        for ky in 0..kh {
                            for kx in 0..kw {
                                if let (_, _, Some((y, x))) = config.tap(shape, oy, ox, ky, kx) {
                                    let v = input.get(c, y, x);
                                    // Strictly greater: on a tie the earlier cell stays the winner.
                                    if best.is_none_or(|(b, _, _)| v > b) {
                                        best = Some((v, y, x));
                                    }
                                }
                            }
                        }
                        // `geometry` guarantees every window holds at least one input cell.
                        let (v, y, x) = best.expect("window with no input cell");
                        argmax.push((c, y, x));
                        v
                    }
                    PoolKind::Average => {
                        let mut sum = 0.0f32;
                        for ky in 0..kh {
                            for kx in 0..kw {
                                // A padding cell adds 0, as the trace's written sum shows it.
                                let (_, _, at) = config.tap(shape, oy, ox, ky, kx);
                                sum += at.map_or(0.0, |(y, x)| input.get(c, y, x));
                            }
                        }
                        sum / config.window_area() as f32
                    }
                };
                output.set(c, oy, ox, value);
            }
        }
    }
    Ok(PoolOutput {
        output,
        argmax,
        geometry,
    })
}

/// One cell of a pooling window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolCell {
    pub ky: usize,
    pub kx: usize,
    /// Input coordinates; negative or ≥ size in the padding.
    pub in_y: isize,
    pub in_x: isize,
    pub padded_y: usize,
    pub padded_x: usize,
    pub in_padding: bool,
    /// The input value (0 in the padding).
    pub value: f32,
}

/// What one output cell of a pooling looked at and what it produced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolTrace {
    pub kind: PoolKind,
    pub channel: usize,
    pub out_y: usize,
    pub out_x: usize,
    /// The window's cells in raster order (ky, then kx).
    pub cells: Vec<PoolCell>,
    /// Max: index into `cells` of the winner (the argmax). `None` for average.
    pub winner: Option<usize>,
    /// Average: the divisor kh·kw. 1 for max.
    pub divisor: usize,
    /// Equal to the reference output bit for bit.
    pub result: f32,
}

impl PoolTrace {
    /// The computation written out: `max(1, 1, 5, 6) = 6` (padding cells left out) or
    /// `(1 + 1 + 5 + 6) / 4 = 3.25` (padding cells written as 0). Numbers as
    /// [`format_number`]; negative terms of a sum in parentheses.
    pub fn written(&self) -> String {
        match self.kind {
            PoolKind::Max => {
                let values: Vec<String> = self
                    .cells
                    .iter()
                    .filter(|c| !c.in_padding)
                    .map(|c| format_number(c.value))
                    .collect();
                format!(
                    "max({}) = {}",
                    values.join(", "),
                    format_number(self.result)
                )
            }
            PoolKind::Average => {
                let terms: Vec<String> =
                    self.cells.iter().map(|c| format_operand(c.value)).collect();
                format!(
                    "({}) / {} = {}",
                    terms.join(" + "),
                    self.divisor,
                    format_number(self.result)
                )
            }
        }
    }
}

impl PoolTrace {
    /// Where an upstream gradient `g` of this output goes, one share per cell of `cells` (the
    /// "backward" view): max gives all of `g` to the winner; average gives g/(kh·kw) to each cell
    /// inside the input and nothing to padding cells. Equals [`pool2d_backward_reference`] with
    /// `g` at this output and 0 elsewhere.
    pub fn gradient_shares(&self, g: f32) -> Vec<f32> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, cell)| match self.kind {
                PoolKind::Max if self.winner == Some(i) => g,
                PoolKind::Max => 0.0,
                PoolKind::Average if cell.in_padding => 0.0,
                PoolKind::Average => g / self.divisor as f32,
            })
            .collect()
    }
}

/// The cells, winner and result of output (channel, out_y, out_x).
pub fn pool2d_trace(
    input: &Tensor,
    config: &PoolConfig,
    channel: usize,
    out_y: usize,
    out_x: usize,
) -> Result<PoolTrace, ConvError> {
    let shape = input.shape();
    let (out_h, out_w) = config.geometry(shape.height, shape.width)?.output();
    if channel >= shape.channels || out_y >= out_h || out_x >= out_w {
        return Err(ConvError::Position {
            out_channel: channel,
            out_y,
            out_x,
            output: Shape::new(shape.channels, out_h, out_w),
        });
    }
    let mut cells = Vec::with_capacity(config.window_area());
    for ky in 0..config.height.kernel_size {
        for kx in 0..config.width.kernel_size {
            let (padded_y, padded_x, at) = config.tap(shape, out_y, out_x, ky, kx);
            cells.push(PoolCell {
                ky,
                kx,
                in_y: padded_y as isize - config.height.padding as isize,
                in_x: padded_x as isize - config.width.padding as isize,
                padded_y,
                padded_x,
                in_padding: at.is_none(),
                value: at.map_or(0.0, |(y, x)| input.get(channel, y, x)),
            });
        }
    }
    let (winner, divisor, result) = match config.kind {
        PoolKind::Max => {
            let mut best: Option<usize> = None;
            for (i, cell) in cells.iter().enumerate() {
                if !cell.in_padding && best.is_none_or(|b| cell.value > cells[b].value) {
                    best = Some(i);
                }
            }
            let best = best.expect("window with no input cell");
            (Some(best), 1, cells[best].value)
        }
        PoolKind::Average => {
            let mut sum = 0.0f32;
            for cell in &cells {
                sum += cell.value;
            }
            let area = config.window_area();
            (None, area, sum / area as f32)
        }
    };
    Ok(PoolTrace {
        kind: config.kind,
        channel,
        out_y,
        out_x,
        cells,
        winner,
        divisor,
        result,
    })
}

/// The gradient of the pooling's input, given the gradient of its output (see the module docs).
pub fn pool2d_backward_reference(
    input: &Tensor,
    config: &PoolConfig,
    grad_output: &Tensor,
) -> Result<Tensor, ConvError> {
    let forward = pool2d_reference(input, config)?;
    let expected = forward.output.shape();
    if grad_output.shape() != expected {
        return Err(ShapeError::Mismatch {
            expected,
            actual: grad_output.shape(),
        }
        .into());
    }
    let shape = input.shape();
    let mut grad_input = Tensor::zeros(shape)?;
    let (out_h, out_w) = forward.geometry.output();
    let area = config.window_area() as f32;
    for c in 0..shape.channels {
        for oy in 0..out_h {
            for ox in 0..out_w {
                let g = grad_output.get(c, oy, ox);
                match config.kind {
                    PoolKind::Max => {
                        let (_, y, x) = forward.argmax[expected.index(c, oy, ox)];
                        grad_input.set(c, y, x, grad_input.get(c, y, x) + g);
                    }
                    PoolKind::Average => {
                        for ky in 0..config.height.kernel_size {
                            for kx in 0..config.width.kernel_size {
                                if let (_, _, Some((y, x))) = config.tap(shape, oy, ox, ky, kx) {
                                    grad_input.set(c, y, x, grad_input.get(c, y, x) + g / area);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(grad_input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conv::{ConvConfig, ConvMode, conv2d_reference, raster_positions};
    use crate::lang::Localized;
    use proptest::prelude::*;

    fn lecture_4x4() -> Tensor {
        Tensor::from_rows(&[
            &[1., 1., 2., 4.],
            &[5., 6., 7., 8.],
            &[3., 2., 1., 0.],
            &[1., 2., 3., 4.],
        ])
        .unwrap()
    }

    #[test]
    fn lecture_2x2_stride_2_max_and_average() {
        // The lecture's slide: max of each 2×2 block → [[6, 8], [3, 4]].
        // Averages by hand: (1+1+5+6)/4 = 3.25, (2+4+7+8)/4 = 5.25, (3+2+1+2)/4 = 2, (1+0+3+4)/4 = 2.
        let max = PoolConfig::square(PoolKind::Max, Window::new(2, 2));
        let out = pool2d_reference(&lecture_4x4(), &max).unwrap();
        assert_eq!(out.output.rows(0), vec![vec![6., 8.], vec![3., 4.]]);
        assert_eq!(out.argmax, vec![(0, 1, 1), (0, 1, 3), (0, 2, 0), (0, 3, 3)]);
        let avg = PoolConfig::square(PoolKind::Average, Window::new(2, 2));
        let out = pool2d_reference(&lecture_4x4(), &avg).unwrap();
        assert_eq!(out.output.rows(0), vec![vec![3.25, 5.25], vec![2., 2.]]);
        assert!(out.argmax.is_empty());

        let trace = pool2d_trace(&lecture_4x4(), &max, 0, 0, 0).unwrap();
        assert_eq!(trace.written(), "max(1, 1, 5, 6) = 6");
        assert_eq!(trace.winner, Some(3));
        assert_eq!(trace.gradient_shares(2.0), vec![0., 0., 0., 2.]);
        let trace = pool2d_trace(&lecture_4x4(), &avg, 0, 0, 1).unwrap();
        assert_eq!(trace.written(), "(2 + 4 + 7 + 8) / 4 = 5.25");
        assert_eq!(trace.gradient_shares(2.0), vec![0.5; 4]);
    }

    #[test]
    fn lecture_backward_max_goes_to_argmax_average_spreads() {
        let upstream = Tensor::from_rows(&[&[1., 2.], &[3., 4.]]).unwrap();
        let max = PoolConfig::square(PoolKind::Max, Window::new(2, 2));
        let grad = pool2d_backward_reference(&lecture_4x4(), &max, &upstream).unwrap();
        assert_eq!(
            grad.rows(0),
            vec![
                vec![0., 0., 0., 0.],
                vec![0., 1., 0., 2.],
                vec![3., 0., 0., 0.],
                vec![0., 0., 0., 4.],
            ]
        );
        let avg = PoolConfig::square(PoolKind::Average, Window::new(2, 2));
        let grad = pool2d_backward_reference(&lecture_4x4(), &avg, &upstream).unwrap();
        assert_eq!(
            grad.rows(0),
            vec![
                vec![0.25, 0.25, 0.5, 0.5],
                vec![0.25, 0.25, 0.5, 0.5],
                vec![0.75, 0.75, 1., 1.],
                vec![0.75, 0.75, 1., 1.],
            ]
        );
    }

    #[test]
    fn ties_go_to_the_first_cell_in_raster_order() {
        let flat = Tensor::from_rows(&[&[7., 7.], &[7., 7.]]).unwrap();
        let max = PoolConfig::square(PoolKind::Max, Window::new(2, 2));
        assert_eq!(
            pool2d_reference(&flat, &max).unwrap().argmax,
            vec![(0, 0, 0)]
        );
        let late = Tensor::from_rows(&[&[1., 3.], &[3., 2.]]).unwrap();
        assert_eq!(
            pool2d_reference(&late, &max).unwrap().argmax,
            vec![(0, 0, 1)]
        );
        assert_eq!(pool2d_trace(&late, &max, 0, 0, 0).unwrap().winner, Some(1));
    }

    #[test]
    fn overlapping_windows_add_their_gradients() {
        // 2×2 windows with stride 1 over a 3×3 grid: the centre 9 wins all four windows.
        let input = Tensor::from_rows(&[&[1., 2., 3.], &[4., 9., 5.], &[6., 7., 8.]]).unwrap();
        let max = PoolConfig::square(PoolKind::Max, Window::new(2, 1));
        let out = pool2d_reference(&input, &max).unwrap();
        assert_eq!(out.output.rows(0), vec![vec![9., 9.], vec![9., 9.]]);
        let grad = pool2d_backward_reference(
            &input,
            &max,
            &Tensor::from_rows(&[&[1., 1.], &[1., 1.]]).unwrap(),
        )
        .unwrap();
        assert_eq!(
            grad.rows(0),
            vec![vec![0., 0., 0.], vec![0., 4., 0.], vec![0., 0., 0.]]
        );
    }

    #[test]
    fn padding_never_wins_max_and_counts_as_zero_in_average() {
        // 2×2 input, 2×2 windows, stride 2, padding 1: each window holds one input cell and three
        // padding cells. Max of negatives stays negative (padding is ignored); average divides by 4.
        let input = Tensor::from_rows(&[&[-1., 2.], &[3., -4.]]).unwrap();
        let window = Window::new(2, 2).with_padding(1);
        let max = pool2d_reference(&input, &PoolConfig::square(PoolKind::Max, window)).unwrap();
        assert_eq!(max.output.rows(0), vec![vec![-1., 2.], vec![3., -4.]]);
        let avg_config = PoolConfig::square(PoolKind::Average, window);
        let avg = pool2d_reference(&input, &avg_config).unwrap();
        assert_eq!(avg.output.rows(0), vec![vec![-0.25, 0.5], vec![0.75, -1.]]);
        let trace = pool2d_trace(&input, &avg_config, 0, 0, 0).unwrap();
        assert_eq!(trace.written(), "(0 + 0 + 0 + (−1)) / 4 = −0.25");
        let trace =
            pool2d_trace(&input, &PoolConfig::square(PoolKind::Max, window), 0, 1, 1).unwrap();
        assert_eq!(trace.written(), "max(−4) = −4");
        assert_eq!((trace.cells[0].in_y, trace.cells[0].padded_y), (1, 2));
        assert!(trace.cells[3].in_padding);
    }

    #[test]
    fn errors_explain_themselves() {
        let input = Tensor::from_rows(&[&[1., 2.], &[3., 4.]]).unwrap();
        let config = PoolConfig::square(PoolKind::Max, Window::new(2, 2).with_padding(2));
        let err = pool2d_reference(&input, &config).unwrap_err();
        assert_eq!(
            err.to_string(),
            "height: window 0 lies entirely in the padding — reduce the padding"
        );
        assert!(err.message(Lang::Ru).starts_with("по высоте: окно 0"));
        let config = PoolConfig::square(PoolKind::Max, Window::new(3, 1));
        let err = pool2d_reference(&input, &config).unwrap_err();
        assert_eq!(
            err.to_string(),
            "height: window 3 is larger than the padded input 2 (2 + 2·0)"
        );
        assert_eq!(
            err.message(Lang::Ru),
            "по высоте: окно 3 больше входа с дополнением 2 (2 + 2·0)"
        );
        let config = PoolConfig::square(PoolKind::Max, Window::new(0, 1));
        let err = pool2d_reference(&input, &config).unwrap_err();
        assert_eq!(err.to_string(), "height: window size must be at least 1");
        let config = PoolConfig::square(PoolKind::Max, Window::new(2, 2));
        let err = pool2d_backward_reference(&input, &config, &input).unwrap_err();
        assert_eq!(err.to_string(), "expected shape 1×1×1, got 2×2×1");
        let err = pool2d_trace(&input, &config, 0, 1, 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "position (channel 0, y 1, x 0) is outside the output 1×1×1"
        );
    }

    fn arb_pool() -> impl Strategy<Value = (PoolConfig, Tensor)> {
        let axis = (1usize..9, 1usize..4, 1usize..4, 0usize..2, 1usize..3);
        (
            prop_oneof![Just(PoolKind::Max), Just(PoolKind::Average)],
            1usize..4,
            axis.clone(),
            axis,
        )
            .prop_filter_map(
                "window must fit",
                |(kind, c, (h, kh, sh, ph, dh), (w, kw, sw, pw, dw))| {
                    let config = PoolConfig {
                        kind,
                        height: Window::new(kh, sh).with_padding(ph).with_dilation(dh),
                        width: Window::new(kw, sw).with_padding(pw).with_dilation(dw),
                    };
                    config
                        .geometry(h, w)
                        .ok()
                        .map(|_| (config, Shape::new(c, h, w)))
                },
            )
            .prop_flat_map(|(config, shape)| {
                // Small integers make ties frequent, which is what the argmax rule must survive.
                let values =
                    proptest::collection::vec((-3i32..4).prop_map(|v| v as f32), shape.len());
                (
                    Just(config),
                    values.prop_map(move |v| Tensor::new(shape, v).unwrap()),
                )
            })
    }

    proptest! {
        #[test]
        fn shape_and_trace_agree_with_reference((config, input) in arb_pool()) {
            let out = pool2d_reference(&input, &config).unwrap();
            let s = input.shape();
            let h = (s.height + 2 * config.height.padding - config.height.effective_kernel()) / config.height.stride + 1;
            let w = (s.width + 2 * config.width.padding - config.width.effective_kernel()) / config.width.stride + 1;
            prop_assert_eq!(out.output.shape(), Shape::new(s.channels, h, w));
            for (i, (c, y, x)) in raster_positions(out.output.shape()).into_iter().enumerate() {
                let trace = pool2d_trace(&input, &config, c, y, x).unwrap();
                prop_assert_eq!(trace.result.to_bits(), out.output.get(c, y, x).to_bits());
                if config.kind == PoolKind::Max {
                    let (ac, ay, ax) = out.argmax[i];
                    let winner = &trace.cells[trace.winner.unwrap()];
                    prop_assert_eq!((ac, ay as isize, ax as isize), (c, winner.in_y, winner.in_x));
                    prop_assert_eq!(input.get(ac, ay, ax), out.output.get(c, y, x));
                    // The winner is the first cell holding the maximum.
                    let first = trace.cells.iter().position(|cell| !cell.in_padding && cell.value == trace.result);
                    prop_assert_eq!(first, trace.winner);
                }
            }
        }

        #[test]
        fn gradient_shares_match_the_backward_pass((config, input) in arb_pool()) {
            let out = pool2d_reference(&input, &config).unwrap().output;
            for (c, y, x) in raster_positions(out.shape()) {
                let mut one_hot = Tensor::zeros(out.shape()).unwrap();
                one_hot.set(c, y, x, 1.5);
                let grad = pool2d_backward_reference(&input, &config, &one_hot).unwrap();
                let trace = pool2d_trace(&input, &config, c, y, x).unwrap();
                let mut expected = Tensor::zeros(input.shape()).unwrap();
                for (cell, share) in trace.cells.iter().zip(trace.gradient_shares(1.5)) {
                    if !cell.in_padding {
                        expected.set(c, cell.in_y as usize, cell.in_x as usize, share);
                    }
                }
                prop_assert_eq!(&grad, &expected);
            }
        }

        #[test]
        fn max_gradient_reaches_only_the_argmax((config, input) in arb_pool(), seed in 0u32..1000) {
            let config = PoolConfig { kind: PoolKind::Max, ..config };
            let out = pool2d_reference(&input, &config).unwrap();
            // Small integers as upstream gradients: their sums are exact in f32, so equality is exact.
            let grad_out = Tensor::from_fn(out.output.shape(), |c, y, x| {
                ((c * 7 + y * 3 + x + seed as usize) % 16) as f32 + 1.0
            }).unwrap();
            let grad = pool2d_backward_reference(&input, &config, &grad_out).unwrap();
            let mut expected = Tensor::zeros(input.shape()).unwrap();
            for (i, &(c, y, x)) in out.argmax.iter().enumerate() {
                expected.data_mut()[input.shape().index(c, y, x)] += grad_out.data()[i];
            }
            prop_assert_eq!(&grad, &expected);
            let total_in: f32 = grad.data().iter().sum();
            let total_out: f32 = grad_out.data().iter().sum();
            prop_assert_eq!(total_in, total_out);
        }

        #[test]
        fn average_pooling_is_a_convolution_with_a_constant_kernel((config, input) in arb_pool()) {
            let config = PoolConfig { kind: PoolKind::Average, ..config };
            let out = pool2d_reference(&input, &config).unwrap().output;
            let area = config.window_area();
            let conv = ConvConfig { in_channels: 1, out_channels: 1, height: config.height, width: config.width };
            let kernel = vec![1.0 / area as f32; area];
            for c in 0..input.shape().channels {
                let plane = Tensor::new(Shape::new(1, input.shape().height, input.shape().width), input.channel(c).to_vec()).unwrap();
                let expected = conv2d_reference(&plane, &conv, &kernel, &[0.0], ConvMode::default()).unwrap();
                // Σx/n versus Σ(x·(1/n)): at most ~area roundings of values ≤ 3 apart → 1e-5 is ample.
                for (a, b) in out.channel(c).iter().zip(expected.data()) {
                    prop_assert!((a - b).abs() <= 1e-5, "{} vs {}", a, b);
                }
            }
            // Backward spreads g/area to each input cell of the window: total = Σ g·(cells inside)/area.
            let grad_out = Tensor::from_fn(out.shape(), |_, _, _| 1.0).unwrap();
            let grad = pool2d_backward_reference(&input, &config, &grad_out).unwrap();
            let mut expected_total = 0.0f64;
            for (c, y, x) in raster_positions(out.shape()) {
                let trace = pool2d_trace(&input, &config, c, y, x).unwrap();
                expected_total += trace.cells.iter().filter(|cell| !cell.in_padding).count() as f64 / area as f64;
            }
            let total: f64 = grad.data().iter().map(|&g| g as f64).sum();
            prop_assert!((total - expected_total).abs() < 1e-4);
        }
    }
}
