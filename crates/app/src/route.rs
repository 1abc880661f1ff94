//! Hash routing: `#/<slug>?<query>`.
//!
//! Hash URLs work from any static host and from a sub-path, because the server only ever sees
//! `index.html`. The `lang=ru|en` and `present=1` pairs of the query belong to the shell (the
//! language and presenter mode); every other pair is the section's own state and is passed
//! through untouched, in its original order.

use cnn::Lang;

use crate::sections::Section;

/// A parsed location hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub section: Section,
    /// The language requested by the URL, if any.
    pub lang: Option<Lang>,
    /// Presenter mode as the URL says (`present=1` / `present=0`); `None` keeps the current mode,
    /// so a link between sections that does not mention it never switches it off.
    pub present: Option<bool>,
    /// The section's query, without `lang` and without the leading `?`.
    pub query: String,
}

impl Default for Route {
    fn default() -> Self {
        Route {
            section: Section::Conv,
            lang: None,
            present: None,
            query: String::new(),
        }
    }
}

impl Route {
    /// Parses a location hash such as `#/pool?lang=en&size=2`.
    ///
    /// Returns `None` for hashes that are not routes (e.g. `#main` of an in-page anchor), so the
    /// shell can keep its current page. An unknown slug or an empty hash gives the first section.
    pub fn parse(hash: &str) -> Option<Route> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if hash.is_empty() || hash == "/" {
            return Some(Route::default());
        }
        let path_and_query = hash.strip_prefix('/')?;
        let (slug, query) = match path_and_query.split_once('?') {
            Some((slug, query)) => (slug, query),
            None => (path_and_query, ""),
        };
        let section = Section::from_slug(slug.trim_end_matches('/')).unwrap_or(Section::Conv);
        let mut lang = None;
        let mut present = None;
        let mut rest = Vec::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("lang", value)) => lang = Lang::from_code(value).or(lang),
                Some(("present", value)) => present = Some(matches!(value, "1" | "true")),
                _ if pair == "lang" => {}
                _ if pair == "present" => present = Some(true),
                _ => rest.push(pair),
            }
        }
        Some(Route {
            section,
            lang,
            present,
            query: rest.join("&"),
        })
    }

    /// Formats the route as a hash, `lang` first, then `present=1` in presenter mode:
    /// `#/pool?lang=en&present=1&size=2`.
    pub fn to_hash(&self) -> String {
        let mut pairs: Vec<String> = Vec::new();
        if let Some(lang) = self.lang {
            pairs.push(format!("lang={}", lang.code()));
        }
        if self.present == Some(true) {
            pairs.push("present=1".to_string());
        }
        // A section query may or may not start with `?`; either way it is appended verbatim.
        let query = self.query.trim_start_matches(['?', '&']);
        if !query.is_empty() {
            pairs.push(query.to_string());
        }
        if pairs.is_empty() {
            format!("#/{}", self.section.slug())
        } else {
            format!("#/{}?{}", self.section.slug(), pairs.join("&"))
        }
    }
}

/// The hash of a section page in a language, with the section's query (presenter mode stays
/// as it is when the link is followed).
pub fn href(section: Section, lang: Lang, query: &str) -> String {
    href_in(section, lang, false, query)
}

/// The hash of a section page in a language and presenter mode, with the section's query.
pub fn href_in(section: Section, lang: Lang, present: bool, query: &str) -> String {
    Route {
        section,
        lang: Some(lang),
        present: Some(present),
        query: query.to_string(),
    }
    .to_hash()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_hash_is_the_first_section() {
        for hash in ["", "#", "#/"] {
            assert_eq!(Route::parse(hash), Some(Route::default()), "{hash:?}");
        }
    }

    #[test]
    fn every_slug_round_trips() {
        for section in Section::ALL {
            for lang in Lang::ALL {
                let hash = href(section, lang, "");
                assert_eq!(hash, format!("#/{}?lang={}", section.slug(), lang.code()));
                let route = Route::parse(&hash).unwrap();
                assert_eq!(route.section, section);
                assert_eq!(route.lang, Some(lang));
                assert_eq!(route.query, "");
            }
        }
    }

    #[test]
    fn lang_is_taken_out_of_the_section_query() {
        let route = Route::parse("#/pool?size=2&lang=en&stride=2").unwrap();
        assert_eq!(route.section, Section::Pool);
        assert_eq!(route.lang, Some(Lang::En));
        assert_eq!(route.query, "size=2&stride=2");
        assert_eq!(route.to_hash(), "#/pool?lang=en&size=2&stride=2");
    }

    #[test]
    fn query_without_lang_is_kept_verbatim() {
        let route = Route::parse("#/conv?k=1%2C0%2C-1&pad=1").unwrap();
        assert_eq!(route.lang, None);
        assert_eq!(route.query, "k=1%2C0%2C-1&pad=1");
        assert_eq!(route.to_hash(), "#/conv?k=1%2C0%2C-1&pad=1");
        assert_eq!(Route::parse("#/training").unwrap().to_hash(), "#/training");
    }

    #[test]
    fn bad_lang_and_unknown_slug_fall_back() {
        let route = Route::parse("#/nowhere?lang=de&x=1").unwrap();
        assert_eq!(route.section, Section::Conv);
        assert_eq!(route.lang, None);
        assert_eq!(route.query, "x=1");
        assert_eq!(Route::parse("#/draw?lang=EN").unwrap().lang, Some(Lang::En));
        assert_eq!(Route::parse("#/draw/").unwrap().section, Section::Draw);
    }

    #[test]
    fn presenter_mode_is_a_shell_pair_kept_out_of_the_section_query() {
        let route = Route::parse("#/conv?lang=ru&present=1&k=3").unwrap();
        assert_eq!(route.present, Some(true));
        assert_eq!(route.query, "k=3");
        assert_eq!(route.to_hash(), "#/conv?lang=ru&present=1&k=3");
        assert_eq!(
            Route::parse("#/conv?present=0").unwrap().present,
            Some(false)
        );
        assert_eq!(Route::parse("#/conv?present").unwrap().present, Some(true));
        // A link that does not mention it leaves the mode as it is.
        assert_eq!(Route::parse("#/pool?lang=en").unwrap().present, None);
        assert_eq!(
            href_in(Section::Pool, Lang::En, true, ""),
            "#/pool?lang=en&present=1"
        );
        assert_eq!(
            href_in(Section::Pool, Lang::En, false, "size=2"),
            "#/pool?lang=en&size=2"
        );
    }

    #[test]
    fn in_page_anchors_are_not_routes() {
        assert_eq!(Route::parse("#main"), None);
    }

    #[test]
    fn section_query_may_start_with_question_mark() {
        let route = Route {
            section: Section::Activations,
            lang: Some(Lang::Ru),
            present: None,
            query: "?f=relu".into(),
        };
        assert_eq!(route.to_hash(), "#/activations?lang=ru&f=relu");
    }
}
