//! Browser tests of the plot canvas and the Activations section (`cargo test --target
//! wasm32-unknown-unknown -p convlab`): the chart really draws each curve in its colour, crisp
//! at the device pixel ratio, and the section's readout shows the lecture's numbers.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use cnn::{Activation, Lang};
use convlab::components::plot_canvas::{PlotCanvas, PlotCanvasProps};
use convlab::components::plot_data::{PlotSpec, Rgb, palette};
use convlab::sections::activations::model::{activation_color, curves_spec};
use convlab::sections::activations::state::ActivationsState;
use convlab::sections::{ActivationsSection, SectionProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` of a fixed width in the body to mount into.
fn container(width_px: u32) -> Element {
    let div = document().create_element("div").unwrap();
    div.set_attribute("style", &format!("width:{width_px}px"))
        .unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Waits for the ResizeObserver → measure → draw round trip (a few frames).
async fn settle() {
    for _ in 0..6 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
        yew::scheduler::flush().await;
    }
}

fn canvas_in(root: &Element) -> HtmlCanvasElement {
    root.query_selector("canvas")
        .unwrap()
        .expect("a canvas")
        .dyn_into()
        .unwrap()
}

/// Pixels within ±6 per channel of `color`.
fn count_colour(canvas: &HtmlCanvasElement, color: Rgb) -> usize {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx
        .get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data();
    let near = |a: u8, b: u8| a.abs_diff(b) <= 6;
    data.chunks_exact(4)
        .filter(|p| near(p[0], color.0) && near(p[1], color.1) && near(p[2], color.2))
        .count()
}

/// The section's own main chart with all five curves on x in [−4, 4].
fn five_curves() -> PlotSpec {
    let state = ActivationsState {
        shown: [true; 5],
        range: 4.0,
        ..ActivationsState::default()
    };
    curves_spec(&state, "x", "f(x)")
}

#[wasm_bindgen_test]
async fn the_chart_draws_every_curve_in_its_colour() {
    let root = container(640);
    yew::Renderer::<PlotCanvas>::with_root_and_props(
        root.clone(),
        PlotCanvasProps {
            lang: cnn::Lang::En,
            spec: Rc::new(five_curves()),
            aria_label: "test chart".into(),
            aria_valuetext: None,
            aspect: 0.5,
            cursor: None,
            on_hover: None,
            on_pick: None,
            on_nudge: None,
            test_id: None,
        },
    )
    .render();
    settle().await;

    let wrapper = root.query_selector(".plot-canvas").unwrap().unwrap();
    assert_eq!(wrapper.get_attribute("data-drawn").as_deref(), Some("true"));
    let canvas = canvas_in(&root);
    // The backing store is CSS size × devicePixelRatio.
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let css_width = f64::from(canvas.unchecked_ref::<HtmlElement>().offset_width());
    assert_eq!(css_width, 640.0);
    assert_eq!(f64::from(canvas.width()), (640.0 * dpr).round());
    assert_eq!(f64::from(canvas.height()), (320.0 * dpr).round());
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        canvas.get_attribute("aria-label").as_deref(),
        Some("test chart")
    );

    for activation in Activation::ALL {
        let n = count_colour(&canvas, activation_color(activation));
        // ReLU lies on top of the wider Leaky ReLU, so both show: well over 100 pixels each.
        assert!(n > 100, "{activation:?}: only {n} pixels of its colour");
    }
    // Not drawn: the sky blue of the sum chart.
    assert!(count_colour(&canvas, palette::SKY_BLUE) < 10);
}

#[wasm_bindgen_test]
async fn the_section_reads_out_the_lecture_numbers() {
    let root = container(1000);
    yew::Renderer::<ActivationsSection>::with_root_and_props(
        root.clone(),
        SectionProps {
            lang: Lang::En,
            query: "x=10&show=sigmoid,relu".into(),
            on_query: Callback::noop(),
        },
    )
    .render();
    settle().await;

    let cell = |activation: &str, class: &str| {
        root.query_selector(&format!(
            "[data-testid=act-readout] tr[data-activation={activation}] .{class}"
        ))
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
    };
    assert_eq!(cell("sigmoid", "act-value"), "0.999955");
    assert_eq!(cell("sigmoid", "act-derivative"), "4.54·10⁻⁵");
    assert_eq!(cell("relu", "act-value"), "10.000000");
    assert_eq!(cell("tanh", "act-value"), "");
    let gap = root
        .query_selector("[data-testid=act-sum-gap-value]")
        .unwrap()
        .and_then(|e| e.text_content());
    assert_eq!(gap.as_deref(), Some("0.01753"));

    let charts = root.query_selector_all(".plot-canvas[data-drawn]").unwrap();
    assert_eq!(charts.length(), 3, "all three charts drawn");
    let main = canvas_in(&root);
    assert!(count_colour(&main, palette::BLUE) > 100);
    assert!(count_colour(&main, palette::BLUISH_GREEN) > 100);
    assert!(
        count_colour(&main, palette::VERMILLION) < 10,
        "tanh is hidden"
    );
}
