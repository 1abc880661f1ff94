//! Pings the compute worker once and reports whether it answers. The worker is the one of the
//! training client ([`crate::training::client`]): the page never runs a second one.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::{spawn_local, time::sleep};
use yew::prelude::*;

use crate::training::client;
use crate::worker::WorkerOutput;

/// How long a healthy worker may take to load its wasm and answer the first ping.
pub const PING_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Debug, PartialEq)]
pub enum WorkerStatus {
    Starting,
    Ready {
        version: String,
    },
    /// No answer within [`PING_TIMEOUT`] (the worker script or its wasm did not load).
    NoAnswer,
    /// It answered once, then crashed or stopped answering (the recovery alert offers Restart).
    Stopped,
}

/// Pings the page's one worker (the training client's, spawned here if needed) on mount, and
/// follows the client's crash detection afterwards.
#[hook]
pub fn use_worker_ping() -> WorkerStatus {
    let status = use_state(|| WorkerStatus::Starting);
    let stopped = use_state_eq(|| false);
    {
        let stopped = stopped.clone();
        use_effect_with((), move |_| {
            let subscription = client::shared().subscribe(Callback::from(
                move |state: Rc<crate::training::state::TrainingState>| {
                    stopped.set(state.worker_down());
                },
            ));
            move || drop(subscription)
        });
    }
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let answered = Rc::new(Cell::new(false));
            {
                let status = status.clone();
                let answered = answered.clone();
                client::ping(move |output| {
                    answered.set(true);
                    match output {
                        WorkerOutput::Pong { version } => {
                            status.set(WorkerStatus::Ready { version })
                        }
                        WorkerOutput::Training(_) | WorkerOutput::Crashed { .. } => {}
                    }
                });
            }
            spawn_local(async move {
                sleep(PING_TIMEOUT).await;
                if !answered.get() {
                    status.set(WorkerStatus::NoAnswer);
                }
            });
        });
    }
    match &*status {
        WorkerStatus::Ready { .. } if *stopped => WorkerStatus::Stopped,
        status => status.clone(),
    }
}
