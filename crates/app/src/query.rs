//! The small text format every section keeps in the URL, and the reader that turns a query
//! back into settings.
//!
//! A section's query is `key=value&key=value`. Grids are written as rows separated by `;` and
//! numbers separated by `,` (`0,1,0;1,1,1`), channels separated by `/`. Numbers use Rust's
//! shortest round-trip form, so a shared link reproduces every value bit for bit.
//!
//! A link may be garbled or cut short. [`QueryReader`] reads what it can: a key whose value
//! cannot be read keeps its default and is listed in [`QueryReader::finish`], so the section can
//! show a note naming it (see `components::url_note`).

use std::ops::RangeInclusive;

/// Reads a section's query key by key, collecting the keys that could not be read: unknown keys
/// first (in the order they appear), then every known key whose value was rejected.
#[derive(Clone, Debug)]
pub struct QueryReader {
    pairs: Vec<(String, String)>,
    ignored: Vec<String>,
}

impl QueryReader {
    /// `known` lists the section's keys; any other key (except the shell's `lang`) is unreadable.
    pub fn new(query: &str, known: &[&str]) -> QueryReader {
        let mut reader = QueryReader {
            pairs: parse_pairs(query),
            ignored: Vec::new(),
        };
        let unknown: Vec<String> = reader
            .pairs
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| k != "lang" && !known.contains(&k.as_str()))
            .collect();
        for key in unknown {
            reader.reject(&key);
        }
        reader
    }

    /// The value of `key` (its last occurrence wins), if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Lists `key` as unreadable (once).
    pub fn reject(&mut self, key: &str) {
        if !self.ignored.iter().any(|k| k == key) {
            self.ignored.push(key.to_string());
        }
    }

    /// `parse`s the value of `key`: `None` when the key is absent or its value is rejected
    /// (then the key is listed).
    pub fn read<T>(&mut self, key: &str, parse: impl FnOnce(&str) -> Option<T>) -> Option<T> {
        let value = parse(self.get(key)?);
        if value.is_none() {
            self.reject(key);
        }
        value
    }

    /// A whole number within `range`.
    pub fn whole(&mut self, key: &str, range: RangeInclusive<usize>) -> Option<usize> {
        self.read(key, |v| v.trim().parse().ok().filter(|n| range.contains(n)))
    }

    /// A finite number within `range` (a real minus sign is accepted).
    pub fn number(&mut self, key: &str, range: RangeInclusive<f64>) -> Option<f64> {
        self.read(key, |v| {
            v.trim()
                .replace('−', "-")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && range.contains(x))
        })
    }

    /// `1` or `0`.
    pub fn flag(&mut self, key: &str) -> Option<bool> {
        self.read(key, |v| match v {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        })
    }

    /// The keys that could not be read, for the note.
    pub fn finish(self) -> Vec<String> {
        self.ignored
    }
}

/// Splits `a=1&b=2` into pairs, percent-decoding keys and values. Empty pieces are skipped.
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches(['?', '&'])
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| match piece.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(piece), String::new()),
        })
        .collect()
}

/// Joins pairs into `a=1&b=2`, percent-encoding anything outside a conservative safe set.
pub fn join_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(&v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn is_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b',' | b';' | b'/')
}

pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if is_safe(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space); malformed escapes are kept literally.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A number as written in the URL: the shortest text that parses back to the same `f32`
/// (the page shows numbers with [`cnn::format_number`]).
pub fn format_url_number(value: f32) -> String {
    if value == 0.0 {
        // Also turns −0 into 0.
        "0".to_string()
    } else {
        value.to_string()
    }
}

/// A finite number from the URL or from a cell the user typed into; accepts `,` as the decimal
/// separator only when called on a single cell (see [`parse_cell`]).
pub fn parse_number(text: &str) -> Option<f32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let normalised = text.replace('−', "-");
    normalised.parse::<f32>().ok().filter(|v| v.is_finite())
}

/// What a user typed into one grid cell: `1`, `-0.5`, `−2`, `0,25` (Russian decimal comma).
pub fn parse_cell(text: &str) -> Option<f32> {
    parse_number(&text.replace(',', "."))
}

/// One H×W plane written as `a,b,c;d,e,f`.
pub fn format_plane(data: &[f32], width: usize) -> String {
    data.chunks(width.max(1))
        .map(|row| {
            row.iter()
                .map(|&v| format_url_number(v))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Parses a plane and checks it has exactly `height` rows of `width` numbers.
pub fn parse_plane(text: &str, height: usize, width: usize) -> Option<Vec<f32>> {
    let rows: Vec<&str> = text.split(';').collect();
    if rows.len() != height {
        return None;
    }
    let mut data = Vec::with_capacity(height * width);
    for row in rows {
        let values: Vec<&str> = row.split(',').collect();
        if values.len() != width {
            return None;
        }
        for v in values {
            data.push(parse_number(v)?);
        }
    }
    Some(data)
}

/// Several planes of the same size, separated by `/`.
pub fn format_planes(data: &[f32], height: usize, width: usize) -> String {
    data.chunks((height * width).max(1))
        .map(|plane| format_plane(plane, width))
        .collect::<Vec<_>>()
        .join("/")
}

pub fn parse_planes(text: &str, planes: usize, height: usize, width: usize) -> Option<Vec<f32>> {
    let parts: Vec<&str> = text.split('/').collect();
    if parts.len() != planes {
        return None;
    }
    let mut data = Vec::with_capacity(planes * height * width);
    for part in parts {
        data.extend(parse_plane(part, height, width)?);
    }
    Some(data)
}

/// `7` (both axes) or `7x5` (height × width).
pub fn format_pair(h: usize, w: usize) -> String {
    if h == w {
        h.to_string()
    } else {
        format!("{h}x{w}")
    }
}

/// Parses `7`, `7x5` or `7×5`, each value within `min..=max`.
pub fn parse_pair(text: &str, min: usize, max: usize) -> Option<(usize, usize)> {
    let one = |t: &str| {
        t.trim()
            .parse::<usize>()
            .ok()
            .filter(|v| (min..=max).contains(v))
    };
    let text = text.replace(['×', 'X'], "x");
    match text.split_once('x') {
        Some((h, w)) => Some((one(h)?, one(w)?)),
        None => {
            let v = one(&text)?;
            Some((v, v))
        }
    }
}

/// A list of numbers `a,b,c` of exactly `len` values.
pub fn parse_list(text: &str, len: usize) -> Option<Vec<f32>> {
    let values: Vec<f32> = text
        .split(',')
        .map(parse_number)
        .collect::<Option<Vec<_>>>()?;
    (values.len() == len).then_some(values)
}

pub fn format_list(values: &[f32]) -> String {
    values
        .iter()
        .map(|&v| format_url_number(v))
        .collect::<Vec<_>>()
        .join(",")
}

/// A tiny deterministic generator (SplitMix64) for the "random" presets: the reducer stays pure
/// because the caller supplies the seed.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `lo..=hi`.
    pub fn int(&mut self, lo: i32, hi: i32) -> i32 {
        let span = (hi - lo + 1) as u64;
        lo + (self.next_u64() % span) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_round_trip_with_escapes() {
        let q = join_pairs([("x", "0,1;1,0".to_string()), ("n", "a b&c".to_string())]);
        assert_eq!(q, "x=0,1;1,0&n=a%20b%26c");
        assert_eq!(
            parse_pairs(&q),
            vec![
                ("x".to_string(), "0,1;1,0".to_string()),
                ("n".to_string(), "a b&c".to_string())
            ]
        );
        assert_eq!(
            parse_pairs("?a&&b=%ZZ%4"),
            vec![
                ("a".to_string(), String::new()),
                ("b".to_string(), "%ZZ%4".to_string())
            ]
        );
    }

    #[test]
    fn numbers_round_trip_bit_for_bit() {
        for v in [0.0f32, 1.0, -2.0, 1.0 / 9.0, 0.1, -0.125, 1e-7, 123456.78] {
            assert_eq!(
                parse_number(&format_url_number(v)).unwrap().to_bits(),
                v.to_bits()
            );
        }
        assert_eq!(format_url_number(-0.0), "0");
        assert_eq!(parse_number("−3"), Some(-3.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_cell("0,25"), Some(0.25));
    }

    #[test]
    fn planes_check_their_shape() {
        let data = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        let text = format_plane(&data, 3);
        assert_eq!(text, "0,1,2;3,4,5");
        assert_eq!(parse_plane(&text, 2, 3).unwrap(), data);
        assert_eq!(parse_plane(&text, 3, 2), None);
        assert_eq!(parse_plane("0,1,2;3,4", 2, 3), None, "truncated");
        assert_eq!(parse_plane("0,1,x;3,4,5", 2, 3), None, "garbage");
        let two = format_planes(&[1.0, 2.0, 3.0, 4.0], 1, 2);
        assert_eq!(two, "1,2/3,4");
        assert_eq!(
            parse_planes(&two, 2, 1, 2).unwrap(),
            vec![1.0, 2.0, 3.0, 4.0]
        );
        assert_eq!(parse_planes(&two, 3, 1, 2), None);
    }

    #[test]
    fn pairs_of_sizes() {
        assert_eq!(parse_pair("7", 3, 16), Some((7, 7)));
        assert_eq!(parse_pair("7x5", 3, 16), Some((7, 5)));
        assert_eq!(parse_pair("7×5", 3, 16), Some((7, 5)));
        assert_eq!(parse_pair("2", 3, 16), None);
        assert_eq!(parse_pair("7x", 3, 16), None);
        assert_eq!(format_pair(7, 7), "7");
        assert_eq!(format_pair(7, 5), "7x5");
    }

    #[test]
    fn the_reader_keeps_good_keys_and_names_bad_ones() {
        let mut r = QueryReader::new(
            "a=3&b=banana&zzz=1&lang=en&c=-2.5&d=1&a=4&e=%%%&f=7",
            &["a", "b", "c", "d", "e", "f", "g"],
        );
        assert_eq!(r.whole("a", 1..=9), Some(4), "the last occurrence wins");
        assert_eq!(r.whole("b", 1..=9), None);
        assert_eq!(r.number("c", -5.0..=5.0), Some(-2.5));
        assert_eq!(r.flag("d"), Some(true));
        assert_eq!(r.flag("e"), None);
        assert_eq!(r.whole("f", 1..=6), None, "out of range");
        assert_eq!(r.whole("g", 1..=6), None, "absent is not an error");
        assert_eq!(r.number("b", 0.0..=1.0), None);
        assert_eq!(r.finish(), vec!["zzz", "b", "e", "f"]);
        let mut r = QueryReader::new("x=−1&y=inf&z=NaN", &["x", "y", "z"]);
        assert_eq!(r.number("x", -2.0..=2.0), Some(-1.0));
        assert_eq!(r.number("y", f64::MIN..=f64::MAX), None);
        assert_eq!(r.number("z", f64::MIN..=f64::MAX), None);
        assert_eq!(r.finish(), vec!["y", "z"]);
    }

    #[test]
    fn splitmix_is_deterministic_and_in_range() {
        let mut a = SplitMix(42);
        let mut b = SplitMix(42);
        for _ in 0..100 {
            let v = a.int(-2, 2);
            assert_eq!(v, b.int(-2, 2));
            assert!((-2..=2).contains(&v));
        }
    }
}
