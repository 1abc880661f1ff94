//! The Web Worker that runs the heavy computation (training) off the page's thread.
//!
//! `bin/worker.rs` calls [`register`]; the page calls [`spawn`]. Messages are the serde enums of
//! [`protocol`], sent with gloo-worker's bincode codec. Trunk builds the worker as a classic
//! (no-modules) script `worker.js` + `worker_bg.wasm`; `web/worker_loader.js` is the two-line
//! loader the page starts.

use gloo_worker::{HandlerId, Registrable, Spawnable, Worker, WorkerBridge, WorkerScope};

pub mod protocol;

pub use protocol::{WorkerInput, WorkerOutput};

/// The loader script, relative to `index.html` (copied into `dist/` by trunk).
pub const LOADER_PATH: &str = "./worker_loader.js";

/// The version the worker reports in [`WorkerOutput::Pong`] (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The worker's state; it lives as long as the worker.
#[derive(Debug, Default)]
pub struct ConvlabWorker;

impl Worker for ConvlabWorker {
    /// Messages the worker sends itself (timers, async results); none yet.
    type Message = ();
    type Input = WorkerInput;
    type Output = WorkerOutput;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ConvlabWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let reply = match msg {
            WorkerInput::Ping => WorkerOutput::Pong {
                version: VERSION.to_string(),
            },
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
