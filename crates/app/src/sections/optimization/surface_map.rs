//! The loss surface as a shaded map with contour lines (plotters on a canvas), its minima, the
//! start point, every method's path up to the step shown and Nesterov's look-ahead point
//! w − ηγν of that step. A click or tap moves the start; so do the arrow keys while the map has
//! focus.

use std::cell::RefCell;
use std::rc::Rc;

use cnn::Lang;
use cnn::descent::Method;
use cnn::surface::{Surface, View};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use super::model::{OptModel, map_pixels, method_color};
use super::state::OptAction;
use crate::components::plot_canvas::PlotError;
use crate::components::plot_data::Rgb;
use crate::hooks::use_canvas_size::{CanvasSize, use_canvas_size};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct SurfaceMapProps {
    pub lang: Lang,
    pub model: Rc<OptModel>,
    pub on: Callback<OptAction>,
    /// What the map shows now, for screen readers.
    pub valuetext: AttrValue,
}

/// Where the map landed in the canvas, in CSS pixels, and the weights it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MapArea {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    view: View,
}

impl MapArea {
    fn to_weights(self, px: f64, py: f64) -> Option<[f32; 2]> {
        let inside = px >= self.left - 6.0
            && px <= self.right + 6.0
            && py >= self.top - 6.0
            && py <= self.bottom + 6.0;
        inside.then(|| {
            let fx = (px - self.left) / (self.right - self.left);
            let fy = (py - self.top) / (self.bottom - self.top);
            let w1 = self.view.w1.0 + fx * (self.view.w1.1 - self.view.w1.0);
            let w2 = self.view.w2.1 - fy * (self.view.w2.1 - self.view.w2.0);
            [w1 as f32, w2 as f32]
        })
    }
}

/// The shaded map drawn once per surface and size, reused while the paths change.
#[derive(Default)]
struct MapCache {
    key: Option<(String, u32, u32)>,
    canvas: Option<HtmlCanvasElement>,
}

const MAX_HEIGHT: f64 = 620.0;

fn height_for(width: f64, view: &View) -> f64 {
    let aspect = (view.w2.1 - view.w2.0) / (view.w1.1 - view.w1.0);
    // The margins and axis labels take ≈ 100 px across and ≈ 60 px down.
    ((width - 100.0) * aspect + 60.0)
        .clamp(240.0, MAX_HEIGHT)
        .round()
}

#[function_component]
pub fn SurfaceMap(props: &SurfaceMapProps) -> Html {
    let lang = props.lang;
    let wrapper_ref = use_node_ref();
    let canvas_ref = use_node_ref();
    let size = use_canvas_size(wrapper_ref.clone());
    let area = use_state(|| None::<MapArea>);
    let error = use_state(|| None::<PlotError>);
    let cache = use_mut_ref(MapCache::default);
    let view = props.model.config.surface.view();
    let height = size.map(|s| height_for(s.width, &view));

    {
        let canvas_ref = canvas_ref.clone();
        let area = area.clone();
        let error = error.clone();
        use_effect_with((props.model.clone(), size), move |(model, size)| {
            if let (Some(size), Some(canvas)) = (size, canvas_ref.cast::<HtmlCanvasElement>()) {
                let height = height_for(size.width, &model.config.surface.view());
                let device_w = (size.width * size.dpr).round() as u32;
                let device_h = (height * size.dpr).round() as u32;
                if canvas.width() != device_w {
                    canvas.set_width(device_w);
                }
                if canvas.height() != device_h {
                    canvas.set_height(device_h);
                }
                match draw(&canvas, model, *size, &cache) {
                    Ok(new_area) => {
                        area.set(Some(new_area));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        });
    }

    let onpointerdown = {
        let canvas_ref = canvas_ref.clone();
        let on = props.on.clone();
        let area = *area;
        Callback::from(move |e: PointerEvent| {
            let (Some(canvas), Some(area)) = (canvas_ref.cast::<HtmlCanvasElement>(), area) else {
                return;
            };
            let rect = canvas.get_bounding_client_rect();
            let px = f64::from(e.client_x()) - rect.left();
            let py = f64::from(e.client_y()) - rect.top();
            if let Some(w) = area.to_weights(px, py) {
                on.emit(OptAction::SetStart(w));
            }
        })
    };
    let onkeydown = {
        let on = props.on.clone();
        Callback::from(move |e: KeyboardEvent| {
            let big = if e.shift_key() { 5 } else { 1 };
            let (dx, dy) = match e.key().as_str() {
                "ArrowLeft" => (-big, 0),
                "ArrowRight" => (big, 0),
                "ArrowUp" => (0, big),
                "ArrowDown" => (0, -big),
                _ => return,
            };
            // Keeps the page-wide player keys (← →) from also stepping.
            e.prevent_default();
            on.emit(OptAction::NudgeStart(dx, dy));
        })
    };
    let style = match (size, height) {
        (Some(s), Some(h)) => format!("width:{}px;height:{h}px", s.width),
        _ => "width:100%;height:360px".to_owned(),
    };
    html! {
        <div class="opt-map" ref={wrapper_ref} data-testid="opt-map"
             data-drawn={area.is_some().then_some("true")}>
            <canvas ref={canvas_ref} {style} tabindex="0" role="img"
                aria-label={tr(lang, "optimization.map.label")}
                aria-roledescription={tr(lang, "optimization.map.role")}
                aria-description={props.valuetext.clone()}
                {onpointerdown} {onkeydown} />
            if let Some(error) = &*error {
                <p class="plot-error" role="alert">{ cnn::Localized::message(error, lang) }</p>
            }
        </div>
    }
}

fn rgb(color: Rgb) -> RGBColor {
    RGBColor(color.0, color.1, color.2)
}

fn drawing<E: std::fmt::Display>(e: E) -> PlotError {
    PlotError::Drawing(e.to_string())
}

/// The shaded map as a canvas of `w × h` pixels (from the cache when the surface and size match).
fn map_canvas(
    surface: &Surface,
    w: u32,
    h: u32,
    cache: &RefCell<MapCache>,
) -> Result<HtmlCanvasElement, PlotError> {
    let key = (format!("{surface:?}"), w, h);
    let mut cache = cache.borrow_mut();
    if cache.key.as_ref() == Some(&key)
        && let Some(canvas) = &cache.canvas
    {
        return Ok(canvas.clone());
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(PlotError::NoContext)?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(PlotError::NoContext)?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(PlotError::NoContext)?;
    let pixels = map_pixels(surface, &surface.view(), w as usize, h as usize);
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), w, h)
        .map_err(|_| PlotError::NoContext)?;
    context
        .put_image_data(&image, 0.0, 0.0)
        .map_err(|_| PlotError::NoContext)?;
    cache.key = Some(key);
    cache.canvas = Some(canvas.clone());
    Ok(canvas)
}

fn draw(
    canvas: &HtmlCanvasElement,
    model: &OptModel,
    size: CanvasSize,
    cache: &RefCell<MapCache>,
) -> Result<MapArea, PlotError> {
    let dpr = size.dpr;
    let px = |css: f64| (css * dpr).round().max(1.0) as u32;
    let surface = model.config.surface;
    let view = surface.view();
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or(PlotError::NoContext)?;
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(PlotError::NoContext)?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(drawing)?;
    let ink = RGBColor(0x1a, 0x1a, 0x1a);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(12.0))
        .x_label_area_size(px(46.0))
        .y_label_area_size(px(52.0))
        .build_cartesian_2d(view.w1.0..view.w1.1, view.w2.0..view.w2.1)
        .map_err(drawing)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(ShapeStyle::from(ink).stroke_width(px(1.5)))
        .label_style(("sans-serif", 15.0 * dpr).into_font().color(&ink))
        .axis_desc_style(("sans-serif", 17.0 * dpr).into_font().color(&ink))
        .x_desc("w₁")
        .y_desc("w₂")
        .x_label_formatter(&|v| crate::components::plot_data::format_tick(*v))
        .y_label_formatter(&|v| crate::components::plot_data::format_tick(*v))
        .draw()
        .map_err(drawing)?;
    let (left, top) = chart.backend_coord(&(view.w1.0, view.w2.1));
    let (right, bottom) = chart.backend_coord(&(view.w1.1, view.w2.0));
    let (area_w, area_h) = ((right - left).max(1) as u32, (bottom - top).max(1) as u32);
    // Half the device resolution: contour lines about 2 device pixels wide, a quarter of the work.
    let map = map_canvas(&surface, area_w.div_ceil(2), area_h.div_ceil(2), cache)?;
    context.set_image_smoothing_enabled(true);
    context
        .draw_image_with_html_canvas_element_and_dw_and_dh(
            &map,
            f64::from(left),
            f64::from(top),
            f64::from(area_w),
            f64::from(area_h),
        )
        .map_err(|_| PlotError::NoContext)?;

    context.save();
    context.begin_path();
    context.rect(
        f64::from(left),
        f64::from(top),
        f64::from(area_w),
        f64::from(area_h),
    );
    context.clip();
    context.set_line_join("round");
    context.set_line_cap("round");

    // Minima: a black ring with a cross; the global one filled.
    for m in surface.minima() {
        let at = (m.w[0], m.w[1]);
        let style = ShapeStyle::from(ink).stroke_width(px(2.5));
        chart
            .draw_series([Circle::new(
                at,
                px(9.0),
                if m.global { ink.filled() } else { style },
            )])
            .map_err(drawing)?;
        chart
            .draw_series([Cross::new(at, px(5.0), WHITE.stroke_width(px(2.0)))])
            .map_err(drawing)?;
    }

    let step = model.step;
    let dash = js_sys::Array::of2(&(7.0 * dpr).into(), &(5.0 * dpr).into());
    let no_dash = js_sys::Array::new();
    for t in model.trajectories() {
        let color = rgb(method_color(t.method));
        let shown = &t.points[..(step + 1).min(t.points.len())];
        let line: Vec<(f64, f64)> = shown
            .iter()
            .map(|w| (f64::from(w[0]), f64::from(w[1])))
            .collect();
        let width = if t.method.is_adaptive() { 2.0 } else { 3.0 };
        chart
            .draw_series(LineSeries::new(
                line.clone(),
                ShapeStyle::from(color).stroke_width(px(width)),
            ))
            .map_err(drawing)?;
        chart
            .draw_series(
                line.iter()
                    .map(|&p| Circle::new(p, px(2.5), color.filled())),
            )
            .map_err(drawing)?;
        if let Some(&last) = line.last() {
            chart
                .draw_series([
                    Circle::new(last, px(8.0), WHITE.filled()),
                    Circle::new(last, px(6.0), color.filled()),
                ])
                .map_err(drawing)?;
        }
        // Nesterov's look-ahead of the step shown: a dashed line from w to w − ηγν, a ring there.
        if t.method == Method::Nesterov
            && let Some(record) = step.checked_sub(1).and_then(|i| t.steps.get(i))
            && let Some(ahead) = record.look_ahead
        {
            let from = (f64::from(record.from[0]), f64::from(record.from[1]));
            let to = (f64::from(ahead[0]), f64::from(ahead[1]));
            let _ = context.set_line_dash(&dash);
            chart
                .draw_series(LineSeries::new(
                    [from, to],
                    ShapeStyle::from(color).stroke_width(px(2.0)),
                ))
                .map_err(drawing)?;
            let _ = context.set_line_dash(&no_dash);
            chart
                .draw_series([
                    Circle::new(to, px(7.0), WHITE.stroke_width(px(5.0))),
                    Circle::new(to, px(7.0), color.stroke_width(px(2.5))),
                ])
                .map_err(drawing)?;
        }
    }
    // The start: a black square.
    let start = model.config.start.map(f64::from);
    let half = (view.w1.1 - view.w1.0) / f64::from(area_w) * f64::from(px(6.0));
    let half_y = (view.w2.1 - view.w2.0) / f64::from(area_h) * f64::from(px(6.0));
    chart
        .draw_series([
            Rectangle::new(
                [
                    (start[0] - half, start[1] - half_y),
                    (start[0] + half, start[1] + half_y),
                ],
                WHITE.filled(),
            ),
            Rectangle::new(
                [
                    (start[0] - half, start[1] - half_y),
                    (start[0] + half, start[1] + half_y),
                ],
                ink.stroke_width(px(2.5)),
            ),
        ])
        .map_err(drawing)?;
    context.restore();
    root.present().map_err(drawing)?;
    Ok(MapArea {
        left: f64::from(left) / dpr,
        top: f64::from(top) / dpr,
        right: f64::from(right) / dpr,
        bottom: f64::from(bottom) / dpr,
        view,
    })
}
