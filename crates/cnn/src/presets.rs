//! The lecture's historic architectures as network specs in the text form of
//! [`crate::network`], so that their layer tables ([`crate::layer_table`]) are computed, never
//! typed in.
//!
//! - LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998): 32×32×1 → C1 conv 5×5×6 → S2 pool 2 →
//!   C3 conv 5×5×16 → S4 pool 2 → C5 conv 5×5×120 → F6 dense 84 → 10 outputs. With a fully
//!   connected C3 it has 61,706 parameters; the paper's C3 connects each of its 16 maps to only
//!   some of S2's 6 maps (60 of the 96 pairs), which brings the total to ≈60,000.
//! - AlexNet (Krizhevsky, Sutskever, Hinton 2012) on one device (the paper split most layers
//!   between two GPUs): 227×227×3 → conv 11×11×96 stride 4 → 55×55×96 → overlapping max pool
//!   3 stride 2 → … → dense 4096, 4096, 1000; 62,378,344 parameters. The paper writes 224×224,
//!   but (224 − 11)/4 + 1 is not a whole number; 227 makes every window fit exactly.
//! - LeNet-5 for the Training section: the same layers on the 28×28 MNIST digits, C1 padded by 2
//!   so that C1 still sees a 32×32 field, as LeCun padded the 28×28 digits to 32×32.

/// LeNet-5 as in the 1998 paper (tanh, average pooling), with a fully connected C3.
pub const LENET5: &str = "input 32x32x1; conv 5x5x6 tanh; avgpool 2; conv 5x5x16 tanh; \
avgpool 2; conv 5x5x120 tanh; dense 84 tanh; dense 10 softmax";

/// AlexNet on one device, with the paper's ReLU, overlapping pooling and dropout 0.5 before
/// the first two dense layers' outputs.
pub const ALEXNET: &str = "input 227x227x3; conv 11x11x96 stride 4 relu; pool 3 stride 2; \
conv 5x5x256 pad 2 relu; pool 3 stride 2; conv 3x3x384 pad 1 relu; conv 3x3x384 pad 1 relu; \
conv 3x3x256 pad 1 relu; pool 3 stride 2; dense 4096 relu; dropout 0.5; dense 4096 relu; \
dropout 0.5; dense 1000 softmax";

/// AlexNet with the paper's 224×224 input: conv1 does not tile it ((224 − 11)/4 is 53.25).
pub const ALEXNET_224: &str = "input 224x224x3; conv 11x11x96 stride 4 relu; pool 3 stride 2; \
conv 5x5x256 pad 2 relu; pool 3 stride 2; conv 3x3x384 pad 1 relu; conv 3x3x384 pad 1 relu; \
conv 3x3x256 pad 1 relu; pool 3 stride 2; dense 4096 relu; dropout 0.5; dense 4096 relu; \
dropout 0.5; dense 1000 softmax";

/// LeNet-5 on the 28×28 MNIST digits, trainable in the Training section: C1 pads by 2, the
/// paper's tanh, and max pooling (which trains faster than averaging here; the shapes and the
/// parameter count are LeNet-5's).
pub const LENET5_MNIST: &str = "input 28x28x1; conv 5x5x6 pad 2 tanh; pool 2; conv 5x5x16 tanh; \
pool 2; conv 5x5x120 tanh; dense 84 tanh; dense 10 softmax";
