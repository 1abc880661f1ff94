//! A grey-scale image of one map (an activation map, a kernel, a digit) on a canvas, scaled up
//! with crisp pixels.

use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct MapCanvasProps {
    /// `width × height` bytes, 0 = black, 255 = white (before `invert`).
    pub pixels: Vec<u8>,
    pub width: usize,
    pub height: usize,
    /// CSS pixels per map pixel.
    pub scale: usize,
    /// Draws 255 as black (ink on paper, for digits).
    #[prop_or_default]
    pub invert: bool,
    #[prop_or_default]
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component]
pub fn MapCanvas(props: &MapCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.clone(), move |props| {
            if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                draw(&canvas, props);
            }
        });
    }
    let style = format!(
        "width:{}px;height:{}px",
        props.width * props.scale,
        props.height * props.scale
    );
    let (role, label) = if props.label.is_empty() {
        (None, None)
    } else {
        (Some("img"), Some(props.label.clone()))
    };
    html! {
        <canvas ref={canvas} class={classes!("map-canvas", props.class.clone())}
            width={props.width.max(1).to_string()} height={props.height.max(1).to_string()}
            {style} role={role} aria-label={label} />
    }
}

fn draw(canvas: &HtmlCanvasElement, props: &MapCanvasProps) {
    let (w, h) = (props.width, props.height);
    if w == 0 || h == 0 || props.pixels.len() < w * h {
        return;
    }
    let Ok(Some(context)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(context) = wasm_bindgen::JsCast::dyn_into::<CanvasRenderingContext2d>(context) else {
        return;
    };
    let mut rgba = Vec::with_capacity(w * h * 4);
    for &v in &props.pixels[..w * h] {
        let v = if props.invert { 255 - v } else { v };
        rgba.extend_from_slice(&[v, v, v, 255]);
    }
    if let Ok(image) =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32)
    {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}
