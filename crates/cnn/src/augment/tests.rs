use rand::SeedableRng;
use rand_pcg::Pcg32;

use super::*;
use crate::mnist::Mnist;

fn bundled() -> Mnist {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/mnist/mnist-10k.bin");
    Mnist::parse(&std::fs::read(path).unwrap()).unwrap()
}

const PARTS: [Augmentation; 4] = [
    Augmentation {
        affine: true,
        pen: false,
        elastic: false,
    },
    Augmentation {
        affine: false,
        pen: true,
        elastic: false,
    },
    Augmentation {
        affine: false,
        pen: false,
        elastic: true,
    },
    Augmentation::ALL,
];

fn border_ink(image: &[f32]) -> f32 {
    let mut sum = 0.0;
    for i in 0..SIDE {
        sum +=
            image[i] + image[(SIDE - 1) * SIDE + i] + image[i * SIDE] + image[i * SIDE + SIDE - 1];
    }
    sum
}

#[test]
fn every_augmentation_keeps_the_digit_inside_the_field() {
    let data = bundled();
    // Digits whose ink reaches furthest out are the hard case: take every 37th digit, and the
    // largest ones of the first 2,000.
    let mut digits: Vec<usize> = (0..data.len()).step_by(37).collect();
    let mut by_extent: Vec<usize> = (0..2000).collect();
    by_extent.sort_by_key(|&i| {
        let (x0, y0, x1, y1) = ink_box(&pen(data.image(i), 0.0)).unwrap();
        std::cmp::Reverse((x1 - x0).max(y1 - y0))
    });
    digits.extend(&by_extent[..20]);
    for parts in PARTS {
        let mut rng = Pcg32::seed_from_u64(7);
        for &i in &digits {
            let d = Distortion::random(&parts, &mut rng);
            let out = d.apply(data.image(i));
            assert_eq!(border_ink(&out), 0.0, "{parts:?}, digit {i}: {d:?}");
            assert!(out.iter().all(|v| (0.0..=1.0).contains(v)));
            let mass: f32 = out.iter().sum();
            assert!(mass > 5.0, "{parts:?}, digit {i}: ink {mass}");
        }
    }
}

#[test]
fn a_distortion_is_reproducible_from_its_seed() {
    let data = bundled();
    for parts in PARTS {
        let draw = |seed: u64| {
            let mut rng = Pcg32::seed_from_u64(seed);
            (0..5)
                .map(|i| augmented_input(data.image(i), &parts, 24, &mut rng).into_data())
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(42), draw(42), "{parts:?}");
        assert_ne!(draw(42), draw(43), "{parts:?}");
    }
}

#[test]
fn the_identity_changes_nothing_and_no_augmentation_is_the_centre_crop() {
    let data = bundled();
    let image = data.image(3);
    let out = Distortion::IDENTITY.apply(image);
    for (a, &b) in out.iter().zip(image) {
        assert!((a - f32::from(b) / 255.0).abs() < 1e-6);
    }
    let mut rng = Pcg32::seed_from_u64(1);
    let input = augmented_input(image, &Augmentation::NONE, 24, &mut rng);
    assert_eq!(input, mnist::crop(image, 2, 2, 24));
}

#[test]
fn a_shift_moves_the_ink_and_the_pen_changes_its_mass() {
    let mut dot = vec![0u8; SIDE * SIDE];
    dot[10 * SIDE + 10] = 255;
    let shifted = Distortion {
        shift: (2.0, -1.0),
        ..Distortion::IDENTITY
    }
    .apply(&dot);
    assert!((shifted[9 * SIDE + 12] - 1.0).abs() < 1e-6);
    assert!((shifted.iter().sum::<f32>() - 1.0).abs() < 1e-5);

    let data = bundled();
    let image = data.image(0);
    let mass = |amount: f32| {
        Distortion {
            pen: amount,
            ..Distortion::IDENTITY
        }
        .apply(image)
        .iter()
        .sum::<f32>()
    };
    assert!(mass(0.8) > mass(0.0) * 1.2);
    assert!(mass(-0.4) < mass(0.0) * 0.9);
}

#[test]
fn random_draws_stay_in_their_ranges() {
    let mut rng = Pcg32::seed_from_u64(9);
    for _ in 0..200 {
        let d = Distortion::random(&Augmentation::ALL, &mut rng);
        let [a, b, c, dd] = d.matrix;
        let det = a * dd - b * c;
        // det = σ²(1 − a²): between 0.8²·(1 − 0.08²) and 1.2².
        assert!((0.63..=1.45).contains(&det), "det {det}");
        assert!(d.shift.0.abs() <= SHIFT && d.shift.1.abs() <= SHIFT);
        assert!((-0.5..=1.0).contains(&d.pen) && d.pen != 0.0);
        assert_eq!(d.displacement.len(), SIDE * SIDE);
        // α·(G ∗ u) with σ = 4: a standard deviation of ≈ 1.4 px, the largest of 784 a few times that.
        assert!(d.max_displacement() < 8.0, "{}", d.max_displacement());
        assert!(d.max_displacement() > 0.1);
    }
}

#[test]
fn an_augmented_input_is_preprocessed_like_a_drawing() {
    let data = bundled();
    let mut rng = Pcg32::seed_from_u64(5);
    for i in 0..50 {
        let t = augmented_input(data.image(i), &Augmentation::ALL, 24, &mut rng);
        assert_eq!(t.shape(), crate::tensor::Shape::new(1, 24, 24));
        let (lo, hi) = t.min_max();
        assert!(lo >= 0.0);
        // The preprocessing normalises the darkest pixel to 1.
        assert!((hi - 1.0).abs() < 1e-6, "digit {i}: max {hi}");
    }
}
