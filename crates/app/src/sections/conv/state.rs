//! The Convolution lab's state: input planes, kernels, bias, padding / stride / dilation per
//! axis, the animation cursor and the open views — with one reducer ([`ConvState::reduce`]) and
//! a URL form ([`ConvState::to_query`] / [`ConvState::from_query`]) that reproduces the whole
//! state. Plain Rust, tested natively; the components only render it.
//!
//! The animation cursor `position` walks the output cells filter by filter, row by row:
//! position = (f·H_out + y)·W_out + x. Cells up to and including the cursor are "computed".

use std::ops::RangeInclusive;

use cnn::{Geometry2d, GeometryError, Window};

use crate::hooks::use_url_reducer::UrlState;
use crate::query::{
    QueryReader, SplitMix, format_list, format_pair, format_planes, join_pairs, parse_list,
    parse_pair, parse_planes,
};

pub const INPUT_SIZES: RangeInclusive<usize> = 3..=16;
pub const KERNEL_SIZES: RangeInclusive<usize> = 1..=7;
pub const PADDINGS: RangeInclusive<usize> = 0..=4;
pub const STRIDES: RangeInclusive<usize> = 1..=4;
pub const DILATIONS: RangeInclusive<usize> = 1..=3;
pub const FILTERS: RangeInclusive<usize> = 1..=4;
pub const SPEEDS: RangeInclusive<usize> = 1..=5;
/// The built-in MNIST digits of the "on a real image" view (one per class, see `extras`).
pub const DIGITS: RangeInclusive<usize> = 0..=9;

/// The lecture's 7×7 binary "input image" (a smiling face).
pub const LECTURE_INPUT: [[f32; 7]; 7] = [
    [0., 0., 0., 0., 0., 0., 0.],
    [0., 1., 0., 0., 0., 1., 0.],
    [0., 0., 0., 0., 0., 0., 0.],
    [0., 0., 0., 1., 0., 0., 0.],
    [0., 1., 0., 0., 0., 1., 0.],
    [0., 0., 1., 1., 1., 0., 0.],
    [0., 0., 0., 0., 0., 0., 0.],
];

/// The lecture's 3×3 "feature detector".
pub const LECTURE_KERNEL: [[f32; 3]; 3] = [[0., 0., 1.], [1., 0., 0.], [0., 1., 1.]];

/// The colourful RGB preset: a red ring, a green diagonal band, a blue centre.
pub const COLOUR_INPUT: [[[f32; 7]; 7]; 3] = [
    [
        [0., 0., 1., 1., 1., 0., 0.],
        [0., 1., 0., 0., 0., 1., 0.],
        [1., 0., 0., 0., 0., 0., 1.],
        [1., 0., 0., 0., 0., 0., 1.],
        [1., 0., 0., 0., 0., 0., 1.],
        [0., 1., 0., 0., 0., 1., 0.],
        [0., 0., 1., 1., 1., 0., 0.],
    ],
    [
        [1., 1., 0., 0., 0., 0., 0.],
        [0., 1., 1., 0., 0., 0., 0.],
        [0., 0., 1., 1., 0., 0., 0.],
        [0., 0., 0., 1., 1., 0., 0.],
        [0., 0., 0., 0., 1., 1., 0.],
        [0., 0., 0., 0., 0., 1., 1.],
        [0., 0., 0., 0., 0., 0., 1.],
    ],
    [
        [0., 0., 0., 0., 0., 0., 0.],
        [0., 0., 0., 0., 0., 0., 0.],
        [0., 0., 1., 1., 1., 0., 0.],
        [0., 0., 1., 2., 1., 0., 0.],
        [0., 0., 1., 1., 1., 0., 0.],
        [0., 0., 0., 0., 0., 0., 0.],
        [0., 0., 0., 0., 0., 0., 0.],
    ],
];

/// Two 3×3×3 filters for the RGB preset (filter, channel, row, column) and their biases.
pub const COLOUR_KERNELS: [[[[f32; 3]; 3]; 3]; 2] = [
    [
        [[1., 0., -1.], [1., 0., -1.], [1., 0., -1.]],
        [[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]],
        [[1., 1., 1.], [0., 0., 0.], [-1., -1., -1.]],
    ],
    [
        [[0., 1., 0.], [1., 1., 1.], [0., 1., 0.]],
        [[-1., 0., 0.], [0., -1., 0.], [0., 0., -1.]],
        [[0., 0., 0.], [0., 2., 0.], [0., 0., 0.]],
    ],
];
pub const COLOUR_BIAS: [f32; 2] = [1., 0.];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Axis {
    Height,
    Width,
}

/// A value per axis (height, width).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PerAxis {
    pub h: usize,
    pub w: usize,
}

impl PerAxis {
    pub const fn both(v: usize) -> PerAxis {
        PerAxis { h: v, w: v }
    }

    pub fn get(self, axis: Axis) -> usize {
        match axis {
            Axis::Height => self.h,
            Axis::Width => self.w,
        }
    }

    /// This setting after the user sets `axis` to `value` (clamped to `range`); while the axes
    /// are linked, both change.
    pub fn updated(
        self,
        axis: Axis,
        value: usize,
        range: RangeInclusive<usize>,
        linked: bool,
    ) -> PerAxis {
        let value = value.clamp(*range.start(), *range.end());
        if linked {
            return PerAxis::both(value);
        }
        let mut new = self;
        new.set(axis, value);
        new
    }

    fn set(&mut self, axis: Axis, value: usize) {
        match axis {
            Axis::Height => self.h = value,
            Axis::Width => self.w = value,
        }
    }
}

/// Which sliding-window number a control edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    Input,
    Kernel,
    Padding,
    Stride,
    Dilation,
}

impl Setting {
    pub const ALL: [Setting; 5] = [
        Setting::Input,
        Setting::Kernel,
        Setting::Padding,
        Setting::Stride,
        Setting::Dilation,
    ];

    pub fn range(self) -> RangeInclusive<usize> {
        match self {
            Setting::Input => INPUT_SIZES,
            Setting::Kernel => KERNEL_SIZES,
            Setting::Padding => PADDINGS,
            Setting::Stride => STRIDES,
            Setting::Dilation => DILATIONS,
        }
    }

    /// The URL key.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Input => "in",
            Setting::Kernel => "k",
            Setting::Padding => "p",
            Setting::Stride => "s",
            Setting::Dilation => "d",
        }
    }
}

/// Cross-correlation (what CNN libraries compute) or true convolution (kernel flipped).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KernelMode {
    #[default]
    CrossCorrelation,
    Convolution,
}

impl KernelMode {
    pub fn key(self) -> &'static str {
        match self {
            KernelMode::CrossCorrelation => "corr",
            KernelMode::Convolution => "conv",
        }
    }

    fn from_key(key: &str) -> Option<KernelMode> {
        match key {
            "corr" => Some(KernelMode::CrossCorrelation),
            "conv" => Some(KernelMode::Convolution),
            _ => None,
        }
    }
}

/// Classic kernels. The fixed ones are 3×3; identity, box blur and random fit the current size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KernelPreset {
    Lecture,
    Identity,
    BoxBlur,
    Sharpen,
    Edge,
    SobelX,
    SobelY,
    Random,
}

impl KernelPreset {
    pub const ALL: [KernelPreset; 8] = [
        KernelPreset::Lecture,
        KernelPreset::Identity,
        KernelPreset::BoxBlur,
        KernelPreset::Sharpen,
        KernelPreset::Edge,
        KernelPreset::SobelX,
        KernelPreset::SobelY,
        KernelPreset::Random,
    ];

    /// The translation key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            KernelPreset::Lecture => "conv.kernel.lecture",
            KernelPreset::Identity => "conv.kernel.identity",
            KernelPreset::BoxBlur => "conv.kernel.blur",
            KernelPreset::Sharpen => "conv.kernel.sharpen",
            KernelPreset::Edge => "conv.kernel.edge",
            KernelPreset::SobelX => "conv.kernel.sobel_x",
            KernelPreset::SobelY => "conv.kernel.sobel_y",
            KernelPreset::Random => "conv.kernel.random",
        }
    }

    /// The fixed 3×3 values, if the preset has them.
    fn fixed(self) -> Option<[[f32; 3]; 3]> {
        match self {
            KernelPreset::Lecture => Some(LECTURE_KERNEL),
            KernelPreset::Sharpen => Some([[0., -1., 0.], [-1., 5., -1.], [0., -1., 0.]]),
            KernelPreset::Edge => Some([[-1., -1., -1.], [-1., 8., -1.], [-1., -1., -1.]]),
            KernelPreset::SobelX => Some([[-1., 0., 1.], [-2., 0., 2.], [-1., 0., 1.]]),
            KernelPreset::SobelY => Some([[-1., -2., -1.], [0., 0., 0.], [1., 2., 1.]]),
            KernelPreset::Identity | KernelPreset::BoxBlur | KernelPreset::Random => None,
        }
    }

    /// One kh×kw plane of this preset; fixed 3×3 presets are centred (cropped if smaller).
    pub fn plane(self, kh: usize, kw: usize, seed: u64) -> Vec<f32> {
        if let Some(fixed) = self.fixed() {
            let flat: Vec<f32> = fixed.iter().flatten().copied().collect();
            return fit_centred(&flat, 3, 3, kh, kw);
        }
        match self {
            KernelPreset::Identity => {
                let mut plane = vec![0.0; kh * kw];
                plane[(kh / 2) * kw + kw / 2] = 1.0;
                plane
            }
            KernelPreset::BoxBlur => vec![1.0 / (kh * kw) as f32; kh * kw],
            _ => {
                let mut rng = SplitMix(seed);
                (0..kh * kw).map(|_| rng.int(-2, 2) as f32).collect()
            }
        }
    }
}

/// Ready-made inputs. The lecture's face is the single-channel default, the colour preset the
/// RGB default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputPreset {
    Lecture,
    Colour,
    Random,
    Clear,
}

impl InputPreset {
    pub const ALL: [InputPreset; 4] = [
        InputPreset::Lecture,
        InputPreset::Colour,
        InputPreset::Random,
        InputPreset::Clear,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            InputPreset::Lecture => "conv.input.lecture",
            InputPreset::Colour => "conv.input.colour",
            InputPreset::Random => "conv.input.random",
            InputPreset::Clear => "conv.input.clear",
        }
    }
}

/// Optional panels below the lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// "Why convolution?": the flipped kernel and the explanation.
    Why,
    /// "As a matrix multiply": im2col.
    Im2col,
    /// "On a real image".
    RealImage,
}

impl View {
    pub const ALL: [View; 3] = [View::Why, View::Im2col, View::RealImage];

    fn key(self) -> &'static str {
        match self {
            View::Why => "why",
            View::Im2col => "im2col",
            View::RealImage => "real",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Sets input size, kernel size, padding, stride or dilation along one axis (along both
    /// while the axes are linked). Values are clamped to the control's range.
    Set {
        setting: Setting,
        axis: Axis,
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
    SetMode(KernelMode),
    SetView {
        view: View,
        open: bool,
    },
    SetDigit(usize),
    /// Hides the note about unusable URL parts.
    DismissNote,
    /// Back to the lecture's example.
    Reset,
    // Animation.
    Play,
    Pause,
    TogglePlay,
    /// One timer tick while playing: advance, and stop at the end.
    Tick,
    Step(isize),
    Seek(usize),
    JumpToEnd,
    SetSpeed(usize),
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
    pub mode: KernelMode,
    pub position: usize,
    pub playing: bool,
    /// 1 (slow) … 5 (fast).
    pub speed: usize,
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
        ConvState {
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
            mode: KernelMode::CrossCorrelation,
            position: 0,
            playing: false,
            speed: 3,
            show_why: false,
            show_im2col: false,
            show_real: false,
            digit: 0,
            ignored: Vec::new(),
        }
    }

    /// The RGB example: the colourful 7×7×3 input and two 3×3×3 filters.
    pub fn colour() -> ConvState {
        ConvState {
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
        }
    }

    pub fn window(&self, axis: Axis) -> Window {
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
            self.window(Axis::Height),
            self.window(Axis::Width),
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
        let p = self.position.min(total.checked_sub(1)?);
        Some((p / (oh * ow), (p / ow) % oh, p % ow))
    }

    /// Whether output cell (f, y, x) has been computed at the current cursor.
    pub fn is_revealed(&self, filter: usize, y: usize, x: usize) -> bool {
        match self.geometry() {
            Ok(g) => {
                let (oh, ow) = g.output();
                (filter * oh + y) * ow + x <= self.position
            }
            Err(_) => false,
        }
    }

    pub fn at_end(&self) -> bool {
        self.position + 1 >= self.total_steps()
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

    fn clamp_position(&mut self) {
        let total = self.total_steps();
        if total > 0 {
            self.position = self.position.min(total - 1);
        }
        if total == 0 {
            self.playing = false;
        }
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
                let new = self
                    .value(setting)
                    .updated(axis, value, setting.range(), self.linked);
                match setting {
                    Setting::Input => self.resize_input(new),
                    Setting::Kernel => self.resize_kernel(new),
                    Setting::Padding => self.padding = new,
                    Setting::Stride => self.stride = new,
                    Setting::Dilation => self.dilation = new,
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
                            axis: Axis::Width,
                            value: h,
                        });
                        self.linked = true;
                    }
                }
            }
            Action::SetChannels(channels) => {
                let keep = (self.speed, self.show_why, self.show_im2col, self.show_real);
                *self = if channels == 3 {
                    ConvState::colour()
                } else {
                    ConvState::lecture()
                };
                (self.speed, self.show_why, self.show_im2col, self.show_real) = keep;
            }
            Action::SetFilters(filters) => {
                let filters = filters.clamp(*FILTERS.start(), *FILTERS.end());
                let (kh, kw) = (self.kernel_size.h, self.kernel_size.w);
                let per_filter = self.channels * kh * kw;
                self.weights.truncate(filters * per_filter);
                self.bias.truncate(filters);
                // New filters start from a classic kernel rather than zeros, so that they show something.
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
                    if preset.fixed().is_some() {
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
                let speed = self.speed;
                *self = ConvState::lecture();
                self.speed = speed;
            }
            Action::Play => {
                if self.total_steps() > 0 {
                    if self.at_end() {
                        self.position = 0;
                    }
                    self.playing = true;
                }
            }
            Action::Pause => self.playing = false,
            Action::TogglePlay => {
                let next = if self.playing {
                    Action::Pause
                } else {
                    Action::Play
                };
                self.reduce(next);
            }
            Action::Tick => {
                if self.playing {
                    if self.at_end() {
                        self.playing = false;
                    } else {
                        self.position += 1;
                        if self.at_end() {
                            self.playing = false;
                        }
                    }
                }
            }
            Action::Step(delta) => {
                self.playing = false;
                let total = self.total_steps();
                if total > 0 {
                    let p = self.position.min(total - 1) as isize + delta;
                    self.position = p.clamp(0, total as isize - 1) as usize;
                }
            }
            Action::Seek(position) => {
                self.playing = false;
                self.position = position;
                self.clamp_position();
            }
            Action::JumpToEnd => {
                self.playing = false;
                self.position = self.total_steps().saturating_sub(1);
            }
            Action::SetSpeed(speed) => self.speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end()),
        }
    }

    fn weight_in_range(&self, f: usize, c: usize, y: usize, x: usize) -> bool {
        f < self.filters && c < self.channels && y < self.kernel_size.h && x < self.kernel_size.w
    }

    fn resize_input(&mut self, size: PerAxis) {
        let old = self.input_size;
        let mut input = Vec::with_capacity(self.channels * size.h * size.w);
        for c in 0..self.channels {
            let plane = &self.input[c * old.h * old.w..(c + 1) * old.h * old.w];
            input.extend(fit_top_left(plane, old.h, old.w, size.h, size.w));
        }
        self.input = input;
        self.input_size = size;
    }

    fn resize_kernel(&mut self, size: PerAxis) {
        let old = self.kernel_size;
        let mut weights = Vec::with_capacity(self.filters * self.channels * size.h * size.w);
        for plane in self.weights.chunks(old.h * old.w) {
            weights.extend(fit_top_left(plane, old.h, old.w, size.h, size.w));
        }
        self.weights = weights;
        self.kernel_size = size;
    }

    fn apply_input_preset(&mut self, preset: InputPreset, seed: u64) {
        match preset {
            InputPreset::Lecture | InputPreset::Colour => {
                let (channels, h, w, data): (usize, usize, usize, Vec<f32>) =
                    if preset == InputPreset::Lecture {
                        (1, 7, 7, LECTURE_INPUT.iter().flatten().copied().collect())
                    } else {
                        (
                            3,
                            7,
                            7,
                            COLOUR_INPUT.iter().flatten().flatten().copied().collect(),
                        )
                    };
                let plane = h * w;
                let mut input = Vec::new();
                for c in 0..self.channels {
                    // The face in every channel of an RGB input; the colour picture's channels
                    // summed into one for a greyscale input.
                    let src: Vec<f32> = if channels == 1 {
                        data.clone()
                    } else if self.channels == 3 {
                        data[c * plane..(c + 1) * plane].to_vec()
                    } else {
                        (0..plane)
                            .map(|i| (0..3).map(|k| data[k * plane + i]).sum())
                            .collect()
                    };
                    input.extend(src);
                }
                self.input = input;
                self.input_size = PerAxis { h, w };
            }
            InputPreset::Random => {
                let mut rng = SplitMix(seed);
                for v in &mut self.input {
                    *v = rng.int(0, 1) as f32;
                }
            }
            InputPreset::Clear => self.input.iter_mut().for_each(|v| *v = 0.0),
        }
        self.clamp_position();
    }

    /// The section's URL query (without the shell's `lang`).
    pub fn to_query(&self) -> String {
        let pair = |p: PerAxis| format_pair(p.h, p.w);
        let mut pairs: Vec<(&str, String)> = vec![
            ("ch", self.channels.to_string()),
            ("in", pair(self.input_size)),
            ("k", pair(self.kernel_size)),
            ("p", pair(self.padding)),
            ("s", pair(self.stride)),
            ("d", pair(self.dilation)),
        ];
        if !self.linked {
            pairs.push(("link", "0".to_string()));
        }
        pairs.push(("f", self.filters.to_string()));
        pairs.push(("mode", self.mode.key().to_string()));
        pairs.push((
            "x",
            format_planes(&self.input, self.input_size.h, self.input_size.w),
        ));
        let per_filter = self.channels * self.kernel_size.h * self.kernel_size.w;
        const WEIGHT_KEYS: [&str; 4] = ["w0", "w1", "w2", "w3"];
        for (f, key) in WEIGHT_KEYS.iter().enumerate().take(self.filters) {
            pairs.push((
                key,
                format_planes(
                    &self.weights[f * per_filter..(f + 1) * per_filter],
                    self.kernel_size.h,
                    self.kernel_size.w,
                ),
            ));
        }
        pairs.push(("b", format_list(&self.bias)));
        pairs.push(("at", self.position.to_string()));
        pairs.push(("speed", self.speed.to_string()));
        for view in View::ALL {
            let open = match view {
                View::Why => self.show_why,
                View::Im2col => self.show_im2col,
                View::RealImage => self.show_real,
            };
            if open {
                pairs.push((view.key(), "1".to_string()));
            }
        }
        if self.digit != 0 {
            pairs.push(("digit", self.digit.to_string()));
        }
        join_pairs(pairs)
    }

    /// Reads a state from a URL query. Anything missing keeps its default; anything garbled or
    /// truncated falls back to the default and its key is listed in `ignored`, for a visible note.
    pub fn from_query(query: &str) -> ConvState {
        let mut q = QueryReader::new(
            query,
            &[
                "ch", "in", "k", "p", "s", "d", "link", "f", "mode", "x", "w0", "w1", "w2", "w3",
                "b", "at", "speed", "why", "im2col", "real", "digit",
            ],
        );
        let mut state = match q.read("ch", |v| ["1", "3"].contains(&v).then_some(v == "3")) {
            Some(true) => ConvState::colour(),
            _ => ConvState::lecture(),
        };
        state.linked = false;
        for setting in Setting::ALL {
            let range = setting.range();
            if let Some((h, w)) = q.read(setting.key(), |v| {
                parse_pair(v, *range.start(), *range.end())
            }) {
                for (axis, value) in [(Axis::Height, h), (Axis::Width, w)] {
                    state.reduce(Action::Set {
                        setting,
                        axis,
                        value,
                    });
                }
            }
        }
        if let Some(f) = q.whole("f", FILTERS) {
            state.reduce(Action::SetFilters(f));
        }
        // Linked only when every setting is the same on both axes, whatever the link says.
        state.linked = q.flag("link") != Some(false)
            && Setting::ALL.iter().all(|&s| {
                let v = state.value(s);
                v.h == v.w
            });
        if let Some(mode) = q.read("mode", KernelMode::from_key) {
            state.mode = mode;
        }
        let PerAxis { h, w } = state.input_size;
        if let Some(data) = q.read("x", |v| parse_planes(v, state.channels, h, w)) {
            state.input = data;
        }
        let PerAxis { h: kh, w: kw } = state.kernel_size;
        let per_filter = state.channels * kh * kw;
        for (f, key) in ["w0", "w1", "w2", "w3"].into_iter().enumerate() {
            let filters = state.filters;
            let channels = state.channels;
            if let Some(data) = q.read(key, |v| {
                parse_planes(v, channels, kh, kw).filter(|_| f < filters)
            }) {
                state.weights[f * per_filter..(f + 1) * per_filter].copy_from_slice(&data);
            }
        }
        if let Some(bias) = q.read("b", |v| parse_list(v, state.filters)) {
            state.bias = bias;
        }
        if let Some(speed) = q.whole("speed", SPEEDS) {
            state.speed = speed;
        }
        for view in View::ALL {
            if let Some(open) = q.flag(view.key()) {
                state.reduce(Action::SetView { view, open });
            }
        }
        if let Some(d) = q.whole("digit", DIGITS) {
            state.digit = d;
        }
        if let Some(at) = q.whole("at", 0..=state.total_steps().max(1) - 1) {
            state.position = at;
        }
        state.ignored = q.finish();
        state
    }
}

/// Copies the overlapping top-left part of an h×w plane into a new nh×nw plane of zeros.
pub fn fit_top_left(plane: &[f32], h: usize, w: usize, nh: usize, nw: usize) -> Vec<f32> {
    let mut out = vec![0.0; nh * nw];
    for y in 0..h.min(nh) {
        for x in 0..w.min(nw) {
            out[y * nw + x] = plane[y * w + x];
        }
    }
    out
}

/// Places an h×w plane in the centre of a new nh×nw plane (cropping it when smaller).
pub fn fit_centred(plane: &[f32], h: usize, w: usize, nh: usize, nw: usize) -> Vec<f32> {
    let mut out = vec![0.0; nh * nw];
    for y in 0..nh {
        for x in 0..nw {
            // Source coordinates relative to the aligned centres.
            let sy = y as isize - (nh as isize - h as isize) / 2;
            let sx = x as isize - (nw as isize - w as isize) / 2;
            if (0..h as isize).contains(&sy) && (0..w as isize).contains(&sx) {
                out[y * nw + x] = plane[sy as usize * w + sx as usize];
            }
        }
    }
    out
}

impl UrlState for ConvState {
    type Action = Action;

    fn from_query(query: &str) -> Self {
        ConvState::from_query(query)
    }

    fn to_query(&self) -> String {
        ConvState::to_query(self)
    }

    fn reduce(&mut self, action: Action) {
        ConvState::reduce(self, action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(setting: Setting, value: usize) -> Action {
        Action::Set {
            setting,
            axis: Axis::Height,
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
            axis: Axis::Width,
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
        s.reduce(Action::Play);
        assert!(!s.playing);
        s.reduce(Action::Step(1));
        s.reduce(Action::Tick);
    }

    #[test]
    fn animation_walks_every_cell_and_stops_at_the_end() {
        let mut s = ConvState::default();
        s.reduce(Action::Play);
        assert!(s.playing);
        for _ in 0..6 {
            s.reduce(Action::Tick);
        }
        // Position 6 of a 5×5 map is row 1, column 1.
        assert_eq!(s.current(), Some((0, 1, 1)));
        assert!(s.is_revealed(0, 1, 0) && s.is_revealed(0, 1, 1) && !s.is_revealed(0, 1, 2));
        for _ in 0..100 {
            s.reduce(Action::Tick);
        }
        assert_eq!(s.position, 24);
        assert!(!s.playing, "stops at the end");
        s.reduce(Action::Play);
        assert_eq!(s.position, 0, "playing again from the end restarts");
        s.reduce(Action::Step(-3));
        assert_eq!(s.position, 0);
        assert!(!s.playing, "stepping pauses");
        s.reduce(Action::Step(3));
        assert_eq!(s.current(), Some((0, 0, 3)));
        s.reduce(Action::JumpToEnd);
        assert_eq!(s.current(), Some((0, 4, 4)));
        s.reduce(Action::Seek(1000));
        assert_eq!(s.position, 24);
        // Shrinking the output clamps the cursor.
        s.reduce(set(Setting::Stride, 2));
        assert_eq!(s.position, 8);
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
        s.reduce(Action::JumpToEnd);
        assert_eq!(s.current(), Some((3, 4, 4)));
        s.reduce(Action::SetFilters(1));
        assert_eq!(s.weights.len(), 27);
        assert_eq!(s.position, 24);
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
    fn url_round_trips_the_whole_state() {
        let mut s = ConvState::default();
        s.reduce(Action::SetChannels(3));
        s.reduce(Action::SetFilters(3));
        s.reduce(Action::SetLinked(false));
        s.reduce(Action::Set {
            setting: Setting::Input,
            axis: Axis::Width,
            value: 9,
        });
        s.reduce(Action::Set {
            setting: Setting::Padding,
            axis: Axis::Height,
            value: 2,
        });
        s.reduce(Action::SetWeight {
            filter: 2,
            channel: 1,
            y: 2,
            x: 0,
            value: 1.0 / 3.0,
        });
        s.reduce(Action::SetBias {
            filter: 1,
            value: -0.5,
        });
        s.reduce(Action::SetMode(KernelMode::Convolution));
        s.reduce(Action::SetView {
            view: View::Im2col,
            open: true,
        });
        s.reduce(Action::SetDigit(7));
        s.reduce(Action::Step(5));
        let q = s.to_query();
        let back = ConvState::from_query(&q);
        assert!(back.ignored.is_empty(), "{:?}", back.ignored);
        assert_eq!(back, s, "{q}");

        let lecture = ConvState::default();
        assert_eq!(ConvState::from_query(&lecture.to_query()), lecture);
        assert_eq!(ConvState::from_query(""), lecture);
    }

    #[test]
    fn short_url_from_the_lecture() {
        let s = ConvState::from_query("in=7&k=3&p=1&s=2");
        assert!(s.ignored.is_empty());
        assert_eq!(s.input, ConvState::lecture().input);
        let g = s.geometry().unwrap();
        assert_eq!(g.width.formula(), "(7 + 2·1 − 3) / 2 + 1 = 4");
        assert!(s.linked);
    }

    #[test]
    fn garbage_and_truncated_urls_fall_back_with_a_note() {
        let s = ConvState::from_query("in=banana&k=3&x=0,1;1&zzz=1&p=9");
        assert_eq!(s.input_size, PerAxis::both(7));
        assert_eq!(s.input, ConvState::lecture().input);
        assert_eq!(s.padding, PerAxis::both(0));
        assert_eq!(s.ignored, vec!["zzz", "in", "p", "x"]);
        // A link cut in the middle of the input grid.
        let full = ConvState::default().to_query();
        let cut = &full[..full.find("x=").unwrap() + 20];
        let s = ConvState::from_query(cut);
        assert_eq!(s.ignored, vec!["x"]);
        assert_eq!(s.input, ConvState::lecture().input);
        // Random bytes never panic.
        for junk in [
            "%%%", "&&&=", "=", "x=;;;", "w0=1/2/3", "at=99999", "ch=7", "f=0",
        ] {
            let s = ConvState::from_query(junk);
            assert!(!s.ignored.is_empty(), "{junk}");
        }
    }
}
