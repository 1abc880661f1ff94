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
