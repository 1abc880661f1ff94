//! `cargo xtask bench`: our core in wasm (Node 20 = V8, one thread, SIMD128) next to ConvNetJS and TF.js
//! (wasm backend, SIMD, one thread) on the ConvNetJS MNIST demo net, measured in the same run.
//!
//! 1. Builds `crates/cnn-bench-wasm` for wasm32 (+simd128, profile `bench-wasm` = release with opt-level 3,
//!    the same optimisation as the app's worker profile) and its native twin `bench-native`.
//! 2. Installs the pinned peers (`npm ci` in crates/xtask/bench) if they are missing.
//! 3. Writes one data file per round: our MNIST asset in our split's order (9,000 train / 1,000 test) with
//!    the crop offsets of the one training pass drawn from that round's seed (`--seed`, `--seed` + 1, …, which
//!    also seeds every runner's initial weights). Every runner of a round reads exactly these bytes.
//! 4. Runs the runners interleaved (ours, ConvNetJS, TF.js, … per round) in fresh Node processes, so that
//!    background load hits all of them alike, and prints one table of medians over the rounds.
//! 5. Runs `duel.js`: ours and TF.js (the close peer) in one Node process taking turns of ≈0.1 s for
//!    `--duel-seconds` (60), the speed ratios that minute-to-minute drift of a shared host cannot bias.
//!
//! Each runner trains one pass over the 9,000 digits at batch 20 (the first 200 examples are warm-up and not
//! timed), then classifies the 1,000 held-out centre crops one at a time (batch 1) and in batches of 20.
//! Rates are given per wall-clock second and per CPU second of the runner's process (the latter is less
//! disturbed by other jobs on a shared machine).

use std::path::{Path, PathBuf};
use std::process::Command;

use cnn::mnist::{Mnist, random_offsets};
use rand::SeedableRng;
use rand_pcg::Pcg32;
use serde::Deserialize;

use crate::Result;
use crate::util::{cargo, run as run_loud, workspace_root};

/// FLOPs of the ConvNetJS MNIST net: one forward pass (578,560 multiply-adds) and one training example
/// (forward, input and weight gradients of conv2, weight gradient of conv1, dense).
const FORWARD_FLOP: f64 = 1.157e6;
const TRAIN_FLOP: f64 = 3.47e6;
/// One core's measured f32 limit for 128-bit wasm SIMD with mul + add (issue 8).
const SIMD_LIMIT_FLOP: f64 = 43e9;

struct Options {
    rounds: usize,
    /// Seconds of the one-process interleaved comparison (`duel.js`); 0 skips it.
    duel_seconds: u64,
    seed: u64,
    limit: usize,
    relaxed: bool,
    shipped: bool,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut o = Options {
        rounds: 2,
        duel_seconds: 60,
        seed: 1,
        limit: 0,
        relaxed: false,
        shipped: true,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| format!("{a} needs a number"))
        };
        match a.as_str() {
            "--rounds" => o.rounds = value()?.max(1) as usize,
            "--seed" => o.seed = value()?,
            "--duel-seconds" => o.duel_seconds = value()?,
            "--limit" => o.limit = value()? as usize,
            "--quick" => {
                o.limit = 2000;
                o.rounds = 1;
                o.duel_seconds = 15;
            }
            "--relaxed" => o.relaxed = true,
            "--no-shipped" => o.shipped = false,
            other => {
                return Err(format!(
                    "unknown option {other:?} (--rounds N, --seed S, --limit N, --duel-seconds N, --quick, --relaxed, \
                     --no-shipped)"
                )
                .into());
            }
        }
    }
    Ok(o)
}

/// One JSON line printed by a runner.
#[derive(Clone, Debug, Deserialize)]
struct Sample {
    peer: String,
    train_ex_per_s: f64,
    #[serde(default)]
    train_cpu_ex_per_s: Option<f64>,
    infer1_ex_per_s: Option<f64>,
    infer20_ex_per_s: Option<f64>,
    accuracy: f64,
    /// Ours only: the one-core SIMD limit measured in the same run (FLOP/s of independent multiply-add chains).
    #[serde(default)]
    simd_peak_flops: Option<f64>,
    /// Which interleaved round produced this sample (set by the bench, not by the runner).
    #[serde(skip)]
    round: usize,
}

struct Runner {
    label: &'static str,
    command: Command,
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                workspace_root().join(p)
            }
        })
        .unwrap_or_else(|| workspace_root().join("target"))
}

pub fn run(args: &[String]) -> Result<()> {
    let o = parse(args)?;
    let root = workspace_root();
    let bench_dir = root.join("crates/xtask/bench");
    let target = target_dir();

    // 1. Build ours: wasm (+simd128 from .cargo/config.toml) and native.
    run_loud(cargo().args([
        "build",
        "--quiet",
        "-p",
        "cnn-bench-wasm",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "bench-wasm",
    ]))?;
    let wasm = target.join("wasm32-unknown-unknown/bench-wasm/cnn_bench_wasm.wasm");
    let relaxed_target = target.join("bench-relaxed");
    let relaxed_wasm = relaxed_target.join("wasm32-unknown-unknown/bench-wasm/cnn_bench_wasm.wasm");
    if o.relaxed {
        // A separate target dir: different rustflags would otherwise rebuild the shared cache each time.
        run_loud(
            cargo()
                .args([
                    "build",
                    "--quiet",
                    "-p",
                    "cnn-bench-wasm",
                    "--lib",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--profile",
                    "bench-wasm",
                ])
                .env("CARGO_TARGET_DIR", &relaxed_target)
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                    "-C target-feature=+simd128,+relaxed-simd",
                ),
        )?;
    }
    run_loud(cargo().args([
        "build",
        "--quiet",
        "-p",
        "cnn-bench-wasm",
        "--bin",
        "bench-native",
        "--profile",
        "bench-wasm",
    ]))?;
    let native = target
        .join("bench-wasm")
        .join(crate::util::exe("bench-native"));

    // 2. The peers, at the versions in package-lock.json.
    if !bench_dir.join("node_modules/convnetjs").exists()
        || !bench_dir
            .join("node_modules/@tensorflow/tfjs-backend-wasm")
            .exists()
    {
        run_loud(
            Command::new(crate::util::exe("npm"))
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&bench_dir),
        )?;
    }

    // 3. The data files: one seed per round (its crop offsets and initial weights), so that the accuracy
    // column compares the runners over several trainings instead of repeating one deterministic result.
    let seeds: Vec<u64> = (0..o.rounds as u64).map(|r| o.seed + r).collect();
    let data: Vec<PathBuf> = seeds
        .iter()
        .map(|&seed| write_data(&root, &target, seed))
        .collect::<Result<_>>()?;

    // 4. Interleaved rounds.
    let node = |script: &str| {
        let mut c = Command::new(crate::util::exe("node"));
        c.current_dir(&bench_dir).arg(script);
        c
    };
    let common = |c: &mut Command, round: usize| {
        c.arg("--data")
            .arg(&data[round - 1])
            .args(["--seed", &seeds[round - 1].to_string()]);
        if o.limit > 0 {
            c.args(["--limit", &o.limit.to_string()]);
        }
    };
    let mut samples: Vec<Sample> = Vec::new();
    for round in 1..=o.rounds {
        let mut runners = vec![Runner {
            label: "ours (wasm)",
            command: {
                let mut c = node("ours.js");
                c.arg("--wasm").arg(&wasm);
                c
            },
        }];
        if o.relaxed {
            runners.push(Runner {
                label: "ours (wasm, relaxed SIMD)",
                command: {
                    let mut c = Command::new(crate::util::exe("node"));
                    c.current_dir(&bench_dir)
                        .args(["--experimental-wasm-relaxed-simd", "ours.js", "--wasm"])
                        .arg(&relaxed_wasm);
                    c
                },
            });
        }
        runners.push(Runner {
            label: "ConvNetJS",
            command: node("convnetjs.js"),
        });
        runners.push(Runner {
            label: "TF.js wasm",
            command: {
                let mut c = node("tfjs.js");
                c.args(["--variant", "forward"]);
                c
            },
        });
        if o.shipped {
            runners.push(Runner {
                label: "TF.js wasm (shipped grads)",
                command: {
                    let mut c = node("tfjs.js");
                    c.args(["--variant", "shipped"]);
                    c
                },
            });
        }
        runners.push(Runner {
            label: "ours (native x86-64)",
            command: Command::new(&native),
        });
        for mut r in runners {
            common(&mut r.command, round);
            eprintln!("round {round}/{}: {} …", o.rounds, r.label);
            let line = result_line(r.label, &mut r.command)?;
            let mut s: Sample = serde_json::from_str(&line)
                .map_err(|e| format!("{}: bad result line {line:?}: {e}", r.label))?;
            s.peer = r.label.to_string();
            s.round = round;
            eprintln!("  {line}");
            samples.push(s);
        }
    }
    print_table(&samples, &o);

    // 5. Ours and TF.js in one process, taking turns (the drift-proof speed comparison).
    if o.duel_seconds > 0 {
        let mut c = Command::new(crate::util::exe("node"));
        c.current_dir(&bench_dir);
        if o.relaxed {
            c.arg("--experimental-wasm-relaxed-simd");
        }
        c.arg("duel.js").arg("--data").arg(&data[0]).args([
            "--seed",
            &o.seed.to_string(),
            "--seconds",
            &o.duel_seconds.to_string(),
        ]);
        c.arg("--wasm").arg(&wasm);
        if o.relaxed {
            c.arg("--relaxed-wasm").arg(&relaxed_wasm);
        }
        eprintln!(
            "one process, ours and TF.js taking turns for {} s …",
            o.duel_seconds
        );
        let line = result_line("duel.js", &mut c)?;
        let duel: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("duel.js: bad result line: {e}"))?;
        print_duel(&duel);
    }
    Ok(())
}

/// Runs a benchmark script and returns the last JSON line it printed (its result); its stderr on failure.
fn result_line(label: &str, command: &mut Command) -> Result<String> {
    let out = command
        .output()
        .map_err(|e| format!("{label}: could not start: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{label} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| format!("{label} printed no result"))?;
    Ok(line.to_string())
}

/// The table of `duel.js`: rates summed over all turns, and ours ÷ each runner (its 10th–90th percentile over
/// the cycles in brackets).
fn print_duel(duel: &serde_json::Value) {
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

/// Writes the CLBENCH1 file for `seed` (our split, our crops) and returns its path.
fn write_data(root: &Path, target: &Path, seed: u64) -> Result<PathBuf> {
    let asset = root.join("web/mnist/mnist-10k.bin");
    let bytes = std::fs::read(&asset)
        .map_err(|e| format!("{}: {e} (run `cargo xtask mnist`)", asset.display()))?;
    let mnist = Mnist::parse(&bytes).map_err(|e| e.to_string())?;
    let split = mnist.split();
    let crop = 24;
    let max = cnn::mnist::SIDE - crop;
    let mut rng = Pcg32::seed_from_u64(seed);
    let offsets: Vec<(u8, u8)> = split
        .train
        .iter()
        .map(|_| {
            let (dy, dx) = random_offsets(&mut rng, max);
            (dy as u8, dx as u8)
        })
        .collect();
    let file = cnn_bench_wasm::encode(&mnist, &split.train, &offsets, &split.test, crop);
    let dir = target.join("bench");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("clbench-seed{seed}.bin"));
    std::fs::write(&path, file)?;
    Ok(path)
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

fn print_table(samples: &[Sample], o: &Options) {
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
