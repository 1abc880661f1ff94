//! A quick native throughput measurement of the default network (not a timed assertion; the
//! benchmark proper is `cargo xtask bench`). Run:
//! `cargo test -p cnn --test throughput -- --ignored --nocapture`.

use std::time::Instant;

use cnn::mnist::Mnist;
use cnn::{Mode, Network, NetworkSpec, TrainConfig, Trainer};
use rand::SeedableRng;
use rand_pcg::Pcg32;

/// CPU seconds used by this thread (Linux `/proc/thread-self/stat`, 10 ms ticks), so that
/// a machine shared with compile jobs still gives a fair per-core figure.
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

#[test]
#[ignore = "measurement; run with --ignored --nocapture"]
fn native_examples_per_second() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/mnist/mnist-10k.bin");
    let mnist = Mnist::parse(&std::fs::read(path).unwrap()).unwrap();
    let split = mnist.split();
    let spec = NetworkSpec::convnetjs_mnist();
    let mut rng = Pcg32::seed_from_u64(1);
    let batches: Vec<_> = split
        .train
        .chunks(20)
        .take(100)
        .map(|idx| mnist.train_batch(idx, 24, &mut rng))
        .collect();
    for (name, config) in [
        ("momentum", TrainConfig::default()),
        ("adadelta", TrainConfig::convnetjs()),
    ] {
        let mut trainer = Trainer::new(Network::new(&spec, 1).unwrap(), config).unwrap();
        for (b, l) in &batches[..10] {
            trainer.step(b, l).unwrap();
        }
        let mut best = f64::INFINITY;
        let cpu = thread_cpu_seconds();
        for _ in 0..5 {
            let start = Instant::now();
            for (b, l) in &batches {
                trainer.step(b, l).unwrap();
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        let cpu = thread_cpu_seconds() - cpu;
        eprintln!(
            "train ({name}, batch 20): {:.0} examples/s wall (best of 5), {:.0} examples per CPU-second",
            2000.0 / best,
            10_000.0 / cpu
        );
    }
    let mut net = Network::new(&spec, 1).unwrap();
    let cpu = thread_cpu_seconds();
    for _ in 0..5 {
        for (b, _) in &batches {
            net.forward(b, Mode::Eval);
        }
    }
    eprintln!(
        "inference batch 20: {:.0} examples per CPU-second",
        10_000.0 / (thread_cpu_seconds() - cpu)
    );
    let items: Vec<_> = batches[0]
        .0
        .data()
        .chunks(576)
        .take(20)
        .map(|d| cnn::Tensor::new(spec.input, d.to_vec()).unwrap())
        .collect();
    let cpu = thread_cpu_seconds();
    for _ in 0..250 {
        for t in &items {
            net.predict(t);
        }
    }
    eprintln!(
        "inference batch 1: {:.0} examples per CPU-second",
        5000.0 / (thread_cpu_seconds() - cpu)
    );
}
