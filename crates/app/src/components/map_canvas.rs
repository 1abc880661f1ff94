//! A grey-scale image of one map (an activation map, a kernel, a digit) on a canvas, scaled up
//! with crisp pixels.

use std::rc::Rc;

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

/// Many equally sized maps (a layer's channels, a layer's filters) tiled on **one** canvas.
///
/// Why one canvas: a canvas per channel would be about 200 canvases and components for the
/// default net, each with its own context and `putImageData`, and every refresh of the view a
/// main-thread task of 30–50 ms. One canvas per layer, with the maps scaled up (nearest
/// neighbour) and spaced in Rust and drawn with a single `putImageData`, costs a few
/// milliseconds.
#[derive(Properties, PartialEq, Clone)]
pub struct MapGridProps {
    /// `maps × height × width` bytes, map after map, 0 = black, 255 = white.
    pub pixels: Rc<Vec<u8>>,
    pub maps: usize,
    pub height: usize,
    pub width: usize,
    /// Maps per row of the grid.
    pub columns: usize,
    /// CSS pixels per map pixel.
    pub scale: usize,
    /// CSS pixels between two maps (left transparent).
    #[prop_or(3)]
    pub gap: usize,
    #[prop_or_default]
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

/// The size in CSS pixels of a grid of maps: (width, height).
pub fn grid_size(props: &MapGridProps) -> (usize, usize) {
    let columns = props.columns.clamp(1, props.maps.max(1));
    let rows = props.maps.div_ceil(columns).max(1);
    let cell = |n: usize, side: usize| n * side * props.scale + n.saturating_sub(1) * props.gap;
    (cell(columns, props.width), cell(rows, props.height))
}

/// The RGBA image of a grid of maps, `grid_size` pixels; gaps are transparent.
pub fn grid_rgba(props: &MapGridProps) -> Vec<u8> {
    let (total_w, total_h) = grid_size(props);
    let mut rgba = vec![0u8; total_w * total_h * 4];
    let columns = props.columns.clamp(1, props.maps.max(1));
    let (h, w, s) = (props.height, props.width, props.scale.max(1));
    let plane = h * w;
    for m in 0..props.maps {
        let Some(map) = props.pixels.get(m * plane..(m + 1) * plane) else {
            break;
        };
        let x0 = (m % columns) * (w * s + props.gap);
        let y0 = (m / columns) * (h * s + props.gap);
        for my in 0..h {
            // One scaled row, then copied to the `s` canvas rows it covers.
            let first = ((y0 + my * s) * total_w + x0) * 4;
            let len = w * s * 4;
            for (x, &v) in map[my * w..(my + 1) * w].iter().enumerate() {
                let start = first + x * s * 4;
                for px in rgba[start..start + s * 4].chunks_exact_mut(4) {
                    px.copy_from_slice(&[v, v, v, 255]);
                }
            }
            for k in 1..s {
                let to = first + k * total_w * 4;
                rgba.copy_within(first..first + len, to);
            }
        }
    }
    rgba
}

#[function_component]
pub fn MapGrid(props: &MapGridProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.clone(), move |props| {
            if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                draw_grid(&canvas, props);
            }
        });
    }
    let (w, h) = grid_size(props);
    let (role, label) = if props.label.is_empty() {
        (None, None)
    } else {
        (Some("img"), Some(props.label.clone()))
    };
    html! {
        <canvas ref={canvas} class={classes!("map-grid", props.class.clone())}
            width={w.max(1).to_string()} height={h.max(1).to_string()}
            style={format!("width:{w}px")} role={role} aria-label={label} />
    }
}

fn draw_grid(canvas: &HtmlCanvasElement, props: &MapGridProps) {
    let (w, h) = grid_size(props);
    if w == 0 || h == 0 || props.maps == 0 {
        return;
    }
    let Ok(Some(context)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(context) = wasm_bindgen::JsCast::dyn_into::<CanvasRenderingContext2d>(context) else {
        return;
    };
    let rgba = grid_rgba(props);
    if let Ok(image) =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w as u32, h as u32)
    {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(maps: usize, columns: usize, scale: usize, gap: usize) -> MapGridProps {
        MapGridProps {
            pixels: Rc::new((0..maps * 4).map(|v| v as u8 * 10).collect()),
            maps,
            height: 2,
            width: 2,
            columns,
            scale,
            gap,
            label: AttrValue::default(),
            class: Classes::new(),
        }
    }

    #[test]
    fn a_grid_wraps_into_rows_with_gaps() {
        // 5 maps of 2×2 at ×3 in rows of 4 with 1-px gaps: 4·6 + 3 wide, 2·6 + 1 tall.
        assert_eq!(grid_size(&props(5, 4, 3, 1)), (27, 13));
        assert_eq!(grid_size(&props(3, 8, 1, 2)), (10, 2), "columns ≤ maps");
    }

    #[test]
    fn maps_are_scaled_up_pixel_for_pixel_and_gaps_stay_transparent() {
        let p = props(2, 2, 2, 1);
        let (w, _) = grid_size(&p);
        assert_eq!(w, 9);
        let rgba = grid_rgba(&p);
        let at = |x: usize, y: usize| &rgba[(y * w + x) * 4..(y * w + x) * 4 + 4];
        // Map 0 = [0, 10; 20, 30], map 1 = [40, 50; 60, 70].
        assert_eq!(at(0, 0), &[0, 0, 0, 255]);
        assert_eq!(at(3, 1), &[10, 10, 10, 255]);
        assert_eq!(at(1, 3), &[20, 20, 20, 255]);
        assert_eq!(at(4, 0), &[0, 0, 0, 0], "gap");
        assert_eq!(at(5, 0), &[40, 40, 40, 255]);
        assert_eq!(at(8, 3), &[70, 70, 70, 255]);
    }
}
