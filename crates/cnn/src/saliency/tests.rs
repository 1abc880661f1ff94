use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use super::*;
use crate::network::NetworkSpec;

fn random_input(shape: Shape, seed: u64) -> Tensor {
    let mut rng = Pcg32::seed_from_u64(seed);
    Tensor::from_fn(shape, |_, _, _| rng.random::<f32>()).unwrap()
}

fn net(text: &str, seed: u64) -> Network {
    Network::new(&NetworkSpec::parse(text).unwrap(), seed).unwrap()
}

/// Random biases, so that the maps are not just the homogeneous case.
fn with_random_biases(mut network: Network, seed: u64) -> Network {
    let mut rng = Pcg32::seed_from_u64(seed);
    for (i, t) in network.param_tensors_mut().into_iter().enumerate() {
        if i % 2 == 1 {
            t.iter_mut().for_each(|b| *b = rng.random_range(-0.3..0.3));
        }
    }
    network
}

fn pretrained() -> Network {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/weights/pretrained.bin"
    );
    crate::weights::load(&std::fs::read(path).unwrap()).unwrap()
}

/// Central differences of the score z_c, in f64 arithmetic of f32 forwards.
fn finite_difference(
    probe: &mut InputGradient,
    input: &Tensor,
    class: usize,
    i: usize,
    eps: f32,
) -> f64 {
    let mut plus = input.clone();
    plus.data_mut()[i] += eps;
    let mut minus = input.clone();
    minus.data_mut()[i] -= eps;
    let (zp, zm) = (probe.scores(&plus)[class], probe.scores(&minus)[class]);
    (f64::from(zp) - f64::from(zm)) / (2.0 * f64::from(eps))
}

#[test]
fn the_input_gradient_agrees_with_finite_differences_on_a_smooth_network() {
    let network = with_random_biases(
        net(
            "input 10x10x2; conv 3x3x4 pad 1 tanh; avgpool 2; conv 3x3x6 sigmoid; dense 8 tanh; dense 5 softmax",
            3,
        ),
        4,
    );
    let input = random_input(network.input_shape(), 5);
    let mut probe = InputGradient::new(&network);
    for class in 0..5 {
        let grad = probe.gradient(&input, class);
        assert_eq!(grad.len(), 200);
        for i in (0..200).step_by(7) {
            let fd = finite_difference(&mut probe, &input, class, i, 1e-2);
            let g = f64::from(grad[i]);
            assert!(
                (g - fd).abs() <= 1e-3 * (1.0 + g.abs()),
                "class {class}, input {i}: backward {g}, finite difference {fd}"
            );
        }
    }
}

#[test]
fn the_input_gradient_agrees_with_finite_differences_through_relu_and_max_pooling() {
    let network = with_random_biases(net(&NetworkSpec::convnetjs_mnist().to_string(), 11), 12);
    let input = random_input(network.input_shape(), 13);
    let mut probe = InputGradient::new(&network);
    let mut checked = 0;
    for class in [0, 4, 9] {
        let grad = probe.gradient(&input, class);
        for i in (0..576).step_by(5) {
            let fd = finite_difference(&mut probe, &input, class, i, 1e-3);
            let g = f64::from(grad[i]);
            // A step of ±0.001 can cross a ReLU's kink or swap a pool's winner; those few
            // points differ by a jump, every other one agrees to rounding.
            if (g - fd).abs() <= 3e-3 * (1.0 + g.abs()) {
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 3 * 116 * 95 / 100,
        "{checked} of {} agree",
        3 * 116
    );
}

#[test]
fn gradient_times_input_splits_the_score_of_a_network_without_biases() {
    // ReLU, max pooling and no biases (as initialised): z_c(t·x) = t·z_c(x), so by Euler's
    // theorem Σ x·∂z_c/∂x = z_c — the map adds up to the score.
    let network = net(&NetworkSpec::convnetjs_mnist().to_string(), 21);
    let input = random_input(network.input_shape(), 22);
    let mut probe = InputGradient::new(&network);
    let scores = probe.scores(&input);
    let saliency = probe.gradient_times_input(&input);
    for (class, z) in scores.iter().enumerate() {
        let sum: f32 = saliency.map(class).unwrap().iter().sum();
        assert!(
            (sum - z).abs() <= 1e-4 * (1.0 + z.abs()),
            "class {class}: Σ {sum}, z {z}"
        );
    }
    let sum_p: f32 = saliency.probabilities.iter().sum();
    assert!((sum_p - 1.0).abs() < 1e-5);
}

#[test]
fn gradient_times_input_is_zero_on_paper() {
    let mut network = pretrained();
    let input = one_stroke(network.input_shape().height);
    let saliency = saliency(&mut network, &input, SaliencyMethod::GradientTimesInput);
    for class in 0..10 {
        let map = saliency.map(class).unwrap();
        for (i, &v) in map.iter().enumerate() {
            if input.data()[i] == 0.0 {
                assert_eq!(v, 0.0);
            }
        }
    }
}

/// A "1": one vertical stroke, columns 11–12, rows 3–20.
fn one_stroke(side: usize) -> Tensor {
    Tensor::from_fn(Shape::new(1, side, side), |_, y, x| {
        if (3..=20).contains(&y) && (11..=12).contains(&x) {
            1.0
        } else {
            0.0
        }
    })
    .unwrap()
}

#[test]
fn the_occlusion_map_of_a_one_stroke_digit_is_zero_away_from_the_ink() {
    let mut network = pretrained();
    let input = one_stroke(24);
    let saliency = occlusion(&mut network, &input, 4, 2);
    let verdict = crate::layers::argmax(&saliency.probabilities);
    assert_eq!(verdict, 1, "the stroke reads as a 1");
    let map = saliency.map(verdict).unwrap();
    for y in 0..24 {
        for x in 0..24 {
            // Every 4-px patch that covers (y, x) misses the ink in columns 11–12 (the stroke's
            // rows 3–20 reach every patch's rows within 3 px, so only the columns decide).
            let away = x + 3 < 11 || x > 12 + 3;
            if away {
                assert_eq!(map[y * 24 + x], 0.0, "({y}, {x})");
            }
        }
    }
    let strongest = saliency.strongest(verdict, 5);
    assert_eq!(strongest.len(), 5);
    assert!(saliency.max_abs(verdict) > 0.0);
}

#[test]
fn an_occlusion_value_is_the_drop_of_the_one_patch_over_it() {
    // Patches of 4 every 4 px: each pixel lies under one patch, its value is that patch's drop.
    let mut network = with_random_biases(net(&NetworkSpec::convnetjs_mnist().to_string(), 31), 32);
    let input = random_input(network.input_shape(), 33);
    let saliency = occlusion(&mut network, &input, 4, 4);
    let plain = network.predict(&input);
    let mut covered = input.clone();
    for y in 8..12 {
        for x in 16..20 {
            covered.set(0, y, x, 0.0);
        }
    }
    let hidden = network.predict(&covered);
    for class in 0..10 {
        let expected = plain[class] - hidden[class];
        for (y, x) in [(8, 16), (11, 19), (9, 17)] {
            let v = saliency.map(class).unwrap()[y * 24 + x];
            assert!(
                (v - expected).abs() < 1e-6,
                "class {class}: {v} vs {expected}"
            );
        }
    }
}

#[test]
fn patches_cover_every_pixel_up_to_the_edge() {
    assert_eq!(
        patch_starts(24, 4, 2),
        (0..=20).step_by(2).collect::<Vec<_>>()
    );
    assert_eq!(
        patch_starts(24, 5, 2),
        vec![0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 19]
    );
    assert_eq!(patch_starts(24, 4, 4), vec![0, 4, 8, 12, 16, 20]);
    assert_eq!(patch_starts(3, 8, 2), vec![0]);
}

#[test]
fn the_strongest_pixels_are_sorted_and_positive() {
    let s = Saliency {
        method: SaliencyMethod::Occlusion,
        width: 3,
        height: 2,
        probabilities: vec![1.0],
        maps: vec![vec![0.1, -0.5, 0.3, 0.0, 0.2, 0.3]],
    };
    assert_eq!(s.strongest(0, 10), vec![(0, 2), (1, 2), (1, 1), (0, 0)]);
    assert_eq!(s.max_abs(0), 0.5);
    assert!(s.map(1).is_none());
    assert_eq!(s.max_abs(1), 0.0);
}
