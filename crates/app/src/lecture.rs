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

/// A slide of the lecture: its Russian title exactly as the slides write it, and an English
/// rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slide {
    pub ru: &'static str,
    pub en: &'static str,
}

const fn slide(ru: &'static str, en: &'static str) -> Slide {
    Slide { ru, en }
}

const CONV_SLIDES: &[Slide] = &[
    slide(
        "Операция свёртки (convolution) в нейронных сетях",
        "The convolution operation in neural networks",
    ),
    slide(
        "Пример операции свёртки",
        "An example of the convolution operation",
    ),
    slide("Дополнение (padding) и шаг (stride)", "Padding and stride"),
    slide("Расширение (dilation=2)", "Dilation (dilation=2)"),
    slide("Считаем размер выхода", "Computing the output size"),
];
const POOL_SLIDES: &[Slide] = &[slide(
    "Пулинг (pooling, субдискретизация)",
    "Pooling (subsampling)",
)];
const ACTIVATION_SLIDES: &[Slide] = &[
    slide(
        "Сигмоидальные функции активации",
        "Sigmoid activation functions",
    ),
    slide(
        "ReLU — Rectified Linear Unit",
        "ReLU — Rectified Linear Unit",
    ),
    slide("Посмотрим на графики", "Let us look at the plots"),
];
const ARCHITECTURE_SLIDES: &[Slide] = &[
    slide("Hubel & Wiesel (1959)", "Hubel & Wiesel (1959)"),
    slide("Fukushima (1980)", "Fukushima (1980)"),
    slide(
        "Развитие свёрточных сетей",
        "How convolutional networks developed",
    ),
    slide(
        "AlexNet (Krizhevsky, Sutskever, Hinton, 2012)",
        "AlexNet (Krizhevsky, Sutskever, Hinton, 2012)",
    ),
];
const OPTIMIZATION_SLIDES: &[Slide] = &[
    slide(
        "Метод накопления импульса (momentum method)",
        "The momentum method",
    ),
    slide("Поправка Нестерова (1983)", "Nesterov's correction (1983)"),
];
const TRAINING_SLIDES: &[Slide] = &[
    slide(
        "Свёрточная нейронная сеть",
        "The convolutional neural network",
    ),
    slide("AlexNet CNN Architecture", "AlexNet CNN Architecture"),
];
const DRAW_SLIDES: &[Slide] = &[slide(
    "Lekun, Bottou, Bengio, Haffner (1998)",
    "LeCun, Bottou, Bengio, Haffner (1998)",
)];

/// The lecture slides a section accompanies, in the order the lecture shows them. The one list
/// of them: the shell writes it above every section. A new section adds its arm here.
pub fn slides(section: Section) -> &'static [Slide] {
    match section {
        Section::Conv => CONV_SLIDES,
        Section::Pool => POOL_SLIDES,
        Section::Activations => ACTIVATION_SLIDES,
        Section::Architectures => ARCHITECTURE_SLIDES,
        Section::Optimization => OPTIMIZATION_SLIDES,
        Section::Training => TRAINING_SLIDES,
        Section::Draw => DRAW_SLIDES,
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

    #[test]
    fn every_section_names_its_slides_in_both_languages() {
        for section in Section::ALL {
            let list = slides(section);
            assert!(!list.is_empty(), "{section:?} names no slide");
            for s in list {
                assert!(!s.ru.trim().is_empty() && !s.en.trim().is_empty());
                assert!(
                    !s.ru.contains('«') && !s.en.contains('“'),
                    "quotes are the shell's"
                );
            }
        }
        assert_eq!(
            slides(Section::Conv)
                .iter()
                .map(|s| s.ru)
                .collect::<Vec<_>>(),
            [
                "Операция свёртки (convolution) в нейронных сетях",
                "Пример операции свёртки",
                "Дополнение (padding) и шаг (stride)",
                "Расширение (dilation=2)",
                "Считаем размер выхода"
            ]
        );
        assert_eq!(slides(Section::Pool)[0].en, "Pooling (subsampling)");
    }
}
