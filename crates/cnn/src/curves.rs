//! The numbers the Activations section plots, computed from [`Activation`] itself, so what a
//! student sees is exactly what the network computes: **sampled curves** of f(x) and f′(x) on a
//! visible range ([`sample_curve`]). Curves with a jump (the derivatives of ReLU and Leaky ReLU
//! at 0) come back as separate pieces, so a plot never draws a false vertical line; kinks (ReLU
//! at 0) are sampled exactly.
//!
//! The lecture's two other pictures of the section have their own files, re-exported here:
//! softplus as a sum of shifted sigmoids ([`softplus_sum`]) and the gradient through depth
//! ([`depth_gradient`]).

pub mod depth_gradient;
pub mod softplus_sum;

pub use depth_gradient::{DEPTH_ACTIVATIONS, MAX_DEPTH, depth_gradient, depth_gradient_series};
pub use softplus_sum::{
    GAP_SAMPLES, MAX_SUM_TERMS, MaxGap, SumStart, max_sum_gap, sample_sum, shifted_sigmoid_sum,
    shifted_sigmoid_term, sum_gap,
};

use crate::activation::Activation;

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

#[cfg(test)]
// Expected values are quoted with all the digits mpmath printed.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    /// |a − b| ≤ tol: for the mpmath values of this file and of its two sub-modules.
    pub(super) fn close(a: f64, b: f64, tol: f64) -> bool {
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
}
