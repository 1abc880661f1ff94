//! "Softplus as a sum of sigmoids": N shifted sigmoids add up to softplus; the chart and the
//! largest gap between the two come from [`super::model`].

use cnn::Lang;
use cnn::curves::SumStart;
use yew::prelude::*;

use super::model::{self, format_significant, format_x, sum_gap, sum_spec};
use super::slider::{Slider, swatch};
use super::state::{ActivationsAction, ActivationsState, MAX_RANGE, MIN_RANGE};
use crate::components::plot_canvas::PlotCanvas;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct SumPanelProps {
    pub lang: Lang,
    pub terms: usize,
    pub sum_range: f64,
    pub start: SumStart,
    pub on: Callback<ActivationsAction>,
}

#[function_component]
pub fn SumPanel(props: &SumPanelProps) -> Html {
    let lang = props.lang;
    let state = ActivationsState {
        terms: props.terms,
        sum_range: props.sum_range,
        start: props.start,
        ..ActivationsState::default()
    };
    let spec = {
        let state = state.clone();
        let y_desc = tr(lang, "activations.sum.y_desc");
        use_memo(
            (props.terms, props.sum_range.to_bits(), props.start, lang),
            move |_| sum_spec(&state, "x", y_desc),
        )
    };
    let gap = use_memo((props.terms, props.sum_range.to_bits(), props.start), {
        let state = state.clone();
        move |_| sum_gap(&state)
    });
    let on_terms = props
        .on
        .reform(|v: f64| ActivationsAction::SetTerms(v.max(0.0) as usize));
    let on_range = props.on.reform(ActivationsAction::SetSumRange);
    let gap_text = match *gap {
        Some(g) => html! {
            <p class="act-gap" data-testid="act-sum-gap">
                { tr(lang, "activations.sum.gap").replace("{limit}", props.start.limit_name()) }{" "}
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
            <div class="radio-group" role="radiogroup" aria-label={tr(lang, "activations.sum.start")}>
                { for SumStart::ALL.into_iter().map(|start| {
                    let on = props.on.clone();
                    let checked = start == props.start;
                    let (key, id) = match start {
                        SumStart::Slide => ("activations.sum.slide", "slide"),
                        SumStart::Midpoint => ("activations.sum.midpoint", "midpoint"),
                    };
                    html! {
                        <label class={classes!("radio", checked.then_some("active"))}>
                            <input type="radio" name="act-sum-start" {checked} data-testid={format!("act-sum-{id}")}
                                onchange={Callback::from(move |_| on.emit(ActivationsAction::SetSumStart(start)))} />
                            { tr(lang, key) }
                        </label>
                    }
                }) }
            </div>
            <p class="mono act-sum-written" data-testid="act-sum-written">{ props.start.written() }</p>
            <p class="act-text" data-testid="act-sum-why">{ tr(lang, "activations.sum.why") }</p>
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
                lang={lang}
                spec={spec}
                aria_label={tr(lang, "activations.sum.chart")}
                aspect={0.45}
                test_id={AttrValue::from("act-sum-chart")}
            />
            <ul class="act-keys">
                <li>{ swatch(model::SUM_COLOR, true) }{ tr(lang, "activations.sum.legend_sum") }</li>
                <li data-testid="act-sum-limit">{ swatch(model::SOFTPLUS_COLOR, false) }{ tr(lang, "activations.sum.legend_softplus") }{": "}{ props.start.limit_written() }</li>
                <li>{ swatch(model::TERM_COLOR, false) }{ tr(lang, "activations.sum.legend_terms") }</li>
                <li>{ swatch(model::GAP_COLOR, false) }{ tr(lang, "activations.sum.legend_gap") }</li>
            </ul>
            <div aria-live="polite">{ gap_text }</div>
            <p class="act-note">{ tr(lang, "activations.sum.note") }</p>
        </section>
    }
}
