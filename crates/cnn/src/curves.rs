//! The numbers the Activations section plots, computed from [`Activation`] itself, so what a
//! student sees is exactly what the network computes.
//!
//! Three things live here:
//!
//! 1. **Sampled curves** of f(x) and f′(x) on a visible range ([`sample_curve`]). Curves with a
//!    jump (the derivatives of ReLU and Leaky ReLU at 0) come back as separate pieces, so a plot
//!    never draws a false vertical line; kinks (ReLU at 0) are sampled exactly.
//!
//! 2. **Softplus as a sum of shifted sigmoids** (Nair & Hinton, 2010):
//!
//!    f_N(x) = Σ_{i=1}^{N} σ(x − i + ½)  ( = Σ_{i=0}^{N−1} σ(x − ½ − i) )
//!
//!    Each term is the sigmoid evaluated at the midpoint of one unit interval [i−1, i], so the sum is
//!    the midpoint rule for ∫₀^∞ σ(x − t) dt = ln(1 + eˣ) = softplus(x). Two errors remain:
//!    the *truncation* (terms i > N are missing; it dominates for x ≳ N − 3, where f_N flattens
//!    at N while softplus keeps growing like x) and the *midpoint-rule error*, which does not
//!    vanish as N → ∞: by Euler–Maclaurin it is ≈ −σ′(x)/24, largest at x = 0, where the
//!    infinite sum falls short of ln 2 by 0.0105777 (computed with mpmath). So the gap on a range
//!    that contains 0 converges to 0.010578, not to 0.
//!
//!    Note the sign of the ½: with σ(x **+** ½ − i) for i = 0…N−1 the first term sits at the
//!    midpoint of [−1, 0] and the sum tends to softplus(x + 1) instead (gap → 1).
//!    [`max_sum_gap`] finds max |f_N(x) − softplus(x)| on a range: sampled every w/4000 (w = width),
//!    then refined by golden-section search around the best sample. The sampled maximum alone is
//!    low by at most h²·max|g″|/8 < 3·10⁻⁶ for h = 0.005 (|g″| < 1); the refinement makes the result
//!    exact to ~1e-12 (tested against mpmath values).
//!
//! 3. **Gradient through depth**: backpropagation multiplies the incoming gradient by f′(zₗ) at
//!    every layer l. We take the teaching model where every one of the k layers sees the *same*
//!    pre-activation z (unit weights, the same input to each neuron), so the gradient that reaches
//!    the first layer is scaled by
//!
//!    G_k(z) = f′(z)^k.
//!
//!    Since σ′(z) ≤ ¼, for the sigmoid G_k ≤ 0.25^k (σ′(0)^10 = 0.25^10 ≈ 9.54·10⁻⁷) — the
//!    vanishing gradient; tanh′(z) ≤ 1 but < 1 away from 0; ReLU′(z) = 1 for z > 0, so G_k = 1
//!    at any depth (and 0 for a "dead" unit, z ≤ 0).

use crate::activation::{Activation, softplus};

/// One unbroken piece of a plotted curve: points (x, y) with increasing x.
pub type Polyline = Vec<(f64, f64)>;

/// Which function of an activation to plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    Value,
    Derivative,
}

impl Quantity {
    pub fn eval(self, activation: Activation, x: f64) -> f64 {
        match self {
            Quantity::Value => activation.value(x),
            Quantity::Derivative => activation.derivative(x),
        }
    }
}

/// Points where `quantity` of `activation` jumps (the plot must break the line there).
pub fn jumps(activation: Activation, quantity: Quantity) -> &'static [f64] {
    match (activation, quantity) {
        (Activation::Relu | Activation::LeakyRelu { .. }, Quantity::Derivative) => &[0.0],
        _ => &[],
    }
}

/// Points where the curve has a corner (sampled exactly so the corner is sharp).
fn kinks(activation: Activation, quantity: Quantity) -> &'static [f64] {
    match (activation, quantity) {
        (Activation::Relu | Activation::LeakyRelu { .. }, Quantity::Value) => &[0.0],
        _ => &[],
    }
}

/// `quantity` of `activation` on [x_min, x_max], sampled at `intervals + 1` equally spaced points
/// plus every kink inside the range; split into pieces at jumps. At a jump d the left piece ends
/// with f(d) (the value the network uses at d, e.g. ReLU′(0) = 0) and the right piece starts
/// with the limit from the right.
///
/// An empty or invalid range (x_min ≥ x_max, non-finite) gives no pieces.
pub fn sample_curve(
    activation: Activation,
    quantity: Quantity,
    x_min: f64,
    x_max: f64,
    intervals: usize,
) -> Vec<Polyline> {
    if !(x_min.is_finite() && x_max.is_finite() && x_min < x_max) || intervals == 0 {
        return Vec::new();
    }
    let step = (x_max - x_min) / intervals as f64;
    let mut xs: Vec<f64> = (0..=intervals)
        .map(|j| {
            if j == intervals {
                x_max
            } else {
                x_min + step * j as f64
            }
        })
        .collect();
    let inside = |&d: &f64| x_min < d && d < x_max;
    xs.extend(kinks(activation, quantity).iter().filter(|d| inside(d)));
    xs.extend(jumps(activation, quantity).iter().filter(|d| inside(d)));
    xs.sort_by(f64::total_cmp);
    xs.dedup();

    let mut pieces = Vec::new();
    let mut current: Polyline = Vec::with_capacity(xs.len());
    let mut breaks = jumps(activation, quantity)
        .iter()
        .copied()
        .filter(inside)
        .peekable();
    for x in xs {
        current.push((x, quantity.eval(activation, x)));
        if breaks.peek() == Some(&x) {
            breaks.next();
            pieces.push(std::mem::take(&mut current));
            // The right-hand limit: the smallest float above the jump.
            current.push((x, quantity.eval(activation, x.next_up())));
        }
    }
    pieces.push(current);
    pieces
}

/// The smallest and largest y over all pieces (None when there are no points).
pub fn y_extent<'a>(pieces: impl IntoIterator<Item = &'a Polyline>) -> Option<(f64, f64)> {
    pieces
        .into_iter()
        .flatten()
        .map(|&(_, y)| y)
        .filter(|y| y.is_finite())
        .fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
        })
}

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

/// The activations compared in the gradient-through-depth panel.
pub const DEPTH_ACTIVATIONS: [Activation; 3] =
    [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

/// The deepest stack the section offers.
pub const MAX_DEPTH: u32 = 20;

/// G_k(z) = f′(z)^k: the factor by which k layers, each at pre-activation z, scale the gradient.
pub fn depth_gradient(activation: Activation, pre_activation: f64, layers: u32) -> f64 {
    // powi with i32: layers ≤ MAX_DEPTH in the UI; saturate rather than wrap for anything larger.
    activation
        .derivative(pre_activation)
        .powi(i32::try_from(layers).unwrap_or(i32::MAX))
}

/// (k, G_k(z)) for k = 1…max_layers.
pub fn depth_gradient_series(
    activation: Activation,
    pre_activation: f64,
    max_layers: u32,
) -> Vec<(u32, f64)> {
    (1..=max_layers)
        .map(|k| (k, depth_gradient(activation, pre_activation, k)))
        .collect()
}

#[cfg(test)]
// Expected values are quoted with all the digits mpmath printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn sampled_curves_are_the_network_functions() {
        let pieces = sample_curve(Activation::Sigmoid, Quantity::Value, -6.0, 6.0, 12);
        assert_eq!(pieces.len(), 1);
        let p = &pieces[0];
        assert_eq!(p.len(), 13);
        assert_eq!(p[0].0, -6.0);
        assert_eq!(p[12].0, 6.0);
        assert_eq!(p[6], (0.0, 0.5));
        // σ(5) ≈ 0.9933 (lecture): 1/(1+e^-5) = 0.99330714907…
        assert!(close(p[11].1, 0.993_307_149_075_715_4, 1e-15));
        for &(x, y) in p {
            assert_eq!(y, Activation::Sigmoid.value(x));
        }
    }

    #[test]
    fn relu_kink_is_sampled_exactly_and_its_derivative_is_split() {
        // 7 intervals on [-1, 2] do not hit 0, so 0 must be inserted.
        let values = sample_curve(Activation::Relu, Quantity::Value, -1.0, 2.0, 7);
        assert_eq!(values.len(), 1);
        assert!(values[0].contains(&(0.0, 0.0)));
        assert_eq!(values[0].len(), 9);

        let derivative = sample_curve(Activation::Relu, Quantity::Derivative, -1.0, 2.0, 7);
        assert_eq!(derivative.len(), 2);
        assert_eq!(*derivative[0].last().unwrap(), (0.0, 0.0));
        assert_eq!(derivative[1][0], (0.0, 1.0));
        assert!(derivative[0].iter().all(|&(_, y)| y == 0.0));
        assert!(derivative[1].iter().all(|&(_, y)| y == 1.0));

        let leaky = Activation::LeakyRelu { slope: 0.01 };
        let d = sample_curve(leaky, Quantity::Derivative, -1.0, 1.0, 4);
        assert_eq!(d.len(), 2);
        // The slope is stored as f32, so the plotted value is f64::from(0.01f32).
        let a = f64::from(0.01f32);
        assert_eq!(d[0], vec![(-1.0, a), (-0.5, a), (0.0, a)]);
        assert_eq!(d[1], vec![(0.0, 1.0), (0.5, 1.0), (1.0, 1.0)]);
        // A range that does not contain the jump is one piece.
        assert_eq!(
            sample_curve(Activation::Relu, Quantity::Derivative, 0.5, 1.0, 4).len(),
            1
        );
    }

    #[test]
    fn invalid_ranges_give_nothing() {
        assert!(sample_curve(Activation::Tanh, Quantity::Value, 1.0, 1.0, 10).is_empty());
        assert!(sample_curve(Activation::Tanh, Quantity::Value, f64::NAN, 1.0, 10).is_empty());
        assert!(sample_sum(3, 2.0, 1.0, 10).is_empty());
        assert!(max_sum_gap(3, f64::INFINITY, 1.0).is_none());
        assert_eq!(y_extent(&Vec::<Polyline>::new()), None);
    }

    #[test]
    fn y_extent_spans_all_pieces() {
        let pieces = sample_curve(Activation::Tanh, Quantity::Value, -3.0, 3.0, 60);
        let (lo, hi) = y_extent(&pieces).unwrap();
        assert!(close(lo, -(3f64.tanh()), 1e-15) && close(hi, 3f64.tanh(), 1e-15));
    }

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
    fn gradient_through_depth() {
        // σ′(0)^10 = 0.25^10 = 9.5367431640625e-7 exactly in binary floating point.
        assert_eq!(
            depth_gradient(Activation::Sigmoid, 0.0, 10),
            9.536_743_164_062_5e-7
        );
        assert_eq!(
            depth_gradient(Activation::Sigmoid, 0.0, 20),
            0.25f64.powi(20)
        );
        // mpmath: σ′(0.5) = 0.23500371220159449, tanh′(0.5) = 0.78644773296592741.
        let expected = [
            (1, 0.235_003_712_201_594_49, 0.786_447_732_965_927_41),
            (5, 0.000_716_759_756_037_151_61, 0.300_849_520_966_854_74),
            (10, 5.137_445_478_744_370_9e-7, 0.090_510_434_265_985_97),
            (20, 2.639_334_604_707_097_9e-13, 0.008_192_138_711_017_367_2),
        ];
        for (k, sig, tanh) in expected {
            let s = depth_gradient(Activation::Sigmoid, 0.5, k);
            let t = depth_gradient(Activation::Tanh, 0.5, k);
            assert!(close(s / sig, 1.0, 1e-13), "sigmoid k={k}: {s}");
            assert!(close(t / tanh, 1.0, 1e-13), "tanh k={k}: {t}");
            assert_eq!(depth_gradient(Activation::Relu, 0.5, k), 1.0);
            assert_eq!(depth_gradient(Activation::Relu, -0.5, k), 0.0);
        }
        let series = depth_gradient_series(Activation::Tanh, 0.0, MAX_DEPTH);
        assert_eq!(series.len(), 20);
        assert!(series.iter().all(|&(_, g)| g == 1.0));
        assert_eq!(series[19].0, 20);
    }
}
