//! Presenter mode's "details" switch: the introductions and hints are folded away so the figure
//! fills the screen; one button (keyboard operable, `aria-expanded`) unfolds them.

use cnn::Lang;
use yew::prelude::*;

use crate::app::MAIN_ID;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct ProseToggleProps {
    pub lang: Lang,
    pub open: bool,
    pub on_toggle: Callback<bool>,
}

#[function_component]
pub fn ProseToggle(props: &ProseToggleProps) -> Html {
    let open = props.open;
    let onclick = {
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |_| on_toggle.emit(!open))
    };
    let key = if open {
        "shell.prose.hide"
    } else {
        "shell.prose.show"
    };
    html! {
        <button type="button" class="prose-toggle" aria-expanded={open.to_string()}
            aria-controls={MAIN_ID} data-testid="prose-toggle" {onclick}>
            <span aria-hidden="true">{ if open { "▾ " } else { "▸ " } }</span>
            { tr(props.lang, key) }
        </button>
    }
}
