//! The native (x86-64) twin of `crates/xtask/bench/ours.js`: same data file, same protocol, same JSON line.
//! Usage: bench-native --data <CLBENCH1 file> [--seed S] [--warmup N] [--batch N]

use std::time::Instant;

use cnn_bench_wasm::Bench;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = None;
    let (mut seed, mut warmup, mut batch, mut limit) = (1u64, 200usize, 20usize, 0usize);
    let mut it = args.iter();
    while let Some(key) = it.next() {
        let value = it
            .next()
            .unwrap_or_else(|| fail(&format!("{key} needs a value")));
        let number = || {
            value
                .parse::<usize>()
                .unwrap_or_else(|_| fail(&format!("{key}: not a number")))
        };
        match key.as_str() {
            "--data" => data = Some(value.clone()),
            "--seed" => seed = number() as u64,
            "--warmup" => warmup = number(),
            "--batch" => batch = number(),
            "--limit" => limit = number(),
            _ => fail(&format!("unknown argument {key}")),
        }
    }
    let path = data.unwrap_or_else(|| fail("--data is required"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    let mut bench = Bench::load(&bytes, seed).unwrap_or_else(|e| fail(&e));
    let n_train = if limit > 0 {
        limit.min(bench.train_len())
    } else {
        bench.train_len()
    };

    let mut t0 = None;
    let mut timed = 0;
    let mut loss = 0.0;
    for start in (0..n_train).step_by(batch) {
        let n = batch.min(n_train - start);
        if t0.is_none() && start >= warmup {
            t0 = Some(Instant::now());
        }
        loss = bench.train(start, n);
        if t0.is_some() {
            timed += n;
        }
    }
    let train_s = t0.map_or(f64::NAN, |t| t.elapsed().as_secs_f64());
    let n_test = bench.test_len();
    // The protocol of `timeInference` in crates/xtask/bench/common.js: passes over the held-out set until a
    // second has gone by (at most 10), the best pass's rate.
    let mut infer = |n: usize| {
        bench.infer(0, n);
        let batches = n_test / n;
        let (mut best, mut correct, mut passes) = (0.0f64, None, 0);
        let start = Instant::now();
        while passes == 0 || (passes < 10 && start.elapsed().as_secs_f64() < 1.0) {
            let t = Instant::now();
            let right: usize = (0..batches).map(|b| bench.infer(b * n, n)).sum();
            best = best.max((batches * n) as f64 / t.elapsed().as_secs_f64());
            correct.get_or_insert(right);
            passes += 1;
        }
        (best, correct.unwrap_or(0))
    };
    let (b1, correct) = infer(1);
    let (b20, _) = infer(20);
    println!(
        "{{\"peer\":\"ours-native\",\"seed\":{seed},\"train_examples\":{n_train},\"train_ex_per_s\":{},\
         \"infer1_ex_per_s\":{b1},\"infer20_ex_per_s\":{b20},\"accuracy\":{},\"last_loss\":{loss}}}",
        timed as f64 / train_s,
        correct as f64 / n_test as f64
    );
}

fn fail(message: &str) -> ! {
    eprintln!("bench-native: {message}");
    std::process::exit(2)
}
