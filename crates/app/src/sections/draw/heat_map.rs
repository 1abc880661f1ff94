//! An RGBA image on a canvas, scaled up with crisp pixels (the saliency map).

use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeatMapProps {
    pub width: usize,
    pub height: usize,
    /// width × height RGBA.
    pub rgba: Rc<Vec<u8>>,
    pub label: AttrValue,
    /// CSS size of the longer side, in pixels.
    #[prop_or(240)]
    pub size: u32,
}

#[function_component]
pub fn HeatMap(props: &HeatMapProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let (w, h, rgba) = (props.width, props.height, props.rgba.clone());
        use_effect_with((w, h, rgba), move |(w, h, rgba)| {
            if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                paint(&canvas, *w, *h, rgba);
            }
        });
    }
    let (w, h) = (props.width.max(1), props.height.max(1));
    let scale = f64::from(props.size) / w.max(h) as f64;
    let style = format!(
        "width: {:.0}px; height: {:.0}px",
        w as f64 * scale,
        h as f64 * scale
    );
    html! {
        <canvas ref={canvas} class="draw-heat" role="img" aria-label={props.label.clone()}
            data-testid="draw-heat" width={w.to_string()} height={h.to_string()} {style} />
    }
}

fn paint(canvas: &HtmlCanvasElement, w: usize, h: usize, rgba: &[u8]) {
    let Ok(Some(context)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(context) = context.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    if w == 0 || h == 0 || rgba.len() != w * h * 4 {
        context.clear_rect(0.0, 0.0, w as f64, h as f64);
        return;
    }
    if let Ok(data) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w as u32, h as u32)
    {
        let _ = context.put_image_data(&data, 0.0, 0.0);
    }
}
