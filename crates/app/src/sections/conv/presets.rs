//! Ready-made inputs and kernels: the lecture's face and feature detector, the colourful RGB
//! picture with its two filters, and the classic kernels (identity, blur, sharpen, edges, Sobel).

use super::fit::fit_centred;
use super::settings::PerAxis;
use crate::query::SplitMix;

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

/// Classic kernels. Sharpen, edges and Sobel are 3×3; identity, box blur and random fit the current size.
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

    /// The 3×3 values, for the presets that are 3×3 by definition.
    pub fn values_3x3(self) -> Option<[[f32; 3]; 3]> {
        match self {
            KernelPreset::Lecture => Some(LECTURE_KERNEL),
            KernelPreset::Sharpen => Some([[0., -1., 0.], [-1., 5., -1.], [0., -1., 0.]]),
            KernelPreset::Edge => Some([[-1., -1., -1.], [-1., 8., -1.], [-1., -1., -1.]]),
            KernelPreset::SobelX => Some([[-1., 0., 1.], [-2., 0., 2.], [-1., 0., 1.]]),
            KernelPreset::SobelY => Some([[-1., -2., -1.], [0., 0., 0.], [1., 2., 1.]]),
            KernelPreset::Identity | KernelPreset::BoxBlur | KernelPreset::Random => None,
        }
    }

    /// One kh×kw plane of this preset; 3×3 presets are centred (cropped if smaller).
    pub fn plane(self, kh: usize, kw: usize, seed: u64) -> Vec<f32> {
        if let Some(values) = self.values_3x3() {
            let flat: Vec<f32> = values.iter().flatten().copied().collect();
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
    /// The slide «Считаем размер выхода»: I = 5, F = 3, S = 1, P = 0 → 3×3 (the centre 5×5 of
    /// the lecture's face, or of the colour picture in RGB mode).
    SlideSize,
    Random,
    Clear,
}

impl InputPreset {
    pub const ALL: [InputPreset; 5] = [
        InputPreset::Lecture,
        InputPreset::Colour,
        InputPreset::SlideSize,
        InputPreset::Random,
        InputPreset::Clear,
    ];

    /// The picture of a fixed preset for an input of `channels` channels: its size and
    /// `channels` planes. The lecture's face fills every channel of an RGB input; the colour
    /// picture's channels are summed into one for a greyscale input. `None` for Random and Clear,
    /// which keep the current size.
    pub fn picture(self, channels: usize) -> Option<(PerAxis, Vec<f32>)> {
        let face: Vec<f32> = LECTURE_INPUT.iter().flatten().copied().collect();
        let colour: Vec<f32> = COLOUR_INPUT.iter().flatten().flatten().copied().collect();
        let plane = 49;
        let channel = |c: usize| -> Vec<f32> {
            match (self, channels) {
                (InputPreset::Lecture, _) | (InputPreset::SlideSize, 1) => face.clone(),
                (_, 3) => colour[c * plane..(c + 1) * plane].to_vec(),
                _ => (0..plane)
                    .map(|i| (0..3).map(|k| colour[k * plane + i]).sum())
                    .collect(),
            }
        };
        let (size, crop) = match self {
            InputPreset::Lecture | InputPreset::Colour => (7, false),
            InputPreset::SlideSize => (5, true),
            InputPreset::Random | InputPreset::Clear => return None,
        };
        let data = (0..channels)
            .flat_map(|c| {
                let full = channel(c);
                if crop {
                    fit_centred(&full, 7, 7, size, size)
                } else {
                    full
                }
            })
            .collect();
        Some((PerAxis::both(size), data))
    }

    pub fn label_key(self) -> &'static str {
        match self {
            InputPreset::Lecture => "conv.input.lecture",
            InputPreset::Colour => "conv.input.colour",
            InputPreset::SlideSize => "conv.input.slide_size",
            InputPreset::Random => "conv.input.random",
            InputPreset::Clear => "conv.input.clear",
        }
    }
}
