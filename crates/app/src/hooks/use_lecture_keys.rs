//! The page-wide lecture keys ([`crate::lecture::lecture_key`]), listened to on the document.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::lecture::{LectureKey, lecture_key};

#[hook]
pub fn use_lecture_keys(on: Callback<LectureKey>) {
    let latest = use_mut_ref(|| on.clone());
    *latest.borrow_mut() = on;
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if e.default_prevented() {
                return;
            }
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
            let role = target.as_ref().and_then(|t| t.get_attribute("role"));
            let modifiers = e.ctrl_key() || e.meta_key() || e.alt_key();
            if let Some(key) = lecture_key(&e.key(), &tag, role.as_deref(), modifiers) {
                // Esc also belongs to the Draw pad (lift the pen): only claim it when the sheet is open.
                if key != LectureKey::Close {
                    e.prevent_default();
                }
                latest.borrow().emit(key);
            }
        });
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(document) = &document {
            let _ = document
                .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = document {
                let _ = document.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
