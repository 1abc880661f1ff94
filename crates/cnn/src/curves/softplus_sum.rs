//! Softplus as a sum of shifted sigmoids (Nair & Hinton, 2010), as the lecture draws it:
//!
//! f_N(x) = Σ_{i=1}^{N} σ(x − i + ½)  ( = Σ_{i=0}^{N−1} σ(x − ½ − i) )
//!
//! Each term is the sigmoid evaluated at the midpoint of one unit interval [i−1, i], so the sum is
//! the midpoint rule for ∫₀^∞ σ(x − t) dt = ln(1 + eˣ) = softplus(x). Two errors remain:
//! the *truncation* (terms i > N are missing; it dominates for x ≳ N − 3, where f_N flattens
//! at N while softplus keeps growing like x) and the *midpoint-rule error*, which does not
//! vanish as N → ∞: by Euler–Maclaurin it is ≈ −σ′(x)/24, largest at x = 0, where the
//! infinite sum falls short of ln 2 by 0.0105777 (computed with mpmath). So the gap on a range
//! that contains 0 converges to 0.010578, not to 0.
//!
//! Note the sign of the ½: with σ(x **+** ½ − i) for i = 0…N−1 the first term sits at the
//! midpoint of [−1, 0] and the sum tends to softplus(x + 1) instead (gap → 1).
//! [`max_sum_gap`] finds max |f_N(x) − softplus(x)| on a range: sampled every w/4000 (w = width),
//! then refined by golden-section search around the best sample. The sampled maximum alone is
//! low by at most h²·max|g″|/8 < 3·10⁻⁶ for h = 0.005 (|g″| < 1); the refinement makes the result
//! exact to ~1e-12 (tested against mpmath values).

use crate::activation::{Activation, softplus};

use super::Polyline;

/// The largest N the section offers for the sum of shifted sigmoids.
pub const MAX_SUM_TERMS: usize = 50;

/// f_N(x) = Σ_{i=1}^{N} σ(x − i + ½): the midpoint-rule approximation of softplus(x).
pub fn shifted_sigmoid_sum(terms: usize, x: f64) -> f64 {
    (1..=terms)
        .map(|i| Activation::Sigmoid.value(x - i as f64 + 0.5))
        .sum()
}

/// The i-th term σ(x − i + ½) of the sum (i = 1…N), for drawing the individual steps.
pub fn shifted_sigmoid_term(i: usize, x: f64) -> f64 {
    Activation::Sigmoid.value(x - i as f64 + 0.5)
}

/// f_N(x) − softplus(x) (negative where the sum falls short).
pub fn sum_gap(terms: usize, x: f64) -> f64 {
    shifted_sigmoid_sum(terms, x) - softplus(x)
}

/// Where the sum of sigmoids starts. The slide writes f(x) = σ(x + ½) + σ(x − ½) + σ(x − 3/2) + …,
/// Σ_{i=0} σ(x + ½ − i): its first term is the midpoint of [−1, 0], so it is the midpoint sum of
/// ∫_{−1/2}^∞ σ(x + ½ − y) dy and tends to softplus(x + 1). The midpoint sum of the slide's
/// integral ∫_{1/2}^∞ σ(x + ½ − y) dy starts at i = 1 and tends to softplus(x). The two differ by
/// a shift: f_slide(x) = f_midpoint(x + 1), term for term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SumStart {
    /// From i = 0, as on the slide.
    Slide,
    /// From i = 1: the exact midpoint sum of the slide's integral (the default).
    #[default]
    Midpoint,
}

impl SumStart {
    pub const ALL: [SumStart; 2] = [SumStart::Slide, SumStart::Midpoint];

    /// How far the slide's sum is shifted: f(x) = f_N(x + shift) with f_N the midpoint sum.
    pub fn shift(self) -> f64 {
        match self {
            SumStart::Slide => 1.0,
            SumStart::Midpoint => 0.0,
        }
    }

    /// The first index i of Σ σ(x + ½ − i).
    pub fn first(self) -> usize {
        match self {
            SumStart::Slide => 0,
            SumStart::Midpoint => 1,
        }
    }

    /// The sum of N terms starting at [`SumStart::first`].
    pub fn sum(self, terms: usize, x: f64) -> f64 {
        shifted_sigmoid_sum(terms, x + self.shift())
    }

    /// Term k (k = 1…N) of the sum: σ(x + ½ − (first + k − 1)).
    pub fn term(self, k: usize, x: f64) -> f64 {
        shifted_sigmoid_term(k, x + self.shift())
    }

    /// What the sum tends to as N grows: softplus(x + 1) for the slide's, softplus(x) for the
    /// midpoint sum.
    pub fn limit(self, x: f64) -> f64 {
        softplus(x + self.shift())
    }

    /// The sum written out as the page shows it.
    pub fn written(self) -> &'static str {
        match self {
            SumStart::Slide => {
                "f(x) = σ(x + ½) + σ(x − ½) + σ(x − 3/2) + … = Σᵢ₌₀ σ(x + ½ − i) → softplus(x + 1)"
            }
            SumStart::Midpoint => {
                "f(x) = σ(x − ½) + σ(x − 3/2) + σ(x − 5/2) + … = Σᵢ₌₁ σ(x + ½ − i) → softplus(x)"
            }
        }
    }

    /// The limit's name, as the written sum ends: softplus(x + 1) or softplus(x).
    pub fn limit_name(self) -> &'static str {
        match self {
            SumStart::Slide => "softplus(x + 1)",
            SumStart::Midpoint => "softplus(x)",
        }
    }

    /// The limit written out, for the chart's legend.
    pub fn limit_written(self) -> &'static str {
        match self {
            SumStart::Slide => "softplus(x + 1) = ln(1 + eˣ⁺¹)",
            SumStart::Midpoint => "softplus(x) = ln(1 + eˣ)",
        }
    }

    /// max |f − limit| on [x_min, x_max], as [`max_sum_gap`] computes it for the midpoint sum.
    pub fn max_gap(self, terms: usize, x_min: f64, x_max: f64) -> Option<MaxGap> {
        let s = self.shift();
        max_sum_gap(terms, x_min + s, x_max + s).map(|g| MaxGap { x: g.x - s, ..g })
    }
}

/// f_N sampled on [x_min, x_max] (`intervals + 1` points).
pub fn sample_sum(terms: usize, x_min: f64, x_max: f64, intervals: usize) -> Polyline {
    if !(x_min.is_finite() && x_max.is_finite() && x_min < x_max) || intervals == 0 {
        return Vec::new();
    }
    let step = (x_max - x_min) / intervals as f64;
    (0..=intervals)
        .map(|j| {
            let x = if j == intervals {
                x_max
            } else {
                x_min + step * j as f64
            };
            (x, shifted_sigmoid_sum(terms, x))
        })
        .collect()
}

/// Where the gap |f_N − softplus| is largest on a range, and how large it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MaxGap {
    /// The x of the largest gap.
    pub x: f64,
    /// |f_N(x) − softplus(x)| there.
    pub gap: f64,
    /// f_N(x) − softplus(x) there (negative: the sum is below softplus).
    pub signed_gap: f64,
}

/// Samples per range used by [`max_sum_gap`] before the golden-section refinement.
pub const GAP_SAMPLES: usize = 4000;

/// max over x in [x_min, x_max] of |f_N(x) − softplus(x)|; see the module docs for the accuracy.
/// Returns None for an empty or invalid range.
pub fn max_sum_gap(terms: usize, x_min: f64, x_max: f64) -> Option<MaxGap> {
    if !(x_min.is_finite() && x_max.is_finite() && x_min <= x_max) {
        return None;
    }
    let abs_gap = |x: f64| sum_gap(terms, x).abs();
    let step = (x_max - x_min) / GAP_SAMPLES as f64;
    let at = |j: usize| {
        if j == GAP_SAMPLES {
            x_max
        } else {
            x_min + step * j as f64
        }
    };
    let (best_j, _) =
        (0..=GAP_SAMPLES)
            .map(|j| (j, abs_gap(at(j))))
            .fold((0, f64::NEG_INFINITY), |best, cur| {
                if cur.1 > best.1 { cur } else { best }
            });
    let mut x = at(best_j);
    if step > 0.0 && best_j > 0 && best_j < GAP_SAMPLES {
        // The maximum lies within one sample of the best sample; there |g| is unimodal.
        let refined = golden_section_max(abs_gap, at(best_j - 1), at(best_j + 1));
        if abs_gap(refined) > abs_gap(x) {
            x = refined;
        }
    }
    let signed_gap = sum_gap(terms, x);
    Some(MaxGap {
        x,
        gap: signed_gap.abs(),
        signed_gap,
    })
}

/// The argmax of a unimodal f on [a, b], to |Δx| < 1e-12·(1 + |x|).
fn golden_section_max(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64) -> f64 {
    let inv_phi = (5f64.sqrt() - 1.0) / 2.0;
    let mut c = b - inv_phi * (b - a);
    let mut d = a + inv_phi * (b - a);
    let (mut fc, mut fd) = (f(c), f(d));
    for _ in 0..200 {
        if (b - a).abs() < 1e-12 * (1.0 + a.abs().max(b.abs())) {
            break;
        }
        if fc >= fd {
            b = d;
            d = c;
            fd = fc;
            c = b - inv_phi * (b - a);
            fc = f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + inv_phi * (b - a);
            fd = f(d);
        }
    }
    (a + b) / 2.0
}

#[cfg(test)]
// Expected values are quoted with all the digits mpmath printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;
    use crate::curves::tests::close;

    #[test]
    fn shifted_sigmoid_sum_terms() {
        // f_1(x) = σ(x − ½); f_2(0) = σ(−½) + σ(−3/2) = 0.377540669 + 0.182425524 = 0.559966193 (mpmath)
        assert_eq!(shifted_sigmoid_sum(1, 0.5), 0.5);
        assert!(close(
            shifted_sigmoid_sum(2, 0.0),
            0.559_966_192_604_502,
            1e-14
        ));
        assert_eq!(shifted_sigmoid_sum(0, 3.0), 0.0);
        assert_eq!(shifted_sigmoid_term(3, 2.5), 0.5);
        // Far above N the sum saturates at N.
        assert!(close(shifted_sigmoid_sum(5, 100.0), 5.0, 1e-12));
    }

    /// Expected values computed independently with Python's mpmath at 30 significant digits
    /// (`mp.fsum` of the N sigmoids minus `mp.log(1 + mp.exp(x))`, maximised by 2400-point sampling
    /// and `mp.findroot` on the derivative of the gap). Max at the right end of the range when
    /// truncation dominates, at x ≈ 0 otherwise.
    #[test]
    fn max_gap_matches_mpmath() {
        let cases: [(usize, f64, f64, f64, f64); 13] = [
            (1, -6.0, 6.0, 5.006_545_822_853_626_6, 6.0),
            (2, -6.0, 6.0, 4.017_532_765_484_219_8, 6.0),
            (3, -6.0, 6.0, 3.046_844_996_235_576_1, 6.0),
            (5, -6.0, 6.0, 1.305_128_700_063_176, 6.0),
            (10, -6.0, 6.0, 0.017_532_765_484_219_757, 6.0),
            (20, -6.0, 6.0, 0.010_577_703_571_335_818, 1.94e-5),
            (50, -6.0, 6.0, 0.010_577_701_593_585_157, 1.90e-5),
            (1, -10.0, 10.0, 9.000_120_245_126_727_5, 10.0),
            (10, -10.0, 10.0, 0.682_571_316_722_034_23, 10.0),
            (50, -10.0, 10.0, 0.010_577_701_593_585_157, 1.90e-5),
            (3, -3.0, 3.0, 0.684_411_724_199_487_39, 3.0),
            (5, -3.0, 3.0, 0.124_445_531_594_985_61, 3.0),
            (10, -3.0, 3.0, 0.010_621_435_693_509_571, 0.007_921_974_269),
        ];
        for (n, a, b, gap, x) in cases {
            let got = max_sum_gap(n, a, b).unwrap();
            assert!(
                close(got.gap, gap, 1e-12),
                "N={n} [{a},{b}]: {got:?} vs {gap}"
            );
            assert!(close(got.x, x, 1e-3), "N={n} [{a},{b}]: x {} vs {x}", got.x);
            // In all these cases the sum lies below softplus at the worst point.
            assert!(got.signed_gap < 0.0);
        }
    }

    #[test]
    fn gap_converges_to_the_midpoint_rule_error_not_to_zero() {
        // The infinite sum at 0 misses ln 2 by 0.010577701592581279 (mpmath nsum); Euler–Maclaurin
        // predicts ≈ σ′(0)/24 = 0.0104.
        assert!(close(sum_gap(200, 0.0), -0.010_577_701_592_581_279, 1e-14));
        let gaps: Vec<f64> = [1, 2, 5, 10, 20, 50]
            .iter()
            .map(|&n| max_sum_gap(n, -6.0, 6.0).unwrap().gap)
            .collect();
        assert!(gaps.windows(2).all(|w| w[1] <= w[0]), "{gaps:?}");
    }

    #[test]
    fn the_other_sign_of_the_half_converges_to_softplus_of_x_plus_one() {
        // Σ_{i=0}^{N−1} σ(x + ½ − i) = f_N(x + 1): its gap to softplus(x) tends to 1 for large x,
        // which is why the section uses σ(x − i + ½), i = 1…N.
        let x = 4.0;
        let literal: f64 = (0..50)
            .map(|i| Activation::Sigmoid.value(x + 0.5 - f64::from(i)))
            .sum();
        assert!(close(literal, shifted_sigmoid_sum(50, x + 1.0), 1e-12));
        assert!(literal - softplus(x) > 0.98);
    }

    #[test]
    fn the_slides_sum_starts_at_zero_and_tends_to_softplus_of_x_plus_one() {
        // N = 1 at x = 0: the slide's σ(½) = 0.6224593312018546 (mpmath), the midpoint sum's σ(−½).
        assert!(close(
            SumStart::Slide.sum(1, 0.0),
            0.622_459_331_201_854_6,
            1e-15
        ));
        assert!(close(
            SumStart::Midpoint.sum(1, 0.0),
            0.377_540_668_798_145_4,
            1e-15
        ));
        // σ(½) + σ(−½) = 1 exactly; + σ(−3/2) = 1.182425523806356 (mpmath).
        assert!(close(SumStart::Slide.sum(2, 0.0), 1.0, 1e-15));
        assert!(close(
            SumStart::Slide.sum(3, 0.0),
            1.182_425_523_806_356,
            1e-14
        ));
        assert_eq!(SumStart::Slide.term(1, 0.0), Activation::Sigmoid.value(0.5));
        assert_eq!(
            (SumStart::Slide.first(), SumStart::Midpoint.first()),
            (0, 1)
        );
        // Many terms: each tends to its own limit, and the slide's is one unit to the left.
        for x in [0.0, 1.5, 3.0] {
            let slide = SumStart::Slide.sum(50, x);
            assert!((slide - softplus(x + 1.0)).abs() < 0.011, "x = {x}");
            assert!((slide - softplus(x)).abs() > 0.5, "x = {x}");
            assert!((SumStart::Midpoint.sum(50, x) - softplus(x)).abs() < 0.011);
        }
        // Its largest gap to softplus(x + 1) is the midpoint sum's, one unit to the left.
        let slide = SumStart::Slide.max_gap(50, -6.0, 6.0).unwrap();
        let mid = max_sum_gap(50, -5.0, 7.0).unwrap();
        assert!(close(slide.gap, mid.gap, 1e-15));
        assert!(close(slide.x, mid.x - 1.0, 1e-12));
        assert!(close(slide.gap, 0.010_577_701_593_585_157, 1e-9));
        assert!(
            SumStart::Slide
                .written()
                .starts_with("f(x) = σ(x + ½) + σ(x − ½) + σ(x − 3/2)")
        );
        // The legend names the same limit the written sum tends to.
        for start in SumStart::ALL {
            let limit = start.limit_name();
            assert!(
                start.written().ends_with(&format!("→ {limit}")),
                "{start:?}"
            );
            assert!(
                start
                    .limit_written()
                    .starts_with(&format!("{limit} = ln(1 + e"))
            );
        }
    }
}
