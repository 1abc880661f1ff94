//! `cargo xtask soak [--minutes N]`: the long-run check of the page (not part of `cargo xtask test`).
//!
//! Builds `dist/` (`trunk build --release`), serves it (`tests/serve-dist.mjs`) and runs
//! `tests/soak/soak.mjs`: headless Chromium trains on the Training section while the page moves to the
//! next section every `--switch` seconds and draws a stroke on every Draw visit. Every `--every`
//! seconds it samples, after a garbage collection, the page's and the worker's JS heap, the wasm memory
//! of both, the resident memory of the browser's renderers, the DOM nodes (detached ones included) and
//! the examples the training has seen. [`report`] prints the table and the verdict; the run fails when a
//! metric grew more than 10 % from the first sample at minute `--baseline-minute` (5) to the end, when
//! the training stopped, or when a verdict took longer than 100 ms after its stroke.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Result, Step, describe, workspace_root};
use crate::{browser, tools};

pub mod report;

use report::{Event, Limits, Report};

struct Options {
    minutes: f64,
    every: u64,
    switch: u64,
    baseline_minute: f64,
    build: bool,
    /// The built site to serve (`dist/`; another folder compares an older build).
    dist: PathBuf,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut o = Options {
        minutes: 30.0,
        every: 30,
        switch: 20,
        baseline_minute: 5.0,
        build: true,
        dist: workspace_root().join("dist"),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut number = || {
            it.next()
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v > 0.0)
                .ok_or_else(|| format!("{a} needs a positive number"))
        };
        match a.as_str() {
            "--minutes" => o.minutes = number()?,
            "--every" => o.every = number()?.round().max(1.0) as u64,
            "--switch" => o.switch = number()?.round().max(1.0) as u64,
            "--baseline-minute" => o.baseline_minute = number()?,
            "--no-build" => o.build = false,
            "--dist" => {
                o.dist = it
                    .next()
                    .map(PathBuf::from)
                    .ok_or("--dist needs a folder")?;
                o.build = false;
            }
            other => {
                return Err(format!(
                    "unknown option {other:?} (--minutes N, --every S, --switch S, --baseline-minute M, \
                     --no-build, --dist DIR)"
                )
                .into());
            }
        }
    }
    if o.baseline_minute >= o.minutes {
        return Err(format!(
            "--baseline-minute {} must come before the end (--minutes {})",
            o.baseline_minute, o.minutes
        )
        .into());
    }
    Ok(o)
}

/// A child process killed when dropped (the file server outlives no soak).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for_port(port: u16, limit: Duration) -> Result<()> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
        if start.elapsed() > limit {
            return Err(format!("the file server did not listen on port {port}").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result<()> {
    let o = parse(args)?;
    let root = workspace_root();
    let browser = browser::ensure()?;
    if o.build {
        tools::npm_ci()?;
        tools::trunk_build_release(None, None)?;
    } else if !o.dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html (build it: run without --no-build)",
            o.dist.display()
        )
        .into());
    }

    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let _server = Killed(
        Command::new("node")
            .current_dir(&root)
            .args(["tests/serve-dist.mjs", &port.to_string()])
            .arg(&o.dist)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start node tests/serve-dist.mjs: {e}"))?,
    );
    wait_for_port(port, Duration::from_secs(10))?;

    let step = Step::start(&format!(
        "soak: {} min, a sample every {} s, next section every {} s",
        o.minutes, o.every, o.switch
    ));
    let mut command = Command::new("node");
    command
        .current_dir(&root)
        .arg("tests/soak/soak.mjs")
        .args(["--url", &format!("http://127.0.0.1:{port}/")])
        .arg("--chromium")
        .arg(&browser.chromium)
        .args(["--minutes", &o.minutes.to_string()])
        .args(["--every", &o.every.to_string()])
        .args(["--switch", &o.switch.to_string()])
        .stdout(Stdio::piped());
    eprintln!("\n$ {}", describe(&command));
    let mut soak = command
        .spawn()
        .map_err(|e| format!("could not start the soak script: {e}"))?;
    let stdout = soak.stdout.take().ok_or("the soak script has no stdout")?;
    let mut report = Report::default();
    println!("{}", report::header());
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        match Event::parse(&line) {
            Some(event) => {
                if let Some(row) = report.push(event) {
                    println!("{row}");
                }
            }
            None => eprintln!("{line}"),
        }
    }
    let status = soak.wait()?;
    if !status.success() {
        return Err(format!(
            "the soak script failed ({status}) after {} samples",
            report.samples.len()
        )
        .into());
    }
    step.done();

    let limits = Limits {
        baseline_minute: o.baseline_minute,
        ..Limits::default()
    };
    let text = report.render(&limits);
    println!("\n{}", text.summary);
    let out = root.join("tests/output");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("soak.txt"),
        format!("{}\n\n{}\n", text.table, text.summary),
    )?;
    eprintln!("(table written to tests/output/soak.txt)");
    if text.failures.is_empty() {
        Ok(())
    } else {
        Err(format!("the soak failed: {}", text.failures.join("; ")).into())
    }
}
