//! The engine on the real MNIST asset with a fake clock.

use cnn::NetworkSpec;

use super::*;
use crate::training::config::OptimizerKind;
use crate::training::protocol::Evaluation;

fn asset() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/mnist/mnist-10k.bin");
    std::fs::read(path).expect("the MNIST asset web/mnist/mnist-10k.bin")
}

fn default_spec() -> String {
    NetworkSpec::convnetjs_mnist().to_string()
}

fn setup(settings: Settings, compare: Option<Settings>) -> Setup {
    Setup {
        spec: default_spec(),
        seed: 1,
        settings,
        compare,
    }
}

/// A fake clock: every reading is 1 ms later.
fn clock() -> impl FnMut() -> f64 {
    let mut t = 0.0;
    move || {
        t += 1.0;
        t
    }
}

fn ready_engine(setup: Setup) -> Engine {
    let mut engine = Engine::new();
    let out = engine.handle(TrainInput::Reset(setup), 0.0);
    assert!(matches!(out[0], TrainOutput::Reset { .. }), "{out:?}");
    let out = engine.set_data(Ok(asset()), 0.0);
    assert!(matches!(
        out[0],
        TrainOutput::Ready {
            train: 9000,
            test: 1000,
            ..
        }
    ));
    engine
}

/// Trains until run 0 has seen `examples`, then lets the evaluations finish; returns every
/// evaluation seen.
fn train_until(engine: &mut Engine, examples: u64) -> Vec<Evaluation> {
    let mut now = clock();
    let mut evals = Vec::new();
    engine.handle(TrainInput::Train, 0.0);
    while engine.examples(0) < examples && engine.status() == RunStatus::Running {
        for msg in engine.work(&mut now, 50.0) {
            if let TrainOutput::Evaluation(e) = msg {
                evals.push(e);
            }
        }
    }
    engine.handle(TrainInput::Pause, 0.0);
    while engine.busy() {
        for msg in engine.work(&mut now, 50.0) {
            if let TrainOutput::Evaluation(e) = msg {
                evals.push(e);
            }
        }
    }
    evals
}

#[test]
fn eval_schedule_is_every_1000_then_every_2000() {
    assert_eq!(next_eval_after(0), 1000);
    assert_eq!(next_eval_after(8_999), 9_000);
    assert_eq!(next_eval_after(9_000), 10_000);
    assert_eq!(next_eval_after(10_000), 12_000);
    assert_eq!(next_eval_after(19_990), 20_000);
}

#[test]
fn default_settings_reach_95_percent_within_20000_examples() {
    let mut engine = ready_engine(setup(Settings::default(), None));
    let evals = train_until(&mut engine, 20_000);
    let at = |n: u64| {
        evals
            .iter()
            .find(|e| e.run == 0 && e.examples == n)
            .map(|e| e.accuracy)
    };
    let one_pass = at(9_000).expect("an evaluation after one pass");
    let bar = at(20_000).expect("an evaluation at 20,000");
    eprintln!("held-out accuracy: {one_pass} after 9,000 examples, {bar} after 20,000");
    assert!(bar >= 0.95, "{bar}");
    let guesses = evals.iter().rev().find_map(|e| e.guesses.clone()).unwrap();
    assert_eq!(guesses.len(), 1000);
}

#[test]
fn pause_stops_and_save_load_reproduces_the_accuracy() {
    let mut engine = ready_engine(setup(Settings::default(), None));
    let evals = train_until(&mut engine, 1_500);
    assert!(!engine.busy());
    let paused_at = engine.examples(0);
    let last = evals.last().unwrap().clone();
    assert_eq!(
        last.examples, paused_at,
        "pausing evaluates the paused weights"
    );
    let mut now = clock();
    assert!(
        engine
            .work(&mut now, 50.0)
            .iter()
            .all(|m| !matches!(m, TrainOutput::Evaluation(_)))
    );
    assert_eq!(
        engine.examples(0),
        paused_at,
        "paused: the counter does not move"
    );

    let out = engine.handle(TrainInput::Save, 0.0);
    let TrainOutput::Saved { bytes } = &out[0] else {
        panic!("{out:?}")
    };
    engine.handle(TrainInput::Reset(setup(Settings::default(), None)), 0.0);
    let out = engine.handle(
        TrainInput::Load {
            bytes: bytes.clone(),
        },
        0.0,
    );
    assert!(matches!(out[0], TrainOutput::Loaded { .. }), "{out:?}");
    let mut reloaded = None;
    while engine.busy() {
        for msg in engine.work(&mut now, 50.0) {
            if let TrainOutput::Evaluation(e) = msg {
                reloaded = Some(e);
            }
        }
    }
    assert_eq!(reloaded.unwrap().accuracy, last.accuracy);

    let out = engine.handle(
        TrainInput::Load {
            bytes: b"garbage".to_vec(),
        },
        0.0,
    );
    let [TrainOutput::Error(text)] = out.as_slice() else {
        panic!("{out:?}")
    };
    assert!(!text.en.is_empty() && !text.ru.is_empty());
}

#[test]
fn a_bad_spec_is_refused_and_the_network_kept() {
    let mut engine = ready_engine(setup(Settings::default(), None));
    let before = cnn::weights::save(engine.network(0).unwrap());
    for spec in [
        "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax; bogus",
        "input 24x24x3; dense 10 softmax",
        "input 24x24x1; dense 7 softmax",
        "",
    ] {
        let out = engine.handle(
            TrainInput::Reset(Setup {
                spec: spec.into(),
                ..setup(Settings::default(), None)
            }),
            0.0,
        );
        let [TrainOutput::Error(text)] = out.as_slice() else {
            panic!("{spec}: {out:?}")
        };
        assert!(
            !text.en.is_empty() && !text.ru.is_empty() && text.en != text.ru,
            "{text:?}"
        );
    }
    assert_eq!(cnn::weights::save(engine.network(0).unwrap()), before);
}

#[test]
fn two_runs_with_the_same_settings_stay_identical() {
    let s = Settings::default();
    let mut engine = ready_engine(setup(s.clone(), Some(s)));
    train_until(&mut engine, 400);
    assert_eq!(engine.examples(0), engine.examples(1));
    assert_eq!(
        cnn::weights::save(engine.network(0).unwrap()),
        cnn::weights::save(engine.network(1).unwrap())
    );
}

#[test]
fn divergence_pauses_and_rollback_restores_a_good_network() {
    let wild = Settings {
        optimizer: OptimizerKind::Sgd,
        learning_rate: 10.0,
        ..Settings::default()
    };
    let mut engine = ready_engine(setup(Settings::default(), None));
    train_until(&mut engine, 1_000);
    engine.handle(
        TrainInput::SetSettings {
            settings: wild,
            compare: None,
        },
        0.0,
    );
    engine.handle(TrainInput::Train, 0.0);
    let mut now = clock();
    let mut diverged = None;
    for _ in 0..200 {
        for msg in engine.work(&mut now, 50.0) {
            if let TrainOutput::Diverged {
                examples,
                can_rollback,
                ..
            } = msg
            {
                diverged = Some((examples, can_rollback));
            }
        }
        if engine.status() != RunStatus::Running {
            break;
        }
    }
    let (_, can_rollback) = diverged.expect("lr 10 diverges");
    assert!(can_rollback);
    assert_eq!(engine.status(), RunStatus::Diverged);
    assert!(!engine.busy(), "a diverged run does not train on");
    let out = engine.handle(TrainInput::Rollback, 0.0);
    assert!(
        matches!(out[0], TrainOutput::RolledBack { examples: 1_000 }),
        "{out:?}"
    );
    assert_eq!(engine.status(), RunStatus::Idle);
    assert!(
        engine
            .network(0)
            .unwrap()
            .param_tensors()
            .iter()
            .all(|t| t.iter().all(|v| v.is_finite()))
    );
}

#[test]
fn a_corrupt_asset_fails_with_a_reason() {
    let mut engine = Engine::new();
    let out = engine.set_data(Ok(vec![1, 2, 3]), 0.0);
    assert!(matches!(&out[0], TrainOutput::Error(_)));
    assert_eq!(engine.status(), RunStatus::Failed);
}

#[test]
fn the_lenet5_preset_reaches_97_percent_within_20000_examples() {
    let mut engine = ready_engine(crate::training::client::lenet5_setup());
    let evals = train_until(&mut engine, 20_000);
    let at = |n: u64| {
        evals
            .iter()
            .find(|e| e.run == 0 && e.examples == n)
            .map(|e| e.accuracy)
    };
    let one_pass = at(9_000).expect("an evaluation after one pass");
    let bar = at(20_000).expect("an evaluation at 20,000");
    eprintln!("LeNet-5 held-out accuracy: {one_pass} after 9,000 examples, {bar} after 20,000");
    assert!(bar >= 0.97, "{bar}");
}

#[test]
fn a_new_engine_restores_a_checkpoint_with_its_accuracy_and_counter() {
    let compare = Settings {
        optimizer: OptimizerKind::Adam,
        ..Settings::default()
    };
    let mut crashed = ready_engine(setup(Settings::default(), Some(compare)));
    let evals = train_until(&mut crashed, 1_000);
    let checkpoint = crashed.examples(0);
    let accuracy = evals
        .iter()
        .rfind(|e| e.run == 0 && e.examples == checkpoint)
        .expect("pausing evaluates run 1")
        .accuracy;
    let bytes = cnn::weights::save(crashed.network(0).expect("run 1"));

    // The new worker: the restore arrives before the data (the fetch is slower).
    let mut engine = Engine::new();
    let out = engine.handle(
        TrainInput::Restore {
            setup: setup(Settings::default(), Some(Settings::default())),
            bytes,
            examples: checkpoint,
        },
        0.0,
    );
    match &out[0] {
        TrainOutput::Restored {
            setup, examples, ..
        } => {
            assert_eq!(*examples, checkpoint);
            assert_eq!(setup.compare, None, "the comparison run is not restored");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(engine.examples(0), checkpoint);
    engine.set_data(Ok(asset()), 0.0);
    let mut now = clock();
    let mut restored = None;
    while engine.busy() {
        for msg in engine.work(&mut now, 50.0) {
            if let TrainOutput::Evaluation(e) = msg {
                restored = Some((e.examples, e.accuracy));
            }
        }
    }
    assert_eq!(restored, Some((checkpoint, accuracy)));
    // Training goes on from the checkpoint's counter.
    train_until(&mut engine, checkpoint + 100);
    assert!(engine.examples(0) >= checkpoint + 100);

    // A damaged checkpoint is refused with a message.
    let out = engine.handle(
        TrainInput::Restore {
            setup: setup(Settings::default(), None),
            bytes: vec![1, 2, 3],
            examples: 5,
        },
        0.0,
    );
    assert!(matches!(out[0], TrainOutput::Error(_)), "{out:?}");
}
