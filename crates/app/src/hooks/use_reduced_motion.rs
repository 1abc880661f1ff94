//! Whether the user asked for reduced motion (`prefers-reduced-motion: reduce`), following
//! changes of the setting while the page is open.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::MediaQueryList;
use yew::prelude::*;

const QUERY: &str = "(prefers-reduced-motion: reduce)";

fn media() -> Option<MediaQueryList> {
    web_sys::window()?.match_media(QUERY).ok().flatten()
}

#[hook]
pub fn use_reduced_motion() -> bool {
    let reduced = use_state(|| media().is_some_and(|m| m.matches()));
    {
        let reduced = reduced.clone();
        use_effect_with((), move |_| {
            let list = media();
            let listener = Closure::<dyn Fn()>::new({
                let list = list.clone();
                move || reduced.set(list.as_ref().is_some_and(|m| m.matches()))
            });
            if let Some(list) = &list {
                let _ = list
                    .add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(list) = list {
                    let _ = list.remove_event_listener_with_callback(
                        "change",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    *reduced
}
