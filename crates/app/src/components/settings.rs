//! Number settings shared by the Convolution lab and Pooling: a [`Stepper`] (− value +) and an
//! [`AxisSetting`] — one stepper while height and width are linked, one per axis otherwise.

use cnn::{Dim, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::tr;
use crate::sections::conv::settings::{ClampNote, PerAxis};

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

/// A number with − and + buttons; typing a number works too (clamped to min…max, with a
/// visible note saying so).
#[function_component]
pub fn Stepper(props: &StepperProps) -> Html {
    let StepperProps {
        value, min, max, ..
    } = *props;
    let note = use_state(|| None::<ClampNote>);
    let emit = |v: usize| {
        let on = props.on_change.clone();
        let note = note.clone();
        Callback::from(move |_: MouseEvent| {
            note.set(None);
            on.emit(v)
        })
    };
    let onchange = {
        let on = props.on_change.clone();
        let note = note.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match input.value().trim().parse::<usize>() {
                Ok(typed) => {
                    let (used, clamped) = ClampNote::check(typed, min, max);
                    // The field shows the value used even when the state does not change.
                    input.set_value(&used.to_string());
                    note.set(clamped);
                    on.emit(used)
                }
                Err(_) => input.set_value(&value.to_string()),
            }
        })
    };
    let lang = props.lang;
    html! {
        <div class="stepper" data-testid={props.testid.clone()}>
            <span class="stepper-label" id={format!("{}-label", props.testid)}>{ props.label.clone() }</span>
            <button type="button" class="stepper-button" disabled={value <= min}
                aria-label={format!("{} {}", props.label, tr(lang, "conv.less"))}
                onclick={emit(value.saturating_sub(1).max(min))}>{ "−" }</button>
            <input type="number" class="stepper-input" min={min.to_string()} max={max.to_string()}
                value={value.to_string()} aria-labelledby={format!("{}-label", props.testid)}
                {onchange} />
            <button type="button" class="stepper-button" disabled={value >= max}
                aria-label={format!("{} {}", props.label, tr(lang, "conv.more"))}
                onclick={emit((value + 1).min(max))}>{ "+" }</button>
            if let Some(n) = *note {
                <p class="clamp-note" role="status" data-testid={format!("{}-note", props.testid)}>
                    { n.message(lang, &props.label) }
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
