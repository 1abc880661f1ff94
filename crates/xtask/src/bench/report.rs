//! The tables `cargo xtask bench` prints: medians over the rounds with the share of the one-core
//! SIMD limit, ours ÷ each peer within a round, and the one-process duel.

use super::{Options, Sample};

/// FLOPs of the ConvNetJS MNIST net: one forward pass (578,560 multiply-adds) and one training example
/// (forward, input and weight gradients of conv2, weight gradient of conv1, dense).
const FORWARD_FLOP: f64 = 1.157e6;
const TRAIN_FLOP: f64 = 3.47e6;
/// One core's measured f32 limit for 128-bit wasm SIMD with mul + add (issue 8).
const SIMD_LIMIT_FLOP: f64 = 43e9;

/// The table of `duel.js`: rates summed over all turns, and ours ÷ each runner (its 10th–90th percentile over
/// the cycles in brackets).
pub(super) fn print_duel(duel: &serde_json::Value) {
    let Some(runners) = duel["runners"].as_object() else {
        return;
    };
    println!();
    println!(
        "Ours and TF.js in one Node process taking turns of ≈0.1 s ({:.0} s, {} cycles; host drift hits every runner \
         alike), data seed {}: examples/s over all turns, and ours (wasm) ÷ this runner over all turns \
         (10th–90th percentile of the per-cycle ratios)",
        duel["seconds"].as_f64().unwrap_or(f64::NAN),
        duel["cycles"].as_u64().unwrap_or(0),
        duel["seed"].as_u64().unwrap_or(0),
    );
    println!();
    println!(
        "| runner | train ex/s | infer ex/s batch 1 | infer ex/s batch 20 | ours ÷ this: train | infer b1 | infer b20 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let Some(ours) = runners.get("ours (wasm)") else {
        return;
    };
    // serde_json's map is sorted by key: ours first, then the peers.
    let mut labels: Vec<&String> = runners.keys().collect();
    labels.sort_by_key(|l| (!l.starts_with("ours"), l.as_str()));
    for label in labels {
        let r = &runners[label];
        let rate = |task: &str| {
            r[task]["ex_per_s"]
                .as_f64()
                .map_or("—".to_string(), |v| format!("{v:.0}"))
        };
        let ratio = |task: &str| match (
            ours[task]["ex_per_s"].as_f64(),
            r[task]["ex_per_s"].as_f64(),
        ) {
            (Some(a), Some(b)) if b > 0.0 => format!(
                "{:.2}× ({:.2}–{:.2})",
                a / b,
                r[task]["ratio_p10"].as_f64().unwrap_or(f64::NAN),
                r[task]["ratio_p90"].as_f64().unwrap_or(f64::NAN)
            ),
            _ => "—".to_string(),
        };
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} |",
            rate("train"),
            rate("infer1"),
            rate("infer20"),
            ratio("train"),
            ratio("infer1"),
            ratio("infer20"),
        );
    }
}

/// The processor the figures were measured on (Linux), e.g. "Intel(R) Xeon(R) Processor @ 2.50GHz".
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "processor not known".to_string())
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// Ours ÷ each peer within the same round (runs minutes apart share the machine's state; on a shared host
/// its speed drifts by up to 2× between minutes, which medians over rounds do not cancel).
fn print_round_ratios(samples: &[Sample], ours: &str) {
    let mut peers: Vec<&str> = Vec::new();
    for s in samples {
        if s.peer != ours && !peers.contains(&s.peer.as_str()) {
            peers.push(&s.peer);
        }
    }
    let spread = |ratios: Vec<f64>| match (
        median(ratios.clone()),
        ratios.iter().copied().reduce(f64::min),
    ) {
        (Some(m), Some(lo)) => {
            let hi = ratios.iter().copied().fold(lo, f64::max);
            format!("{m:.2}× ({lo:.2}–{hi:.2})")
        }
        _ => "—".to_string(),
    };
    println!();
    println!("Same-round ratios, ours (wasm) ÷ peer: median (min–max over rounds)");
    println!();
    println!("| peer | train ex/s | train ex/CPU-s | infer batch 1 | infer batch 20 |");
    println!("|---|---:|---:|---:|---:|");
    for peer in peers {
        let pairs: Vec<(&Sample, &Sample)> = samples
            .iter()
            .filter(|s| s.peer == peer)
            .filter_map(|p| {
                samples
                    .iter()
                    .find(|s| s.peer == ours && s.round == p.round)
                    .map(|o| (o, p))
            })
            .collect();
        let ratio = |f: &dyn Fn(&Sample) -> Option<f64>| {
            spread(
                pairs
                    .iter()
                    .filter_map(|(o, p)| Some(f(o)? / f(p)?))
                    .filter(|r| r.is_finite())
                    .collect(),
            )
        };
        println!(
            "| {peer} | {} | {} | {} | {} |",
            ratio(&|s| Some(s.train_ex_per_s)),
            ratio(&|s| s.train_cpu_ex_per_s),
            ratio(&|s| s.infer1_ex_per_s),
            ratio(&|s| s.infer20_ex_per_s),
        );
    }
}

pub(super) fn print_table(samples: &[Sample], o: &Options) {
    let mut labels: Vec<&str> = Vec::new();
    for s in samples {
        if !labels.contains(&s.peer.as_str()) {
            labels.push(&s.peer);
        }
    }
    struct Row {
        label: String,
        train: Option<f64>,
        train_cpu: Option<f64>,
        infer1: Option<f64>,
        infer20: Option<f64>,
        accuracy: Vec<f64>,
    }
    let rows: Vec<Row> = labels
        .iter()
        .map(|&l| {
            let of = |f: &dyn Fn(&Sample) -> Option<f64>| {
                median(
                    samples
                        .iter()
                        .filter(|s| s.peer == l)
                        .filter_map(f)
                        .collect(),
                )
            };
            Row {
                label: l.to_string(),
                train: of(&|s| Some(s.train_ex_per_s)),
                train_cpu: of(&|s| s.train_cpu_ex_per_s),
                infer1: of(&|s| s.infer1_ex_per_s),
                infer20: of(&|s| s.infer20_ex_per_s),
                accuracy: samples
                    .iter()
                    .filter(|s| s.peer == l)
                    .map(|s| s.accuracy)
                    .collect(),
            }
        })
        .collect();
    let ours = &rows[0];
    let fmt = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.0}"));
    let ratio = |v: Option<f64>, base: Option<f64>| match (v, base) {
        (Some(v), Some(b)) if v > 0.0 => format!("{:.2}×", b / v),
        _ => "—".to_string(),
    };
    let examples = if o.limit > 0 { o.limit } else { 9000 };
    println!();
    let seeds = if o.rounds == 1 {
        format!("data seed {}", o.seed)
    } else {
        format!(
            "data seeds {}–{} (one per round)",
            o.seed,
            o.seed + o.rounds as u64 - 1
        )
    };
    println!(
        "ConvNetJS MNIST net, batch 20, one pass over {examples} training digits, 1,000 held out; {seeds}; \
         medians of {} interleaved round(s); {}",
        o.rounds,
        cpu_model()
    );
    println!();
    println!(
        "| runner | train ex/s | train ex/CPU-s | infer ex/s batch 1 | infer ex/s batch 20 | held-out accuracy | ours ÷ this: train (CPU) | infer b1 | infer b20 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let mut acc = r
            .accuracy
            .iter()
            .map(|a| format!("{:.1}%", a * 100.0))
            .collect::<Vec<_>>()
            .join(", ");
        if r.accuracy.len() > 1 {
            let mean = r.accuracy.iter().sum::<f64>() / r.accuracy.len() as f64;
            acc = format!("{acc} (mean {:.2}%)", mean * 100.0);
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} ({}) | {} | {} |",
            r.label,
            fmt(r.train),
            fmt(r.train_cpu),
            fmt(r.infer1),
            fmt(r.infer20),
            acc,
            ratio(r.train, ours.train),
            ratio(r.train_cpu, ours.train_cpu),
            ratio(r.infer1, ours.infer1),
            ratio(r.infer20, ours.infer20),
        );
    }
    let frac = |v: Option<f64>, flop: f64| {
        v.map_or("—".into(), |v| {
            format!("{:.1}%", v * flop / SIMD_LIMIT_FLOP * 100.0)
        })
    };
    println!();
    println!(
        "ours (wasm) vs the 43 GFLOP/s one-core SIMD128 limit: training {} ({} per CPU-s; 3.47 MFLOP/example), \
         inference batch 20 {} (1.157 MFLOP/example)",
        frac(ours.train, TRAIN_FLOP),
        frac(ours.train_cpu, TRAIN_FLOP),
        frac(ours.infer20, FORWARD_FLOP),
    );
    let peak = median(
        samples
            .iter()
            .filter(|s| s.peer == ours.label)
            .filter_map(|s| s.simd_peak_flops)
            .collect(),
    );
    if let Some(peak) = peak {
        let share = |v: Option<f64>, flop: f64| {
            v.map_or("—".into(), |v| format!("{:.1}%", v * flop / peak * 100.0))
        };
        println!(
            "The limit measured in this run on this machine (12 independent f32x4 multiply-add chains in our wasm \
             module, best of 5, median over rounds): {:.1} GFLOP/s; ours: training {}, inference batch 20 {}",
            peak / 1e9,
            share(ours.train, TRAIN_FLOP),
            share(ours.infer20, FORWARD_FLOP),
        );
    }
    print_round_ratios(samples, &ours.label);
    println!();
    println!(
        "TF.js wasm: conv gradients re-expressed as forward conv2d calls (tfjs-backend-wasm 4.22 has no \
         Conv2DBackpropFilter); \"shipped grads\": TF.js's own conv2d gradient with Conv2DBackpropFilter routed to \
         Conv3DBackpropFilterV2 on a depth-1 view. All optimizers: ConvNetJS's Adadelta (ρ 0.95, ε 1e-6), L2 0.001."
    );
}
