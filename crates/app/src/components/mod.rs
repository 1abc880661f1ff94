//! Shared widgets used by more than one section (one file per widget).

pub mod grid_editor;
pub mod player;
