//! `cargo xtask dist [--public-url /path/] [--out DIR]`: the site as static files, for any static
//! host (a course page, GitHub Pages, a USB stick served by `python3 -m http.server`).
//!
//! The app routes by the location hash and fetches its data relative to the page, so only the
//! addresses trunk writes into index.html depend on where the site lives: `--public-url /cnn/`
//! for a site at `https://host/cnn/`, or the default `./`, which works at any path.

use std::path::PathBuf;

use crate::tools;
use crate::util::{Result, workspace_root};

pub fn run(args: &[String]) -> Result<()> {
    let mut public_url = "./".to_string();
    let mut out = workspace_root().join("dist");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--public-url" => public_url = value()?,
            "--out" => out = PathBuf::from(value()?),
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: dist [--public-url /path/] [--out DIR]"
                )
                .into());
            }
        }
    }
    if !public_url.ends_with('/') {
        public_url.push('/');
    }
    tools::ensure_wasm_target()?;
    tools::npm_ci()?;
    let out = if out.is_absolute() {
        out
    } else {
        std::env::current_dir()?.join(out)
    };
    tools::trunk_build_release(Some(&public_url), Some(&out))?;
    let place = if public_url.starts_with('/') {
        format!("so that index.html is served at {public_url}")
    } else {
        "at any path".to_string()
    };
    eprintln!(
        "\nThe site is in {}: copy the folder's contents to the host, {place}",
        out.display()
    );
    Ok(())
}
