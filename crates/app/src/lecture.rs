//! Driving the lecture from the keyboard: the keys a presentation clicker sends (PageDown /
//! PageUp), `]` / `[` for the next / previous section in lecture order, F for fullscreen, ? for the
//! sheet of keys and Esc to close it.
//!
//! The section's own keys (Space and ← / → for its player, the pad's keys in Draw) stay with the
//! section; nothing here fires while the focus is in a field, so typing "]" into a spec or "f"
//! into a number never navigates.

use crate::sections::Section;

/// A page-wide lecture shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LectureKey {
    Next,
    Previous,
    Fullscreen,
    Help,
    Close,
}

/// Which lecture shortcut a key is, given the focused element's tag and role.
pub fn lecture_key(
    key: &str,
    tag: &str,
    role: Option<&str>,
    modifiers: bool,
) -> Option<LectureKey> {
    if modifiers {
        return None;
    }
    let tag = tag.to_ascii_uppercase();
    let typing = matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA")
        || matches!(role, Some("gridcell" | "textbox" | "spinbutton"));
    if typing {
        // Esc still closes the sheet of keys when it was opened from a field's neighbourhood.
        return (key == "Escape").then_some(LectureKey::Close);
    }
    match key {
        "PageDown" | "]" => Some(LectureKey::Next),
        "PageUp" | "[" => Some(LectureKey::Previous),
        "f" | "F" => Some(LectureKey::Fullscreen),
        "?" => Some(LectureKey::Help),
        "Escape" => Some(LectureKey::Close),
        _ => None,
    }
}

/// The section `step` places away in lecture order, staying at the first and the last.
pub fn neighbour(section: Section, step: isize) -> Section {
    let all = Section::ALL;
    let at = all.iter().position(|&s| s == section).unwrap_or(0) as isize;
    let to = (at + step).clamp(0, all.len() as isize - 1) as usize;
    all[to]
}

/// The keys of the whole lecture: (key as shown, i18n key of what it does).
pub const LECTURE_KEYS: &[(&str, &str)] = &[
    ("PageDown  ]", "shell.keys.next"),
    ("PageUp  [", "shell.keys.previous"),
    ("F", "shell.keys.fullscreen"),
    ("?", "shell.keys.help"),
    ("Esc", "shell.keys.close"),
];

/// The keys of the player that steps through the Convolution lab's and Pooling's positions.
const PLAYER_KEYS: &[(&str, &str)] = &[("Space", "shell.keys.play"), ("←  →", "shell.keys.step")];

/// The Optimization section: its player, and the arrows on the map for the start point.
const OPTIMIZATION_KEYS: &[(&str, &str)] = &[
    ("Space", "shell.keys.play"),
    ("←  →", "shell.keys.step"),
    ("← ↑ → ↓", "shell.keys.start_point"),
];

/// The Draw section's pad keys.
const PAD_KEYS: &[(&str, &str)] = &[
    ("Tab", "shell.keys.pad_focus"),
    ("← ↑ → ↓", "shell.keys.pad_move"),
    ("Shift", "shell.keys.pad_fine"),
    ("Space  Enter", "shell.keys.pad_pen"),
    ("Esc", "shell.keys.pad_lift"),
];

/// The keys a section adds to the lecture's own.
pub fn section_keys(section: Section) -> &'static [(&'static str, &'static str)] {
    match section {
        Section::Conv | Section::Pool => PLAYER_KEYS,
        Section::Draw => PAD_KEYS,
        Section::Optimization => OPTIMIZATION_KEYS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_and_bracket_keys_move_through_the_lecture() {
        assert_eq!(
            lecture_key("PageDown", "BODY", None, false),
            Some(LectureKey::Next)
        );
        assert_eq!(
            lecture_key("]", "BUTTON", None, false),
            Some(LectureKey::Next)
        );
        assert_eq!(
            lecture_key("PageUp", "A", None, false),
            Some(LectureKey::Previous)
        );
        assert_eq!(
            lecture_key("[", "DIV", None, false),
            Some(LectureKey::Previous)
        );
        assert_eq!(
            lecture_key("f", "BODY", None, false),
            Some(LectureKey::Fullscreen)
        );
        assert_eq!(
            lecture_key("F", "BODY", None, false),
            Some(LectureKey::Fullscreen)
        );
        assert_eq!(
            lecture_key("?", "BODY", None, false),
            Some(LectureKey::Help)
        );
        assert_eq!(
            lecture_key("Escape", "BODY", None, false),
            Some(LectureKey::Close)
        );
        assert_eq!(lecture_key("x", "BODY", None, false), None);
    }

    #[test]
    fn nothing_fires_while_typing_or_with_modifiers() {
        for tag in ["INPUT", "input", "TEXTAREA", "SELECT"] {
            for key in ["PageDown", "]", "[", "f", "?"] {
                assert_eq!(lecture_key(key, tag, None, false), None, "{key} in {tag}");
            }
        }
        assert_eq!(lecture_key("]", "DIV", Some("gridcell"), false), None);
        assert_eq!(lecture_key("f", "BODY", None, true), None);
        assert_eq!(lecture_key("PageDown", "BODY", None, true), None);
        assert_eq!(
            lecture_key("Escape", "INPUT", None, false),
            Some(LectureKey::Close)
        );
    }

    #[test]
    fn neighbours_follow_lecture_order_and_stop_at_the_ends() {
        let all = Section::ALL;
        for pair in all.windows(2) {
            assert_eq!(neighbour(pair[0], 1), pair[1]);
            assert_eq!(neighbour(pair[1], -1), pair[0]);
        }
        assert_eq!(neighbour(all[0], -1), all[0]);
        assert_eq!(neighbour(all[all.len() - 1], 1), all[all.len() - 1]);
    }
}
