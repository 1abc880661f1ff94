//! The Web Worker that runs the heavy computation (training) off the page's thread.
//!
//! `bin/worker.rs` calls [`register`]; the page calls [`spawn`]. Messages are the serde enums of
//! [`protocol`], sent with gloo-worker's bincode codec. Trunk builds the worker as a classic
//! (no-modules) script `worker.js` + `worker_bg.wasm`; `web/worker_loader.js` is the two-line
//! loader the page starts.

use gloo_worker::{HandlerId, Registrable, Spawnable, Worker, WorkerBridge, WorkerScope};

pub mod protocol;

use crate::training::protocol::TrainOutput;
use crate::training::runner::{TrainMsg, TrainingRunner};

pub use protocol::{WorkerInput, WorkerOutput};

/// The loader script, relative to `index.html` (copied into `dist/` by trunk).
pub const LOADER_PATH: &str = "./worker_loader.js";

/// The version the worker reports in [`WorkerOutput::Pong`] (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Messages the worker sends itself (timers, async results).
pub enum WorkerMessage {
    Training(TrainMsg),
}

impl From<TrainMsg> for WorkerMessage {
    fn from(msg: TrainMsg) -> WorkerMessage {
        WorkerMessage::Training(msg)
    }
}

impl From<TrainOutput> for WorkerOutput {
    fn from(output: TrainOutput) -> WorkerOutput {
        WorkerOutput::Training(output)
    }
}

/// The worker's state; it lives as long as the worker.
#[derive(Default)]
pub struct ConvlabWorker {
    training: TrainingRunner,
}

impl Worker for ConvlabWorker {
    type Message = WorkerMessage;
    type Input = WorkerInput;
    type Output = WorkerOutput;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ConvlabWorker::default()
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        match msg {
            WorkerMessage::Training(msg) => self.training.update(scope, msg),
        }
    }

    fn disconnected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        self.training.disconnected(id);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let reply = match msg {
            WorkerInput::Ping => WorkerOutput::Pong {
                version: VERSION.to_string(),
            },
            WorkerInput::Training(input) => return self.training.received(scope, input, id),
        };
        scope.respond(id, reply);
    }
}

/// Registers the worker; the whole of `bin/worker.rs`.
pub fn register() {
    ConvlabWorker::registrar().register();
}

/// Starts a worker and calls `on_output` with everything it sends. Dropping the last bridge
/// terminates the worker.
pub fn spawn(on_output: impl Fn(WorkerOutput) + 'static) -> WorkerBridge<ConvlabWorker> {
    ConvlabWorker::spawner()
        .callback(on_output)
        .with_loader(true)
        .as_module(false)
        .spawn(LOADER_PATH)
}
