//! A small versioned binary format for a network's architecture and weights.
//!
//! All integers little-endian:
//!
//! ```text
//! offset  size  field
//! 0       8     magic  b"CNNLABW\0"
//! 8       4     version (u32) = 1
//! 12      4     spec length S in bytes (u32, ≤ 64 KiB)
//! 16      S     the spec's text form, UTF-8 (e.g. "input 24x24x1; conv 5x5x8 pad 2 relu; …")
//! …       4     tensor count T (u32)
//! …             T times: length L (u32), then L × f32
//! end−4   4     CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of every byte before it
//! ```
//!
//! Loading checks, in order: size (at most [`MAX_FILE_BYTES`]), length, magic, version, checksum,
//! spec, then that the file holds 4 bytes for every parameter the spec declares *before* building
//! the network, and each tensor's length against the architecture before reading it — so no
//! input can make it allocate more than its own size allows (and never more than the
//! architecture the spec describes, itself bounded by [`crate::network::MAX_NETWORK_PARAMS`]).

use std::fmt;

use crate::lang::{Lang, Localized};
use crate::network::{MAX_NETWORK_PARAMS, Network, NetworkSpec, SpecError};

pub const MAGIC: &[u8; 8] = b"CNNLABW\0";
pub const VERSION: u32 = 1;
const MAX_SPEC_BYTES: usize = 64 * 1024;
/// The largest file [`load`] reads: the largest network [`Network::new`] builds (4 bytes per
/// parameter) plus a mebibyte for the spec and the headers. The bundled pretrained network is
/// about 100 KB; anything above this cannot be a network the app could have saved.
pub const MAX_FILE_BYTES: usize = 4 * MAX_NETWORK_PARAMS + (1 << 20);
/// Magic, version, spec length, tensor count and checksum.
const MIN_LEN: usize = 8 + 4 + 4 + 4 + 4;

/// CRC-32 (polynomial 0xEDB88320, reflected, init and final XOR 0xFFFFFFFF), bit by bit.
/// `crc32(b"123456789") == 0xCBF43926`, the standard check value.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// The network's spec and weights in the format above. Same network → same bytes.
pub fn save(network: &Network) -> Vec<u8> {
    let spec = network.spec().to_string();
    let tensors = network.param_tensors();
    let floats: usize = tensors.iter().map(|t| t.len()).sum();
    let mut out = Vec::with_capacity(MIN_LEN + spec.len() + 4 * tensors.len() + 4 * floats);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(spec.len() as u32).to_le_bytes());
    out.extend_from_slice(spec.as_bytes());
    out.extend_from_slice(&(tensors.len() as u32).to_le_bytes());
    for t in tensors {
        out.extend_from_slice(&(t.len() as u32).to_le_bytes());
        for v in t {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], WeightsError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(WeightsError::Truncated {
                needed: self.pos.saturating_add(n),
                actual: self.bytes.len(),
            });
        };
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, WeightsError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Rebuilds the network saved by [`save`]. Every malformed input is an error with a reason.
pub fn load(bytes: &[u8]) -> Result<Network, WeightsError> {
    // Refused by size alone, before the checksum reads every byte.
    if bytes.len() > MAX_FILE_BYTES {
        return Err(WeightsError::TooLarge {
            length: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    if bytes.len() < MIN_LEN {
        if bytes.len() >= 8 && &bytes[..8] != MAGIC {
            return Err(WeightsError::BadMagic);
        }
        return Err(WeightsError::Truncated {
            needed: MIN_LEN,
            actual: bytes.len(),
        });
    }
    if &bytes[..8] != MAGIC {
        return Err(WeightsError::BadMagic);
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if version != VERSION {
        return Err(WeightsError::Version {
            found: version,
            supported: VERSION,
        });
    }
    let (body, tail) = bytes.split_at(bytes.len() - 4);
    let stored = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let computed = crc32(body);
    if stored != computed {
        return Err(WeightsError::Checksum { stored, computed });
    }
    let mut r = Reader {
        bytes: body,
        pos: 12,
    };
    let spec_len = r.u32()? as usize;
    if spec_len > MAX_SPEC_BYTES {
        return Err(WeightsError::SpecTooLong {
            length: spec_len,
            max: MAX_SPEC_BYTES,
        });
    }
    let spec_text =
        std::str::from_utf8(r.take(spec_len)?).map_err(|_| WeightsError::SpecNotUtf8)?;
    let spec = NetworkSpec::parse(spec_text).map_err(WeightsError::Spec)?;
    // The file must hold at least 4 bytes per parameter: checked before building the network.
    let params = spec.num_params().map_err(WeightsError::Spec)?;
    let needed = r
        .pos
        .saturating_add(4)
        .saturating_add(params.saturating_mul(4));
    if needed > body.len() {
        return Err(WeightsError::Truncated {
            needed: needed + 4,
            actual: bytes.len(),
        });
    }
    let mut network = Network::new(&spec, 0).map_err(WeightsError::Spec)?;
    let count = r.u32()? as usize;
    let mut tensors = network.param_tensors_mut();
    if count != tensors.len() {
        return Err(WeightsError::TensorCount {
            found: count,
            expected: tensors.len(),
        });
    }
    for (i, t) in tensors.iter_mut().enumerate() {
        let len = r.u32()? as usize;
        if len != t.len() {
            return Err(WeightsError::TensorLength {
                index: i,
                found: len,
                expected: t.len(),
            });
        }
        let raw = r.take(4 * len)?;
        for (dst, chunk) in t.iter_mut().zip(raw.chunks_exact(4)) {
            let v = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            if !v.is_finite() {
                return Err(WeightsError::NotFinite { index: i });
            }
            *dst = v;
        }
    }
    if r.pos != body.len() {
        return Err(WeightsError::TrailingBytes {
            count: body.len() - r.pos,
        });
    }
    Ok(network)
}

/// Loads and also checks that the architecture is the one expected (e.g. the app's default).
pub fn load_expecting(bytes: &[u8], expected: &NetworkSpec) -> Result<Network, WeightsError> {
    let network = load(bytes)?;
    if network.spec() != expected {
        return Err(WeightsError::Architecture {
            found: network.spec().to_string(),
            expected: expected.to_string(),
        });
    }
    Ok(network)
}

#[derive(Clone, Debug, PartialEq)]
pub enum WeightsError {
    TooLarge {
        length: usize,
        max: usize,
    },
    Truncated {
        needed: usize,
        actual: usize,
    },
    BadMagic,
    Version {
        found: u32,
        supported: u32,
    },
    Checksum {
        stored: u32,
        computed: u32,
    },
    SpecTooLong {
        length: usize,
        max: usize,
    },
    SpecNotUtf8,
    Spec(SpecError),
    TensorCount {
        found: usize,
        expected: usize,
    },
    TensorLength {
        index: usize,
        found: usize,
        expected: usize,
    },
    NotFinite {
        index: usize,
    },
    TrailingBytes {
        count: usize,
    },
    Architecture {
        found: String,
        expected: String,
    },
}

impl Localized for WeightsError {
    fn message(&self, lang: Lang) -> String {
        use WeightsError as E;
        match self {
            E::TooLarge { length, max } => lang.pick(
                format!(
                    "файл слишком большой для файла весов: {length} байт, а файл весов ConvLab — \
                     не больше {max} байт (выбран не тот файл?)"
                ),
                format!(
                    "the file is too large to be a weights file: {length} bytes, a ConvLab weights \
                     file has at most {max} bytes (is it the right file?)"
                ),
            ),
            E::Truncated { needed, actual } => lang.pick(
                format!("файл весов обрезан: нужно хотя бы {needed} байт, а в нём {actual}"),
                format!("the weights file is truncated: needs at least {needed} bytes, has {actual}"),
            ),
            E::BadMagic => lang.pick(
                "это не файл весов ConvLab (неверная сигнатура)".into(),
                "this is not a ConvLab weights file (wrong signature)".into(),
            ),
            E::Version { found, supported } => lang.pick(
                format!("версия файла весов {found} не поддерживается (поддерживается {supported})"),
                format!("weights file version {found} is not supported (this app reads version {supported})"),
            ),
            // A file cut off mid-download ends in tensor bytes, so its last four bytes are read as
            // a checksum that cannot match: the student needs the likely cause, not two hex words.
            E::Checksum { .. } => lang.pick(
                "файл весов повреждён: контрольная сумма не сходится — файл обрезан или испорчен".into(),
                "the weights file is corrupt: it is truncated or damaged (its checksum does not match)".into(),
            ),
            E::SpecTooLong { length, max } => lang.pick(
                format!("описание сети в файле слишком длинное ({length} байт, не больше {max})"),
                format!("the network description in the file is too long ({length} bytes, at most {max})"),
            ),
            E::SpecNotUtf8 => lang.pick(
                "описание сети в файле — не текст UTF-8".into(),
                "the network description in the file is not UTF-8 text".into(),
            ),
            E::Spec(e) => lang.pick(
                format!("описание сети в файле неверно: {}", e.message(lang)),
                format!("the network description in the file is invalid: {}", e.message(lang)),
            ),
            E::TensorCount { found, expected } => lang.pick(
                format!("в файле {found} массивов весов, а архитектуре нужно {expected}"),
                format!("the file has {found} weight arrays, the architecture needs {expected}"),
            ),
            E::TensorLength { index, found, expected } => lang.pick(
                format!("массив весов №{index}: {found} чисел, а нужно {expected}"),
                format!("weight array #{index} has {found} numbers, the architecture needs {expected}"),
            ),
            E::NotFinite { index } => lang.pick(
                format!("массив весов №{index} содержит NaN или бесконечность"),
                format!("weight array #{index} contains NaN or infinity"),
            ),
            E::TrailingBytes { count } => lang.pick(
                format!("после весов лишние {count} байт"),
                format!("{count} unexpected bytes after the weights"),
            ),
            E::Architecture { found, expected } => lang.pick(
                format!("в файле другая архитектура: «{found}», а нужна «{expected}»"),
                format!("the file holds another architecture: \"{found}\", expected \"{expected}\""),
            ),
        }
    }
}

impl fmt::Display for WeightsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WeightsError {}
