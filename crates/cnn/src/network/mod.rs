//! A sequential network: its spec ([`spec`]: the layers as data and a short text form, read by
//! [`parse`]), shape inference with a per-layer summary ([`infer`]), the bilingual refusals
//! ([`error`]), and the [`Network`] built from a spec with seeded initialisation ([`init`]).
//!
//! Text form — layers separated by `;`, the first one `input H×W×C`:
//!
//! ```text
//! input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; conv 5x5x16 pad 2 relu; pool 3; dense 10 softmax
//! ```
//!
//! | layer                                       | meaning                                           |
//! |---------------------------------------------|---------------------------------------------------|
//! | `input HxWxC`                               | the input volume (height × width × channels)      |
//! | `conv FhxFwxK [stride S] [pad P] [dilation D] [act]` | K filters of Fh×Fw, then an optional activation |
//! | `pool F [stride S] [pad P]`, `avgpool …`    | max / average pooling, stride defaults to F; `pool 3 stride 2` overlaps (AlexNet) |
//! | `dense N [act \| softmax]`                  | fully connected, N units                          |
//! | `dropout p`                                 | inverted dropout with drop probability p          |
//! | `flatten`, `relu`, `sigmoid`, `tanh`, `softplus`, `leaky_relu [slope]` | as named      |
//!
//! The last layer must be `dense N softmax` (the classifier; the loss is softmax cross-entropy).
//!
//! A computing [`Layer`] is one of [`crate::layers`]; a spec layer such as `conv 5x5x8 relu`
//! becomes two of them. Shape inference accepts networks as large as AlexNet; [`Network::new`]
//! builds at most [`MAX_NETWORK_PARAMS`] parameters.

mod error;
mod infer;
mod init;
mod parse;
mod spec;
mod view;

use rand::SeedableRng;
use rand_pcg::Pcg32;

use init::{init_std, normal};

use crate::layers::{
    ActivationLayer, AvgPool2d, Conv2d, Dense, Dropout, Flatten, MaxPool2d, Mode,
    SoftmaxCrossEntropy,
};
use crate::tensor::{Batch, Shape, Tensor};

pub use error::{Quantity, SpecError, SpecErrorKind};
pub use infer::{LayerSummary, MAX_ACTIVATIONS, MAX_LAYERS, MAX_NETWORK_PARAMS, MAX_PARAMS};
pub use spec::{LayerSpec, NetworkSpec};
pub use view::{FilterView, LayerView};

/// One computing layer of a built network. A spec layer such as `conv 5x5x8 relu` becomes two
/// of these (the convolution, then the activation).
#[derive(Clone, Debug)]
pub enum Layer {
    Conv2d(Conv2d),
    MaxPool2d(MaxPool2d),
    AvgPool2d(AvgPool2d),
    Activation(ActivationLayer),
    Flatten(Flatten),
    Dropout(Dropout),
    Dense(Dense),
    Softmax(SoftmaxCrossEntropy),
}

impl Layer {
    pub fn forward(&mut self, input: &Batch, mode: Mode) -> &Batch {
        match self {
            Layer::Conv2d(l) => l.forward(input, mode),
            Layer::MaxPool2d(l) => l.forward(input, mode),
            Layer::AvgPool2d(l) => l.forward(input, mode),
            Layer::Activation(l) => l.forward(input, mode),
            Layer::Flatten(l) => l.forward(input, mode),
            Layer::Dropout(l) => l.forward(input, mode),
            Layer::Dense(l) => l.forward(input, mode),
            Layer::Softmax(l) => l.forward(input, mode),
        }
    }

    /// ∂L/∂input from ∂L/∂output (and the parameter gradients of this batch).
    ///
    /// # Panics
    /// On the softmax layer, whose backward takes labels ([`SoftmaxCrossEntropy::backward`]).
    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        match self {
            Layer::Conv2d(l) => l.backward(grad_output),
            Layer::MaxPool2d(l) => l.backward(grad_output),
            Layer::AvgPool2d(l) => l.backward(grad_output),
            Layer::Activation(l) => l.backward(grad_output),
            Layer::Flatten(l) => l.backward(grad_output),
            Layer::Dropout(l) => l.backward(grad_output),
            Layer::Dense(l) => l.backward(grad_output),
            Layer::Softmax(_) => unreachable!("softmax backward takes labels"),
        }
    }

    pub fn output(&self) -> &Batch {
        match self {
            Layer::Conv2d(l) => l.output(),
            Layer::MaxPool2d(l) => l.output(),
            Layer::AvgPool2d(l) => l.output(),
            Layer::Activation(l) => l.output(),
            Layer::Flatten(l) => l.output(),
            Layer::Dropout(l) => l.output(),
            Layer::Dense(l) => l.output(),
            Layer::Softmax(l) => l.output(),
        }
    }

    pub fn output_shape(&self) -> Shape {
        match self {
            Layer::Conv2d(l) => l.output_shape(),
            Layer::MaxPool2d(l) => l.output_shape(),
            Layer::AvgPool2d(l) => l.output_shape(),
            Layer::Activation(l) => l.output_shape(),
            Layer::Flatten(l) => l.output_shape(),
            Layer::Dropout(l) => l.output_shape(),
            Layer::Dense(l) => l.output_shape(),
            Layer::Softmax(l) => l.output_shape(),
        }
    }

    /// (weights, bias) of a layer with parameters.
    pub fn params(&self) -> Option<(&[f32], &[f32])> {
        match self {
            Layer::Conv2d(l) => Some((&l.weights, &l.bias)),
            Layer::Dense(l) => Some((&l.weights, &l.bias)),
            _ => None,
        }
    }

    /// (weight gradients, bias gradients) of the last backward.
    pub fn grads(&self) -> Option<(&[f32], &[f32])> {
        match self {
            Layer::Conv2d(l) => Some((&l.weight_grads, &l.bias_grads)),
            Layer::Dense(l) => Some((&l.weight_grads, &l.bias_grads)),
            _ => None,
        }
    }

    /// Mutable (weights, bias) of a layer with parameters.
    pub fn params_mut(&mut self) -> Option<(&mut [f32], &mut [f32])> {
        match self {
            Layer::Conv2d(l) => Some((&mut l.weights, &mut l.bias)),
            Layer::Dense(l) => Some((&mut l.weights, &mut l.bias)),
            _ => None,
        }
    }

    #[allow(clippy::type_complexity)]
    fn params_and_grads_mut(&mut self) -> Option<(&mut Vec<f32>, &mut Vec<f32>, &[f32], &[f32])> {
        match self {
            Layer::Conv2d(l) => Some((&mut l.weights, &mut l.bias, &l.weight_grads, &l.bias_grads)),
            Layer::Dense(l) => Some((&mut l.weights, &mut l.bias, &l.weight_grads, &l.bias_grads)),
            _ => None,
        }
    }
}

/// A computing layer with its name.
#[derive(Clone, Debug)]
struct Node {
    layer: Layer,
    name: String,
    /// Training-time dropout on this layer's input ([`Network::set_dense_dropout`]); dense layers only.
    pre_dropout: Option<Dropout>,
    pre_dropout_active: bool,
}

/// One parameter tensor handed to an optimizer.
pub struct ParamMut<'a> {
    pub values: &'a mut [f32],
    pub grads: &'a [f32],
    /// Weights get L2 weight decay; biases do not (as in ConvNetJS and AlexNet).
    pub is_weight: bool,
}

/// A sequential network built from a [`NetworkSpec`]. Cloning copies weights and optimizer-free
/// state (used for rollback after divergence).
#[derive(Clone, Debug)]
pub struct Network {
    spec: NetworkSpec,
    nodes: Vec<Node>,
    input_view: Vec<f32>,
    num_params: usize,
}

impl Network {
    /// Builds the network and initialises its weights from `seed` (same seed → same weights).
    pub fn new(spec: &NetworkSpec, seed: u64) -> Result<Network, SpecError> {
        let num_params = spec.buildable_params()?;
        let mut rng = Pcg32::seed_from_u64(seed);
        let mut nodes: Vec<Node> = Vec::new();
        let mut shape = spec.input;
        let dropout_seed = |i: usize| seed ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + 1));
        for (i, layer) in spec.layers.iter().enumerate() {
            let index = i + 1;
            let err = |kind| SpecError::new(Some((index, layer.to_string())), kind);
            let first = nodes.is_empty();
            let mut push = |layer: Layer, name: String, pre_dropout: Option<Dropout>| {
                nodes.push(Node {
                    layer,
                    name,
                    pre_dropout,
                    pre_dropout_active: false,
                })
            };
            match (layer, layer.windows()) {
                (
                    &LayerSpec::Conv {
                        kernel_height,
                        kernel_width,
                        filters,
                        activation,
                        ..
                    },
                    Some((h, w)),
                ) => {
                    let mut conv = Conv2d::new(shape, filters, h, w)
                        .map_err(|e| err(SpecErrorKind::Geometry(e)))?;
                    let std = init_std(
                        activation,
                        conv.taps(),
                        filters * kernel_height * kernel_width,
                    );
                    for v in &mut conv.weights {
                        *v = std * normal(&mut rng);
                    }
                    conv.need_input_grad = !first;
                    shape = conv.output_shape();
                    push(
                        Layer::Conv2d(conv),
                        format!("conv {kernel_height}×{kernel_width}×{filters}"),
                        None,
                    );
                    if let Some(a) = activation {
                        push(
                            Layer::Activation(ActivationLayer::new(shape, a)),
                            a.spec_name().into(),
                            None,
                        );
                    }
                }
                (&LayerSpec::MaxPool { size, .. }, Some((h, w))) => {
                    let pool =
                        MaxPool2d::new(shape, h, w).map_err(|e| err(SpecErrorKind::Geometry(e)))?;
                    shape = pool.output_shape();
                    push(Layer::MaxPool2d(pool), format!("pool {size}×{size}"), None);
                }
                (&LayerSpec::AvgPool { size, .. }, Some((h, w))) => {
                    let pool =
                        AvgPool2d::new(shape, h, w).map_err(|e| err(SpecErrorKind::Geometry(e)))?;
                    shape = pool.output_shape();
                    push(
                        Layer::AvgPool2d(pool),
                        format!("avgpool {size}×{size}"),
                        None,
                    );
                }
                (
                    LayerSpec::Conv { .. } | LayerSpec::MaxPool { .. } | LayerSpec::AvgPool { .. },
                    None,
                ) => {
                    unreachable!("conv and pool layers have windows")
                }
                (&LayerSpec::Activation { activation }, _) => {
                    push(
                        Layer::Activation(ActivationLayer::new(shape, activation)),
                        activation.spec_name().into(),
                        None,
                    );
                }
                (LayerSpec::Flatten, _) => {
                    let f = Flatten::new(shape);
                    shape = f.output_shape();
                    push(Layer::Flatten(f), "flatten".into(), None);
                }
                (&LayerSpec::Dropout { rate }, _) => {
                    push(
                        Layer::Dropout(Dropout::new(shape, rate, dropout_seed(index))),
                        format!("dropout {rate}"),
                        None,
                    );
                }
                (
                    &LayerSpec::Dense {
                        units,
                        activation,
                        softmax,
                    },
                    _,
                ) => {
                    let mut dense = Dense::new(shape, units);
                    let std = init_std(activation, dense.inputs, units);
                    for v in &mut dense.weights {
                        *v = std * normal(&mut rng);
                    }
                    dense.need_input_grad = !first;
                    let pre = Dropout::new(shape, 0.0, dropout_seed(1000 + index));
                    shape = dense.output_shape();
                    push(Layer::Dense(dense), format!("dense {units}"), Some(pre));
                    if let Some(a) = activation {
                        push(
                            Layer::Activation(ActivationLayer::new(shape, a)),
                            a.spec_name().into(),
                            None,
                        );
                    }
                    if softmax {
                        push(
                            Layer::Softmax(SoftmaxCrossEntropy::new(units)),
                            "softmax".into(),
                            None,
                        );
                    }
                }
            }
        }
        Ok(Network {
            spec: spec.clone(),
            nodes,
            input_view: Vec::new(),
            num_params,
        })
    }

    pub fn spec(&self) -> &NetworkSpec {
        &self.spec
    }

    pub fn input_shape(&self) -> Shape {
        self.spec.input
    }

    pub fn classes(&self) -> usize {
        self.softmax().classes()
    }

    pub fn num_params(&self) -> usize {
        self.num_params
    }

    /// The computing layers, in order.
    pub fn layers(&self) -> impl Iterator<Item = &Layer> {
        self.nodes.iter().map(|n| &n.layer)
    }

    fn softmax(&self) -> &SoftmaxCrossEntropy {
        match &self.nodes.last().expect("a network has layers").layer {
            Layer::Softmax(s) => s,
            _ => unreachable!("the spec is validated to end with softmax"),
        }
    }

    /// Training-time dropout with drop probability `rate` on the input of every dense layer
    /// (where AlexNet puts it); 0 turns it off. Dropout layers written in the spec keep their own rate.
    pub fn set_dense_dropout(&mut self, rate: f32) {
        let rate = if rate.is_finite() {
            rate.clamp(0.0, 0.99)
        } else {
            0.0
        };
        for node in &mut self.nodes {
            if let Some(d) = &mut node.pre_dropout {
                d.rate = rate;
            }
        }
    }

    /// Runs the batch through every layer; returns the class probabilities (N × classes).
    pub fn forward(&mut self, input: &Batch, mode: Mode) -> &Batch {
        assert_eq!(input.item_shape(), self.spec.input, "network input shape");
        self.input_view.clear();
        if !input.is_empty() {
            self.input_view.extend_from_slice(input.item(0));
        }
        let mut current = input;
        for node in &mut self.nodes {
            let Node {
                layer,
                pre_dropout,
                pre_dropout_active,
                ..
            } = node;
            *pre_dropout_active = false;
            if let Some(d) = pre_dropout
                && mode == Mode::Train
                && d.rate > 0.0
            {
                current = d.forward(current, mode);
                *pre_dropout_active = true;
            }
            current = layer.forward(current, mode);
        }
        self.softmax().output()
    }

    /// Probabilities of the last forward.
    pub fn probabilities(&self) -> &Batch {
        self.softmax().output()
    }

    /// Mean cross-entropy of the last forward against `labels`.
    pub fn loss(&self, labels: &[u8]) -> f64 {
        self.softmax().loss(labels)
    }

    /// How many of the last forward's examples are classified as `labels` say.
    pub fn correct(&self, labels: &[u8]) -> usize {
        self.softmax().correct(labels)
    }

    /// Backpropagates the mean cross-entropy of the last forward against `labels`; afterwards
    /// every layer's gradients hold ∂L/∂W and ∂L/∂b of this batch.
    pub fn backward(&mut self, labels: &[u8]) {
        let (last, rest) = self.nodes.split_last_mut().expect("a network has layers");
        let Layer::Softmax(softmax) = &mut last.layer else {
            unreachable!("the spec is validated to end with softmax")
        };
        let mut grad = softmax.backward(labels);
        for node in rest.iter_mut().rev() {
            grad = node.layer.backward(grad);
            if node.pre_dropout_active
                && let Some(d) = &mut node.pre_dropout
            {
                grad = d.backward(grad);
            }
        }
    }

    /// Class probabilities for one example (evaluation mode).
    pub fn predict(&mut self, input: &Tensor) -> Vec<f32> {
        let batch = Batch::from_tensors(std::slice::from_ref(input)).expect("one tensor");
        self.forward(&batch, Mode::Eval).item(0).to_vec()
    }

    /// Visits every parameter tensor (weights, then bias, layer by layer) with its gradient.
    pub fn for_each_param(&mut self, mut f: impl FnMut(usize, ParamMut<'_>)) {
        let mut index = 0;
        for node in &mut self.nodes {
            if let Some((w, b, gw, gb)) = node.layer.params_and_grads_mut() {
                f(
                    index,
                    ParamMut {
                        values: w,
                        grads: gw,
                        is_weight: true,
                    },
                );
                f(
                    index + 1,
                    ParamMut {
                        values: b,
                        grads: gb,
                        is_weight: false,
                    },
                );
                index += 2;
            }
        }
    }

    /// Every parameter tensor in the order of [`Network::for_each_param`].
    pub fn param_tensors(&self) -> Vec<&[f32]> {
        self.nodes
            .iter()
            .filter_map(|n| n.layer.params())
            .flat_map(|(w, b)| [w, b])
            .collect()
    }

    /// Mutable access to the same tensors (for loading weights).
    pub fn param_tensors_mut(&mut self) -> Vec<&mut [f32]> {
        self.nodes
            .iter_mut()
            .filter_map(|n| n.layer.params_and_grads_mut())
            .flat_map(|(w, b, _, _)| [w.as_mut_slice(), b.as_mut_slice()])
            .collect()
    }

    /// ½·Σ‖W‖² over weights (not biases): the L2 penalty is `l2 ×` this.
    pub fn weights_sq_half(&self) -> f64 {
        self.nodes
            .iter()
            .filter_map(|n| n.layer.params())
            .map(|(w, _)| 0.5 * w.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>())
            .sum()
    }
}
