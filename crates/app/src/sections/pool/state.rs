//! The Pooling section's state: the input grid, window and stride per axis, max or average, the
//! animation cursor, the backward view and its upstream gradient — one reducer and a URL form,
//! tested natively. The cursor walks the output cells row by row.

use std::ops::RangeInclusive;

use cnn::pool::{PoolConfig, PoolKind};
use cnn::{ConvError, Geometry2d, Window};

use crate::hooks::use_url_reducer::UrlState;
use crate::query::{
    QueryReader, SplitMix, format_pair, format_planes, join_pairs, parse_pair, parse_planes,
};
use crate::sections::conv::state::{Axis, PerAxis, fit_top_left};

pub const INPUT_SIZES: RangeInclusive<usize> = 2..=8;
pub const WINDOWS: RangeInclusive<usize> = 1..=4;
pub const STRIDES: RangeInclusive<usize> = 1..=4;
pub const SPEEDS: RangeInclusive<usize> = 1..=5;

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
        axis: Axis,
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
    Play,
    Pause,
    TogglePlay,
    Tick,
    Step(isize),
    Seek(usize),
    JumpToEnd,
    SetSpeed(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PoolState {
    pub input_size: PerAxis,
    pub input: Vec<f32>,
    pub window: PerAxis,
    pub stride: PerAxis,
    pub linked: bool,
    pub kind: PoolKind,
    pub position: usize,
    pub playing: bool,
    pub speed: usize,
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
            position: 0,
            playing: false,
            speed: 3,
            backward: false,
            grad: Vec::new(),
            ignored: Vec::new(),
        };
        s.reset_grad();
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
        let p = self.position.min(self.total_steps().checked_sub(1)?);
        Some((p / ow, p % ow))
    }

    pub fn is_revealed(&self, y: usize, x: usize) -> bool {
        self.output_size()
            .is_some_and(|(_, ow)| y * ow + x <= self.position)
    }

    fn at_end(&self) -> bool {
        self.position + 1 >= self.total_steps()
    }

    /// Gradient 1, 2, 3, … in raster order: each output's share is easy to follow.
    fn reset_grad(&mut self) {
        self.grad = (1..=self.total_steps()).map(|v| v as f32).collect();
    }

    fn after_geometry_change(&mut self) {
        if self.grad.len() != self.total_steps() {
            self.reset_grad();
        }
        let total = self.total_steps();
        self.position = self.position.min(total.saturating_sub(1));
        if total == 0 {
            self.playing = false;
        }
    }

    pub fn reduce(&mut self, action: PoolAction) {
        match action {
            PoolAction::Set {
                setting,
                axis,
                value,
            } => {
                let new = self
                    .value(setting)
                    .updated(axis, value, setting.range(), self.linked);
                match setting {
                    PoolSetting::Input => {
                        let old = self.input_size;
                        self.input = fit_top_left(&self.input, old.h, old.w, new.h, new.w);
                        self.input_size = new;
                    }
                    PoolSetting::Window => self.window = new,
                    PoolSetting::Stride => self.stride = new,
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
                            axis: Axis::Height,
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
                let (speed, backward) = (self.speed, self.backward);
                *self = PoolState::default();
                (self.speed, self.backward) = (speed, backward);
            }
            PoolAction::Random(seed) => {
                let mut rng = SplitMix(seed);
                for v in &mut self.input {
                    *v = rng.int(0, 9) as f32;
                }
            }
            PoolAction::DismissNote => self.ignored.clear(),
            PoolAction::Play => {
                if self.total_steps() > 0 {
                    if self.at_end() {
                        self.position = 0;
                    }
                    self.playing = true;
                }
            }
            PoolAction::Pause => self.playing = false,
            PoolAction::TogglePlay => {
                let next = if self.playing {
                    PoolAction::Pause
                } else {
                    PoolAction::Play
                };
                self.reduce(next);
            }
            PoolAction::Tick => {
                if self.playing {
                    if !self.at_end() {
                        self.position += 1;
                    }
                    if self.at_end() {
                        self.playing = false;
                    }
                }
            }
            PoolAction::Step(delta) => {
                self.playing = false;
                let total = self.total_steps();
                if total > 0 {
                    let p = self.position.min(total - 1) as isize + delta;
                    self.position = p.clamp(0, total as isize - 1) as usize;
                }
            }
            PoolAction::Seek(p) => {
                self.playing = false;
                self.position = p.min(self.total_steps().saturating_sub(1));
            }
            PoolAction::JumpToEnd => {
                self.playing = false;
                self.position = self.total_steps().saturating_sub(1);
            }
            PoolAction::SetSpeed(s) => self.speed = s.clamp(*SPEEDS.start(), *SPEEDS.end()),
        }
    }

    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("in", format_pair(self.input_size.h, self.input_size.w)),
            ("win", format_pair(self.window.h, self.window.w)),
            ("s", format_pair(self.stride.h, self.stride.w)),
        ];
        if !self.linked {
            pairs.push(("link", "0".into()));
        }
        pairs.push(("kind", kind_key(self.kind).into()));
        pairs.push((
            "x",
            format_planes(&self.input, self.input_size.h, self.input_size.w),
        ));
        if let Some((oh, ow)) = self.output_size() {
            pairs.push(("g", format_planes(&self.grad, oh, ow)));
        }
        pairs.push(("at", self.position.to_string()));
        pairs.push(("speed", self.speed.to_string()));
        if self.backward {
            pairs.push(("back", "1".into()));
        }
        join_pairs(pairs)
    }

    /// Reads a state from the URL; garbled parts fall back to defaults and are listed in
    /// `ignored`.
    pub fn from_query(query: &str) -> PoolState {
        let mut q = QueryReader::new(
            query,
            &[
                "in", "win", "s", "link", "kind", "x", "g", "at", "speed", "back",
            ],
        );
        let mut s = PoolState {
            linked: false,
            ..PoolState::default()
        };
        for setting in PoolSetting::ALL {
            let range = setting.range();
            if let Some((h, w)) = q.read(setting.key(), |v| {
                parse_pair(v, *range.start(), *range.end())
            }) {
                for (axis, value) in [(Axis::Height, h), (Axis::Width, w)] {
                    s.reduce(PoolAction::Set {
                        setting,
                        axis,
                        value,
                    });
                }
            }
        }
        s.linked = q.flag("link") != Some(false)
            && PoolSetting::ALL
                .iter()
                .all(|&k| s.value(k).h == s.value(k).w);
        if let Some(kind) = q.read("kind", |v| match v {
            "max" => Some(PoolKind::Max),
            "avg" => Some(PoolKind::Average),
            _ => None,
        }) {
            s.kind = kind;
        }
        if let Some(data) = q.read("x", |v| parse_planes(v, 1, s.input_size.h, s.input_size.w)) {
            s.input = data;
        }
        let output = s.output_size();
        if let Some(grad) = q.read("g", |v| {
            output.and_then(|(oh, ow)| parse_planes(v, 1, oh, ow))
        }) {
            s.grad = grad;
        }
        if let Some(speed) = q.whole("speed", SPEEDS) {
            s.speed = speed;
        }
        if let Some(back) = q.flag("back") {
            s.backward = back;
        }
        if let Some(at) = q.whole("at", 0..=s.total_steps().max(1) - 1) {
            s.position = at;
        }
        s.ignored = q.finish();
        s
    }
}

impl UrlState for PoolState {
    type Action = PoolAction;

    fn from_query(query: &str) -> Self {
        PoolState::from_query(query)
    }

    fn to_query(&self) -> String {
        PoolState::to_query(self)
    }

    fn reduce(&mut self, action: PoolAction) {
        PoolState::reduce(self, action)
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
        assert_eq!(g.height.formula(), "(4 + 2·0 − 2) / 2 + 1 = 2");
    }

    #[test]
    fn settings_animation_and_impossible_windows() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Stride,
            axis: Axis::Height,
            value: 1,
        });
        assert_eq!(s.output_size(), Some((3, 3)));
        assert_eq!(s.grad.len(), 9);
        s.reduce(PoolAction::JumpToEnd);
        assert_eq!(s.current(), Some((2, 2)));
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Input,
            axis: Axis::Height,
            value: 2,
        });
        assert_eq!(s.output_size(), Some((1, 1)));
        assert_eq!(s.position, 0);
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Window,
            axis: Axis::Height,
            value: 4,
        });
        assert!(s.geometry().is_err());
        assert_eq!(s.total_steps(), 0);
        s.reduce(PoolAction::Play);
        assert!(!s.playing);
        s.reduce(PoolAction::Step(1));
        s.reduce(PoolAction::SetGrad {
            y: 0,
            x: 0,
            value: 1.0,
        });
        assert!(s.to_query().contains("win=4"));
    }

    #[test]
    fn url_round_trip_and_garbage() {
        let mut s = PoolState::default();
        s.reduce(PoolAction::SetKind(PoolKind::Average));
        s.reduce(PoolAction::SetLinked(false));
        s.reduce(PoolAction::Set {
            setting: PoolSetting::Stride,
            axis: Axis::Width,
            value: 1,
        });
        s.reduce(PoolAction::SetGrad {
            y: 0,
            x: 2,
            value: -0.5,
        });
        s.reduce(PoolAction::SetBackward(true));
        s.reduce(PoolAction::Step(4));
        let back = PoolState::from_query(&s.to_query());
        assert_eq!(back, s, "{}", s.to_query());
        assert_eq!(PoolState::from_query(""), PoolState::default());
        let junk = PoolState::from_query("win=9&kind=median&x=1,2;3&foo");
        assert_eq!(junk.ignored, vec!["foo", "win", "kind", "x"]);
        assert_eq!(junk.input, PoolState::default().input);
    }
}
