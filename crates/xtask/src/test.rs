//! `cargo xtask test [step…]`: every check, in order, failing loudly at the first failure.
//!
//! Steps (all by default; name some to run only those):
//! 1. `fmt`     — `cargo fmt --all --check`
//! 2. `clippy`  — clippy with `-D warnings`, natively (workspace) and for wasm32 (the app)
//! 3. `native`  — `cargo test --workspace`
//! 4. `wasm`    — wasm-bindgen tests of the app in headless Chromium
//! 5. `e2e`     — `npm ci`, `trunk build --release`, Playwright against `dist/`, wasm sizes

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::browser;
use crate::tools::{self, WASM_TARGET};
use crate::util::{self, Result, Step, cargo, workspace_root};

const STEPS: [&str; 5] = ["fmt", "clippy", "native", "wasm", "e2e"];

pub fn run(args: &[String]) -> Result<()> {
    for arg in args {
        if !STEPS.contains(&arg.as_str()) {
            return Err(format!("unknown step {arg:?}; steps: {}", STEPS.join(", ")).into());
        }
    }
    let wanted = |step: &str| args.is_empty() || args.iter().any(|a| a == step);
    let started = Instant::now();

    if wanted("fmt") {
        let step = Step::start("cargo fmt --check");
        util::run(cargo().args(["fmt", "--all", "--check"]))?;
        step.done();
    }
    if wanted("clippy") || wanted("wasm") || wanted("e2e") {
        tools::ensure_wasm_target()?;
    }
    if wanted("clippy") {
        let step = Step::start("clippy, native and wasm32");
        util::run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        util::run(cargo().args([
            "clippy",
            "-p",
            "convlab",
            "--target",
            WASM_TARGET,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        step.done();
    }
    if wanted("native") {
        let step = Step::start("native tests");
        util::run(cargo().args(["test", "--workspace"]))?;
        step.done();
    }
    let browser = if wanted("wasm") || wanted("e2e") {
        Some(browser::ensure()?)
    } else {
        None
    };
    if let (true, Some(browser)) = (wanted("wasm"), &browser) {
        tools::ensure_wasm_bindgen()?;
        let step = Step::start("wasm-bindgen tests in headless Chromium");
        util::run(
            cargo()
                .args(["test", "--target", WASM_TARGET, "-p", "convlab"])
                .env("CHROMEDRIVER", &browser.chromedriver)
                .env("PATH", tools::tool_path()),
        )?;
        step.done();
    }
    if let (true, Some(browser)) = (wanted("e2e"), &browser) {
        e2e(browser)?;
    }
    eprintln!(
        "\nxtask test: all passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn npm() -> Command {
    let mut command = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    command.current_dir(workspace_root());
    command
}

/// `npm ci`: Playwright (also its `playwright-core`, which the soak drives) and wasm-opt.
pub fn npm_ci() -> Result<()> {
    let step = Step::start("npm ci (Playwright, wasm-opt)");
    util::run(npm().args(["ci", "--no-audit", "--no-fund"]))
        .map_err(|e| format!("{e}\n(Node.js with npm is needed for the browser tests)"))?;
    step.done();
    Ok(())
}

/// `trunk build --release` into `dist/` (installs trunk and wasm-bindgen first if needed).
pub fn build_dist() -> Result<()> {
    let trunk = tools::ensure_trunk()?;
    tools::ensure_wasm_bindgen()?;
    let step = Step::start("trunk build --release");
    tools::cargo_fetch()?;
    util::run(
        Command::new(trunk)
            .current_dir(workspace_root())
            .env("PATH", tools::tool_path())
            .args(["build", "--release"]),
    )?;
    step.done();
    Ok(())
}

fn e2e(browser: &browser::Browser) -> Result<()> {
    let root = workspace_root();
    npm_ci()?;
    build_dist()?;

    let step = Step::start("Playwright against dist/");
    let cli = root.join("node_modules/@playwright/test/cli.js");
    // A free port, so several checkouts can run their e2e tests at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    util::run(
        Command::new("node")
            .current_dir(&root)
            .arg(cli)
            .arg("test")
            .env("CHROMIUM_PATH", &browser.chromium)
            .env("E2E_PORT", port.to_string())
            .env("PATH", tools::tool_path()),
    )?;
    step.done();

    print_wasm_sizes(&root.join("dist"))
}

/// Raw and gzip size of each wasm file in `dist/` (the app's name carries a hash).
fn print_wasm_sizes(dist: &Path) -> Result<()> {
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            let bytes = std::fs::read(&path)?;
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(&bytes)?;
            let gzip = encoder.finish()?.len();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            rows.push((name, bytes.len(), gzip));
        }
    }
    if rows.is_empty() {
        return Err(format!("no .wasm files in {}", dist.display()).into());
    }
    rows.sort();
    eprintln!("\nrelease wasm sizes (dist/):");
    for (name, raw, gzip) in rows {
        eprintln!(
            "  {name:<40} {:>8.1} KiB raw {:>8.1} KiB gzip",
            raw as f64 / 1024.0,
            gzip as f64 / 1024.0
        );
    }
    Ok(())
}
