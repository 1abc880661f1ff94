//! The messages between the page and the worker. Add variants here; both sides match on them.

use serde::{Deserialize, Serialize};

use crate::training::protocol::{TrainInput, TrainOutput};

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerInput {
    /// Health check; answered with [`WorkerOutput::Pong`].
    Ping,
    /// Live MNIST training (the Training section): see [`crate::training::protocol`].
    Training(TrainInput),
    /// A test hook (`window.__convlabTest.crashWorker()`, used by `tests/recovery.spec.ts`): the
    /// worker panics, to prove that the page notices and restarts it. It can only break the
    /// tab that sends it.
    TestPanic,
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerOutput {
    Pong {
        /// The worker's crate version, to catch a stale cached worker.
        version: String,
    },
    /// Training progress, evaluations, snapshots, files: see [`crate::training::protocol`].
    Training(TrainOutput),
    /// Sent by the worker's panic hook just before the worker dies: the panic's message.
    Crashed { message: String },
}
