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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClampNote {
    pub typed: usize,
    pub used: usize,
    pub min: usize,
    pub max: usize,
}

impl ClampNote {
    /// The value to use for `typed`, and the note when it had to be clamped.
    pub fn check(typed: usize, min: usize, max: usize) -> (usize, Option<ClampNote>) {
        let used = typed.clamp(min, max);
        let note = (used != typed).then_some(ClampNote {
            typed,
            used,
            min,
            max,
        });
        (used, note)
    }

    /// "Stride: 9 is outside 1–4, so 4 is used."
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let ClampNote {
            typed,
            used,
            min,
            max,
        } = *self;
        lang.pick(
            format!("{label}: {typed} вне допустимых значений {min}–{max}, взято {used}."),
            format!("{label}: {typed} is outside {min}–{max}, so {used} is used."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_out_of_range_are_clamped_with_a_note() {
        let (used, note) = ClampNote::check(40, *INPUT_SIZES.start(), *INPUT_SIZES.end());
        assert_eq!(used, 16);
        assert_eq!(
            note.unwrap().message(Lang::En, "Input size"),
            "Input size: 40 is outside 3–16, so 16 is used."
        );
        let (used, note) = ClampNote::check(9, *STRIDES.start(), *STRIDES.end());
        assert_eq!(used, 4);
        assert_eq!(
            note.unwrap().message(Lang::Ru, "Шаг"),
            "Шаг: 9 вне допустимых значений 1–4, взято 4."
        );
        assert_eq!(ClampNote::check(0, 1, 4).0, 1);
        assert_eq!(ClampNote::check(3, 1, 4), (3, None));
    }
}
