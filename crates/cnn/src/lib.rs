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
pub mod layers;
pub mod mnist;
pub mod network;
pub mod optim;
pub mod tensor;
pub mod trainer;
pub mod weights;

pub use activation::Activation;
pub use geometry::{AxisGeometry, Dim, Geometry2d, GeometryError, Window};
pub use lang::{Lang, Localized};
pub use layers::Mode;
pub use network::{LayerSpec, LayerSummary, Network, NetworkSpec, SpecError};
pub use optim::{MomentumForm, Optimizer, StepDecay};
pub use tensor::{Batch, Shape, ShapeError, Tensor};
pub use trainer::{EvalStats, StepStats, TrainConfig, TrainError, Trainer};
