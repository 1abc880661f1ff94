//! MNIST-style preprocessing of a hand-drawn digit, with every intermediate image kept.
//!
//! MNIST's digits were "size normalized to fit in a 20×20 pixel box while preserving their aspect
//! ratio" (anti-aliased, hence grey levels) and "centered in a 28×28 image by computing the center
//! of mass of the pixels". [`preprocess_digit`] does the same to the drawing pad's pixels:
//!
//! 1. **Ink.** Each pixel becomes an ink intensity in 0..1 (1 = full ink, like MNIST's 255):
//!    - [`PixelFormat::Grey`]: MNIST's own convention, ink = value / 255 (light ink on black).
//!    - [`PixelFormat::Rgba`] with any pixel not fully opaque (a canvas cleared to transparent and
//!      drawn on, the convention the app's pad should use): ink = alpha / 255, whatever the colour.
//!    - [`PixelFormat::Rgba`], fully opaque: the majority is taken to be the paper. If the mean
//!      luminance L = (0.299·R + 0.587·G + 0.114·B)/255 is at least ½ the ink is dark on light,
//!      ink = 1 − L; otherwise light on dark, ink = L.
//!
//!    Intensities below [`INK_THRESHOLD`] are set to 0 so that faint noise cannot stretch the box.
//! 2. **Bounding box** of the ink (no ink at all → [`PreprocessError::Blank`]) and the crop to it.
//! 3. **Scale** so that the longer side is 20 px and the shorter one round(short·20/long) ≥ 1 px,
//!    by area averaging: each target pixel is the mean of the source area it covers (exact box
//!    filter, separable). Unlike nearest-neighbour it cannot drop a thin stroke; it only makes it
//!    grey. Then intensities are divided by their maximum, so the darkest pixel is 1 like in
//!    MNIST and thin or light strokes keep full contrast.
//! 4. **Centre** in 28×28: the centre of mass (Σ ink·(x + ½) / Σ ink, likewise y: pixel (x, y)
//!    covers [x, x+1)×[y, y+1), so the field's centre is (14, 14)) is moved to (14, 14) by an integer
//!    shift round(14 − centre), clamped so the 20-px image stays entirely inside the field.
//! 5. **Crop** the centre output_size × output_size of the 28×28 (the network's input, e.g. 24×24
//!    as in ConvNetJS), starting at ⌊(28 − size)/2⌋, as a 1×size×size tensor with values 0..1.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};
use crate::tensor::{Shape, Tensor};

/// Ink intensities below this (about 25 of 255) count as paper.
pub const INK_THRESHOLD: f32 = 0.1;
/// The longer side of the scaled digit, as in MNIST.
pub const BOX_SIZE: usize = 20;
/// The side of MNIST's field.
pub const FIELD_SIZE: usize = 28;
/// Largest accepted pad side, in pixels.
pub const MAX_SIDE: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PixelFormat {
    /// 4 bytes per pixel, as `ImageData` of a canvas.
    Rgba,
    /// 1 byte per pixel, 0 = paper, 255 = ink (MNIST).
    Grey,
}

impl PixelFormat {
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            PixelFormat::Rgba => 4,
            PixelFormat::Grey => 1,
        }
    }
}

/// A single-channel image of ink intensities 0..1 (1 = ink), row-major.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GreyImage {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl GreyImage {
    pub fn get(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.width + x]
    }

    /// RGBA bytes for a canvas `ImageData`, drawn as MNIST shows digits: white ink on black.
    pub fn to_rgba(&self) -> Vec<u8> {
        self.data
            .iter()
            .flat_map(|&v| {
                let g = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
                [g, g, g, 255]
            })
            .collect()
    }

    /// Σ ink, and the centre of mass (x, y) in pixel units (pixel (x, y) covers [x, x+1)×[y, y+1)).
    pub fn centre_of_mass(&self) -> Option<(f32, f32)> {
        let (mut mass, mut mx, mut my) = (0.0f64, 0.0f64, 0.0f64);
        for y in 0..self.height {
            for x in 0..self.width {
                let v = self.get(x, y) as f64;
                mass += v;
                mx += v * (x as f64 + 0.5);
                my += v * (y as f64 + 0.5);
            }
        }
        (mass > 0.0).then(|| ((mx / mass) as f32, (my / mass) as f32))
    }
}

/// The ink's bounding box in pad pixels: columns x0..x1 and rows y0..y1, the ends exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BoundingBox {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
}

impl BoundingBox {
    pub fn width(&self) -> usize {
        self.x1 - self.x0
    }

    pub fn height(&self) -> usize {
        self.y1 - self.y0
    }
}

/// Every stage of the preprocessing, for the step-by-step pictures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preprocessed {
    /// Where the ink is on the pad.
    pub bbox: BoundingBox,
    /// The ink intensities inside `bbox`.
    pub cropped: GreyImage,
    /// `cropped` scaled so its longer side is 20 px, normalised to a maximum of 1.
    pub scaled20: GreyImage,
    /// Centre of mass (x, y) of `scaled20`, in its own pixel units.
    pub centre_of_mass: (f32, f32),
    /// Where `scaled20`'s top-left corner lands in `centred28` (x, y).
    pub offset: (usize, usize),
    /// The 28×28 MNIST-like image.
    pub centred28: GreyImage,
    /// The network's input: the centre output_size × output_size of `centred28`, 1×size×size.
    pub input: Tensor,
}

/// Turns drawn pixels into a network input as MNIST's digits were made (see the module docs).
pub fn preprocess_digit(
    pixels: &[u8],
    width: usize,
    height: usize,
    format: PixelFormat,
    output_size: usize,
) -> Result<Preprocessed, PreprocessError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PreprocessError::Dimensions { width, height });
    }
    let expected = width * height * format.bytes_per_pixel();
    if pixels.len() != expected {
        return Err(PreprocessError::Length {
            width,
            height,
            expected,
            actual: pixels.len(),
        });
    }
    if output_size == 0 || output_size > FIELD_SIZE {
        return Err(PreprocessError::OutputSize { size: output_size });
    }
    let ink = ink_map(pixels, width, height, format);
    let bbox = bounding_box(&ink).ok_or(PreprocessError::Blank)?;
    let cropped = crop(&ink, bbox);

    let long = bbox.width().max(bbox.height());
    let scaled_side =
        |side: usize| ((side * BOX_SIZE) as f64 / long as f64).round().max(1.0) as usize;
    let (scaled_w, scaled_h) = (scaled_side(bbox.width()), scaled_side(bbox.height()));
    let mut scaled20 = resize_area(&cropped, scaled_w, scaled_h);
    let peak = scaled20.data.iter().fold(0.0f32, |a, &b| a.max(b));
    // The box contains ink ≥ INK_THRESHOLD and area averaging keeps some of it: peak > 0.
    scaled20.data.iter_mut().for_each(|v| *v /= peak);
    let centre_of_mass = scaled20.centre_of_mass().ok_or(PreprocessError::Blank)?;

    let centre = FIELD_SIZE as f32 / 2.0;
    let place = |com: f32, size: usize| {
        let max = (FIELD_SIZE - size) as f32;
        (centre - com).round().clamp(0.0, max) as usize
    };
    let offset = (
        place(centre_of_mass.0, scaled_w),
        place(centre_of_mass.1, scaled_h),
    );
    let mut centred28 = GreyImage {
        width: FIELD_SIZE,
        height: FIELD_SIZE,
        data: vec![0.0; FIELD_SIZE * FIELD_SIZE],
    };
    for y in 0..scaled_h {
        for x in 0..scaled_w {
            centred28.data[(y + offset.1) * FIELD_SIZE + x + offset.0] = scaled20.get(x, y);
        }
    }

    let start = (FIELD_SIZE - output_size) / 2;
    let input = Tensor::from_fn(Shape::new(1, output_size, output_size), |_, y, x| {
        centred28.get(x + start, y + start)
    })
    .map_err(|_| PreprocessError::OutputSize { size: output_size })?;

    Ok(Preprocessed {
        bbox,
        cropped,
        scaled20,
        centre_of_mass,
        offset,
        centred28,
        input,
    })
}

/// Rec. 601 luma in 0..1, in integers first so that a grey pixel (v, v, v) gives exactly v/255.
fn luminance(p: &[u8]) -> f32 {
    let weighted = 299 * p[0] as u32 + 587 * p[1] as u32 + 114 * p[2] as u32;
    weighted as f32 / 255_000.0
}

/// Step 1 of the module docs: pixels → ink intensities, faint ones zeroed.
fn ink_map(pixels: &[u8], width: usize, height: usize, format: PixelFormat) -> GreyImage {
    let data: Vec<f32> = match format {
        PixelFormat::Grey => pixels.iter().map(|&v| v as f32 / 255.0).collect(),
        PixelFormat::Rgba => {
            if pixels.chunks_exact(4).any(|p| p[3] < 255) {
                pixels
                    .chunks_exact(4)
                    .map(|p| p[3] as f32 / 255.0)
                    .collect()
            } else {
                let mean = pixels
                    .chunks_exact(4)
                    .map(|p| luminance(p) as f64)
                    .sum::<f64>()
                    / (width * height) as f64;
                let dark_on_light = mean >= 0.5;
                pixels
                    .chunks_exact(4)
                    .map(|p| {
                        let l = luminance(p);
                        if dark_on_light { 1.0 - l } else { l }
                    })
                    .collect()
            }
        }
    };
    let data = data
        .into_iter()
        .map(|v| if v < INK_THRESHOLD { 0.0 } else { v.min(1.0) })
        .collect();
    GreyImage {
        width,
        height,
        data,
    }
}

fn bounding_box(ink: &GreyImage) -> Option<BoundingBox> {
    let mut bbox: Option<BoundingBox> = None;
    for y in 0..ink.height {
        for x in 0..ink.width {
            if ink.get(x, y) > 0.0 {
                let b = bbox.get_or_insert(BoundingBox {
                    x0: x,
                    y0: y,
                    x1: x + 1,
                    y1: y + 1,
                });
                b.x0 = b.x0.min(x);
                b.x1 = b.x1.max(x + 1);
                b.y1 = y + 1;
            }
        }
    }
    bbox
}

fn crop(image: &GreyImage, b: BoundingBox) -> GreyImage {
    let mut data = Vec::with_capacity(b.width() * b.height());
    for y in b.y0..b.y1 {
        data.extend_from_slice(&image.data[y * image.width + b.x0..y * image.width + b.x1]);
    }
    GreyImage {
        width: b.width(),
        height: b.height(),
        data,
    }
}

/// For each of `dst` target cells along an axis of `src` source cells, the source cells it covers
/// and the fraction of the target cell each one fills (the fractions sum to 1).
fn area_weights(src: usize, dst: usize) -> Vec<Vec<(usize, f32)>> {
    let scale = src as f64 / dst as f64;
    (0..dst)
        .map(|t| {
            let (start, end) = (t as f64 * scale, (t + 1) as f64 * scale);
            let mut weights = Vec::new();
            let mut s = start.floor() as usize;
            while (s as f64) < end && s < src {
                let overlap = end.min(s as f64 + 1.0) - start.max(s as f64);
                if overlap > 0.0 {
                    weights.push((s, (overlap / scale) as f32));
                }
                s += 1;
            }
            weights
        })
        .collect()
}

/// Area-averaging resize (a box filter applied along x, then along y).
fn resize_area(image: &GreyImage, width: usize, height: usize) -> GreyImage {
    let wx = area_weights(image.width, width);
    let wy = area_weights(image.height, height);
    let mut rows = vec![0.0f32; image.height * width];
    for y in 0..image.height {
        for (tx, weights) in wx.iter().enumerate() {
            rows[y * width + tx] = weights.iter().map(|&(sx, w)| image.get(sx, y) * w).sum();
        }
    }
    let mut data = vec![0.0f32; width * height];
    for (ty, weights) in wy.iter().enumerate() {
        for tx in 0..width {
            data[ty * width + tx] = weights
                .iter()
                .map(|&(sy, w)| rows[sy * width + tx] * w)
                .sum();
        }
    }
    GreyImage {
        width,
        height,
        data,
    }
}

/// Why a drawing cannot be turned into a network input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreprocessError {
    /// Nothing is drawn (no pixel reaches [`INK_THRESHOLD`]).
    Blank,
    Dimensions {
        width: usize,
        height: usize,
    },
    Length {
        width: usize,
        height: usize,
        expected: usize,
        actual: usize,
    },
    OutputSize {
        size: usize,
    },
}

impl Localized for PreprocessError {
    fn message(&self, lang: Lang) -> String {
        match *self {
            PreprocessError::Blank => lang.pick(
                "рисунок пуст: нарисуйте цифру".to_owned(),
                "the pad is empty: draw a digit".to_owned(),
            ),
            PreprocessError::Dimensions { width, height } => lang.pick(
                format!(
                    "размер рисунка {width}×{height}: каждая сторона должна быть от 1 до {MAX_SIDE}"
                ),
                format!("image size {width}×{height}: each side must be between 1 and {MAX_SIDE}"),
            ),
            PreprocessError::Length {
                width,
                height,
                expected,
                actual,
            } => lang.pick(
                format!("для рисунка {width}×{height} нужно {expected} байт, получено {actual}"),
                format!("an image of {width}×{height} needs {expected} bytes, got {actual}"),
            ),
            PreprocessError::OutputSize { size } => lang.pick(
                format!("размер входа сети {size}: должен быть от 1 до {FIELD_SIZE}"),
                format!("network input size {size}: must be between 1 and {FIELD_SIZE}"),
            ),
        }
    }
}

impl fmt::Display for PreprocessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PreprocessError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grey pad (0 = paper) with the given rectangles (x0, y0, x1, y1, ends exclusive) inked.
    fn grey_pad(width: usize, height: usize, rects: &[(usize, usize, usize, usize)]) -> Vec<u8> {
        let mut pixels = vec![0u8; width * height];
        for &(x0, y0, x1, y1) in rects {
            for y in y0..y1 {
                for x in x0..x1 {
                    pixels[y * width + x] = 255;
                }
            }
        }
        pixels
    }

    fn ink_cells(image: &GreyImage) -> Vec<(usize, usize)> {
        (0..image.height)
            .flat_map(|y| (0..image.width).map(move |x| (x, y)))
            .filter(|&(x, y)| image.get(x, y) > 0.0)
            .collect()
    }

    fn assert_all_ink(image: &GreyImage) {
        // Area weights like 0.4 + 0.4 + 0.2 need not add to exactly 1 in f32.
        assert!(
            image.data.iter().all(|&v| (v - 1.0).abs() < 1e-6),
            "{:?}",
            image.data
        );
    }

    fn assert_close(a: (f32, f32), b: (f32, f32)) {
        assert!(
            (a.0 - b.0).abs() < 1e-4 && (a.1 - b.1).abs() < 1e-4,
            "{a:?} vs {b:?}"
        );
    }

    #[test]
    fn single_dot_becomes_a_centred_block() {
        // One inked pixel at (30, 70) of a 100×100 pad: box 1×1, scaled to 20×20 of ink, centre
        // of mass (10, 10) → offset round(14 − 10) = 4 on both axes; 24×24 crop starts at 2.
        let mut pixels = vec![0u8; 100 * 100];
        pixels[70 * 100 + 30] = 255;
        let p = preprocess_digit(&pixels, 100, 100, PixelFormat::Grey, 24).unwrap();
        assert_eq!(
            p.bbox,
            BoundingBox {
                x0: 30,
                y0: 70,
                x1: 31,
                y1: 71
            }
        );
        assert_eq!(p.cropped.data, vec![1.0]);
        assert_eq!((p.scaled20.width, p.scaled20.height), (20, 20));
        assert_all_ink(&p.scaled20);
        assert_close(p.centre_of_mass, (10.0, 10.0));
        assert_eq!(p.offset, (4, 4));
        assert_close(p.centred28.centre_of_mass().unwrap(), (14.0, 14.0));
        assert_eq!(p.input.shape(), Shape::new(1, 24, 24));
        assert_eq!(p.input.get(0, 1, 1), 0.0);
        assert_eq!(p.input.get(0, 2, 2), 1.0);
        assert_eq!(p.input.get(0, 21, 21), 1.0);
        assert_eq!(p.input.get(0, 22, 22), 0.0);
    }

    #[test]
    fn off_centre_bar_is_moved_to_the_middle() {
        // A 4×50 bar in the top-right of a 200×100 pad (x 150..154, y 10..60). Longer side 50 →
        // scale 20/50: height 20, width round(4·0.4) = round(1.6) = 2; each target column averages
        // exactly 2 source columns of ink → all ones. Centre of mass of the 2×20 image: (1, 10);
        // offset (round(14 − 1), round(14 − 10)) = (13, 4): ink at x 13..15, y 4..24.
        let pixels = grey_pad(200, 100, &[(150, 10, 154, 60)]);
        let p = preprocess_digit(&pixels, 200, 100, PixelFormat::Grey, 28).unwrap();
        assert_eq!(
            p.bbox,
            BoundingBox {
                x0: 150,
                y0: 10,
                x1: 154,
                y1: 60
            }
        );
        assert_eq!((p.cropped.width, p.cropped.height), (4, 50));
        assert_eq!((p.scaled20.width, p.scaled20.height), (2, 20));
        assert_all_ink(&p.scaled20);
        assert_close(p.centre_of_mass, (1.0, 10.0));
        assert_eq!(p.offset, (13, 4));
        let cells = ink_cells(&p.centred28);
        assert_eq!(cells.len(), 40);
        assert_eq!((cells[0], cells[39]), ((13, 4), (14, 23)));
        assert_close(p.centred28.centre_of_mass().unwrap(), (14.0, 14.0));
        assert_eq!(p.input.data(), p.centred28.data.as_slice());
    }

    #[test]
    fn tiny_digit_is_scaled_up() {
        // A 3×5 block at (200, 100) of a 280×280 pad: factor 20/5 = 4 → 12×20 of ink,
        // centre of mass (6, 10), offset (round(8), round(4)) = (8, 4).
        let pixels = grey_pad(280, 280, &[(200, 100, 203, 105)]);
        let p = preprocess_digit(&pixels, 280, 280, PixelFormat::Grey, 24).unwrap();
        assert_eq!(
            p.bbox,
            BoundingBox {
                x0: 200,
                y0: 100,
                x1: 203,
                y1: 105
            }
        );
        assert_eq!((p.scaled20.width, p.scaled20.height), (12, 20));
        assert_all_ink(&p.scaled20);
        assert_close(p.centre_of_mass, (6.0, 10.0));
        assert_eq!(p.offset, (8, 4));
    }

    #[test]
    fn huge_l_filling_an_opaque_black_on_white_canvas() {
        // Black "L" on an opaque white 400×400 RGBA canvas: a vertical stroke x 0..40 (all rows)
        // and a horizontal one y 360..400 (all columns). Mean luminance ≈ 0.81 ≥ ½ → dark ink.
        // Box = whole pad; scale 20/400 → each target pixel averages a 20×20 block: columns 0, 1
        // and rows 18, 19 are ink, 76 pixels. Centre of mass x by hand:
        //   columns 0, 1 hold 20 pixels each: 20·0.5 + 20·1.5 = 40;
        //   columns 2..19 hold 2 each: 2·Σ(c + 0.5) = 2·(189 + 9) = 396;  x = 436/76 = 5.73684;
        // by the L's symmetry y = 20 − 5.73684 = 14.26316. Offset: round(14 − 5.737) = 8 (the
        // largest that keeps 20 px inside 28); round(14 − 14.263) = 0.
        let mut pixels = Vec::with_capacity(400 * 400 * 4);
        for y in 0..400 {
            for x in 0..400 {
                let ink = x < 40 || y >= 360;
                let v = if ink { 0 } else { 255 };
                pixels.extend_from_slice(&[v, v, v, 255]);
            }
        }
        let p = preprocess_digit(&pixels, 400, 400, PixelFormat::Rgba, 24).unwrap();
        assert_eq!(
            p.bbox,
            BoundingBox {
                x0: 0,
                y0: 0,
                x1: 400,
                y1: 400
            }
        );
        assert_eq!(ink_cells(&p.scaled20).len(), 76);
        assert_close(p.centre_of_mass, (436.0 / 76.0, 20.0 - 436.0 / 76.0));
        assert_eq!(p.offset, (8, 0));
        // White on black gives the same digit (the majority is the paper).
        let inverted: Vec<u8> = pixels
            .chunks_exact(4)
            .flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2], 255])
            .collect();
        let q = preprocess_digit(&inverted, 400, 400, PixelFormat::Rgba, 24).unwrap();
        assert_eq!(q, p);
    }

    #[test]
    fn transparent_canvas_takes_alpha_as_ink() {
        // White strokes (any colour would do) on a transparent canvas: alpha is the ink.
        let mut pixels = vec![0u8; 50 * 50 * 4];
        for y in 5..45 {
            for x in 20..25 {
                pixels[(y * 50 + x) * 4..][..4].copy_from_slice(&[255, 255, 255, 255]);
            }
        }
        let p = preprocess_digit(&pixels, 50, 50, PixelFormat::Rgba, 28).unwrap();
        assert_eq!(
            p.bbox,
            BoundingBox {
                x0: 20,
                y0: 5,
                x1: 25,
                y1: 45
            }
        );
        // 5×40 → 3×20 (round(2.5) = 3); the whole box is ink, so every scaled pixel is 1 and the
        // centre of mass is the middle, (1.5, 10).
        assert_eq!((p.scaled20.width, p.scaled20.height), (3, 20));
        assert_close(p.centre_of_mass, (1.5, 10.0));
    }

    #[test]
    fn thin_diagonal_stroke_survives_downscaling() {
        // A 1-px diagonal across 280×280: each 14×14 block of the 20×20 target holds 14 inked
        // pixels of 196 (0.0714), the blocks on the diagonal only; normalised to 1.
        let mut pixels = vec![0u8; 280 * 280];
        for i in 0..280 {
            pixels[i * 280 + i] = 255;
        }
        let p = preprocess_digit(&pixels, 280, 280, PixelFormat::Grey, 28).unwrap();
        assert_eq!((p.scaled20.width, p.scaled20.height), (20, 20));
        let cells = ink_cells(&p.scaled20);
        assert_eq!(cells, (0..20).map(|i| (i, i)).collect::<Vec<_>>());
        assert!(cells.iter().all(|&(x, y)| p.scaled20.get(x, y) == 1.0));
        assert_close(p.centre_of_mass, (10.0, 10.0));
    }

    #[test]
    fn blank_and_invalid_inputs_are_errors() {
        let blank = vec![0u8; 28 * 28];
        let err = preprocess_digit(&blank, 28, 28, PixelFormat::Grey, 24).unwrap_err();
        assert_eq!(err, PreprocessError::Blank);
        assert_eq!(err.to_string(), "the pad is empty: draw a digit");
        assert_eq!(err.message(Lang::Ru), "рисунок пуст: нарисуйте цифру");
        // Faint noise (20/255 < 0.1) is paper.
        let faint = vec![20u8; 28 * 28];
        assert_eq!(
            preprocess_digit(&faint, 28, 28, PixelFormat::Grey, 24),
            Err(PreprocessError::Blank)
        );
        let white = vec![255u8; 10 * 10 * 4];
        assert_eq!(
            preprocess_digit(&white, 10, 10, PixelFormat::Rgba, 24),
            Err(PreprocessError::Blank)
        );
        let transparent = vec![0u8; 10 * 10 * 4];
        assert_eq!(
            preprocess_digit(&transparent, 10, 10, PixelFormat::Rgba, 24),
            Err(PreprocessError::Blank)
        );

        let err = preprocess_digit(&[], 0, 10, PixelFormat::Grey, 24).unwrap_err();
        assert_eq!(
            err.to_string(),
            "image size 0×10: each side must be between 1 and 4096"
        );
        let err = preprocess_digit(&[0; 99], 10, 10, PixelFormat::Rgba, 24).unwrap_err();
        assert_eq!(err.to_string(), "an image of 10×10 needs 400 bytes, got 99");
        let err = preprocess_digit(&[255; 100], 10, 10, PixelFormat::Grey, 29).unwrap_err();
        assert_eq!(
            err.to_string(),
            "network input size 29: must be between 1 and 28"
        );
    }

    proptest::proptest! {
        /// Strokes anywhere — at the edges, tiny, huge, several — never panic and always give a
        /// well-formed result (or `Blank` when every stroke is fainter than the threshold).
        #[test]
        fn any_strokes_give_a_well_formed_digit(
            width in 1usize..120,
            height in 1usize..120,
            rects in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0, 0.0f64..0.5, 0.0f64..0.5, 0u8..=255), 0..5),
            rgba in proptest::bool::ANY,
            size in 1usize..=28,
        ) {
            let mut grey = vec![0u8; width * height];
            for &(fx, fy, fw, fh, v) in &rects {
                let (x0, y0) = ((fx * width as f64) as usize, (fy * height as f64) as usize);
                let x1 = (x0 + 1 + (fw * width as f64) as usize).min(width);
                let y1 = (y0 + 1 + (fh * height as f64) as usize).min(height);
                for y in y0..y1 {
                    for x in x0..x1 {
                        grey[y * width + x] = grey[y * width + x].max(v);
                    }
                }
            }
            let pixels: Vec<u8> = if rgba {
                grey.iter().flat_map(|&v| [0, 0, 0, v]).collect()
            } else {
                grey.clone()
            };
            let format = if rgba { PixelFormat::Rgba } else { PixelFormat::Grey };
            let has_ink = grey.iter().any(|&v| v as f32 / 255.0 >= INK_THRESHOLD);
            match preprocess_digit(&pixels, width, height, format, size) {
                Err(e) => proptest::prop_assert!(!has_ink && e == PreprocessError::Blank, "{}", e),
                Ok(p) => {
                    proptest::prop_assert!(has_ink);
                    let b = p.bbox;
                    proptest::prop_assert!(b.x0 < b.x1 && b.x1 <= width && b.y0 < b.y1 && b.y1 <= height);
                    proptest::prop_assert_eq!(p.scaled20.width.max(p.scaled20.height), BOX_SIZE);
                    let peak = p.scaled20.data.iter().fold(0.0f32, |a, &v| a.max(v));
                    proptest::prop_assert!((peak - 1.0).abs() < 1e-6);
                    proptest::prop_assert_eq!(p.input.shape(), Shape::new(1, size, size));
                    proptest::prop_assert!(p.input.data().iter().all(|v| (0.0..=1.0 + 1e-6).contains(v)));
                    // Centred to within half a pixel, unless the clamp kept the image inside.
                    let com = p.centred28.centre_of_mass().unwrap();
                    let axes = [(com.0, p.offset.0, p.scaled20.width), (com.1, p.offset.1, p.scaled20.height)];
                    for (c, offset, side) in axes {
                        let clamped = offset == 0 || offset == FIELD_SIZE - side;
                        proptest::prop_assert!(clamped || (c - 14.0).abs() <= 0.5 + 1e-4, "{:?}", (c, offset, side));
                    }
                }
            }
        }
    }

    #[test]
    fn area_weights_cover_each_target_cell_once() {
        for (src, dst) in [(400, 20), (5, 20), (4, 2), (50, 3), (7, 7), (1, 20)] {
            for weights in area_weights(src, dst) {
                let total: f32 = weights.iter().map(|w| w.1).sum();
                assert!((total - 1.0).abs() < 1e-5, "{src}→{dst}: {weights:?}");
            }
        }
        assert_eq!(
            area_weights(4, 2),
            vec![vec![(0, 0.5), (1, 0.5)], vec![(2, 0.5), (3, 0.5)]]
        );
    }
}
