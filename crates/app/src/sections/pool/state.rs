//! The Pooling section's state: the input grid, window and stride per axis, max or average, the
//! animation cursor, the backward view and its upstream gradient — one reducer, tested natively
//! (its URL form is in [`super::url`]). The cursor walks the output cells row by row.

use std::ops::RangeInclusive;
use std::rc::Rc;

use cnn::pool::{PoolConfig, PoolKind};
use cnn::{ConvError, Dim, Geometry2d, Window};
use yew::Reducible;

use crate::playback::{Playback, PlayerMsg};
use crate::query::SplitMix;
use crate::sections::conv::fit::fit_top_left;
use crate::sections::conv::settings::PerAxis;

pub const INPUT_SIZES: RangeInclusive<usize> = 2..=8;
pub const WINDOWS: RangeInclusive<usize> = 1..=4;
pub const STRIDES: RangeInclusive<usize> = 1..=4;

/// The lecture's 4×4 example: 2×2 max pooling with stride 2 gives [[6, 8], [3, 4]].
pub const LECTURE_INPUT: [[f32; 4]; 4] = [
    [1., 1., 2., 4.],
    [5., 6., 7., 8.],
    [3., 2., 1., 0.],
    [1., 2., 3., 4.],
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolSetting {
    Input,
    Window,
    Stride,
}

impl PoolSetting {
    pub const ALL: [PoolSetting; 3] =
        [PoolSetting::Input, PoolSetting::Window, PoolSetting::Stride];

    pub fn range(self) -> RangeInclusive<usize> {
        match self {
            PoolSetting::Input => INPUT_SIZES,
            PoolSetting::Window => WINDOWS,
            PoolSetting::Stride => STRIDES,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            PoolSetting::Input => "in",
            PoolSetting::Window => "win",
            PoolSetting::Stride => "s",
        }
    }
}

pub fn kind_key(kind: PoolKind) -> &'static str {
    match kind {
        PoolKind::Max => "max",
        PoolKind::Average => "avg",
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum PoolAction {
    Set {
        setting: PoolSetting,
        axis: Dim,
        value: usize,
    },
    SetLinked(bool),
    SetKind(PoolKind),
    SetCell {
        y: usize,
        x: usize,
        value: f32,
    },
    ToggleCell {
        y: usize,
        x: usize,
    },
    /// The upstream gradient of output cell (y, x).
    SetGrad {
        y: usize,
        x: usize,
        value: f32,
    },
    SetBackward(bool),
    Lecture,
    Random(u64),
    DismissNote,
    /// The player's buttons, keys and timer.
    Player(PlayerMsg),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PoolState {
    pub input_size: PerAxis,
    pub input: Vec<f32>,
    pub window: PerAxis,
    pub stride: PerAxis,
    pub linked: bool,
    pub kind: PoolKind,
    /// The cursor over the output cells.
    pub playback: Playback,
    pub backward: bool,
    /// Upstream gradient, one number per output cell (out_h × out_w); empty when impossible.
    pub grad: Vec<f32>,
    pub ignored: Vec<String>,
}

impl Default for PoolState {
    fn default() -> PoolState {
        let mut s = PoolState {
            input_size: PerAxis::both(4),
            input: LECTURE_INPUT.iter().flatten().copied().collect(),
            window: PerAxis::both(2),
            stride: PerAxis::both(2),
            linked: true,
            kind: PoolKind::Max,
            playback: Playback::default(),
            backward: false,
            grad: Vec::new(),
            ignored: Vec::new(),
        };
        s.after_geometry_change();
        s
    }
}

impl PoolState {
    pub fn config(&self) -> PoolConfig {
        PoolConfig {
            kind: self.kind,
            height: Window::new(self.window.h, self.stride.h),
            width: Window::new(self.window.w, self.stride.w),
        }
    }

    pub fn geometry(&self) -> Result<Geometry2d, ConvError> {
        self.config().geometry(self.input_size.h, self.input_size.w)
    }

    pub fn value(&self, setting: PoolSetting) -> PerAxis {
        match setting {
            PoolSetting::Input => self.input_size,
            PoolSetting::Window => self.window,
            PoolSetting::Stride => self.stride,
        }
    }

    pub fn output_size(&self) -> Option<(usize, usize)> {
        self.geometry().ok().map(|g| g.output())
    }

    pub fn total_steps(&self) -> usize {
        self.output_size().map_or(0, |(h, w)| h * w)
    }

    pub fn current(&self) -> Option<(usize, usize)> {
        let (_, ow) = self.output_size()?;
        let p = self
            .playback
            .position
            .min(self.total_steps().checked_sub(1)?);
        Some((p / ow, p % ow))
    }

    pub fn is_revealed(&self, y: usize, x: usize) -> bool {
        self.output_size()
            .is_some_and(|(_, ow)| self.playback.is_revealed(y * ow + x))
    }

    /// Gradient 1, 2, 3, … in raster order: each output's share is easy to follow.
    fn reset_grad(&mut self) {
        self.grad = (1..=self.total_steps()).map(|v| v as f32).collect();
    }

    fn after_geometry_change(&mut self) {
        if self.grad.len() != self.total_steps() {
            self.reset_grad();
        }
        self.playback.set_length(self.total_steps());
    }

    pub fn reduce(&mut self, action: PoolAction) {
        match action {
            PoolAction::Set {
                setting,
                axis,
                value,
            } => {
                let target = self
                    .value(setting)
                    .updated(axis, value, setting.range(), self.linked);
                match setting {
                    PoolSetting::Input => {
                        let before = self.input_size;
                        self.input =
                            fit_top_left(&self.input, before.h, before.w, target.h, target.w);
                        self.input_size = target;
                    }
                    PoolSetting::Window => self.window = target,
                    PoolSetting::Stride => self.stride = target,
                }
                self.after_geometry_change();
            }
            PoolAction::SetLinked(linked) => {
                self.linked = linked;
                if linked {
                    for setting in PoolSetting::ALL {
                        let h = self.value(setting).h;
                        self.reduce(PoolAction::Set {
                            setting,
                            axis: Dim::Height,
                            value: h,
                        });
                    }
                }
            }
            PoolAction::SetKind(kind) => self.kind = kind,
            PoolAction::SetCell { y, x, value } => {
                if y < self.input_size.h && x < self.input_size.w && value.is_finite() {
                    self.input[y * self.input_size.w + x] = value;
                }
            }
            PoolAction::ToggleCell { y, x } => {
                if y < self.input_size.h && x < self.input_size.w {
                    let v = &mut self.input[y * self.input_size.w + x];
                    *v = if *v == 0.0 { 1.0 } else { 0.0 };
                }
            }
            PoolAction::SetGrad { y, x, value } => {
                if let Some((oh, ow)) = self.output_size()
                    && y < oh
                    && x < ow
                    && value.is_finite()
                {
                    self.grad[y * ow + x] = value;
                }
            }
            PoolAction::SetBackward(on) => self.backward = on,
            PoolAction::Lecture => {
                let (speed, backward) = (self.playback.speed, self.backward);
                *self = PoolState::default();
                (self.playback.speed, self.backward) = (speed, backward);
            }
            PoolAction::Random(seed) => {
                let mut rng = SplitMix(seed);
                for v in &mut self.input {
                    *v = rng.int(0, 9) as f32;
                }
            }
            PoolAction::DismissNote => self.ignored.clear(),
            PoolAction::Player(msg) => self.playback.reduce(msg),
        }
    }
}

impl Reducible for PoolState {
    type Action = PoolAction;

    fn reduce(self: Rc<Self>, action: PoolAction) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.reduce(action);
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lecture_default_and_output_size() {
        let s = PoolState::default();
        assert_eq!(s.output_size(), Some((2, 2)));
        assert_eq!(s.grad, vec![1., 2., 3., 4.]);
        assert_eq!(s.current(), Some((0, 0)));
        let g = s.geometry().unwrap();
        assert_eq!(g.height.formula(), "⌊(4 − 2 + 2·0) / 2⌋ + 1 = 2");
    }

    #[test]
    fn settings_animation_and_impossible_windows() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Stride,
            axis: Dim::Height,
            value: 1,
        });
        assert_eq!(s.output_size(), Some((3, 3)));
        assert_eq!(s.grad.len(), 9);
        s.reduce(PoolAction::Player(PlayerMsg::End));
        assert_eq!(s.current(), Some((2, 2)));
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Input,
            axis: Dim::Height,
            value: 2,
        });
        assert_eq!(s.output_size(), Some((1, 1)));
        assert_eq!(s.playback.position, 0);
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Window,
            axis: Dim::Height,
            value: 4,
        });
        assert!(s.geometry().is_err());
        assert_eq!(s.total_steps(), 0);
        s.reduce(PoolAction::Player(PlayerMsg::Play));
        assert!(!s.playback.playing);
        s.reduce(PoolAction::Player(PlayerMsg::Step(1)));
        s.reduce(PoolAction::SetGrad {
            y: 0,
            x: 0,
            value: 1.0,
        });
        assert!(s.to_query().contains("win=4"));
    }
}
