//! The sliding-window numbers a student sets (input size, kernel size, padding, stride,
//! dilation), each one per axis — the settings shared by the Convolution lab and Pooling.

use std::ops::RangeInclusive;

use cnn::{Dim, Lang};

pub const INPUT_SIZES: RangeInclusive<usize> = 3..=16;
pub const KERNEL_SIZES: RangeInclusive<usize> = 1..=7;
pub const PADDINGS: RangeInclusive<usize> = 0..=4;
pub const STRIDES: RangeInclusive<usize> = 1..=4;
pub const DILATIONS: RangeInclusive<usize> = 1..=3;
pub const FILTERS: RangeInclusive<usize> = 1..=4;
/// The built-in MNIST digits of the "on a real image" view (one per class, see `extras`).
pub const DIGITS: RangeInclusive<usize> = 0..=9;

/// A value per axis (height, width).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PerAxis {
    pub h: usize,
    pub w: usize,
}

impl PerAxis {
    pub const fn both(v: usize) -> PerAxis {
        PerAxis { h: v, w: v }
    }

    pub fn get(self, axis: Dim) -> usize {
        match axis {
            Dim::Height => self.h,
            Dim::Width => self.w,
        }
    }

    /// This setting after the user sets `axis` to `value` (clamped to `range`); while the axes
    /// are linked, both change.
    pub fn updated(
        self,
        axis: Dim,
        value: usize,
        range: RangeInclusive<usize>,
        linked: bool,
    ) -> PerAxis {
        let value = value.clamp(*range.start(), *range.end());
        if linked {
            return PerAxis::both(value);
        }
        let mut target = self;
        target.set(axis, value);
        target
    }

    fn set(&mut self, axis: Dim, value: usize) {
        match axis {
            Dim::Height => self.h = value,
            Dim::Width => self.w = value,
        }
    }
}

/// Which sliding-window number a control edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    Input,
    Kernel,
    Padding,
    Stride,
    Dilation,
}

impl Setting {
    pub const ALL: [Setting; 5] = [
        Setting::Input,
        Setting::Kernel,
        Setting::Padding,
        Setting::Stride,
        Setting::Dilation,
    ];

    pub fn range(self) -> RangeInclusive<usize> {
        match self {
            Setting::Input => INPUT_SIZES,
            Setting::Kernel => KERNEL_SIZES,
            Setting::Padding => PADDINGS,
            Setting::Stride => STRIDES,
            Setting::Dilation => DILATIONS,
        }
    }

    /// The URL key.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Input => "in",
            Setting::Kernel => "k",
            Setting::Padding => "p",
            Setting::Stride => "s",
            Setting::Dilation => "d",
        }
    }
}

/// A typed value outside a control's range and the value used instead — shown beside the
/// control, so that 40 typed into "input size" never silently becomes 16.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClampNote {
    /// What was typed, shortened ([`cnn::echo`]).
    pub typed: String,
    pub used: usize,
    pub min: usize,
    pub max: usize,
}

/// What a stepper does with the text typed into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typed {
    /// Use this value; the note says when it had to be clamped into range.
    Use(usize, Option<ClampNote>),
    /// Not a whole number ("", "abc", "2.5"): the text stays in the field with this message and
    /// the setting keeps its value.
    Refused {
        typed: String,
        min: usize,
        max: usize,
    },
}

impl ClampNote {
    /// "Stride: 9 is outside 1–4, so 4 is used."
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let ClampNote {
            typed,
            used,
            min,
            max,
        } = self;
        lang.pick(
            format!("{label}: {typed} вне допустимых значений {min}–{max}, взято {used}."),
            format!("{label}: {typed} is outside {min}–{max}, so {used} is used."),
        )
    }
}

/// Reads a stepper's text: a whole number (also "+5", "−3", "1e9") is used, clamped into
/// `min..=max` with a note when outside; anything else is refused, never silently replaced.
pub fn read_typed(text: &str, min: usize, max: usize) -> Typed {
    let trimmed = text.trim();
    // Keyboards and the lecture write the minus sign either way.
    let number = trimmed.replace('−', "-").parse::<f64>().ok();
    match number {
        Some(x) if x.is_finite() && x.fract() == 0.0 => {
            // `as` saturates, so 1e30 becomes usize::MAX and is clamped like 40.
            let used = (x.max(0.0) as usize).clamp(min, max);
            let in_range = x >= min as f64 && x <= max as f64;
            let note = (!in_range).then(|| ClampNote {
                typed: cnn::echo(trimmed),
                used,
                min,
                max,
            });
            Typed::Use(used, note)
        }
        _ => Typed::Refused {
            typed: cnn::echo(trimmed),
            min,
            max,
        },
    }
}

impl Typed {
    /// The refusal's message: "Stride: “abc” is not a whole number from 1 to 4; the stride
    /// stays 2."
    pub fn refusal(&self, lang: Lang, label: &str, value: usize) -> Option<String> {
        let Typed::Refused { typed, min, max } = self else {
            return None;
        };
        Some(if typed.is_empty() {
            lang.pick(
                format!("{label}: введите целое число от {min} до {max}; пока остаётся {value}."),
                format!(
                    "{label}: type a whole number from {min} to {max}; {value} stays meanwhile."
                ),
            )
        } else {
            lang.pick(
                format!("{label}: «{typed}» — не целое число от {min} до {max}; остаётся {value}."),
                format!(
                    "{label}: “{typed}” is not a whole number from {min} to {max}; {value} stays."
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_out_of_range_are_clamped_with_a_note() {
        let clamped =
            |typed: usize, min: usize, max: usize| match read_typed(&typed.to_string(), min, max) {
                Typed::Use(used, note) => (used, note),
                refused => panic!("{typed} refused: {refused:?}"),
            };
        let (used, note) = clamped(40, *INPUT_SIZES.start(), *INPUT_SIZES.end());
        assert_eq!(used, 16);
        assert_eq!(
            note.unwrap().message(Lang::En, "Input size"),
            "Input size: 40 is outside 3–16, so 16 is used."
        );
        let (used, note) = clamped(9, *STRIDES.start(), *STRIDES.end());
        assert_eq!(used, 4);
        assert_eq!(
            note.unwrap().message(Lang::Ru, "Шаг"),
            "Шаг: 9 вне допустимых значений 1–4, взято 4."
        );
        assert_eq!(clamped(0, 1, 4).0, 1);
        assert_eq!(clamped(3, 1, 4), (3, None));
    }

    #[test]
    fn every_typed_text_is_used_clamped_with_a_note_or_refused_with_a_message() {
        let note = |text: &str| match read_typed(text, 1, 4) {
            Typed::Use(used, note) => (used, note.map(|n| n.message(Lang::En, "Stride"))),
            refused => panic!("{text:?} refused: {refused:?}"),
        };
        assert_eq!(note("3"), (3, None));
        assert_eq!(note(" +3 "), (3, None));
        assert_eq!(note("03"), (3, None));
        assert_eq!(
            note("0"),
            (1, Some("Stride: 0 is outside 1–4, so 1 is used.".into()))
        );
        assert_eq!(
            note("-3"),
            (1, Some("Stride: -3 is outside 1–4, so 1 is used.".into()))
        );
        assert_eq!(
            note("−3"),
            (1, Some("Stride: −3 is outside 1–4, so 1 is used.".into()))
        );
        assert_eq!(
            note("1e9"),
            (4, Some("Stride: 1e9 is outside 1–4, so 4 is used.".into()))
        );
        assert_eq!(
            note("+5"),
            (4, Some("Stride: +5 is outside 1–4, so 4 is used.".into()))
        );
        let refused = |text: &str, lang| read_typed(text, 1, 4).refusal(lang, "Stride", 2);
        assert_eq!(
            refused("abc", Lang::En).unwrap(),
            "Stride: “abc” is not a whole number from 1 to 4; 2 stays."
        );
        assert_eq!(
            refused("2.5", Lang::Ru).unwrap(),
            "Stride: «2.5» — не целое число от 1 до 4; остаётся 2."
        );
        assert_eq!(
            refused("", Lang::En).unwrap(),
            "Stride: type a whole number from 1 to 4; 2 stays meanwhile."
        );
        assert!(refused("inf", Lang::En).is_some());
        assert!(refused("NaN", Lang::En).is_some());
        assert_eq!(refused("3", Lang::En), None);
        // A long paste is echoed shortened.
        let long = refused(&"x".repeat(10_000), Lang::En).unwrap();
        assert!(long.chars().count() < 120, "{long}");
    }
}
