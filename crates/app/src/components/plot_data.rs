//! What a [`super::plot_canvas::PlotCanvas`] draws, in plain Rust (tested natively): series,
//! ranges, the data ↔ CSS-pixel mapping of the plotting area, and tick labels.

use cnn::curves::Polyline;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS swatches next to the canvas.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The Okabe–Ito palette (Okabe & Ito, 2008): distinguishable with every common colour-vision
/// deficiency. Yellow is left out: it is unreadable on white on a projector.
pub mod palette {
    use super::Rgb;
    pub const BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
    pub const VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
    pub const BLUISH_GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
    pub const REDDISH_PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);
    pub const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
    pub const SKY_BLUE: Rgb = Rgb(0x56, 0xB4, 0xE9);
    pub const INK: Rgb = Rgb(0x1A, 0x1A, 0x1A);
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    Solid,
    Dashed,
}

/// One curve: its pieces are drawn as separate polylines (a jump is never bridged).
#[derive(Clone, Debug, PartialEq)]
pub struct PlotSeries {
    pub color: Rgb,
    pub style: LineStyle,
    /// Line width in CSS pixels (scaled by devicePixelRatio when drawn).
    pub width: f64,
    /// Opacity 0…1 (faint helper curves).
    pub opacity: f64,
    /// Draw a dot at every point (for discrete data such as k = 1…20).
    pub markers: bool,
    pub pieces: Vec<Polyline>,
}

impl PlotSeries {
    pub fn line(color: Rgb, style: LineStyle, pieces: Vec<Polyline>) -> Self {
        PlotSeries {
            color,
            style,
            width: 3.0,
            opacity: 1.0,
            markers: false,
            pieces,
        }
    }
}

/// A straight segment in data coordinates (e.g. the "largest gap" marker).
#[derive(Clone, Debug, PartialEq)]
pub struct PlotSegment {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub color: Rgb,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlotSpec {
    pub x_range: (f64, f64),
    /// In data units; with `log_y` the axis shows log10 of the values and this range must be > 0.
    pub y_range: (f64, f64),
    pub log_y: bool,
    pub x_desc: String,
    pub y_desc: String,
    /// Label the x axis at integers only (for k = 1…20).
    pub integer_x: bool,
    pub series: Vec<PlotSeries>,
    pub segments: Vec<PlotSegment>,
}

impl PlotSpec {
    /// The y range on the drawn axis (log10 of the data range when `log_y`).
    pub fn axis_y_range(&self) -> (f64, f64) {
        if self.log_y {
            (self.y_range.0.log10(), self.y_range.1.log10())
        } else {
            self.y_range
        }
    }

    /// A data y as drawn on the axis; None when a log axis cannot show it (y ≤ 0).
    pub fn axis_y(&self, y: f64) -> Option<f64> {
        if !y.is_finite() {
            None
        } else if self.log_y {
            (y > 0.0).then(|| y.log10())
        } else {
            Some(y)
        }
    }

    /// The pieces of a series as drawn on the axis: on a log axis a piece is split where y ≤ 0.
    pub fn axis_pieces(&self, series: &PlotSeries) -> Vec<Polyline> {
        let mut out = Vec::new();
        for piece in &series.pieces {
            let mut current = Vec::new();
            for &(x, y) in piece {
                match self.axis_y(y) {
                    Some(ay) => current.push((x, ay)),
                    None => {
                        if !current.is_empty() {
                            out.push(std::mem::take(&mut current));
                        }
                    }
                }
            }
            if !current.is_empty() {
                out.push(current);
            }
        }
        out
    }
}

/// Where the plotting area sits inside the canvas, in CSS pixels, and the ranges it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub x_range: (f64, f64),
    /// The range on the drawn axis (already log10 on a log axis).
    pub axis_y_range: (f64, f64),
    pub log_y: bool,
}

impl PlotArea {
    pub fn x_to_px(&self, x: f64) -> f64 {
        let (x0, x1) = self.x_range;
        self.left + (x - x0) / (x1 - x0) * (self.right - self.left)
    }

    pub fn px_to_x(&self, px: f64) -> f64 {
        let (x0, x1) = self.x_range;
        x0 + (px - self.left) / (self.right - self.left) * (x1 - x0)
    }

    /// The pixel row of a data y; None when the axis cannot show it.
    pub fn y_to_px(&self, y: f64) -> Option<f64> {
        let ay = if self.log_y {
            if y > 0.0 {
                y.log10()
            } else {
                return None;
            }
        } else {
            y
        };
        let (y0, y1) = self.axis_y_range;
        ay.is_finite()
            .then(|| self.bottom - (ay - y0) / (y1 - y0) * (self.bottom - self.top))
    }

    /// Data units per CSS pixel along x.
    pub fn x_per_px(&self) -> f64 {
        (self.x_range.1 - self.x_range.0) / (self.right - self.left).max(1.0)
    }

    pub fn contains_x(&self, x: f64) -> bool {
        x >= self.x_range.0 && x <= self.x_range.1
    }

    pub fn contains_px(&self, px: f64, py: f64) -> bool {
        px >= self.left && px <= self.right && py >= self.top && py <= self.bottom
    }
}

/// Writes a number with a typographic minus sign.
pub fn with_minus(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None => text,
    }
}

/// A tick label: up to 3 decimals, trailing zeros dropped, "−" for negatives, never "−0".
pub fn format_tick(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    if rounded == 0.0 {
        return "0".to_string();
    }
    let text = format!("{rounded:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    with_minus(text)
}

pub use cnn::superscript;

/// A tick label on a log axis whose drawn value is `exponent` (= log10 of the data): "10⁻⁶".
/// Only integer exponents get a label.
pub fn format_pow10_tick(exponent: f64) -> String {
    let e = exponent.round();
    if (exponent - e).abs() > 1e-9 {
        return String::new();
    }
    if e == 0.0 {
        return "1".to_string();
    }
    format!("10{}", superscript(e as i32))
}

/// A y range that shows [lo, hi] with `pad` (fraction of the span) on both sides; a flat or
/// empty range is widened so the axis never degenerates.
pub fn padded_range(lo: f64, hi: f64, pad: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) || lo > hi {
        return (-1.0, 1.0);
    }
    let span = (hi - lo).max(1e-9);
    if span < 1e-6 {
        return (lo - 0.5, hi + 0.5);
    }
    (lo - pad * span, hi + pad * span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area() -> PlotArea {
        PlotArea {
            left: 50.0,
            top: 10.0,
            right: 650.0,
            bottom: 310.0,
            x_range: (-6.0, 6.0),
            axis_y_range: (-1.0, 2.0),
            log_y: false,
        }
    }

    #[test]
    fn mapping_round_trips() {
        let a = area();
        assert_eq!(a.x_to_px(-6.0), 50.0);
        assert_eq!(a.x_to_px(6.0), 650.0);
        assert_eq!(a.x_to_px(0.0), 350.0);
        assert_eq!(a.px_to_x(350.0), 0.0);
        assert!((a.px_to_x(a.x_to_px(1.234)) - 1.234).abs() < 1e-12);
        assert_eq!(a.y_to_px(-1.0), Some(310.0));
        assert_eq!(a.y_to_px(2.0), Some(10.0));
        assert_eq!(a.x_per_px(), 0.02);
        assert!(a.contains_px(60.0, 20.0) && !a.contains_px(10.0, 20.0));
    }

    #[test]
    fn log_axis_maps_powers_of_ten() {
        let a = PlotArea {
            axis_y_range: (-12.0, 0.0),
            log_y: true,
            ..area()
        };
        assert_eq!(a.y_to_px(1.0), Some(10.0));
        assert_eq!(a.y_to_px(1e-12), Some(310.0));
        assert_eq!(a.y_to_px(1e-6), Some(160.0));
        assert_eq!(a.y_to_px(0.0), None);
    }

    #[test]
    fn log_pieces_split_at_zero() {
        let spec = PlotSpec {
            x_range: (1.0, 4.0),
            y_range: (1e-3, 1.0),
            log_y: true,
            x_desc: String::new(),
            y_desc: String::new(),
            integer_x: true,
            series: Vec::new(),
            segments: Vec::new(),
        };
        let series = PlotSeries::line(
            palette::BLUE,
            LineStyle::Solid,
            vec![vec![(1.0, 0.1), (2.0, 0.0), (3.0, 0.01), (4.0, 0.001)]],
        );
        let pieces = spec.axis_pieces(&series);
        assert_eq!(
            pieces,
            vec![vec![(1.0, -1.0)], vec![(3.0, -2.0), (4.0, -3.0)]]
        );
        assert_eq!(spec.axis_y_range(), (-3.0, 0.0));
    }

    #[test]
    fn tick_labels() {
        assert_eq!(format_tick(-6.0), "−6");
        assert_eq!(format_tick(0.5), "0.5");
        assert_eq!(format_tick(-0.0001), "0");
        assert_eq!(format_tick(2.25), "2.25");
        assert_eq!(format_tick(1.0 / 3.0), "0.333");
        assert_eq!(format_pow10_tick(-6.0), "10⁻⁶");
        assert_eq!(format_pow10_tick(-12.0), "10⁻¹²");
        assert_eq!(format_pow10_tick(0.0), "1");
        assert_eq!(format_pow10_tick(-0.5), "");
        assert_eq!(superscript(10), "¹⁰");
    }

    #[test]
    fn colours_and_ranges() {
        assert_eq!(palette::BLUE.css(), "#0072b2");
        assert_eq!(padded_range(0.0, 1.0, 0.1), (-0.1, 1.1));
        assert_eq!(padded_range(2.0, 2.0, 0.1), (1.5, 2.5));
        assert_eq!(padded_range(f64::NAN, 1.0, 0.1), (-1.0, 1.0));
    }
}
