//! Shared hooks (one file per hook).

pub mod use_worker_ping;

pub use use_worker_ping::{WorkerStatus, use_worker_ping};
pub mod use_interval;
pub mod use_player_keys;

pub use use_interval::use_interval;
pub use use_player_keys::use_player_keys;
pub mod use_lecture_keys;
pub mod use_url_reducer;
pub use use_lecture_keys::use_lecture_keys;
pub mod use_canvas_size;
