//! The order the training digits come in: shuffled passes (a fresh permutation per epoch) and,
//! with augmentation, a random 24×24 crop offset (0‥=4 on each axis) per digit. Both runs of a
//! comparison draw from the same order, so they see the same batches.

use cnn::mnist::Mnist;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

pub(super) struct Data {
    pub(super) mnist: Mnist,
    pub(super) train: Vec<usize>,
    pub(super) test: Vec<usize>,
}

/// Shuffled passes over the training digits and the crop offsets: shared by both runs.
pub(super) struct DataOrder {
    pub(super) rng: Pcg32,
    pub(super) perm: Vec<usize>,
    pub(super) cursor: usize,
    pub(super) epoch: u64,
}

impl DataOrder {
    pub(super) fn new(seed: u64, train: &[usize]) -> DataOrder {
        let mut order = DataOrder {
            rng: Pcg32::seed_from_u64(seed ^ 0x5eed_da7a),
            perm: train.to_vec(),
            cursor: 0,
            epoch: 0,
        };
        order.shuffle();
        order
    }

    fn shuffle(&mut self) {
        for i in (1..self.perm.len()).rev() {
            let j = self.rng.random_range(0..=i);
            self.perm.swap(i, j);
        }
    }

    /// The next `n` digits and their crop offsets (0..=max on each axis, or the centre).
    pub(super) fn next(
        &mut self,
        n: usize,
        max_offset: usize,
        augment: bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            if self.cursor >= self.perm.len() {
                self.cursor = 0;
                self.epoch += 1;
                self.shuffle();
            }
            let digit = self.perm[self.cursor];
            self.cursor += 1;
            let (dy, dx) = if augment {
                (
                    self.rng.random_range(0..=max_offset),
                    self.rng.random_range(0..=max_offset),
                )
            } else {
                (max_offset / 2, max_offset / 2)
            };
            items.push((digit, dy, dx));
        }
        items
    }
}
