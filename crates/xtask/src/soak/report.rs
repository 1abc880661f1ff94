//! The soak's table and verdict, from the lines `tests/soak/soak.mjs` prints.
//!
//! A metric "grew" when its last sample is more than [`Limits::max_growth`] above its baseline: the
//! first sample at or after the baseline minute *taken on the same section as the last one* (the DOM
//! and the page's heap depend on which section is open, so like is compared with like; without such a
//! sample, the first one after the baseline minute). The training "stopped" when a visit to the
//! Training section finds it not running or with no more examples than the visit before.

use serde::Deserialize;

/// One sample of the page, every `--every` seconds (memory in MiB).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Sample {
    pub minute: f64,
    pub section: String,
    pub page_heap: f64,
    pub worker_heap: f64,
    pub page_wasm: f64,
    pub worker_wasm: f64,
    pub rss: f64,
    pub dom_nodes: f64,
    /// As read on the last visit to the Training section.
    pub examples: u64,
}

/// What the Training section showed when it was left.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct TrainingVisit {
    pub minute: f64,
    pub examples: u64,
    pub status: String,
}

/// One stroke on the Draw section: ms from its pointerup to the verdict in the DOM.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Draw {
    pub minute: f64,
    pub ms: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Sample(Sample),
    Training(TrainingVisit),
    Draw(Draw),
}

impl Event {
    /// `SAMPLE {json}`, `TRAINING {json}` or `DRAW {json}`; anything else is not an event.
    pub fn parse(line: &str) -> Option<Event> {
        let (kind, json) = line.split_once(' ')?;
        match kind {
            "SAMPLE" => serde_json::from_str(json).ok().map(Event::Sample),
            "TRAINING" => serde_json::from_str(json).ok().map(Event::Training),
            "DRAW" => serde_json::from_str(json).ok().map(Event::Draw),
            _ => None,
        }
    }
}

pub struct Limits {
    pub baseline_minute: f64,
    /// Largest allowed growth from the baseline to the end, as a fraction (0.10 = 10 %).
    pub max_growth: f64,
    /// Longest allowed time from a stroke's end to its verdict.
    pub max_draw_ms: f64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            baseline_minute: 5.0,
            max_growth: 0.10,
            max_draw_ms: 100.0,
        }
    }
}

/// The metrics judged for growth: name in the verdict, and how to read it.
type Read = fn(&Sample) -> f64;

const METRICS: [(&str, Read); 6] = [
    ("page JS heap", |s| s.page_heap),
    ("worker JS heap", |s| s.worker_heap),
    ("page wasm memory", |s| s.page_wasm),
    ("worker wasm memory", |s| s.worker_wasm),
    ("renderer RSS", |s| s.rss),
    ("DOM nodes", |s| s.dom_nodes),
];

#[derive(Default)]
pub struct Report {
    pub samples: Vec<Sample>,
    pub training: Vec<TrainingVisit>,
    pub draws: Vec<Draw>,
    /// Strokes since the last sample (their slowest goes in that sample's row).
    pending_draws: Vec<f64>,
    rows: Vec<String>,
}

pub struct Rendered {
    pub table: String,
    pub summary: String,
    pub failures: Vec<String>,
}

pub fn header() -> String {
    let names = format!(
        "{:>6} {:<13} {:>9} {:>9} {:>9} {:>9} {:>8} {:>7} {:>9} {:>9}",
        "minute",
        "section",
        "page heap",
        "wrk heap",
        "page wasm",
        "wrk wasm",
        "RSS",
        "DOM",
        "examples",
        "draw ms",
    );
    let units = format!(
        "{:>6} {:<13} {:>9} {:>9} {:>9} {:>9} {:>8} {:>7} {:>9} {:>9}",
        "", "", "MiB", "MiB", "MiB", "MiB", "MiB", "nodes", "seen", "max"
    );
    format!("{names}\n{units}")
}

fn row(s: &Sample, draw_max: Option<f64>) -> String {
    format!(
        "{:>6.1} {:<13} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>8.1} {:>7.0} {:>9} {:>9}",
        s.minute,
        s.section,
        s.page_heap,
        s.worker_heap,
        s.page_wasm,
        s.worker_wasm,
        s.rss,
        s.dom_nodes,
        s.examples,
        draw_max.map_or_else(|| "-".to_string(), |ms| format!("{ms:.0}")),
    )
}

/// The value at a quantile (0.5 = median) of unsorted values, by the nearest rank.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied()
}

impl Report {
    /// Takes one event; a sample returns its table row.
    pub fn push(&mut self, event: Event) -> Option<String> {
        match event {
            Event::Sample(s) => {
                let draw_max = quantile(&self.pending_draws, 1.0);
                self.pending_draws.clear();
                let line = row(&s, draw_max);
                self.rows.push(line.clone());
                self.samples.push(s);
                Some(line)
            }
            Event::Training(t) => {
                self.training.push(t);
                None
            }
            Event::Draw(d) => {
                self.pending_draws.push(d.ms);
                self.draws.push(d);
                None
            }
        }
    }

    /// The sample each metric's growth is measured from (see the module docs).
    pub fn baseline(&self, baseline_minute: f64) -> Option<&Sample> {
        let last = self.samples.last()?;
        let after: Vec<&Sample> = self
            .samples
            .iter()
            .filter(|s| s.minute >= baseline_minute)
            .collect();
        let first = *after.first()?;
        if std::ptr::eq(first, last) {
            return None;
        }
        Some(
            after
                .iter()
                .find(|s| s.section == last.section && !std::ptr::eq(**s, last))
                .copied()
                .unwrap_or(first),
        )
    }

    pub fn failures(&self, limits: &Limits) -> (Vec<String>, Vec<String>) {
        let mut notes = Vec::new();
        let mut failures = Vec::new();
        match (self.baseline(limits.baseline_minute), self.samples.last()) {
            (Some(base), Some(last)) => {
                notes.push(format!(
                    "growth from minute {:.1} ({}) to minute {:.1} ({}):",
                    base.minute, base.section, last.minute, last.section
                ));
                for (name, read) in METRICS {
                    let (from, to) = (read(base), read(last));
                    let growth = if from > 0.0 { to / from - 1.0 } else { 0.0 };
                    let bad = growth > limits.max_growth;
                    notes.push(format!(
                        "  {name:<19} {from:>9.1} → {to:>9.1}  {:>+6.1} %{}",
                        growth * 100.0,
                        if bad { "  TOO MUCH" } else { "" }
                    ));
                    if bad {
                        failures.push(format!(
                            "{name} grew {:.1} % (more than {:.0} %)",
                            growth * 100.0,
                            limits.max_growth * 100.0
                        ));
                    }
                }
                if last.examples <= base.examples {
                    failures.push(format!(
                        "no examples seen after minute {:.1} ({} → {})",
                        base.minute, base.examples, last.examples
                    ));
                }
            }
            _ => failures.push(format!(
                "too short: fewer than two samples at or after minute {}",
                limits.baseline_minute
            )),
        }
        for pair in self.training.windows(2) {
            if pair[1].examples <= pair[0].examples {
                failures.push(format!(
                    "training stopped: {} examples at minute {:.1}, {} at minute {:.1}",
                    pair[0].examples, pair[0].minute, pair[1].examples, pair[1].minute
                ));
            }
        }
        for visit in &self.training {
            if visit.status != "Running" {
                failures.push(format!(
                    "training was {} at minute {:.1}",
                    visit.status, visit.minute
                ));
            }
        }
        let times: Vec<f64> = self.draws.iter().map(|d| d.ms).collect();
        match (quantile(&times, 0.5), quantile(&times, 1.0)) {
            (Some(p50), Some(max)) => {
                notes.push(format!(
                    "draw: {} strokes, verdict after p50 {p50:.0} ms, max {max:.0} ms (limit {:.0} ms)",
                    times.len(),
                    limits.max_draw_ms
                ));
                let slow: Vec<String> = self
                    .draws
                    .iter()
                    .filter(|d| d.ms > limits.max_draw_ms)
                    .map(|d| format!("{:.0} ms at minute {:.1}", d.ms, d.minute))
                    .collect();
                if !slow.is_empty() {
                    failures.push(format!("slow verdicts: {}", slow.join(", ")));
                }
            }
            _ => failures.push("no stroke was drawn (no visit to Draw)".to_string()),
        }
        (notes, failures)
    }

    pub fn render(&self, limits: &Limits) -> Rendered {
        let (notes, failures) = self.failures(limits);
        let mut table = header();
        for line in &self.rows {
            table.push('\n');
            table.push_str(line);
        }
        let mut summary = notes.join("\n");
        summary.push('\n');
        if failures.is_empty() {
            summary.push_str("soak: PASSED");
        } else {
            summary.push_str("soak: FAILED\n");
            summary.push_str(
                &failures
                    .iter()
                    .map(|f| format!("  - {f}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        Rendered {
            table,
            summary,
            failures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(minute: f64, section: &str, rss: f64, examples: u64) -> Sample {
        Sample {
            minute,
            section: section.to_string(),
            page_heap: 10.0,
            worker_heap: 5.0,
            page_wasm: 20.0,
            worker_wasm: 30.0,
            rss,
            dom_nodes: 1000.0,
            examples,
        }
    }

    fn report(samples: Vec<Sample>, draws: &[f64]) -> Report {
        let mut r = Report::default();
        for (i, &ms) in draws.iter().enumerate() {
            r.push(Event::Draw(Draw {
                minute: i as f64,
                ms,
            }));
        }
        for s in samples {
            r.push(Event::Sample(s));
        }
        r
    }

    #[test]
    fn lines_of_the_script_are_events_and_other_lines_are_not() {
        let line = r#"SAMPLE {"minute":5.5,"section":"draw","page_heap":12.5,"worker_heap":3,"page_wasm":40,"worker_wasm":60,"rss":300.25,"dom_nodes":1200,"examples":42000}"#;
        assert_eq!(
            Event::parse(line),
            Some(Event::Sample(Sample {
                minute: 5.5,
                section: "draw".into(),
                page_heap: 12.5,
                worker_heap: 3.0,
                page_wasm: 40.0,
                worker_wasm: 60.0,
                rss: 300.25,
                dom_nodes: 1200.0,
                examples: 42000,
            }))
        );
        assert_eq!(
            Event::parse(r#"DRAW {"minute":1,"ms":12.5}"#),
            Some(Event::Draw(Draw {
                minute: 1.0,
                ms: 12.5
            }))
        );
        assert_eq!(Event::parse("console error: x"), None);
        assert_eq!(Event::parse("SAMPLE {broken"), None);
    }

    #[test]
    fn growth_is_measured_from_the_first_sample_after_the_baseline_on_the_same_section() {
        let r = report(
            vec![
                sample(1.0, "draw", 100.0, 10),
                sample(5.0, "conv", 200.0, 20),
                sample(5.5, "draw", 300.0, 30),
                sample(9.0, "draw", 320.0, 40),
            ],
            &[20.0],
        );
        let base = r.baseline(5.0).expect("a baseline");
        assert_eq!((base.minute, base.section.as_str()), (5.5, "draw"));
        // 300 → 320 is 6.7 %: within 10 %.
        assert!(r.failures(&Limits::default()).1.is_empty());
    }

    #[test]
    fn without_a_sample_on_the_same_section_the_first_after_the_baseline_is_used() {
        let r = report(
            vec![
                sample(5.0, "conv", 200.0, 20),
                sample(6.0, "pool", 230.0, 30),
            ],
            &[20.0],
        );
        assert_eq!(r.baseline(5.0).map(|s| s.minute), Some(5.0));
        let failures = r.failures(&Limits::default()).1;
        assert_eq!(
            failures,
            vec!["renderer RSS grew 15.0 % (more than 10 %)".to_string()]
        );
    }

    #[test]
    fn a_run_without_two_samples_after_the_baseline_fails_as_too_short() {
        let r = report(
            vec![sample(1.0, "conv", 1.0, 1), sample(5.0, "conv", 1.0, 2)],
            &[20.0],
        );
        assert!(r.baseline(5.0).is_none());
        assert!(r.failures(&Limits::default()).1[0].starts_with("too short"));
    }

    #[test]
    fn training_that_stops_or_pauses_fails() {
        let mut r = report(
            vec![
                sample(5.0, "conv", 100.0, 500),
                sample(8.0, "conv", 100.0, 500),
            ],
            &[20.0],
        );
        r.push(Event::Training(TrainingVisit {
            minute: 2.0,
            examples: 500,
            status: "Running".into(),
        }));
        r.push(Event::Training(TrainingVisit {
            minute: 4.0,
            examples: 500,
            status: "Idle".into(),
        }));
        let failures = r.failures(&Limits::default()).1;
        assert_eq!(
            failures,
            vec![
                "no examples seen after minute 5.0 (500 → 500)".to_string(),
                "training stopped: 500 examples at minute 2.0, 500 at minute 4.0".to_string(),
                "training was Idle at minute 4.0".to_string(),
            ]
        );
    }

    #[test]
    fn a_slow_verdict_fails_and_the_median_and_maximum_are_reported() {
        let r = report(
            vec![sample(5.0, "conv", 100.0, 1), sample(6.0, "conv", 100.0, 2)],
            &[10.0, 30.0, 20.0, 8500.0],
        );
        let (notes, failures) = r.failures(&Limits::default());
        assert!(
            notes.iter().any(
                |n| n == "draw: 4 strokes, verdict after p50 20 ms, max 8500 ms (limit 100 ms)"
            )
        );
        assert_eq!(
            failures,
            vec!["slow verdicts: 8500 ms at minute 3.0".to_string()]
        );
        // The slowest stroke since the previous sample goes in the row.
        assert!(r.rows[0].ends_with("8500"), "{}", r.rows[0]);
        assert!(r.rows[1].ends_with('-'), "{}", r.rows[1]);
    }

    #[test]
    fn quantiles_use_the_nearest_rank() {
        assert_eq!(quantile(&[3.0, 1.0, 2.0], 0.5), Some(2.0));
        assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], 0.5), Some(2.0));
        assert_eq!(quantile(&[4.0, 1.0], 1.0), Some(4.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
