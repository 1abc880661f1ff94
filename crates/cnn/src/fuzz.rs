//! Fuzz targets for everything that reads outside input: the spec parser and the layer table,
//! the weights loader, the MNIST asset parser, the digit preprocessing and the pen rasteriser.
//!
//! Each [`Target`] runs one case from a seed (PCG32, so a failing seed reproduces the case
//! exactly) and panics when an invariant breaks. What every target checks:
//!
//! - no panic (overflow and debug assertions included: the tests and `cargo xtask fuzz` build
//!   with them), and every error has a message in both languages;
//! - what is accepted is well formed: a parsed spec reads back from its own text, a loaded
//!   network has finite weights and saves to a file that loads to the same network, a parsed
//!   asset has labels 0–9 and crops in 0..1, a preprocessed digit is a 1×N×N input in 0..1;
//! - inputs are *structured*: valid specs, saved weights and small assets built in memory,
//!   mutated (bits flipped, bytes cut, inserted or overwritten with huge numbers such as a
//!   header claiming 2⁴⁰ floats, checksums fixed so the mutation reaches the parser behind
//!   them), and grammar-built texts with extreme numbers; plus raw random bytes.
//!
//! Hangs and unbounded allocation are caught by the driver of `cargo xtask fuzz` (a time limit
//! per case and a counting allocator); the unit tests run a few thousand cases per target.

use std::sync::OnceLock;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use crate::lang::{Lang, Localized};
use crate::layer_table::LayerTable;
use crate::mnist::{self, Mnist};
use crate::network::{Network, NetworkSpec};
use crate::preprocess::{self, PixelFormat};
use crate::tensor::Tensor;
use crate::{pen, presets, weights};

/// One fuzz target: `run(seed)` generates a case from the seed and checks it (panics on a bug).
#[derive(Clone, Copy)]
pub struct Target {
    pub name: &'static str,
    pub run: fn(u64),
}

/// The core's targets, in the order the driver cycles through them.
pub const TARGETS: [Target; 5] = [
    Target {
        name: "spec parser + layer table",
        run: spec_case,
    },
    Target {
        name: "weights loader",
        run: weights_case,
    },
    Target {
        name: "MNIST asset parser",
        run: mnist_case,
    },
    Target {
        name: "digit preprocessing",
        run: preprocess_case,
    },
    Target {
        name: "pen rasteriser",
        run: pen_case,
    },
];

fn rng(seed: u64) -> Pcg32 {
    Pcg32::seed_from_u64(seed)
}

/// Both languages' messages exist (formatting them must not panic either).
fn check_message(e: &impl Localized) {
    for lang in Lang::ALL {
        assert!(!e.message(lang).is_empty());
    }
}

/// Numbers that sit on the edges of every check: zero, one, limits ± 1, 2⁴⁰, u32/u64 max.
const EDGE_NUMBERS: [u64; 16] = [
    0,
    1,
    2,
    3,
    27,
    28,
    29,
    2047,
    2048,
    4095,
    4096,
    4097,
    65_536,
    1 << 40,
    u32::MAX as u64,
    u64::MAX,
];

fn edge_number(r: &mut Pcg32) -> u64 {
    EDGE_NUMBERS[r.random_range(0..EDGE_NUMBERS.len())]
}

/// A number for a generated text: small, edgy, or not a number at all.
fn number_word(r: &mut Pcg32) -> String {
    match r.random_range(0..10) {
        0..=4 => r.random_range(0..12u32).to_string(),
        5..=6 => edge_number(r).to_string(),
        7 => "99999999999999999999999".into(),
        8 => ["-1", "NaN", "inf", "-0", "1e40", "0.5", "+3", "٣", ""][r.random_range(0..9)].into(),
        _ => format!("{}.{}", r.random_range(0..3u32), r.random_range(0..100u32)),
    }
}

/// A few mutations of `bytes`: bit flips, cuts, insertions, overwrites with edge numbers
/// (little-endian u32, as every header field of our formats).
fn mutate(r: &mut Pcg32, bytes: &mut Vec<u8>) {
    for _ in 0..r.random_range(1..=4) {
        let len = bytes.len();
        let at = if len == 0 { 0 } else { r.random_range(0..len) };
        match r.random_range(0..8) {
            0 | 1 if len > 0 => bytes[at] ^= 1 << r.random_range(0..8),
            2 if len > 0 => bytes[at] = r.random(),
            3 => bytes.truncate(at),
            4 => {
                let n = r.random_range(1..=16);
                let insert: Vec<u8> = (0..n).map(|_| r.random()).collect();
                bytes.splice(at..at, insert);
            }
            5 => {
                let end = (at + r.random_range(1..=64)).min(len);
                bytes.drain(at..end);
            }
            _ => {
                let v = (edge_number(r) as u32).to_le_bytes();
                // Header fields are 4-aligned in both formats.
                let at = at & !3;
                if at + 4 <= len {
                    bytes[at..at + 4].copy_from_slice(&v);
                } else {
                    bytes.extend_from_slice(&v);
                }
            }
        }
    }
}

fn random_bytes(r: &mut Pcg32, max: usize) -> Vec<u8> {
    let n = r.random_range(0..=max);
    (0..n).map(|_| r.random()).collect()
}

// ---- Spec parser and layer table ----

/// Valid specs of every layer kind, from the presets and the lecture.
fn valid_specs() -> Vec<String> {
    vec![
        NetworkSpec::convnetjs_mnist().to_string(),
        presets::LENET5.into(),
        presets::LENET5_MNIST.into(),
        presets::ALEXNET.into(),
        presets::ALEXNET_224.into(),
        "input 6x6x1; conv 3x3x2 stride 1 pad 1 dilation 2 leaky_relu 0.1; avgpool 2; flatten; \
         dropout 0.25; dense 4 sigmoid; softplus; dense 3 softmax"
            .into(),
        "INPUT 8×8×3\nconv 3*3*4 pad 1 tanh\nmaxpool 2 stride 1\nfc 2 softmax".into(),
    ]
}

const SPEC_WORDS: [&str; 26] = [
    "input",
    "conv",
    "convolution",
    "pool",
    "maxpool",
    "avgpool",
    "dense",
    "fc",
    "dropout",
    "flatten",
    "relu",
    "sigmoid",
    "tanh",
    "softplus",
    "leaky_relu",
    "leakyrelu",
    "softmax",
    "stride",
    "pad",
    "padding",
    "dilation",
    "x",
    "×",
    "İ",
    "ẞ",
    ";",
];

/// A spec of well-formed layers with random (often extreme) numbers, usually ending in a
/// classifier, so that most cases get past the words to shape inference.
fn structured_spec(r: &mut Pcg32) -> String {
    let n = |r: &mut Pcg32| match r.random_range(0..6) {
        0 => edge_number(r).to_string(),
        _ => r.random_range(1..8u32).to_string(),
    };
    let activation = |r: &mut Pcg32| {
        [
            "",
            " relu",
            " tanh",
            " sigmoid",
            " softplus",
            " leaky_relu 0.1",
            " leaky_relu NaN",
        ][r.random_range(0..7)]
    };
    let mut layers = vec![format!("input {}x{}x{}", n(r), n(r), n(r))];
    for _ in 0..r.random_range(0..6) {
        let layer = match r.random_range(0..7) {
            0 | 1 => format!(
                "conv {}x{}x{} stride {} pad {} dilation {}{}",
                n(r),
                n(r),
                n(r),
                n(r),
                n(r),
                n(r),
                activation(r)
            ),
            2 => format!("pool {} stride {} pad {}", n(r), n(r), n(r)),
            3 => format!("avgpool {}", n(r)),
            4 => format!("dense {}{}", n(r), activation(r)),
            5 => ["flatten", "relu", "dropout 0.5", "dropout 1", "dropout NaN"]
                [r.random_range(0..5)]
            .to_string(),
            _ => format!("dropout {}", number_word(r)),
        };
        layers.push(layer);
    }
    if r.random_bool(0.8) {
        layers.push(format!("dense {} softmax", n(r)));
    }
    layers.join("; ")
}

/// A spec-like text: a grammar's words, dims and numbers in a random order, or a mutated
/// valid spec, or random bytes read as text.
fn spec_text(r: &mut Pcg32) -> String {
    match r.random_range(0..10) {
        0..=3 => {
            let specs = valid_specs();
            let mut bytes = specs[r.random_range(0..specs.len())].clone().into_bytes();
            mutate(r, &mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        }
        4..=6 => structured_spec(r),
        7..=8 => {
            let mut text = format!(
                "input {}x{}x{}",
                number_word(r),
                number_word(r),
                number_word(r)
            );
            for _ in 0..r.random_range(0..8) {
                text.push_str(["; ", "\n", " ; "][r.random_range(0..3)]);
                for _ in 0..r.random_range(1..6) {
                    match r.random_range(0..4) {
                        0 => text.push_str(&number_word(r)),
                        1 => text.push_str(&format!(
                            "{}x{}x{}",
                            number_word(r),
                            number_word(r),
                            number_word(r)
                        )),
                        _ => text.push_str(SPEC_WORDS[r.random_range(0..SPEC_WORDS.len())]),
                    }
                    text.push(' ');
                }
            }
            text
        }
        _ => String::from_utf8_lossy(&random_bytes(r, 256)).into_owned(),
    }
}

/// A spec parses back from its own text, its table and formulas never panic, and a small one
/// builds and runs forward to probabilities.
fn spec_case(seed: u64) {
    let mut r = rng(seed);
    let text = spec_text(&mut r);
    check_spec_text(&text);
}

/// The invariants of one spec text (public so that a failing case can be replayed by text).
pub fn check_spec_text(text: &str) {
    match LayerTable::parse(text) {
        Err(e) => check_message(&e),
        Ok(table) => {
            let totals = table.totals();
            assert!(totals.params >= totals.conv_params.max(totals.dense_params));
            let _ = (totals.dense_params_percent(), totals.conv_macs_percent());
            for row in &table.rows {
                for lang in Lang::ALL {
                    let _ = row.explanation(lang);
                    if let Some(cost) = row.cost() {
                        let _ = (cost.params_formula(lang), cost.macs_formula(lang));
                        let _ = cost.activation_bytes();
                    }
                }
            }
        }
    }
    let spec = match NetworkSpec::parse(text) {
        Ok(spec) => spec,
        Err(e) => return check_message(&e),
    };
    let written = spec.to_string();
    let back = NetworkSpec::parse(&written)
        .unwrap_or_else(|e| panic!("{written:?} (from {text:?}) does not parse back: {e}"));
    assert_eq!(back, spec, "{text:?} → {written:?}");
    let summary = spec.summary().expect("a parsed spec fits");
    let activations: usize = summary.iter().map(|row| row.output.len()).sum();
    let params = spec.num_params().expect("a parsed spec fits");
    // Building and running is checked on networks small enough to do it thousands of times.
    if params <= 20_000 && activations <= 20_000 {
        let mut network = Network::new(&spec, 1).expect("a small spec builds");
        let input = Tensor::zeros(spec.input).expect("the input shape is valid");
        let p = network.predict(&input);
        assert!(p.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3, "{p:?}");
    }
}

// ---- Weights loader ----

/// Saved files of small networks of every layer kind.
fn saved_files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        [
            "input 6x6x1; conv 3x3x2 relu; pool 2; dense 3 softmax",
            "input 5x5x2; conv 3x3x2 pad 1 leaky_relu 0.2; avgpool 2; flatten; dropout 0.5; \
             dense 4 tanh; dense 2 softmax",
            "input 4x4x1; dense 2 softmax",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let spec = NetworkSpec::parse(text).expect("the fuzz seeds are valid");
            weights::save(&Network::new(&spec, i as u64).expect("and small"))
        })
        .collect()
    })
}

/// The CRC-32 of a mutated file made right again, so the mutation reaches the parser.
fn fix_crc(bytes: &mut Vec<u8>) {
    if bytes.len() >= 4 {
        bytes.truncate(bytes.len() - 4);
    }
    let crc = weights::crc32(bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
}

fn weights_case(seed: u64) {
    let mut r = rng(seed);
    let files = saved_files();
    let original = &files[r.random_range(0..files.len())];
    let mut bytes = original.clone();
    match r.random_range(0..10) {
        0 => bytes = random_bytes(&mut r, 512),
        1 => {
            // A valid header in front of a grammar-built spec.
            let text = spec_text(&mut r);
            bytes = weights::MAGIC.to_vec();
            bytes.extend_from_slice(&weights::VERSION.to_le_bytes());
            bytes.extend_from_slice(&(text.len() as u32).to_le_bytes());
            bytes.extend_from_slice(text.as_bytes());
            bytes.extend_from_slice(&(edge_number(&mut r) as u32).to_le_bytes());
            bytes.extend_from_slice(&(edge_number(&mut r) as u32).to_le_bytes());
            bytes.extend(random_bytes(&mut r, 64));
            fix_crc(&mut bytes);
        }
        2 => {}
        _ => {
            mutate(&mut r, &mut bytes);
            if r.random_bool(0.7) {
                fix_crc(&mut bytes);
            }
        }
    }
    check_weights_bytes(&bytes);
}

/// The invariants of one weights file.
pub fn check_weights_bytes(bytes: &[u8]) {
    match weights::load(bytes) {
        Err(e) => check_message(&e),
        Ok(network) => {
            assert!(
                network
                    .param_tensors()
                    .iter()
                    .all(|t| t.iter().all(|v| v.is_finite()))
            );
            let again = weights::save(&network);
            let back = weights::load(&again).expect("a saved network loads");
            assert_eq!(back.spec(), network.spec());
            assert_eq!(back.param_tensors(), network.param_tensors());
            match weights::load_expecting(bytes, network.spec()) {
                Ok(n) => assert_eq!(n.spec(), network.spec()),
                Err(e) => panic!("loads, but not as its own architecture: {e}"),
            }
        }
    }
    if let Err(e) = weights::load_expecting(bytes, &NetworkSpec::convnetjs_mnist()) {
        check_message(&e);
    }
}

// ---- MNIST asset ----

fn mnist_case(seed: u64) {
    let mut r = rng(seed);
    let count = r.random_range(1..=4usize);
    let labels: Vec<u8> = (0..count).map(|_| r.random_range(0..10)).collect();
    let pixels: Vec<u8> = (0..count * mnist::IMAGE_LEN).map(|_| r.random()).collect();
    let mut bytes = Mnist::encode(&labels, &pixels);
    match r.random_range(0..10) {
        0 => bytes = random_bytes(&mut r, 2048),
        1 => {}
        _ => {
            mutate(&mut r, &mut bytes);
            // Often make the count agree with the length, so the labels and pixels are read.
            if r.random_bool(0.3) && bytes.len() > mnist::HEADER_LEN {
                let n = (bytes.len() - mnist::HEADER_LEN) / (1 + mnist::IMAGE_LEN);
                bytes[12..16].copy_from_slice(&(n as u32).to_le_bytes());
            }
        }
    }
    let size = r.random_range(1..=mnist::SIDE);
    check_mnist_bytes(&bytes, size, r.random());
}

/// The invariants of one asset, its split and its crops of side `size`.
pub fn check_mnist_bytes(bytes: &[u8], size: usize, seed: u64) {
    let data = match Mnist::parse(bytes) {
        Ok(data) => data,
        Err(e) => return check_message(&e),
    };
    assert!(!data.is_empty() && data.len() <= mnist::MAX_COUNT);
    assert!(data.labels().iter().all(|&l| l <= 9));
    let split = data.split();
    assert_eq!(split.train.len() + split.test.len(), data.len());
    let mut seen = vec![false; data.len()];
    for &i in split.train.iter().chain(&split.test) {
        assert!(!seen[i], "index {i} twice in the split");
        seen[i] = true;
    }
    let indices: Vec<usize> = (0..data.len()).collect();
    let (test, labels) = data.test_batch(&indices, size);
    let (train, _) = data.train_batch(&indices, size, &mut rng(seed));
    assert_eq!(labels, data.labels());
    for batch in [test, train] {
        assert_eq!(batch.len(), data.len());
        assert!(batch.data().iter().all(|v| (0.0..=1.0).contains(v)));
    }
}

// ---- Digit preprocessing and the pen ----

/// A side: usually small, sometimes 0, the limit, past it, or absurd.
fn side(r: &mut Pcg32) -> usize {
    match r.random_range(0..40) {
        0 => 0,
        1 => preprocess::MAX_SIDE,
        2 => preprocess::MAX_SIDE + 1,
        3 => usize::MAX / 2,
        _ => r.random_range(1..=64),
    }
}

/// A coordinate: usually on the pad, sometimes off it, NaN, infinite or huge.
fn coordinate(r: &mut Pcg32, side: usize) -> f32 {
    match r.random_range(0..20) {
        0 => f32::NAN,
        1 => f32::INFINITY,
        2 => f32::NEG_INFINITY,
        3 => f32::MAX,
        4 => -1e30,
        5 => -0.0,
        6 => f32::MIN_POSITIVE,
        _ => r.random_range(-10.0..side as f32 + 10.0),
    }
}

fn pen_width(r: &mut Pcg32) -> f32 {
    match r.random_range(0..12) {
        0 => f32::NAN,
        1 => f32::INFINITY,
        2 => 0.0,
        3 => -5.0,
        4 => 1e30,
        _ => r.random_range(0.5..30.0),
    }
}

/// Random strokes painted on a square grey pad.
fn painted_pad(r: &mut Pcg32, side: usize) -> Vec<u8> {
    let mut raster = vec![0u8; side * side];
    for _ in 0..r.random_range(0..4) {
        let stroke: Vec<(f32, f32)> = (0..r.random_range(0..6))
            .map(|_| (coordinate(r, side), coordinate(r, side)))
            .collect();
        let width = pen_width(r);
        pen::paint_polyline(&mut raster, side, &stroke, width);
    }
    raster
}

fn pen_case(seed: u64) {
    let mut r = rng(seed);
    let side = r.random_range(0..=96usize);
    let raster = painted_pad(&mut r, side);
    assert_eq!(raster.len(), side * side);
    let size = r.random_range(1..=preprocess::FIELD_SIZE);
    if side > 0 {
        check_preprocess(&raster, side, side, PixelFormat::Grey, size);
    }
}

fn preprocess_case(seed: u64) {
    let mut r = rng(seed);
    let (width, height) = (side(&mut r), side(&mut r));
    let format = if r.random_bool(0.5) {
        PixelFormat::Rgba
    } else {
        PixelFormat::Grey
    };
    let bpp = format.bytes_per_pixel();
    let n = width.saturating_mul(height).saturating_mul(bpp);
    // The right length when it is small enough to hold, sometimes one byte off.
    let len = if n <= 64 * 64 * 4 {
        match r.random_range(0..20) {
            0 => n.saturating_sub(1),
            1 => n + 1,
            _ => n,
        }
    } else {
        r.random_range(0..64)
    };
    let mut pixels = vec![0u8; len];
    match r.random_range(0..5) {
        0 => {}
        1 => pixels.iter_mut().for_each(|p| *p = r.random()),
        2 => pixels.iter_mut().for_each(|p| *p = 255),
        _ => {
            for _ in 0..r.random_range(1..4) {
                let i = r.random_range(0..len.max(1));
                let v = r.random();
                let end = (i + r.random_range(1..40)).min(len);
                if let Some(run) = pixels.get_mut(i..end) {
                    run.fill(v);
                }
            }
        }
    }
    let size = match r.random_range(0..10) {
        0 => 0,
        1 => preprocess::FIELD_SIZE + 1,
        2 => usize::MAX,
        _ => r.random_range(1..=preprocess::FIELD_SIZE),
    };
    check_preprocess(&pixels, width, height, format, size);
}

/// The invariants of one preprocessing: an error with a message, or a well-formed digit.
pub fn check_preprocess(
    pixels: &[u8],
    width: usize,
    height: usize,
    format: PixelFormat,
    size: usize,
) {
    let p = match preprocess::preprocess_digit(pixels, width, height, format, size) {
        Ok(p) => p,
        Err(e) => return check_message(&e),
    };
    let b = p.bbox;
    assert!(b.x0 < b.x1 && b.x1 <= width && b.y0 < b.y1 && b.y1 <= height);
    assert_eq!(
        p.scaled20.width.max(p.scaled20.height),
        preprocess::BOX_SIZE
    );
    assert_eq!(p.centred28.data.len(), preprocess::FIELD_SIZE.pow(2));
    assert_eq!(p.input.shape(), crate::Shape::new(1, size, size));
    for image in [&p.cropped, &p.scaled20, &p.centred28] {
        assert_eq!(image.data.len(), image.width * image.height);
        assert!(image.data.iter().all(|v| (0.0..=1.0 + 1e-6).contains(v)));
    }
    assert!(
        p.input
            .data()
            .iter()
            .all(|v| (0.0..=1.0 + 1e-6).contains(v))
    );
    assert!(p.centre_of_mass.0.is_finite() && p.centre_of_mass.1.is_finite());
    assert_eq!(p.cropped.to_rgba().len(), p.cropped.data.len() * 4);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short run of the normal test suite: a few thousand cases per target (the pen and
    /// preprocessing ones are the slowest, a few hundred microseconds each).
    #[test]
    fn spec_parser_survives_fuzzing() {
        (0..3000).for_each(spec_case);
    }

    #[test]
    fn weights_loader_survives_fuzzing() {
        (0..3000).for_each(weights_case);
    }

    #[test]
    fn mnist_parser_survives_fuzzing() {
        (0..2000).for_each(mnist_case);
    }

    #[test]
    fn preprocessing_survives_fuzzing() {
        (0..3000).for_each(preprocess_case);
    }

    #[test]
    fn pen_survives_fuzzing() {
        (0..2000).for_each(pen_case);
    }
}
