//! Offline use: the page registers the service worker `sw.js` (written by the build, see
//! `web/sw.js` and `cargo xtask post-build`), which keeps every file of the site, so after one
//! visit the lecture works with the network off.
//!
//! Only release builds register it: under `trunk serve` a cache of the previous build would hide
//! the code being edited. Browsers without service workers (or a page opened from `file://`)
//! simply run online.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The service worker's address, relative to the page (so it works under any sub-path).
pub const SERVICE_WORKER_URL: &str = "./sw.js";

pub fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Undefined outside secure contexts (http on another host than localhost, file://).
    let supported =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !supported {
        return;
    }
    let registering = navigator.service_worker().register(SERVICE_WORKER_URL);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(registering).await {
            // The app works without it; a warning, not an error, for whoever looks.
            web_sys::console::warn_2(&JsValue::from_str("offline use unavailable:"), &error);
        }
    });
}
