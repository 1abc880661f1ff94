//! Starts the compute worker once and reports whether it answers.

use yew::prelude::*;

use crate::worker::{self, WorkerInput, WorkerOutput};

#[derive(Clone, Debug, PartialEq)]
pub enum WorkerStatus {
    Starting,
    Ready { version: String },
    Failed { message: String },
}

/// Spawns the worker on mount, pings it, and keeps it alive while the component lives.
#[hook]
pub fn use_worker_ping() -> WorkerStatus {
    let status = use_state(|| WorkerStatus::Starting);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let spawned = worker::spawn(move |output| match output {
                WorkerOutput::Pong { version } => status.set(WorkerStatus::Ready { version }),
                WorkerOutput::Error { message } => status.set(WorkerStatus::Failed { message }),
            });
            spawned.send(WorkerInput::Ping);
            move || drop(spawned)
        });
    }
    (*status).clone()
}
