//! Parameters next to multiply-adds, layer by layer, on a log scale: where a network keeps its
//! weights and where it does its arithmetic are different layers.

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use super::model::ArchModel;
use crate::components::plot_canvas::PlotCanvas;
use crate::components::plot_data::palette;
use crate::i18n::tr;
use crate::sections::activations::slider::swatch;

#[derive(Properties, PartialEq)]
pub struct CostChartProps {
    pub lang: Lang,
    pub model: Rc<ArchModel>,
}

#[function_component]
pub fn CostChart(props: &CostChartProps) -> Html {
    let lang = props.lang;
    let body = match props.model.chart(lang) {
        Some(spec) => html! {
            <>
                <ul class="arch-legend">
                    <li>{ swatch(palette::BLUE, false) }{ tr(lang, "architectures.chart.params") }</li>
                    <li>{ swatch(palette::VERMILLION, true) }{ tr(lang, "architectures.chart.macs") }</li>
                </ul>
                <PlotCanvas {lang} spec={Rc::new(spec)} aspect={0.45}
                    aria_label={tr(lang, "architectures.chart.aria")} test_id="arch-chart" />
                if let Some(text) = props.model.shares(lang) {
                    <p class="arch-shares" data-testid="arch-shares">{ text }</p>
                }
            </>
        },
        None => html! { <p class="hint">{ tr(lang, "architectures.chart.none") }</p> },
    };
    html! {
        <section class="card arch-chart" aria-labelledby="arch-chart-title">
            <h2 id="arch-chart-title">{ tr(lang, "architectures.chart.title") }</h2>
            { body }
        </section>
    }
}
