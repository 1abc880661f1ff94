//! Fuzz targets: the digit preprocessing and the pen rasteriser.

use rand::Rng;
use rand_pcg::Pcg32;

use super::*;

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

pub(super) fn pen_case(seed: u64) {
    let mut r = rng(seed);
    let side = r.random_range(0..=96usize);
    let raster = painted_pad(&mut r, side);
    assert_eq!(raster.len(), side * side);
    let size = r.random_range(1..=preprocess::FIELD_SIZE);
    if side > 0 {
        check_preprocess(&raster, side, side, PixelFormat::Grey, size);
    }
}

pub(super) fn preprocess_case(seed: u64) {
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
