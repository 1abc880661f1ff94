//! The held-out digit picker: a number 1–1000 (or a random one) loads that MNIST test digit
//! into the pad, with its true label shown. A number that names no digit stays as typed, with
//! the reason next to the disabled Load.

use yew::prelude::*;

use super::models::Load;
use super::pad::LoadedDigit;
use super::state::PickerRefusal;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub lang: cnn::Lang,
    /// The picker's text as typed.
    pub text: String,
    /// The typed text as a digit number, if it names one.
    pub number: Option<usize>,
    /// Why the typed text names no digit (Load is disabled meanwhile).
    pub refusal: Option<PickerRefusal>,
    /// Whether the digits are loaded (or why not).
    pub digits: Load<()>,
    /// The digit on the pad.
    pub loaded: Option<LoadedDigit>,
    pub on_text: Callback<String>,
    /// Load digit number n (1-based).
    pub on_load: Callback<usize>,
    pub on_random: Callback<()>,
}

#[function_component]
pub fn Picker(props: &PickerProps) -> Html {
    let lang = props.lang;
    let ready = matches!(props.digits, Load::Ready(_));
    let oninput = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                on_text.emit(input.value());
            }
        })
    };
    let onsubmit = {
        let on_load = props.on_load.clone();
        let number = props.number;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(n) = number {
                on_load.emit(n);
            }
        })
    };
    let on_random = {
        let on_random = props.on_random.clone();
        Callback::from(move |_: MouseEvent| on_random.emit(()))
    };
    html! {
        <form class="draw-picker" {onsubmit}>
            <h2>{ tr(lang, "draw.picker.title") }</h2>
            <p class="draw-help">{ tr(lang, "draw.picker.help") }</p>
            <label>
                { tr(lang, "draw.picker.number") }
                // Text, not a number input: the browser's number input hands over "" for "1e"
                // or "abc", so the reason for a disabled Load could not quote what was typed.
                <input type="text" inputmode="numeric" autocomplete="off"
                    data-testid="draw-picker-number"
                    aria-invalid={props.refusal.is_some().then_some("true")}
                    aria-describedby={props.refusal.is_some().then_some("draw-picker-refusal")}
                    value={props.text.clone()} {oninput} />
            </label>
            <button type="submit" disabled={!ready || props.number.is_none()}
                data-testid="draw-picker-load">{ tr(lang, "draw.picker.load") }</button>
            <button type="button" onclick={on_random} disabled={!ready}
                data-testid="draw-picker-random">{ tr(lang, "draw.picker.random") }</button>
            if let Some(refusal) = &props.refusal {
                <p id="draw-picker-refusal" class="field-error" data-testid="draw-picker-refusal">
                    { cnn::Localized::message(refusal, lang) }
                </p>
            }
            { match &props.digits {
                Load::Loading => html! { <p class="draw-status">{ tr(lang, "draw.picker.loading") }</p> },
                Load::Failed(e) => html! {
                    <p class="draw-error" role="alert">{ format!("{}: {}", tr(lang, "draw.picker.error"), e.get(lang)) }</p>
                },
                Load::Ready(_) => html! {},
            } }
            if let Some(d) = &props.loaded {
                <p class="draw-status" data-testid="draw-picker-loaded" data-label={d.label.to_string()}>
                    { format!("{}: {}", tr(lang, "draw.picker.label"), d.label) }
                </p>
            }
        </form>
    }
}
