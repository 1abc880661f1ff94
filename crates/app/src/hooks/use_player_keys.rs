//! The page-wide animation shortcuts: Space = play / pause, ← / → = step back / forward.
//!
//! Keys typed into a text field, a slider, a select or a grid cell belong to that control (the
//! grid uses the arrows to move between cells), and Space on a button presses the button.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::playback::PlayerMsg;

/// Which shortcut a key is, given the element that has focus (its tag and role).
pub fn shortcut(key: &str, tag: &str, role: Option<&str>, modifiers: bool) -> Option<PlayerMsg> {
    if modifiers {
        return None;
    }
    let tag = tag.to_ascii_uppercase();
    if matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA") || role == Some("gridcell") {
        return None;
    }
    match key {
        " " | "Spacebar" if tag != "BUTTON" && tag != "A" && tag != "SUMMARY" => {
            Some(PlayerMsg::TogglePlay)
        }
        "ArrowLeft" => Some(PlayerMsg::Step(-1)),
        "ArrowRight" => Some(PlayerMsg::Step(1)),
        _ => None,
    }
}

#[hook]
pub fn use_player_keys(on: Callback<PlayerMsg>) {
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
            if let Some(msg) = shortcut(&e.key(), &tag, role.as_deref(), modifiers) {
                e.prevent_default();
                latest.borrow().emit(msg);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_respect_the_focused_control() {
        assert_eq!(
            shortcut(" ", "BODY", None, false),
            Some(PlayerMsg::TogglePlay)
        );
        assert_eq!(
            shortcut("ArrowRight", "DIV", None, false),
            Some(PlayerMsg::Step(1))
        );
        assert_eq!(
            shortcut("ArrowLeft", "BUTTON", None, false),
            Some(PlayerMsg::Step(-1))
        );
        assert_eq!(shortcut(" ", "BUTTON", None, false), None);
        assert_eq!(shortcut("ArrowLeft", "INPUT", None, false), None);
        assert_eq!(shortcut("ArrowLeft", "DIV", Some("gridcell"), false), None);
        assert_eq!(shortcut("ArrowLeft", "DIV", None, true), None);
        assert_eq!(shortcut("a", "DIV", None, false), None);
    }
}
