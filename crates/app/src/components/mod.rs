//! Shared widgets used by more than one section (one file per widget).

pub mod plot_canvas;
pub mod plot_data;
pub mod grid_editor;
pub mod player;
