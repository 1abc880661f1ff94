//! Painting the pad on its canvas, and pointer positions in pad pixels.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData, PointerEvent};

use super::pad::{KeyboardPen, PAD_SIZE, Pad, Point, STROKE_WIDTH};

/// Paints the pad's raster: dark ink on white paper; with `pen` (the pad has the keyboard focus), the keyboard
/// pen's cursor on top: a ring the size of the stroke, filled while the pen is down.
pub fn paint_pad(canvas: &HtmlCanvasElement, pad: &Pad, pen: Option<&KeyboardPen>) {
    let Ok(Some(context)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(context) = context.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let mut rgba = Vec::with_capacity(PAD_SIZE * PAD_SIZE * 4);
    for &ink in pad.raster() {
        let paper = 255 - ink;
        // A slightly blue-black ink reads as "pen" on a projector.
        rgba.extend_from_slice(&[paper, paper, paper.saturating_add(ink / 6), 255]);
    }
    if let Ok(data) = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(&rgba),
        PAD_SIZE as u32,
        PAD_SIZE as u32,
    ) {
        let _ = context.put_image_data(&data, 0.0, 0.0);
    }
    if let Some(pen) = pen {
        context.begin_path();
        let r = f64::from(STROKE_WIDTH) / 2.0 + 2.0;
        let _ = context.arc(
            f64::from(pen.at.x),
            f64::from(pen.at.y),
            r,
            0.0,
            std::f64::consts::TAU,
        );
        context.set_line_width(3.0);
        context.set_stroke_style_str("#c2410c");
        context.stroke();
        if pen.down {
            context.set_fill_style_str("rgba(194, 65, 12, 0.35)");
            context.fill();
        }
    }
}

/// Pointer position in pad pixels.
pub fn pad_point(canvas: &HtmlCanvasElement, event: &PointerEvent) -> Point {
    let rect = canvas.get_bounding_client_rect();
    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
    Point::new(
        ((event.client_x() as f64 - rect.left()) * PAD_SIZE as f64 / w) as f32,
        ((event.client_y() as f64 - rect.top()) * PAD_SIZE as f64 / h) as f32,
    )
}
