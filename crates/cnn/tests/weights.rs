//! The weights file: round trip, and every kind of broken file is an error with a reason.

use cnn::weights::{self, WeightsError, crc32, load, load_expecting, save};
use cnn::{Lang, Localized, Network, NetworkSpec};
use proptest::prelude::*;

fn small() -> Network {
    Network::new(
        &NetworkSpec::parse("input 6x6x1; conv 3x3x2 relu; pool 2; dense 3 softmax").unwrap(),
        5,
    )
    .unwrap()
}

#[test]
fn crc32_check_value() {
    // The standard CRC-32 check value (e.g. in zlib's documentation and the CRC catalogue).
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn round_trip_restores_spec_and_weights() {
    let mut net = Network::new(&NetworkSpec::convnetjs_mnist(), 9).unwrap();
    let bytes = save(&net);
    // 8 magic + 4 version + 4 + spec + 4 count + 6 tensors·4 + 5,994·4 + 4 crc.
    let spec_len = net.spec().to_string().len();
    assert_eq!(bytes.len(), 8 + 4 + 4 + spec_len + 4 + 6 * 4 + 5994 * 4 + 4);
    assert_eq!(&bytes[..8], weights::MAGIC);
    let mut back = load(&bytes).unwrap();
    assert_eq!(back.spec(), net.spec());
    assert_eq!(back.param_tensors(), net.param_tensors());
    let x = cnn::Tensor::from_fn(cnn::Shape::new(1, 24, 24), |_, y, x| {
        ((x + y) % 5) as f32 / 5.0
    })
    .unwrap();
    assert_eq!(back.predict(&x), net.predict(&x));
    assert_eq!(save(&back), bytes, "saving is deterministic");
    assert!(load_expecting(&bytes, &NetworkSpec::convnetjs_mnist()).is_ok());
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = save(&small());
    for len in 0..bytes.len() {
        let err = load(&bytes[..len]).unwrap_err();
        assert!(
            matches!(
                err,
                WeightsError::Truncated { .. } | WeightsError::Checksum { .. }
            ),
            "{len}: {err}"
        );
    }
}

#[test]
fn wrong_version_checksum_and_architecture() {
    let bytes = save(&small());
    let mut v2 = bytes.clone();
    v2[8] = 2;
    assert_eq!(
        load(&v2).unwrap_err().to_string(),
        "weights file version 2 is not supported (this app reads version 1)"
    );
    let mut flipped = bytes.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0x40;
    let err = load(&flipped).unwrap_err();
    assert!(matches!(err, WeightsError::Checksum { .. }));
    assert!(err.message(Lang::Ru).contains("контрольная сумма"));
    let err = load_expecting(&bytes, &NetworkSpec::convnetjs_mnist()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the file holds another architecture: \"input 6x6x1; conv 3x3x2 relu"),
        "{err}"
    );
    assert_eq!(
        load(b"GIF89a\0\0 not weights at all").unwrap_err(),
        WeightsError::BadMagic
    );
}

/// Rebuilds a file around a given body, with a valid checksum (as a malicious file would).
fn with_crc(mut body: Vec<u8>) -> Vec<u8> {
    let crc = crc32(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    body
}

fn header(spec: &str) -> Vec<u8> {
    let mut b = weights::MAGIC.to_vec();
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&(spec.len() as u32).to_le_bytes());
    b.extend_from_slice(spec.as_bytes());
    b
}

#[test]
fn crafted_files_with_valid_checksums_are_refused() {
    // A huge (but valid) architecture with no weights: refused before the network is built.
    let big = header("input 1000x1000x1; dense 16 softmax");
    let err = load(&with_crc(big)).unwrap_err();
    assert!(matches!(err, WeightsError::Truncated { .. }), "{err}");
    // An invalid spec.
    let err = load(&with_crc(header(
        "input 24x24x1; pool 99; dense 10 softmax",
    )))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the network description in the file is invalid: layer 1 (pool 99)"),
        "{err}"
    );
    // Spec length beyond the file.
    let mut b = weights::MAGIC.to_vec();
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&u32::MAX.to_le_bytes());
    b.extend_from_slice(&[0; 8]);
    assert!(matches!(
        load(&with_crc(b)).unwrap_err(),
        WeightsError::SpecTooLong { .. }
    ));
    // Wrong tensor count and wrong tensor length.
    let good = save(&small());
    let spec = small().spec().to_string();
    let at = 16 + spec.len();
    let mut body = good[..good.len() - 4].to_vec();
    body[at] = 5;
    assert_eq!(
        load(&with_crc(body)).unwrap_err(),
        WeightsError::TensorCount {
            found: 5,
            expected: 4
        }
    );
    let mut body = good[..good.len() - 4].to_vec();
    body[at + 4] = 19;
    assert_eq!(
        load(&with_crc(body)).unwrap_err(),
        WeightsError::TensorLength {
            index: 0,
            found: 19,
            expected: 18
        }
    );
    // NaN weights.
    let mut body = good[..good.len() - 4].to_vec();
    body[at + 8..at + 12].copy_from_slice(&f32::NAN.to_le_bytes());
    assert_eq!(
        load(&with_crc(body)).unwrap_err(),
        WeightsError::NotFinite { index: 0 }
    );
}

proptest! {
    #[test]
    fn random_bytes_are_an_error(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        prop_assert!(load(&bytes).is_err());
    }

    #[test]
    fn random_bodies_with_the_right_header_are_an_error(tail in prop::collection::vec(any::<u8>(), 0..512), fix_crc in any::<bool>()) {
        let mut b = weights::MAGIC.to_vec();
        b.extend_from_slice(&1u32.to_le_bytes());
        b.extend_from_slice(&tail);
        let b = if fix_crc { with_crc(b) } else { b };
        prop_assert!(load(&b).is_err());
    }

    #[test]
    fn corrupting_any_byte_is_detected(pos in 0usize..10_000, bit in 0u8..8) {
        let mut bytes = save(&small());
        let pos = pos % bytes.len();
        bytes[pos] ^= 1 << bit;
        prop_assert!(load(&bytes).is_err());
    }
}

/// A file cut off in the middle of its tensors fails the checksum; the message names the cause.
#[test]
fn a_file_cut_in_the_middle_is_called_truncated_or_damaged() {
    let bytes = save(&small());
    let err = load(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(err, WeightsError::Checksum { .. }), "{err}");
    assert_eq!(
        err.message(Lang::En),
        "the weights file is corrupt: it is truncated or damaged (its checksum does not match)"
    );
    assert_eq!(
        err.message(Lang::Ru),
        "файл весов повреждён: контрольная сумма не сходится — файл обрезан или испорчен"
    );
}

/// A spec claiming 2⁴⁰ floats is refused by shape inference, and one the builder would accept
/// (16 Mi floats) by the file's length: neither allocates (4 TiB, or 64 MiB for an 80-byte
/// file, would abort the test or show in the fuzz driver's counting allocator).
#[test]
fn a_header_claiming_2_pow_40_floats_is_refused_before_allocating() {
    let err = load(&with_crc(header(
        "input 1x1x1; dense 1099511627776 softmax",
    )))
    .unwrap_err();
    assert!(matches!(err, WeightsError::Spec(_)), "{err}");
    let mut body = header("input 1024x1024x1; dense 16 softmax");
    // Tensor count and a first tensor claiming u32::MAX floats, with no floats after it.
    body.extend_from_slice(&2u32.to_le_bytes());
    body.extend_from_slice(&u32::MAX.to_le_bytes());
    let err = load(&with_crc(body)).unwrap_err();
    assert!(matches!(err, WeightsError::Truncated { .. }), "{err}");
}

#[test]
fn a_file_over_the_stated_size_is_refused_by_size() {
    // Zeroed pages are mapped lazily: the test does not touch 65 MiB.
    let huge = vec![0u8; weights::MAX_FILE_BYTES + 1];
    let err = load(&huge).unwrap_err();
    assert_eq!(
        err,
        WeightsError::TooLarge {
            length: weights::MAX_FILE_BYTES + 1,
            max: weights::MAX_FILE_BYTES
        }
    );
    assert!(
        err.to_string().starts_with("the file is too large"),
        "{err}"
    );
    assert!(err.message(Lang::Ru).starts_with("файл слишком большой"));
    // The bundled network is far below the limit.
    assert!(
        save(&Network::new(&NetworkSpec::convnetjs_mnist(), 1).unwrap()).len()
            < weights::MAX_FILE_BYTES / 100
    );
}
