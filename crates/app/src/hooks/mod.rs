//! Shared hooks (one file per hook).

pub mod use_worker_ping;

pub use use_worker_ping::{WorkerStatus, use_worker_ping};
