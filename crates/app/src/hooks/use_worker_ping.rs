//! Starts the compute worker once and reports whether it answers.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::{spawn_local, time::sleep};
use yew::prelude::*;

use crate::worker::{self, WorkerInput, WorkerOutput};

/// How long a healthy worker may take to load its wasm and answer the first ping.
pub const PING_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Debug, PartialEq)]
pub enum WorkerStatus {
    Starting,
    Ready {
        version: String,
    },
    /// The worker reported an error.
    Failed {
        message: String,
    },
    /// No answer within [`PING_TIMEOUT`] (the worker script or its wasm did not load).
    NoAnswer,
}

/// Spawns the worker on mount, pings it, and keeps it alive while the component lives.
#[hook]
pub fn use_worker_ping() -> WorkerStatus {
    let status = use_state(|| WorkerStatus::Starting);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let answered = Rc::new(Cell::new(false));
            let spawned = {
                let status = status.clone();
                let answered = answered.clone();
                worker::spawn(move |output| {
                    answered.set(true);
                    match output {
                        WorkerOutput::Pong { version } => {
                            status.set(WorkerStatus::Ready { version })
                        }
                        WorkerOutput::Error { message } => {
                            status.set(WorkerStatus::Failed { message })
                        }
                        WorkerOutput::Training(_) => {}
                    }
                })
            };
            spawned.send(WorkerInput::Ping);
            spawn_local(async move {
                sleep(PING_TIMEOUT).await;
                if !answered.get() {
                    status.set(WorkerStatus::NoAnswer);
                }
            });
            move || drop(spawned)
        });
    }
    (*status).clone()
}
