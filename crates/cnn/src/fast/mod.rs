//! The fast path: batched kernels for convolution, pooling and dense layers, written on plain slices.
//!
//! The layers call these for their forward and backward passes; the plain nested-loop references
//! (`conv2d_reference`, `pool2d_reference`) stay the oracle, and the property tests in `tests` check that the
//! two agree to a stated float tolerance. Four-lane SIMD ([`simd::F32x4`]) maps to WebAssembly SIMD128 in the
//! browser build and to SSE/AVX natively. All buffers are reused between calls (see the `*Scratch` types), so a
//! training step allocates nothing once the first batch has run.

pub mod conv;
pub mod dense;
pub mod direct;
pub mod matmul;
pub mod pool;
pub mod simd;

pub use conv::{ConvScratch, ConvShape, conv2d_backward, conv2d_forward};
pub use dense::{DenseScratch, dense_backward, dense_forward};
pub use pool::{PoolShape, max_pool_backward, max_pool_forward, max_pool_forward_values};

#[cfg(test)]
mod tests;
