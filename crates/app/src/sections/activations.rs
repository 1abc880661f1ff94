//! The Activations section: plots of sigmoid, tanh, ReLU, softplus and Leaky ReLU with their
//! derivatives and a readout at a point; softplus as a sum of shifted sigmoids with the largest
//! gap; the gradient through k layers on a log scale.
//!
//! All numbers come from `cnn::activation` / `cnn::curves` (what is plotted is what the network
//! computes). The state lives in the URL query ([`state`]); the charts are built in [`model`].

pub mod model;
pub mod state;

use std::rc::Rc;

use cnn::{Activation, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use self::model::{
    DepthRow, ReadoutRow, activation_color, cursor_dots, curves_spec, depth_rows, depth_spec,
    format_significant, format_value, format_x, formula, readout, short_name, sum_gap, sum_spec,
};
use self::state::{ActivationsState, MAX_RANGE, MIN_RANGE, X_LIMIT, Z_LIMIT, nudge, snap};
use super::SectionProps;
use crate::components::UrlNote;
use crate::components::plot_canvas::{PlotCanvas, PlotCursor, PlotPointer};
use crate::components::plot_data::Rgb;
use crate::i18n::tr;

/// The value of the `<input>` an event came from.
fn input_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.value())
}

fn input_checked(e: &Event) -> Option<bool> {
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.checked())
}

/// A colour swatch (solid or dashed line) for legends.
fn swatch(color: Rgb, dashed: bool) -> Html {
    let class = if dashed {
        "swatch swatch-dashed"
    } else {
        "swatch"
    };
    html! { <span class={class} style={format!("--swatch:{}", color.css())} aria-hidden="true"></span> }
}

#[function_component]
pub fn ActivationsSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (state, unreadable) = ActivationsState::from_query(&props.query);
    let hover_x = use_state(|| None::<f64>);
    let x_invalid = use_state(|| false);

    // Every change goes to the URL; the shell hands the new query back as props. The updater
    // reads the latest state from a ref, so callbacks held by the panels never act on a stale one.
    let latest = use_mut_ref(|| (ActivationsState::default(), Callback::noop()));
    *latest.borrow_mut() = (state.clone(), props.on_query.clone());
    let update: Update = {
        let latest = latest.clone();
        use_memo((), move |_| -> Update {
            Rc::new(move |change: &dyn Fn(&mut ActivationsState)| {
                let (current, on_query) = latest.borrow().clone();
                let mut next = current.clone();
                change(&mut next);
                if next != current {
                    latest.borrow_mut().0 = next.clone();
                    on_query.emit(next.to_query());
                }
            })
        })
        .as_ref()
        .clone()
    };

    // Dismissing the note writes the state as read, which drops the unreadable keys.
    let on_dismiss_note = {
        let on_query = props.on_query.clone();
        let query = state.to_query();
        Callback::from(move |()| on_query.emit(query.clone()))
    };

    // --- the main chart ---
    let curves = {
        let y_desc = if state.derivatives {
            tr(lang, "activations.curves.y_desc_derivatives")
        } else {
            tr(lang, "activations.curves.y_desc")
        };
        let for_memo = state.clone();
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
    let rows = readout(&state, readout_x);
    let cursor = Some(PlotCursor {
        x: readout_x,
        dots: cursor_dots(&state, readout_x),
    });
    let on_hover = {
        let hover_x = hover_x.clone();
        Callback::from(move |p: Option<PlotPointer>| {
            hover_x.set(p.map(|p| snap(p.x, p.x_per_px)));
        })
    };
    let on_pick = {
        let update = update.clone();
        let x_invalid = x_invalid.clone();
        Callback::from(move |p: PlotPointer| {
            let x = snap(p.x, p.x_per_px);
            x_invalid.set(false);
            update(&|s| s.x = x);
        })
    };
    let on_nudge = {
        let update = update.clone();
        let hover_x = hover_x.clone();
        Callback::from(move |steps: i32| {
            hover_x.set(None);
            update(&|s| s.x = nudge(s.x, steps));
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
                let update = update.clone();
                Callback::from(move |e: Event| {
                    if let Some(on) = input_checked(&e) {
                        update(&|s| s.shown[i] = on);
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
        let update = update.clone();
        Callback::from(move |e: Event| {
            if let Some(on) = input_checked(&e) {
                update(&|s| s.derivatives = on);
            }
        })
    };
    let on_range = {
        let update = update.clone();
        Callback::from(move |v: f64| update(&|s| s.range = v.clamp(MIN_RANGE, MAX_RANGE)))
    };
    let on_x = {
        let update = update.clone();
        let x_invalid = x_invalid.clone();
        let hover_x = hover_x.clone();
        Callback::from(move |e: InputEvent| {
            let parsed = input_value(&e)
                .and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok())
                .filter(|v| v.is_finite() && v.abs() <= X_LIMIT);
            match parsed {
                Some(v) => {
                    x_invalid.set(false);
                    hover_x.set(None);
                    update(&|s| s.x = state::round2(v));
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
        <section class="section section-activations" aria-labelledby="activations-title">
            <h1 id="activations-title">{ tr(lang, "activations.title") }</h1>
            <p class="intro">{ tr(lang, "activations.intro") }</p>
            <UrlNote {lang} keys={unreadable} on_dismiss={on_dismiss_note} />

            <section class="card act-panel" aria-labelledby="act-curves-heading">
                <h2 id="act-curves-heading">{ tr(lang, "activations.curves.heading") }</h2>
                <div class="act-layout">
                    <div class="act-chart">
                        <PlotCanvas
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
                        <input type="number" id="act-x" step="0.01" min={(-X_LIMIT).to_string()}
                               max={X_LIMIT.to_string()} value={state.x.to_string()}
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

            { sum_panel(&state, lang, &update) }
            { depth_panel(&state, lang, &update) }
        </section>
    }
}

fn readout_row(row: &ReadoutRow, lang: Lang) -> Html {
    html! {
        <tr data-activation={row.activation.spec_name()}>
            <th scope="row">
                { swatch(activation_color(row.activation), false) }
                { short_name(row.activation, lang) }
            </th>
            <td class="num act-value">{ format_value(row.value) }</td>
            <td class="num act-derivative">{ format_value(row.derivative) }</td>
        </tr>
    }
}

type Update = Rc<dyn Fn(&dyn Fn(&mut ActivationsState))>;

fn sum_panel(state: &ActivationsState, lang: Lang, update: &Update) -> Html {
    html! { <SumPanel lang={lang} terms={state.terms} sum_range={state.sum_range} update={UpdateProp(update.clone())} /> }
}

fn depth_panel(state: &ActivationsState, lang: Lang, update: &Update) -> Html {
    html! { <DepthPanel lang={lang} layers={state.layers} z={state.z} update={UpdateProp(update.clone())} /> }
}

#[derive(Properties, PartialEq)]
struct SliderProps {
    id: AttrValue,
    label: AttrValue,
    /// The value as shown beside the label.
    shown: AttrValue,
    /// The test id of the shown value.
    #[prop_or_default]
    testid: Option<AttrValue>,
    min: f64,
    max: f64,
    step: f64,
    value: f64,
    on_input: Callback<f64>,
}

/// A labelled range input with its value beside the label.
#[function_component]
fn Slider(props: &SliderProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_value(&e).and_then(|v| v.parse::<f64>().ok()) {
                on_input.emit(v);
            }
        })
    };
    html! {
        <div class="act-slider">
            <label for={props.id.clone()}>
                { props.label.clone() }
                <output for={props.id.clone()} data-testid={props.testid.clone()}>{ props.shown.clone() }</output>
            </label>
            <input type="range" id={props.id.clone()} min={props.min.to_string()}
                   max={props.max.to_string()} step={props.step.to_string()}
                   value={props.value.to_string()} {oninput} />
        </div>
    }
}

/// The state updater as a prop; panels re-render when their own values change, not on hover.
#[derive(Clone)]
struct UpdateProp(Update);

impl PartialEq for UpdateProp {
    fn eq(&self, other: &Self) -> bool {
        // One updater per section instance (memoised), reading the latest state itself.
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct SumPanelProps {
    lang: Lang,
    terms: usize,
    sum_range: f64,
    update: UpdateProp,
}

#[function_component]
fn SumPanel(props: &SumPanelProps) -> Html {
    let lang = props.lang;
    let state = ActivationsState {
        terms: props.terms,
        sum_range: props.sum_range,
        ..ActivationsState::default()
    };
    let spec = {
        let state = state.clone();
        let y_desc = tr(lang, "activations.sum.y_desc");
        use_memo((props.terms, props.sum_range.to_bits(), lang), move |_| {
            sum_spec(&state, "x", y_desc)
        })
    };
    let gap = use_memo((props.terms, props.sum_range.to_bits()), {
        let state = state.clone();
        move |_| sum_gap(&state)
    });
    let on_terms = {
        let update = props.update.0.clone();
        Callback::from(move |v: f64| {
            update(&|s| s.terms = (v as usize).clamp(1, cnn::curves::MAX_SUM_TERMS))
        })
    };
    let on_range = {
        let update = props.update.0.clone();
        Callback::from(move |v: f64| update(&|s| s.sum_range = v.clamp(MIN_RANGE, MAX_RANGE)))
    };
    let gap_text = match *gap {
        Some(g) => html! {
            <p class="act-gap" data-testid="act-sum-gap">
                { tr(lang, "activations.sum.gap") }{" "}
                <strong class="act-gap-value" data-testid="act-sum-gap-value">{ format_significant(g.gap) }</strong>
                {" "}{ tr(lang, "activations.sum.gap_at") }{" "}
                <span class="act-gap-x">{ format_x(g.x) }</span>
            </p>
        },
        None => Html::default(),
    };
    html! {
        <section class="card act-panel" aria-labelledby="act-sum-heading">
            <h2 id="act-sum-heading">{ tr(lang, "activations.sum.heading") }</h2>
            <p class="act-text">{ tr(lang, "activations.sum.text") }</p>
            <div class="act-controls">
                <Slider id="act-terms" label={tr(lang, "activations.sum.terms")}
                    shown={props.terms.to_string()} testid="act-terms-value"
                    min={1.0} max={cnn::curves::MAX_SUM_TERMS as f64} step={1.0}
                    value={props.terms as f64} on_input={on_terms} />
                <Slider id="act-sum-range" label={tr(lang, "activations.range")}
                    shown={props.sum_range.to_string()} min={MIN_RANGE} max={MAX_RANGE} step={1.0}
                    value={props.sum_range} on_input={on_range} />
            </div>
            <PlotCanvas
                spec={spec}
                aria_label={tr(lang, "activations.sum.chart")}
                aspect={0.45}
                test_id={AttrValue::from("act-sum-chart")}
            />
            <ul class="act-keys">
                <li>{ swatch(model::SUM_COLOR, true) }{ tr(lang, "activations.sum.legend_sum") }</li>
                <li>{ swatch(model::SOFTPLUS_COLOR, false) }{ tr(lang, "activations.sum.legend_softplus") }</li>
                <li>{ swatch(model::TERM_COLOR, false) }{ tr(lang, "activations.sum.legend_terms") }</li>
                <li>{ swatch(model::GAP_COLOR, false) }{ tr(lang, "activations.sum.legend_gap") }</li>
            </ul>
            <div aria-live="polite">{ gap_text }</div>
            <p class="act-note">{ tr(lang, "activations.sum.note") }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DepthPanelProps {
    lang: Lang,
    layers: u32,
    z: f64,
    update: UpdateProp,
}

#[function_component]
fn DepthPanel(props: &DepthPanelProps) -> Html {
    let lang = props.lang;
    let state = ActivationsState {
        layers: props.layers,
        z: props.z,
        ..ActivationsState::default()
    };
    let spec = {
        let state = state.clone();
        let x_desc = tr(lang, "activations.depth.x_desc");
        let y_desc = tr(lang, "activations.depth.y_desc");
        use_memo((props.layers, props.z.to_bits(), lang), move |_| {
            depth_spec(&state, x_desc, y_desc)
        })
    };
    let rows = depth_rows(&state);
    let on_z = {
        let update = props.update.0.clone();
        Callback::from(move |v: f64| update(&|s| s.z = state::round2(v.clamp(-Z_LIMIT, Z_LIMIT))))
    };
    let on_k = {
        let update = props.update.0.clone();
        Callback::from(move |v: f64| {
            update(&|s| s.layers = (v as u32).clamp(1, cnn::curves::MAX_DEPTH))
        })
    };
    html! {
        <section class="card act-panel" aria-labelledby="act-depth-heading">
            <h2 id="act-depth-heading">{ tr(lang, "activations.depth.heading") }</h2>
            <p class="act-text">{ tr(lang, "activations.depth.text") }</p>
            <div class="act-controls">
                <Slider id="act-z" label={tr(lang, "activations.depth.z")}
                    shown={format_x(props.z)} min={-Z_LIMIT} max={Z_LIMIT} step={0.1}
                    value={props.z} on_input={on_z} />
                <Slider id="act-k" label={tr(lang, "activations.depth.k")}
                    shown={props.layers.to_string()} testid="act-k-value"
                    min={1.0} max={f64::from(cnn::curves::MAX_DEPTH)} step={1.0}
                    value={f64::from(props.layers)} on_input={on_k} />
            </div>
            <div class="act-layout">
                <div class="act-chart">
                    <PlotCanvas
                        spec={spec}
                        aria_label={tr(lang, "activations.depth.chart")}
                        test_id={AttrValue::from("act-depth-chart")}
                    />
                </div>
                <div class="act-side">
                    <table class="act-table" data-testid="act-depth-table" aria-live="polite">
                        <thead>
                            <tr>
                                <th scope="col">{ tr(lang, "activations.readout.function") }</th>
                                <th scope="col">{ format!("f′({})", format_x(props.z)) }</th>
                                <th scope="col">
                                    { format!("f′(z){}", crate::components::plot_data::superscript(props.layers as i32)) }
                                    <br/>
                                    <span class="act-th-note">{ tr(lang, "activations.depth.product") }</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().map(|r| depth_row(r, lang)) }
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

fn depth_row(row: &DepthRow, lang: Lang) -> Html {
    let product = if row.product == 0.0 {
        html! { <span class="act-dead">{ tr(lang, "activations.depth.dead") }</span> }
    } else {
        html! { { format_significant(row.product) } }
    };
    html! {
        <tr data-activation={row.activation.spec_name()}>
            <th scope="row">
                { swatch(activation_color(row.activation), false) }
                { short_name(row.activation, lang) }
            </th>
            <td class="num">{ format_significant(row.derivative) }</td>
            <td class="num act-product">{ product }</td>
        </tr>
    }
}
