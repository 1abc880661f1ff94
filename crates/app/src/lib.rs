//! `convlab` — the Yew web app of the convolution lecture.
//!
//! The shell ([`app`]) owns the header, the language and the URL; each of the five sections
//! ([`sections`]) renders its own page from [`sections::SectionProps`]. All UI text goes through
//! [`i18n::tr`]. The training runs in a Web Worker whose messages are defined in [`worker`].

pub mod app;
pub mod components;
pub mod fetch;
pub mod fuzz;
pub mod hooks;
pub mod i18n;
pub mod lecture;
pub mod offline;
pub mod panic_banner;
pub mod playback;
pub mod query;
pub mod route;
pub mod sections;
pub mod shell;
pub mod test_hooks;
pub mod training;
pub mod worker;

#[cfg(test)]
mod stylesheet_tests {
    /// Sections append their own blocks to one stylesheet; a lost `}` (easy in a merge) silently
    /// swallows every rule after it, so the stylesheet's braces and comments must balance.
    #[test]
    fn stylesheet_braces_and_comments_balance() {
        let css = include_str!("../../../web/style.css");
        let mut depth = 0i32;
        let mut rest = css;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("/*") {
                let end = after.find("*/").expect("a /* comment is never closed");
                assert!(!after[..end].contains("/*"), "nested /* inside a comment");
                rest = &after[end + 2..];
                continue;
            }
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "a `}}` closes nothing near: {:.60}", rest);
            rest = &rest[c.len_utf8()..];
        }
        assert_eq!(depth, 0, "{depth} rule block(s) left open in web/style.css");
    }
}
