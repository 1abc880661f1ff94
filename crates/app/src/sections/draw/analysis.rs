//! From the pad's raster to a verdict: the core's MNIST-style preprocessing, the network's
//! forward pass, and everything the section shows about both — in plain Rust, tested natively.

use std::rc::Rc;

use cnn::mnist::Mnist;
use cnn::preprocess::{GreyImage, PixelFormat, Preprocessed, preprocess_digit};
use cnn::saliency::{Saliency, SaliencyMethod, saliency};
use cnn::{Lang, Localized, Network, Tensor};

use super::image::{Grey, Overlay};
use super::pad::LoadedDigit;
use super::verdict::Verdict;
use crate::training::snapshot::{NetSnapshot, snapshot};

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
    /// Every layer's activation maps and the filters, for the shared network view.
    pub inside: Rc<NetSnapshot>,
    /// What the network looked at: the chosen method's maps for every class.
    pub saliency: Rc<Saliency>,
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
                format!(
                    "28×28 · +({}, {}) → ({:.1}, {:.1})",
                    self.offset.0,
                    self.offset.1,
                    cx + ox,
                    cy + oy
                ),
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

/// Preprocesses a `size`×`size` grey raster (ink = 255), classifies it and computes the
/// `method`'s saliency maps.
///
/// An empty raster is an error from the core ("nothing drawn"), shown inline by the caller
/// (which normally checks `Pad::is_empty` first and shows the hint instead).
pub fn analyse(
    raster: &[u8],
    size: usize,
    model: &mut Model,
    lang: Lang,
    method: SaliencyMethod,
) -> Result<Analysis, String> {
    let input_size = model.input_size();
    let pre = preprocess_digit(raster, size, size, PixelFormat::Grey, input_size)
        .map_err(|e| e.message(lang))?;
    let probabilities = model.network.predict(&pre.input);
    let mut inside = snapshot(&model.network, 0, None);
    // The drawn digit is about activations; the filters are the Training section's subject.
    inside.filters.clear();
    let inside = Rc::new(inside);
    // After the snapshot: occlusion's forward passes replace the network's last one.
    let saliency = Rc::new(saliency(&mut model.network, &pre.input, method));
    Ok(from_preprocessed(
        &pre,
        input_size,
        probabilities,
        inside,
        saliency,
    ))
}

fn from_preprocessed(
    pre: &Preprocessed,
    input_size: usize,
    probabilities: Vec<f32>,
    inside: Rc<NetSnapshot>,
    saliency: Rc<Saliency>,
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
        inside,
        saliency,
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::sections::draw::pad::{PAD_SIZE, Pad, Point};

    fn asset(path: &str) -> Vec<u8> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn pretrained() -> Model {
        Model::from_bytes(&asset("web/weights/pretrained.bin")).expect("pretrained weights")
    }

    /// Draws polylines given in a 0..1 unit square mapped onto `(x, y, size)` of the pad.
    fn drawn(strokes: &[&[(f32, f32)]], x: f32, y: f32, size: f32) -> Pad {
        let mut pad = Pad::new();
        for stroke in strokes {
            let at = |&(u, v): &(f32, f32)| Point::new(x + u * size, y + v * size);
            let mut points = stroke.iter().map(at);
            pad.begin_stroke(points.next().expect("a point"));
            for p in points {
                pad.extend_stroke(p);
            }
            pad.end_stroke();
        }
        pad
    }

    /// A polyline through many points, as a mouse would report it.
    fn dense(points: &[(f32, f32)]) -> Vec<(f32, f32)> {
        let mut out = vec![points[0]];
        for w in points.windows(2) {
            for i in 1..=10 {
                let t = i as f32 / 10.0;
                out.push((
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                ));
            }
        }
        out
    }

    fn one() -> Vec<(f32, f32)> {
        dense(&[(0.52, 0.0), (0.5, 0.5), (0.48, 1.0)])
    }
    fn seven() -> Vec<(f32, f32)> {
        dense(&[(0.1, 0.0), (0.9, 0.0), (0.6, 0.45), (0.35, 1.0)])
    }
    fn zero() -> Vec<(f32, f32)> {
        let pts: Vec<(f32, f32)> = (0..=48)
            .map(|i| {
                let a = -std::f32::consts::FRAC_PI_2 + i as f32 / 48.0 * std::f32::consts::TAU;
                (0.5 + 0.33 * a.cos(), 0.5 + 0.5 * a.sin())
            })
            .collect();
        pts
    }

    fn classify(model: &mut Model, pad: &Pad) -> Analysis {
        analyse(
            pad.raster(),
            PAD_SIZE,
            model,
            Lang::En,
            SaliencyMethod::GradientTimesInput,
        )
        .expect("a drawing classifies")
    }

    #[test]
    fn strokes_forming_1_7_0_are_recognised_at_any_size_and_place() {
        let mut model = pretrained();
        let digits: [(u8, Vec<(f32, f32)>); 3] = [(1, one()), (7, seven()), (0, zero())];
        // (x, y, size): large and centred, small (strokes thick relative to the digit),
        // off-centre in a corner, and touching the pad's edge.
        let placements = [
            (40.0, 40.0, 200.0),
            (120.0, 110.0, 70.0),
            (10.0, 150.0, 110.0),
            (170.0, 0.0, 110.0),
        ];
        for (label, stroke) in &digits {
            for &(x, y, size) in &placements {
                let pad = drawn(&[stroke], x, y, size);
                let a = classify(&mut model, &pad);
                assert_eq!(
                    a.digit(),
                    Some(*label),
                    "{label} at ({x}, {y}) size {size}: {:?}",
                    a.probabilities
                );
            }
        }
    }

    /// What the page shows when a weights file does not decode (`Load::Failed` holds the
    /// [`Text`](crate::training::protocol::Text) of the core's error): Russian in the Russian UI.
    #[test]
    fn a_broken_weights_file_is_explained_in_the_page_language() {
        use crate::training::protocol::Text;
        let broken = asset("web/weights/pretrained.bin")[..40].to_vec();
        let text = Text::from_error(&Model::from_bytes(&broken).err().expect("refused"));
        assert!(
            text.get(Lang::Ru)
                .starts_with("файл весов повреждён: контрольная сумма"),
            "{text:?}"
        );
        assert!(
            text.get(Lang::En)
                .starts_with("the weights file is corrupt"),
            "{text:?}"
        );
        let mut other = asset("web/weights/pretrained.bin");
        other[..8].copy_from_slice(b"NOTCONVL");
        let text = Text::from_error(&Model::from_bytes(&other).err().expect("refused"));
        assert_eq!(
            text.get(Lang::Ru),
            "это не файл весов ConvLab (неверная сигнатура)"
        );
    }

    #[test]
    fn the_pipeline_of_a_vertical_stroke_has_the_expected_box_and_centre() {
        let mut model = pretrained();
        let pad = drawn(&[&one()], 40.0, 40.0, 200.0);
        let a = classify(&mut model, &pad);
        // The stroke runs x 144 → 136, y 40 → 240, with a radius of 11 px (round caps).
        let [x, y, w, h] = a.bbox;
        assert!((124..=126).contains(&x), "{:?}", a.bbox);
        assert!((28..=30).contains(&y), "{:?}", a.bbox);
        assert!((30..=34).contains(&w), "{:?}", a.bbox);
        assert!((221..=223).contains(&h), "{:?}", a.bbox);
        assert_eq!((a.scaled.height, a.cropped.height), (20, h));
        assert_eq!((a.centred.width, a.centred.height), (28, 28));
        let (cx, cy) = (
            a.centre_of_mass.0 + a.offset.0 as f32,
            a.centre_of_mass.1 + a.offset.1 as f32,
        );
        assert!(
            (cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5,
            "{cx}, {cy}"
        );
        assert_eq!((a.input.width, a.input.height), (24, 24));
        assert_eq!(a.steps().len(), 4);
        assert_eq!(a.inside.input.name, "input");
        assert_eq!(a.inside.layers.last().map(|l| l.channels), Some(10));
        assert_eq!(a.inside.probs, a.probabilities);
    }

    #[test]
    fn odd_drawings_never_crash() {
        let mut model = pretrained();
        // A single dot, a dot in a corner, a scribble over the whole pad, strokes along all
        // four edges, and an empty pad (an error message, not a panic).
        let cases: Vec<Pad> = vec![
            drawn(&[&[(0.5, 0.5)]], 0.0, 0.0, 280.0),
            drawn(&[&[(0.0, 0.0)]], 0.0, 0.0, 280.0),
            drawn(
                &[&dense(&[(0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0)])],
                0.0,
                0.0,
                280.0,
            ),
            drawn(
                &[
                    &dense(&[(0.0, 0.0), (1.0, 0.0)]),
                    &dense(&[(1.0, 0.0), (1.0, 1.0)]),
                    &dense(&[(0.0, 1.0), (1.0, 1.0)]),
                    &dense(&[(0.0, 0.0), (0.0, 1.0)]),
                ],
                0.0,
                0.0,
                280.0,
            ),
            drawn(&[&dense(&[(0.0, 0.5), (1.0, 0.5)])], 0.0, 0.0, 280.0),
        ];
        for pad in &cases {
            let a = classify(&mut model, pad);
            let sum: f32 = a.probabilities.iter().sum();
            assert!((sum - 1.0).abs() < 1e-3, "{:?}", a.probabilities);
            assert!(a.digit().is_some());
        }
        let empty = Pad::new();
        let err = analyse(
            empty.raster(),
            PAD_SIZE,
            &mut model,
            Lang::En,
            SaliencyMethod::Occlusion,
        )
        .unwrap_err();
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn held_out_digits_scaled_up_onto_the_pad_are_recognised() {
        let mut model = pretrained();
        let digits = TestDigits::parse(&asset("web/mnist/mnist-10k.bin")).expect("mnist");
        assert_eq!(digits.len(), 1000);
        let mut correct = 0;
        let numbers: Vec<usize> = (0..100).map(|i| 1 + i * 10).collect();
        for &n in &numbers {
            let digit = digits.get(n).expect("a held-out digit");
            let label = digit.label;
            let mut pad = Pad::new();
            assert!(pad.load_digit(digit));
            if classify(&mut model, &pad).digit() == Some(label) {
                correct += 1;
            }
        }
        // Through the pad (upscaled ×10, then preprocessed again) nearly all still classify.
        assert!(correct >= 96, "{correct}/100");
        assert!(digits.get(0).is_none() && digits.get(1001).is_none());
    }
}
