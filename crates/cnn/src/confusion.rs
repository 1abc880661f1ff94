//! The confusion matrix of a classifier on labelled examples.
//!
//! ```text
//! count[t][p]    = #{examples of true class t classified as p}
//! row %[t][p]    = 100 · count[t][p] / Σ_q count[t][q]        (of the t's, how many went to p)
//! accuracy[t]    = count[t][t] / Σ_q count[t][q]              (per-class recall)
//! accuracy       = Σ_t count[t][t] / Σ_t Σ_q count[t][q]
//! ```

use serde::{Deserialize, Serialize};

use crate::layers::argmax;
use crate::tensor::Batch;

/// Rows are the true classes, columns the predicted ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfusionMatrix {
    classes: usize,
    counts: Vec<u32>,
}

impl ConfusionMatrix {
    pub fn new(classes: usize) -> ConfusionMatrix {
        ConfusionMatrix {
            classes,
            counts: vec![0; classes * classes],
        }
    }

    /// The matrix of (true, predicted) pairs; pairs outside the classes are ignored.
    pub fn from_pairs(classes: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut m = ConfusionMatrix::new(classes);
        for (truth, predicted) in pairs {
            m.add(truth, predicted);
        }
        m
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Counts one example; a class outside the matrix is ignored.
    pub fn add(&mut self, truth: usize, predicted: usize) {
        if truth < self.classes && predicted < self.classes {
            self.counts[truth * self.classes + predicted] += 1;
        }
    }

    /// Counts a forward pass: item n's most probable class against `labels[n]`.
    pub fn add_probabilities(&mut self, probabilities: &Batch, labels: &[u8]) {
        for (n, &label) in labels.iter().enumerate().take(probabilities.len()) {
            self.add(usize::from(label), argmax(probabilities.item(n)));
        }
    }

    pub fn count(&self, truth: usize, predicted: usize) -> u32 {
        if truth < self.classes && predicted < self.classes {
            self.counts[truth * self.classes + predicted]
        } else {
            0
        }
    }

    /// Examples of true class `truth`.
    pub fn row_total(&self, truth: usize) -> u32 {
        (0..self.classes).map(|p| self.count(truth, p)).sum()
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    pub fn correct(&self) -> u32 {
        (0..self.classes).map(|c| self.count(c, c)).sum()
    }

    /// 100 · count / row total; `None` for a class with no examples.
    pub fn row_percent(&self, truth: usize, predicted: usize) -> Option<f32> {
        let total = self.row_total(truth);
        (total > 0).then(|| 100.0 * self.count(truth, predicted) as f32 / total as f32)
    }

    /// The share of class `truth` classified correctly; `None` for a class with no examples.
    pub fn class_accuracy(&self, truth: usize) -> Option<f32> {
        let total = self.row_total(truth);
        (total > 0).then(|| self.count(truth, truth) as f32 / total as f32)
    }

    /// The share of all examples classified correctly (0 for none).
    pub fn accuracy(&self) -> f32 {
        self.correct() as f32 / self.total().max(1) as f32
    }

    /// The most frequent confusions (truth ≠ predicted), largest first, at most `count`.
    pub fn worst(&self, count: usize) -> Vec<(usize, usize, u32)> {
        let mut off: Vec<(usize, usize, u32)> = (0..self.classes)
            .flat_map(|t| (0..self.classes).map(move |p| (t, p)))
            .filter(|&(t, p)| t != p)
            .map(|(t, p)| (t, p, self.count(t, p)))
            .filter(|&(_, _, n)| n > 0)
            .collect();
        off.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        off.truncate(count);
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::Shape;

    /// Twelve examples counted by hand:
    ///
    /// | true \ predicted | 0 | 1 | 2 |
    /// |---|---|---|---|
    /// | 0 | 3 | 1 | 0 |
    /// | 1 | 0 | 2 | 2 |
    /// | 2 | 1 | 0 | 3 |
    fn hand_counted() -> ConfusionMatrix {
        let pairs = [
            (0, 0),
            (0, 0),
            (0, 1),
            (0, 0),
            (1, 1),
            (1, 2),
            (1, 2),
            (1, 1),
            (2, 2),
            (2, 0),
            (2, 2),
            (2, 2),
        ];
        ConfusionMatrix::from_pairs(3, pairs)
    }

    #[test]
    fn counts_match_a_hand_count() {
        let m = hand_counted();
        let rows: Vec<Vec<u32>> = (0..3)
            .map(|t| (0..3).map(|p| m.count(t, p)).collect())
            .collect();
        assert_eq!(rows, vec![vec![3, 1, 0], vec![0, 2, 2], vec![1, 0, 3]]);
        assert_eq!(m.total(), 12);
        assert_eq!(m.correct(), 8);
        assert_eq!(m.row_total(1), 4);
        assert!((m.accuracy() - 8.0 / 12.0).abs() < 1e-6);
    }

    #[test]
    fn row_percentages_and_per_class_accuracy() {
        let m = hand_counted();
        assert_eq!(m.row_percent(0, 0), Some(75.0));
        assert_eq!(m.row_percent(0, 1), Some(25.0));
        assert_eq!(m.row_percent(1, 2), Some(50.0));
        assert_eq!(m.class_accuracy(0), Some(0.75));
        assert_eq!(m.class_accuracy(1), Some(0.5));
        assert_eq!(m.class_accuracy(2), Some(0.75));
        for t in 0..3 {
            let sum: f32 = (0..3).map(|p| m.row_percent(t, p).unwrap()).sum();
            assert!((sum - 100.0).abs() < 1e-4);
        }
        assert_eq!(m.worst(2), vec![(1, 2, 2), (0, 1, 1)]);
    }

    #[test]
    fn an_empty_class_has_no_percentages() {
        let m = ConfusionMatrix::from_pairs(3, [(0, 0), (7, 1), (1, 9)]);
        assert_eq!(m.total(), 1);
        assert_eq!(m.class_accuracy(2), None);
        assert_eq!(m.row_percent(2, 2), None);
        assert_eq!(m.count(5, 5), 0);
        assert_eq!(ConfusionMatrix::new(10).accuracy(), 0.0);
    }

    #[test]
    fn a_forward_pass_is_counted_by_its_most_probable_class() {
        let probs = Batch::new(
            Shape::new(3, 1, 1),
            3,
            vec![0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.4, 0.3],
        )
        .unwrap();
        let mut m = ConfusionMatrix::new(3);
        m.add_probabilities(&probs, &[0, 2, 2]);
        assert_eq!(m.count(0, 0), 1);
        assert_eq!(m.count(2, 2), 1);
        assert_eq!(m.count(2, 1), 1);
    }
}
