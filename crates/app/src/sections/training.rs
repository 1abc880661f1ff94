//! The Training section: a small CNN learns MNIST live, in the Web Worker.
//!
//! The section only renders: the training runs in the worker ([`crate::training::runner`]),
//! the page's state is the reducer in [`crate::training::state`], held by the shared
//! [`crate::training::client`] so that training goes on while another section is open.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::SectionProps;
use crate::components::NetworkView;
use crate::i18n::tr;
use crate::training::client::{self, default_setup};
use crate::training::config::{OptimizerKind, Settings, layer_rows, parse_spec};
use crate::training::protocol::{LayerRow, RunStatus, Setup, Text, TrainInput};
use crate::training::query::{setup_from_query, setup_to_query};
use crate::training::state::{Notice, TrainingState};

mod charts;
mod gallery;

use charts::{ChartKind, TrainingChart};
use gallery::Gallery;

/// The spec in its canonical text form, or the core's message.
fn check_spec(text: &str) -> Result<(String, Vec<LayerRow>), Text> {
    let spec = parse_spec(text)?;
    let rows = layer_rows(&spec)?;
    Ok((spec.to_string(), rows))
}

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| {
            t.dyn_ref::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| t.dyn_ref::<HtmlSelectElement>().map(|s| s.value()))
                .or_else(|| t.dyn_ref::<HtmlTextAreaElement>().map(|s| s.value()))
        })
        .unwrap_or_default()
}

fn input_checked(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_ref::<HtmlInputElement>().map(|i| i.checked()))
        .unwrap_or(false)
}

fn run_name(settings: &Settings) -> String {
    if settings.optimizer.uses_learning_rate() {
        format!("{} η={}", settings.optimizer.name(), settings.learning_rate)
    } else {
        settings.optimizer.name().to_string()
    }
}

fn percent(x: f32) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A labelled number field that calls `on_value` with the parsed number (or None).
fn number_field(
    id: &str,
    label: &str,
    value: String,
    step: &str,
    disabled: bool,
    on_value: Callback<Option<f64>>,
) -> Html {
    html! {
        <NumberField id={id.to_string()} label={label.to_string()} {value} step={step.to_string()}
            {disabled} {on_value} />
    }
}

#[derive(Properties, PartialEq)]
struct NumberFieldProps {
    id: AttrValue,
    label: AttrValue,
    value: String,
    step: AttrValue,
    disabled: bool,
    on_value: Callback<Option<f64>>,
}

/// A number input that keeps what is being typed: the page re-renders several times a second
/// while training (and once more when a pause's evaluation arrives), and an input bound straight
/// to the settings would be reset to the old value between a keystroke and the change event.
/// The typed text lives here until the change (Enter, Tab, blur) hands it over; a new value from
/// outside (another optimizer's suggested rate, a loaded link) replaces it.
#[function_component]
fn NumberField(props: &NumberFieldProps) -> Html {
    let draft = use_state(|| props.value.clone());
    {
        let draft = draft.clone();
        use_effect_with(props.value.clone(), move |value| draft.set(value.clone()));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                draft.set(input.value());
            }
        })
    };
    let onchange = {
        let on_value = props.on_value.clone();
        Callback::from(move |e: Event| {
            on_value.emit(input_value(&e).trim().replace(',', ".").parse::<f64>().ok())
        })
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="number" inputmode="decimal" step={props.step.clone()}
                value={(*draft).clone()} disabled={props.disabled} {oninput} {onchange} />
        </div>
    }
}

#[function_component]
pub fn TrainingSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    // A shared link (`#/training?opt=adam&lr=…`): its setup fills the form, and starts the
    // training if this is the first time the section opens.
    let link = {
        let query = props.query.clone();
        use_memo((), move |_| {
            (!query.is_empty()).then(|| setup_from_query(&query))
        })
    };
    let was_started = use_memo((), |_| client::started());
    let client = {
        let link = link.clone();
        use_memo((), move |_| {
            client::client_with(|| {
                link.as_ref()
                    .as_ref()
                    .map_or_else(default_setup, |l| l.setup.clone())
            })
        })
    };
    let url_note = {
        let link = link.clone();
        use_state(move || {
            link.as_ref()
                .as_ref()
                .map(|l| l.ignored.clone())
                .unwrap_or_default()
        })
    };
    let state = use_state(|| client.state());
    {
        let state = state.clone();
        let client = client.clone();
        use_effect_with((), move |_| {
            let subscription = client.subscribe(Callback::from(move |s| state.set(s)));
            move || drop(subscription)
        });
    }
    let s: Rc<TrainingState> = (*state).clone();
    let running_setup = s.setup.clone().unwrap_or_else(default_setup);
    // What the form starts from: the link's setup, else the running one.
    let initial = link
        .as_ref()
        .as_ref()
        .map_or_else(|| running_setup.clone(), |l| l.setup.clone());

    // The form: what the user typed; settings are sent live, the rest at Reset.
    let settings = use_state(|| initial.settings.clone());
    let compare_on = use_state(|| running_setup.compare.is_some());
    let compare = use_state(|| {
        running_setup.compare.clone().unwrap_or(Settings {
            optimizer: OptimizerKind::Nesterov,
            learning_rate: OptimizerKind::Nesterov.suggested_learning_rate(),
            ..running_setup.settings.clone()
        })
    });
    let seed_text = use_state(|| initial.seed.to_string());
    let spec_text = use_state(|| initial.spec.clone());
    let form_error = use_state(|| None::<Text>);
    let show_view = use_state(|| true);
    let show_grads = use_state(|| false);

    let checked_spec = check_spec(&spec_text);
    let seed: Option<u64> = seed_text.trim().parse().ok();

    // A link opened while a training was already running: its settings apply at once (as if
    // typed into the form); its spec and seed wait for Reset, like any edit.
    {
        let client = client.clone();
        let settings = (*settings).clone();
        let compare = running_setup.compare.clone();
        let linked = link.is_some() && *was_started;
        use_effect_with((), move |_| {
            if linked && settings.validate().is_ok() {
                client.send(TrainInput::SetSettings { settings, compare });
            }
        });
    }
    let form = Setup {
        spec: checked_spec
            .as_ref()
            .map_or_else(|_| running_setup.spec.clone(), |(spec, _)| spec.clone()),
        seed: seed.unwrap_or(running_setup.seed),
        settings: (*settings).clone(),
        compare: None,
    };
    // A link pasted into the address bar while the section is shown: it fills the form like a link that opens
    // the section (settings apply at once, spec and seed at Reset). The section's own URL updates read back as
    // the form itself, and change nothing.
    {
        let form_query = setup_to_query(&form);
        let settings = settings.clone();
        let seed_text = seed_text.clone();
        let spec_text = spec_text.clone();
        let url_note = url_note.clone();
        let form_error = form_error.clone();
        let client = client.clone();
        let compare = running_setup.compare.clone();
        use_effect_with(props.query.clone(), move |query| {
            let linked = setup_from_query(query);
            if setup_to_query(&linked.setup) != form_query {
                let Setup {
                    spec,
                    seed,
                    settings: linked_settings,
                    ..
                } = linked.setup;
                if linked_settings.validate().is_ok() {
                    client.send(TrainInput::SetSettings {
                        settings: linked_settings.clone(),
                        compare,
                    });
                }
                settings.set(linked_settings);
                seed_text.set(seed.to_string());
                spec_text.set(spec);
                form_error.set(None);
                url_note.set(linked.ignored);
            }
        });
    }
    // The URL follows the form, so the address bar is always a link to what is on screen.
    {
        let on_query = props.on_query.clone();
        let current = props.query.clone();
        use_effect_with(form, move |form| {
            let query = setup_to_query(form);
            if query != current {
                on_query.emit(query);
            }
        });
    }

    // Sends changed settings to the running trainers at once.
    let apply_settings = {
        let client = client.clone();
        let settings = settings.clone();
        let compare = compare.clone();
        let compare_on = compare_on.clone();
        let form_error = form_error.clone();
        Callback::from(move |(main, other): (Settings, Settings)| {
            let checked = main.validate().and_then(|_| other.validate());
            settings.set(main.clone());
            compare.set(other.clone());
            match checked {
                Ok(()) => {
                    form_error.set(None);
                    client.send(TrainInput::SetSettings {
                        settings: main,
                        compare: (*compare_on).then_some(other),
                    });
                }
                Err(text) => form_error.set(Some(text)),
            }
        })
    };
    let edit = |f: fn(&mut Settings, f64), on_compare: bool| {
        let apply = apply_settings.clone();
        let settings = settings.clone();
        let compare = compare.clone();
        let form_error = form_error.clone();
        Callback::from(move |value: Option<f64>| {
            let (mut main, mut other) = ((*settings).clone(), (*compare).clone());
            let Some(value) = value else {
                form_error.set(Some(Text::new("Введите число.", "Please enter a number.")));
                return;
            };
            let target = if on_compare { &mut other } else { &mut main };
            f(target, value);
            apply.emit((main, other));
        })
    };
    let on_optimizer = |on_compare: bool| {
        let apply = apply_settings.clone();
        let settings = settings.clone();
        let compare = compare.clone();
        Callback::from(move |e: Event| {
            let Some(kind) = OptimizerKind::from_code(&input_value(&e)) else {
                return;
            };
            let (mut main, mut other) = ((*settings).clone(), (*compare).clone());
            let target = if on_compare { &mut other } else { &mut main };
            target.optimizer = kind;
            target.learning_rate = kind.suggested_learning_rate();
            apply.emit((main, other));
        })
    };
    let on_augment = {
        let apply = apply_settings.clone();
        let settings = settings.clone();
        let compare = compare.clone();
        Callback::from(move |e: Event| {
            let mut main = (*settings).clone();
            main.augment = input_checked(&e);
            apply.emit((main, (*compare).clone()));
        })
    };
    let on_compare_toggle = {
        let compare_on = compare_on.clone();
        Callback::from(move |e: Event| compare_on.set(input_checked(&e)))
    };

    let reset = {
        let client = client.clone();
        let settings = settings.clone();
        let compare = compare.clone();
        let compare_on = compare_on.clone();
        let spec_text = spec_text.clone();
        let form_error = form_error.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(seed) = seed else {
                form_error.set(Some(Text::new(
                    "Зерно должно быть целым неотрицательным числом.",
                    "The seed must be a whole number ≥ 0.",
                )));
                return;
            };
            let spec = match check_spec(&spec_text) {
                Ok((spec, _)) => spec,
                Err(text) => {
                    form_error.set(Some(text));
                    return;
                }
            };
            let setup = Setup {
                spec,
                seed,
                settings: (*settings).clone(),
                compare: (*compare_on).then(|| (*compare).clone()),
            };
            if let Err(text) = setup
                .settings
                .validate()
                .and_then(|_| setup.compare.as_ref().map_or(Ok(()), |c| c.validate()))
            {
                form_error.set(Some(text));
                return;
            }
            form_error.set(None);
            client.send(TrainInput::Reset(setup));
        })
    };
    let send = |input: TrainInput| {
        let client = client.clone();
        Callback::from(move |_: MouseEvent| client.send(input.clone()))
    };
    let on_load = {
        let client = client.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let client = client.clone();
            spawn_local(async move {
                if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    client.send(TrainInput::Load { bytes });
                }
            });
        })
    };
    let on_view = {
        let client = client.clone();
        let show_view = show_view.clone();
        Callback::from(move |e: Event| {
            let enabled = input_checked(&e);
            show_view.set(enabled);
            client.send(TrainInput::SetNetView { enabled });
        })
    };
    let on_grads = {
        let show_grads = show_grads.clone();
        Callback::from(move |e: Event| show_grads.set(input_checked(&e)))
    };
    let on_spec = {
        let spec_text = spec_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            {
                spec_text.set(area.value());
            }
        })
    };
    let on_seed = {
        let seed_text = seed_text.clone();
        Callback::from(move |e: Event| seed_text.set(input_value(&e)))
    };
    let on_default_spec = {
        let spec_text = spec_text.clone();
        Callback::from(move |_: MouseEvent| spec_text.set(default_setup().spec))
    };
    let dismiss = {
        let client = client.clone();
        let form_error = form_error.clone();
        Callback::from(move |_: MouseEvent| {
            form_error.set(None);
            client.dismiss();
        })
    };

    // What changes only at the next reset.
    let pending_reset = {
        let spec_changed = checked_spec
            .as_ref()
            .is_ok_and(|(spec, _)| *spec != running_setup.spec);
        let seed_changed = seed.is_some_and(|seed| seed != running_setup.seed);
        let compare_changed = *compare_on != running_setup.compare.is_some();
        spec_changed || seed_changed || compare_changed
    };

    let status = s.status;
    let examples = s.examples();
    let (primary_label, primary_input) = match status {
        RunStatus::Running => ("training.pause", TrainInput::Pause),
        _ if examples > 0 => ("training.resume", TrainInput::Train),
        _ => ("training.train", TrainInput::Train),
    };
    let primary_disabled =
        matches!(status, RunStatus::Failed | RunStatus::Diverged) || s.setup.is_none();
    let status_text = match status {
        RunStatus::Loading => tr(lang, "training.status.loading"),
        RunStatus::Idle if examples == 0 => tr(lang, "training.status.ready"),
        RunStatus::Idle => tr(lang, "training.status.paused"),
        RunStatus::Running => tr(lang, "training.status.running"),
        RunStatus::Diverged => tr(lang, "training.status.diverged"),
        RunStatus::Failed => tr(lang, "training.status.failed"),
    };

    let names: Vec<String> = {
        let mut names = vec![format!("A: {}", run_name(&running_setup.settings))];
        if let Some(c) = &running_setup.compare {
            names.push(format!("B: {}", run_name(c)));
        }
        names
    };

    let optimizer_select = |id: &str, current: OptimizerKind, on_compare: bool| {
        html! {
            <div class="field">
                <label for={id.to_string()}>{ tr(lang, "training.optimizer") }</label>
                <select id={id.to_string()} onchange={on_optimizer(on_compare)}>
                    { for OptimizerKind::ALL.iter().map(|k| html! {
                        <option value={k.code()} selected={*k == current}>
                            { format!("{} — {}", k.name(), tr(lang, optimizer_key(*k))) }
                        </option>
                    }) }
                </select>
            </div>
        }
    };

    let st = &*settings;
    let cs = &*compare;
    let controls = html! {
        <div class="training-controls" role="group" aria-label={tr(lang, "training.controls")}>
            <div class="training-buttons">
                <button type="button" class="primary" data-testid="train-button"
                    disabled={primary_disabled} onclick={send(primary_input)}>
                    { tr(lang, primary_label) }
                </button>
                <button type="button" data-testid="reset-button" onclick={reset}>
                    { tr(lang, "training.reset") }
                </button>
                <div class="field field-seed">
                    <label for="training-seed">{ tr(lang, "training.seed") }</label>
                    <input id="training-seed" type="number" min="0" step="1"
                        value={(*seed_text).clone()} onchange={on_seed} />
                </div>
                <button type="button" data-testid="save-button" onclick={send(TrainInput::Save)}
                    disabled={s.setup.is_none()}>
                    { tr(lang, "training.save") }
                </button>
                <label class="button-like" for="training-load">{ tr(lang, "training.load") }</label>
                <input id="training-load" class="visually-hidden" type="file"
                    accept=".cnnlab,application/octet-stream" data-testid="load-input"
                    onchange={on_load} />
            </div>
            <p class="training-status" role="status" aria-live="polite" data-testid="status"
                data-status={format!("{status:?}")}>
                { status_text }
                if pending_reset {
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
                    { number_field("training-lr", tr(lang, "training.lr"), st.learning_rate.to_string(), "any",
                        !st.optimizer.uses_learning_rate(), edit(|s, v| s.learning_rate = v as f32, false)) }
                    { number_field("training-momentum", tr(lang, "training.momentum"), st.momentum.to_string(), "0.05",
                        !st.optimizer.uses_momentum(), edit(|s, v| s.momentum = v as f32, false)) }
                    { number_field("training-batch", tr(lang, "training.batch"), st.batch_size.to_string(), "1",
                        false, edit(|s, v| s.batch_size = if v >= 1.0 { v.round() as usize } else { 0 }, false)) }
                    { number_field("training-l2", tr(lang, "training.l2"), st.l2.to_string(), "any",
                        false, edit(|s, v| s.l2 = v as f32, false)) }
                    { number_field("training-dropout", tr(lang, "training.dropout"), st.dropout.to_string(), "0.05",
                        false, edit(|s, v| s.dropout = v as f32, false)) }
                    { number_field("training-decay-every", tr(lang, "training.decay_every"), st.lr_decay_every.to_string(), "1000",
                        false, edit(|s, v| s.lr_decay_every = if v > 0.0 { v.round() as u64 } else { 0 }, false)) }
                    { number_field("training-decay-factor", tr(lang, "training.decay_factor"), st.lr_decay_factor.to_string(), "0.05",
                        st.lr_decay_every == 0, edit(|s, v| s.lr_decay_factor = v as f32, false)) }
                </div>
                <label class="check">
                    <input type="checkbox" checked={st.augment} onchange={on_augment} />
                    { tr(lang, "training.augment") }
                </label>
                <p class="hint">{ tr(lang, optimizer_help(st.optimizer)) }</p>
            </fieldset>
            <fieldset class="training-compare">
                <legend>{ tr(lang, "training.compare") }</legend>
                <label class="check">
                    <input type="checkbox" checked={*compare_on} onchange={on_compare_toggle}
                        data-testid="compare-toggle" />
                    { tr(lang, "training.compare.enable") }
                </label>
                if *compare_on {
                    <div class="field-grid">
                        { optimizer_select("training-optimizer-b", cs.optimizer, true) }
                        { number_field("training-lr-b", tr(lang, "training.lr"), cs.learning_rate.to_string(), "any",
                            !cs.optimizer.uses_learning_rate(), edit(|s, v| s.learning_rate = v as f32, true)) }
                        { number_field("training-momentum-b", tr(lang, "training.momentum"), cs.momentum.to_string(), "0.05",
                            !cs.optimizer.uses_momentum(), edit(|s, v| s.momentum = v as f32, true)) }
                    </div>
                }
                <p class="hint">{ tr(lang, "training.compare.hint") }</p>
            </fieldset>
        </div>
    };

    let messages = {
        let error = (*form_error).clone().or_else(|| s.error.clone());
        let notice = s.notice.as_ref().map(|n| match n {
            Notice::RolledBack { examples } => {
                format!("{} {examples}.", tr(lang, "training.notice.rolled_back"))
            }
            Notice::Loaded => tr(lang, "training.notice.loaded").to_string(),
            Notice::Saved => tr(lang, "training.notice.saved").to_string(),
            Notice::SettingsApplied => tr(lang, "training.notice.applied").to_string(),
        });
        html! {
            <>
                if let Some(error) = error {
                    <div class="training-error" role="alert" data-testid="training-error">
                        <p>{ error.get(lang).to_string() }</p>
                        <button type="button" onclick={dismiss.clone()}>{ tr(lang, "training.dismiss") }</button>
                    </div>
                }
                if let Some(notice) = notice {
                    <div class="training-notice" role="status" data-testid="training-notice">
                        <p>{ notice }</p>
                        <button type="button" onclick={dismiss.clone()}>{ tr(lang, "training.dismiss") }</button>
                    </div>
                }
                if let Some(d) = s.diverged {
                    <div class="training-diverged" role="alert" data-testid="diverged">
                        <h2>{ tr(lang, "training.diverged.title") }</h2>
                        <p>{ format!("{} {} · {} {}{}", tr(lang, "training.diverged.at"), d.examples,
                            tr(lang, "training.diverged.loss"), d.loss,
                            if s.runs.len() > 1 { format!(" · {}", names.get(d.run).cloned().unwrap_or_default()) } else { String::new() }) }</p>
                        <p>{ tr(lang, "training.diverged.explain") }</p>
                        if d.can_rollback {
                            <button type="button" class="primary" data-testid="rollback-button"
                                onclick={send(TrainInput::Rollback)}>{ tr(lang, "training.rollback") }</button>
                        }
                    </div>
                }
            </>
        }
    };

    let readouts = {
        let run0 = s.runs.first();
        let lr = run0.map_or(st.learning_rate, |r| r.learning_rate);
        let held = |i: usize| s.runs.get(i).and_then(|r| r.held_out_accuracy());
        let held_text = |i: usize| {
            held(i).map_or("—".to_string(), |(at, acc)| {
                format!("{} ({} {at})", percent(acc), tr(lang, "training.at"))
            })
        };
        let smoothed = run0.and_then(|r| r.curve.smoothed());
        let (held_at, held_acc) = held(0).map_or((0, 0.0), |(at, a)| (at, a));
        // Every evaluation of run A, "examples:accuracy" (read by the e2e test and the bench).
        let history = run0.map_or(String::new(), |r| {
            r.held_out
                .iter()
                .map(|(at, a)| format!("{at}:{a:.4}"))
                .collect::<Vec<_>>()
                .join(",")
        });
        html! {
            <dl class="readouts" data-testid="readouts">
                <div><dt>{ tr(lang, "training.examples") }</dt>
                    <dd data-testid="examples" data-value={examples.to_string()}>{ examples }</dd></div>
                <div><dt>{ tr(lang, "training.epoch") }</dt><dd>{ s.epoch() }</dd></div>
                <div><dt>{ tr(lang, "training.speed") }</dt>
                    <dd data-testid="speed" data-value={format!("{:.0}", s.examples_per_sec)}>{ format!("{:.0}", s.examples_per_sec) }</dd></div>
                <div><dt>{ tr(lang, "training.forward_ms") }</dt><dd>{ format!("{:.3}", s.forward_ms) }</dd></div>
                <div><dt>{ tr(lang, "training.backward_ms") }</dt><dd>{ format!("{:.3}", s.backward_ms) }</dd></div>
                <div><dt>{ tr(lang, "training.lr_now") }</dt><dd>{ format!("{lr:.4}") }</dd></div>
                <div><dt>{ tr(lang, "training.loss_now") }</dt>
                    <dd>{ smoothed.map_or("—".into(), |(l, _)| format!("{l:.3}")) }</dd></div>
                <div><dt>{ tr(lang, "training.train_acc") }</dt>
                    <dd>{ smoothed.map_or("—".into(), |(_, a)| percent(a)) }</dd></div>
                <div class="readout-main"><dt>{ tr(lang, "training.test_acc") }{ if s.runs.len() > 1 { " A" } else { "" } }</dt>
                    <dd data-testid="test-accuracy" data-value={format!("{:.4}", held_acc)} data-at={held_at.to_string()}
                        data-history={history}>
                        { held_text(0) }</dd></div>
                if s.runs.len() > 1 {
                    <div class="readout-main"><dt>{ tr(lang, "training.test_acc") }{ " B" }</dt>
                        <dd data-testid="test-accuracy-b">{ held_text(1) }</dd></div>
                }
            </dl>
        }
    };

    let spec_panel = {
        let table = match &checked_spec {
            Ok((_, rows)) => html! {
                <table class="spec-table" data-testid="spec-table">
                    <thead><tr>
                        <th scope="col">{ "#" }</th>
                        <th scope="col">{ tr(lang, "training.spec.layer") }</th>
                        <th scope="col">{ tr(lang, "training.spec.output") }</th>
                        <th scope="col">{ tr(lang, "training.spec.arithmetic") }</th>
                        <th scope="col" class="num">{ tr(lang, "training.spec.params") }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().enumerate().map(|(i, r)| html! {
                            <tr>
                                <td>{ i }</td>
                                <td><code>{ r.description.clone() }</code></td>
                                <td>{ format!("{}×{}×{}", r.output[1], r.output[2], r.output[0]) }</td>
                                <td class="arith">{ r.arithmetic.clone().unwrap_or_default() }</td>
                                <td class="num">{ r.params }</td>
                            </tr>
                        }) }
                    </tbody>
                    <tfoot><tr>
                        <td colspan="4">{ tr(lang, "training.spec.total") }</td>
                        <td class="num">{ rows.iter().map(|r| r.params).sum::<usize>() }</td>
                    </tr></tfoot>
                </table>
            },
            Err(text) => html! {
                <p class="spec-error" role="alert" data-testid="spec-error">{ text.get(lang).to_string() }</p>
            },
        };
        html! {
            <section class="training-panel training-spec" aria-labelledby="training-spec-title">
                <h2 id="training-spec-title">{ tr(lang, "training.spec.title") }</h2>
                <p class="hint">{ tr(lang, "training.spec.hint") }</p>
                <label for="training-spec" class="visually-hidden">{ tr(lang, "training.spec.title") }</label>
                <textarea id="training-spec" data-testid="spec-input" rows="6" spellcheck="false"
                    value={(*spec_text).clone()} oninput={on_spec} />
                <div class="spec-actions">
                    <button type="button" onclick={on_default_spec}>{ tr(lang, "training.spec.default") }</button>
                </div>
                { table }
                if checked_spec.is_err() && s.setup.is_some() {
                    <p class="hint">{ tr(lang, "training.spec.kept") }</p>
                }
            </section>
        }
    };

    let view_panel = html! {
        <section class="training-panel training-inside" aria-labelledby="training-inside-title">
            <h2 id="training-inside-title">{ tr(lang, "training.view.title") }</h2>
            <div class="view-options">
                <label class="check">
                    <input type="checkbox" checked={*show_view} onchange={on_view} />
                    { tr(lang, "training.view.show") }
                </label>
                <label class="check">
                    <input type="checkbox" checked={*show_grads} onchange={on_grads} disabled={!*show_view} />
                    { tr(lang, "training.view.grads") }
                </label>
            </div>
            if *show_view {
                if let Some(snapshot) = s.snapshot.clone() {
                    <NetworkView {snapshot} {lang} show_grads={*show_grads} />
                } else {
                    <p class="muted">{ tr(lang, "training.view.empty") }</p>
                }
            }
        </section>
    };

    let note = (!url_note.is_empty()).then(|| {
        let url_note = url_note.clone();
        html! {
            <div class="url-note" role="status" data-testid="url-note">
                <p>{ tr(lang, "training.url_note") }{ " " }<code>{ url_note.join(", ") }</code></p>
                <button type="button" onclick={Callback::from(move |_| url_note.set(Vec::new()))}>
                    { tr(lang, "training.url_note.ok") }
                </button>
            </div>
        }
    });

    html! {
        <section class="section section-training" aria-labelledby="training-title">
            <h1 id="training-title">{ tr(lang, "training.title") }</h1>
            { note }
            <p class="intro">{ tr(lang, "training.intro") }</p>
            <div class="training-top">
                { controls }
                <div class="training-live">
                    { messages }
                    { readouts }
                    <div class="training-charts">
                        <TrainingChart state={s.clone()} {lang} kind={ChartKind::Loss} names={names.clone()} />
                        <TrainingChart state={s.clone()} {lang} kind={ChartKind::Accuracy} names={names.clone()} />
                    </div>
                </div>
            </div>
            { spec_panel }
            { view_panel }
            <section class="training-panel" aria-labelledby="training-gallery-title">
                <h2 id="training-gallery-title">{ tr(lang, "training.gallery.title") }</h2>
                <Gallery test={s.test_set.clone()} guesses={s.guesses.clone()} {lang} />
            </section>
        </section>
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
