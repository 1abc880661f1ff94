//! `PlotCanvas`: a line chart drawn with plotters on an HTML canvas.
//!
//! - The canvas backing store is CSS size × devicePixelRatio, and every length (line widths,
//!   fonts, margins) is scaled by the same ratio, so the chart is crisp on HiDPI screens and
//!   projectors. A `ResizeObserver` on the wrapper (plus window `resize`, which also fires when
//!   the ratio changes) re-measures; the chart is redrawn only when the spec or the size changes.
//! - The pointer cursor (a vertical line and dots on the curves) is a DOM overlay positioned with
//!   the plotting-area mapping of the last draw, so moving the pointer never redraws the canvas.
//! - Pointer moves, taps and arrow keys are reported in data coordinates to the parent, which
//!   owns the state (props down, callbacks up).

use std::rc::Rc;

use cnn::{Lang, Localized};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, ResizeObserver};
use yew::prelude::*;

use super::plot_data::{LineStyle, PlotArea, PlotSpec, Rgb, format_pow10_tick, format_tick};

/// A position the user pointed at, in data units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotPointer {
    pub x: f64,
    /// Data units per CSS pixel along x: the resolution the pointer can resolve.
    pub x_per_px: f64,
}

/// The cursor drawn over the chart: a vertical line at `x` and a dot for each (y, colour).
#[derive(Clone, Debug, PartialEq)]
pub struct PlotCursor {
    pub x: f64,
    pub dots: Vec<(f64, Rgb)>,
}

/// Keys that move the cursor: ±1 for ← →, ±10 for PageDown/PageUp.
pub type Nudge = i32;

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum PlotError {
    /// The browser gave no 2D drawing context for the canvas.
    NoContext,
    /// The axes' ranges are empty or not finite.
    Range { x: (f64, f64), y: (f64, f64) },
    /// The drawing library failed (its own words, in English).
    Drawing(String),
}

impl Localized for PlotError {
    fn message(&self, lang: Lang) -> String {
        match self {
            PlotError::NoContext => lang
                .pick(
                    "Браузер не дал холст для рисования: график не показан.",
                    "The browser gave no canvas to draw on: the chart is not shown.",
                )
                .to_owned(),
            PlotError::Range { x, y } => match lang {
                Lang::Ru => format!(
                    "Нельзя нарисовать график: пустой диапазон осей (x от {} до {}, y от {} до {}).",
                    x.0, x.1, y.0, y.1
                ),
                Lang::En => format!(
                    "The chart cannot be drawn: an empty axis range (x {} to {}, y {} to {}).",
                    x.0, x.1, y.0, y.1
                ),
            },
            PlotError::Drawing(detail) => match lang {
                Lang::Ru => "Не удалось нарисовать график на холсте.".to_owned(),
                Lang::En => format!("The chart could not be drawn on the canvas ({detail})."),
            },
        }
    }
}

fn drawing<E: std::fmt::Display>(e: E) -> PlotError {
    PlotError::Drawing(e.to_string())
}

#[derive(Properties, PartialEq)]
pub struct PlotCanvasProps {
    /// The language of the error message, if the chart cannot be drawn.
    pub lang: Lang,
    pub spec: Rc<PlotSpec>,
    /// What the chart shows, for screen readers.
    pub aria_label: AttrValue,
    /// Spoken value of the cursor (when the chart is interactive).
    #[prop_or_default]
    pub aria_valuetext: Option<AttrValue>,
    /// Height / width of the canvas (clamped to 220…560 CSS px).
    #[prop_or(0.58)]
    pub aspect: f64,
    #[prop_or_default]
    pub cursor: Option<PlotCursor>,
    /// Pointer over the plotting area (None when it leaves).
    #[prop_or_default]
    pub on_hover: Option<Callback<Option<PlotPointer>>>,
    /// Click or tap on the plotting area.
    #[prop_or_default]
    pub on_pick: Option<Callback<PlotPointer>>,
    /// Arrow / Page keys while the chart has focus; makes the chart a focusable slider.
    #[prop_or_default]
    pub on_nudge: Option<Callback<Nudge>>,
    /// `data-testid` of the wrapper (for tests).
    #[prop_or_default]
    pub test_id: Option<AttrValue>,
}

/// Canvas size in CSS pixels and the device pixel ratio it was measured with.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Size {
    width: f64,
    height: f64,
    dpr: f64,
}

const MIN_HEIGHT: f64 = 220.0;
const MAX_HEIGHT: f64 = 560.0;

fn measure(wrapper: &HtmlElement, aspect: f64) -> Option<Size> {
    let width = f64::from(wrapper.client_width());
    if width < 10.0 {
        return None;
    }
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0);
    let height = (width * aspect).clamp(MIN_HEIGHT, MAX_HEIGHT).round();
    Some(Size { width, height, dpr })
}

#[function_component]
pub fn PlotCanvas(props: &PlotCanvasProps) -> Html {
    let wrapper_ref = use_node_ref();
    let canvas_ref = use_node_ref();
    let size = use_state(|| None::<Size>);
    let area = use_state(|| None::<PlotArea>);
    let error = use_state(|| None::<PlotError>);

    // Measure on mount and whenever the wrapper or the window changes size.
    {
        let wrapper_ref = wrapper_ref.clone();
        let size = size.clone();
        let aspect = props.aspect;
        use_effect_with(aspect, move |&aspect| {
            let remeasure: Rc<dyn Fn()> = {
                let wrapper_ref = wrapper_ref.clone();
                Rc::new(move || {
                    if let Some(wrapper) = wrapper_ref.cast::<HtmlElement>()
                        && let Some(new) = measure(&wrapper, aspect)
                        && *size != Some(new)
                    {
                        size.set(Some(new));
                    }
                })
            };
            remeasure();
            let on_resize = {
                let remeasure = remeasure.clone();
                Closure::<dyn Fn()>::new(move || remeasure())
            };
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(wrapper)) = (&observer, wrapper_ref.cast::<HtmlElement>())
            {
                observer.observe(&wrapper);
            }
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window
                    .add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref());
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "resize",
                        on_resize.as_ref().unchecked_ref(),
                    );
                }
                drop(on_resize);
            }
        });
    }

    // Draw when the spec or the size changes (and only then).
    {
        let canvas_ref = canvas_ref.clone();
        let area = area.clone();
        let error = error.clone();
        use_effect_with((props.spec.clone(), *size), move |(spec, size)| {
            if let (Some(size), Some(canvas)) = (size, canvas_ref.cast::<HtmlCanvasElement>()) {
                let device_w = (size.width * size.dpr).round() as u32;
                let device_h = (size.height * size.dpr).round() as u32;
                if canvas.width() != device_w {
                    canvas.set_width(device_w);
                }
                if canvas.height() != device_h {
                    canvas.set_height(device_h);
                }
                match draw(&canvas, spec, size.dpr) {
                    Ok(new_area) => {
                        area.set(Some(new_area));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        });
    }

    let pointer_at = {
        let canvas_ref = canvas_ref.clone();
        let area = *area;
        move |client_x: i32, client_y: i32| -> Option<PlotPointer> {
            let canvas = canvas_ref.cast::<HtmlCanvasElement>()?;
            let area = area?;
            let rect = canvas.get_bounding_client_rect();
            let px = f64::from(client_x) - rect.left();
            let py = f64::from(client_y) - rect.top();
            // A little slack around the plotting area so the edges are easy to reach.
            let inside = px >= area.left - 8.0
                && px <= area.right + 8.0
                && py >= area.top - 8.0
                && py <= area.bottom + 8.0;
            inside.then(|| {
                let x = area.px_to_x(px).clamp(
                    area.x_range.0.min(area.x_range.1),
                    area.x_range.1.max(area.x_range.0),
                );
                PlotPointer {
                    x,
                    x_per_px: area.x_per_px(),
                }
            })
        }
    };

    let onpointermove = props.on_hover.clone().map(|on_hover| {
        let pointer_at = pointer_at.clone();
        Callback::from(move |e: PointerEvent| on_hover.emit(pointer_at(e.client_x(), e.client_y())))
    });
    let onpointerleave = props
        .on_hover
        .clone()
        .map(|on_hover| Callback::from(move |_: PointerEvent| on_hover.emit(None)));
    let onpointerdown = props.on_pick.clone().map(|on_pick| {
        let pointer_at = pointer_at.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(p) = pointer_at(e.client_x(), e.client_y()) {
                on_pick.emit(p);
            }
        })
    });
    let onkeydown = props.on_nudge.clone().map(|on_nudge| {
        Callback::from(move |e: KeyboardEvent| {
            let step = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => -1,
                "ArrowRight" | "ArrowUp" => 1,
                "PageDown" => -10,
                "PageUp" => 10,
                _ => return,
            };
            e.prevent_default();
            on_nudge.emit(step);
        })
    });

    let interactive = props.on_nudge.is_some();
    let (css_w, css_h) = size.map_or((None, None), |s| (Some(s.width), Some(s.height)));
    let canvas_style = match (css_w, css_h) {
        (Some(w), Some(h)) => format!("width:{w}px;height:{h}px"),
        _ => format!("width:100%;height:{MIN_HEIGHT}px"),
    };

    let overlay = match (&props.cursor, *area) {
        (Some(cursor), Some(area)) if area.contains_x(cursor.x) => {
            let left = area.x_to_px(cursor.x);
            let line_style = format!(
                "left:{left:.1}px;top:{:.1}px;height:{:.1}px",
                area.top,
                area.bottom - area.top
            );
            let dots = cursor
                .dots
                .iter()
                .filter_map(|&(y, color)| {
                    let top = area.y_to_px(y)?;
                    (top >= area.top - 1.0 && top <= area.bottom + 1.0).then(|| {
                        let style =
                            format!("left:{left:.1}px;top:{top:.1}px;background:{}", color.css());
                        html! { <span class="plot-dot" style={style}></span> }
                    })
                })
                .collect::<Html>();
            html! {
                <>
                    <span class="plot-cursor" style={line_style}></span>
                    { dots }
                </>
            }
        }
        _ => Html::default(),
    };

    html! {
        <div class="plot-canvas" ref={wrapper_ref} data-testid={props.test_id.clone()}
             data-drawn={area.is_some().then_some("true")}>
            <canvas
                ref={canvas_ref}
                style={canvas_style}
                role={if interactive { "slider" } else { "img" }}
                tabindex={interactive.then_some("0")}
                aria-label={props.aria_label.clone()}
                aria-valuetext={props.aria_valuetext.clone()}
                {onpointermove}
                {onpointerleave}
                {onpointerdown}
                {onkeydown}
            />
            { overlay }
            if let Some(error) = &*error {
                <p class="plot-error" role="alert">{ error.message(props.lang) }</p>
            }
        </div>
    }
}

fn rgb(color: Rgb) -> RGBColor {
    RGBColor(color.0, color.1, color.2)
}

/// Draws `spec` on `canvas` (whose backing store is already CSS size × dpr) and returns where
/// the plotting area landed, in CSS pixels.
fn draw(canvas: &HtmlCanvasElement, spec: &PlotSpec, dpr: f64) -> Result<PlotArea, PlotError> {
    let px = |css: f64| (css * dpr).round().max(1.0) as u32;
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or(PlotError::NoContext)?;
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(PlotError::NoContext)?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(drawing)?;

    let (x0, x1) = spec.x_range;
    let (y0, y1) = spec.axis_y_range();
    if !(x0 < x1 && y0 < y1 && x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite())
    {
        return Err(PlotError::Range {
            x: (x0, x1),
            y: (y0, y1),
        });
    }

    let ink = RGBColor(0x1a, 0x1a, 0x1a);
    let label_font = ("sans-serif", 15.0 * dpr).into_font().color(&ink);
    let desc_font = ("sans-serif", 16.0 * dpr).into_font().color(&ink);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(14.0))
        .x_label_area_size(px(52.0))
        .y_label_area_size(px(if spec.log_y { 76.0 } else { 64.0 }))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(drawing)?;

    let x_formatter = |v: &f64| format_tick(*v);
    let y_formatter = |v: &f64| {
        if spec.log_y {
            format_pow10_tick(*v)
        } else {
            format_tick(*v)
        }
    };
    let x_labels = if spec.integer_x {
        ((x1 - x0).round() as usize + 1).min(21)
    } else {
        13
    };
    let y_labels = if spec.log_y {
        ((y1 - y0).round() as usize + 1).min(16)
    } else {
        9
    };
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .y_labels(y_labels)
        .max_light_lines(if spec.log_y || spec.integer_x { 0 } else { 4 })
        .bold_line_style(ShapeStyle::from(RGBColor(0xd6, 0xd6, 0xd6)).stroke_width(px(1.0)))
        .light_line_style(ShapeStyle::from(RGBColor(0xef, 0xef, 0xef)).stroke_width(px(1.0)))
        .axis_style(ShapeStyle::from(ink).stroke_width(px(1.5)))
        .label_style(label_font)
        .axis_desc_style(desc_font)
        .x_desc(spec.x_desc.clone())
        .y_desc(spec.y_desc.clone())
        .x_label_formatter(&x_formatter)
        .y_label_formatter(&y_formatter)
        .draw()
        .map_err(drawing)?;

    let (left, top) = chart.backend_coord(&(x0, y1));
    let (right, bottom) = chart.backend_coord(&(x1, y0));

    // Everything below stays inside the plotting area (plotters itself does not clip paths).
    context.save();
    context.begin_path();
    context.rect(
        f64::from(left),
        f64::from(top),
        f64::from(right - left),
        f64::from(bottom - top),
    );
    context.clip();
    context.set_line_join("round");
    context.set_line_cap("round");

    let axis_style = ShapeStyle::from(RGBColor(0x70, 0x70, 0x70)).stroke_width(px(1.5));
    if !spec.log_y && y0 < 0.0 && y1 > 0.0 {
        chart
            .draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], axis_style))
            .map_err(drawing)?;
    }
    if x0 < 0.0 && x1 > 0.0 {
        chart
            .draw_series(LineSeries::new([(0.0, y0), (0.0, y1)], axis_style))
            .map_err(drawing)?;
    }

    let dash = js_sys::Array::of2(&(9.0 * dpr).into(), &(7.0 * dpr).into());
    let no_dash = js_sys::Array::new();
    for series in &spec.series {
        let color = rgb(series.color).mix(series.opacity);
        let style = ShapeStyle::from(color).stroke_width(px(series.width));
        let dashed = series.style == LineStyle::Dashed;
        let _ = context.set_line_dash(if dashed { &dash } else { &no_dash });
        for piece in spec.axis_pieces(series) {
            if series.markers {
                chart
                    .draw_series(
                        piece
                            .iter()
                            .map(|&p| Circle::new(p, px(series.width + 2.5), color.filled())),
                    )
                    .map_err(drawing)?;
            }
            chart
                .draw_series(LineSeries::new(piece, style))
                .map_err(drawing)?;
        }
    }
    let _ = context.set_line_dash(&no_dash);
    for segment in &spec.segments {
        let ends = [segment.from, segment.to];
        let axis_ends: Vec<(f64, f64)> = ends
            .iter()
            .filter_map(|&(x, y)| spec.axis_y(y).map(|ay| (x, ay)))
            .collect();
        if axis_ends.len() == 2 {
            let style = ShapeStyle::from(rgb(segment.color)).stroke_width(px(2.5));
            chart
                .draw_series(LineSeries::new(axis_ends.clone(), style))
                .map_err(drawing)?;
            chart
                .draw_series(
                    axis_ends
                        .iter()
                        .map(|&p| Circle::new(p, px(4.0), rgb(segment.color).filled())),
                )
                .map_err(drawing)?;
        }
    }
    context.restore();
    root.present().map_err(drawing)?;

    Ok(PlotArea {
        left: f64::from(left) / dpr,
        top: f64::from(top) / dpr,
        right: f64::from(right) / dpr,
        bottom: f64::from(bottom) / dpr,
        x_range: (x0, x1),
        axis_y_range: (y0, y1),
        log_y: spec.log_y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plot_errors_read_in_the_page_language() {
        let errors = [
            PlotError::NoContext,
            PlotError::Range {
                x: (1.0, 1.0),
                y: (0.0, f64::NAN),
            },
            drawing("BackendError: canvas"),
        ];
        for e in &errors {
            let ru = e.message(Lang::Ru);
            assert!(!ru.contains("canvas") && !ru.contains("Backend"), "{ru}");
            assert!(ru.chars().any(|c| ('а'..='я').contains(&c)), "{ru}");
            assert!(
                !e.message(Lang::En)
                    .chars()
                    .any(|c| ('а'..='я').contains(&c))
            );
        }
        assert_eq!(
            errors[1].message(Lang::En),
            "The chart cannot be drawn: an empty axis range (x 1 to 1, y 0 to NaN)."
        );
        assert!(errors[2].message(Lang::En).contains("BackendError: canvas"));
    }
}
