//! The long-run fuzz driver behind `cargo xtask fuzz` (it is an example of the app crate because
//! it runs the core's targets, [`cnn::fuzz`], and the app's URL readers, [`convlab::fuzz`]).
//!
//! ```text
//! cargo run --profile fuzz -p convlab --example fuzz -- [--seconds N] [--seed S] [--replay TARGET SEED]
//! ```
//!
//! Runs the targets round-robin for N seconds (default 60) and prints cases and failures per
//! target. Case k of a target has seed S + k, so `--replay "<name>" <seed>` reruns one case.
//! A failing case is one that panics (caught, the run goes on), takes longer than
//! [`CASE_LIMIT`] (a watchdog ends the run, naming the case), or holds more than
//! [`ALLOC_LIMIT`] bytes at once (the counting allocator ends the run, naming the case).
//! Exits non-zero on any failure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cnn::fuzz::Target;

/// Longest a case may run: the slowest cases (100 kB link values) take milliseconds.
const CASE_LIMIT: Duration = Duration::from_secs(5);
/// Most a case may hold allocated at once: every parser bounds what it allocates far below.
const ALLOC_LIMIT: usize = 256 << 20;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Bytes live when the current case started, so only the case's own allocations count.
static CASE_BASE: AtomicUsize = AtomicUsize::new(usize::MAX);
static CURRENT_TARGET: AtomicUsize = AtomicUsize::new(usize::MAX);
static CURRENT_SEED: AtomicU64 = AtomicU64::new(0);
/// Milliseconds since the run started at which the current case started (0: none running).
static CASE_STARTED: AtomicU64 = AtomicU64::new(0);

struct Counting;

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        let base = CASE_BASE.load(Ordering::Relaxed);
        if base != usize::MAX && live.saturating_sub(base) > ALLOC_LIMIT {
            report_and_exit(b"holds more than 256 MiB at once");
        }
        // SAFETY: the caller's layout is passed through.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn targets() -> Vec<Target> {
    cnn::fuzz::TARGETS
        .into_iter()
        .chain(convlab::fuzz::TARGETS)
        .collect()
}

/// Names the running case and ends the process, without allocating (it is called from inside
/// the allocator and from the watchdog).
fn report_and_exit(what: &[u8]) -> ! {
    CASE_BASE.store(usize::MAX, Ordering::Relaxed);
    let mut err = std::io::stderr();
    let target = CURRENT_TARGET.load(Ordering::Relaxed);
    let name = [&cnn::fuzz::TARGETS[..], &convlab::fuzz::TARGETS[..]]
        .concat_get(target)
        .map_or("?", |t| t.name);
    let mut digits = [0u8; 20];
    let mut seed = CURRENT_SEED.load(Ordering::Relaxed);
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (seed % 10) as u8;
        seed /= 10;
        if seed == 0 {
            break;
        }
    }
    let _ = err.write_all(b"\nFAILED: target \"");
    let _ = err.write_all(name.as_bytes());
    let _ = err.write_all(b"\", seed ");
    let _ = err.write_all(&digits[at..]);
    let _ = err.write_all(b": the case ");
    let _ = err.write_all(what);
    let _ = err.write_all(b" (replay with --replay \"<target>\" <seed>)\n");
    std::process::exit(1);
}

/// Indexing two slices as one, without building the concatenation (no allocation).
trait ConcatGet {
    fn concat_get(&self, i: usize) -> Option<&Target>;
}

impl ConcatGet for [&[Target]; 2] {
    fn concat_get(&self, i: usize) -> Option<&Target> {
        self[0]
            .get(i)
            .or_else(|| self[1].get(i.checked_sub(self[0].len())?))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seconds = 60u64;
    let mut seed = 1u64;
    let mut i = 0;
    while i < args.len() {
        let number = |i: usize| -> u64 {
            args.get(i + 1)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{} needs a number", args[i]))
        };
        match args[i].as_str() {
            "--seconds" => seconds = number(i),
            "--seed" => seed = number(i),
            "--replay" => {
                let name = args.get(i + 1).expect("--replay TARGET SEED");
                let target = targets()
                    .into_iter()
                    .find(|t| t.name == name.as_str())
                    .unwrap_or_else(|| panic!("no target {name:?}"));
                (target.run)(number(i + 1));
                println!("case passed");
                return;
            }
            other => panic!("unknown argument {other:?}"),
        }
        i += 2;
    }
    let targets = targets();
    let started = Instant::now();
    let watchdog_start = started;
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let case = CASE_STARTED.load(Ordering::Relaxed);
            let now = watchdog_start.elapsed().as_millis() as u64;
            if case != 0 && now.saturating_sub(case) > CASE_LIMIT.as_millis() as u64 {
                report_and_exit(b"runs longer than 5 s (a hang?)");
            }
        }
    });
    // A failing case's message is kept for the report instead of printed mid-run.
    std::panic::set_hook(Box::new(|_| {}));
    let mut cases = vec![0u64; targets.len()];
    let mut failures: Vec<Vec<(u64, String)>> = vec![Vec::new(); targets.len()];
    let deadline = Duration::from_secs(seconds);
    let mut k = 0u64;
    while started.elapsed() < deadline {
        for (t, target) in targets.iter().enumerate() {
            // Batches of cases between clock reads; every case is still timed by the watchdog.
            for _ in 0..16 {
                let case_seed = seed.wrapping_add(k);
                CURRENT_TARGET.store(t, Ordering::Relaxed);
                CURRENT_SEED.store(case_seed, Ordering::Relaxed);
                CASE_STARTED.store(
                    (started.elapsed().as_millis() as u64).max(1),
                    Ordering::Relaxed,
                );
                CASE_BASE.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
                let result = catch_unwind(AssertUnwindSafe(|| (target.run)(case_seed)));
                CASE_BASE.store(usize::MAX, Ordering::Relaxed);
                CASE_STARTED.store(0, Ordering::Relaxed);
                cases[t] += 1;
                if let Err(panic) = result {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures[t].push((case_seed, message));
                }
                k += 1;
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!("fuzzed for {elapsed:.0} s from seed {seed}\n");
    println!("{:<28} {:>12} {:>9}", "target", "cases", "failures");
    for (t, target) in targets.iter().enumerate() {
        println!(
            "{:<28} {:>12} {:>9}",
            target.name,
            cases[t],
            failures[t].len()
        );
    }
    let total: usize = failures.iter().map(Vec::len).sum();
    for (t, list) in failures.iter().enumerate() {
        for (case_seed, message) in list.iter().take(3) {
            println!(
                "\nFAILED {:?} seed {case_seed}: {message}\n  replay: cargo run --profile fuzz -p convlab --example fuzz -- --replay {:?} {case_seed}",
                targets[t].name, targets[t].name
            );
        }
    }
    if total > 0 {
        std::process::exit(1);
    }
}
