//! What the page shows of a built network: each layer's activation volume for one example
//! and the filters of every conv layer with their gradients.

use crate::tensor::Shape;

use super::{Layer, Network};

/// A layer's activation volume for display: item 0 of the last forward.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerView {
    pub name: String,
    pub shape: Shape,
    pub data: Vec<f32>,
}

/// The filters of one conv layer, for display.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterView {
    /// The layer's name, e.g. `conv 5×5×8`.
    pub name: String,
    pub in_channels: usize,
    pub out_channels: usize,
    pub kernel_height: usize,
    pub kernel_width: usize,
    /// out × in × kh × kw, row-major.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// Weight gradients of the last backward (zeros before the first).
    pub grads: Vec<f32>,
}

impl FilterView {
    /// The kernel_height × kernel_width slice of filter `out`, input channel `channel`.
    pub fn kernel(&self, out: usize, channel: usize) -> &[f32] {
        let size = self.kernel_height * self.kernel_width;
        let start = (out * self.in_channels + channel) * size;
        &self.weights[start..start + size]
    }
}

impl Network {
    /// Item 0 of the last forward, layer by layer, starting with the input itself.
    pub fn layer_outputs(&self) -> Vec<LayerView> {
        let mut views = Vec::with_capacity(self.nodes.len() + 1);
        if !self.input_view.is_empty() {
            views.push(LayerView {
                name: "input".into(),
                shape: self.spec.input,
                data: self.input_view.clone(),
            });
        }
        for node in &self.nodes {
            let out = node.layer.output();
            if out.is_empty() {
                continue;
            }
            views.push(LayerView {
                name: node.name.clone(),
                shape: out.item_shape(),
                data: out.item(0).to_vec(),
            });
        }
        views
    }

    /// The filters of every conv layer.
    pub fn conv_filters(&self) -> Vec<FilterView> {
        self.nodes
            .iter()
            .filter_map(|n| match &n.layer {
                Layer::Conv2d(c) => Some(FilterView {
                    name: n.name.clone(),
                    in_channels: c.in_channels,
                    out_channels: c.out_channels,
                    kernel_height: c.height.kernel_size,
                    kernel_width: c.width.kernel_size,
                    weights: c.weights.clone(),
                    bias: c.bias.clone(),
                    grads: c.weight_grads.clone(),
                }),
                _ => None,
            })
            .collect()
    }
}
