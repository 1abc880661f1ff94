//! Live MNIST training: the messages to and from the worker, the page's state, and the
//! worker's training engine.
//!
//! - [`protocol`]: [`protocol::TrainInput`] (page → worker) and [`protocol::TrainOutput`]
//!   (worker → page), serde enums carried inside the worker's `WorkerInput`/`WorkerOutput`.
//! - [`state`]: the page's reducer over the worker's messages (native tests).
//! - [`series`]: the chart data, bounded and smoothed.

pub mod client;
pub mod engine;
pub mod protocol;
pub mod runner;
pub mod series;
pub mod state;
