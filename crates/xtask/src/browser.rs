//! Chromium and chromedriver for the browser tests (never downloaded by a test tool).
//!
//! Found on `PATH` (or `CHROMIUM` / `CHROMEDRIVER` in the environment). When missing and we are
//! root on Debian/Ubuntu, `apt-get install -y chromium chromium-driver`; otherwise an error says
//! exactly what to install.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Result, Step, run, which};

pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_file())
}

fn find() -> (Option<PathBuf>, Option<PathBuf>) {
    let chromium = from_env("CHROMIUM").or_else(|| {
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ]
        .into_iter()
        .find_map(which)
    });
    let chromedriver = from_env("CHROMEDRIVER").or_else(|| which("chromedriver"));
    (chromium, chromedriver)
}

fn is_root() -> bool {
    // /proc/self/status: "Uid:\t<real>\t<effective>…"
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(2).map(|uid| uid == "0"))
        })
        .unwrap_or(false)
}

fn is_debian_like() -> bool {
    Path::new("/etc/debian_version").is_file() && which("apt-get").is_some()
}

pub fn ensure() -> Result<Browser> {
    if let (Some(chromium), Some(chromedriver)) = find() {
        return Ok(Browser {
            chromium,
            chromedriver,
        });
    }
    const HELP: &str = "Chromium and chromedriver (same major version) are needed for the browser tests.\n\
         On Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium chromium-driver\n\
         Elsewhere: install Chrome/Chromium and the matching chromedriver, put both on PATH\n\
         (or set CHROMIUM=/path/to/chrome and CHROMEDRIVER=/path/to/chromedriver).";
    if !(is_root() && is_debian_like()) {
        return Err(HELP.into());
    }
    let step = Step::start("installing chromium and chromium-driver with apt-get");
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    step.done();
    match find() {
        (Some(chromium), Some(chromedriver)) => Ok(Browser {
            chromium,
            chromedriver,
        }),
        _ => Err(
            format!("apt-get finished but chromium/chromedriver are still missing.\n{HELP}").into(),
        ),
    }
}
