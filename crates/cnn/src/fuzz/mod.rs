//! Fuzz targets for everything that reads outside input: the spec parser and the layer table,
//! the weights loader, the MNIST asset parser, the digit preprocessing and the pen rasteriser.
//!
//! Each [`Target`] runs one case from a seed (PCG32, so a failing seed reproduces the case
//! exactly) and panics when an invariant breaks. What every target checks:
//!
//! - no panic (overflow and debug assertions included: the tests and `cargo xtask fuzz` build
//!   with them), and every error has a message in both languages;
//! - what is accepted is well formed: a parsed spec reads back from its own text, a loaded
//!   network has finite weights and saves to a file that loads to the same network, a parsed
//!   asset has labels 0–9 and crops in 0..1, a preprocessed digit is a 1×N×N input in 0..1;
//! - inputs are *structured*: valid specs, saved weights and small assets built in memory,
//!   mutated (bits flipped, bytes cut, inserted or overwritten with huge numbers such as a
//!   header claiming 2⁴⁰ floats, checksums fixed so the mutation reaches the parser behind
//!   them), and grammar-built texts with extreme numbers; plus raw random bytes.
//!
//! Hangs and unbounded allocation are caught by the driver of `cargo xtask fuzz` (a time limit
//! per case and a counting allocator); the unit tests run a few thousand cases per target.

use std::sync::OnceLock;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use crate::lang::{Lang, Localized};
use crate::layer_table::LayerTable;
use crate::mnist::{self, Mnist};
use crate::network::{Network, NetworkSpec};
use crate::preprocess::{self, PixelFormat};
use crate::tensor::Tensor;
use crate::{pen, presets, weights};

mod digits;
mod mnist_asset;
mod spec;
mod weights_file;

use digits::{pen_case, preprocess_case};
use mnist_asset::mnist_case;
pub use spec::check_spec_text;
use spec::spec_case;
use weights_file::weights_case;

/// One fuzz target: `run(seed)` generates a case from the seed and checks it (panics on a bug).
#[derive(Clone, Copy)]
pub struct Target {
    pub name: &'static str,
    pub run: fn(u64),
}

/// The core's targets, in the order the driver cycles through them.
pub const TARGETS: [Target; 5] = [
    Target {
        name: "spec parser + layer table",
        run: spec_case,
    },
    Target {
        name: "weights loader",
        run: weights_case,
    },
    Target {
        name: "MNIST asset parser",
        run: mnist_case,
    },
    Target {
        name: "digit preprocessing",
        run: preprocess_case,
    },
    Target {
        name: "pen rasteriser",
        run: pen_case,
    },
];

fn rng(seed: u64) -> Pcg32 {
    Pcg32::seed_from_u64(seed)
}

/// Both languages' messages exist (formatting them must not panic either).
fn check_message(e: &impl Localized) {
    for lang in Lang::ALL {
        assert!(!e.message(lang).is_empty());
    }
}

/// Numbers that sit on the edges of every check: zero, one, limits ± 1, 2⁴⁰, u32/u64 max.
const EDGE_NUMBERS: [u64; 16] = [
    0,
    1,
    2,
    3,
    27,
    28,
    29,
    2047,
    2048,
    4095,
    4096,
    4097,
    65_536,
    1 << 40,
    u32::MAX as u64,
    u64::MAX,
];

fn edge_number(r: &mut Pcg32) -> u64 {
    EDGE_NUMBERS[r.random_range(0..EDGE_NUMBERS.len())]
}

/// A number for a generated text: small, edgy, or not a number at all.
fn number_word(r: &mut Pcg32) -> String {
    match r.random_range(0..10) {
        0..=4 => r.random_range(0..12u32).to_string(),
        5..=6 => edge_number(r).to_string(),
        7 => "99999999999999999999999".into(),
        8 => ["-1", "NaN", "inf", "-0", "1e40", "0.5", "+3", "٣", ""][r.random_range(0..9)].into(),
        _ => format!("{}.{}", r.random_range(0..3u32), r.random_range(0..100u32)),
    }
}

/// A few mutations of `bytes`: bit flips, cuts, insertions, overwrites with edge numbers
/// (little-endian u32, as every header field of our formats).
fn mutate(r: &mut Pcg32, bytes: &mut Vec<u8>) {
    for _ in 0..r.random_range(1..=4) {
        let len = bytes.len();
        let at = if len == 0 { 0 } else { r.random_range(0..len) };
        match r.random_range(0..8) {
            0 | 1 if len > 0 => bytes[at] ^= 1 << r.random_range(0..8),
            2 if len > 0 => bytes[at] = r.random(),
            3 => bytes.truncate(at),
            4 => {
                let n = r.random_range(1..=16);
                let insert: Vec<u8> = (0..n).map(|_| r.random()).collect();
                bytes.splice(at..at, insert);
            }
            5 => {
                let end = (at + r.random_range(1..=64)).min(len);
                bytes.drain(at..end);
            }
            _ => {
                let v = (edge_number(r) as u32).to_le_bytes();
                // Header fields are 4-aligned in both formats.
                let at = at & !3;
                if at + 4 <= len {
                    bytes[at..at + 4].copy_from_slice(&v);
                } else {
                    bytes.extend_from_slice(&v);
                }
            }
        }
    }
}

fn random_bytes(r: &mut Pcg32, max: usize) -> Vec<u8> {
    let n = r.random_range(0..=max);
    (0..n).map(|_| r.random()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short run of the normal test suite: a few thousand cases per target (the pen and
    /// preprocessing ones are the slowest, a few hundred microseconds each).
    #[test]
    fn spec_parser_survives_fuzzing() {
        (0..3000).for_each(spec_case);
    }

    #[test]
    fn weights_loader_survives_fuzzing() {
        (0..3000).for_each(weights_case);
    }

    #[test]
    fn mnist_parser_survives_fuzzing() {
        (0..2000).for_each(mnist_case);
    }

    #[test]
    fn preprocessing_survives_fuzzing() {
        (0..3000).for_each(preprocess_case);
    }

    #[test]
    fn pen_survives_fuzzing() {
        (0..2000).for_each(pen_case);
    }
}
