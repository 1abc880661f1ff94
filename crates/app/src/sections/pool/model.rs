//! What the Pooling section shows, computed by the core from a [`PoolState`]: the output-size
//! geometry, the pooled map, the trace of the output cell under the cursor (its window, the
//! winner of a max), and for the backward view the gradient each input cell receives —
//! ∂L/∂x = Σ over the windows containing x of that window's share of ∂L/∂y (all of it to the
//! winner of a max, 1/(kh·kw) to every cell of an average). The components only draw this.

use cnn::pool::{PoolConfig, PoolTrace, pool2d_backward_reference, pool2d_reference, pool2d_trace};
use cnn::{ConvError, Geometry2d, Lang, Shape, Tensor, format_number};

use super::state::PoolState;
use crate::i18n::tr;

/// How one input cell is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InputCell {
    /// Inside the window of the output cell under the cursor.
    pub in_window: bool,
    /// The window's maximum (max pooling only).
    pub winner: bool,
    /// A row or column no window ever reads.
    pub uncovered: bool,
}

/// Everything derived from the state.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolModel {
    pub config: PoolConfig,
    /// The output-size arithmetic, or the core's reason why the window does not fit.
    pub geometry: Result<Geometry2d, ConvError>,
    /// The pooled map (1 × H_out × W_out).
    pub output: Result<Tensor, ConvError>,
    /// The computation of the output cell under the cursor.
    pub trace: Option<PoolTrace>,
    /// One entry per input cell, row-major.
    pub input_cells: Vec<InputCell>,
    /// The backward view (when open and the pooling is possible): the gradient of every input
    /// cell for the upstream gradient of the state.
    pub grad_input: Option<Result<Tensor, ConvError>>,
    /// The upstream gradient of the output cell under the cursor.
    pub current_grad: f32,
    /// Input cells (y, x) that receive a non-zero share of `current_grad`, with the share.
    pub shares: Vec<((usize, usize), f32)>,
}

fn tensor(h: usize, w: usize, data: Vec<f32>) -> Result<Tensor, ConvError> {
    Tensor::new(Shape::new(1, h, w), data).map_err(ConvError::Shape)
}

/// The largest |value| (at least 1), for tints.
pub fn scale(values: &[f32]) -> f32 {
    values.iter().fold(1.0f32, |m, v| m.max(v.abs()))
}

impl PoolModel {
    pub fn new(state: &PoolState) -> PoolModel {
        let config = state.config();
        let (h, w) = (state.input_size.h, state.input_size.w);
        let input = tensor(h, w, state.input.clone());
        let pooled = input
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|input| pool2d_reference(input, &config));
        let trace = match (&input, state.current()) {
            (Ok(input), Some((y, x))) => pool2d_trace(input, &config, 0, y, x).ok(),
            _ => None,
        };
        let geometry = state.geometry();
        let input_cells = (0..h * w)
            .map(|i| {
                let (y, x) = ((i / w) as isize, (i % w) as isize);
                let k = trace
                    .as_ref()
                    .and_then(|t| t.cells.iter().position(|c| (c.in_y, c.in_x) == (y, x)));
                InputCell {
                    in_window: k.is_some(),
                    winner: k.is_some() && trace.as_ref().is_some_and(|t| t.winner == k),
                    uncovered: geometry.as_ref().is_ok_and(|g| {
                        g.height.uncovered.contains(&(i / w))
                            || g.width.uncovered.contains(&(i % w))
                    }),
                }
            })
            .collect();
        let output = pooled.map(|p| p.output);
        let grad_input = match (&input, &output) {
            (Ok(input), Ok(out)) if state.backward => {
                let shape = out.shape();
                Some(
                    tensor(shape.height, shape.width, state.grad.clone())
                        .and_then(|g| pool2d_backward_reference(input, &config, &g)),
                )
            }
            _ => None,
        };
        let ow = output.as_ref().map_or(0, |o| o.shape().width);
        let current_grad = trace
            .as_ref()
            .and_then(|t| state.grad.get(t.out_y * ow + t.out_x).copied())
            .unwrap_or(0.0);
        let shares = trace
            .as_ref()
            .map(|t| {
                t.cells
                    .iter()
                    .zip(t.gradient_shares(current_grad))
                    .filter(|(c, share)| !c.in_padding && *share != 0.0)
                    .map(|(c, share)| ((c.in_y as usize, c.in_x as usize), share))
                    .collect()
            })
            .unwrap_or_default();
        PoolModel {
            config,
            geometry,
            output,
            trace,
            input_cells,
            grad_input,
            current_grad,
            shares,
        }
    }

    /// Where the current output's gradient goes, in words: all of it to the winner of a max,
    /// an equal share to every cell of an average window.
    pub fn backward_explanation(&self, lang: Lang) -> Option<String> {
        let t = self.trace.as_ref()?;
        let g = self.current_grad;
        Some(match t.winner {
            Some(k) => format!(
                "{} [{}, {}] = {} {} [{}, {}] {}",
                tr(lang, "pool.back.max1"),
                t.out_y + 1,
                t.out_x + 1,
                format_number(g),
                tr(lang, "pool.back.max2"),
                t.cells[k].in_y + 1,
                t.cells[k].in_x + 1,
                tr(lang, "pool.back.max3"),
            ),
            None => format!(
                "{} [{}, {}] = {} {} {} {}: {} / {} = {}",
                tr(lang, "pool.back.avg1"),
                t.out_y + 1,
                t.out_x + 1,
                format_number(g),
                tr(lang, "pool.back.avg2"),
                t.divisor,
                tr(lang, "pool.back.avg3"),
                format_number(g),
                t.divisor,
                format_number(g / t.divisor as f32),
            ),
        })
    }

    /// The share of the current output's gradient that input cell (y, x) receives, if any.
    pub fn share(&self, y: usize, x: usize) -> Option<f32> {
        self.shares
            .iter()
            .find(|(at, _)| *at == (y, x))
            .map(|(_, share)| *share)
    }
}

#[cfg(test)]
mod tests {
    use cnn::Dim;
    use cnn::pool::PoolKind;

    use super::*;
    use crate::playback::PlayerMsg;
    use crate::sections::pool::state::{PoolAction, PoolSetting};

    #[test]
    fn the_lecture_max_pooling_and_its_first_window() {
        let s = PoolState::default();
        let m = PoolModel::new(&s);
        // 2×2 max pooling with stride 2 of the lecture's 4×4 input.
        assert_eq!(m.output.as_ref().unwrap().data(), &[6., 8., 3., 4.]);
        let t = m.trace.as_ref().unwrap();
        assert_eq!(t.written(), "max(1, 1, 5, 6) = 6");
        let window: Vec<usize> = (0..16).filter(|&i| m.input_cells[i].in_window).collect();
        assert_eq!(window, vec![0, 1, 4, 5]);
        let winners: Vec<usize> = (0..16).filter(|&i| m.input_cells[i].winner).collect();
        assert_eq!(winners, vec![5], "6 at row 2, column 2");
        assert!(m.input_cells.iter().all(|c| !c.uncovered));
        assert_eq!(m.grad_input, None, "the backward view is closed");
    }

    #[test]
    fn backward_max_sends_the_gradient_to_the_winner() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::SetBackward(true));
        s.reduce(PoolAction::Player(PlayerMsg::Seek(1)));
        let m = PoolModel::new(&s);
        // Upstream gradient 1, 2, 3, 4: each goes to its window's maximum (6, 8, 3, 4).
        let gi = m.grad_input.clone().unwrap().unwrap();
        assert_eq!(
            gi.data(),
            &[
                0., 0., 0., 0., 0., 1., 0., 2., 3., 0., 0., 0., 0., 0., 0., 4.
            ]
        );
        assert_eq!(m.current_grad, 2.0);
        assert_eq!(m.shares, vec![((1, 3), 2.0)]);
        assert_eq!(m.share(1, 3), Some(2.0));
        assert_eq!(m.share(0, 0), None);
        let en = m.backward_explanation(Lang::En).unwrap();
        assert!(en.contains("[1, 2] = 2") && en.contains("[2, 4]"), "{en}");
        let ru = m.backward_explanation(Lang::Ru).unwrap();
        assert_ne!(ru, en);
    }

    #[test]
    fn backward_average_shares_equally_and_uncovered_cells() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::SetKind(PoolKind::Average));
        s.reduce(PoolAction::SetBackward(true));
        let m = PoolModel::new(&s);
        assert_eq!(m.output.as_ref().unwrap().data(), &[3.25, 5.25, 2., 2.]);
        assert_eq!(m.shares.len(), 4);
        assert!(m.shares.iter().all(|&(_, share)| share == 0.25));
        assert!(m.input_cells.iter().all(|c| !c.winner));
        let en = m.backward_explanation(Lang::En).unwrap();
        assert!(en.ends_with("1 / 4 = 0.25"), "{en}");
        // Window 3, stride 2 on 4 cells: ⌊(4 − 3)/2⌋ + 1 = 1, the last row and column unread.
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Window,
            axis: Dim::Height,
            value: 3,
        });
        let m = PoolModel::new(&s);
        assert!(m.input_cells[3].uncovered && m.input_cells[12].uncovered);
        assert!(!m.input_cells[0].uncovered);
    }

    #[test]
    fn an_impossible_window_has_an_error_and_nothing_to_trace() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::SetBackward(true));
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Window,
            axis: Dim::Height,
            value: 4,
        });
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Input,
            axis: Dim::Height,
            value: 3,
        });
        let m = PoolModel::new(&s);
        assert!(m.geometry.is_err() && m.output.is_err());
        assert_eq!(m.trace, None);
        assert_eq!(m.grad_input, None);
        assert!(m.shares.is_empty());
        assert!(m.input_cells.iter().all(|c| !c.in_window));
    }
}
