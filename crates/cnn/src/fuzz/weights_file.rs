//! Fuzz target: the weights loader.

use rand::Rng;

use super::spec::spec_text;
use super::*;

/// Saved files of small networks of every layer kind.
fn saved_files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        [
            "input 6x6x1; conv 3x3x2 relu; pool 2; dense 3 softmax",
            "input 5x5x2; conv 3x3x2 pad 1 leaky_relu 0.2; avgpool 2; flatten; dropout 0.5; \
             dense 4 tanh; dense 2 softmax",
            "input 4x4x1; dense 2 softmax",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let spec = NetworkSpec::parse(text).expect("the fuzz seeds are valid");
            weights::save(&Network::new(&spec, i as u64).expect("and small"))
        })
        .collect()
    })
}

/// The CRC-32 of a mutated file made right again, so the mutation reaches the parser.
fn fix_crc(bytes: &mut Vec<u8>) {
    if bytes.len() >= 4 {
        bytes.truncate(bytes.len() - 4);
    }
    let crc = weights::crc32(bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
}

pub(super) fn weights_case(seed: u64) {
    let mut r = rng(seed);
    let files = saved_files();
    let original = &files[r.random_range(0..files.len())];
    let mut bytes = original.clone();
    match r.random_range(0..10) {
        0 => bytes = random_bytes(&mut r, 512),
        1 => {
            // A valid header in front of a grammar-built spec.
            let text = spec_text(&mut r);
            bytes = weights::MAGIC.to_vec();
            bytes.extend_from_slice(&weights::VERSION.to_le_bytes());
            bytes.extend_from_slice(&(text.len() as u32).to_le_bytes());
            bytes.extend_from_slice(text.as_bytes());
            bytes.extend_from_slice(&(edge_number(&mut r) as u32).to_le_bytes());
            bytes.extend_from_slice(&(edge_number(&mut r) as u32).to_le_bytes());
            bytes.extend(random_bytes(&mut r, 64));
            fix_crc(&mut bytes);
        }
        2 => {}
        _ => {
            mutate(&mut r, &mut bytes);
            if r.random_bool(0.7) {
                fix_crc(&mut bytes);
            }
        }
    }
    check_weights_bytes(&bytes);
}

/// The invariants of one weights file.
pub fn check_weights_bytes(bytes: &[u8]) {
    match weights::load(bytes) {
        Err(e) => check_message(&e),
        Ok(network) => {
            assert!(
                network
                    .param_tensors()
                    .iter()
                    .all(|t| t.iter().all(|v| v.is_finite()))
            );
            let again = weights::save(&network);
            let back = weights::load(&again).expect("a saved network loads");
            assert_eq!(back.spec(), network.spec());
            assert_eq!(back.param_tensors(), network.param_tensors());
            match weights::load_expecting(bytes, network.spec()) {
                Ok(n) => assert_eq!(n.spec(), network.spec()),
                Err(e) => panic!("loads, but not as its own architecture: {e}"),
            }
        }
    }
    if let Err(e) = weights::load_expecting(bytes, &NetworkSpec::convnetjs_mnist()) {
        check_message(&e);
    }
}
