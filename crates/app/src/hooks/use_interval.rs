//! Calls a callback every `ms` milliseconds while `ms` is `Some`; stops when it becomes `None`
//! or the component unmounts.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

#[hook]
pub fn use_interval(ms: Option<u32>, callback: Callback<()>) {
    // The latest callback, so that the timer never calls a stale one.
    let latest = use_mut_ref(|| callback.clone());
    *latest.borrow_mut() = callback;
    use_effect_with(ms, move |ms| {
        let mut timer = None;
        if let (Some(ms), Some(window)) = (*ms, web_sys::window()) {
            let tick = Closure::<dyn Fn()>::new(move || latest.borrow().emit(()));
            if let Ok(id) = window.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                ms as i32,
            ) {
                timer = Some((id, tick));
            }
        }
        move || {
            // The closure is dropped only after the interval is cleared: never called again.
            if let (Some((id, _tick)), Some(window)) = (timer, web_sys::window()) {
                window.clear_interval_with_handle(id);
            }
        }
    });
}
