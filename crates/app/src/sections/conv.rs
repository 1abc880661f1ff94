//! Convolution lab.
pub mod query;
pub mod state;
