//! The Activations section: plots of sigmoid, tanh, ReLU, softplus and Leaky ReLU with their
//! derivatives and a readout at a point; softplus as a sum of shifted sigmoids with the largest
//! gap; the gradient through k layers on a log scale.
//!
//! All numbers come from `cnn::activation` / `cnn::curves` (what is plotted is what the network
//! computes). The state lives in one reducer and in the URL ([`state`]); the charts are built in
//! [`model`]; the panels only draw them and dispatch [`state::ActivationsAction`]s.

pub mod curves_panel;
pub mod depth_panel;
pub mod model;
pub mod slider;
pub mod state;
pub mod sum_panel;

use yew::prelude::*;

use self::curves_panel::CurvesPanel;
use self::depth_panel::DepthPanel;
use self::state::{ActivationsAction, ActivationsState};
use self::sum_panel::SumPanel;
use super::SectionProps;
use crate::components::UrlNote;
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;

#[function_component]
pub fn ActivationsSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (reducer, dispatch) =
        use_url_reducer::<ActivationsState>(props.query.clone(), props.on_query.clone());
    let state = reducer.0.clone();
    html! {
        <section class="section section-activations" aria-labelledby="activations-title">
            <h1 id="activations-title">{ tr(lang, "activations.title") }</h1>
            <p class="intro">{ tr(lang, "activations.intro") }</p>
            <UrlNote {lang} keys={state.ignored.clone()}
                on_dismiss={dispatch.reform(|()| ActivationsAction::DismissNote)} />
            <CurvesPanel {lang} state={state.clone()} on={dispatch.clone()} />
            <SumPanel {lang} terms={state.terms} sum_range={state.sum_range} start={state.start} on={dispatch.clone()} />
            <DepthPanel {lang} layers={state.layers} z={state.z} on={dispatch} />
        </section>
    }
}
