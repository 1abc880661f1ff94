//! A labelled number input that keeps what is being typed, and the event readers the
//! section's inputs share.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The value of the input, select or textarea that fired `e`.
pub fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| {
            t.dyn_ref::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| t.dyn_ref::<HtmlSelectElement>().map(|s| s.value()))
                .or_else(|| t.dyn_ref::<HtmlTextAreaElement>().map(|s| s.value()))
        })
        .unwrap_or_default()
}

pub fn input_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_ref::<HtmlInputElement>().map(|i| i.checked()))
        .unwrap_or(false)
}

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: String,
    #[prop_or_default]
    pub disabled: bool,
    /// What the form says about the typed value, and whether it refused it.
    #[prop_or_default]
    pub note: Option<(String, bool)>,
    /// The committed text.
    pub on_value: Callback<String>,
}

/// A text input for a number that keeps what is being typed: the page re-renders several times
/// a second while training (and once more when a pause's evaluation arrives), and an input bound
/// straight to the settings would be reset to the old value between a keystroke and the change
/// event. The typed text lives here until the change (Enter, Tab, blur) hands it over; a new
/// value from outside (another optimizer's suggested rate, a loaded link) replaces it. A text
/// input rather than `type="number"`: the browser would hand over "" for "1e" or "abc" and
/// erase them, while a refused value must stay visible beside its message.
#[function_component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let draft = use_state(|| props.value.clone());
    {
        let draft = draft.clone();
        use_effect_with(props.value.clone(), move |value| draft.set(value.clone()));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                draft.set(input.value());
            }
        })
    };
    let onchange = {
        let on_value = props.on_value.clone();
        Callback::from(move |e: Event| on_value.emit(input_value(&e)))
    };
    let message_id = format!("{}-note", props.id);
    let refused = props.note.as_ref().is_some_and(|(_, refused)| *refused);
    html! {
        <div class={classes!("field", refused.then_some("field-refused"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="decimal" autocomplete="off"
                spellcheck="false" value={(*draft).clone()} disabled={props.disabled}
                aria-invalid={refused.then_some("true")}
                aria-describedby={props.note.is_some().then(|| message_id.clone())}
                {oninput} {onchange} />
            if let Some((message, refused)) = &props.note {
                <p id={message_id} class={if *refused { "field-error" } else { "field-adjusted" }}
                    role="status" data-testid={format!("{}-note", props.id)}>{ message.clone() }</p>
            }
        </div>
    }
}
