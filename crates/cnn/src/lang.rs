//! The two languages of the lecture, and messages that can be read in either.

use serde::{Deserialize, Serialize};

/// A UI language. The lecture is in Russian; English is the second language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The ISO 639-1 code, as used in URLs (`?lang=ru`) and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Russian or the English of a pair; keeps bilingual messages next to each other.
    pub fn pick<T>(self, ru: T, en: T) -> T {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// An error or explanation a student reads, in either language. `Display` gives the English.
pub trait Localized {
    fn message(&self, lang: Lang) -> String;
}

/// How many characters of a user's text a message quotes: enough to recognise a word or a
/// layer, short enough that a 200 kB paste does not become a 200 kB message.
pub const ECHO_CHARS: usize = 40;
/// How many names a list in a message shows before "and N more".
pub const ECHO_ITEMS: usize = 8;

/// What the user typed, as a message quotes it: at most [`ECHO_CHARS`] characters, cut with "…".
pub fn echo(text: &str) -> String {
    match text.char_indices().nth(ECHO_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Names (link keys, say) as a message lists them: each [`echo`]ed, an empty one named so, at
/// most [`ECHO_ITEMS`] and then how many more.
pub fn echo_list(names: &[String], lang: Lang) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(ECHO_ITEMS)
        .map(|name| {
            if name.trim().is_empty() {
                lang.pick("(пустое имя)", "(empty name)").to_string()
            } else {
                echo(name)
            }
        })
        .collect();
    if names.len() > ECHO_ITEMS {
        let more = names.len() - ECHO_ITEMS;
        shown.push(lang.pick(format!("и ещё {more}"), format!("and {more} more")));
    }
    shown.join(", ")
}

#[cfg(test)]
mod echo_tests {
    use super::*;

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        assert_eq!(echo("conv"), "conv");
        let long = "ж".repeat(100_000);
        let quoted = echo(&long);
        assert_eq!(quoted.chars().count(), ECHO_CHARS + 1);
        assert!(quoted.ends_with('…'));
        assert_eq!(echo(&"x".repeat(ECHO_CHARS)), "x".repeat(ECHO_CHARS));
    }

    #[test]
    fn lists_are_bounded_and_empty_names_are_named() {
        let names: Vec<String> = (0..500).map(|i| format!("k{i}")).collect();
        assert_eq!(
            echo_list(&names, Lang::En),
            "k0, k1, k2, k3, k4, k5, k6, k7, and 492 more"
        );
        assert_eq!(echo_list(&names[..2], Lang::Ru), "k0, k1");
        assert_eq!(
            echo_list(&[String::new(), "a".into()], Lang::Ru),
            "(пустое имя), a"
        );
        assert_eq!(echo_list(&["".into()], Lang::En), "(empty name)");
    }
}
