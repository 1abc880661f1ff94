//! The Training form's reducer and the primary button, natively.

use std::rc::Rc;

use yew::Reducible;

use super::*;
use crate::sections::training::model::{primary, status_key};
use crate::training::protocol::{Progress, RunProgress, RunStatus, TrainOutput};
use crate::training::query::setup_from_query;
use crate::training::state::TrainingState;

fn form() -> Rc<Form> {
    let setup = default_setup();
    Rc::new(Form::new(&setup, &setup, Vec::new()))
}

fn edit(field: Field, value: f64) -> FormAction {
    typed(field, &value.to_string())
}

fn typed(field: Field, text: &str) -> FormAction {
    FormAction::Edit {
        field,
        compare: false,
        text: text.to_string(),
    }
}

#[test]
fn an_accepted_edit_is_sent_once_a_refused_one_stays_in_its_field_with_the_core_message() {
    let running = default_setup();
    let f = form().reduce(edit(Field::LearningRate, 0.05));
    assert_eq!(f.settings.learning_rate, 0.05);
    assert_eq!(f.field_notes, Vec::new());
    let Some((1, TrainInput::SetSettings { settings, compare })) = &f.outgoing else {
        panic!("{:?}", f.outgoing)
    };
    assert_eq!((settings.learning_rate, compare), (0.05, &None));

    let f = f.reduce(typed(Field::LearningRate, " -1 "));
    assert_eq!(
        f.settings.learning_rate, 0.05,
        "the settings, the URL and the worker keep the last accepted value"
    );
    assert!(setup_to_query(&f.setup(&running)).contains("lr=0.05"));
    let note = f.field_note(Field::LearningRate, false).unwrap().clone();
    assert_eq!((note.typed.as_str(), note.refused), ("-1", true));
    assert_eq!(
        note.message.en,
        "The learning rate η must be a positive number, at most 10; got −1"
    );
    assert_eq!(
        note.message.ru,
        "Скорость обучения η должна быть положительным числом, не больше 10; введено −1"
    );
    assert_eq!(f.outgoing.as_ref().unwrap().0, 1, "nothing new is sent");

    // Another field is checked on its own: the refused η does not block it, nor is it lost.
    let f = f.reduce(edit(Field::BatchSize, 20.0));
    assert_eq!(f.settings.batch_size, 20);
    assert_eq!(f.outgoing.as_ref().unwrap().0, 2);
    assert!(f.field_note(Field::LearningRate, false).is_some());
    for (field, text, en) in [
        (
            Field::BatchSize,
            "0",
            "The batch size must be a whole number from 1 to 1000; got 0",
        ),
        (
            Field::BatchSize,
            "1e9",
            "The batch size must be a whole number from 1 to 1000; got 1e9",
        ),
        (
            Field::LearningRate,
            "1e30",
            "The learning rate η must be a positive number, at most 10; got 1e30",
        ),
        (
            Field::Momentum,
            "1",
            "The momentum γ must be a number from 0 up to (not including) 1; got 1",
        ),
    ] {
        let g = f.clone().reduce(typed(field, text));
        let note = g.field_note(field, false).unwrap();
        assert_eq!(
            (note.message.en.as_str(), note.refused),
            (en, true),
            "{text}"
        );
        assert_eq!(g.settings, f.settings, "{text}");
    }
    let f = f.reduce(typed(Field::Dropout, "abc"));
    let note = f.field_note(Field::Dropout, false).unwrap();
    assert_eq!(
        (note.message.ru.as_str(), note.typed.as_str()),
        ("Введите число.", "abc")
    );

    // Reset refuses while a field is refused, naming it.
    let f = f.reduce(FormAction::Reset);
    assert!(f.error.is_some());
    assert_eq!(f.outgoing.as_ref().unwrap().0, 2);

    // Correcting the field clears its note.
    let f = f
        .reduce(typed(Field::LearningRate, "0,1"))
        .reduce(edit(Field::Dropout, 0.25));
    assert_eq!((f.settings.learning_rate, f.settings.dropout), (0.1, 0.25));
    assert_eq!(f.field_notes, Vec::new());
}

#[test]
fn a_whole_number_setting_says_that_it_rounded() {
    let f = form().reduce(typed(Field::BatchSize, "2.5"));
    assert_eq!(f.settings.batch_size, 3);
    let note = f.field_note(Field::BatchSize, false).unwrap();
    assert!(!note.refused);
    assert_eq!(
        note.message.en,
        "The batch size is a whole number: 2.5 was rounded to 3."
    );
    assert_eq!(
        note.message.ru,
        "Размер мини-батча — целое число: 2.5 округлено до 3."
    );
    let f = f.reduce(typed(Field::BatchSize, "4"));
    assert_eq!(f.field_notes, Vec::new());
    let f = f.reduce(typed(Field::DecayEvery, "1500.4"));
    assert_eq!(f.settings.lr_decay_every, 1500);
    assert!(f.field_note(Field::DecayEvery, false).is_some());
}

#[test]
fn switching_the_optimizer_suggests_its_learning_rate() {
    let f = form().reduce(FormAction::Optimizer {
        kind: OptimizerKind::Adam,
        compare: false,
    });
    assert_eq!(f.settings.optimizer, OptimizerKind::Adam);
    assert_eq!(f.settings.learning_rate, 0.001);
    let f = f.reduce(FormAction::Optimizer {
        kind: OptimizerKind::Sgd,
        compare: true,
    });
    assert_eq!(f.compare.learning_rate, 0.05);
    assert_eq!(
        f.settings.optimizer,
        OptimizerKind::Adam,
        "run A is unchanged"
    );
    // Run B starts as Nesterov with its suggested rate.
    let fresh = form();
    assert_eq!(fresh.compare.optimizer, OptimizerKind::Nesterov);
    assert_eq!(
        fresh.compare.learning_rate,
        OptimizerKind::Nesterov.suggested_learning_rate()
    );
}

#[test]
fn reset_checks_seed_spec_and_settings_before_sending() {
    let running = default_setup();
    let f = form().reduce(FormAction::Seed("x".into()));
    assert!(!f.pending_reset(&running));
    let f = f.reduce(FormAction::Reset);
    assert_eq!(
        f.error.clone().unwrap().en,
        "The seed must be a whole number ≥ 0."
    );
    assert_eq!(f.outgoing, None);

    let f = f
        .reduce(FormAction::Seed("5".into()))
        .reduce(FormAction::Spec(
            "input 24x24x1; conv 30x30x8; dense 10 softmax".into(),
        ));
    let f = f.reduce(FormAction::Reset);
    assert!(f.error.is_some() && f.outgoing.is_none());
    assert_eq!(
        f.setup(&running).spec,
        running.spec,
        "the URL keeps the usable spec"
    );

    let spec = "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax";
    let f = f
        .reduce(FormAction::Spec(spec.into()))
        .reduce(FormAction::CompareOn(true));
    assert!(f.pending_reset(&running));
    let f = f.reduce(FormAction::Reset);
    let Some((_, TrainInput::Reset(setup))) = &f.outgoing else {
        panic!("{:?}", f.outgoing)
    };
    assert_eq!((setup.seed, setup.spec.as_str()), (5, spec));
    assert_eq!(
        setup.compare.as_ref().unwrap().optimizer,
        OptimizerKind::Nesterov
    );
    assert_eq!(f.reduce(FormAction::DefaultSpec).spec_text, running.spec);
}

#[test]
fn a_link_fills_the_form_and_its_settings_apply_at_once() {
    let running = default_setup();
    let f = form().reduce(FormAction::Linked {
        link: Box::new(setup_from_query("opt=adam&seed=9&colour=red")),
        running: Box::new(running.clone()),
    });
    assert_eq!(f.settings.optimizer, OptimizerKind::Adam);
    assert_eq!(f.seed_text, "9");
    assert_eq!(f.url_note, vec!["colour".to_string()]);
    assert!(matches!(
        f.outgoing,
        Some((1, TrainInput::SetSettings { .. }))
    ));
    // The form's own URL read back changes nothing.
    let query = setup_to_query(&f.setup(&running));
    let again = f.clone().reduce(FormAction::Linked {
        link: Box::new(setup_from_query(&query)),
        running: Box::new(running),
    });
    assert_eq!(*again, *f);
    assert!(again.reduce(FormAction::DismissUrlNote).url_note.is_empty());
}

#[test]
fn the_view_switch_is_sent_to_the_worker() {
    let f = form().reduce(FormAction::ShowView(false));
    assert!(!f.show_view);
    assert_eq!(
        f.outgoing,
        Some((1, TrainInput::SetNetView { enabled: false }))
    );
    assert!(f.reduce(FormAction::ShowGrads(true)).show_grads);
}

#[test]
fn the_primary_button_and_the_status_follow_the_run() {
    let mut state = TrainingState::default();
    assert_eq!(status_key(&state), "training.status.loading");
    assert!(primary(&state).disabled, "no network yet");
    state.apply(TrainOutput::Reset {
        setup: default_setup(),
        rows: Vec::new(),
        params: 0,
    });
    let progress = |status, examples| {
        TrainOutput::Progress(Progress {
            status,
            runs: vec![RunProgress {
                examples,
                epoch: 0,
                points: Vec::new(),
                learning_rate: 0.1,
            }],
            examples_per_sec: 0.0,
            forward_ms: 0.0,
            backward_ms: 0.0,
        })
    };
    state.apply(progress(RunStatus::Idle, 0));
    let p = primary(&state);
    assert_eq!(
        (p.label, p.input, p.disabled),
        ("training.train", TrainInput::Train, false)
    );
    assert_eq!(status_key(&state), "training.status.ready");
    state.apply(progress(RunStatus::Running, 40));
    assert_eq!(primary(&state).label, "training.pause");
    assert_eq!(primary(&state).input, TrainInput::Pause);
    assert_eq!(status_key(&state), "training.status.running");
    state.apply(progress(RunStatus::Idle, 40));
    assert_eq!(primary(&state).label, "training.resume");
    assert_eq!(status_key(&state), "training.status.paused");
    state.apply(progress(RunStatus::Diverged, 60));
    assert!(primary(&state).disabled);
    assert_eq!(status_key(&state), "training.status.diverged");
    state.apply(progress(RunStatus::Failed, 60));
    assert!(primary(&state).disabled);
    assert_eq!(status_key(&state), "training.status.failed");
}

#[test]
fn switching_the_optimizer_says_what_it_did_to_the_learning_rate() {
    let f = form().reduce(FormAction::Optimizer {
        kind: OptimizerKind::Adam,
        compare: false,
    });
    assert_eq!(f.settings.learning_rate, 0.001);
    let (run_b, note) = f.lr_note.clone().expect("a note about η");
    assert!(!run_b);
    let was = default_setup().settings.optimizer.name();
    let old = default_setup().settings.learning_rate;
    assert_eq!(
        note.en,
        format!(
            "{was} → Adam: η {old} → 0.001, because the step is divided by the root mean square of \
             the gradient, so it is ≈ η per weight; η = 0.001 is the usual value. You may type your own η."
        )
    );
    assert!(
        note.ru
            .starts_with(&format!("{was} → Adam: η {old} → 0.001, потому что"))
    );
    // Same η: said so, not silently.
    let f = f.reduce(FormAction::Optimizer {
        kind: OptimizerKind::RmsProp,
        compare: false,
    });
    assert!(
        f.lr_note
            .as_ref()
            .unwrap()
            .1
            .en
            .starts_with("Adam → RMSProp: η stays 0.001")
    );
    // Run B's note is B's; typing η for A clears A's note only.
    let f = f.reduce(FormAction::Optimizer {
        kind: OptimizerKind::Sgd,
        compare: true,
    });
    assert!(f.lr_note.as_ref().unwrap().0);
    let f = f.reduce(edit(Field::LearningRate, 0.01));
    assert!(f.lr_note.is_some(), "B's note stays when A's η is typed");
    let f = f.reduce(FormAction::Edit {
        field: Field::LearningRate,
        compare: true,
        text: "0.02".into(),
    });
    assert_eq!(f.lr_note, None);
}

#[test]
fn the_lenet5_preset_fills_spec_and_settings() {
    let running = default_setup();
    let lenet = crate::training::client::lenet5_setup();
    let f = form().reduce(FormAction::LeNet5);
    assert_eq!(f.spec_text, lenet.spec);
    assert_eq!(f.settings, lenet.settings);
    // The settings apply at once; the spec waits for Reset like any edit.
    let Some((_, TrainInput::SetSettings { settings, .. })) = &f.outgoing else {
        panic!("{:?}", f.outgoing)
    };
    assert_eq!(settings, &lenet.settings);
    assert!(f.pending_reset(&running));
    let f = f.reduce(FormAction::Reset);
    let Some((_, TrainInput::Reset(setup))) = &f.outgoing else {
        panic!("{:?}", f.outgoing)
    };
    assert_eq!(setup, &lenet);
}

#[test]
fn a_loaded_spec_becomes_the_form_spec_alone() {
    let running = default_setup();
    let spec = "input 24x24x1; conv 3x3x4 relu; pool 2; dense 10 softmax";
    let f = form()
        .reduce(FormAction::CompareOn(true))
        .reduce(FormAction::Adopt(spec.into()));
    assert_eq!(f.spec_text, spec);
    assert!(!f.compare_on, "a file holds one network");
    assert!(!f.spec_refused());
    let f = f.reduce(FormAction::Reset);
    let Some((_, TrainInput::Reset(setup))) = &f.outgoing else {
        panic!("{:?}", f.outgoing)
    };
    assert_eq!(setup.spec, spec, "Reset rebuilds the loaded architecture");
    assert_eq!(setup.compare, None);
    let f = f.reduce(FormAction::Spec("conv banana".into()));
    assert!(f.spec_refused());
    assert_eq!(f.setup(&running).spec, running.spec);
}
