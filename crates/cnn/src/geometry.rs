//! Output size of a sliding window — a convolution kernel or a pooling window — along one axis.
//!
//! For input size I, kernel F, padding P (zeros on each side), stride S and dilation D:
//!
//! ```text
//! effective kernel  F' = D·(F − 1) + 1
//! output            O  = ⌊(I + 2P − F') / S⌋ + 1
//! ```
//!
//! With D = 1 this is the lecture's (I − F + 2P)/S + 1. When S does not divide I + 2P − F',
//! the last rows/columns of the input are never read: [`AxisGeometry::uncovered`] lists them
//! (as well as any gaps left by a stride larger than the effective kernel or by dilation).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};

/// The largest size accepted for any of I, F, P, S, D. The app's widest use is an MNIST digit;
/// anything beyond this is a typo and would only allocate absurd amounts of memory.
pub const MAX_SIZE: usize = 4096;

/// Kernel, stride, padding and dilation along one axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Window {
    pub kernel_size: usize,
    pub stride: usize,
    pub padding: usize,
    pub dilation: usize,
}

impl Window {
    /// A window with no padding and no dilation.
    pub const fn new(kernel_size: usize, stride: usize) -> Window {
        Window {
            kernel_size,
            stride,
            padding: 0,
            dilation: 1,
        }
    }

    pub const fn with_padding(self, padding: usize) -> Window {
        Window { padding, ..self }
    }

    pub const fn with_dilation(self, dilation: usize) -> Window {
        Window { dilation, ..self }
    }

    /// D·(F − 1) + 1: the span of input the kernel covers, gaps included.
    pub fn effective_kernel(&self) -> usize {
        self.dilation
            .saturating_mul(self.kernel_size.saturating_sub(1))
            .saturating_add(1)
    }
}

/// Which axis a number belongs to, so that messages can say "height" or "width".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dim {
    Height,
    Width,
}

impl Dim {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Dim::Height => lang.pick("по высоте", "height"),
            Dim::Width => lang.pick("по ширине", "width"),
        }
    }
}

/// Everything the output-size panel shows for one axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisGeometry {
    pub input: usize,
    pub window: Window,
    /// D·(F − 1) + 1.
    pub effective_kernel: usize,
    /// I + 2P.
    pub padded_input: usize,
    /// I + 2P − F', the numerator of the formula.
    pub span: usize,
    /// ⌊span / S⌋ + 1.
    pub output: usize,
    /// span mod S; zero when the division is exact.
    pub remainder: usize,
    /// Input indices (0-based, padding excluded) that no tap of any window position reads.
    pub uncovered: Vec<usize>,
}

impl AxisGeometry {
    /// Computes the geometry of one axis, refusing impossible or absurd configurations.
    pub fn new(input: usize, window: Window) -> Result<AxisGeometry, GeometryError> {
        Self::compute(input, window).map_err(|kind| GeometryError {
            dim: None,
            kind,
            pooling: false,
        })
    }

    fn compute(input: usize, window: Window) -> Result<AxisGeometry, GeometryErrorKind> {
        let Window {
            kernel_size,
            stride,
            padding,
            dilation,
        } = window;
        for (what, value, min) in [
            (Quantity::Input, input, 1),
            (Quantity::Kernel, kernel_size, 1),
            (Quantity::Stride, stride, 1),
            (Quantity::Dilation, dilation, 1),
            (Quantity::Padding, padding, 0),
        ] {
            if value < min {
                return Err(GeometryErrorKind::Zero { what });
            }
            if value > MAX_SIZE {
                return Err(GeometryErrorKind::TooLarge {
                    what,
                    value,
                    max: MAX_SIZE,
                });
            }
        }
        let effective_kernel = window.effective_kernel();
        let padded_input = input + 2 * padding;
        if effective_kernel > padded_input {
            return Err(GeometryErrorKind::KernelTooLarge {
                kernel_size,
                dilation,
                effective_kernel,
                input,
                padding,
            });
        }
        let span = padded_input - effective_kernel;
        let output = span / stride + 1;
        let mut covered = vec![false; input];
        for o in 0..output {
            for k in 0..kernel_size {
                // Position in padded coordinates, then shifted back into the input.
                let p = o * stride + k * dilation;
                if let Some(i) = p.checked_sub(padding).filter(|&i| i < input) {
                    covered[i] = true;
                }
            }
        }
        let uncovered = covered
            .iter()
            .enumerate()
            .filter(|(_, c)| !**c)
            .map(|(i, _)| i)
            .collect();
        Ok(AxisGeometry {
            input,
            window,
            effective_kernel,
            padded_input,
            span,
            output,
            remainder: span % stride,
            uncovered,
        })
    }

    pub fn is_exact(&self) -> bool {
        self.remainder == 0
    }

    /// The lecture's formula with this axis's numbers filled in, in the lecture's order
    /// (I − F + 2P)/S + 1: `(5 − 3 + 2·0) / 1 + 1 = 3`. When S > 1 the floor is written out,
    /// `⌊(7 − 3 + 2·1) / 2⌋ + 1 = 4`, whether or not the division happens to be exact; a dilated
    /// kernel enters as its span F′ (see [`AxisGeometry::effective_kernel_formula`]).
    pub fn formula(&self) -> String {
        let Window {
            stride, padding, ..
        } = self.window;
        let (open, close) = if stride > 1 {
            ("⌊(", "⌋")
        } else {
            ("(", "")
        };
        format!(
            "{open}{} − {} + 2·{padding}) / {stride}{close} + 1 = {}",
            self.input, self.effective_kernel, self.output
        )
    }

    /// `F′ = D·(F − 1) + 1 = 2·(3 − 1) + 1 = 5` — only for a dilated kernel (D > 1).
    pub fn effective_kernel_formula(&self) -> Option<String> {
        let Window {
            kernel_size,
            dilation,
            ..
        } = self.window;
        (dilation > 1).then(|| {
            format!(
                "F′ = D·(F − 1) + 1 = {dilation}·({kernel_size} − 1) + 1 = {}",
                self.effective_kernel
            )
        })
    }

    /// Everything written for this axis on one line: F′ first when D > 1, then the formula.
    pub fn written(&self) -> String {
        match self.effective_kernel_formula() {
            Some(f) => format!("{f};  {}", self.formula()),
            None => self.formula(),
        }
    }
}

/// The output-size formula in symbols, the one form the whole app writes: the lecture's
/// `O = (I − F + 2P) / S + 1`, with the floor `⌊…⌋` made explicit when some stride is above 1
/// (`strided`) and `F′ = D·(F − 1) + 1` in place of F when some dilation is above 1 (`dilated`).
pub fn output_size_formula(strided: bool, dilated: bool) -> String {
    let kernel = if dilated { "F′" } else { "F" };
    let (open, close) = if strided { ("⌊(", "⌋") } else { ("(", "") };
    let mut text = format!("O = {open}I − {kernel} + 2P) / S{close} + 1");
    if dilated {
        text.push_str(",   F′ = D·(F − 1) + 1");
    }
    text
}

/// Both axes of a 2-D window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Geometry2d {
    pub height: AxisGeometry,
    pub width: AxisGeometry,
}

impl Geometry2d {
    pub fn new(
        input_height: usize,
        input_width: usize,
        height: Window,
        width: Window,
    ) -> Result<Geometry2d, GeometryError> {
        let along = |dim, input, window| {
            AxisGeometry::compute(input, window).map_err(|kind| GeometryError {
                dim: Some(dim),
                kind,
                pooling: false,
            })
        };
        Ok(Geometry2d {
            height: along(Dim::Height, input_height, height)?,
            width: along(Dim::Width, input_width, width)?,
        })
    }

    /// Output height × width.
    pub fn output(&self) -> (usize, usize) {
        (self.height.output, self.width.output)
    }

    /// The filled-in formula of both axes ([`AxisGeometry::written`]): one line when they are
    /// the same, `height × width` otherwise. The Training and Architectures tables show this.
    pub fn formula(&self) -> String {
        let (h, w) = (self.height.written(), self.width.written());
        if h == w { h } else { format!("{h} × {w}") }
    }

    /// [`output_size_formula`] for these windows.
    pub fn general_formula(&self) -> String {
        let axes = [&self.height.window, &self.width.window];
        output_size_formula(
            axes.iter().any(|w| w.stride > 1),
            axes.iter().any(|w| w.dilation > 1),
        )
    }
}

/// Which number of a window configuration an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quantity {
    Input,
    Kernel,
    Stride,
    Padding,
    Dilation,
}

impl Quantity {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Quantity::Input => lang.pick("размер входа", "input size"),
            Quantity::Kernel => lang.pick("размер ядра", "kernel size"),
            Quantity::Stride => lang.pick("шаг (stride)", "stride"),
            Quantity::Padding => lang.pick("дополнение (padding)", "padding"),
            Quantity::Dilation => lang.pick("разрежение (dilation)", "dilation"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GeometryErrorKind {
    /// A size that must be at least 1 is 0.
    Zero { what: Quantity },
    TooLarge {
        what: Quantity,
        value: usize,
        max: usize,
    },
    /// The (dilated) kernel does not fit into the padded input.
    KernelTooLarge {
        kernel_size: usize,
        dilation: usize,
        effective_kernel: usize,
        input: usize,
        padding: usize,
    },
}

/// Why a window configuration is impossible, and along which axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeometryError {
    pub dim: Option<Dim>,
    pub kind: GeometryErrorKind,
    /// Pooling calls its kernel a window (the control is labelled so): the message follows.
    #[serde(default)]
    pub pooling: bool,
}

impl GeometryError {
    /// The same error, worded for a pooling window instead of a convolution kernel.
    pub fn in_pooling(self) -> Self {
        GeometryError {
            pooling: true,
            ..self
        }
    }
}

impl Localized for GeometryError {
    fn message(&self, lang: Lang) -> String {
        let name = |what: Quantity| match what {
            Quantity::Kernel if self.pooling => lang.pick("размер окна", "window size"),
            _ => what.name(lang),
        };
        let body = match self.kind {
            GeometryErrorKind::Zero { what } => lang.pick(
                format!("{} должен быть не меньше 1", name(what)),
                format!("{} must be at least 1", name(what)),
            ),
            GeometryErrorKind::TooLarge { what, value, max } => lang.pick(
                format!("{} {value} слишком велик (не больше {max})", name(what)),
                format!("{} {value} is too large (at most {max})", name(what)),
            ),
            GeometryErrorKind::KernelTooLarge {
                kernel_size,
                dilation,
                effective_kernel,
                input,
                padding,
            } => {
                let padded = input + 2 * padding;
                let kernel = if self.pooling {
                    lang.pick(
                        format!("окно {kernel_size}"),
                        format!("window {kernel_size}"),
                    )
                } else if dilation == 1 {
                    lang.pick(
                        format!("ядро {kernel_size}"),
                        format!("kernel {kernel_size}"),
                    )
                } else {
                    lang.pick(
                        format!("ядро {kernel_size} (с разрежением {effective_kernel})"),
                        format!("kernel {kernel_size} (dilated to {effective_kernel})"),
                    )
                };
                lang.pick(
                    format!("{kernel} больше входа с дополнением {padded} ({input} + 2·{padding})"),
                    format!(
                        "{kernel} is larger than the padded input {padded} ({input} + 2·{padding})"
                    ),
                )
            }
        };
        match self.dim {
            Some(dim) => format!("{}: {body}", dim.name(lang)),
            None => body,
        }
    }
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for GeometryError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lecture_example_5_3_1_0_gives_3() {
        // Lecture: (I − F + 2P)/S + 1 = (5 − 3 + 0)/1 + 1 = 3.
        let g = AxisGeometry::new(5, Window::new(3, 1)).unwrap();
        assert_eq!(g.output, 3);
        assert!(g.is_exact());
        assert!(g.uncovered.is_empty());
        assert_eq!(g.formula(), "(5 − 3 + 2·0) / 1 + 1 = 3");
        assert_eq!(g.written(), g.formula());
    }

    #[test]
    fn inexact_division_is_floored_and_reports_uncovered_tail() {
        // I=7, F=3, P=0, S=3: (7 − 3)/3 = 1.33 → 1, +1 = 2 windows at 0..3 and 3..6; column 6 unread.
        let g = AxisGeometry::new(7, Window::new(3, 3)).unwrap();
        assert_eq!((g.output, g.remainder, g.span), (2, 1, 4));
        assert_eq!(g.uncovered, vec![6]);
        assert_eq!(g.formula(), "⌊(7 − 3 + 2·0) / 3⌋ + 1 = 2");
    }

    #[test]
    fn one_symbolic_form_floor_only_for_strides_and_f_prime_only_for_dilation() {
        assert_eq!(
            output_size_formula(false, false),
            "O = (I − F + 2P) / S + 1"
        );
        assert_eq!(
            output_size_formula(true, false),
            "O = ⌊(I − F + 2P) / S⌋ + 1"
        );
        assert_eq!(
            output_size_formula(true, true),
            "O = ⌊(I − F′ + 2P) / S⌋ + 1,   F′ = D·(F − 1) + 1"
        );
        let g = Geometry2d::new(5, 5, Window::new(3, 1), Window::new(3, 1)).unwrap();
        assert_eq!(g.general_formula(), "O = (I − F + 2P) / S + 1");
        assert_eq!(g.formula(), "(5 − 3 + 2·0) / 1 + 1 = 3");
        let g = Geometry2d::new(
            7,
            6,
            Window::new(3, 2).with_padding(1),
            Window::new(3, 1).with_dilation(2),
        )
        .unwrap();
        assert_eq!(
            g.general_formula(),
            "O = ⌊(I − F′ + 2P) / S⌋ + 1,   F′ = D·(F − 1) + 1"
        );
        assert_eq!(
            g.formula(),
            "⌊(7 − 3 + 2·1) / 2⌋ + 1 = 4 × F′ = D·(F − 1) + 1 = 2·(3 − 1) + 1 = 5;  (6 − 5 + 2·0) / 1 + 1 = 2"
        );
    }

    #[test]
    fn padding_and_stride_7_3_1_2() {
        // (7 + 2 − 3)/2 + 1 = 4: windows start at padded 0, 2, 4, 6; every input index is read.
        let g = AxisGeometry::new(7, Window::new(3, 2).with_padding(1)).unwrap();
        assert_eq!((g.output, g.padded_input, g.effective_kernel), (4, 9, 3));
        assert!(g.is_exact());
        // Exact, but S > 1: the floor is still written, as the formula's general form needs it.
        assert_eq!(g.formula(), "⌊(7 − 3 + 2·1) / 2⌋ + 1 = 4");
        assert!(g.uncovered.is_empty());
    }

    #[test]
    fn dilation_widens_the_kernel_and_leaves_gaps() {
        // F=3, D=2 → F'=5; I=7: (7 − 5)/1 + 1 = 3. Taps of window o: o, o+2, o+4 → all 0..6 read.
        let g = AxisGeometry::new(7, Window::new(3, 1).with_dilation(2)).unwrap();
        assert_eq!((g.effective_kernel, g.output), (5, 3));
        assert!(g.uncovered.is_empty());
        assert_eq!(g.formula(), "(7 − 5 + 2·0) / 1 + 1 = 3");
        assert_eq!(
            g.effective_kernel_formula().as_deref(),
            Some("F′ = D·(F − 1) + 1 = 2·(3 − 1) + 1 = 5")
        );
        assert_eq!(
            g.written(),
            "F′ = D·(F − 1) + 1 = 2·(3 − 1) + 1 = 5;  (7 − 5 + 2·0) / 1 + 1 = 3"
        );
        // F=2, D=3, S=4, I=8 → F'=4, out = (8−4)/4+1 = 2; taps {0,3} and {4,7}: 1, 2, 5, 6 unread.
        let g = AxisGeometry::new(8, Window::new(2, 4).with_dilation(3)).unwrap();
        assert_eq!(g.output, 2);
        assert_eq!(g.uncovered, vec![1, 2, 5, 6]);
    }

    #[test]
    fn impossible_configurations_explain_themselves() {
        let err = AxisGeometry::new(5, Window::new(5, 1).with_dilation(2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "kernel 5 (dilated to 9) is larger than the padded input 5 (5 + 2·0)"
        );
        assert_eq!(
            err.message(Lang::Ru),
            "ядро 5 (с разрежением 9) больше входа с дополнением 5 (5 + 2·0)"
        );
        let err = Geometry2d::new(7, 7, Window::new(3, 1), Window::new(3, 0)).unwrap_err();
        assert_eq!(err.to_string(), "width: stride must be at least 1");
        let err = AxisGeometry::new(7, Window::new(0, 1)).unwrap_err();
        assert_eq!(err.to_string(), "kernel size must be at least 1");
        let err = AxisGeometry::new(1_000_000, Window::new(3, 1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "input size 1000000 is too large (at most 4096)"
        );
    }
}
