//! What the lab shows, computed by the core from a [`ConvState`]: the output-size geometry, the
//! feature maps, the step trace of the current output cell, the flipped kernel, and the
//! per-cell description of the padded input grid. The components only draw this.

use cnn::{
    ConvConfig, ConvError, Dim, Geometry2d, Shape, StepTrace, Tensor, conv2d_reference,
    conv2d_trace, flip_kernel,
};

use super::state::ConvState;

/// One cell of the padded input grid as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct PaddedCell {
    /// Input coordinates, `None` for a padding cell (always 0).
    pub source: Option<(usize, usize)>,
    pub value: f32,
    /// Inside the bounding box of the current (dilated) window.
    pub in_window: bool,
    /// The weight applied here, when the current window has a tap on this cell.
    pub tap_weight: Option<f32>,
    /// An input row or column that no window position ever reads.
    pub uncovered: bool,
}

/// Everything derived from the state.
#[derive(Clone, Debug, PartialEq)]
pub struct LabModel {
    pub config: ConvConfig,
    /// The output-size arithmetic, or the core's reason why the configuration is impossible.
    pub geometry: Result<Geometry2d, ConvError>,
    /// All feature maps (filters × H_out × W_out).
    pub output: Result<Tensor, ConvError>,
    /// The sum of products at the cursor.
    pub trace: Option<StepTrace>,
    /// Every kernel flipped by 180° (what true convolution multiplies with).
    pub flipped: Vec<f32>,
}

pub fn config(state: &ConvState) -> ConvConfig {
    ConvConfig {
        in_channels: state.channels,
        out_channels: state.filters,
        height: state.window(Dim::Height),
        width: state.window(Dim::Width),
    }
}

pub fn input_tensor(state: &ConvState) -> Result<Tensor, ConvError> {
    Ok(Tensor::new(
        Shape::new(state.channels, state.input_size.h, state.input_size.w),
        state.input.clone(),
    )?)
}

impl LabModel {
    pub fn new(state: &ConvState) -> LabModel {
        let config = config(state);
        let input = input_tensor(state);
        let mode = state.mode;
        let geometry = config.geometry(state.input_size.h, state.input_size.w);
        let output = input
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|input| conv2d_reference(input, &config, &state.weights, &state.bias, mode));
        let trace = match (&input, state.current()) {
            (Ok(input), Some((f, y, x))) => {
                conv2d_trace(input, &config, &state.weights, &state.bias, mode, f, y, x).ok()
            }
            _ => None,
        };
        LabModel {
            config,
            geometry,
            output,
            trace,
            flipped: flip_kernel(&config, &state.weights),
        }
    }

    /// The (H + 2Ph) × (W + 2Pw) grid of one input channel with the current window marked.
    pub fn padded_cells(&self, state: &ConvState, channel: usize) -> Vec<PaddedCell> {
        let (h, w) = (state.input_size.h, state.input_size.w);
        let (ph, pw) = (state.padding.h, state.padding.w);
        let (rows, cols) = (h + 2 * ph, w + 2 * pw);
        let mut cells: Vec<PaddedCell> = (0..rows * cols)
            .map(|i| {
                let (py, px) = (i / cols, i % cols);
                let source = py
                    .checked_sub(ph)
                    .zip(px.checked_sub(pw))
                    .filter(|&(y, x)| y < h && x < w);
                PaddedCell {
                    source,
                    value: source
                        .map_or(0.0, |(y, x)| state.input[state.input_index(channel, y, x)]),
                    in_window: false,
                    tap_weight: None,
                    uncovered: false,
                }
            })
            .collect();
        if let Ok(g) = &self.geometry {
            for cell in &mut cells {
                if let Some((y, x)) = cell.source {
                    cell.uncovered =
                        g.height.uncovered.contains(&y) || g.width.uncovered.contains(&x);
                }
            }
        }
        if let Some(trace) = &self.trace {
            let taps: Vec<_> = trace.channel_taps(channel).collect();
            if let (Some(first), Some(last)) = (taps.first(), taps.last()) {
                for py in first.padded_y..=last.padded_y.min(rows - 1) {
                    for px in first.padded_x..=last.padded_x.min(cols - 1) {
                        cells[py * cols + px].in_window = true;
                    }
                }
            }
            for tap in taps {
                if tap.padded_y < rows && tap.padded_x < cols {
                    cells[tap.padded_y * cols + tap.padded_x].tap_weight = Some(tap.weight);
                }
            }
        }
        cells
    }

    /// The value of feature map `filter` at (y, x), if computed.
    pub fn output_value(&self, filter: usize, y: usize, x: usize) -> Option<f32> {
        let output = self.output.as_ref().ok()?;
        let shape = output.shape();
        (filter < shape.channels && y < shape.height && x < shape.width)
            .then(|| output.get(filter, y, x))
    }

    /// The largest |value| of the feature maps (for colouring), at least 1.
    pub fn output_scale(&self) -> f32 {
        self.output
            .as_ref()
            .map(|o| o.data().iter().fold(1.0f32, |m, v| m.max(v.abs())))
            .unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playback::PlayerMsg;
    use crate::sections::conv::settings::Setting;
    use crate::sections::conv::state::Action;
    use cnn::ConvMode;

    fn set(s: &mut ConvState, setting: Setting, value: usize) {
        s.reduce(Action::Set {
            setting,
            axis: Dim::Height,
            value,
        });
    }

    #[test]
    fn lecture_feature_map() {
        let s = ConvState::default();
        let m = LabModel::new(&s);
        let out = m.output.unwrap();
        // The lecture's feature map, row by row (computed by hand: count the 1s under the
        // detector's three/four 1s).
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
        assert_eq!(
            m.trace.unwrap().written_sum(),
            "0·0 + 0·0 + 0·1 + 0·1 + 1·0 + 0·0 + 0·0 + 0·1 + 0·1 + 0 = 0"
        );
    }

    #[test]
    fn padded_grid_marks_window_taps_and_padding() {
        let mut s = ConvState::default();
        set(&mut s, Setting::Padding, 1);
        set(&mut s, Setting::Stride, 2);
        s.reduce(Action::Player(PlayerMsg::Step(3)));
        let m = LabModel::new(&s);
        // Output (0, 3): rows 0..3, columns 6..9 of the 9×9 padded grid.
        let cells = m.padded_cells(&s, 0);
        assert_eq!(cells.len(), 81);
        let window: Vec<usize> = (0..81).filter(|&i| cells[i].in_window).collect();
        assert_eq!(window, vec![6, 7, 8, 15, 16, 17, 24, 25, 26]);
        assert!(cells[0].source.is_none() && cells[8].source.is_none());
        assert_eq!(cells[10].source, Some((0, 0)));
        assert_eq!(cells[6].tap_weight, Some(0.0));
        assert_eq!(cells[8].tap_weight, Some(1.0));
        let trace = m.trace.unwrap();
        assert_eq!((trace.out_y, trace.out_x), (0, 3));
        assert!(trace.taps.iter().filter(|t| t.in_padding).count() == 5);
    }

    #[test]
    fn dilation_leaves_gaps_in_the_window() {
        let mut s = ConvState::default();
        set(&mut s, Setting::Dilation, 2);
        let m = LabModel::new(&s);
        let cells = m.padded_cells(&s, 0);
        // Window 0 spans 5×5 with taps at even offsets.
        assert_eq!(cells.iter().filter(|c| c.in_window).count(), 25);
        assert_eq!(cells.iter().filter(|c| c.tap_weight.is_some()).count(), 9);
        assert!(cells[1].in_window && cells[1].tap_weight.is_none());
    }

    #[test]
    fn uncovered_cells_and_impossible_configurations() {
        let mut s = ConvState::default();
        set(&mut s, Setting::Stride, 3);
        let m = LabModel::new(&s);
        // ⌊(7 − 3)/3⌋ + 1 = 2: row and column 6 are never read.
        let cells = m.padded_cells(&s, 0);
        assert!(cells[6].uncovered && cells[42].uncovered && !cells[0].uncovered);
        set(&mut s, Setting::Kernel, 7);
        set(&mut s, Setting::Dilation, 2);
        let m = LabModel::new(&s);
        assert!(m.trace.is_none());
        assert!(m.padded_cells(&s, 0).iter().all(|c| !c.in_window));
        let err = m.output.unwrap_err();
        assert_eq!(
            err.to_string(),
            "height: kernel 7 (dilated to 13) is larger than the padded input 7 (7 + 2·0)"
        );
    }

    #[test]
    fn rgb_trace_has_partial_sums_and_bias() {
        let mut s = ConvState::default();
        s.reduce(Action::SetChannels(3));
        let m = LabModel::new(&s);
        let t = m.trace.unwrap();
        assert_eq!(t.channel_sums.len(), 3);
        assert_eq!(t.bias, 1.0);
        assert_eq!(t.sum, t.channel_sums.iter().sum::<f32>() + 1.0);
        assert_eq!(m.output.unwrap().shape(), Shape::new(2, 5, 5));
        s.reduce(Action::SetMode(ConvMode::Convolution));
        let m = LabModel::new(&s);
        assert_eq!(&m.flipped[..3], &[-1., 0., 1.]);
    }

    #[test]
    fn a_cell_and_the_written_sum_write_a_number_alike() {
        use crate::components::grid_editor::{GridCell, cell_text};
        // One tap weighted 1/3 over an input 1: the kernel cell, the output cell and the sum all
        // write 0.333.
        let mut s = ConvState::default();
        set(&mut s, Setting::Kernel, 1);
        s.reduce(Action::SetWeight {
            filter: 0,
            channel: 0,
            y: 0,
            x: 0,
            value: 1.0 / 3.0,
        });
        s.reduce(Action::Player(PlayerMsg::Seek(8)));
        let m = LabModel::new(&s);
        let t = m.trace.clone().unwrap();
        assert_eq!((t.out_y, t.out_x), (1, 1), "the face's left eye");
        assert_eq!(t.written_sum(), "1·0.333 + 0 = 0.333");
        let cell = |value: f32| {
            cell_text(&GridCell {
                value: Some(value),
                ..GridCell::default()
            })
        };
        assert_eq!(cell(s.weights[0]), "0.333");
        assert_eq!(cell(m.output_value(0, 1, 1).unwrap()), "0.333");
        assert_eq!(cell(-2.0), "−2");
        assert_eq!(cell(3.0), "3");
    }
}
