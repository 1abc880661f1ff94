//! Shared widgets used by more than one section (one file per widget).

pub mod grid_editor;
pub mod live_region;
pub mod map_canvas;
pub mod network_view;
pub mod player;
pub mod plot_canvas;
pub mod plot_data;
pub mod settings;
pub mod url_note;
pub mod worker_alert;

pub use live_region::LiveRegion;
pub use map_canvas::{MapCanvas, MapGrid};
pub use network_view::NetworkView;
pub use url_note::UrlNote;
pub use worker_alert::WorkerAlert;
