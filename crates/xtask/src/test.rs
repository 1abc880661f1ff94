//! `cargo xtask test [step…]`: every check, in order, failing loudly at the first failure.
//!
//! Steps (all by default; name some to run only those):
//! 1. `fmt`     — `cargo fmt --all --check`
//! 2. `clippy`  — clippy with `-D warnings`, natively (workspace) and for wasm32 (the app)
//! 3. `native`  — `cargo test --workspace`
//! 4. `wasm`    — wasm-bindgen tests of the app in headless Chromium
//! 5. `e2e`     — `npm ci`, `trunk build --release` (at `/` into `dist/`, and at `/cnn/` into
//!    `target/dist-cnn/`), Playwright against both, wasm sizes

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::browser;
use crate::tools::{self, WASM_TARGET};
use crate::util::{self, Result, Step, cargo, workspace_root};

/// The sub-path the static build is tested under.
const SUBPATH: &str = "/cnn/";

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

fn e2e(browser: &browser::Browser) -> Result<()> {
    let root = workspace_root();
    tools::npm_ci()?;
    tools::trunk_build_release(None, None)?;
    // The students' static build, as `cargo xtask dist --public-url /cnn/` makes it: the subpath
    // spec runs every section from it, served under /cnn/.
    let subpath_dist = root.join("target").join("dist-cnn");
    tools::trunk_build_release(Some(SUBPATH), Some(&subpath_dist))?;

    let step = Step::start("Playwright against dist/");
    let cli = root.join("node_modules/@playwright/test/cli.js");
    // Free ports, so several checkouts can run their e2e tests at once (both held while asking,
    // so they differ).
    let listeners = [
        std::net::TcpListener::bind("127.0.0.1:0")?,
        std::net::TcpListener::bind("127.0.0.1:0")?,
    ];
    let (port, subpath_port) = (
        listeners[0].local_addr()?.port(),
        listeners[1].local_addr()?.port(),
    );
    drop(listeners);
    util::run(
        Command::new("node")
            .current_dir(&root)
            .arg(cli)
            .arg("test")
            .env("CHROMIUM_PATH", &browser.chromium)
            .env("E2E_PORT", port.to_string())
            .env("E2E_SUBPATH_PORT", subpath_port.to_string())
            .env("E2E_SUBPATH_DIST", &subpath_dist)
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
