//! Live MNIST training: the messages to and from the worker, the page's state, and the
//! worker's training engine.
//!
//! - [`protocol`]: [`protocol::TrainInput`] (page → worker) and [`protocol::TrainOutput`]
//!   (worker → page), serde enums carried inside the worker's `WorkerInput`/`WorkerOutput`.
//! - [`state`]: the page's reducer over the worker's messages (native tests).
//! - [`series`]: the chart data, bounded and smoothed.
//! - [`config`]: the page's settings as the core's configuration; spec checks.
//! - [`query`]: the section's URL codec.
//! - [`snapshot`]: a network's maps and filters, quantised (the worker and Draw build them).
//! - [`recovery`]: a crashed or silent worker noticed, reported and restarted from its last
//!   checkpoint.
//! - [`engine`]: the worker's training loop (data order, runs, evaluation, clock).

pub mod client;
pub mod config;
pub mod engine;
pub mod protocol;
pub mod query;
pub mod recovery;
pub mod runner;
pub mod series;
pub mod snapshot;
pub mod state;
