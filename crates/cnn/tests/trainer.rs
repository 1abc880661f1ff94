//! The trainer: statistics, validation, divergence handling, config changes.

use cnn::limits::{BATCH_SIZE_MAX, DROPOUT_MAX, L2_MAX, LEARNING_RATE_MAX};
use cnn::{
    Batch, EvalSums, Lang, Localized, Mode, MomentumForm, Network, NetworkSpec, Optimizer, Setting,
    SettingError, StepDecay, TrainConfig, TrainError, Trainer,
};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

fn spec() -> NetworkSpec {
    NetworkSpec::parse("input 8x8x1; conv 3x3x4 pad 1 relu; pool 2; dense 3 softmax").unwrap()
}

/// Three classes: a bright left half, a bright right half, or a bright top half, with noise.
fn task(rng: &mut Pcg32, n: usize) -> (Batch, Vec<u8>) {
    let mut data = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..n {
        let label = rng.random_range(0..3u8);
        for y in 0..8 {
            for x in 0..8 {
                let on = match label {
                    0 => x < 4,
                    1 => x >= 4,
                    _ => y < 4,
                };
                data.push(if on { 1.0 } else { 0.0 } + rng.random_range(-0.2f32..0.2));
            }
        }
        labels.push(label);
    }
    (Batch::new(spec().input, n, data).unwrap(), labels)
}

#[test]
fn every_optimizer_learns_a_toy_task() {
    for (optimizer, lr) in [
        (Optimizer::Sgd, 0.1),
        (
            Optimizer::Momentum {
                gamma: 0.9,
                form: MomentumForm::Lecture,
            },
            0.1,
        ),
        (Optimizer::MOMENTUM, 0.02),
        (Optimizer::NESTEROV, 0.02),
        (Optimizer::ADAM, 0.01),
        (Optimizer::RMSPROP, 0.005),
        (Optimizer::ADADELTA, 1.0),
    ] {
        let config = TrainConfig {
            optimizer,
            learning_rate: lr,
            l2: 1e-4,
            batch_size: 10,
            dropout: 0.0,
            lr_decay: None,
        };
        let mut t = Trainer::new(Network::new(&spec(), 3).unwrap(), config).unwrap();
        let mut rng = Pcg32::seed_from_u64(4);
        let (test, test_labels) = task(&mut rng, 60);
        let before = t.evaluate(&test, &test_labels).unwrap();
        for _ in 0..60 {
            let (b, l) = task(&mut rng, 10);
            t.step(&b, &l).unwrap();
        }
        let after = t.evaluate(&test, &test_labels).unwrap();
        assert!(
            after.loss < before.loss / 3.0,
            "{}: loss {} → {}",
            optimizer.name(),
            before.loss,
            after.loss
        );
        assert!(
            after.accuracy >= 0.95,
            "{}: accuracy {}",
            optimizer.name(),
            after.accuracy
        );
        assert_eq!(t.examples_seen(), 600);
        assert_eq!(t.steps(), 60);
    }
}

#[test]
fn step_statistics_add_up() {
    let config = TrainConfig {
        l2: 0.01,
        ..TrainConfig::default()
    };
    let net = Network::new(&spec(), 1).unwrap();
    let half_sq = net.weights_sq_half();
    let mut t = Trainer::new(net, config).unwrap();
    let mut rng = Pcg32::seed_from_u64(2);
    let (b, l) = task(&mut rng, 20);
    let s = t.step(&b, &l).unwrap();
    assert!((s.l2_loss - f64::from(0.01f32) * half_sq).abs() < 1e-12);
    assert_eq!(s.loss, s.data_loss + s.l2_loss);
    assert!(s.data_loss.is_finite() && s.data_loss > 0.0);
    assert!((0.0..=1.0).contains(&s.accuracy));
    assert_eq!(s.examples_seen, 20);
}

#[test]
fn invalid_input_is_an_error_not_a_panic() {
    let mut t = Trainer::new(Network::new(&spec(), 1).unwrap(), TrainConfig::default()).unwrap();
    let mut rng = Pcg32::seed_from_u64(2);
    let (b, l) = task(&mut rng, 4);
    assert_eq!(
        t.step(&b, &l[..3]).unwrap_err(),
        TrainError::LabelCount {
            labels: 3,
            examples: 4
        }
    );
    assert_eq!(
        t.step(&b, &[0, 1, 2, 7]).unwrap_err().to_string(),
        "label 7 is outside 0…2"
    );
    let wrong = Batch::zeros(cnn::Shape::new(1, 9, 9), 4).unwrap();
    assert!(matches!(
        t.step(&wrong, &l).unwrap_err(),
        TrainError::InputShape { .. }
    ));
    let bad = TrainConfig {
        learning_rate: -1.0,
        ..TrainConfig::default()
    };
    assert_eq!(
        t.set_config(bad).unwrap_err().to_string(),
        "The learning rate η must be a positive number, at most 10; got −1"
    );
    assert_eq!(
        t.set_config(bad).unwrap_err().message(Lang::Ru),
        "Скорость обучения η должна быть положительным числом, не больше 10; введено −1"
    );
    assert!(
        Trainer::new(
            Network::new(&spec(), 1).unwrap(),
            TrainConfig {
                batch_size: 0,
                ..TrainConfig::default()
            }
        )
        .is_err()
    );
}

#[test]
fn divergence_leaves_the_weights_untouched() {
    for optimizer in [Optimizer::MOMENTUM, Optimizer::NESTEROV, Optimizer::ADAM] {
        let config = TrainConfig {
            optimizer,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(Network::new(&spec(), 1).unwrap(), config).unwrap();
        let mut rng = Pcg32::seed_from_u64(2);
        for _ in 0..3 {
            let (b, l) = task(&mut rng, 10);
            t.step(&b, &l).unwrap();
        }
        let before: Vec<Vec<f32>> = t
            .network()
            .param_tensors()
            .iter()
            .map(|t| t.to_vec())
            .collect();
        let (mut b, l) = task(&mut rng, 10);
        b.data_mut()[5] = f32::INFINITY;
        let err = t.step(&b, &l).unwrap_err();
        assert!(
            matches!(
                err,
                TrainError::Diverged {
                    examples_seen: 30,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("learning rate too high?"));
        let after: Vec<Vec<f32>> = t
            .network()
            .param_tensors()
            .iter()
            .map(|t| t.to_vec())
            .collect();
        assert_eq!(before, after, "{}", optimizer.name());
        assert_eq!(t.examples_seen(), 30);
        // And training continues normally.
        let (b, l) = task(&mut rng, 10);
        t.step(&b, &l).unwrap();
    }
}

#[test]
fn huge_learning_rate_diverges_into_an_error() {
    let huge = TrainConfig {
        optimizer: Optimizer::Sgd,
        learning_rate: 1e30,
        ..TrainConfig::default()
    };
    assert_eq!(
        huge.validate().unwrap_err().to_string(),
        "The learning rate η must be a positive number, at most 10; got 1e30"
    );
    // The largest accepted rate on inputs a hundred times too bright overshoots at once.
    let config = TrainConfig {
        learning_rate: LEARNING_RATE_MAX,
        ..huge
    };
    let mut t = Trainer::new(Network::new(&spec(), 1).unwrap(), config).unwrap();
    let mut rng = Pcg32::seed_from_u64(2);
    let mut diverged = false;
    for _ in 0..20 {
        let (mut b, l) = task(&mut rng, 10);
        b.data_mut().iter_mut().for_each(|v| *v *= 100.0);
        if let Err(e) = t.step(&b, &l) {
            assert!(matches!(e, TrainError::Diverged { .. }));
            diverged = true;
            break;
        }
    }
    assert!(diverged);
}

#[test]
fn set_config_keeps_state_unless_the_optimizer_changes() {
    let mut t = Trainer::new(Network::new(&spec(), 1).unwrap(), TrainConfig::default()).unwrap();
    let same_kind = TrainConfig {
        learning_rate: 0.05,
        l2: 0.0,
        dropout: 0.5,
        ..TrainConfig::default()
    };
    assert!(!t.set_config(same_kind).unwrap().optimizer_state_reset);
    let gamma = TrainConfig {
        optimizer: Optimizer::Momentum {
            gamma: 0.5,
            form: MomentumForm::Classic,
        },
        ..same_kind
    };
    assert!(!t.set_config(gamma).unwrap().optimizer_state_reset);
    let other = TrainConfig {
        optimizer: Optimizer::ADAM,
        ..same_kind
    };
    assert!(t.set_config(other).unwrap().optimizer_state_reset);
    let form = TrainConfig {
        optimizer: Optimizer::Momentum {
            gamma: 0.9,
            form: MomentumForm::Lecture,
        },
        ..same_kind
    };
    assert!(t.set_config(form).unwrap().optimizer_state_reset);
    assert_eq!(t.config().dropout, 0.5);
}

#[test]
fn learning_rate_step_decay_follows_examples_seen() {
    let config = TrainConfig {
        lr_decay: Some(StepDecay::alexnet(20)),
        learning_rate: 0.01,
        ..TrainConfig::default()
    };
    let mut t = Trainer::new(Network::new(&spec(), 1).unwrap(), config).unwrap();
    let mut rng = Pcg32::seed_from_u64(2);
    let mut rates = Vec::new();
    for _ in 0..3 {
        let (b, l) = task(&mut rng, 10);
        rates.push(t.step(&b, &l).unwrap().learning_rate);
    }
    // Examples seen before each step: 0, 10, 20 → η, η, η·0.1.
    assert_eq!(rates[0], 0.01);
    assert_eq!(rates[1], 0.01);
    assert!((rates[2] - 0.001).abs() < 1e-9);
}

#[test]
fn training_is_reproducible_with_a_seed() {
    let run = || {
        let config = TrainConfig {
            dropout: 0.3,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(Network::new(&spec(), 8).unwrap(), config).unwrap();
        let mut rng = Pcg32::seed_from_u64(9);
        for _ in 0..5 {
            let (b, l) = task(&mut rng, 10);
            t.step(&b, &l).unwrap();
        }
        cnn::weights::save(t.network())
    };
    assert_eq!(run(), run());
}

/// The first setting out of its range, or `None` when the config is accepted.
fn refused(config: TrainConfig) -> Option<Setting> {
    match config.validate() {
        Ok(()) => None,
        Err(TrainError::InvalidSetting(SettingError { setting, .. })) => Some(setting),
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn every_setting_is_checked_at_its_limits() {
    let base = TrainConfig::default();
    assert_eq!(refused(base), None);
    let with = |f: &dyn Fn(&mut TrainConfig)| {
        let mut c = base;
        f(&mut c);
        refused(c)
    };
    assert_eq!(with(&|c| c.learning_rate = LEARNING_RATE_MAX), None);
    assert_eq!(
        with(&|c| c.learning_rate = 10.5),
        Some(Setting::LearningRate)
    );
    assert_eq!(
        with(&|c| c.learning_rate = 0.0),
        Some(Setting::LearningRate)
    );
    assert_eq!(
        with(&|c| c.learning_rate = f32::NAN),
        Some(Setting::LearningRate)
    );
    assert_eq!(with(&|c| c.l2 = L2_MAX), None);
    assert_eq!(with(&|c| c.l2 = 1.5), Some(Setting::L2));
    assert_eq!(with(&|c| c.batch_size = BATCH_SIZE_MAX), None);
    assert_eq!(with(&|c| c.batch_size = 1001), Some(Setting::BatchSize));
    assert_eq!(with(&|c| c.dropout = 0.9), None);
    assert_eq!(with(&|c| c.dropout = DROPOUT_MAX), Some(Setting::Dropout));
    let decay = |factor, every| Some(StepDecay { factor, every });
    assert_eq!(with(&|c| c.lr_decay = decay(1.0, 1)), None);
    assert_eq!(
        with(&|c| c.lr_decay = decay(0.0, 5)),
        Some(Setting::DecayFactor)
    );
    assert_eq!(
        with(&|c| c.lr_decay = decay(0.5, 0)),
        Some(Setting::DecayEvery)
    );
    let gamma = |g| Optimizer::Momentum {
        gamma: g,
        form: MomentumForm::Lecture,
    };
    assert_eq!(with(&|c| c.optimizer = gamma(1.0)), Some(Setting::Momentum));
    assert_eq!(
        with(&|c| c.optimizer = Optimizer::Adam {
            beta1: 0.9,
            beta2: 1.0,
            epsilon: 1e-8
        }),
        Some(Setting::Beta2)
    );
    assert_eq!(
        with(&|c| c.optimizer = Optimizer::RmsProp {
            rho: 0.9,
            epsilon: -1.0
        }),
        Some(Setting::Epsilon)
    );
    // Adadelta has no learning rate, so none is checked.
    assert_eq!(
        with(&|c| {
            c.optimizer = Optimizer::ADADELTA;
            c.learning_rate = -1.0;
        }),
        None
    );
    let bad = TrainConfig {
        batch_size: 5000,
        ..base
    };
    assert_eq!(
        bad.validate().unwrap_err().message(Lang::En),
        "The batch size must be a whole number from 1 to 1000; got 5000"
    );
}

#[test]
fn evaluation_sums_over_slices_equal_one_evaluation() {
    let mut rng = Pcg32::seed_from_u64(9);
    let mut network = Network::new(&spec(), 4).unwrap();
    let (batch, labels) = task(&mut rng, 23);
    let whole = cnn::trainer::evaluate(&mut network, &batch, &labels).unwrap();
    let mut sums = EvalSums::default();
    let size = batch.item_shape().len();
    for (start, part) in [(0, 10), (10, 13)] {
        let mut slice = Batch::zeros(batch.item_shape(), part).unwrap();
        slice
            .data_mut()
            .copy_from_slice(&batch.data()[start * size..(start + part) * size]);
        network.forward(&slice, Mode::Eval);
        sums.add(&network, &labels[start..start + part]);
    }
    let sliced = sums.stats();
    assert_eq!((sliced.correct, sliced.total), (whole.correct, 23));
    assert!((sliced.loss - whole.loss).abs() < 1e-9);
    // The loss is the mean of −ln p[label] of the probabilities the network outputs.
    network.forward(&batch, Mode::Eval);
    let probs = network.probabilities();
    let direct: f64 = labels
        .iter()
        .enumerate()
        .map(|(n, &l)| -f64::from(probs.item(n)[usize::from(l)]).ln())
        .sum::<f64>()
        / 23.0;
    assert!(
        (direct - whole.loss).abs() < 1e-5,
        "{direct} vs {}",
        whole.loss
    );
    assert_eq!(EvalSums::default().stats().total, 0);
}
