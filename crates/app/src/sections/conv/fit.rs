//! Resizing a plane of numbers without losing what the student typed: the overlapping part is
//! kept (top-left aligned for a resized grid, centred for a 3×3 preset in a larger kernel).

use super::settings::PerAxis;

/// Copies the overlapping top-left part of an h×w plane into an nh×nw plane of zeros.
pub fn fit_top_left(plane: &[f32], h: usize, w: usize, nh: usize, nw: usize) -> Vec<f32> {
    let mut out = vec![0.0; nh * nw];
    for y in 0..h.min(nh) {
        for x in 0..w.min(nw) {
            out[y * nw + x] = plane[y * w + x];
        }
    }
    out
}

/// Every plane of `data` (consecutive planes of `before.h × before.w`) resized to `size` with
/// [`fit_top_left`].
pub fn fit_planes(data: &[f32], before: PerAxis, size: PerAxis) -> Vec<f32> {
    data.chunks((before.h * before.w).max(1))
        .flat_map(|plane| fit_top_left(plane, before.h, before.w, size.h, size.w))
        .collect()
}

/// Places an h×w plane in the centre of an nh×nw plane (cropping it when smaller).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_left_keeps_the_overlap_and_centred_crops() {
        let plane = [1., 2., 3., 4., 5., 6., 7., 8., 9.];
        assert_eq!(fit_top_left(&plane, 3, 3, 2, 2), vec![1., 2., 4., 5.]);
        assert_eq!(
            fit_top_left(&[1., 2., 3., 4.], 2, 2, 3, 3),
            vec![1., 2., 0., 3., 4., 0., 0., 0., 0.]
        );
        assert_eq!(fit_centred(&plane, 3, 3, 1, 1), vec![5.]);
        assert_eq!(
            fit_planes(
                &[1., 2., 3., 4., 5., 6., 7., 8.],
                PerAxis::both(2),
                PerAxis::both(1)
            ),
            vec![1., 5.],
            "each plane keeps its own top-left value"
        );
        let grown = fit_centred(&plane, 3, 3, 5, 5);
        assert_eq!(&grown[6..9], &[1., 2., 3.]);
        assert_eq!(grown[12], 5.0);
        assert_eq!(grown.iter().sum::<f32>(), 45.0);
    }
}
