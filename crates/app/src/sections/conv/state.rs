//! The Convolution lab's state: input planes, kernels, bias, padding / stride / dilation per
//! axis, the animation cursor and the open views, with one reducer ([`ConvState::reduce`]);
//! its URL form is in [`super::url`]. Plain Rust, tested natively; the components only render it.
//!
//! The animation cursor walks the output cells filter by filter, row by row:
//! position = (f·H_out + y)·W_out + x. Cells up to and including the cursor are "computed".

use std::rc::Rc;

use cnn::{ConvMode, Dim, Geometry2d, GeometryError, Window};
use yew::Reducible;

use super::fit::fit_planes;
use super::presets::{
    COLOUR_BIAS, COLOUR_INPUT, COLOUR_KERNELS, InputPreset, KernelPreset, LECTURE_INPUT,
    LECTURE_KERNEL,
};
use super::settings::{DIGITS, FILTERS, PerAxis, Setting};
pub use super::view::View;
use crate::playback::{Playback, PlayerMsg};
use crate::query::SplitMix;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Sets input size, kernel size, padding, stride or dilation along one axis (along both
    /// while the axes are linked). Values are clamped to the control's range.
    Set {
        setting: Setting,
        axis: Dim,
        value: usize,
    },
    /// Links the height and width controls (linking copies height into width).
    SetLinked(bool),
    /// 1 (greyscale) or 3 (RGB) input channels; loads the matching preset.
    SetChannels(usize),
    SetFilters(usize),
    SetInputCell {
        channel: usize,
        y: usize,
        x: usize,
        value: f32,
    },
    /// Click on an input cell: 0 becomes 1, anything else becomes 0.
    ToggleInputCell {
        channel: usize,
        y: usize,
        x: usize,
    },
    SetWeight {
        filter: usize,
        channel: usize,
        y: usize,
        x: usize,
        value: f32,
    },
    ToggleWeight {
        filter: usize,
        channel: usize,
        y: usize,
        x: usize,
    },
    SetBias {
        filter: usize,
        value: f32,
    },
    InputPreset {
        preset: InputPreset,
        seed: u64,
    },
    /// Applies a kernel preset to one filter (every channel of it).
    KernelPreset {
        filter: usize,
        preset: KernelPreset,
        seed: u64,
    },
    SetMode(ConvMode),
    SetView {
        view: View,
        open: bool,
    },
    SetDigit(usize),
    /// Hides the note about unusable URL parts.
    DismissNote,
    /// Back to the lecture's example.
    Reset,
    /// Shows filter `f`: the cursor moves to the same output cell of its feature map.
    ShowFilter(usize),
    /// The player's buttons, keys and timer.
    Player(PlayerMsg),
}

/// Everything the lab shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ConvState {
    pub channels: usize,
    pub input_size: PerAxis,
    /// channels × H × W, row-major.
    pub input: Vec<f32>,
    pub kernel_size: PerAxis,
    pub filters: usize,
    /// filters × channels × kh × kw, row-major (the core's layout).
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    pub padding: PerAxis,
    pub stride: PerAxis,
    pub dilation: PerAxis,
    /// Height and width controls move together.
    pub linked: bool,
    pub mode: ConvMode,
    /// The cursor over the output cells.
    pub playback: Playback,
    pub show_why: bool,
    pub show_im2col: bool,
    pub show_real: bool,
    pub digit: usize,
    /// URL keys that could not be used when this state was read from a link (not serialised).
    pub ignored: Vec<String>,
}

impl Default for ConvState {
    fn default() -> ConvState {
        ConvState::lecture()
    }
}

impl ConvState {
    /// The lecture's example: 7×7 binary image, 3×3 feature detector, no padding, stride 1.
    pub fn lecture() -> ConvState {
        let mut state = ConvState {
            channels: 1,
            input_size: PerAxis::both(7),
            input: LECTURE_INPUT.iter().flatten().copied().collect(),
            kernel_size: PerAxis::both(3),
            filters: 1,
            weights: LECTURE_KERNEL.iter().flatten().copied().collect(),
            bias: vec![0.0],
            padding: PerAxis::both(0),
            stride: PerAxis::both(1),
            dilation: PerAxis::both(1),
            linked: true,
            mode: ConvMode::CrossCorrelation,
            playback: Playback::default(),
            show_why: false,
            show_im2col: false,
            show_real: false,
            digit: 0,
            ignored: Vec::new(),
        };
        state.clamp_position();
        state
    }

    /// The RGB example: the colourful 7×7×3 input and two 3×3×3 filters.
    pub fn colour() -> ConvState {
        let mut state = ConvState {
            channels: 3,
            input: COLOUR_INPUT.iter().flatten().flatten().copied().collect(),
            filters: 2,
            weights: COLOUR_KERNELS
                .iter()
                .flatten()
                .flatten()
                .flatten()
                .copied()
                .collect(),
            bias: COLOUR_BIAS.to_vec(),
            ..ConvState::lecture()
        };
        state.clamp_position();
        state
    }

    pub fn window(&self, axis: Dim) -> Window {
        Window::new(self.kernel_size.get(axis), self.stride.get(axis))
            .with_padding(self.padding.get(axis))
            .with_dilation(self.dilation.get(axis))
    }

    pub fn value(&self, setting: Setting) -> PerAxis {
        match setting {
            Setting::Input => self.input_size,
            Setting::Kernel => self.kernel_size,
            Setting::Padding => self.padding,
            Setting::Stride => self.stride,
            Setting::Dilation => self.dilation,
        }
    }

    /// The output-size arithmetic, or why this configuration is impossible.
    pub fn geometry(&self) -> Result<Geometry2d, GeometryError> {
        Geometry2d::new(
            self.input_size.h,
            self.input_size.w,
            self.window(Dim::Height),
            self.window(Dim::Width),
        )
    }

    /// Number of animation steps: every output cell of every filter (0 when impossible).
    pub fn total_steps(&self) -> usize {
        self.geometry()
            .map(|g| self.filters * g.height.output * g.width.output)
            .unwrap_or(0)
    }

    /// The output cell (filter, y, x) under the cursor.
    pub fn current(&self) -> Option<(usize, usize, usize)> {
        let g = self.geometry().ok()?;
        let (oh, ow) = g.output();
        let total = self.filters * oh * ow;
        let p = self.playback.position.min(total.checked_sub(1)?);
        Some((p / (oh * ow), (p / ow) % oh, p % ow))
    }

    /// Whether output cell (f, y, x) has been computed at the current cursor.
    pub fn is_revealed(&self, filter: usize, y: usize, x: usize) -> bool {
        match self.geometry() {
            Ok(g) => {
                let (oh, ow) = g.output();
                self.playback.is_revealed((filter * oh + y) * ow + x)
            }
            Err(_) => false,
        }
    }

    /// Index into `input` of (c, y, x).
    pub fn input_index(&self, c: usize, y: usize, x: usize) -> usize {
        (c * self.input_size.h + y) * self.input_size.w + x
    }

    /// Index into `weights` of (f, c, y, x).
    pub fn weight_index(&self, f: usize, c: usize, y: usize, x: usize) -> usize {
        ((f * self.channels + c) * self.kernel_size.h + y) * self.kernel_size.w + x
    }

    /// One input channel as an H×W plane.
    pub fn input_plane(&self, c: usize) -> &[f32] {
        let n = self.input_size.h * self.input_size.w;
        &self.input[c * n..(c + 1) * n]
    }

    /// One kh×kw plane of filter `f`.
    pub fn kernel_plane(&self, f: usize, c: usize) -> &[f32] {
        let n = self.kernel_size.h * self.kernel_size.w;
        let start = (f * self.channels + c) * n;
        &self.weights[start..start + n]
    }

    /// The cursor follows the number of output cells.
    fn clamp_position(&mut self) {
        self.playback.set_length(self.total_steps());
    }

    /// Applies one action. Never panics: indices out of range and values out of range are
    /// ignored or clamped.
    pub fn reduce(&mut self, action: Action) {
        match action {
            Action::Set {
                setting,
                axis,
                value,
            } => {
                let target = self
                    .value(setting)
                    .updated(axis, value, setting.range(), self.linked);
                match setting {
                    Setting::Input => self.resize_input(target),
                    Setting::Kernel => self.resize_kernel(target),
                    Setting::Padding => self.padding = target,
                    Setting::Stride => self.stride = target,
                    Setting::Dilation => self.dilation = target,
                }
                self.clamp_position();
            }
            Action::SetLinked(linked) => {
                self.linked = linked;
                if linked {
                    for setting in Setting::ALL {
                        let h = self.value(setting).h;
                        self.linked = false;
                        self.reduce(Action::Set {
                            setting,
                            axis: Dim::Width,
                            value: h,
                        });
                        self.linked = true;
                    }
                }
            }
            Action::SetChannels(channels) => {
                let before = std::mem::replace(
                    self,
                    if channels == 3 {
                        ConvState::colour()
                    } else {
                        ConvState::lecture()
                    },
                );
                // The preset brings its pictures; the numbers the student set stay.
                self.resize_input(before.input_size);
                self.resize_kernel(before.kernel_size);
                (self.padding, self.stride, self.dilation) =
                    (before.padding, before.stride, before.dilation);
                (self.linked, self.playback.speed, self.digit) =
                    (before.linked, before.playback.speed, before.digit);
                (self.show_why, self.show_im2col, self.show_real) =
                    (before.show_why, before.show_im2col, before.show_real);
                self.clamp_position();
            }
            Action::SetFilters(filters) => {
                let filters = filters.clamp(*FILTERS.start(), *FILTERS.end());
                let (kh, kw) = (self.kernel_size.h, self.kernel_size.w);
                let per_filter = self.channels * kh * kw;
                self.weights.truncate(filters * per_filter);
                self.bias.truncate(filters);
                // Added filters start from a classic kernel rather than zeros, so that they show something.
                let cycle = [
                    KernelPreset::SobelX,
                    KernelPreset::SobelY,
                    KernelPreset::Sharpen,
                    KernelPreset::Edge,
                ];
                for f in self.filters..filters {
                    let plane = cycle[f % cycle.len()].plane(kh, kw, 0);
                    for _ in 0..self.channels {
                        self.weights.extend_from_slice(&plane);
                    }
                    self.bias.push(0.0);
                }
                self.filters = filters;
                self.clamp_position();
            }
            Action::SetInputCell {
                channel,
                y,
                x,
                value,
            } => {
                if channel < self.channels
                    && y < self.input_size.h
                    && x < self.input_size.w
                    && value.is_finite()
                {
                    let i = self.input_index(channel, y, x);
                    self.input[i] = value;
                }
            }
            Action::ToggleInputCell { channel, y, x } => {
                if channel < self.channels && y < self.input_size.h && x < self.input_size.w {
                    let i = self.input_index(channel, y, x);
                    self.input[i] = if self.input[i] == 0.0 { 1.0 } else { 0.0 };
                }
            }
            Action::SetWeight {
                filter,
                channel,
                y,
                x,
                value,
            } => {
                if self.weight_in_range(filter, channel, y, x) && value.is_finite() {
                    let i = self.weight_index(filter, channel, y, x);
                    self.weights[i] = value;
                }
            }
            Action::ToggleWeight {
                filter,
                channel,
                y,
                x,
            } => {
                if self.weight_in_range(filter, channel, y, x) {
                    let i = self.weight_index(filter, channel, y, x);
                    self.weights[i] = if self.weights[i] == 0.0 { 1.0 } else { 0.0 };
                }
            }
            Action::SetBias { filter, value } => {
                if filter < self.filters && value.is_finite() {
                    self.bias[filter] = value;
                }
            }
            Action::InputPreset { preset, seed } => self.apply_input_preset(preset, seed),
            Action::KernelPreset {
                filter,
                preset,
                seed,
            } => {
                if filter < self.filters {
                    if preset.values_3x3().is_some() {
                        self.resize_kernel(PerAxis::both(3));
                    }
                    let (kh, kw) = (self.kernel_size.h, self.kernel_size.w);
                    for c in 0..self.channels {
                        // Different channels of a random filter get different numbers.
                        let plane = preset.plane(kh, kw, seed.wrapping_add(c as u64));
                        let start = self.weight_index(filter, c, 0, 0);
                        self.weights[start..start + kh * kw].copy_from_slice(&plane);
                    }
                    self.clamp_position();
                }
            }
            Action::SetMode(mode) => self.mode = mode,
            Action::SetView { view, open } => match view {
                View::Why => self.show_why = open,
                View::Im2col => self.show_im2col = open,
                View::RealImage => self.show_real = open,
            },
            Action::SetDigit(digit) => self.digit = digit.min(*DIGITS.end()),
            Action::DismissNote => self.ignored.clear(),
            Action::Reset => {
                let speed = self.playback.speed;
                *self = ConvState::lecture();
                self.playback.speed = speed;
            }
            Action::ShowFilter(f) => {
                if let (Ok(g), true) = (self.geometry(), f < self.filters) {
                    let (oh, ow) = g.output();
                    let (_, y, x) = self.current().unwrap_or((0, 0, 0));
                    self.playback.seek((f * oh + y) * ow + x);
                }
            }
            Action::Player(msg) => self.playback.reduce(msg),
        }
    }

    fn weight_in_range(&self, f: usize, c: usize, y: usize, x: usize) -> bool {
        f < self.filters && c < self.channels && y < self.kernel_size.h && x < self.kernel_size.w
    }

    fn resize_input(&mut self, size: PerAxis) {
        self.input = fit_planes(&self.input, self.input_size, size);
        self.input_size = size;
    }

    fn resize_kernel(&mut self, size: PerAxis) {
        self.weights = fit_planes(&self.weights, self.kernel_size, size);
        self.kernel_size = size;
    }

    fn apply_input_preset(&mut self, preset: InputPreset, seed: u64) {
        if let Some((size, input)) = preset.picture(self.channels) {
            self.input = input;
            self.input_size = size;
        }
        match preset {
            // The slide's numbers: F = 3, S = 1, P = 0 (and no dilation) → 3×3.
            InputPreset::SlideSize => {
                self.resize_kernel(PerAxis::both(3));
                self.padding = PerAxis::both(0);
                self.stride = PerAxis::both(1);
                self.dilation = PerAxis::both(1);
            }
            InputPreset::Random => {
                let mut rng = SplitMix(seed);
                for v in &mut self.input {
                    *v = rng.int(0, 1) as f32;
                }
            }
            InputPreset::Clear => self.input.iter_mut().for_each(|v| *v = 0.0),
            InputPreset::Lecture | InputPreset::Colour => {}
        }
        self.clamp_position();
    }
}

impl Reducible for ConvState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.reduce(action);
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::conv::fit::fit_centred;

    fn set(setting: Setting, value: usize) -> Action {
        Action::Set {
            setting,
            axis: Dim::Height,
            value,
        }
    }

    #[test]
    fn default_is_the_lecture_example() {
        let s = ConvState::default();
        assert_eq!(
            (s.input_size, s.kernel_size),
            (PerAxis::both(7), PerAxis::both(3))
        );
        assert_eq!(s.input.len(), 49);
        assert_eq!(s.input.iter().sum::<f32>(), 8.0);
        assert_eq!(s.weights, vec![0., 0., 1., 1., 0., 0., 0., 1., 1.]);
        // (7 − 3 + 0)/1 + 1 = 5 → 25 output cells.
        assert_eq!(s.total_steps(), 25);
        assert_eq!(s.current(), Some((0, 0, 0)));
    }

    #[test]
    fn linked_settings_move_both_axes_and_clamp() {
        let mut s = ConvState::default();
        s.reduce(set(Setting::Padding, 1));
        s.reduce(set(Setting::Stride, 2));
        assert_eq!(s.padding, PerAxis::both(1));
        assert_eq!(s.stride, PerAxis::both(2));
        // (7 + 2 − 3)/2 + 1 = 4.
        assert_eq!(s.geometry().unwrap().output(), (4, 4));
        s.reduce(set(Setting::Stride, 99));
        assert_eq!(s.stride, PerAxis::both(4));
        s.reduce(set(Setting::Dilation, 0));
        assert_eq!(s.dilation, PerAxis::both(1));
        s.reduce(Action::SetLinked(false));
        s.reduce(Action::Set {
            setting: Setting::Stride,
            axis: Dim::Width,
            value: 1,
        });
        assert_eq!(s.stride, PerAxis { h: 4, w: 1 });
        s.reduce(Action::SetLinked(true));
        assert_eq!(s.stride, PerAxis::both(4));
    }

    #[test]
    fn resizing_keeps_the_top_left_values() {
        let mut s = ConvState::default();
        s.reduce(set(Setting::Input, 9));
        assert_eq!(s.input.len(), 81);
        assert_eq!(s.input[9 + 1], 1.0, "(1,1) of the face is still 1");
        assert_eq!(s.input[8], 0.0);
        s.reduce(set(Setting::Input, 3));
        assert_eq!(s.input, vec![0., 0., 0., 0., 1., 0., 0., 0., 0.]);
        s.reduce(set(Setting::Kernel, 2));
        assert_eq!(s.weights, vec![0., 0., 1., 0.]);
        s.reduce(set(Setting::Kernel, 7));
        assert_eq!(s.weights.len(), 49);
        // Kernel 7 on input 3 without padding is impossible: no steps, nothing to animate.
        assert!(s.geometry().is_err());
        assert_eq!(s.total_steps(), 0);
        assert_eq!(s.current(), None);
        s.reduce(Action::Player(PlayerMsg::Play));
        assert!(!s.playback.playing);
        s.reduce(Action::Player(PlayerMsg::Step(1)));
        s.reduce(Action::Player(PlayerMsg::Tick));
    }

    #[test]
    fn animation_walks_every_cell_and_stops_at_the_end() {
        let mut s = ConvState::default();
        s.reduce(Action::Player(PlayerMsg::Play));
        assert!(s.playback.playing);
        for _ in 0..6 {
            s.reduce(Action::Player(PlayerMsg::Tick));
        }
        // Position 6 of a 5×5 map is row 1, column 1.
        assert_eq!(s.current(), Some((0, 1, 1)));
        assert!(s.is_revealed(0, 1, 0) && s.is_revealed(0, 1, 1) && !s.is_revealed(0, 1, 2));
        for _ in 0..100 {
            s.reduce(Action::Player(PlayerMsg::Tick));
        }
        assert_eq!(s.playback.position, 24);
        assert!(!s.playback.playing, "stops at the end");
        s.reduce(Action::Player(PlayerMsg::Play));
        assert_eq!(
            s.playback.position, 0,
            "playing again from the end restarts"
        );
        s.reduce(Action::Player(PlayerMsg::Step(-3)));
        assert_eq!(s.playback.position, 0);
        assert!(!s.playback.playing, "stepping pauses");
        s.reduce(Action::Player(PlayerMsg::Step(3)));
        assert_eq!(s.current(), Some((0, 0, 3)));
        s.reduce(Action::Player(PlayerMsg::End));
        assert_eq!(s.current(), Some((0, 4, 4)));
        s.reduce(Action::Player(PlayerMsg::Seek(1000)));
        assert_eq!(s.playback.position, 24);
        // Shrinking the output clamps the cursor.
        s.reduce(set(Setting::Stride, 2));
        assert_eq!(s.playback.position, 8);
    }

    #[test]
    fn cells_toggle_and_accept_numbers() {
        let mut s = ConvState::default();
        s.reduce(Action::ToggleInputCell {
            channel: 0,
            y: 0,
            x: 0,
        });
        assert_eq!(s.input[0], 1.0);
        s.reduce(Action::SetInputCell {
            channel: 0,
            y: 0,
            x: 0,
            value: -2.5,
        });
        assert_eq!(s.input[0], -2.5);
        s.reduce(Action::ToggleInputCell {
            channel: 0,
            y: 0,
            x: 0,
        });
        assert_eq!(s.input[0], 0.0);
        // Out of range and non-finite inputs are ignored, never a panic.
        s.reduce(Action::SetInputCell {
            channel: 2,
            y: 0,
            x: 0,
            value: 1.0,
        });
        s.reduce(Action::SetInputCell {
            channel: 0,
            y: 99,
            x: 0,
            value: 1.0,
        });
        s.reduce(Action::SetWeight {
            filter: 0,
            channel: 0,
            y: 0,
            x: 0,
            value: f32::NAN,
        });
        assert_eq!(s.weights[0], 0.0);
        s.reduce(Action::ToggleWeight {
            filter: 0,
            channel: 0,
            y: 0,
            x: 0,
        });
        assert_eq!(s.weights[0], 1.0);
        s.reduce(Action::SetBias {
            filter: 0,
            value: 2.0,
        });
        assert_eq!(s.bias, vec![2.0]);
        s.reduce(Action::SetBias {
            filter: 3,
            value: 2.0,
        });
    }

    #[test]
    fn kernel_presets() {
        let mut s = ConvState::default();
        s.reduce(set(Setting::Kernel, 5));
        s.reduce(Action::KernelPreset {
            filter: 0,
            preset: KernelPreset::SobelX,
            seed: 0,
        });
        assert_eq!(s.kernel_size, PerAxis::both(3));
        assert_eq!(s.weights, vec![-1., 0., 1., -2., 0., 2., -1., 0., 1.]);
        s.reduce(set(Setting::Kernel, 5));
        s.reduce(Action::KernelPreset {
            filter: 0,
            preset: KernelPreset::Identity,
            seed: 0,
        });
        assert_eq!(s.kernel_size, PerAxis::both(5));
        assert_eq!(s.weights.iter().sum::<f32>(), 1.0);
        assert_eq!(s.weights[12], 1.0);
        s.reduce(Action::KernelPreset {
            filter: 0,
            preset: KernelPreset::BoxBlur,
            seed: 0,
        });
        assert!(s.weights.iter().all(|&w| w == 1.0 / 25.0));
        s.reduce(Action::KernelPreset {
            filter: 0,
            preset: KernelPreset::Random,
            seed: 7,
        });
        let first = s.weights.clone();
        assert!(first.iter().all(|w| (-2.0..=2.0).contains(w)));
        s.reduce(Action::KernelPreset {
            filter: 0,
            preset: KernelPreset::Random,
            seed: 7,
        });
        assert_eq!(s.weights, first, "same seed, same kernel");
        assert_eq!(
            fit_centred(&[1., 2., 3., 4., 5., 6., 7., 8., 9.], 3, 3, 1, 1),
            vec![5.]
        );
    }

    #[test]
    fn rgb_mode_and_filters() {
        let mut s = ConvState::default();
        s.reduce(Action::SetChannels(3));
        assert_eq!((s.channels, s.filters), (3, 2));
        assert_eq!(s.input.len(), 3 * 49);
        assert_eq!(s.weights.len(), 2 * 3 * 9);
        assert_eq!(s.bias, vec![1.0, 0.0]);
        assert_eq!(s.total_steps(), 2 * 25);
        s.reduce(Action::SetFilters(4));
        assert_eq!(s.weights.len(), 4 * 27);
        assert_eq!(
            s.kernel_plane(2, 1),
            &[0., -1., 0., -1., 5., -1., 0., -1., 0.]
        );
        assert_eq!(s.bias.len(), 4);
        s.reduce(Action::Player(PlayerMsg::End));
        assert_eq!(s.current(), Some((3, 4, 4)));
        s.reduce(Action::ShowFilter(1));
        assert_eq!(s.current(), Some((1, 4, 4)), "the same cell of filter 2");
        s.reduce(Action::ShowFilter(9));
        assert_eq!(s.current(), Some((1, 4, 4)));
        s.reduce(Action::Player(PlayerMsg::End));
        s.reduce(Action::SetFilters(1));
        assert_eq!(s.weights.len(), 27);
        assert_eq!(s.playback.position, 24);
        s.reduce(Action::InputPreset {
            preset: InputPreset::Lecture,
            seed: 0,
        });
        assert_eq!(
            s.input_plane(2),
            s.input_plane(0),
            "the face in every channel"
        );
        s.reduce(Action::SetChannels(1));
        assert_eq!(s, ConvState::lecture());
    }

    #[test]
    fn grey_and_rgb_keep_the_sizes_padding_stride_and_dilation() {
        let mut s = ConvState::default();
        s.reduce(Action::SetLinked(false));
        for (setting, h, w) in [
            (Setting::Input, 9, 8),
            (Setting::Kernel, 2, 3),
            (Setting::Padding, 1, 2),
            (Setting::Stride, 2, 1),
            (Setting::Dilation, 2, 1),
        ] {
            s.reduce(set(setting, h));
            s.reduce(Action::Set {
                setting,
                axis: Dim::Width,
                value: w,
            });
        }
        let numbers = |s: &ConvState| {
            (
                s.input_size,
                s.kernel_size,
                s.padding,
                s.stride,
                s.dilation,
                s.linked,
            )
        };
        let before = numbers(&s);
        s.reduce(Action::SetChannels(3));
        assert_eq!(numbers(&s), before);
        assert_eq!((s.channels, s.filters), (3, 2));
        assert_eq!(s.input.len(), 3 * 9 * 8);
        assert_eq!(s.weights.len(), 2 * 3 * 2 * 3);
        // The colour picture's top-left 9×8 corner: red ring row 0 is 0 0 1 1 1 0 0 (+ a zero column).
        assert_eq!(&s.input_plane(0)[..8], &[0., 0., 1., 1., 1., 0., 0., 0.]);
        // ⌊(9 − 3 + 2·1) / 2⌋ + 1 = 5 rows; (8 − 3 + 2·2) / 1 + 1 = 10 columns.
        assert_eq!(s.geometry().unwrap().output(), (5, 10));
        s.reduce(Action::SetChannels(1));
        assert_eq!(numbers(&s), before);
        assert_eq!(s.input.len(), 9 * 8);
    }

    #[test]
    fn the_slides_output_size_example_is_a_preset() {
        let mut s = ConvState::default();
        s.reduce(set(Setting::Padding, 2));
        s.reduce(set(Setting::Stride, 3));
        s.reduce(set(Setting::Kernel, 5));
        s.reduce(Action::InputPreset {
            preset: InputPreset::SlideSize,
            seed: 0,
        });
        let g = s.geometry().unwrap();
        assert_eq!(g.formula(), "(5 − 3 + 2·0) / 1 + 1 = 3");
        assert_eq!(g.output(), (3, 3));
        assert_eq!(
            (s.input_size, s.kernel_size),
            (PerAxis::both(5), PerAxis::both(3))
        );
        // The centre 5×5 of the face: its eyes at (0, 0) and (0, 4), its nose at (2, 2).
        assert_eq!(s.input.len(), 25);
        assert_eq!((s.input[0], s.input[4], s.input[12]), (1., 1., 1.));
        assert_eq!(s.input.iter().sum::<f32>(), 8.0);
        s.reduce(Action::SetChannels(3));
        s.reduce(Action::InputPreset {
            preset: InputPreset::SlideSize,
            seed: 0,
        });
        assert_eq!(s.input.len(), 3 * 25);
        assert_eq!(s.total_steps(), 2 * 9);
    }
}
