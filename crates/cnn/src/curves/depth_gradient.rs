//! The gradient through depth, as the lecture explains the vanishing gradient: backpropagation
//! multiplies the incoming gradient by f′(zₗ) at every layer l. We take the teaching model where every one of the k layers sees the *same*
//! pre-activation z (unit weights, the same input to each neuron), so the gradient that reaches
//! the first layer is scaled by
//!
//! G_k(z) = f′(z)^k.
//!
//! Since σ′(z) ≤ ¼, for the sigmoid G_k ≤ 0.25^k (σ′(0)^10 = 0.25^10 ≈ 9.54·10⁻⁷) — the
//! vanishing gradient; tanh′(z) ≤ 1 but < 1 away from 0; ReLU′(z) = 1 for z > 0, so G_k = 1
//! at any depth (and 0 for a "dead" unit, z ≤ 0).

use crate::activation::Activation;

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
    use crate::curves::tests::close;

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
