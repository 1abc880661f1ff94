//! "Copy link": the URL already holds the section's state, so the link reopens exactly this view.
//! The confirmation stays visible for a few seconds; where the clipboard is not available the
//! link is shown to copy by hand.

use std::time::Duration;

use cnn::Lang;
use gloo_timers::callback::Timeout;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::i18n::tr;

/// How long the confirmation stays.
const SHOWN_FOR: Duration = Duration::from_secs(4);

#[derive(Clone, PartialEq)]
enum Outcome {
    Copied,
    /// The clipboard refused; the link to copy by hand.
    ByHand(String),
}

#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    pub lang: Lang,
}

#[function_component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let lang = props.lang;
    let outcome = use_state(|| None::<Outcome>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let onclick = {
        let outcome = outcome.clone();
        Callback::from(move |_| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let url = window.location().href().unwrap_or_default();
            let promise = window.navigator().clipboard().write_text(&url);
            let outcome = outcome.clone();
            let timer = timer.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = match JsFuture::from(promise).await {
                    Ok(_) => Outcome::Copied,
                    Err(_) => Outcome::ByHand(url),
                };
                outcome.set(Some(result));
                let clear = outcome.clone();
                *timer.borrow_mut() = Some(Timeout::new(SHOWN_FOR.as_millis() as u32, move || {
                    clear.set(None)
                }));
            });
        })
    };
    html! {
        <span class="copy-link">
            <button type="button" class="header-button" data-testid="copy-link" {onclick}>
                { tr(lang, "shell.copy_link") }
            </button>
            <span class="copy-link-status" role="status" data-testid="copy-link-status">
                { match &*outcome {
                    Some(Outcome::Copied) => html! { tr(lang, "shell.copy_link.done") },
                    Some(Outcome::ByHand(url)) => html! {
                        <>{ tr(lang, "shell.copy_link.by_hand") }{ " " }<code class="copy-link-url">{ url }</code></>
                    },
                    None => html! {},
                } }
            </span>
        </span>
    }
}
