//! The alert shown when the training worker crashed or stopped answering, with its Restart
//! button, and then what the restart restored ([`crate::training::recovery`]).
//!
//! It watches the shared training client itself and re-renders only when the recovery changes,
//! so the Training section and the shell (for the other sections, while training runs in the
//! background) can both place it without re-rendering at every progress message. Focus moves to
//! its button when it appears, so the keyboard is where the alert is.

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;
use crate::training::client;
use crate::training::recovery::{Crash, Recovery};
use crate::training::state::TrainingState;

/// What the alert shows, taken from the training state.
#[derive(Clone, Debug, PartialEq)]
struct View {
    recovery: Option<Recovery>,
    checkpoint: Option<u64>,
    /// Run 1's latest held-out accuracy and the examples it was measured at.
    accuracy: Option<(u64, f32)>,
}

impl View {
    fn of(state: &TrainingState) -> View {
        View {
            recovery: state.recovery.clone(),
            checkpoint: state.checkpoint(),
            accuracy: state.runs.first().and_then(|r| r.held_out_accuracy()),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct WorkerAlertProps {
    pub lang: Lang,
}

#[function_component]
pub fn WorkerAlert(props: &WorkerAlertProps) -> Html {
    let lang = props.lang;
    let client = use_memo((), |_| client::shared());
    let view = use_state_eq(|| View::of(&client.state()));
    {
        let view = view.clone();
        let client = client.clone();
        use_effect_with((), move |_| {
            let subscription =
                client.subscribe(Callback::from(move |s: std::rc::Rc<TrainingState>| {
                    view.set(View::of(&s))
                }));
            move || drop(subscription)
        });
    }
    let phase = match &view.recovery {
        None => "none",
        Some(Recovery::Crashed { .. }) => "crashed",
        Some(Recovery::Restarting { .. }) => "restarting",
        Some(Recovery::Restored { .. }) => "restored",
    };
    let button = use_node_ref();
    {
        let button = button.clone();
        use_effect_with(phase, move |_| {
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let restart = {
        let client = client.clone();
        Callback::from(move |_: MouseEvent| client.restart())
    };
    let dismiss = {
        let client = client.clone();
        Callback::from(move |_: MouseEvent| client.dismiss_recovery())
    };
    let percent = |x: f32| format!("{:.1}%", x * 100.0);
    match view.recovery.clone() {
        Some(Recovery::Crashed { crash, .. }) => {
            let (cause, message) = match crash {
                Crash::Panic(message) => ("training.recovery.panic", Some(message)),
                Crash::Error(message) => ("training.recovery.error", Some(message)),
                Crash::Silent => ("training.recovery.silent", None),
            };
            let checkpoint = match view.checkpoint {
                Some(examples) => format!(
                    "{} {examples}{}",
                    tr(lang, "training.recovery.checkpoint"),
                    tr(lang, "training.recovery.checkpoint_paused")
                ),
                None => tr(lang, "training.recovery.no_checkpoint").to_string(),
            };
            html! {
                <div class="worker-alert" role="alert" aria-labelledby="worker-alert-title"
                    data-testid="worker-alert" data-state={phase}>
                    <h2 id="worker-alert-title">{ tr(lang, "training.recovery.title") }</h2>
                    <p>{ tr(lang, cause) }
                        if let Some(message) = message {
                            { " " }<code data-testid="worker-alert-message">{ cnn::echo(message.trim()) }</code>
                        }
                    </p>
                    <p>{ checkpoint }</p>
                    <button type="button" class="primary" ref={button} data-testid="restart-worker"
                        onclick={restart}>{ tr(lang, "training.recovery.restart") }</button>
                </div>
            }
        }
        Some(Recovery::Restarting { .. }) => html! {
            <div class="worker-alert" role="status" data-testid="worker-alert" data-state={phase}>
                <p>{ tr(lang, "training.recovery.restarting") }</p>
            </div>
        },
        Some(Recovery::Restored {
            examples,
            compare_dropped,
        }) => {
            let what = match (examples, view.accuracy) {
                (Some(examples), Some((at, accuracy))) if at == examples => format!(
                    "{} {examples}, {} {}.",
                    tr(lang, "training.recovery.restored"),
                    tr(lang, "training.recovery.restored_accuracy"),
                    percent(accuracy)
                ),
                (Some(examples), _) => {
                    format!("{} {examples}.", tr(lang, "training.recovery.restored"))
                }
                (None, _) => tr(lang, "training.recovery.rebuilt").to_string(),
            };
            html! {
                <div class="worker-alert restored" role="status" data-testid="worker-alert" data-state={phase}>
                    <p data-testid="worker-alert-restored">{ what }
                        if examples.is_some() {
                            { " " }{ tr(lang, "training.recovery.paused") }
                        }
                        if compare_dropped {
                            { " " }{ tr(lang, "training.recovery.compare_dropped") }
                        }
                    </p>
                    <button type="button" ref={button} onclick={dismiss}>{ tr(lang, "training.dismiss") }</button>
                </div>
            }
        }
        None => html! {},
    }
}
