//! All UI text, in Russian and English.
//!
//! Each section owns one table, `STRINGS: &[(key, russian, english)]`, with keys prefixed by the
//! section's slug (`"conv.play"`); the shell's keys start with `"shell."`. [`tr`] looks a key up
//! in all tables. The tests below fail when a key is duplicated, a translation is empty, or a
//! `tr(…, "key")` literal anywhere in `crates/app/src` has no entry.

pub use cnn::Lang;

pub mod activations;
pub mod conv;
pub mod draw;
pub mod optimization;
pub mod pool;
pub mod shell;
pub mod training;

/// One table: `(key, russian, english)` rows.
pub type Table = &'static [(&'static str, &'static str, &'static str)];

/// Every table with the key prefix its keys must carry.
pub const TABLES: &[(&str, Table)] = &[
    ("shell.", shell::STRINGS),
    ("conv.", conv::STRINGS),
    ("pool.", pool::STRINGS),
    ("activations.", activations::STRINGS),
    ("optimization.", optimization::STRINGS),
    ("training.", training::STRINGS),
    ("draw.", draw::STRINGS),
];

/// The text of `key` in `lang`.
///
/// An unknown key is returned as is (visible, never a panic); the key test keeps that from
/// reaching a release.
pub fn tr(lang: Lang, key: &str) -> &'static str {
    lookup(key)
        .map(|(ru, en)| lang.pick(ru, en))
        .unwrap_or_else(|| missing(key))
}

/// The Russian and English of `key`, if it exists.
pub fn lookup(key: &str) -> Option<(&'static str, &'static str)> {
    TABLES
        .iter()
        .flat_map(|(_, table)| table.iter())
        .find(|(k, _, _)| *k == key)
        .map(|&(_, ru, en)| (ru, en))
}

fn missing(key: &str) -> &'static str {
    // Leaking is fine: this only happens for a typo, which the key test catches before release.
    Box::leak(key.to_string().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::sections::Section;

    #[test]
    fn keys_are_unique_prefixed_and_translated() {
        let mut seen = BTreeSet::new();
        for (prefix, table) in TABLES {
            for (key, ru, en) in table.iter() {
                assert!(seen.insert(*key), "duplicate key {key:?}");
                assert!(
                    key.starts_with(prefix),
                    "key {key:?} must start with {prefix:?}"
                );
                assert!(
                    !key.contains(char::is_whitespace),
                    "key {key:?} contains whitespace"
                );
                assert!(!ru.trim().is_empty(), "empty Russian text for {key:?}");
                assert!(!en.trim().is_empty(), "empty English text for {key:?}");
            }
        }
    }

    #[test]
    fn every_section_has_a_nav_label_title_and_intro() {
        for section in Section::ALL {
            for key in [
                section.nav_key().to_string(),
                section.title_key().to_string(),
                format!("{}.intro", section.slug()),
            ] {
                assert!(lookup(&key).is_some(), "missing key {key:?}");
            }
        }
    }

    #[test]
    fn tr_picks_the_language() {
        assert_eq!(tr(Lang::Ru, "shell.nav.conv"), "Свёртка");
        assert_eq!(tr(Lang::En, "shell.nav.conv"), "Convolution");
        assert_eq!(tr(Lang::En, "no.such.key"), "no.such.key");
    }

    /// Every `tr(…, "key")` call in the sources whose last argument is a string literal.
    fn used_keys(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        let mut rest = source;
        while let Some(at) = rest.find("tr(") {
            let before = rest[..at].chars().next_back();
            let args = &rest[at + 3..];
            rest = args;
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // e.g. `attr(`
            }
            let Some(close) = args.find(')') else {
                continue;
            };
            let call = args[..close].trim_end();
            if let Some(body) = call.strip_suffix('"')
                && let Some(open) = body.rfind('"')
            {
                keys.push(body[open + 1..].to_string());
            }
        }
        keys
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_key_scanner_finds_literals() {
        let src =
            r#"html! { { tr(lang, "a.b") } { tr(props.lang, "c.d") } attr("x") tr(lang, &k) }"#;
        assert_eq!(used_keys(src), ["a.b", "c.d"]);
    }

    #[test]
    fn every_key_used_in_the_sources_exists() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut missing = Vec::new();
        let mut used = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read source");
            for key in used_keys(&text) {
                used += 1;
                // The scanner's own fixture and the missing-key test use made-up keys.
                if file.ends_with("i18n/mod.rs") {
                    continue;
                }
                if lookup(&key).is_none() {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(
            used > 10,
            "the scanner found only {used} keys; is it broken?"
        );
        assert!(
            missing.is_empty(),
            "keys missing from the i18n tables:\n{}",
            missing.join("\n")
        );
    }
}
