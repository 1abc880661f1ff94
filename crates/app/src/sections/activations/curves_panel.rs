//! The main chart: the visible activations (and their derivatives) over [−range, range], and
//! the readout of every visible f(x) and f′(x) at the chosen point — picked on the chart, moved
//! with the arrow keys, or typed.

use std::rc::Rc;

use cnn::{Activation, Lang};
use yew::prelude::*;

use super::model::{
    ReadoutRow, activation_color, cursor_dots, curves_spec, format_value, format_x, formula,
    readout,
};
use super::slider::{Slider, input_checked, input_value, row_heading, swatch};
use super::state::{ActivationsAction, ActivationsState, MAX_RANGE, MIN_RANGE, snap, typed_x};
use crate::components::plot_canvas::{PlotCanvas, PlotCursor, PlotPointer};
use crate::components::plot_data::Rgb;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct CurvesPanelProps {
    pub lang: Lang,
    pub state: Rc<ActivationsState>,
    pub on: Callback<ActivationsAction>,
}

#[function_component]
pub fn CurvesPanel(props: &CurvesPanelProps) -> Html {
    let lang = props.lang;
    let state = &props.state;
    // Where the pointer hovers (shown, not stored) and whether the typed x is unreadable.
    let hover_x = use_state(|| None::<f64>);
    let x_invalid = use_state(|| false);
    // What is typed into "Point x". It is the field's text, not the state's x: "-" or "" are
    // steps of an edit, and a field that re-rendered the state's x would undo them. A new x from
    // elsewhere (the chart, the keys, a link) replaces it.
    let x_text = use_state(|| state.x.to_string());
    {
        let x_text = x_text.clone();
        let x_invalid = x_invalid.clone();
        let x = state.x;
        use_effect_with(x.to_bits(), move |_| {
            // Text that already reads as this x (typed "0.50", say) stays as typed.
            if typed_x(&x_text) != Some(x) {
                x_text.set(x.to_string());
                x_invalid.set(false);
            }
        });
    }

    // --- the main chart ---
    let curves = {
        let y_desc = if state.derivatives {
            tr(lang, "activations.curves.y_desc_derivatives")
        } else {
            tr(lang, "activations.curves.y_desc")
        };
        let for_memo = (*state).clone();
        use_memo(
            (
                state.shown,
                state.derivatives,
                state.range.to_bits(),
                y_desc,
            ),
            move |_| curves_spec(&for_memo, "x", y_desc),
        )
    };
    let readout_x = hover_x.unwrap_or(state.x);
    let rows = readout(state, readout_x);
    let cursor = Some(PlotCursor {
        x: readout_x,
        dots: cursor_dots(state, readout_x),
    });
    let on_hover = {
        let hover_x = hover_x.clone();
        Callback::from(move |p: Option<PlotPointer>| {
            hover_x.set(p.map(|p| snap(p.x, p.x_per_px)));
        })
    };
    let on_pick = {
        let on = props.on.clone();
        let x_invalid = x_invalid.clone();
        Callback::from(move |p: PlotPointer| {
            x_invalid.set(false);
            on.emit(ActivationsAction::SetX(snap(p.x, p.x_per_px)));
        })
    };
    let on_nudge = {
        let on = props.on.clone();
        let hover_x = hover_x.clone();
        Callback::from(move |steps: i32| {
            hover_x.set(None);
            on.emit(ActivationsAction::NudgeX(steps));
        })
    };
    let valuetext = {
        let values: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{} {}, f′ {}",
                    r.activation.display_name(lang),
                    format_value(r.value),
                    format_value(r.derivative)
                )
            })
            .collect();
        format!("x = {}; {}", format_x(readout_x), values.join("; "))
    };

    let toggles = Activation::ALL
        .iter()
        .enumerate()
        .map(|(i, &activation)| {
            let onchange = {
                let dispatch = props.on.clone();
                Callback::from(move |e: Event| {
                    if let Some(on) = input_checked(&e) {
                        dispatch.emit(ActivationsAction::Show { index: i, on });
                    }
                })
            };
            let id = format!("act-show-{}", activation.spec_name());
            html! {
                <li>
                    <input type="checkbox" id={id.clone()} checked={state.shown[i]} {onchange}
                           data-activation={activation.spec_name()} />
                    <label for={id}>
                        { swatch(activation_color(activation), false) }
                        <span class="act-name">{ activation.display_name(lang) }</span>
                        <span class="act-formula">{ formula(activation) }</span>
                    </label>
                </li>
            }
        })
        .collect::<Html>();

    let on_derivatives = {
        let on = props.on.clone();
        Callback::from(move |e: Event| {
            if let Some(checked) = input_checked(&e) {
                on.emit(ActivationsAction::SetDerivatives(checked));
            }
        })
    };
    let on_range = props.on.reform(ActivationsAction::SetRange);
    let on_x = {
        let on = props.on.clone();
        let x_invalid = x_invalid.clone();
        let x_text = x_text.clone();
        let hover_x = hover_x.clone();
        Callback::from(move |e: InputEvent| {
            let text = input_value(&e).unwrap_or_default();
            let parsed = typed_x(&text);
            x_text.set(text);
            match parsed {
                Some(v) => {
                    x_invalid.set(false);
                    hover_x.set(None);
                    on.emit(ActivationsAction::SetX(v));
                }
                None => x_invalid.set(true),
            }
        })
    };

    let readout_table = if rows.is_empty() {
        html! { <p class="act-empty">{ tr(lang, "activations.readout.none") }</p> }
    } else {
        html! {
            <table class="act-table" data-testid="act-readout">
                <caption>
                    { tr(lang, "activations.readout.at") }{" x = "}
                    <span class="act-readout-x" data-testid="act-readout-x">{ format_x(readout_x) }</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, "activations.readout.function") }</th>
                        <th scope="col">{ "f(x)" }</th>
                        <th scope="col">{ "f′(x)" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| readout_row(r, lang)) }
                </tbody>
            </table>
        }
    };

    html! {
    <section class="card act-panel" aria-labelledby="act-curves-heading">
        <h2 id="act-curves-heading">{ tr(lang, "activations.curves.heading") }</h2>
        <div class="act-layout">
            <div class="act-chart">
                <PlotCanvas
                    lang={lang}
                    spec={curves}
                    aria_label={tr(lang, "activations.curves.chart")}
                    aria_valuetext={AttrValue::from(valuetext)}
                    cursor={cursor}
                    on_hover={Some(on_hover)}
                    on_pick={Some(on_pick)}
                    on_nudge={Some(on_nudge)}
                    test_id={AttrValue::from("act-curves-chart")}
                />
            </div>
            <div class="act-side">
                <fieldset class="act-legend">
                    <legend>{ tr(lang, "activations.curves.functions") }</legend>
                    <ul>{ toggles }</ul>
                </fieldset>
                <div class="act-option">
                    <input type="checkbox" id="act-derivatives" checked={state.derivatives}
                           onchange={on_derivatives} />
                    <label for="act-derivatives">
                        { swatch(Rgb(0x45, 0x50, 0x5c), true) }
                        { tr(lang, "activations.curves.derivatives") }
                    </label>
                </div>
                <Slider id="act-range" label={tr(lang, "activations.range")}
                    shown={state.range.to_string()} min={MIN_RANGE} max={MAX_RANGE} step={1.0}
                    value={state.range} on_input={on_range} />
            </div>
        </div>
        <div class="act-readout" aria-live="polite">
            <div class="act-x">
                <label for="act-x">{ tr(lang, "activations.readout.x") }</label>
                <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                       id="act-x" value={(*x_text).clone()}
                       aria-invalid={x_invalid.then_some("true")}
                       aria-describedby={x_invalid.then_some("act-x-error")}
                       oninput={on_x} />
                if *x_invalid {
                    <span id="act-x-error" class="error">{ tr(lang, "activations.readout.invalid") }</span>
                }
            </div>
            { readout_table }
        </div>
        <p class="act-hint">{ tr(lang, "activations.readout.hint") }</p>
        <p class="act-note">{ tr(lang, "activations.curves.saturation") }</p>
    </section>
    }
}

fn readout_row(row: &ReadoutRow, lang: Lang) -> Html {
    html! {
        <tr data-activation={row.activation.spec_name()}>
            { row_heading(row.activation, lang) }
            <td class="num act-value">{ format_value(row.value) }</td>
            <td class="num act-derivative">{ format_value(row.derivative) }</td>
        </tr>
    }
}
