//! The sliding-window numbers a student sets (input size, kernel size, padding, stride,
//! dilation), each one per axis — the settings shared by the Convolution lab and Pooling.

use std::ops::RangeInclusive;

use cnn::Dim;

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
