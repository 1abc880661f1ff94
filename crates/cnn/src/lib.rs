//! `cnn` — a small, exact convolutional network library.
//!
//! Everything the app shows is computed here, so the UI never writes the arithmetic a second
//! time: the output-size formula ([`geometry`]), the convolution with its step-by-step trace,
//! the activation functions and their derivatives ([`activation`]), the layers with forward
//! and backward passes, the optimizers and the trainer.
//!
//! Error messages are written for students and come in English (`Display`) and Russian
//! ([`Localized::message`] with [`Lang::Ru`]).
#![forbid(unsafe_code)]

pub mod activation;
pub mod geometry;
pub mod kernels;
pub mod lang;
pub mod tensor;

pub use activation::Activation;
pub use geometry::{AxisGeometry, Dim, Geometry2d, GeometryError, Window};
pub use lang::{Lang, Localized};
pub use tensor::{Batch, Shape, ShapeError, Tensor};
