//! "What the network looked at": two saliency maps over a network's input, for any class.
//!
//! ```text
//! gradient × input   S[y,x] = in[y,x] · ∂z_c/∂in[y,x]            (z_c: the score of class c before softmax)
//! occlusion          S[y,x] = mean over the patches covering (y, x) of  p_c(in) − p_c(in with the patch blank)
//! ```
//!
//! Gradient × input (Shrikumar et al. 2016; the gradient alone is Simonyan, Vedaldi & Zisserman
//! 2014's saliency map) takes one forward and one backward pass through the core's own layers,
//! all the way down to the input. For a network of ReLUs and max pools without biases the
//! score is linear around the input, z_c = Σ ∂z_c/∂in · in, so the map splits the score into
//! pixels; with biases it is the pixels' part of it. Where the input is paper (0) the map is 0.
//!
//! Occlusion (Zeiler & Fergus 2014) lays a `patch`×`patch` square of paper (0) on the input at
//! every `stride`, classifies each covered copy, and credits the drop in the probability of
//! class c to the pixels under the patch. A patch over paper changes nothing, so it is not even
//! classified: its drop is exactly 0. Positive values: hiding these pixels makes class c less
//! likely (they speak for it); negative: hiding them makes it more likely (they speak against).
//!
//! Both maps are signed and come with every class at once ([`Saliency`]), so switching the class
//! ("why not 9?") costs nothing.

use serde::{Deserialize, Serialize};

use crate::layers::Mode;
use crate::network::{Layer, Network};
use crate::tensor::{Batch, Shape, Tensor};

/// Which saliency map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SaliencyMethod {
    #[default]
    GradientTimesInput,
    Occlusion,
}

/// Occlusion's default patch side and stride (pixels of a 24×24 input): a patch about a
/// stroke's width and a half, laid every 2 px (11 × 11 positions).
pub const OCCLUSION_PATCH: usize = 4;
pub const OCCLUSION_STRIDE: usize = 2;
/// Occluded copies classified per forward pass.
const OCCLUSION_BATCH: usize = 32;

/// The maps of one input for every class: `maps[c]` is H×W, row-major.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saliency {
    pub method: SaliencyMethod,
    pub width: usize,
    pub height: usize,
    /// The class probabilities of the unoccluded input.
    pub probabilities: Vec<f32>,
    pub maps: Vec<Vec<f32>>,
}

impl Saliency {
    /// The map of class `class` (H×W), or `None` for a class the network does not have.
    pub fn map(&self, class: usize) -> Option<&[f32]> {
        self.maps.get(class).map(Vec::as_slice)
    }

    /// The largest |value| of class `class`'s map (0 for an all-zero map): the colour scale's end.
    pub fn max_abs(&self, class: usize) -> f32 {
        self.map(class)
            .map(|m| m.iter().fold(0.0f32, |a, &v| a.max(v.abs())))
            .unwrap_or(0.0)
    }

    /// The `count` pixels (y, x) of largest positive value in class `class`'s map, strongest first.
    pub fn strongest(&self, class: usize, count: usize) -> Vec<(usize, usize)> {
        let Some(map) = self.map(class) else {
            return Vec::new();
        };
        let mut order: Vec<usize> = (0..map.len()).filter(|&i| map[i] > 0.0).collect();
        order.sort_by(|&a, &b| map[b].total_cmp(&map[a]).then(a.cmp(&b)));
        order
            .into_iter()
            .take(count)
            .map(|i| (i / self.width, i % self.width))
            .collect()
    }
}

/// A copy of a network's layers set up to pass gradients down to the input: every convolution
/// and dense layer computes its input gradient, dropout is off. Built once per network (it
/// copies the weights), used for any number of inputs.
#[derive(Clone, Debug)]
pub struct InputGradient {
    layers: Vec<Layer>,
    input: Shape,
    classes: usize,
}

impl InputGradient {
    pub fn new(network: &Network) -> InputGradient {
        let mut layers: Vec<Layer> = network.layers().cloned().collect();
        for layer in &mut layers {
            match layer {
                Layer::Conv2d(c) => c.need_input_grad = true,
                Layer::Dense(d) => d.need_input_grad = true,
                Layer::Dropout(d) => d.rate = 0.0,
                _ => {}
            }
        }
        InputGradient {
            layers,
            input: network.input_shape(),
            classes: network.classes(),
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Forward pass of one input; returns the scores z (the softmax's input) and keeps every
    /// layer's state for [`InputGradient::backward`]. Training mode, so that max pools keep
    /// their winners; with dropout off it computes the same values as evaluation.
    fn forward(&mut self, input: &Tensor) -> Vec<f32> {
        assert_eq!(input.shape(), self.input, "saliency input shape");
        let batch = Batch::from_tensors(std::slice::from_ref(input)).expect("one tensor");
        let (_, rest) = self.layers.split_last_mut().expect("a network has layers");
        let mut current = &batch;
        for layer in rest.iter_mut() {
            current = layer.forward(current, Mode::Train);
        }
        current.item(0).to_vec()
    }

    /// ∂z_c/∂input for the last forward (one backward pass from the score of class c).
    fn backward(&mut self, class: usize) -> Vec<f32> {
        let mut seed = Batch::zeros(Shape::new(self.classes, 1, 1), 1).expect("classes ≥ 1");
        seed.data_mut()[class] = 1.0;
        let (_, rest) = self.layers.split_last_mut().expect("a network has layers");
        let mut grad = &seed;
        for layer in rest.iter_mut().rev() {
            grad = layer.backward(grad);
        }
        grad.item(0).to_vec()
    }

    /// The scores z (before softmax) of `input`.
    pub fn scores(&mut self, input: &Tensor) -> Vec<f32> {
        self.forward(input)
    }

    /// ∂z_c/∂input of `input` for class `class`, C×H×W in the input's order.
    ///
    /// # Panics
    /// If `class` is not one of the network's classes or the input has another shape.
    pub fn gradient(&mut self, input: &Tensor, class: usize) -> Vec<f32> {
        assert!(class < self.classes, "class {class} of {}", self.classes);
        self.forward(input);
        self.backward(class)
    }

    /// The gradient × input maps of every class (channels summed), with the probabilities.
    pub fn gradient_times_input(&mut self, input: &Tensor) -> Saliency {
        let scores = self.forward(input);
        let mut probabilities = vec![0.0; scores.len()];
        crate::layers::softmax(&scores, &mut probabilities);
        let plane = self.input.height * self.input.width;
        let maps = (0..self.classes)
            .map(|class| {
                let grad = self.backward(class);
                let mut map = vec![0.0; plane];
                for (i, (&g, &x)) in grad.iter().zip(input.data()).enumerate() {
                    map[i % plane] += g * x;
                }
                map
            })
            .collect();
        Saliency {
            method: SaliencyMethod::GradientTimesInput,
            width: self.input.width,
            height: self.input.height,
            probabilities,
            maps,
        }
    }
}

/// Top-left corners of the patches along one axis: every `stride`, and the last one flush with
/// the edge so that every pixel is covered.
fn patch_starts(side: usize, patch: usize, stride: usize) -> Vec<usize> {
    let patch = patch.clamp(1, side.max(1));
    let last = side.saturating_sub(patch);
    let mut starts: Vec<usize> = (0..=last).step_by(stride.max(1)).collect();
    if starts.last() != Some(&last) {
        starts.push(last);
    }
    starts
}

/// The occlusion maps of every class (see the module docs), with the probabilities of the
/// unoccluded input. Patches that cover only paper are skipped (their drop is 0).
///
/// # Panics
/// If the input's shape is not the network's.
pub fn occlusion(network: &mut Network, input: &Tensor, patch: usize, stride: usize) -> Saliency {
    let shape = network.input_shape();
    assert_eq!(input.shape(), shape, "saliency input shape");
    let (h, w) = (shape.height, shape.width);
    let plane = h * w;
    let patch = patch.clamp(1, h.min(w).max(1));
    let probabilities = network.predict(input);
    let classes = probabilities.len();

    let mut windows = Vec::new();
    for &y0 in &patch_starts(h, patch, stride) {
        for &x0 in &patch_starts(w, patch, stride) {
            let inked = (0..shape.channels).any(|c| {
                (y0..y0 + patch).any(|y| (x0..x0 + patch).any(|x| input.get(c, y, x) != 0.0))
            });
            if inked {
                windows.push((y0, x0));
            }
        }
    }

    let mut sums = vec![vec![0.0f32; plane]; classes];
    for group in windows.chunks(OCCLUSION_BATCH) {
        let mut data = Vec::with_capacity(group.len() * shape.len());
        for &(y0, x0) in group {
            let start = data.len();
            data.extend_from_slice(input.data());
            for c in 0..shape.channels {
                for y in y0..y0 + patch {
                    let row = start + shape.index(c, y, x0);
                    data[row..row + patch].fill(0.0);
                }
            }
        }
        let batch = Batch::new(shape, group.len(), data).expect("shape checked");
        let covered = network.forward(&batch, Mode::Eval);
        for (n, &(y0, x0)) in group.iter().enumerate() {
            let p = covered.item(n);
            for (class, sum) in sums.iter_mut().enumerate() {
                let drop = probabilities[class] - p[class];
                for y in y0..y0 + patch {
                    for v in &mut sum[y * w + x0..y * w + x0 + patch] {
                        *v += drop;
                    }
                }
            }
        }
    }

    // Every pixel is covered by the same patches whatever the input: count them once.
    let mut cover = vec![0u32; plane];
    for &y0 in &patch_starts(h, patch, stride) {
        for &x0 in &patch_starts(w, patch, stride) {
            for y in y0..y0 + patch {
                for c in &mut cover[y * w + x0..y * w + x0 + patch] {
                    *c += 1;
                }
            }
        }
    }
    for map in &mut sums {
        for (v, &n) in map.iter_mut().zip(&cover) {
            *v /= n.max(1) as f32;
        }
    }
    Saliency {
        method: SaliencyMethod::Occlusion,
        width: w,
        height: h,
        probabilities,
        maps: sums,
    }
}

/// The chosen method's maps for `input`, with the default occlusion patch.
pub fn saliency(network: &mut Network, input: &Tensor, method: SaliencyMethod) -> Saliency {
    match method {
        SaliencyMethod::GradientTimesInput => {
            InputGradient::new(network).gradient_times_input(input)
        }
        SaliencyMethod::Occlusion => occlusion(network, input, OCCLUSION_PATCH, OCCLUSION_STRIDE),
    }
}

#[cfg(test)]
mod tests;
