//! Data augmentation that mimics pen input: every training digit drawn again as if by another hand
//! with another pen. Each part can be switched on separately ([`Augmentation`]); a
//! [`Distortion`] is one random draw of all of them, from a seeded generator.
//!
//! On a 28×28 digit (pixel (x, y) at index coordinates, the field's centre c = (13.5, 13.5)):
//!
//! ```text
//! pen          src' = src blended towards its 3×3-cross dilation (bold, t ∈ [0.3, 1]) or erosion (thin, t ∈ [0.2, 0.5])
//! affine       q = A·(p − c) + c + s,   A = R(θ) · [1 k; 0 1] · diag(σ·(1 + a), σ·(1 − a))
//!              θ ∈ ±15°, σ ∈ [0.8, 1.2], shear k ∈ ±0.2, aspect a ∈ ±0.08, shift s ∈ ±2 px per axis
//! elastic      out(q) = src'(A⁻¹(q − c − s) + c + α·(G_σ ∗ u)(q)),   u ~ U(−1, 1)² per pixel
//!              (Simard, Steinkraus & Platt 2003: a random field smoothed by a Gaussian of σ = 4 px,
//!              scaled by α = 34: a local wobble of ≈ 1.4 px standard deviation, a hand's unsteadiness)
//! ```
//!
//! sampled bilinearly. The digit always stays inside the field: before sampling, the ink's box
//! (grown by the sampling's reach and the largest elastic displacement) is mapped through A, and
//! if it would not fit inside the field with a one-pixel margin A shrinks and the shift is clamped.
//!
//! [`augmented_input`] then passes the result through the Draw section's own preprocessing
//! ([`crate::preprocess::preprocess_digit`]: box of 20 px, centre of mass, 24×24 window), so a
//! network trained on it sees the kind of input a drawn digit becomes. (That preprocessing
//! re-centres and re-scales the digit: what stays of the shift and the scale is the rounding of
//! the centre and the stroke width relative to the digit — as on the pad.)

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::mnist::{self, SIDE};
use crate::preprocess::{PixelFormat, preprocess_digit};
use crate::tensor::Tensor;

pub const ROTATION_DEGREES: f32 = 15.0;
pub const SCALE_MIN: f32 = 0.8;
pub const SCALE_MAX: f32 = 1.2;
pub const SHEAR: f32 = 0.2;
pub const ASPECT: f32 = 0.08;
pub const SHIFT: f32 = 2.0;
/// Simard et al.'s smoothing (σ, px) and strength (α) of the elastic field for MNIST.
pub const ELASTIC_SIGMA: f32 = 4.0;
pub const ELASTIC_ALPHA: f32 = 34.0;

/// Which parts of the augmentation are on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Augmentation {
    /// Rotation, scale, shear, aspect and shift.
    pub affine: bool,
    /// Thin and bold pens.
    pub pen: bool,
    /// Elastic distortion.
    pub elastic: bool,
}

impl Augmentation {
    pub const NONE: Augmentation = Augmentation {
        affine: false,
        pen: false,
        elastic: false,
    };
    pub const ALL: Augmentation = Augmentation {
        affine: true,
        pen: true,
        elastic: true,
    };

    pub fn is_none(&self) -> bool {
        *self == Augmentation::NONE
    }
}

/// One random draw of the augmentation (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct Distortion {
    /// The forward map A, row-major [a b; c d].
    pub matrix: [f32; 4],
    pub shift: (f32, f32),
    /// > 0: bolder (blend towards the dilation), < 0: thinner (towards the erosion).
    pub pen: f32,
    /// α·(G_σ ∗ u) per output pixel, (dx, dy), or empty.
    pub displacement: Vec<(f32, f32)>,
}

const CENTRE: f32 = (SIDE as f32 - 1.0) / 2.0;

impl Distortion {
    pub const IDENTITY: Distortion = Distortion {
        matrix: [1.0, 0.0, 0.0, 1.0],
        shift: (0.0, 0.0),
        pen: 0.0,
        displacement: Vec::new(),
    };

    /// Draws the parts that are on, always in the same order, so one seed gives one distortion.
    pub fn random(parts: &Augmentation, rng: &mut impl Rng) -> Distortion {
        let mut d = Distortion::IDENTITY;
        if parts.affine {
            let angle = rng
                .random_range(-ROTATION_DEGREES..=ROTATION_DEGREES)
                .to_radians();
            let scale = rng.random_range(SCALE_MIN..=SCALE_MAX);
            let shear = rng.random_range(-SHEAR..=SHEAR);
            let aspect = rng.random_range(-ASPECT..=ASPECT);
            let (sx, sy) = (scale * (1.0 + aspect), scale * (1.0 - aspect));
            let (s, c) = angle.sin_cos();
            // R · [1 k; 0 1] · diag(sx, sy)
            d.matrix = [c * sx, (c * shear - s) * sy, s * sx, (s * shear + c) * sy];
            d.shift = (
                rng.random_range(-SHIFT..=SHIFT),
                rng.random_range(-SHIFT..=SHIFT),
            );
        }
        if parts.pen {
            d.pen = if rng.random_bool(0.5) {
                rng.random_range(0.3..=1.0)
            } else {
                -rng.random_range(0.2..=0.5)
            };
        }
        if parts.elastic {
            d.displacement = elastic_field(rng);
        }
        d
    }

    /// The largest elastic displacement, in pixels.
    pub fn max_displacement(&self) -> f32 {
        self.displacement
            .iter()
            .fold(0.0f32, |m, &(dx, dy)| m.max(dx.abs()).max(dy.abs()))
    }

    /// The distorted 28×28 digit (ink 0..1) of a 28×28 grey digit (ink = 255).
    pub fn apply(&self, image: &[u8]) -> Vec<f32> {
        assert_eq!(image.len(), SIDE * SIDE, "a 28×28 digit");
        let source = pen(image, self.pen);
        let Some((x0, y0, x1, y1)) = ink_box(&source) else {
            return source;
        };
        let (matrix, shift) = self.fitted(x0, y0, x1, y1);
        let [a, b, c, d] = matrix;
        let det = a * d - b * c;
        let inv = [d / det, -b / det, -c / det, a / det];
        let at = |x: isize, y: isize| -> f32 {
            if (0..SIDE as isize).contains(&x) && (0..SIDE as isize).contains(&y) {
                source[y as usize * SIDE + x as usize]
            } else {
                0.0
            }
        };
        let mut out = vec![0.0; SIDE * SIDE];
        for y in 0..SIDE {
            for x in 0..SIDE {
                let (qx, qy) = (x as f32 - CENTRE - shift.0, y as f32 - CENTRE - shift.1);
                let (ex, ey) = self
                    .displacement
                    .get(y * SIDE + x)
                    .copied()
                    .unwrap_or((0.0, 0.0));
                let sx = inv[0] * qx + inv[1] * qy + CENTRE + ex;
                let sy = inv[2] * qx + inv[3] * qy + CENTRE + ey;
                let (fx0, fy0) = (sx.floor(), sy.floor());
                let (fx, fy) = (sx - fx0, sy - fy0);
                let (ix, iy) = (fx0 as isize, fy0 as isize);
                let top = at(ix, iy) * (1.0 - fx) + at(ix + 1, iy) * fx;
                let bottom = at(ix, iy + 1) * (1.0 - fx) + at(ix + 1, iy + 1) * fx;
                out[y * SIDE + x] = (top * (1.0 - fy) + bottom * fy).clamp(0.0, 1.0);
            }
        }
        out
    }

    /// A and the shift, adjusted so that the ink in columns x0..=x1, rows y0..=y1 lands inside
    /// the field with a margin of one pixel (see the module docs).
    fn fitted(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> ([f32; 4], (f32, f32)) {
        // Bilinear sampling reaches one pixel; the elastic field moves the sample by up to D.
        let reach = 1.0 + self.max_displacement();
        let corners = [
            (x0 as f32 - reach, y0 as f32 - reach),
            (x1 as f32 + reach, y0 as f32 - reach),
            (x0 as f32 - reach, y1 as f32 + reach),
            (x1 as f32 + reach, y1 as f32 + reach),
        ];
        let extent = |m: [f32; 4]| {
            let (mut lo, mut hi) = ((f32::MAX, f32::MAX), (f32::MIN, f32::MIN));
            for (px, py) in corners {
                let (dx, dy) = (px - CENTRE, py - CENTRE);
                let qx = m[0] * dx + m[1] * dy + CENTRE;
                let qy = m[2] * dx + m[3] * dy + CENTRE;
                lo = (lo.0.min(qx), lo.1.min(qy));
                hi = (hi.0.max(qx), hi.1.max(qy));
            }
            (lo, hi)
        };
        let (first, last) = (1.0, SIDE as f32 - 2.0);
        let room = last - first;
        let mut m = self.matrix;
        let (lo, hi) = extent(m);
        let widest = (hi.0 - lo.0).max(hi.1 - lo.1);
        if widest > room {
            let k = room / widest;
            m.iter_mut().for_each(|v| *v *= k);
        }
        let (lo, hi) = extent(m);
        let clamp = |s: f32, lo: f32, hi: f32| {
            let (min, max) = (first - lo, last - hi);
            if min > max {
                (min + max) / 2.0
            } else {
                s.clamp(min, max)
            }
        };
        (
            m,
            (
                clamp(self.shift.0, lo.0, hi.0),
                clamp(self.shift.1, lo.1, hi.1),
            ),
        )
    }
}

/// Columns x0..=x1 and rows y0..=y1 holding ink, or `None` for a blank image.
fn ink_box(image: &[f32]) -> Option<(usize, usize, usize, usize)> {
    let mut bbox: Option<(usize, usize, usize, usize)> = None;
    for (i, &v) in image.iter().enumerate() {
        if v > 0.0 {
            let (x, y) = (i % SIDE, i / SIDE);
            bbox = Some(match bbox {
                None => (x, y, x, y),
                Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
            });
        }
    }
    bbox
}

/// The digit in 0..1, blended by |amount| towards its 3×3-cross dilation (amount > 0) or
/// erosion (amount < 0).
fn pen(image: &[u8], amount: f32) -> Vec<f32> {
    let plain: Vec<f32> = image.iter().map(|&v| f32::from(v) / 255.0).collect();
    if amount == 0.0 {
        return plain;
    }
    let get = |x: isize, y: isize| -> f32 {
        if (0..SIDE as isize).contains(&x) && (0..SIDE as isize).contains(&y) {
            plain[y as usize * SIDE + x as usize]
        } else {
            0.0
        }
    };
    let mut out = plain.clone();
    for y in 0..SIDE as isize {
        for x in 0..SIDE as isize {
            let here = get(x, y);
            let around = [get(x - 1, y), get(x + 1, y), get(x, y - 1), get(x, y + 1)];
            let target = if amount > 0.0 {
                around.iter().fold(here, |m, &v| m.max(v))
            } else {
                around.iter().fold(here, |m, &v| m.min(v))
            };
            out[(y * SIDE as isize + x) as usize] = here + amount.abs() * (target - here);
        }
    }
    out
}

/// α · (G_σ ∗ u) for u uniform in (−1, 1)² per pixel, the Gaussian truncated at 3σ and the
/// field continued by zeros outside.
fn elastic_field(rng: &mut impl Rng) -> Vec<(f32, f32)> {
    let n = SIDE * SIDE;
    let ux: Vec<f32> = (0..n).map(|_| rng.random_range(-1.0f32..=1.0)).collect();
    let uy: Vec<f32> = (0..n).map(|_| rng.random_range(-1.0f32..=1.0)).collect();
    let radius = (3.0 * ELASTIC_SIGMA).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * ELASTIC_SIGMA * ELASTIC_SIGMA)).exp())
        .collect();
    let norm: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / norm).collect();
    let blur = |field: &[f32]| -> Vec<f32> {
        let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
            let mut out = vec![0.0; n];
            for y in 0..SIDE as isize {
                for x in 0..SIDE as isize {
                    let mut sum = 0.0;
                    for (k, w) in (-radius..=radius).zip(&kernel) {
                        let (sx, sy) = if horizontal { (x + k, y) } else { (x, y + k) };
                        if (0..SIDE as isize).contains(&sx) && (0..SIDE as isize).contains(&sy) {
                            sum += w * src[sy as usize * SIDE + sx as usize];
                        }
                    }
                    out[(y * SIDE as isize + x) as usize] = sum;
                }
            }
            out
        };
        pass(&pass(field, true), false)
    };
    let (bx, by) = (blur(&ux), blur(&uy));
    bx.iter()
        .zip(&by)
        .map(|(&dx, &dy)| (ELASTIC_ALPHA * dx, ELASTIC_ALPHA * dy))
        .collect()
}

/// ink 0..1 → grey bytes (ink = 255), as the pad's raster is.
fn to_grey(image: &[f32]) -> Vec<u8> {
    image
        .iter()
        .map(|&v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)
        .collect()
}

/// A random [`Distortion`] of the parts in `parts` of a 28×28 grey digit, as grey bytes again
/// (ink = 255): the Training section crops it like an undistorted digit.
pub fn distort(image: &[u8], parts: &Augmentation, rng: &mut impl Rng) -> Vec<u8> {
    if parts.is_none() {
        return image.to_vec();
    }
    to_grey(&Distortion::random(parts, rng).apply(image))
}

/// A network input of side `size` from a 28×28 grey digit: a random [`Distortion`] of the parts
/// in `parts`, then the Draw section's preprocessing. A digit the distortion left blank (a thin
/// pen can erase a faint one) falls back to its centre crop, as does [`Augmentation::NONE`].
pub fn augmented_input(
    image: &[u8],
    parts: &Augmentation,
    size: usize,
    rng: &mut impl Rng,
) -> Tensor {
    let plain = || {
        mnist::crop(
            image,
            mnist::centre_offset(size),
            mnist::centre_offset(size),
            size,
        )
    };
    if parts.is_none() {
        return plain();
    }
    let distorted = to_grey(&Distortion::random(parts, rng).apply(image));
    match preprocess_digit(&distorted, SIDE, SIDE, PixelFormat::Grey, size) {
        Ok(pre) => pre.input,
        Err(_) => plain(),
    }
}

#[cfg(test)]
mod tests;
