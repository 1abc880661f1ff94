//! The CSS width of an element and the device pixel ratio, kept current by a `ResizeObserver`
//! (and window `resize`, which also fires when the ratio changes), so that a canvas inside it
//! can follow the page's width and stay crisp.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlElement, ResizeObserver};
use yew::prelude::*;

/// A measured width in CSS pixels and the device pixel ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasSize {
    pub width: f64,
    pub dpr: f64,
}

/// The size of the element behind `node`, `None` until it has been laid out.
#[hook]
pub fn use_canvas_size(node: NodeRef) -> Option<CanvasSize> {
    let size = use_state(|| None::<CanvasSize>);
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let remeasure: Rc<dyn Fn()> = {
                let node = node.clone();
                Rc::new(move || {
                    let Some(element) = node.cast::<HtmlElement>() else {
                        return;
                    };
                    let width = f64::from(element.client_width());
                    if width < 10.0 {
                        return;
                    }
                    let dpr = web_sys::window()
                        .map(|w| w.device_pixel_ratio())
                        .filter(|d| d.is_finite() && *d > 0.0)
                        .unwrap_or(1.0);
                    let new = Some(CanvasSize { width, dpr });
                    if *size != new {
                        size.set(new);
                    }
                })
            };
            remeasure();
            let on_resize = {
                let remeasure = remeasure.clone();
                Closure::<dyn Fn()>::new(move || remeasure())
            };
            let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<HtmlElement>()) {
                observer.observe(&element);
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
    *size
}
