//! `cargo xtask serve [trunk args]`: the first README command. Extra arguments go to
//! `trunk serve` (e.g. `--release`).

use std::process::Command;

use crate::tools;
use crate::util::{self, Result, workspace_root};

pub fn run(args: &[String]) -> Result<()> {
    tools::ensure_wasm_target()?;
    let trunk = tools::ensure_trunk()?;
    tools::ensure_wasm_bindgen()?;
    tools::cargo_fetch()?;
    eprintln!("\nServing on http://127.0.0.1:8080/ once built (Ctrl+C stops)");
    util::run(
        Command::new(trunk)
            .current_dir(workspace_root())
            .env("PATH", tools::tool_path())
            .args(["serve", "--address", "127.0.0.1", "--port", "8080"])
            .args(args),
    )
}
