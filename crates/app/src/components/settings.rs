//! Number settings shared by the Convolution lab and Pooling: a [`Stepper`] (− value +) and an
//! [`AxisSetting`] — one stepper while height and width are linked, one per axis otherwise.

use cnn::{Dim, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::tr;
use crate::sections::conv::settings::{PerAxis, Typed, read_typed};

#[derive(Properties, PartialEq)]
pub struct StepperProps {
    pub lang: Lang,
    pub label: AttrValue,
    pub value: usize,
    pub min: usize,
    pub max: usize,
    pub on_change: Callback<usize>,
    pub testid: AttrValue,
}

/// A number with − and + buttons; typing a number works too: clamped to min…max with a
/// visible note saying so, and text that is no whole number stays in the field with its message
/// (the setting keeps its value) until corrected. ↑ and ↓ step, as in a number field.
#[function_component]
pub fn Stepper(props: &StepperProps) -> Html {
    let StepperProps {
        value, min, max, ..
    } = *props;
    // What the field says besides the value: a clamp note, or a refused text kept as typed.
    let typed = use_state(|| None::<Typed>);
    {
        // A value set from elsewhere (the URL, a preset) replaces a refused text.
        let typed = typed.clone();
        use_effect_with(value, move |_| {
            if matches!(*typed, Some(Typed::Refused { .. })) {
                typed.set(None);
            }
        });
    }
    let set = |v: usize| {
        let on = props.on_change.clone();
        let typed = typed.clone();
        move || {
            typed.set(None);
            on.emit(v)
        }
    };
    let emit = |v: usize| {
        let set = set(v);
        Callback::from(move |_: MouseEvent| set())
    };
    let onchange = {
        let on = props.on_change.clone();
        let typed = typed.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let read = read_typed(&input.value(), min, max);
            if let Typed::Use(used, _) = read {
                // The field shows the value used even when the state does not change.
                input.set_value(&used.to_string());
                on.emit(used);
            }
            typed.set(Some(read));
        })
    };
    let onkeydown = {
        let (down, up) = (
            set(value.saturating_sub(1).max(min)),
            set((value + 1).min(max)),
        );
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" => {
                e.prevent_default();
                down();
            }
            "ArrowUp" => {
                e.prevent_default();
                up();
            }
            _ => {}
        })
    };
    let lang = props.lang;
    let refusal = typed
        .as_ref()
        .and_then(|t| t.refusal(lang, &props.label, value));
    let clamped = match &*typed {
        Some(Typed::Use(_, Some(note))) => Some(note.message(lang, &props.label)),
        _ => None,
    };
    let note_id = format!("{}-note", props.testid);
    // A refused text stays in the field (the value attribute is only the accepted number).
    let shown = match &*typed {
        Some(Typed::Refused { typed, .. }) => typed.clone(),
        _ => value.to_string(),
    };
    html! {
        <div class={classes!("stepper", refusal.is_some().then_some("field-refused"))}
            data-testid={props.testid.clone()}>
            <span class="stepper-label" id={format!("{}-label", props.testid)}>{ props.label.clone() }</span>
            <button type="button" class="stepper-button" disabled={value <= min}
                aria-label={format!("{} {}", props.label, tr(lang, "conv.less"))}
                onclick={emit(value.saturating_sub(1).max(min))}>{ "−" }</button>
            // Text, not a number input: the browser's number input hands over "" for "abc" or
            // "1e", so the message could not quote what was typed.
            <input type="text" inputmode="numeric" autocomplete="off" class="stepper-input"
                value={shown} aria-labelledby={format!("{}-label", props.testid)}
                aria-invalid={refusal.is_some().then_some("true")}
                aria-describedby={(refusal.is_some() || clamped.is_some()).then(|| note_id.clone())}
                {onchange} {onkeydown} />
            <button type="button" class="stepper-button" disabled={value >= max}
                aria-label={format!("{} {}", props.label, tr(lang, "conv.more"))}
                onclick={emit((value + 1).min(max))}>{ "+" }</button>
            if let Some(message) = refusal {
                <p class="field-error" role="alert" id={note_id.clone()} data-testid={note_id.clone()}>
                    { message }
                </p>
            }
            if let Some(message) = clamped {
                <p class="clamp-note" role="status" id={note_id.clone()} data-testid={note_id}>
                    { message }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AxisSettingProps {
    pub lang: Lang,
    /// The setting's name, e.g. "Stride".
    pub label: AttrValue,
    pub value: PerAxis,
    pub min: usize,
    pub max: usize,
    /// One stepper for both axes while linked.
    pub linked: bool,
    /// The steppers' test ids: `<testid>`, or `<testid>-h` and `<testid>-w`.
    pub testid: AttrValue,
    pub on_change: Callback<(Dim, usize)>,
}

/// A setting that may differ between height and width.
#[function_component]
pub fn AxisSetting(props: &AxisSettingProps) -> Html {
    let lang = props.lang;
    let axes: &[(Dim, &str, &str)] = if props.linked {
        &[(Dim::Height, "", "")]
    } else {
        &[
            (Dim::Height, "conv.axis.h", "-h"),
            (Dim::Width, "conv.axis.w", "-w"),
        ]
    };
    html! {
        <div class="setting">
            { for axes.iter().map(|&(axis, axis_key, suffix)| {
                let label = if axis_key.is_empty() {
                    props.label.to_string()
                } else {
                    format!("{} ({})", props.label, tr(lang, axis_key))
                };
                html! {
                    <Stepper {lang} {label} value={props.value.get(axis)}
                        min={props.min} max={props.max}
                        testid={format!("{}{suffix}", props.testid)}
                        on_change={props.on_change.reform(move |value| (axis, value))} />
                }
            }) }
        </div>
    }
}
