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

mod report;

use report::{print_duel, print_table};

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
