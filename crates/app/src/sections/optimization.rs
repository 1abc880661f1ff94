//! The Optimization section: gradient descent, Polyak's momentum and Nesterov's correction in
//! the lecture's forms, step by step on a 2-D loss surface, with Adam and RMSProp as optional
//! traces.
//!
//! Every path is computed by the core's optimizers ([`cnn::descent`]); the state lives in one
//! reducer and in the URL ([`state`]), everything shown is derived in [`model`], and the
//! components only draw it and dispatch [`state::OptAction`]s.

pub mod controls;
pub mod methods_table;
pub mod model;
pub mod number_slider;
pub mod state;
pub mod surface_map;
pub mod written_update;

use std::rc::Rc;

use cnn::descent::written::format_point;
use yew::prelude::*;

use self::controls::Controls;
use self::methods_table::MethodsTable;
use self::model::{OptModel, method_color};
use self::state::{OptAction, OptState};
use self::surface_map::SurfaceMap;
use self::written_update::WrittenUpdates;
use super::SectionProps;
use crate::components::UrlNote;
use crate::components::player::{Player, use_player};
use crate::components::plot_canvas::{PlotCanvas, PlotCursor};
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;

#[function_component]
pub fn OptimizationSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (reducer, dispatch) =
        use_url_reducer::<OptState>(props.query.clone(), props.on_query.clone());
    let state = reducer.0.clone();
    let on_player = dispatch.reform(OptAction::Player);
    use_player(on_player.clone(), state.playback);

    let model = {
        let state = state.clone();
        let key = (*state).clone();
        use_memo(key, move |_| OptModel::new(&state))
    };
    let rows = model.rows(lang);
    let points: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {}", r.method.display_name(lang), format_point(r.point)))
        .collect();
    let announcement = format!(
        "{} {} {} {}: {}",
        tr(lang, "conv.player.step"),
        model.step,
        tr(lang, "conv.player.of"),
        model.length,
        points.join("; ")
    );
    let loss_spec = {
        let model = model.clone();
        let x_desc = tr(lang, "optimization.loss.x");
        let y_desc = tr(lang, "optimization.loss.y");
        use_memo((model.clone(), lang), move |_| {
            Rc::new(model.loss_spec(x_desc, y_desc))
        })
    };
    let cursor = Some(PlotCursor {
        x: model.step as f64,
        dots: model
            .trajectories()
            .iter()
            .filter_map(|t| {
                let l = *t.excess_loss.get(model.step)?;
                (l > 0.0).then_some((l, method_color(t.method)))
            })
            .collect(),
    });
    let legend = model.trajectories().iter().map(|t| {
        html! {
            <li>
                <span class="swatch" aria-hidden="true"
                    style={format!("--swatch:{}", method_color(t.method).css())}></span>
                { t.method.display_name(lang) }
            </li>
        }
    });

    html! {
        <section class="section section-optimization" aria-labelledby="optimization-title">
            <h1 id="optimization-title">{ tr(lang, "optimization.title") }</h1>
            <p class="intro">{ tr(lang, "optimization.intro") }</p>
            <UrlNote {lang} keys={state.ignored.clone()}
                on_dismiss={dispatch.reform(|()| OptAction::DismissNote)} />
            <div class="opt-formulas">
                <div class="card opt-formula-card">
                    <h2>{ tr(lang, "optimization.slide.momentum") }</h2>
                    <p><code>{ "ν = γν + (1 − γ)·L′(w)" }</code><br /><code>{ "w = w − ην" }</code></p>
                </div>
                <div class="card opt-formula-card">
                    <h2>{ tr(lang, "optimization.slide.nesterov") }</h2>
                    <p><code>{ "ν = γν + (1 − γ)·L′(w − ηγν)" }</code><br /><code>{ "w = w − ην" }</code></p>
                </div>
            </div>
            <div class="opt-layout">
                <div class="opt-main">
                    <section class="card opt-map-card" aria-labelledby="opt-map-heading">
                        <h2 id="opt-map-heading">{ state.surface().display_name(lang) }</h2>
                        <ul class="opt-legend">
                            { for legend }
                            <li class="opt-legend-mark">{ "■ " }{ tr(lang, "optimization.legend.start") }</li>
                            <li class="opt-legend-mark">{ "● " }{ tr(lang, "optimization.legend.minimum") }</li>
                            <li class="opt-legend-mark">{ "◯ " }{ tr(lang, "optimization.legend.look_ahead") }</li>
                        </ul>
                        <SurfaceMap {lang} model={model.clone()} on={dispatch.clone()}
                            valuetext={AttrValue::from(announcement.clone())} />
                        <p class="opt-hint">
                            { tr(lang, "optimization.map.hint") }{ " " }
                            <span data-testid="opt-start">{ format!("w₀ = {}", format_point(state.start)) }</span>
                        </p>
                        <Player {lang} playback={state.playback} on={on_player}
                            scrubber_key="optimization.scrubber" />
                        <p class="visually-hidden" aria-live="polite" data-testid="opt-announce">
                            { if state.playback.playing { String::new() } else { announcement } }
                        </p>
                    </section>
                    <WrittenUpdates {lang} model={model.clone()} />
                </div>
                <div class="opt-side">
                    <Controls {lang} state={state.clone()} on={dispatch.clone()} />
                    if let Some(error) = model.error(lang) {
                        <p class="error" role="alert" data-testid="opt-error">{ error }</p>
                    }
                    <MethodsTable {lang} model={model.clone()} />
                    <section class="card opt-loss" aria-labelledby="opt-loss-heading">
                        <h2 id="opt-loss-heading">{ tr(lang, "optimization.loss.heading") }</h2>
                        <PlotCanvas {lang} spec={(*loss_spec).clone()}
                            aria_label={tr(lang, "optimization.loss.chart")}
                            cursor={cursor} aspect={0.62}
                            test_id={AttrValue::from("opt-loss-chart")} />
                    </section>
                </div>
            </div>
        </section>
    }
}
