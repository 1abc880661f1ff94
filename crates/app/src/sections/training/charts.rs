//! The live charts (plotters on a canvas): loss (raw and smoothed) and accuracy (training,
//! smoothed, and held-out) against examples seen, one colour per run.

use std::rc::Rc;

use cnn::Lang;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::i18n::tr;
use crate::training::state::TrainingState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Loss,
    Accuracy,
}

#[derive(Properties, PartialEq, Clone)]
pub struct ChartProps {
    pub state: Rc<TrainingState>,
    pub lang: Lang,
    pub kind: ChartKind,
    /// Names of the runs for the legend.
    pub names: Vec<String>,
}

/// Run A blue, run B orange (both ≥ 4.5:1 on white).
pub const RUN_COLOURS: [RGBColor; 2] = [RGBColor(11, 87, 164), RGBColor(194, 65, 12)];

#[function_component]
pub fn TrainingChart(props: &ChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let props = props.clone();
        // Redraw when a curve grew (not on every snapshot or notice).
        let sizes: Vec<(usize, usize, u64)> = props
            .state
            .runs
            .iter()
            .map(|r| (r.curve.points().len(), r.held_out.len(), r.examples))
            .collect();
        use_effect_with(
            (sizes, props.lang, props.kind, props.names.clone()),
            move |_| {
                if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                    let _ = draw(canvas, &props);
                }
            },
        );
    }
    let points: usize = props
        .state
        .runs
        .iter()
        .map(|r| match props.kind {
            ChartKind::Loss => r.curve.points().len(),
            ChartKind::Accuracy => r.curve.points().len() + r.held_out.len(),
        })
        .sum();
    let (title, testid) = match props.kind {
        ChartKind::Loss => (tr(props.lang, "training.chart.loss"), "chart-loss"),
        ChartKind::Accuracy => (tr(props.lang, "training.chart.accuracy"), "chart-accuracy"),
    };
    html! {
        <canvas ref={canvas} class="training-chart" width="640" height="320" role="img"
            aria-label={title} data-testid={testid} data-points={points.to_string()} />
    }
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// A "nice" tick step (1, 2 or 5 × 10^k) giving about `count` ticks up to `max`.
pub fn nice_step(max: f64, count: usize) -> f64 {
    let raw = (max / count.max(1) as f64).max(f64::MIN_POSITIVE);
    let power = 10f64.powf(raw.log10().floor());
    let scaled = raw / power;
    let nice = if scaled <= 1.0 {
        1.0
    } else if scaled <= 2.0 {
        2.0
    } else if scaled <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

fn ticks(max: f64, count: usize) -> Vec<f64> {
    let step = nice_step(max, count);
    (0..)
        .map(|i| i as f64 * step)
        .take_while(|&v| v <= max + step * 1e-9)
        .collect()
}

const GRID: RGBColor = RGBColor(226, 230, 234);
const MARGIN_LEFT: u32 = 64;
const MARGIN_BOTTOM: u32 = 52;

/// Draws the lines with plotters and every text with the canvas directly: plotters measures
/// text by adding a span to the page and reading its size, which forces a layout of the whole
/// page for every label — far too slow at several redraws a second.
fn draw(canvas: HtmlCanvasElement, props: &ChartProps) -> DrawResult {
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "not a 2d context")?;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no 2d context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let state = &props.state;
    let lang = props.lang;
    let x_max = state
        .runs
        .iter()
        .flat_map(|r| {
            r.curve
                .points()
                .last()
                .map(|p| p.examples)
                .into_iter()
                .chain(r.held_out.last().map(|&(x, _)| x as f64))
        })
        .fold(1000.0f64, f64::max);
    let (y_max, y_desc, y_format): (f64, &str, fn(f64) -> String) = match props.kind {
        ChartKind::Loss => {
            // The first batches have a loss far above the rest; cap the axis at the 98th
            // percentile so the interesting part is readable.
            let mut losses: Vec<f32> = state
                .runs
                .iter()
                .flat_map(|r| r.curve.points().iter().map(|p| p.loss))
                .collect();
            losses.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            let y_max = losses
                .get(losses.len().saturating_sub(1) * 98 / 100)
                .map_or(2.5, |&v| (v as f64 * 1.1).max(0.1));
            (y_max, tr(lang, "training.chart.loss_axis"), |y| {
                format!("{y:.2}")
            })
        }
        ChartKind::Accuracy => (100.0, tr(lang, "training.chart.accuracy_axis"), |y| {
            format!("{y:.0}")
        }),
    };
    let mut chart = ChartBuilder::on(&root)
        .margin_top(14)
        .margin_right(16)
        .margin_left(MARGIN_LEFT)
        .margin_bottom(MARGIN_BOTTOM)
        .build_cartesian_2d(0f64..x_max, 0f64..y_max)?;
    let x_ticks = ticks(x_max, 6);
    let y_ticks = ticks(y_max, 5);
    for &x in &x_ticks {
        chart.draw_series(LineSeries::new([(x, 0.0), (x, y_max)], GRID))?;
    }
    for &y in &y_ticks {
        chart.draw_series(LineSeries::new([(0.0, y), (x_max, y)], GRID))?;
    }
    let axis = RGBColor(69, 80, 92);
    chart.draw_series(LineSeries::new(
        [(0.0, y_max), (0.0, 0.0), (x_max, 0.0)],
        axis.stroke_width(2),
    ))?;

    let mut legend: Vec<(String, RGBAColor, u32)> = Vec::new();
    for (i, run) in state.runs.iter().enumerate() {
        let colour = RUN_COLOURS[i % 2];
        let name = props.names.get(i).cloned().unwrap_or_default();
        // At most about one point per canvas pixel: the curve keeps up to 2,000, and drawing
        // more than the chart has pixels only costs main-thread time.
        let all = run.curve.points();
        let stride = all.len().div_ceil(600).max(1);
        let points: Vec<_> = all
            .iter()
            .step_by(stride)
            .chain(all.last().filter(|_| (all.len() - 1) % stride != 0))
            .copied()
            .collect();
        match props.kind {
            ChartKind::Loss => {
                chart.draw_series(LineSeries::new(
                    points
                        .iter()
                        .map(|p| (p.examples, (p.loss as f64).min(y_max))),
                    colour.mix(0.25),
                ))?;
                chart.draw_series(LineSeries::new(
                    points
                        .iter()
                        .map(|p| (p.examples, (p.smooth_loss as f64).min(y_max))),
                    colour.stroke_width(3),
                ))?;
                legend.push((
                    format!("{name} · {}", tr(lang, "training.chart.smoothed")),
                    colour.to_rgba(),
                    3,
                ));
            }
            ChartKind::Accuracy => {
                chart.draw_series(LineSeries::new(
                    points
                        .iter()
                        .map(|p| (p.examples, p.accuracy as f64 * 100.0)),
                    colour.mix(0.45).stroke_width(2),
                ))?;
                let held: Vec<(f64, f64)> = run
                    .held_out
                    .iter()
                    .map(|&(x, a)| (x as f64, a as f64 * 100.0))
                    .collect();
                chart.draw_series(LineSeries::new(held.clone(), colour.stroke_width(3)))?;
                chart.draw_series(
                    held.iter()
                        .map(|&(x, y)| Circle::new((x, y), 4, colour.filled())),
                )?;
                legend.push((
                    format!("{name} · {}", tr(lang, "training.chart.train_acc")),
                    colour.mix(0.45),
                    2,
                ));
                legend.push((
                    format!("{name} · {}", tr(lang, "training.chart.test_acc")),
                    colour.to_rgba(),
                    3,
                ));
            }
        }
    }
    root.present()?;

    // Text, drawn by the canvas itself.
    let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
    context.set_fill_style_str("#161a1f");
    context.set_font("15px sans-serif");
    context.set_text_align("center");
    context.set_text_baseline("top");
    for &x in &x_ticks {
        let (px, py) = at(x, 0.0);
        let _ = context.fill_text(&format!("{x:.0}"), px as f64, py as f64 + 6.0);
    }
    let (_, bottom) = at(0.0, 0.0);
    let (right, top) = at(x_max, y_max);
    let (left, _) = at(0.0, 0.0);
    let _ = context.fill_text(
        tr(lang, "training.chart.examples"),
        (left + right) as f64 / 2.0,
        bottom as f64 + 26.0,
    );
    context.set_text_align("right");
    context.set_text_baseline("middle");
    for &y in &y_ticks {
        let (px, py) = at(0.0, y);
        let _ = context.fill_text(&y_format(y), px as f64 - 6.0, py as f64);
    }
    context.save();
    let _ = context.translate(16.0, (top + bottom) as f64 / 2.0);
    let _ = context.rotate(-std::f64::consts::FRAC_PI_2);
    context.set_text_align("center");
    let _ = context.fill_text(y_desc, 0.0, 0.0);
    context.restore();

    if !legend.is_empty() && state.runs.iter().any(|r| !r.curve.is_empty()) {
        let line_height = 22.0;
        let width = 250.0;
        let height = legend.len() as f64 * line_height + 8.0;
        let x0 = right as f64 - width - 8.0;
        let y0 = match props.kind {
            ChartKind::Loss => top as f64 + 8.0,
            ChartKind::Accuracy => bottom as f64 - height - 8.0,
        };
        context.set_fill_style_str("rgba(255,255,255,0.88)");
        context.fill_rect(x0, y0, width, height);
        context.set_stroke_style_str("#c9ced4");
        context.set_line_width(1.0);
        context.stroke_rect(x0, y0, width, height);
        context.set_text_align("left");
        context.set_text_baseline("middle");
        context.set_font("14px sans-serif");
        for (i, (label, colour, stroke)) in legend.iter().enumerate() {
            let y = y0 + 4.0 + line_height * (i as f64 + 0.5);
            context.set_stroke_style_str(&format!(
                "rgba({},{},{},{})",
                colour.0, colour.1, colour.2, colour.3
            ));
            context.set_line_width(*stroke as f64);
            context.begin_path();
            context.move_to(x0 + 8.0, y);
            context.line_to(x0 + 34.0, y);
            context.stroke();
            context.set_fill_style_str("#161a1f");
            let _ = context.fill_text(label, x0 + 42.0, y);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_step(20_000.0, 6), 5_000.0);
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(2.3, 5), 0.5);
        assert_eq!(
            ticks(1000.0, 6),
            vec![0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
        );
    }
}
