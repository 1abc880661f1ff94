//! The Architectures section: the lecture's history of convolutional networks, LeNet-5 and
//! AlexNet layer by layer (volumes, output-size arithmetic, parameters, multiply-adds, memory),
//! editable in place or as spec text, the chart of where parameters and arithmetic sit, and
//! AlexNet's training recipe.
//!
//! The table is the core's ([`cnn::layer_table`]); the state lives in one reducer and in the URL
//! ([`state`]); [`model`] derives the rows; the components only draw them and dispatch
//! [`state::ArchAction`]s.

pub mod cost_chart;
pub mod layer_table;
pub mod model;
pub mod recipe;
pub mod spec_editor;
pub mod state;
pub mod timeline;

use std::rc::Rc;

use cnn::presets::LENET5_MNIST;
use yew::prelude::*;

use self::cost_chart::CostChart;
use self::layer_table::LayerTable;
use self::model::{ArchModel, alexnet_conv1_lines};
use self::recipe::Recipe;
use self::spec_editor::SpecEditor;
use self::state::{ArchAction, ArchState, Preset};
use self::timeline::Timeline;
use super::{Section, SectionProps};
use crate::components::UrlNote;
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;
use crate::route::href;

fn preset_key(preset: Preset) -> &'static str {
    match preset {
        Preset::LeNet5 => "architectures.preset.lenet5",
        Preset::AlexNet => "architectures.preset.alexnet",
        Preset::Training => "architectures.preset.training",
    }
}

#[function_component]
pub fn ArchitecturesSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (reducer, dispatch) =
        use_url_reducer::<ArchState>(props.query.clone(), props.on_query.clone());
    let state = reducer.0.clone();
    let model = Rc::new(ArchModel::new(&state, lang));

    let presets = Preset::ALL.map(|preset| {
        let active = state.preset == preset;
        html! {
            <button type="button" class={classes!("toggle", active.then_some("active"))}
                aria-pressed={active.to_string()} data-testid={format!("arch-preset-{}", preset.code())}
                onclick={dispatch.reform(move |_| ArchAction::Preset(preset))}>
                { tr(lang, preset_key(preset)) }
            </button>
        }
    });
    let note = match state.preset {
        Preset::LeNet5 => {
            html! { <p class="arch-note">{ tr(lang, "architectures.note.lenet5") }</p> }
        }
        Preset::AlexNet => html! {
            <div class="arch-note" data-testid="arch-224">
                <p>{ tr(lang, "architectures.note.alexnet") }</p>
                <p class="mono">
                    { for alexnet_conv1_lines(lang, true).into_iter().map(|line| html! { <span class="arch-line">{ line }</span> }) }
                </p>
                <p>{ tr(lang, "architectures.note.alexnet227") }</p>
                <p class="mono">
                    { for alexnet_conv1_lines(lang, false).into_iter().map(|line| html! { <span class="arch-line">{ line }</span> }) }
                </p>
            </div>
        },
        Preset::Training => {
            html! { <p class="arch-note">{ tr(lang, "architectures.note.training") }</p> }
        }
    };
    let train = match &model.train {
        Ok(link) => html! {
            <p class="arch-train">
                <a class="button" data-testid="arch-train" href={href(Section::Training, lang, &link.query)}>
                    { tr(lang, "architectures.train.go") }
                </a>
                if link.adapted {
                    { " " }<span class="hint">{ tr(lang, "architectures.train.adapted") }{ " " }<code>{ LENET5_MNIST }</code></span>
                }
            </p>
        },
        Err(why) => html! {
            <p class="arch-train hint" data-testid="arch-train-no">
                { tr(lang, "architectures.train.cannot") }{ " " }{ why.get(lang).to_string() }
            </p>
        },
    };
    let spec_error = model
        .spec
        .as_ref()
        .err()
        .map(|e| AttrValue::from(e.clone()));
    html! {
        <section class="section section-architectures" aria-labelledby="architectures-title">
            <h1 id="architectures-title">{ tr(lang, "architectures.title") }</h1>
            <p class="intro">{ tr(lang, "architectures.intro") }</p>
            <UrlNote {lang} keys={state.ignored.clone()}
                on_dismiss={dispatch.reform(|()| ArchAction::DismissNote)} />
            <Timeline {lang} />
            <section class="card arch-explorer" aria-labelledby="arch-explorer-title">
                <h2 id="arch-explorer-title">{ tr(lang, "architectures.explorer.title") }</h2>
                <div class="arch-presets" role="group" aria-label={tr(lang, "architectures.preset.label")}>
                    { for presets }
                </div>
                { note }
                <SpecEditor {lang} text={state.text.clone()} edited={state.is_edited()}
                    error={spec_error} on={dispatch.clone()} />
                if model.spec.is_ok() {
                    <p class="hint">{ tr(lang, "architectures.table.hint") }</p>
                    <LayerTable {lang} model={model.clone()} on={dispatch.clone()} />
                }
                { train }
            </section>
            <CostChart {lang} model={model.clone()} />
            <Recipe {lang} />
        </section>
    }
}
