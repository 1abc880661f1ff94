//! Network layers, batch-first: each has `forward`, `backward`, its parameters and their
//! gradients (the shape of ConvNetJS's layers, typed), one layer a file with its formula.
//!
//! Forward formulas (n = example, c/o = channel, (y, x) = position, S = stride, P = padding,
//! D = dilation):
//!
//! ```text
//! Conv2d       out[n,o,y,x] = b[o] + Σ_c Σ_ky Σ_kx W[o,c,ky,kx] · in[n, c, y·S − P + ky·D, x·S − P + kx·D]
//!              (cross-correlation, as every library computes it; taps in the padding read 0)
//! MaxPool2d    out[n,c,y,x] = max over the window; the winner's index is kept ("switch")
//! AvgPool2d    out[n,c,y,x] = (1 / (F_h·F_w)) · Σ over the window (padding counts as 0)
//! Activation   out = f(in), elementwise
//! Dense        out[n,o] = b[o] + Σ_i W[o,i] · in[n,i]      (input flattened C·H·W)
//! Dropout      train: out = in · mᵢ / (1 − p), mᵢ ~ Bernoulli(1 − p)  ("inverted": eval is the identity)
//! Softmax+CE   p = softmax(z) = e^(z − max z) / Σ e^(z − max z);  L = −ln p[label] = logΣexp(z) − z[label]
//! ```
//!
//! Backward passes receive ∂L/∂out and return ∂L/∂in, and *overwrite* the parameter gradients
//! with the gradient of this batch (no accumulation across calls). The fused softmax +
//! cross-entropy gives ∂L/∂z = (p − onehot(label)) / N for the batch mean L.
//!
//! Every layer owns its output and gradient buffers and reuses them from step to step: after
//! the first batch of a given size, a training step allocates nothing.

mod activation;
mod conv;
mod dense;
mod dropout;
mod flatten;
mod pool;
mod softmax;

use serde::{Deserialize, Serialize};

use crate::tensor::{Batch, Shape};

pub use activation::ActivationLayer;
pub use conv::Conv2d;
pub use dense::Dense;
pub use dropout::Dropout;
pub use flatten::Flatten;
pub use pool::{AvgPool2d, MaxPool2d};
pub use softmax::{SoftmaxCrossEntropy, argmax, softmax};

/// Training or evaluation: dropout drops only in training.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    Train,
    #[default]
    Eval,
}

/// The layer's input-gradient batch sized for `n` items, when the layer below needs it (the first
/// parametric layer of a network has nothing to pass its input gradient to, and skips computing it).
pub(crate) fn input_grad_slot(
    slot: &mut Batch,
    shape: Shape,
    n: usize,
    needed: bool,
) -> Option<&mut [f32]> {
    ensure(slot, shape, n);
    needed.then(|| slot.data_mut())
}

/// Makes `slot` hold `len` items of `shape`; allocates only when the size changes.
pub(crate) fn ensure(slot: &mut Batch, shape: Shape, len: usize) {
    if slot.item_shape() != shape || slot.len() != len {
        *slot = Batch::zeros(shape, len).expect("layer shapes are validated at construction");
    }
}

pub(crate) fn empty(shape: Shape) -> Batch {
    Batch::zeros(shape, 0).expect("layer shapes are validated at construction")
}
