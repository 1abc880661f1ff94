//! `cargo xtask fuzz [--seconds N] [--seed S]`: the long fuzz run. The driver is the app
//! crate's `fuzz` example (it needs the core's targets and the app's URL readers), built with
//! the `fuzz` profile: optimised, but panics unwind so a failing case is reported and the run
//! goes on, and overflow checks stay on. The short run is part of `cargo test`.

use crate::util::{self, Result, Step, cargo};

pub fn run(args: &[String]) -> Result<()> {
    let step = Step::start("fuzz (cargo run --profile fuzz -p convlab --example fuzz)");
    util::run(
        cargo()
            .args([
                "run",
                "--profile",
                "fuzz",
                "-p",
                "convlab",
                "--example",
                "fuzz",
                "--",
            ])
            .args(args),
    )?;
    step.done();
    Ok(())
}
