//! "The gradient through k layers": f′(z)^k for every activation, on a log scale, with the
//! table of f′(z) and its k-th power (from [`super::model`]).

use cnn::Lang;
use yew::prelude::*;

use super::model::{DepthRow, depth_rows, depth_spec, format_significant, format_x};
use super::slider::{Slider, row_heading};
use super::state::{ActivationsAction, ActivationsState, Z_LIMIT};
use crate::components::plot_canvas::PlotCanvas;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct DepthPanelProps {
    pub lang: Lang,
    pub layers: u32,
    pub z: f64,
    pub on: Callback<ActivationsAction>,
}

#[function_component]
pub fn DepthPanel(props: &DepthPanelProps) -> Html {
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
    let on_z = props.on.reform(ActivationsAction::SetZ);
    let on_k = props
        .on
        .reform(|v: f64| ActivationsAction::SetLayers(v.max(0.0) as u32));
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
                        lang={lang}
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
            { row_heading(row.activation, lang) }
            <td class="num">{ format_significant(row.derivative) }</td>
            <td class="num act-product">{ product }</td>
        </tr>
    }
}
