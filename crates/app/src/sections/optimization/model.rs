//! Everything the Optimization section shows, derived from its state by the core: the runs of
//! every method ([`cnn::descent::descend`]), the point and the written update at the step shown,
//! the steps each method needs, the loss-per-step chart and the shaded map of the surface.

use cnn::Lang;
use cnn::Localized;
use cnn::descent::{
    self, DescentConfig, DescentError, Method, Outcome, TOLERANCE, Trajectory, WrittenUpdate,
};
use cnn::surface::{Surface, View};

use super::state::OptState;
use crate::components::plot_data::{LineStyle, PlotSeries, PlotSpec, Rgb, palette};

/// The colour of each method's path (Okabe–Ito, readable on the light map).
pub fn method_color(method: Method) -> Rgb {
    match method {
        Method::Gd => palette::BLUE,
        Method::Momentum => palette::VERMILLION,
        Method::Nesterov => palette::BLUISH_GREEN,
        Method::Adam => palette::REDDISH_PURPLE,
        Method::RmsProp => palette::ORANGE,
    }
}

/// One method's line of the table of steps.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodRow {
    pub method: Method,
    /// `data-steps`: the steps to the tolerance, `diverged`, or `unsettled`.
    pub steps_attr: String,
    /// What the cell says, in the page's language.
    pub text: String,
    /// Why it diverged, when it did.
    pub explanation: Option<String>,
    /// The point shown at the current step (the last one reached if the run ended sooner).
    pub point: [f32; 2],
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptModel {
    pub config: DescentConfig,
    pub runs: Result<Vec<Trajectory>, DescentError>,
    /// The step shown, 1-based (0 when nothing can be shown).
    pub step: usize,
    /// How many steps the player covers.
    pub length: usize,
}

impl OptModel {
    pub fn new(state: &OptState) -> OptModel {
        let config = state.config();
        let runs = descent::descend_all(&config, &state.methods());
        OptModel {
            config,
            runs,
            step: state.step(),
            length: state.playback.length,
        }
    }

    pub fn error(&self, lang: Lang) -> Option<String> {
        self.runs.as_ref().err().map(|e| e.message(lang))
    }

    pub fn trajectories(&self) -> &[Trajectory] {
        self.runs.as_deref().unwrap_or(&[])
    }

    pub fn rows(&self, lang: Lang) -> Vec<MethodRow> {
        self.trajectories()
            .iter()
            .map(|t| {
                let (steps_attr, text, explanation) = match t.outcome {
                    Outcome::Settled { step } => (step.to_string(), step.to_string(), None),
                    Outcome::Diverged(d) => (
                        "diverged".to_owned(),
                        lang.pick("расходится", "diverges").to_owned(),
                        Some(d.message(lang)),
                    ),
                    Outcome::Unsettled { steps } => (
                        "unsettled".to_owned(),
                        match lang {
                            Lang::Ru => format!("не за {steps} шагов"),
                            Lang::En => format!("not within {steps} steps"),
                        },
                        None,
                    ),
                };
                MethodRow {
                    method: t.method,
                    steps_attr,
                    text,
                    explanation,
                    point: t.point_at(self.step),
                }
            })
            .collect()
    }

    /// The update of each method that led to the point shown (none after a run ended).
    pub fn written(&self, lang: Lang) -> Vec<(Method, Option<WrittenUpdate>)> {
        self.trajectories()
            .iter()
            .map(|t| {
                let record = self.step.checked_sub(1).and_then(|i| t.steps.get(i));
                (
                    t.method,
                    record.map(|r| descent::written_update(&self.config, t.method, r, lang)),
                )
            })
            .collect()
    }

    /// The loss above the minimum per step, on a log scale, for every method.
    pub fn loss_spec(&self, x_desc: &str, y_desc: &str) -> PlotSpec {
        let mut lo = f64::INFINITY;
        let mut hi: f64 = 0.0;
        let series = self
            .trajectories()
            .iter()
            .map(|t| {
                let points: Vec<(f64, f64)> = t
                    .excess_loss
                    .iter()
                    .take(self.length + 1)
                    .enumerate()
                    .map(|(i, &l)| (i as f64, l))
                    .collect();
                for &(_, l) in &points {
                    if l > 0.0 && l.is_finite() {
                        lo = lo.min(l);
                        hi = hi.max(l);
                    }
                }
                PlotSeries {
                    width: 2.5,
                    ..PlotSeries::line(method_color(t.method), LineStyle::Solid, vec![points])
                }
            })
            .collect();
        let (lo, hi) = if lo.is_finite() && hi > lo {
            // Whole decades, at most 14 of them below the start so the chart stays readable.
            let top = hi.log10().ceil();
            let bottom = lo.log10().floor().max(top - 14.0);
            (10f64.powf(bottom), 10f64.powf(top))
        } else {
            (1e-6, 10.0)
        };
        PlotSpec {
            x_range: (0.0, self.length.max(1) as f64),
            y_range: (lo, hi),
            log_y: true,
            x_desc: x_desc.to_owned(),
            y_desc: y_desc.to_owned(),
            integer_x: false,
            series,
            segments: Vec::new(),
        }
    }
}

/// The tolerance as the page writes it.
pub fn tolerance_text() -> String {
    debug_assert_eq!(TOLERANCE, 1e-3);
    "‖∇L‖ < 10⁻³".to_owned()
}

/// The light colour of the map at level t ∈ [0, 1] (low loss light, high loss darker).
fn shade(t: f64) -> [u8; 3] {
    let low = [253.0, 252.0, 246.0];
    let high = [172.0, 182.0, 201.0];
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (low[i] + (high[i] - low[i]) * t).round() as u8)
}

/// Contour lines are drawn every half decade of L − L*.
const LEVELS_PER_DECADE: f64 = 2.0;
/// L − L* below this is drawn as the lowest level.
const FLOOR: f64 = 1e-2;

/// The surface over `view` as `width × height` RGBA pixels (row 0 at the top, w₂ largest):
/// shaded by log₁₀(L − L*) with darker pixels where the level changes (the contour lines).
pub fn map_pixels(surface: &Surface, view: &View, width: usize, height: usize) -> Vec<u8> {
    let min = surface.min_value();
    let level = |i: usize, j: usize| -> f64 {
        let w1 = view.w1.0 + (i as f64 + 0.5) / width as f64 * (view.w1.1 - view.w1.0);
        let w2 = view.w2.1 - (j as f64 + 0.5) / height as f64 * (view.w2.1 - view.w2.0);
        (surface.value([w1, w2]) - min).max(FLOOR).log10()
    };
    let levels: Vec<f64> = (0..height)
        .flat_map(|j| (0..width).map(move |i| (i, j)))
        .map(|(i, j)| level(i, j))
        .collect();
    let top = levels.iter().copied().fold(FLOOR.log10(), f64::max);
    let bottom = FLOOR.log10();
    let band = |v: f64| (v * LEVELS_PER_DECADE).floor() as i64;
    let mut out = Vec::with_capacity(width * height * 4);
    for j in 0..height {
        for i in 0..width {
            let v = levels[j * width + i];
            let here = band(v);
            let edge = (i + 1 < width && band(levels[j * width + i + 1]) != here)
                || (j + 1 < height && band(levels[(j + 1) * width + i]) != here);
            let rgb = if edge {
                [128, 132, 142]
            } else {
                shade((v - bottom) / (top - bottom).max(1e-9))
            };
            out.extend_from_slice(&[rgb[0], rgb[1], rgb[2], 255]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playback::PlayerMsg;
    use crate::sections::optimization::state::OptAction;

    #[test]
    fn the_table_reads_the_core_s_counts_at_the_defaults() {
        let model = OptModel::new(&OptState::default());
        let rows = model.rows(Lang::En);
        let attrs: Vec<&str> = rows.iter().map(|r| r.steps_attr.as_str()).collect();
        assert_eq!(attrs, ["diverged", "182", "83"]);
        assert_eq!(
            rows[0].explanation.as_deref(),
            Some(
                "diverged at step 3: for this quadratic gradient descent needs η < 2/κ = 0.2 (now η = 0.8)"
            )
        );
        assert_eq!(rows[1].text, "182");
        assert!(model.rows(Lang::Ru)[0].text.contains("расходится"));
    }

    #[test]
    fn the_written_update_ends_at_the_point_shown() {
        let mut state = OptState::default();
        state.reduce(OptAction::Player(PlayerMsg::Seek(1)));
        let model = OptModel::new(&state);
        assert_eq!(model.step, 2);
        let rows = model.rows(Lang::En);
        for ((method, written), row) in model.written(Lang::En).into_iter().zip(&rows) {
            let written = written.expect("step 2 exists for every method");
            let last = written.lines.last().unwrap();
            let point = cnn::descent::written::format_point(row.point);
            assert!(last.ends_with(&point), "{method:?}: {last} vs {point}");
        }
        // Gradient descent diverged at step 3: at step 5 it shows its last point, no update.
        state.reduce(OptAction::Player(PlayerMsg::Seek(4)));
        let model = OptModel::new(&state);
        assert!(model.written(Lang::En)[0].1.is_none());
    }

    #[test]
    fn the_loss_chart_spans_whole_decades_and_every_step() {
        let model = OptModel::new(&OptState::default());
        let spec = model.loss_spec("t", "L − L*");
        assert_eq!(spec.x_range, (0.0, 192.0));
        assert_eq!(spec.series.len(), 3);
        let (lo, hi) = spec.axis_y_range();
        assert_eq!((lo.fract(), hi.fract()), (0.0, 0.0));
        assert!(hi - lo <= 14.0);
        assert_eq!(spec.series[1].pieces[0].len(), 193);
    }

    #[test]
    fn the_map_has_contours_and_is_lightest_at_the_minimum() {
        let surface = Surface::Quadratic { kappa: 10.0 };
        let view = surface.view();
        let (w, h) = (100, 50);
        let px = map_pixels(&surface, &view, w, h);
        assert_eq!(px.len(), w * h * 4);
        let at = |i: usize, j: usize| px[(j * w + i) * 4];
        let centre = (48..53)
            .flat_map(|i| (23..28).map(move |j| (i, j)))
            .map(|(i, j)| at(i, j))
            .max()
            .unwrap();
        assert!(centre > 245 && at(2, 2) < 180, "the minimum is lightest");
        let edges = px.chunks(4).filter(|p| p[0] == 128).count();
        assert!(edges > 200, "{edges} contour pixels");
        let bad = OptState {
            eta: 50.0,
            ..OptState::default()
        };
        assert!(OptModel::new(&bad).error(Lang::Ru).unwrap().contains("η"));
    }
}
