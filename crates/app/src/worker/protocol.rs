//! The messages between the page and the worker. Add variants here; both sides match on them.

use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerInput {
    /// Health check; answered with [`WorkerOutput::Pong`].
    Ping,
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkerOutput {
    Pong {
        /// The worker's crate version, to catch a stale cached worker.
        version: String,
    },
    /// A request failed; the message is for the user (already localised by the sender's `Lang`
    /// where that applies).
    Error { message: String },
}
