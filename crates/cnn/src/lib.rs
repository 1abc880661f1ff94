//! `cnn` — a small, exact convolutional network library.
//!
//! Everything the app shows is computed here, so the UI never writes the arithmetic a second
//! time: the output-size formula ([`geometry`]), the reference convolution with its
//! step-by-step trace ([`conv`]) and as a matrix multiply ([`im2col`]), pooling with its trace
//! and backward pass ([`pool`]), the activation functions and their derivatives
//! ([`activation`]), MNIST-style preprocessing of a drawn digit ([`preprocess`]), the layers
//! with forward and backward passes, the optimizers and the trainer.
//!
//! Error messages are written for students and come in English (`Display`) and Russian
//! ([`Localized::message`] with [`Lang::Ru`]).
// `unsafe` only where a bounds check in an inner loop costs (two reads in `fast::direct`, each with its
// SAFETY argument from the assertions at the top of its function); everything else is safe code.
#![deny(unsafe_code)]

pub mod activation;
pub mod augment;
pub mod confusion;
pub mod conv;
pub mod curves;
pub mod descent;
pub mod fast;
pub mod fuzz;
pub mod geometry;
pub mod im2col;
pub mod lang;
pub mod layer_table;
pub mod layers;
pub mod limits;
pub mod mnist;
pub mod network;
pub mod optim;
pub mod pen;
pub mod pool;
pub mod preprocess;
pub mod presets;
pub mod saliency;
pub mod surface;
pub mod tensor;
pub mod trainer;
pub mod weights;

pub use activation::Activation;
pub use augment::Augmentation;
pub use confusion::ConfusionMatrix;
pub use conv::{
    ConvConfig, ConvError, ConvMode, StepTrace, Tap, conv2d_reference, conv2d_trace, flip_kernel,
    format_number, format_operand, output_positions, raster_positions, superscript,
};
pub use geometry::{AxisGeometry, Dim, Geometry2d, GeometryError, Window, output_size_formula};
pub use im2col::{
    KernelMatrix, PatchMatrix, conv2d_im2col, conv2d_im2col_batch, im2col, kernel_matrix,
};
pub use lang::{Lang, Localized, echo, echo_list};
pub use layers::Mode;
pub use limits::{Setting, SettingError};
pub use network::{LayerSpec, LayerSummary, Network, NetworkSpec, SpecError};
pub use optim::{MomentumForm, Optimizer, StepDecay};
pub use pool::{
    PoolCell, PoolConfig, PoolKind, PoolOutput, PoolTrace, pool2d_backward_reference,
    pool2d_reference, pool2d_trace,
};
pub use preprocess::{
    BoundingBox, GreyImage, PixelFormat, PreprocessError, Preprocessed, preprocess_digit,
};
pub use saliency::{Saliency, SaliencyMethod};
pub use tensor::{Batch, Shape, ShapeError, Tensor};
pub use trainer::{EvalStats, EvalSums, StepStats, TrainConfig, TrainError, Trainer};
