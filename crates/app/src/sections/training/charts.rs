//! The live charts (plotters on a canvas): loss (raw and smoothed) and accuracy (training,
//! smoothed, and held-out) against examples seen, one colour per run.

use std::rc::Rc;

use cnn::Lang;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
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
        use_effect_with(
            (
                props.state.version,
                props.lang,
                props.kind,
                props.names.clone(),
            ),
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

fn draw(canvas: HtmlCanvasElement, props: &ChartProps) -> DrawResult {
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
    let x_label = tr(lang, "training.chart.examples");
    let font = ("sans-serif", 16);
    match props.kind {
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
            let mut chart = ChartBuilder::on(&root)
                .margin(14)
                .x_label_area_size(44)
                .y_label_area_size(60)
                .build_cartesian_2d(0f64..x_max, 0f64..y_max)?;
            chart
                .configure_mesh()
                .x_desc(x_label)
                .y_desc(tr(lang, "training.chart.loss_axis"))
                .label_style(font)
                .x_labels(6)
                .y_labels(6)
                .x_label_formatter(&|x| format!("{:.0}", x))
                .y_label_formatter(&|y| format!("{:.2}", y))
                .light_line_style(RGBColor(236, 238, 241))
                .draw()?;
            for (i, run) in state.runs.iter().enumerate() {
                let colour = RUN_COLOURS[i % 2];
                let points = run.curve.points();
                chart.draw_series(LineSeries::new(
                    points
                        .iter()
                        .map(|p| (p.examples, (p.loss as f64).min(y_max))),
                    colour.mix(0.25),
                ))?;
                let name = props.names.get(i).cloned().unwrap_or_default();
                chart
                    .draw_series(LineSeries::new(
                        points.iter().map(|p| (p.examples, p.smooth_loss as f64)),
                        colour.stroke_width(3),
                    ))?
                    .label(format!("{name} · {}", tr(lang, "training.chart.smoothed")))
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(3))
                    });
            }
            if !state.runs.iter().all(|r| r.curve.is_empty()) {
                chart
                    .configure_series_labels()
                    .label_font(font)
                    .background_style(WHITE.mix(0.85))
                    .border_style(RGBColor(201, 206, 212))
                    .position(SeriesLabelPosition::UpperRight)
                    .draw()?;
            }
        }
        ChartKind::Accuracy => {
            let mut chart = ChartBuilder::on(&root)
                .margin(14)
                .x_label_area_size(44)
                .y_label_area_size(60)
                .build_cartesian_2d(0f64..x_max, 0f64..100f64)?;
            chart
                .configure_mesh()
                .x_desc(x_label)
                .y_desc(tr(lang, "training.chart.accuracy_axis"))
                .label_style(font)
                .x_labels(6)
                .y_labels(11)
                .x_label_formatter(&|x| format!("{:.0}", x))
                .y_label_formatter(&|y| format!("{:.0}", y))
                .light_line_style(RGBColor(236, 238, 241))
                .draw()?;
            for (i, run) in state.runs.iter().enumerate() {
                let colour = RUN_COLOURS[i % 2];
                let name = props.names.get(i).cloned().unwrap_or_default();
                chart
                    .draw_series(LineSeries::new(
                        run.curve
                            .points()
                            .iter()
                            .map(|p| (p.examples, p.accuracy as f64 * 100.0)),
                        colour.mix(0.45).stroke_width(2),
                    ))?
                    .label(format!("{name} · {}", tr(lang, "training.chart.train_acc")))
                    .legend(move |(x, y)| {
                        PathElement::new(
                            vec![(x, y), (x + 24, y)],
                            colour.mix(0.45).stroke_width(2),
                        )
                    });
                let held: Vec<(f64, f64)> = run
                    .held_out
                    .iter()
                    .map(|&(x, a)| (x as f64, a as f64 * 100.0))
                    .collect();
                chart
                    .draw_series(LineSeries::new(held.clone(), colour.stroke_width(3)))?
                    .label(format!("{name} · {}", tr(lang, "training.chart.test_acc")))
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(3))
                    });
                chart.draw_series(
                    held.iter()
                        .map(|&(x, y)| Circle::new((x, y), 4, colour.filled())),
                )?;
            }
            if !state.runs.iter().all(|r| r.curve.is_empty()) {
                chart
                    .configure_series_labels()
                    .label_font(font)
                    .background_style(WHITE.mix(0.85))
                    .border_style(RGBColor(201, 206, 212))
                    .position(SeriesLabelPosition::LowerRight)
                    .draw()?;
            }
        }
    }
    root.present()?;
    Ok(())
}
