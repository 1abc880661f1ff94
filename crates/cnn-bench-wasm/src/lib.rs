//! The benchmark driver of `cargo xtask bench`, kept out of the app.
//!
//! [`Bench`] holds the data of one benchmark run (a `CLBENCH1` file, written by xtask: our MNIST asset in
//! our split's order with the per-example crop offsets of the one training pass — the very same bytes the
//! ConvNetJS and TF.js peers read) and a [`Trainer`] for the ConvNetJS MNIST net with ConvNetJS's settings
//! (Adadelta ρ 0.95 ε 1e-6, L2 0.001 as ConvNetJS counts it, batch 20). It does no timing: the caller (Node for
//! the wasm module, xtask natively) measures.
//!
//! For wasm32 the module exports a plain C ABI (no wasm-bindgen): `bench_alloc(len) -> ptr` for the file bytes,
//! `bench_load(ptr, len, seed) -> status`, `bench_train(start, n) -> loss`, `bench_infer(start, n) -> correct`.

use cnn::mnist::Mnist;
use cnn::mnist::centre_offset;
use cnn::{Batch, NetworkSpec, Shape, TrainConfig, Trainer};

pub const MAGIC: &[u8; 8] = b"CLBENCH1";

/// One benchmark's data and network.
pub struct Bench {
    side: usize,
    crop: usize,
    train_pixels: Vec<u8>,
    train_labels: Vec<u8>,
    train_offsets: Vec<u8>,
    test_pixels: Vec<u8>,
    test_labels: Vec<u8>,
    trainer: Trainer,
    batch: Batch,
    labels: Vec<u8>,
}

fn u32_at(bytes: &[u8], at: usize) -> Result<usize, String> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| "CLBENCH1 file too short".to_string())
}

/// Writes a `CLBENCH1` file (format in `crates/xtask/bench/common.js`).
pub fn encode(
    mnist: &Mnist,
    train: &[usize],
    offsets: &[(u8, u8)],
    test: &[usize],
    crop: usize,
) -> Vec<u8> {
    let side = cnn::mnist::SIDE;
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for v in [train.len(), test.len(), side, crop] {
        out.extend_from_slice(&(v as u32).to_le_bytes());
    }
    for &i in train {
        out.extend_from_slice(mnist.image(i));
    }
    out.extend(train.iter().map(|&i| mnist.label(i)));
    for &(dy, dx) in offsets {
        out.extend_from_slice(&[dy, dx]);
    }
    for &i in test {
        out.extend_from_slice(mnist.image(i));
    }
    out.extend(test.iter().map(|&i| mnist.label(i)));
    out
}

impl Bench {
    /// Parses a `CLBENCH1` file and builds the network with weights drawn from `seed`.
    pub fn load(bytes: &[u8], seed: u64) -> Result<Bench, String> {
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a CLBENCH1 file".into());
        }
        let (n_train, n_test) = (u32_at(bytes, 8)?, u32_at(bytes, 12)?);
        let (side, crop) = (u32_at(bytes, 16)?, u32_at(bytes, 20)?);
        let img = side * side;
        let lens = [n_train * img, n_train, n_train * 2, n_test * img, n_test];
        if bytes.len() != 24 + lens.iter().sum::<usize>() || crop > side {
            return Err("CLBENCH1 file has the wrong length".into());
        }
        let mut at = 24;
        let mut take = |len: usize| {
            let v = bytes[at..at + len].to_vec();
            at += len;
            v
        };
        let (train_pixels, train_labels, train_offsets) =
            (take(lens[0]), take(lens[1]), take(lens[2]));
        let (test_pixels, test_labels) = (take(lens[3]), take(lens[4]));
        let mut spec = NetworkSpec::convnetjs_mnist();
        spec.input = Shape::new(1, crop, crop);
        let network = cnn::Network::new(&spec, seed).map_err(|e| e.to_string())?;
        let trainer = Trainer::new(network, TrainConfig::convnetjs()).map_err(|e| e.to_string())?;
        let shape = Shape::new(1, crop, crop);
        Ok(Bench {
            side,
            crop,
            train_pixels,
            train_labels,
            train_offsets,
            test_pixels,
            test_labels,
            trainer,
            batch: Batch::zeros(shape, 0).map_err(|e| e.to_string())?,
            labels: Vec::new(),
        })
    }

    pub fn train_len(&self) -> usize {
        self.train_labels.len()
    }

    pub fn test_len(&self) -> usize {
        self.test_labels.len()
    }

    /// Crops examples [start, start + n) of one set into the reusable batch.
    fn fill(&mut self, train: bool, start: usize, n: usize) {
        let (side, crop) = (self.side, self.crop);
        let shape = Shape::new(1, crop, crop);
        if self.batch.len() != n {
            self.batch = Batch::zeros(shape, n).expect("valid shape");
        }
        let c = centre_offset(crop);
        let (pixels, labels) = if train {
            (&self.train_pixels, &self.train_labels)
        } else {
            (&self.test_pixels, &self.test_labels)
        };
        self.labels.clear();
        self.labels.extend_from_slice(&labels[start..start + n]);
        for k in 0..n {
            let i = start + k;
            let (dy, dx) = if train {
                (
                    usize::from(self.train_offsets[2 * i]),
                    usize::from(self.train_offsets[2 * i + 1]),
                )
            } else {
                (c, c)
            };
            let image = &pixels[i * side * side..(i + 1) * side * side];
            let item = self.batch.item_mut(k);
            for y in 0..crop {
                let row = &image[(y + dy) * side + dx..][..crop];
                for (o, &p) in item[y * crop..(y + 1) * crop].iter_mut().zip(row) {
                    *o = f32::from(p) / 255.0;
                }
            }
        }
    }

    /// One training step on training examples [start, start + n); returns the loss (NaN if it diverged).
    pub fn train(&mut self, start: usize, n: usize) -> f64 {
        let n = n.min(self.train_len().saturating_sub(start));
        if n == 0 {
            return f64::NAN;
        }
        self.fill(true, start, n);
        match self.trainer.step(&self.batch, &self.labels) {
            Ok(stats) => stats.loss,
            Err(_) => f64::NAN,
        }
    }

    /// Classifies test examples [start, start + n) in one forward pass; returns how many are right.
    pub fn infer(&mut self, start: usize, n: usize) -> usize {
        let n = n.min(self.test_len().saturating_sub(start));
        if n == 0 {
            return 0;
        }
        self.fill(false, start, n);
        let network = self.trainer.network_mut();
        network.forward(&self.batch, cnn::Mode::Eval);
        network.correct(&self.labels)
    }
}

/// Independent multiply-add chains of [`simd_peak`]: enough to keep two multiply and two add units busy through
/// their latencies, few enough that V8 (15 usable xmm registers) keeps them all in registers.
const PEAK_CHAINS: usize = 12;

/// The machine's f32 limit in the build's SIMD, measured the way issue 8 states it (a multiply-add loop): runs
/// `rounds` × 1,000 steps of [`PEAK_CHAINS`] independent four-lane `b + v·a` (two rounded operations, like the
/// kernels) and returns the FLOPs done. The result is returned as a sum so that nothing can be dropped.
pub fn simd_peak(rounds: u32) -> (f64, f32) {
    use cnn::fast::simd::F32x4;
    let a = F32x4::splat(0.999_9);
    let b = F32x4::splat(1.0e-4);
    let mut acc: [F32x4; PEAK_CHAINS] = core::array::from_fn(|i| F32x4::splat(i as f32));
    for _ in 0..rounds {
        for _ in 0..1000 {
            for v in acc.iter_mut() {
                // v ← b + v·a converges to 1: no overflow, no subnormals.
                *v = b.mul_add(*v, a);
            }
        }
    }
    let flops = f64::from(rounds) * 1000.0 * (PEAK_CHAINS * 2 * 4) as f64;
    (flops, acc.iter().map(|v| v.sum()).sum())
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::Bench;
    use std::cell::RefCell;

    thread_local! {
        static STATE: RefCell<(Vec<u8>, Option<Bench>)> = const { RefCell::new((Vec::new(), None)) };
    }

    /// Makes room for `len` bytes of input and returns where to write them.
    #[unsafe(no_mangle)]
    pub extern "C" fn bench_alloc(len: usize) -> *mut u8 {
        STATE.with_borrow_mut(|(buf, _)| {
            buf.clear();
            buf.resize(len, 0);
            buf.as_mut_ptr()
        })
    }

    /// Loads the bytes written after `bench_alloc`; 0 on success, 1 on a malformed file.
    #[unsafe(no_mangle)]
    pub extern "C" fn bench_load(seed: u32) -> u32 {
        STATE.with_borrow_mut(|(buf, bench)| match Bench::load(buf, u64::from(seed)) {
            Ok(b) => {
                *bench = Some(b);
                buf.clear();
                buf.shrink_to_fit();
                0
            }
            Err(_) => 1,
        })
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn bench_train_len() -> u32 {
        STATE.with_borrow(|(_, b)| b.as_ref().map_or(0, |b| b.train_len() as u32))
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn bench_test_len() -> u32 {
        STATE.with_borrow(|(_, b)| b.as_ref().map_or(0, |b| b.test_len() as u32))
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn bench_train(start: u32, n: u32) -> f64 {
        STATE.with_borrow_mut(|(_, b)| {
            b.as_mut()
                .map_or(f64::NAN, |b| b.train(start as usize, n as usize))
        })
    }

    /// FLOPs of `rounds` rounds of [`super::simd_peak`] (the caller times the call).
    #[unsafe(no_mangle)]
    pub extern "C" fn bench_peak(rounds: u32) -> f64 {
        let (flops, sum) = super::simd_peak(rounds);
        if sum.is_nan() { flops + 1.0 } else { flops }
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn bench_infer(start: u32, n: u32) -> u32 {
        STATE.with_borrow_mut(|(_, b)| {
            b.as_mut()
                .map_or(0, |b| b.infer(start as usize, n as usize) as u32)
        })
    }
}
