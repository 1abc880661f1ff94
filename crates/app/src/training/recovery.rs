//! When the worker dies: how the page notices, what it tells the lecturer, and how a new worker
//! takes over from the last good checkpoint without a page reload.
//!
//! Three ways to notice: the worker's panic hook sends [`Crash::Panic`] with the panic's text
//! (`worker::register`), the native worker's `error` event gives [`Crash::Error`], and a
//! heartbeat ([`heartbeat`]) catches a worker that was terminated or hangs ([`Crash::Silent`]):
//! every message counts as a sign of life, and after [`HEARTBEAT_MS`] of silence the page pings;
//! a ping left unanswered for [`STALL_MS`] means the worker is gone.
//!
//! The checkpoint is the weights file the worker sends after every held-out evaluation (every
//! 1,000–2,000 examples and on Pause; [`TrainingState::weights`]). A restart builds the same
//! setup in a new worker with those weights and that counter ([`TrainInput::Restore`]), keeps
//! the charts up to the checkpoint and leaves the training paused: the lecturer sees what came
//! back before pressing Train (a crash that recurs at once would otherwise loop).

use super::protocol::{RunStatus, Setup, TrainInput};
use super::state::TrainingState;

/// The page pings a worker it has not heard from for this long.
pub const HEARTBEAT_MS: f64 = 2_000.0;
/// A ping unanswered for this long means the worker is gone (terminated or hung). Generous: a
/// slow machine under load still answers between two 40 ms slices.
pub const STALL_MS: f64 = 15_000.0;
/// The first answer may take longer: the worker loads its wasm first (as `PING_TIMEOUT`).
pub const FIRST_ANSWER_MS: f64 = 20_000.0;

/// Why the worker is gone.
#[derive(Clone, Debug, PartialEq)]
pub enum Crash {
    /// It panicked: the panic's message.
    Panic(String),
    /// Its script failed (the `error` event): the browser's message.
    Error(String),
    /// It stopped answering (terminated, or hung).
    Silent,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Recovery {
    Crashed {
        crash: Crash,
        /// It was training when it died.
        was_running: bool,
    },
    /// A new worker was started; waiting for it to rebuild the network.
    Restarting { checkpoint: Option<u64> },
    /// The new worker rebuilt the network: from the checkpoint at `examples`, or afresh.
    Restored {
        examples: Option<u64>,
        /// A comparison run was lost (only run 1 is checkpointed).
        compare_dropped: bool,
    },
}

/// What the heartbeat does at a tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Beat {
    Wait,
    Ping,
    /// The worker is gone.
    Silent,
}

/// The heartbeat at `now`: `heard` is when the worker last sent anything (`None`: never),
/// `ping_sent` when the page sent a ping not answered since. Timers of a background tab may
/// fire a minute late; only an unanswered ping counts, never a late tick.
pub fn heartbeat(now: f64, heard: Option<f64>, ping_sent: Option<f64>) -> Beat {
    match ping_sent {
        Some(sent) => {
            let limit = if heard.is_some() {
                STALL_MS
            } else {
                FIRST_ANSWER_MS
            };
            if now - sent > limit {
                Beat::Silent
            } else {
                Beat::Wait
            }
        }
        None if heard.is_none_or(|at| now - at >= HEARTBEAT_MS) => Beat::Ping,
        None => Beat::Wait,
    }
}

impl TrainingState {
    /// The worker died. Returns whether this is news (the first report stands: a panic is
    /// followed by the `error` event of the same failure).
    pub fn crashed(&mut self, crash: Crash) -> bool {
        if matches!(self.recovery, Some(Recovery::Crashed { .. })) {
            return false;
        }
        self.version += 1;
        self.examples_per_sec = 0.0;
        self.recovery = Some(Recovery::Crashed {
            crash,
            was_running: self.status == RunStatus::Running,
        });
        true
    }

    /// The last checkpoint: the examples run 1 had seen at its last weights file.
    pub fn checkpoint(&self) -> Option<u64> {
        self.weights.as_ref().map(|(examples, _)| *examples)
    }

    /// A new worker is starting: returns what to send it (the setup and the checkpoint's
    /// weights, or a plain reset before the first checkpoint) and keeps run 1's charts up to
    /// the checkpoint. `fallback` is the setup when no network was built yet.
    pub fn restart(&mut self, fallback: Setup) -> Vec<TrainInput> {
        let setup = self.setup.clone().unwrap_or(fallback);
        let checkpoint = self.checkpoint();
        self.version += 1;
        self.recovery = Some(Recovery::Restarting { checkpoint });
        self.status = RunStatus::Loading;
        self.diverged = None;
        self.error = None;
        self.notice = None;
        self.examples_per_sec = 0.0;
        self.runs.truncate(1);
        let upto = checkpoint.unwrap_or(0);
        if let Some(run) = self.runs.first_mut() {
            run.examples = upto;
            run.curve.truncate(upto as f64);
            run.held_out.retain(|&(at, _)| at <= upto);
            run.last_eval = run.last_eval.filter(|&(at, _, _)| at <= upto);
        }
        match &self.weights {
            Some((examples, bytes)) => vec![TrainInput::Restore {
                setup,
                bytes: bytes.to_vec(),
                examples: *examples,
            }],
            None => vec![TrainInput::Reset(setup)],
        }
    }

    /// The new worker answered a restart with the networks it built (`examples`: from the
    /// checkpoint; `None`: afresh).
    pub(super) fn restored(&mut self, examples: Option<u64>) {
        if let Some(Recovery::Restarting { .. }) = self.recovery {
            let compare_dropped =
                self.setup.as_ref().is_some_and(|s| s.compare.is_some()) && examples.is_some();
            self.recovery = Some(Recovery::Restored {
                examples,
                compare_dropped,
            });
        }
    }

    /// The worker is dead or not yet back: nothing can be sent to it.
    pub fn worker_down(&self) -> bool {
        matches!(
            self.recovery,
            Some(Recovery::Crashed { .. } | Recovery::Restarting { .. })
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::client::default_setup;
    use crate::training::protocol::{
        Evaluation, LossPoint, Progress, RunProgress, Text, TrainOutput,
    };

    fn progress(status: RunStatus, examples: u64) -> TrainOutput {
        TrainOutput::Progress(Progress {
            status,
            runs: vec![RunProgress {
                examples,
                epoch: 0,
                points: vec![LossPoint {
                    examples,
                    loss: 1.0,
                    accuracy: 0.5,
                }],
                learning_rate: 0.01,
            }],
            examples_per_sec: 900.0,
            forward_ms: 0.1,
            backward_ms: 0.2,
        })
    }

    fn evaluation(examples: u64, accuracy: f32) -> TrainOutput {
        TrainOutput::Evaluation(Evaluation {
            run: 0,
            examples,
            accuracy,
            loss: 0.3,
            guesses: None,
            confusion: None,
        })
    }

    /// A run trained to 2,400 examples, evaluated (and checkpointed) at 1,000 and 2,000.
    fn trained() -> TrainingState {
        let mut state = TrainingState::default();
        state.apply(TrainOutput::Reset {
            setup: default_setup(),
            rows: Vec::new(),
            params: 5994,
        });
        for examples in (20..=2400).step_by(20) {
            state.apply(progress(RunStatus::Running, examples));
            if examples % 1000 == 0 {
                state.apply(evaluation(examples, examples as f32 / 2500.0));
                state.apply(TrainOutput::Weights {
                    examples,
                    bytes: vec![examples as u8; 3],
                });
            }
        }
        state
    }

    #[test]
    fn the_heartbeat_pings_after_silence_and_gives_up_on_an_unanswered_ping() {
        assert_eq!(heartbeat(0.0, None, None), Beat::Ping, "a new worker");
        assert_eq!(heartbeat(19_000.0, None, Some(0.0)), Beat::Wait, "loading");
        assert_eq!(heartbeat(20_001.0, None, Some(0.0)), Beat::Silent);
        assert_eq!(heartbeat(1_000.0, Some(0.0), None), Beat::Wait, "training");
        assert_eq!(heartbeat(2_000.0, Some(0.0), None), Beat::Ping);
        assert_eq!(heartbeat(16_000.0, Some(0.0), Some(2_000.0)), Beat::Wait);
        assert_eq!(heartbeat(17_001.0, Some(0.0), Some(2_000.0)), Beat::Silent);
        // A background tab's tick a minute late, with the last ping answered: ping again.
        assert_eq!(heartbeat(60_000.0, Some(2_010.0), None), Beat::Ping);
    }

    #[test]
    fn a_crash_is_reported_once_with_the_checkpoint() {
        let mut state = trained();
        assert!(state.crashed(Crash::Panic("boom".into())));
        assert!(!state.crashed(Crash::Error("RuntimeError: unreachable".into())));
        assert_eq!(
            state.recovery,
            Some(Recovery::Crashed {
                crash: Crash::Panic("boom".into()),
                was_running: true,
            })
        );
        assert_eq!(state.checkpoint(), Some(2000));
        assert!(state.worker_down());
        assert_eq!(state.examples_per_sec, 0.0, "nothing trains any more");
    }

    #[test]
    fn an_evaluation_ahead_of_its_progress_moves_the_counter() {
        let mut state = trained();
        state.apply(evaluation(3000, 0.9));
        assert_eq!(state.examples(), 3000);
    }

    #[test]
    fn a_restart_sends_the_checkpoint_and_keeps_the_charts_up_to_it() {
        let mut state = trained();
        state.crashed(Crash::Silent);
        let inputs = state.restart(default_setup());
        assert_eq!(
            inputs,
            vec![TrainInput::Restore {
                setup: default_setup(),
                bytes: vec![2000u64 as u8; 3],
                examples: 2000,
            }]
        );
        assert_eq!(
            state.recovery,
            Some(Recovery::Restarting {
                checkpoint: Some(2000)
            })
        );
        assert_eq!(state.status, RunStatus::Loading);
        let run = &state.runs[0];
        assert_eq!(run.examples, 2000);
        assert_eq!(run.held_out, vec![(1000, 0.4), (2000, 0.8)]);
        assert!(run.curve.points().iter().all(|p| p.examples <= 2000.0));
        assert_eq!(run.curve.points().len(), 100);

        // The new worker answers: the counter and the accuracy come back, paused.
        state.apply(TrainOutput::Restored {
            setup: default_setup(),
            rows: Vec::new(),
            params: 5994,
            examples: 2000,
        });
        state.apply(TrainOutput::Ready {
            train: 9000,
            test: 0,
            test_images: Vec::new(),
            test_labels: Vec::new(),
        });
        state.apply(progress(RunStatus::Idle, 2000));
        state.apply(evaluation(2000, 0.8));
        assert_eq!(
            state.recovery,
            Some(Recovery::Restored {
                examples: Some(2000),
                compare_dropped: false,
            })
        );
        assert_eq!(state.status, RunStatus::Idle);
        assert_eq!(state.examples(), 2000);
        assert_eq!(state.runs[0].held_out_accuracy(), Some((2000, 0.8)));
        assert!(!state.worker_down());
        // Training goes on from there.
        state.apply(progress(RunStatus::Running, 2020));
        assert_eq!(state.runs[0].curve.points().len(), 102);
    }

    #[test]
    fn before_the_first_checkpoint_a_restart_builds_the_network_afresh() {
        let mut state = TrainingState::default();
        state.apply(TrainOutput::Reset {
            setup: default_setup(),
            rows: Vec::new(),
            params: 5994,
        });
        state.apply(progress(RunStatus::Running, 600));
        state.crashed(Crash::Panic("early".into()));
        assert_eq!(
            state.restart(default_setup()),
            vec![TrainInput::Reset(default_setup())]
        );
        assert_eq!(state.examples(), 0);
        state.apply(TrainOutput::Reset {
            setup: default_setup(),
            rows: Vec::new(),
            params: 5994,
        });
        assert_eq!(
            state.recovery,
            Some(Recovery::Restored {
                examples: None,
                compare_dropped: false,
            })
        );
        // A later error of the new worker is an ordinary error, not a crash.
        state.apply(TrainOutput::Error(Text::new("а", "a")));
        assert!(!state.worker_down());
    }
}
