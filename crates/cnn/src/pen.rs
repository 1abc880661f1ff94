//! The drawing pad's rasteriser: a stroke is a polyline drawn with round caps and joins, like a
//! canvas line. A pixel's ink is the coverage of the disc-swept segment, approximated by
//!
//! ```text
//! ink = 255 · clamp(r + ½ − d, 0, 1)      d: distance from the pixel centre to the segment, r: pen radius
//! ```
//!
//! (one pixel of anti-aliasing); overlapping strokes keep the maximum, they do not add up. The
//! Draw section's pad paints with it, and so does the foreign-handwriting check of the
//! pretrained network (`cargo xtask pretrain`), with pens of other widths.

/// Paints the capsule of radius `width / 2` around the segment a–b (points (x, y) in pixels,
/// y down) into a `side`×`side` grey raster (ink = 255). A point (a = b) is a dot.
pub fn paint_segment(raster: &mut [u8], side: usize, a: (f32, f32), b: (f32, f32), width: f32) {
    debug_assert_eq!(raster.len(), side * side);
    if side == 0 || raster.len() < side * side {
        return;
    }
    let size = side as isize;
    let r = width / 2.0;
    let reach = r + 1.0;
    let x0 = ((a.0.min(b.0) - reach).floor() as isize).max(0);
    let x1 = ((a.0.max(b.0) + reach).ceil() as isize).min(size - 1);
    let y0 = ((a.1.min(b.1) - reach).floor() as isize).max(0);
    let y1 = ((a.1.max(b.1) + reach).ceil() as isize).min(size - 1);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    for y in y0..=y1 {
        for x in x0..=x1 {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let t = if len2 > 0.0 {
                (((px - a.0) * dx + (py - a.1) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let d = (px - (a.0 + t * dx)).hypot(py - (a.1 + t * dy));
            let coverage = (r + 0.5 - d).clamp(0.0, 1.0);
            if coverage > 0.0 {
                let i = y as usize * side + x as usize;
                let ink = (coverage * 255.0).round() as u8;
                raster[i] = raster[i].max(ink);
            }
        }
    }
}

/// Paints a whole polyline (a single point is a dot).
pub fn paint_polyline(raster: &mut [u8], side: usize, stroke: &[(f32, f32)], width: f32) {
    match stroke {
        [] => {}
        [p] => paint_segment(raster, side, *p, *p, width),
        _ => {
            for pair in stroke.windows(2) {
                paint_segment(raster, side, pair[0], pair[1], width);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_as_wide_as_the_pen_with_round_caps() {
        for width in [6.0f32, 22.0, 36.0] {
            let mut raster = vec![0u8; 100 * 100];
            paint_polyline(&mut raster, 100, &[(20.0, 50.0), (80.0, 50.0)], width);
            let column = (0..100).filter(|&y| raster[y * 100 + 50] > 127).count();
            assert_eq!(column, width.round() as usize, "width {width}");
            let r = width / 2.0;
            assert_eq!(raster[50 * 100 + (80.0 + r - 2.0) as usize], 255);
            assert_eq!(raster[50 * 100 + (80.0 + r + 2.0) as usize], 0);
        }
    }

    #[test]
    fn strokes_off_the_raster_are_cut_not_a_crash() {
        let mut raster = vec![0u8; 50 * 50];
        paint_segment(&mut raster, 50, (-30.0, 25.0), (80.0, 25.0), 10.0);
        assert_eq!(raster[25 * 50], 255);
        assert_eq!(raster[25 * 50 + 49], 255);
        paint_segment(&mut raster, 50, (-100.0, -100.0), (-90.0, -90.0), 4.0);
    }
}
