//! A small greyscale image on a canvas, scaled up with crisp pixels (the pipeline steps).

use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

/// Grey pixels (0 = paper, 255 = ink), row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Grey {
    pub width: usize,
    pub height: usize,
    pub pixels: Rc<Vec<u8>>,
}

impl Grey {
    /// From values in 0..=1 (network inputs).
    pub fn from_unit(width: usize, height: usize, values: &[f32]) -> Grey {
        Grey {
            width,
            height,
            pixels: Rc::new(
                values
                    .iter()
                    .map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8)
                    .collect(),
            ),
        }
    }
}

/// A marker drawn over the image, in image pixel coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Overlay {
    /// A cross at a point (the centre of mass).
    Cross { x: f32, y: f32 },
    /// A rectangle (the network's input window).
    Rect { x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Properties, PartialEq)]
pub struct GreyImageProps {
    pub image: Grey,
    /// Accessible description of the image.
    pub label: AttrValue,
    #[prop_or_default]
    pub overlays: Vec<Overlay>,
    /// CSS size of the longer side, in pixels.
    #[prop_or(112)]
    pub size: u32,
}

/// Canvas resolution per image pixel: overlays are drawn at this resolution so a cross on a
/// 20×20 image stays thin.
const ZOOM: usize = 8;

#[function_component]
pub fn GreyImage(props: &GreyImageProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let image = props.image.clone();
        let overlays = props.overlays.clone();
        use_effect_with((image, overlays), move |(image, overlays)| {
            if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                paint(&canvas, image, overlays);
            }
        });
    }
    let (w, h) = (props.image.width.max(1), props.image.height.max(1));
    let scale = props.size as f64 / w.max(h) as f64;
    let style = format!(
        "width: {:.0}px; height: {:.0}px",
        w as f64 * scale,
        h as f64 * scale
    );
    html! {
        <canvas ref={canvas} class="draw-grey" role="img" aria-label={props.label.clone()}
            width={(w * ZOOM).to_string()} height={(h * ZOOM).to_string()} {style} />
    }
}

fn paint(canvas: &HtmlCanvasElement, image: &Grey, overlays: &[Overlay]) {
    let Ok(Some(context)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(context) = context.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let (w, h) = (image.width * ZOOM, image.height * ZOOM);
    if w == 0 || h == 0 || image.pixels.len() != image.width * image.height {
        context.clear_rect(0.0, 0.0, w as f64, h as f64);
        return;
    }
    let mut rgba = vec![0u8; w * h * 4];
    for y in 0..h {
        for x in 0..w {
            let ink = image.pixels[(y / ZOOM) * image.width + x / ZOOM];
            let i = (y * w + x) * 4;
            // MNIST's convention: white ink on black.
            rgba[i] = ink;
            rgba[i + 1] = ink;
            rgba[i + 2] = ink;
            rgba[i + 3] = 255;
        }
    }
    if let Ok(data) =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32)
    {
        let _ = context.put_image_data(&data, 0.0, 0.0);
    }
    let z = ZOOM as f64;
    context.set_line_width(2.0);
    for overlay in overlays {
        match *overlay {
            Overlay::Cross { x, y } => {
                let (x, y) = (x as f64 * z, y as f64 * z);
                context.set_stroke_style_str("#ff5a36");
                context.begin_path();
                context.move_to(x - 2.0 * z, y);
                context.line_to(x + 2.0 * z, y);
                context.move_to(x, y - 2.0 * z);
                context.line_to(x, y + 2.0 * z);
                context.stroke();
            }
            Overlay::Rect { x, y, w, h } => {
                context.set_stroke_style_str("#36a3ff");
                context.stroke_rect(x as f64 * z, y as f64 * z, w as f64 * z, h as f64 * z);
            }
        }
    }
}
