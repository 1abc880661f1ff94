//! The Training section: a small CNN learns MNIST live, in the Web Worker.
//!
//! The training runs in the worker ([`crate::training::runner`]); the page's view of it is the
//! reducer in [`crate::training::state`], held by the shared [`crate::training::client`] so
//! that training goes on while another section is open. The form is the reducer in
//! [`form`]; what follows from the state is in [`model`]; the components render and dispatch.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::SectionProps;
use crate::components::{NetworkView, WorkerAlert};
use crate::i18n::tr;
use crate::training::client::{self, default_setup};
use crate::training::config::Settings;
use crate::training::protocol::TrainInput;
use crate::training::query::{setup_from_query, setup_to_query};
use crate::training::state::{Cell, Notice, TrainingState, toggle_cell};

mod charts;
mod confirm;
mod confusion;
mod controls;
mod form;
mod gallery;
mod model;
mod number_field;
mod readouts;
mod spec_panel;

use charts::{ChartKind, TrainingChart};
use confirm::{Confirm, Held};
use confusion::Confusion;
use controls::Controls;
use form::{Form, FormAction};
use gallery::Gallery;
use number_field::input_checked;
use readouts::Readouts;
use spec_panel::SpecPanel;

fn run_name(settings: &Settings) -> String {
    if settings.optimizer.uses_learning_rate() {
        format!("{} η={}", settings.optimizer.name(), settings.learning_rate)
    } else {
        settings.optimizer.name().to_string()
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
    let form = {
        let link = link.clone();
        let running = running_setup.clone();
        use_reducer(move || {
            let (initial, ignored) = link.as_ref().as_ref().map_or_else(
                || (running.clone(), Vec::new()),
                |l| (l.setup.clone(), l.ignored.clone()),
            );
            Form::new(&initial, &running, ignored)
        })
    };
    let dispatch = {
        let form = form.clone();
        Callback::from(move |action: FormAction| form.dispatch(action))
    };
    // Every message the form queues goes to the worker once.
    {
        let client = client.clone();
        let outgoing = form.outgoing.clone();
        use_effect_with(outgoing.as_ref().map(|(n, _)| *n), move |_| {
            if let Some((_, input)) = outgoing {
                client.send(input);
            }
        });
    }
    // A link opened while a training was already running: its settings apply at once (as if
    // typed into the form); its spec and seed wait for Reset, like any edit.
    {
        let client = client.clone();
        let settings = form.settings.clone();
        let compare = running_setup.compare.clone();
        let linked = link.is_some() && *was_started;
        use_effect_with((), move |_| {
            if linked && settings.validate().is_ok() {
                client.send(TrainInput::SetSettings { settings, compare });
            }
        });
    }
    // A link pasted into the address bar while the section is shown fills the form.
    {
        let dispatch = dispatch.clone();
        let running = running_setup.clone();
        use_effect_with(props.query.clone(), move |query| {
            dispatch.emit(FormAction::Linked {
                link: Box::new(setup_from_query(query)),
                running: Box::new(running),
            });
        });
    }
    // The URL follows the form, so the address bar is always a link to what is on screen.
    {
        let on_query = props.on_query.clone();
        let current = props.query.clone();
        use_effect_with(form.setup(&running_setup), move |setup| {
            let query = setup_to_query(setup);
            if query != current {
                on_query.emit(query);
            }
        });
    }

    let on_send = {
        let client = client.clone();
        Callback::from(move |input: TrainInput| client.send(input))
    };
    let send = |input: TrainInput| {
        let client = client.clone();
        Callback::from(move |_: MouseEvent| client.send(input.clone()))
    };
    // Reset and Load would throw away trained weights: they wait for a confirmation then.
    let held = use_state(|| None::<Held>);
    let perform = {
        let client = client.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |action: Held| match action {
            Held::Reset => dispatch.emit(FormAction::Reset),
            Held::Load(bytes) => client.send(TrainInput::Load {
                bytes: (*bytes).clone(),
            }),
        })
    };
    let request = {
        let held = held.clone();
        let perform = perform.clone();
        let trained = s.holds_trained_weights();
        Callback::from(move |action: Held| {
            if trained {
                held.set(Some(action));
            } else {
                perform.emit(action);
            }
        })
    };
    let on_reset = {
        let request = request.clone();
        Callback::from(move |()| request.emit(Held::Reset))
    };
    let on_load = {
        let request = request.clone();
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
            let request = request.clone();
            // One byte more than a weights file may hold is read, no more: a larger file is then
            // refused by its size (`WeightsError::TooLarge`) without being read into memory.
            let limit = (cnn::weights::MAX_FILE_BYTES + 1) as f64;
            let Ok(head) = file.slice_with_f64_and_f64(0.0, limit) else {
                return;
            };
            spawn_local(async move {
                if let Ok(buffer) = JsFuture::from(head.array_buffer()).await {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    request.emit(Held::Load(Rc::new(bytes)));
                }
            });
        })
    };
    let confirm = (*held).clone().map(|action| {
        let answer = |save: bool, go: bool| {
            let held = held.clone();
            let perform = perform.clone();
            let client = client.clone();
            let action = action.clone();
            Callback::from(move |()| {
                if save {
                    // The worker answers in order: the file is of the weights before the action.
                    client.send(TrainInput::Save);
                }
                if go {
                    perform.emit(action.clone());
                }
                held.set(None);
            })
        };
        html! {
            <Confirm {lang} held={action.clone()} examples={s.examples()}
                on_save_first={answer(true, true)} on_anyway={answer(false, true)}
                on_cancel={answer(false, false)} />
        }
    });
    // A loaded file's network is the network: its spec fills the editor and the table, and
    // Reset rebuilds it.
    {
        let dispatch = dispatch.clone();
        use_effect_with(s.loaded.clone(), move |loaded| {
            if let Some((_, spec)) = loaded {
                dispatch.emit(FormAction::Adopt(spec.clone()));
            }
        });
    }
    let on_view = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| dispatch.emit(FormAction::ShowView(input_checked(&e))))
    };
    let on_grads = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| dispatch.emit(FormAction::ShowGrads(input_checked(&e))))
    };
    let dismiss = {
        let client = client.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(FormAction::Dismiss);
            client.dismiss();
        })
    };

    let names: Vec<String> = {
        let mut names = vec![format!("A: {}", run_name(&running_setup.settings))];
        if let Some(c) = &running_setup.compare {
            names.push(format!("B: {}", run_name(c)));
        }
        names
    };

    let messages = {
        let error = form.error.clone().or_else(|| s.error.clone());
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

    let view_panel = html! {
        <section class="training-panel training-inside" aria-labelledby="training-inside-title">
            <h2 id="training-inside-title">{ tr(lang, "training.view.title") }</h2>
            <div class="view-options">
                <label class="check">
                    <input type="checkbox" checked={form.show_view} onchange={on_view} />
                    { tr(lang, "training.view.show") }
                </label>
                <label class="check">
                    <input type="checkbox" checked={form.show_grads} onchange={on_grads} disabled={!form.show_view} />
                    { tr(lang, "training.view.grads") }
                </label>
            </div>
            if form.show_view {
                if let Some(snapshot) = s.snapshot.clone() {
                    <NetworkView {snapshot} {lang} show_grads={form.show_grads} />
                } else {
                    <p class="muted">{ tr(lang, "training.view.empty") }</p>
                }
            }
        </section>
    };

    let note = (!form.url_note.is_empty()).then(|| {
        let dispatch = dispatch.clone();
        html! {
            <div class="url-note" role="status" data-testid="url-note">
                <p>{ tr(lang, "training.url_note") }{ " " }<code>{ cnn::echo_list(&form.url_note, lang) }</code></p>
                <button type="button" onclick={Callback::from(move |_| dispatch.emit(FormAction::DismissUrlNote))}>
                    { tr(lang, "training.url_note.ok") }
                </button>
            </div>
        }
    });
    let form_rc: Rc<Form> = Rc::new((*form).clone());
    // The confusion-matrix cell the gallery is filtered by (a second click clears it).
    let cell = use_state(|| None::<Cell>);
    let on_cell = {
        let cell = cell.clone();
        Callback::from(move |clicked: Cell| cell.set(toggle_cell(*cell, clicked)))
    };
    let on_clear_cell = {
        let cell = cell.clone();
        Callback::from(move |()| cell.set(None))
    };

    html! {
        <section class="section section-training" aria-labelledby="training-title">
            <h1 id="training-title">{ tr(lang, "training.title") }</h1>
            { note }
            <p class="intro">{ tr(lang, "training.intro") }</p>
            <div class="training-top">
                <Controls {lang} form={form_rc.clone()} state={s.clone()}
                    pending_reset={form.pending_reset(&running_setup)} dispatch={dispatch.clone()}
                    {on_send} {on_load} {on_reset} />
                <div class="training-live">
                    <WorkerAlert {lang} />
                    { for confirm }
                    { messages }
                    <Readouts {lang} state={s.clone()} learning_rate={form.settings.learning_rate} />
                    <div class="training-charts">
                        <TrainingChart state={s.clone()} {lang} kind={ChartKind::Loss} names={names.clone()} />
                        <TrainingChart state={s.clone()} {lang} kind={ChartKind::Accuracy} names={names.clone()} />
                    </div>
                </div>
            </div>
            <SpecPanel {lang} spec_text={form.spec_text.clone()} has_network={s.setup.is_some()}
                dispatch={dispatch.clone()} />
            { view_panel }
            <section class="training-panel" aria-labelledby="training-confusion-title">
                <h2 id="training-confusion-title">{ tr(lang, "training.confusion.title") }</h2>
                <Confusion {lang} matrix={s.confusion.clone()} selected={*cell} {on_cell} />
            </section>
            <section class="training-panel" aria-labelledby="training-gallery-title">
                <h2 id="training-gallery-title">{ tr(lang, "training.gallery.title") }</h2>
                <Gallery test={s.test_set.clone()} guesses={s.guesses.clone()} {lang}
                    filter={*cell} on_clear={on_clear_cell} />
            </section>
        </section>
    }
}
