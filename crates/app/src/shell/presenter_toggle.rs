//! The presenter-mode switch: large type and figures for a projector (`present=1` in the URL).

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct PresenterToggleProps {
    pub lang: Lang,
    pub present: bool,
    pub on_toggle: Callback<bool>,
}

#[function_component]
pub fn PresenterToggle(props: &PresenterToggleProps) -> Html {
    let present = props.present;
    let onclick = {
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |_| on_toggle.emit(!present))
    };
    html! {
        <button type="button"
                class={classes!("header-button", present.then_some("active"))}
                aria-pressed={present.to_string()}
                data-testid="presenter-toggle"
                title={tr(props.lang, "shell.present.hint")}
                {onclick}>
            { tr(props.lang, "shell.present") }
        </button>
    }
}
