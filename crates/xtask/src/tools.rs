//! The pinned tools: the wasm32 target, trunk and wasm-bindgen-cli.
//!
//! Tools are installed once into cargo's bin folder (`$CARGO_HOME/bin`), never into the
//! checkout, so a fresh clone (CI) reuses them. Each is checked by its `--version` first.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Result, Step, cargo, exe, output_of, run, which, workspace_root};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// trunk 0.22 needs a newer rustc than 1.95; 0.21.14 is the last that builds here.
pub const TRUNK_VERSION: &str = "0.21.14";

/// `$CARGO_HOME/bin`, where `cargo install` puts tools.
pub fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .or_else(|| std::env::var_os("USERPROFILE"))
                .map(|home| PathBuf::from(home).join(".cargo"))
        })
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// `PATH` with cargo's bin folder and the npm tools (`node_modules/.bin`) in front, for trunk
/// (which finds wasm-bindgen and wasm-opt on `PATH`) and the test runners.
pub fn tool_path() -> OsString {
    let mut dirs = vec![
        cargo_bin_dir(),
        workspace_root().join("node_modules").join(".bin"),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A tool in cargo's bin folder, else on `PATH`.
pub fn find_tool(name: &str) -> Option<PathBuf> {
    let installed = cargo_bin_dir().join(exe(name));
    if installed.is_file() {
        Some(installed)
    } else {
        which(name)
    }
}

/// The version a tool reports: the last word of the first line of `<tool> --version` that
/// parses as `x.y.z` (e.g. `trunk 0.21.14`, `wasm-bindgen 0.2.130`).
pub fn tool_version(path: &Path) -> Option<String> {
    let text = output_of(path, &["--version"])?;
    text.split_whitespace()
        .find(|word| parse_version(word).is_some())
        .map(str::to_string)
}

pub fn parse_version(text: &str) -> Option<(u64, u64, u64)> {
    let mut parts = text.trim_start_matches('v').split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    let patch = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((major, minor, patch))
}

/// The version of `package` in `Cargo.lock` (the first entry of that name).
pub fn locked_version(package: &str) -> Result<String> {
    let lock_path = workspace_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"")
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_string());
        }
    }
    Err(format!("{package} is not in Cargo.lock").into())
}

/// Adds the wasm32 target if the toolchain lacks it.
pub fn ensure_wasm_target() -> Result<()> {
    let sysroot = output_of("rustc", &["--print", "sysroot"]).unwrap_or_default();
    let target_lib = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(WASM_TARGET);
    if !sysroot.trim().is_empty() && target_lib.is_dir() {
        return Ok(());
    }
    let step = Step::start(&format!("adding the {WASM_TARGET} target"));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
        .map_err(|e| format!("{e}\n(install rustup from https://rustup.rs, or add the {WASM_TARGET} target to your toolchain)"))?;
    step.done();
    Ok(())
}

/// `cargo install` with a faster profile: these are tools, not shipped code, and fat LTO on a
/// two-core machine costs minutes.
fn cargo_install(args: &[&str]) -> Result<()> {
    run(cargo()
        .arg("install")
        .args(args)
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        // Our own CARGO_TARGET_DIR (if any) must not receive the tools' build.
        .env_remove("CARGO_TARGET_DIR"))
}

/// trunk `0.21.x` with x ≥ 14, else installs 0.21.14 (`--locked`).
pub fn ensure_trunk() -> Result<PathBuf> {
    let wanted = parse_version(TRUNK_VERSION).expect("valid pinned version");
    if let Some(path) = find_tool("trunk") {
        match tool_version(&path).as_deref().and_then(parse_version) {
            Some(v) if v.0 == wanted.0 && v.1 == wanted.1 && v.2 >= wanted.2 => return Ok(path),
            found => eprintln!(
                "trunk at {} is {found:?}; installing {TRUNK_VERSION}",
                path.display()
            ),
        }
    }
    let step = Step::start(&format!("installing trunk {TRUNK_VERSION} (≈10 min, once)"));
    cargo_install(&["trunk", "--version", TRUNK_VERSION, "--locked"])?;
    step.done();
    find_tool("trunk").ok_or_else(|| "trunk was installed but cannot be found".into())
}

/// wasm-bindgen (and wasm-bindgen-test-runner) at exactly the `Cargo.lock` version.
///
/// Installed without `--locked`: the CLI's bundled lockfile pins a webpki-roots release the
/// registry no longer has, so `--locked` fails.
pub fn ensure_wasm_bindgen() -> Result<PathBuf> {
    let wanted = locked_version("wasm-bindgen")?;
    let current =
        |name: &str| find_tool(name).filter(|p| tool_version(p).as_deref() == Some(&wanted));
    if let (Some(cli), Some(_runner)) =
        (current("wasm-bindgen"), current("wasm-bindgen-test-runner"))
    {
        return Ok(cli);
    }
    let step = Step::start(&format!(
        "installing wasm-bindgen-cli {wanted} (≈6 min, once)"
    ));
    cargo_install(&[
        "wasm-bindgen-cli",
        "--version",
        &format!("={wanted}"),
        "--force",
    ])?;
    step.done();
    current("wasm-bindgen")
        .ok_or_else(|| format!("wasm-bindgen {wanted} was installed but cannot be found").into())
}

/// Fetches every dependency: trunk runs cargo offline (`offline = true` in Trunk.toml).
pub fn cargo_fetch() -> Result<()> {
    run(cargo().arg("fetch"))
}

fn npm() -> Command {
    let mut command = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    command.current_dir(workspace_root());
    command
}

/// `npm ci`: Playwright and wasm-opt (binaryen), at the versions of `package-lock.json`.
pub fn npm_ci() -> Result<()> {
    let step = Step::start("npm ci (Playwright, wasm-opt)");
    run(npm().args(["ci", "--no-audit", "--no-fund"])).map_err(|e| {
        format!("{e}\n(Node.js with npm is needed for release builds and browser tests)")
    })?;
    step.done();
    Ok(())
}

/// `trunk build --release` into `out` (`dist/` when `None`), for the site served at
/// `public_url` (trunk's default `/` when `None`). Runs the post_build hook of Trunk.toml.
pub fn trunk_build_release(public_url: Option<&str>, out: Option<&Path>) -> Result<()> {
    let trunk = ensure_trunk()?;
    ensure_wasm_bindgen()?;
    let step = Step::start("trunk build --release");
    cargo_fetch()?;
    let mut command = Command::new(trunk);
    command
        .current_dir(workspace_root())
        .env("PATH", tool_path())
        .args(["build", "--release"]);
    if let Some(url) = public_url {
        command.args(["--public-url", url]);
    }
    if let Some(out) = out {
        command.arg("--dist").arg(out);
    }
    run(&mut command)?;
    step.done();
    Ok(())
}
