//! Softmax and the cross-entropy loss, fused:
//!
//! ```text
//! p = softmax(z) = e^(z − max z) / Σ e^(z − max z)
//! L = −ln p[label] = logΣexp(z) − z[label]
//! ∂L/∂z = (p − onehot(label)) / N          (for the batch mean L)
//! ```
//!
//! Fusing the two gives the simple gradient above and lets the loss be computed from the logits,
//! finite even when a probability underflows to 0. No parameters.

use crate::tensor::{Batch, Shape};

use super::{Mode, empty, ensure};

/// Softmax and the cross-entropy loss fused: the loss is computed from the logits as
/// logΣexp(z) − z[label] (in f64, after subtracting max z), which stays finite even when a
/// probability underflows to 0.
#[derive(Clone, Debug)]
pub struct SoftmaxCrossEntropy {
    classes: usize,
    logits: Vec<f32>,
    output: Batch,
    input_grad: Batch,
}

impl SoftmaxCrossEntropy {
    pub fn new(classes: usize) -> SoftmaxCrossEntropy {
        let shape = Shape::new(classes, 1, 1);
        SoftmaxCrossEntropy {
            classes,
            logits: Vec::new(),
            output: empty(shape),
            input_grad: empty(shape),
        }
    }
    pub fn classes(&self) -> usize {
        self.classes
    }
    pub fn output_shape(&self) -> Shape {
        Shape::new(self.classes, 1, 1)
    }
    /// Probabilities of the last forward.
    pub fn output(&self) -> &Batch {
        &self.output
    }

    pub fn forward(&mut self, input: &Batch, _mode: Mode) -> &Batch {
        assert_eq!(input.item_shape().len(), self.classes, "softmax input size");
        let shape = self.output_shape();
        ensure(&mut self.output, shape, input.len());
        self.logits.clear();
        self.logits.extend_from_slice(input.data());
        for (z, p) in input
            .data()
            .chunks_exact(self.classes)
            .zip(self.output.data_mut().chunks_exact_mut(self.classes))
        {
            softmax(z, p);
        }
        &self.output
    }

    /// Mean cross-entropy of the last forward against `labels`:
    /// (1/N) Σ_n (logΣexp(z_n) − z_n[label_n]).
    pub fn loss(&self, labels: &[u8]) -> f64 {
        let n = labels.len().max(1);
        let mut total = 0.0f64;
        for (z, &label) in self.logits.chunks_exact(self.classes).zip(labels) {
            let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v)) as f64;
            let sum: f64 = z.iter().map(|&v| (v as f64 - max).exp()).sum();
            total += max + sum.ln() - z[label as usize] as f64;
        }
        total / n as f64
    }

    /// Number of examples whose most probable class is the label.
    pub fn correct(&self, labels: &[u8]) -> usize {
        self.output
            .data()
            .chunks_exact(self.classes)
            .zip(labels)
            .filter(|(p, l)| argmax(p) == **l as usize)
            .count()
    }

    /// ∂L/∂z = (p − onehot(label)) / N for the batch-mean loss.
    pub fn backward(&mut self, labels: &[u8]) -> &Batch {
        let n = labels.len();
        let shape = self.output_shape();
        ensure(&mut self.input_grad, shape, n);
        let scale = 1.0 / n.max(1) as f32;
        for ((g, p), &label) in self
            .input_grad
            .data_mut()
            .chunks_exact_mut(self.classes)
            .zip(self.output.data().chunks_exact(self.classes))
            .zip(labels)
        {
            for (i, (g, &p)) in g.iter_mut().zip(p).enumerate() {
                let target = if i == label as usize { 1.0 } else { 0.0 };
                *g = (p - target) * scale;
            }
        }
        &self.input_grad
    }
}

/// p = e^(z − max z) / Σ e^(z − max z): subtracting the maximum keeps every exponent ≤ 0.
pub fn softmax(z: &[f32], p: &mut [f32]) {
    let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let mut sum = 0.0;
    for (p, &z) in p.iter_mut().zip(z) {
        *p = (z - max).exp();
        sum += *p;
    }
    for p in p.iter_mut() {
        *p /= sum;
    }
}

/// Index of the largest value (the first one on ties).
pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}
