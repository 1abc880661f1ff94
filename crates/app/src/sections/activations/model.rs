//! What the Activations section shows, computed from its state with `cnn::curves` (plain Rust,
//! tested natively): the three chart specs, the readout rows and the number formats.

use cnn::Activation;
use cnn::curves::{
    DEPTH_ACTIVATIONS, MAX_DEPTH, MaxGap, Polyline, Quantity, depth_gradient,
    depth_gradient_series, sample_curve, sample_sum, y_extent,
};

use super::state::ActivationsState;
use crate::components::plot_data::{
    LineStyle, PlotSegment, PlotSeries, PlotSpec, Rgb, padded_range, palette, superscript,
    with_minus,
};

/// Intervals per curve: 600 over at most 40 units of x is ≤ 0.07 per sample, finer than a
/// pixel on a 1024-px projector for the smooth curves (kinks and jumps are sampled exactly).
pub const CURVE_INTERVALS: usize = 600;

/// The colour of each activation in every chart of the section.
pub fn activation_color(activation: Activation) -> Rgb {
    match activation {
        Activation::Sigmoid => palette::BLUE,
        Activation::Tanh => palette::VERMILLION,
        Activation::Relu => palette::BLUISH_GREEN,
        Activation::Softplus => palette::REDDISH_PURPLE,
        Activation::LeakyRelu { .. } => palette::ORANGE,
    }
}

/// The name in the narrow tables ("tanh" instead of the long Russian name).
pub fn short_name(activation: Activation, lang: cnn::Lang) -> &'static str {
    match activation {
        Activation::Tanh => "tanh",
        other => other.display_name(lang),
    }
}

/// The formula shown next to each name in the legend.
pub fn formula(activation: Activation) -> &'static str {
    match activation {
        Activation::Sigmoid => "σ(x) = 1 / (1 + e⁻ˣ)",
        Activation::Tanh => "tanh x",
        Activation::Relu => "max(0, x)",
        Activation::Softplus => "ln(1 + eˣ)",
        Activation::LeakyRelu { .. } => "max(0.01x, x)",
    }
}

/// Line width of Leaky ReLU (CSS px), wider than the others' 3 px (see [`curves_spec`]).
pub const LEAKY_WIDTH: f64 = 7.0;

/// The main chart: every visible curve (solid) and, on demand, its derivative (dashed).
pub fn curves_spec(state: &ActivationsState, x_desc: &str, y_desc: &str) -> PlotSpec {
    let (x0, x1) = (-state.range, state.range);
    let mut series = Vec::new();
    // Leaky ReLU coincides with ReLU for x > 0: it is drawn first and wider, so ReLU's line
    // on top leaves an orange border and both stay visible.
    let mut visible = state.visible();
    visible.sort_by_key(|a| !matches!(a, Activation::LeakyRelu { .. }));
    for activation in visible {
        let color = activation_color(activation);
        let width = if matches!(activation, Activation::LeakyRelu { .. }) {
            LEAKY_WIDTH
        } else {
            3.0
        };
        series.push(PlotSeries {
            width,
            ..PlotSeries::line(
                color,
                LineStyle::Solid,
                sample_curve(activation, Quantity::Value, x0, x1, CURVE_INTERVALS),
            )
        });
        if state.derivatives {
            series.push(PlotSeries {
                width,
                ..PlotSeries::line(
                    color,
                    LineStyle::Dashed,
                    sample_curve(activation, Quantity::Derivative, x0, x1, CURVE_INTERVALS),
                )
            });
        }
    }
    // Always show y = 0 and y = 1 (the sigmoid's asymptotes) so toggling curves does not make
    // the axis jump for the bounded functions.
    let (lo, hi) = y_extent(series.iter().flat_map(|s| s.pieces.iter()))
        .map_or((0.0, 1.0), |(lo, hi)| (lo.min(0.0), hi.max(1.0)));
    PlotSpec {
        x_range: (x0, x1),
        y_range: padded_range(lo, hi, 0.06),
        log_y: false,
        x_desc: x_desc.to_string(),
        y_desc: y_desc.to_string(),
        integer_x: false,
        series,
        segments: Vec::new(),
    }
}

/// One row of the readout table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReadoutRow {
    pub activation: Activation,
    pub value: f64,
    pub derivative: f64,
}

pub fn readout(state: &ActivationsState, x: f64) -> Vec<ReadoutRow> {
    state
        .visible()
        .into_iter()
        .map(|activation| ReadoutRow {
            activation,
            value: activation.value(x),
            derivative: activation.derivative(x),
        })
        .collect()
}

/// The dots on the curves at the cursor (values, and derivatives when they are shown).
pub fn cursor_dots(state: &ActivationsState, x: f64) -> Vec<(f64, Rgb)> {
    readout(state, x)
        .into_iter()
        .flat_map(|row| {
            let color = activation_color(row.activation);
            let mut dots = vec![(row.value, color)];
            if state.derivatives {
                dots.push((row.derivative, color));
            }
            dots
        })
        .collect()
}

/// Colours of the sum chart.
pub const SUM_COLOR: Rgb = palette::BLUE;
pub const SOFTPLUS_COLOR: Rgb = palette::REDDISH_PURPLE;
pub const TERM_COLOR: Rgb = palette::SKY_BLUE;
pub const GAP_COLOR: Rgb = palette::INK;

/// The largest gap of the sum on the visible range.
pub fn sum_gap(state: &ActivationsState) -> Option<MaxGap> {
    state
        .start
        .max_gap(state.terms, -state.sum_range, state.sum_range)
}

/// The sum chart: the N terms (faint), softplus, f_N and the largest gap as a black segment.
pub fn sum_spec(state: &ActivationsState, x_desc: &str, y_desc: &str) -> PlotSpec {
    let (x0, x1) = (-state.sum_range, state.sum_range);
    let n = CURVE_INTERVALS / 2;
    let step = (x1 - x0) / n as f64;
    let grid: Vec<f64> = (0..=n).map(|j| x0 + step * j as f64).collect();
    let mut series: Vec<PlotSeries> = (1..=state.terms)
        .map(|i| {
            let piece: Polyline = grid.iter().map(|&x| (x, state.start.term(i, x))).collect();
            PlotSeries {
                width: 1.5,
                opacity: 0.55,
                ..PlotSeries::line(TERM_COLOR, LineStyle::Solid, vec![piece])
            }
        })
        .collect();
    // The limit of the chosen sum: softplus(x), or softplus(x + 1) for the slide's.
    let shift = state.start.shift();
    let limit = sample_curve(
        Activation::Softplus,
        Quantity::Value,
        x0 + shift,
        x1 + shift,
        n,
    )
    .into_iter()
    .map(|piece| piece.into_iter().map(|(x, y)| (x - shift, y)).collect())
    .collect();
    series.push(PlotSeries::line(SOFTPLUS_COLOR, LineStyle::Solid, limit));
    let sum = sample_sum(state.terms, x0 + shift, x1 + shift, n)
        .into_iter()
        .map(|(x, y)| (x - shift, y))
        .collect();
    series.push(PlotSeries {
        width: 3.0,
        ..PlotSeries::line(SUM_COLOR, LineStyle::Dashed, vec![sum])
    });
    let segments = sum_gap(state)
        .map(|gap| {
            let softplus = state.start.limit(gap.x);
            vec![PlotSegment {
                from: (gap.x, softplus),
                to: (gap.x, softplus + gap.signed_gap),
                color: GAP_COLOR,
            }]
        })
        .unwrap_or_default();
    let (lo, hi) = y_extent(series.iter().flat_map(|s| s.pieces.iter())).unwrap_or((0.0, 1.0));
    PlotSpec {
        x_range: (x0, x1),
        y_range: padded_range(lo.min(0.0), hi.max(1.0), 0.05),
        log_y: false,
        x_desc: x_desc.to_string(),
        y_desc: y_desc.to_string(),
        integer_x: false,
        series,
        segments,
    }
}

/// The floor of the log axis of the depth chart (values below it are not drawn).
pub const DEPTH_FLOOR: f64 = 1e-40;

/// The depth chart: f′(z)^k for k = 1…20 with dots, on a log axis from the smallest positive
/// value (rounded down to a power of ten) to 10.
pub fn depth_spec(state: &ActivationsState, x_desc: &str, y_desc: &str) -> PlotSpec {
    let series: Vec<PlotSeries> = DEPTH_ACTIVATIONS
        .iter()
        .map(|&activation| {
            let points: Polyline = depth_gradient_series(activation, state.z, MAX_DEPTH)
                .into_iter()
                .map(|(k, g)| (f64::from(k), g))
                .collect();
            PlotSeries {
                markers: true,
                width: 2.5,
                ..PlotSeries::line(activation_color(activation), LineStyle::Solid, vec![points])
            }
        })
        .collect();
    let smallest = series
        .iter()
        .flat_map(|s| s.pieces.iter().flatten())
        .map(|&(_, g)| g)
        .filter(|&g| g > 0.0)
        .fold(1.0f64, f64::min)
        .max(DEPTH_FLOOR);
    let floor = 10f64.powi(smallest.log10().floor() as i32).min(1e-2);
    let k = f64::from(state.layers);
    PlotSpec {
        x_range: (0.5, f64::from(MAX_DEPTH) + 0.5),
        y_range: (floor, 10.0),
        log_y: true,
        x_desc: x_desc.to_string(),
        y_desc: y_desc.to_string(),
        integer_x: true,
        series,
        segments: vec![PlotSegment {
            from: (k, floor),
            to: (k, 10.0),
            color: palette::INK,
        }],
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DepthRow {
    pub activation: Activation,
    /// f′(z)
    pub derivative: f64,
    /// f′(z)^k
    pub product: f64,
}

pub fn depth_rows(state: &ActivationsState) -> Vec<DepthRow> {
    DEPTH_ACTIVATIONS
        .iter()
        .map(|&activation| DepthRow {
            activation,
            derivative: activation.derivative(state.z),
            product: depth_gradient(activation, state.z, state.layers),
        })
        .collect()
}

/// `mantissa·10ᵉ` with `significant` digits ("9.54·10⁻⁷").
pub fn format_sci(value: f64, significant: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return format_fixed(value, 0);
    }
    let text = format!("{:.*e}", significant.saturating_sub(1), value);
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if exponent == 0 {
        return with_minus(mantissa.to_string());
    }
    with_minus(format!("{mantissa}·10{}", superscript(exponent)))
}

/// Fixed decimals, "−" for negatives, never "−0.000".
pub fn format_fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        return text.trim_start_matches('-').to_string();
    }
    with_minus(text)
}

/// Readout values: 6 decimals (σ(5) = 0.993307, σ(10) = 0.999955), or 3 significant digits in
/// scientific form below 0.001 in magnitude so small derivatives stay readable (σ′(10) =
/// 4.54·10⁻⁵).
pub fn format_value(value: f64) -> String {
    if value != 0.0 && value.abs() < 1e-3 {
        format_sci(value, 3)
    } else {
        format_fixed(value, 6)
    }
}

/// 4 significant digits (the largest gap, gradient products).
pub fn format_significant(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    if value.abs() < 1e-3 || value.abs() >= 1e5 {
        return format_sci(value, 3);
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (3 - magnitude).max(0) as usize;
    format_fixed(value, decimals)
}

/// The x of the readout and of the gap: 2 decimals.
pub fn format_x(x: f64) -> String {
    format_fixed(x, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readout_shows_the_lecture_numbers() {
        let state = ActivationsState::default();
        let rows = readout(&state, 5.0);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].activation, Activation::Sigmoid);
        assert_eq!(format_value(rows[0].value), "0.993307");
        assert_eq!(format_value(rows[0].derivative), "0.006648");
        let at10 = readout(&state, 10.0);
        assert_eq!(format_value(at10[0].value), "0.999955");
        assert_eq!(format_value(at10[0].derivative), "4.54·10⁻⁵");
        assert_eq!(format_value(at10[2].value), "10.000000");
        assert_eq!(format_value(readout(&state, -1.0)[1].value), "−0.761594");
        assert_eq!(format_value(-0.0), "0.000000");
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_sci(9.536_743_164_062_5e-7, 3), "9.54·10⁻⁷");
        assert_eq!(format_sci(-2.5e-13, 2), "−2.5·10⁻¹³");
        assert_eq!(format_sci(0.25, 3), "2.50·10⁻¹");
        assert_eq!(format_significant(0.010_577_7), "0.01058");
        assert_eq!(format_significant(5.006_545), "5.007");
        assert_eq!(format_significant(1.0), "1.000");
        assert_eq!(format_significant(0.0), "0");
        assert_eq!(format_significant(2.6e-13), "2.60·10⁻¹³");
        assert_eq!(format_x(-0.004), "0.00");
        assert_eq!(format_x(5.0), "5.00");
    }

    #[test]
    fn curves_spec_follows_the_toggles() {
        let mut state = ActivationsState::default();
        let spec = curves_spec(&state, "x", "y");
        assert_eq!(spec.series.len(), 4);
        assert_eq!(spec.x_range, (-6.0, 6.0));
        // softplus reaches ln(1 + e⁶) = 6.00248, tanh −tanh 6; the padding is 6 % of the span.
        let (t6, s6) = (6f64.tanh(), cnn::activation::softplus(6.0));
        let pad = 0.06 * (s6 + t6);
        assert!(
            (spec.y_range.1 - (s6 + pad)).abs() < 1e-12,
            "{:?}",
            spec.y_range
        );
        assert!(
            (spec.y_range.0 - (-t6 - pad)).abs() < 1e-12,
            "{:?}",
            spec.y_range
        );
        state.derivatives = true;
        state.shown = [true, false, false, false, false];
        let spec = curves_spec(&state, "x", "y");
        assert_eq!(spec.series.len(), 2);
        assert_eq!(spec.series[1].style, LineStyle::Dashed);
        assert_eq!(spec.series[0].color, palette::BLUE);
        // Sigmoid only: the axis is [0, 1] padded.
        assert!((spec.y_range.0 + 0.06).abs() < 1e-9 && (spec.y_range.1 - 1.06).abs() < 1e-9);
        state.shown = [false, false, true, false, true];
        let spec = curves_spec(&state, "x", "y");
        assert_eq!(
            spec.series[0].color,
            palette::ORANGE,
            "Leaky ReLU goes underneath"
        );
        assert_eq!(spec.series[0].width, LEAKY_WIDTH);
        assert_eq!(spec.series[2].color, palette::BLUISH_GREEN);
        state.shown = [false; 5];
        assert!(curves_spec(&state, "x", "y").series.is_empty());
        assert_eq!(cursor_dots(&state, 1.0), vec![]);
    }

    #[test]
    fn sum_spec_and_gap() {
        let state = ActivationsState::default();
        let spec = sum_spec(&state, "x", "y");
        // N terms + softplus + the sum.
        assert_eq!(spec.series.len(), 12);
        let gap = sum_gap(&state).unwrap();
        // mpmath: N = 10 on [−6, 6]: 0.017532765484219757 at x = 6.
        assert!((gap.gap - 0.017_532_765_484_219_757).abs() < 1e-12);
        assert_eq!(format_significant(gap.gap), "0.01753");
        let seg = &spec.segments[0];
        assert_eq!(seg.from.0, 6.0);
        assert!((seg.from.1 - seg.to.1 - 0.017_532_765_484_219_757).abs() < 1e-12);
    }

    #[test]
    fn depth_spec_spans_the_smallest_product() {
        let state = ActivationsState::default();
        let spec = depth_spec(&state, "k", "g");
        assert_eq!(spec.series.len(), 3);
        // σ′(1)^20 = 0.196611933241…^20 ≈ 7.4e-15 → the axis starts at 1e-15.
        assert_eq!(spec.y_range, (1e-15, 10.0));
        assert_eq!(spec.segments[0].from, (10.0, 1e-15));
        let rows = depth_rows(&state);
        assert_eq!(format_significant(rows[0].derivative), "0.1966");
        assert_eq!(format_sci(rows[0].product, 3), "8.63·10⁻⁸");
        assert_eq!(rows[2].product, 1.0);
        let dead = ActivationsState {
            z: -1.0,
            ..ActivationsState::default()
        };
        assert_eq!(depth_rows(&dead)[2].product, 0.0);
    }
}
