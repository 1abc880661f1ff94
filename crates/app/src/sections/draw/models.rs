//! The model choice: the shipped network, or the Training section's (once it has one).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::analysis::Model;
use super::state::ModelChoice;
use crate::i18n::tr;
use crate::training::protocol::Text;

/// A network shared by the section's callbacks (its forward pass needs `&mut`).
pub type SharedModel = Rc<RefCell<Model>>;

/// Something fetched at start; a failure keeps its message in both languages.
#[derive(Clone)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(Text),
}

impl<T> PartialEq for Load<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Load::Loading, Load::Loading) | (Load::Ready(_), Load::Ready(_)) => true,
            (Load::Failed(a), Load::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// The network that classifies: the Training section's only when it has one.
pub fn effective(choice: ModelChoice, training_available: bool) -> ModelChoice {
    match choice {
        ModelChoice::Training if !training_available => ModelChoice::Pretrained,
        choice => choice,
    }
}

/// `asked`: the choice of the URL or the radio buttons; `model`: the [`effective`] one. When they
/// differ (a `model=training` link opened before any training) a note says so.
pub fn view_models(
    lang: cnn::Lang,
    asked: ModelChoice,
    model: ModelChoice,
    pretrained: &Load<SharedModel>,
    training_seen: Option<u64>,
    on_model: impl Fn(ModelChoice) -> Callback<Event>,
) -> Html {
    let training_note = match training_seen {
        Some(n) => format!("{n} {}", tr(lang, "draw.model.training.examples")),
        None => tr(lang, "draw.model.training.none").to_string(),
    };
    let status = match pretrained {
        Load::Loading => html! { <p class="draw-status">{ tr(lang, "draw.model.loading") }</p> },
        Load::Failed(e) => html! {
            <p class="draw-error" role="alert">{ format!("{}: {}", tr(lang, "draw.model.error"), e.get(lang)) }</p>
        },
        Load::Ready(model) => {
            let model = model.borrow();
            html! {
                <p class="draw-status draw-arch">
                    { format!("{}: {} · {} {}", tr(lang, "draw.model.architecture"),
                        model.spec, model.params, tr(lang, "draw.model.params")) }
                </p>
            }
        }
    };
    html! {
        <fieldset class="draw-models">
            <legend>{ tr(lang, "draw.model.title") }</legend>
            <label>
                <input type="radio" name="draw-model" checked={model == ModelChoice::Pretrained}
                    onchange={on_model(ModelChoice::Pretrained)} />
                { tr(lang, "draw.model.pretrained") }
            </label>
            <label class={classes!(training_seen.is_none().then_some("disabled"))}>
                <input type="radio" name="draw-model" checked={model == ModelChoice::Training}
                    onchange={on_model(ModelChoice::Training)} disabled={training_seen.is_none()}
                    data-testid="draw-model-training" />
                { tr(lang, "draw.model.training") }
                <span class="draw-help">{ format!(" — {training_note}") }</span>
            </label>
            if asked != model {
                <p class="draw-note" role="status" data-testid="draw-model-fallback">
                    { tr(lang, "draw.model.fallback") }
                </p>
            }
            { if model == ModelChoice::Pretrained { status } else { html! {} } }
        </fieldset>
    }
}
