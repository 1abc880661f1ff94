//! The default network learns MNIST: trained natively on the bundled 9,000-digit split with the
//! default `TrainConfig` (seeded, so every run is the same), it must reach the stated accuracy
//! on the 1,000 held-out digits.
//!
//! Measured with seed 1 (SGD + classic momentum 0.9, η 0.01, batch 20, λ 0.001, random 24×24
//! crops, centre crop for test): 96.9% after one pass (9,000 examples), 97.8% after 20,000;
//! mean loss of the first 50 steps 1.689, of the last 50 steps 0.170. The bar asserted below
//! is 96.5% after 20,000 (the issue asks ≥ 95%), leaving room for last-bit float differences
//! between machines.

use cnn::mnist::Mnist;
use cnn::{Network, NetworkSpec, TrainConfig, Trainer};
use rand::SeedableRng;
use rand_pcg::Pcg32;

pub fn load_mnist() -> Mnist {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/mnist/mnist-10k.bin");
    let bytes = std::fs::read(path).expect("web/mnist/mnist-10k.bin (cargo xtask mnist)");
    Mnist::parse(&bytes).expect("the bundled asset parses")
}

/// Trains for `examples` examples (random 24×24 crops, data order from `seed`); returns the
/// held-out accuracy after each pass of `eval_every` examples and the mean loss of the first
/// and last 50 steps.
fn train(
    config: TrainConfig,
    seed: u64,
    examples: usize,
    eval_every: usize,
) -> (Vec<(usize, f32)>, f64, f64) {
    let mnist = load_mnist();
    let split = mnist.split();
    let spec = NetworkSpec::convnetjs_mnist();
    let size = spec.input.height;
    let mut trainer = Trainer::new(Network::new(&spec, seed).unwrap(), config).unwrap();
    let (test, test_labels) = mnist.test_batch(&split.test, size);
    let mut rng = Pcg32::seed_from_u64(seed);
    let mut order = split.train.clone();
    let mut losses = Vec::new();
    let mut evals = Vec::new();
    let mut pos = order.len();
    let mut seen = 0;
    while seen < examples {
        let mut idx = Vec::with_capacity(config.batch_size);
        while idx.len() < config.batch_size {
            if pos == order.len() {
                // A new epoch in a new order (Fisher–Yates with the run's RNG).
                for i in (1..order.len()).rev() {
                    let j = rand::Rng::random_range(&mut rng, 0..=i);
                    order.swap(i, j);
                }
                pos = 0;
            }
            idx.push(order[pos]);
            pos += 1;
        }
        let (batch, labels) = mnist.train_batch(&idx, size, &mut rng);
        let stats = trainer.step(&batch, &labels).unwrap();
        losses.push(stats.data_loss);
        seen += idx.len();
        if seen.is_multiple_of(eval_every) || seen >= examples {
            let e = trainer.evaluate(&test, &test_labels).unwrap();
            eprintln!(
                "{seen:>6} examples: held-out accuracy {:.1}%, loss {:.3}",
                100.0 * e.accuracy,
                e.loss
            );
            evals.push((seen, e.accuracy));
        }
    }
    let first = losses[..50].iter().sum::<f64>() / 50.0;
    let last = losses[losses.len() - 50..].iter().sum::<f64>() / 50.0;
    (evals, first, last)
}

#[test]
fn default_network_learns_mnist() {
    let (evals, first, last) = train(TrainConfig::default(), 1, 20_000, 9_000);
    eprintln!("mean loss of the first 50 steps {first:.3}, last 50 steps {last:.3}");
    assert!(last < first / 4.0, "loss {first} → {last}");
    let &(seen, accuracy) = evals.last().unwrap();
    assert!(
        accuracy >= 0.965,
        "held-out accuracy {accuracy} after {seen} examples"
    );
}

#[test]
#[ignore = "compares optimizers; run with --ignored --nocapture"]
fn compare_configs() {
    for (name, config) in [
        ("default", TrainConfig::default()),
        ("convnetjs", TrainConfig::convnetjs()),
    ] {
        eprintln!("== {name}");
        train(config, 1, 20_000, 2_000);
    }
}
