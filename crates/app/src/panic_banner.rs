//! The page's panic banner: a Rust panic is logged to the console and shown in `#panic-banner`
//! (static markup in `index.html`, so it works even when the Yew tree is broken), in the page's
//! language, with a Reload button, so a student sees "reload" instead of a silently frozen page.

use cnn::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::i18n::tr;

/// The element of `index.html` the panic hook fills in.
pub const PANIC_BANNER_ID: &str = "panic-banner";

/// Logs panics to the console (with the Rust message) and shows them in a visible banner, so a
/// student sees "reload" instead of a silently frozen page.
///
/// Through Yew: its renderer replaces any hook not set with `set_custom_panic_hook` by a plain
/// console hook (which is how the banner once never showed; `tests/recovery.spec.ts` proves it).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_banner(&info.to_string());
    }));
    listen_to_panic_reload();
}

/// The banner's Reload button reloads the page. Attached here once, before anything can panic,
/// because the page's CSP allows no inline handlers; it is plain DOM so it works after a panic.
fn listen_to_panic_reload() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(button)) = document.query_selector(&format!("#{PANIC_BANNER_ID} .panic-reload"))
    else {
        return;
    };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    // The button lives as long as the page.
    reload.forget();
}

/// Fills in and reveals `#panic-banner` (static markup in `index.html`, so it works even when
/// the Yew tree is broken). Does nothing if the banner is absent.
pub fn show_panic_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(banner) = document.get_element_by_id(PANIC_BANNER_ID) else {
        return;
    };
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    for (selector, text) in [
        (".panic-title", tr(lang, "shell.panic.title")),
        (".panic-hint", tr(lang, "shell.panic.hint")),
        (".panic-reload", tr(lang, "shell.panic.reload")),
        (".panic-message", message),
    ] {
        if let Ok(Some(element)) = banner.query_selector(selector) {
            element.set_text_content(Some(text));
        }
    }
    let _ = banner.remove_attribute("hidden");
}
