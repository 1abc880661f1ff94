//! Shared widgets used by more than one section (one file per widget).
