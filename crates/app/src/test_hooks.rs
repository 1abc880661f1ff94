//! The hooks the end-to-end tests use to prove the failure paths (`tests/recovery.spec.ts`):
//! `window.__convlabTest.crashWorker()` makes the training worker panic, and
//! `window.__convlabTest.panicPage()` makes the page panic (the panic banner). They exist in the
//! release build, which is the build the tests run; they are harmless there: a script that can
//! call them already runs in this tab (the developer tools), and all they can break is this tab.

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

/// The global the hooks hang on.
pub const GLOBAL: &str = "__convlabTest";

/// Puts `window.__convlabTest` in place.
pub fn install() {
    let hooks = js_sys::Object::new();
    let crash_worker = Closure::<dyn Fn()>::new(crate::training::client::crash_worker_for_test);
    let panic_page = Closure::<dyn Fn()>::new(|| {
        panic!("a deliberate test panic (window.__convlabTest.panicPage)")
    });
    for (name, hook) in [("crashWorker", crash_worker), ("panicPage", panic_page)] {
        let _ = js_sys::Reflect::set(&hooks, &JsValue::from_str(name), &hook.into_js_value());
    }
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str(GLOBAL), &hooks);
}
