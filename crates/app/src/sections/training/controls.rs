//! The Training controls: the buttons, the status line, the live settings and the comparison
//! run. Renders the form and dispatches [`FormAction`]s; sends the buttons' messages.

use std::rc::Rc;

use yew::prelude::*;

use super::form::{Field, Form, FormAction};
use super::model::{primary, status_key};
use super::number_field::{NumberField, input_checked, input_value};
use crate::i18n::tr;
use crate::training::config::OptimizerKind;
use crate::training::protocol::TrainInput;
use crate::training::state::TrainingState;
use cnn::Lang;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub lang: Lang,
    pub form: Rc<Form>,
    pub state: Rc<TrainingState>,
    pub pending_reset: bool,
    pub dispatch: Callback<FormAction>,
    /// Messages of the buttons (Train/Pause, Save).
    pub on_send: Callback<TrainInput>,
    /// A network file was chosen.
    pub on_load: Callback<Event>,
    /// Reset was pressed (the section asks first if it would lose trained weights).
    pub on_reset: Callback<()>,
}

#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let (form, s, dispatch) = (&props.form, &props.state, &props.dispatch);
    let primary = primary(s);
    let send = |input: TrainInput| {
        let on_send = props.on_send.clone();
        Callback::from(move |_: MouseEvent| on_send.emit(input.clone()))
    };
    let act = |action: fn(Event) -> FormAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| dispatch.emit(action(e)))
    };
    let field = |id: &str,
                 key: &str,
                 value: String,
                 disabled: bool,
                 field: Field,
                 compare: bool| {
        let dispatch = dispatch.clone();
        let on_value = Callback::from(move |text| {
            dispatch.emit(FormAction::Edit {
                field,
                compare,
                text,
            })
        });
        let note = form.field_note(field, compare);
        // A refused value stays in its field; the settings keep the last accepted one.
        let value = note
            .filter(|n| n.refused)
            .map_or(value, |n| n.typed.clone());
        let note = note.map(|n| (n.message.get(lang).to_string(), n.refused));
        html! {
            <NumberField id={id.to_string()} label={tr(lang, key).to_string()} {value} {disabled} {note} {on_value} />
        }
    };
    let optimizer_select = |id: &str, current: OptimizerKind, compare: bool| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(kind) = OptimizerKind::from_code(&input_value(&e)) {
                dispatch.emit(FormAction::Optimizer { kind, compare });
            }
        });
        html! {
            <div class="field">
                <label for={id.to_string()}>{ tr(lang, "training.optimizer") }</label>
                <select id={id.to_string()} {onchange}>
                    { for OptimizerKind::ALL.iter().map(|k| html! {
                        <option value={k.code()} selected={*k == current}>
                            { format!("{} — {}", k.name(), tr(lang, optimizer_key(*k))) }
                        </option>
                    }) }
                </select>
            </div>
        }
    };
    let reset = {
        let on_reset = props.on_reset.clone();
        Callback::from(move |_: MouseEvent| on_reset.emit(()))
    };
    let (st, cs) = (&form.settings, &form.compare);
    let lr_note = |run_b: bool| match &form.lr_note {
        Some((b, text)) if *b == run_b => html! {
            <p class="lr-note" role="status" data-testid={if run_b { "lr-note-b" } else { "lr-note" }}>
                { text.get(lang).to_string() }
            </p>
        },
        _ => html! {},
    };

    html! {
        <div class="training-controls" role="group" aria-label={tr(lang, "training.controls")}>
            <div class="training-buttons">
                <button type="button" class="primary" data-testid="train-button"
                    disabled={primary.disabled} onclick={send(primary.input.clone())}>
                    { tr(lang, primary.label) }
                </button>
                <button type="button" data-testid="reset-button" onclick={reset}>
                    { tr(lang, "training.reset") }
                </button>
                <div class="field field-seed">
                    <label for="training-seed">{ tr(lang, "training.seed") }</label>
                    <input id="training-seed" type="number" min="0" step="1"
                        value={form.seed_text.clone()} onchange={act(|e| FormAction::Seed(input_value(&e)))} />
                </div>
                <button type="button" data-testid="save-button" onclick={send(TrainInput::Save)}
                    disabled={s.setup.is_none()}>
                    { tr(lang, "training.save") }
                </button>
                <label class="button-like" for="training-load">{ tr(lang, "training.load") }</label>
                <input id="training-load" class="visually-hidden" type="file"
                    accept=".cnnlab,application/octet-stream" data-testid="load-input"
                    onchange={props.on_load.clone()} />
            </div>
            if form.spec_refused() {
                <p class="field-error spec-refused" data-testid="spec-refused">{ tr(lang, "training.spec_refused") }</p>
            }
            <p class="training-status" role="status" aria-live="polite" data-testid="status"
                data-status={format!("{:?}", s.status)}>
                { tr(lang, status_key(s)) }
                if props.pending_reset {
                    <span class="pending-reset" data-testid="pending-reset">
                        { " · " }{ tr(lang, "training.pending_reset") }
                    </span>
                }
            </p>
            <fieldset class="training-settings">
                <legend>{ tr(lang, "training.settings") }</legend>
                <p class="hint">{ tr(lang, "training.settings.live") }</p>
                <div class="field-grid">
                    { optimizer_select("training-optimizer", st.optimizer, false) }
                    { field("training-lr", "training.lr", st.learning_rate.to_string(), !st.optimizer.uses_learning_rate(), Field::LearningRate, false) }
                    { field("training-momentum", "training.momentum", st.momentum.to_string(), !st.optimizer.uses_momentum(), Field::Momentum, false) }
                    { field("training-batch", "training.batch", st.batch_size.to_string(), false, Field::BatchSize, false) }
                    { field("training-l2", "training.l2", st.l2.to_string(), false, Field::L2, false) }
                    { field("training-dropout", "training.dropout", st.dropout.to_string(), false, Field::Dropout, false) }
                    { field("training-decay-every", "training.decay_every", st.lr_decay_every.to_string(), false, Field::DecayEvery, false) }
                    { field("training-decay-factor", "training.decay_factor", st.lr_decay_factor.to_string(), st.lr_decay_every == 0, Field::DecayFactor, false) }
                </div>
                { lr_note(false) }
                <label class="check">
                    <input type="checkbox" checked={st.augment} onchange={act(|e| FormAction::Augment(input_checked(&e)))} />
                    { tr(lang, "training.augment") }
                </label>
                { distort_options(lang, st.distort, dispatch) }
                <p class="hint">{ tr(lang, optimizer_help(st.optimizer)) }</p>
            </fieldset>
            <fieldset class="training-compare">
                <legend>{ tr(lang, "training.compare") }</legend>
                <label class="check">
                    <input type="checkbox" checked={form.compare_on} onchange={act(|e| FormAction::CompareOn(input_checked(&e)))}
                        data-testid="compare-toggle" />
                    { tr(lang, "training.compare.enable") }
                </label>
                if form.compare_on {
                    <div class="field-grid">
                        { optimizer_select("training-optimizer-b", cs.optimizer, true) }
                        { field("training-lr-b", "training.lr", cs.learning_rate.to_string(), !cs.optimizer.uses_learning_rate(), Field::LearningRate, true) }
                        { field("training-momentum-b", "training.momentum", cs.momentum.to_string(), !cs.optimizer.uses_momentum(), Field::Momentum, true) }
                    </div>
                    { lr_note(true) }
                }
                <p class="hint">{ tr(lang, "training.compare.hint") }</p>
            </fieldset>
        </div>
    }
}

fn optimizer_key(kind: OptimizerKind) -> &'static str {
    match kind {
        OptimizerKind::Sgd => "training.opt.sgd",
        OptimizerKind::Momentum => "training.opt.momentum",
        OptimizerKind::Nesterov => "training.opt.nesterov",
        OptimizerKind::Adam => "training.opt.adam",
        OptimizerKind::RmsProp => "training.opt.rmsprop",
        OptimizerKind::Adadelta => "training.opt.adadelta",
    }
}

fn optimizer_help(kind: OptimizerKind) -> &'static str {
    match kind {
        OptimizerKind::Sgd => "training.help.sgd",
        OptimizerKind::Momentum => "training.help.momentum",
        OptimizerKind::Nesterov => "training.help.nesterov",
        OptimizerKind::Adam => "training.help.adam",
        OptimizerKind::RmsProp => "training.help.rmsprop",
        OptimizerKind::Adadelta => "training.help.adadelta",
    }
}

/// The pen-like distortions (affine, pen, elastic), each with its one-line explanation.
fn distort_options(lang: Lang, parts: cnn::Augmentation, dispatch: &Callback<FormAction>) -> Html {
    let option = |key: &'static str,
                  code: &str,
                  on: bool,
                  set: fn(&mut cnn::Augmentation, bool)| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut next = parts;
            set(&mut next, input_checked(&e));
            dispatch.emit(FormAction::Distort(next));
        });
        let help = match code {
            "affine" => "training.distort.affine.help",
            "pen" => "training.distort.pen.help",
            _ => "training.distort.elastic.help",
        };
        html! {
            <div class="training-distort">
                <label class="check">
                    <input type="checkbox" checked={on} {onchange} data-testid={format!("distort-{code}")} />
                    { tr(lang, key) }
                </label>
                <p class="hint">{ tr(lang, help) }</p>
            </div>
        }
    };
    html! {
        <>
            { option("training.distort.affine", "affine", parts.affine, |p, on| p.affine = on) }
            { option("training.distort.pen", "pen", parts.pen, |p, on| p.pen = on) }
            { option("training.distort.elastic", "elastic", parts.elastic, |p, on| p.elastic = on) }
        </>
    }
}
