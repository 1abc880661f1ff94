//! From the pad's raster to a verdict: the core's MNIST-style preprocessing, the network's
//! forward pass, and everything the section shows about both — in plain Rust, tested natively.

use cnn::mnist::Mnist;
use cnn::preprocess::{GreyImage, PixelFormat, Preprocessed, preprocess_digit};
use cnn::{Lang, Localized, Network, Tensor};

use super::image::{Grey, Overlay};
use super::pad::LoadedDigit;
use super::verdict::Verdict;

/// A network ready to classify, with its description.
#[derive(Clone)]
pub struct Model {
    pub network: Network,
    /// The architecture in the spec's text form.
    pub spec: String,
    pub params: usize,
}

impl Model {
    /// Decodes a weights file (the core's versioned format).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, cnn::weights::WeightsError> {
        let network = cnn::weights::load(bytes)?;
        Ok(Model::new(network))
    }

    pub fn new(network: Network) -> Model {
        Model {
            spec: network.spec().to_string(),
            params: network.num_params(),
            network,
        }
    }

    /// Side of the (square) network input.
    pub fn input_size(&self) -> usize {
        self.network.input_shape().height
    }
}

/// The MNIST digits and the positions of the 1,000 held-out ones.
pub struct TestDigits {
    data: Mnist,
    test: Vec<usize>,
}

impl TestDigits {
    pub fn parse(bytes: &[u8]) -> Result<TestDigits, cnn::mnist::MnistError> {
        let data = Mnist::parse(bytes)?;
        let test = data.split().test;
        Ok(TestDigits { data, test })
    }

    pub fn len(&self) -> usize {
        self.test.len()
    }

    pub fn is_empty(&self) -> bool {
        self.test.is_empty()
    }

    /// Held-out digit number `n`, counted from 1 as the picker shows it.
    pub fn get(&self, n: usize) -> Option<LoadedDigit> {
        let index = *self.test.get(n.checked_sub(1)?)?;
        Some(LoadedDigit {
            index,
            label: self.data.label(index),
            pixels: self.data.image(index).to_vec(),
        })
    }
}

/// One layer's activations for the "inside the network" view (item 0 of the last forward).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMaps {
    pub name: String,
    /// channels, height, width
    pub shape: [usize; 3],
    pub data: Vec<f32>,
}

/// Everything the section shows about one drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The ink's bounding box in pad pixels: x, y, width, height.
    pub bbox: [usize; 4],
    pub cropped: Grey,
    pub scaled: Grey,
    pub centred: Grey,
    /// Centre of mass (x, y) of the scaled digit, in its own pixels.
    pub centre_of_mass: (f32, f32),
    /// Where the scaled digit's top-left corner lands in the 28×28 field.
    pub offset: (usize, usize),
    /// The network's input window, and where it sits in the 28×28 field.
    pub input: Grey,
    pub input_offset: usize,
    pub probabilities: Vec<f32>,
    pub verdict: Verdict,
    pub layers: Vec<LayerMaps>,
}

impl Analysis {
    /// The pipeline steps as (i18n key, image, overlays, caption).
    pub fn steps(&self) -> Vec<(&'static str, Grey, Vec<Overlay>, String)> {
        let [x, y, w, h] = self.bbox;
        let (cx, cy) = self.centre_of_mass;
        let (ox, oy) = (self.offset.0 as f32, self.offset.1 as f32);
        let n = self.input.width as f32;
        let o = self.input_offset as f32;
        vec![
            (
                "draw.pipeline.bbox",
                self.cropped.clone(),
                vec![],
                format!("x {x}…{}, y {y}…{} ({w}×{h})", x + w, y + h),
            ),
            (
                "draw.pipeline.scaled",
                self.scaled.clone(),
                vec![],
                format!(
                    "{}×{} · ({cx:.1}, {cy:.1})",
                    self.scaled.width, self.scaled.height
                ),
            ),
            (
                "draw.pipeline.centred",
                self.centred.clone(),
                vec![
                    Overlay::Cross {
                        x: cx + ox,
                        y: cy + oy,
                    },
                    Overlay::Rect {
                        x: o,
                        y: o,
                        w: n,
                        h: n,
                    },
                ],
                format!("28×28 · +({}, {}) → ({:.1}, {:.1})", self.offset.0, self.offset.1, cx + ox, cy + oy),
            ),
            (
                "draw.pipeline.input",
                self.input.clone(),
                vec![],
                format!("{}×{}", self.input.width, self.input.height),
            ),
        ]
    }

    /// The digit the section shows, if any.
    pub fn digit(&self) -> Option<u8> {
        self.verdict.digit()
    }
}

/// Preprocesses a `size`×`size` grey raster (ink = 255) and classifies it.
///
/// An empty raster is an error from the core ("nothing drawn"), shown inline by the caller
/// (which normally checks `Pad::is_empty` first and shows the hint instead).
pub fn analyse(raster: &[u8], size: usize, model: &mut Model, lang: Lang) -> Result<Analysis, String> {
    let input_size = model.input_size();
    let pre = preprocess_digit(raster, size, size, PixelFormat::Grey, input_size)
        .map_err(|e| e.message(lang))?;
    let probabilities = model.network.predict(&pre.input);
    let layers = model
        .network
        .layer_outputs()
        .into_iter()
        .map(|v| LayerMaps {
            name: v.name,
            shape: [v.shape.channels, v.shape.height, v.shape.width],
            data: v.data,
        })
        .collect();
    Ok(from_preprocessed(&pre, input_size, probabilities, layers))
}

fn from_preprocessed(
    pre: &Preprocessed,
    input_size: usize,
    probabilities: Vec<f32>,
    layers: Vec<LayerMaps>,
) -> Analysis {
    let verdict = Verdict::from_probabilities(&probabilities);
    Analysis {
        bbox: [
            pre.bbox.x0,
            pre.bbox.y0,
            pre.bbox.width(),
            pre.bbox.height(),
        ],
        cropped: grey_of(&pre.cropped),
        scaled: grey_of(&pre.scaled20),
        centred: grey_of(&pre.centred28),
        centre_of_mass: pre.centre_of_mass,
        offset: pre.offset,
        input: grey_of_tensor(&pre.input),
        input_offset: (28usize.saturating_sub(input_size)) / 2,
        probabilities,
        verdict,
        layers,
    }
}

fn grey_of(image: &GreyImage) -> Grey {
    Grey::from_unit(image.width, image.height, &image.data)
}

/// A single-channel tensor with values in 0..=1 as a grey image.
fn grey_of_tensor(t: &Tensor) -> Grey {
    let s = t.shape();
    Grey::from_unit(s.width, s.height, t.channel(0))
}
