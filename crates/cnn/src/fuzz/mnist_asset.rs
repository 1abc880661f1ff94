//! Fuzz target: the MNIST asset parser.

use rand::Rng;

use super::*;

pub(super) fn mnist_case(seed: u64) {
    let mut r = rng(seed);
    let count = r.random_range(1..=4usize);
    let labels: Vec<u8> = (0..count).map(|_| r.random_range(0..10)).collect();
    let pixels: Vec<u8> = (0..count * mnist::IMAGE_LEN).map(|_| r.random()).collect();
    let mut bytes = Mnist::encode(&labels, &pixels);
    match r.random_range(0..10) {
        0 => bytes = random_bytes(&mut r, 2048),
        1 => {}
        _ => {
            mutate(&mut r, &mut bytes);
            // Often make the count agree with the length, so the labels and pixels are read.
            if r.random_bool(0.3) && bytes.len() > mnist::HEADER_LEN {
                let n = (bytes.len() - mnist::HEADER_LEN) / (1 + mnist::IMAGE_LEN);
                bytes[12..16].copy_from_slice(&(n as u32).to_le_bytes());
            }
        }
    }
    let size = r.random_range(1..=mnist::SIDE);
    check_mnist_bytes(&bytes, size, r.random());
}

/// The invariants of one asset, its split and its crops of side `size`.
pub fn check_mnist_bytes(bytes: &[u8], size: usize, seed: u64) {
    let data = match Mnist::parse(bytes) {
        Ok(data) => data,
        Err(e) => return check_message(&e),
    };
    assert!(!data.is_empty() && data.len() <= mnist::MAX_COUNT);
    assert!(data.labels().iter().all(|&l| l <= 9));
    let split = data.split();
    assert_eq!(split.train.len() + split.test.len(), data.len());
    let mut seen = vec![false; data.len()];
    for &i in split.train.iter().chain(&split.test) {
        assert!(!seen[i], "index {i} twice in the split");
        seen[i] = true;
    }
    let indices: Vec<usize> = (0..data.len()).collect();
    let (test, labels) = data.test_batch(&indices, size);
    let (train, _) = data.train_batch(&indices, size, &mut rng(seed));
    assert_eq!(labels, data.labels());
    for batch in [test, train] {
        assert_eq!(batch.len(), data.len());
        assert!(batch.data().iter().all(|v| (0.0..=1.0).contains(v)));
    }
}
