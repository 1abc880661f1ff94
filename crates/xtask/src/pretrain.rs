//! `cargo xtask pretrain` — trains the Draw section's shipped network natively with the core
//! and writes `web/weights/pretrained.bin`.
//!
//! Data: the 9,000 training digits of [`Mnist::split`]; the 1,000 held-out digits are only
//! used to report accuracy (never to pick a checkpoint). Everything is seeded, single-threaded
//! and therefore reproducible: the same seed gives the same bytes.
//!
//! Augmentation (why: hand-drawn digits are not MNIST digits): every training example is a fresh
//! [`cnn::augment`] draw — random affine (rotation ±15°, scale 0.8–1.2, shear, aspect, shift),
//! a thin or bold pen, a Simard elastic distortion — passed through the Draw section's own
//! preprocessing, so that the network is trained on the kind of input a drawing becomes. A share
//! of [`PLAIN_SHARE`] of the examples stays undistorted (the centre crop), so MNIST itself is not
//! forgotten. Evaluation uses the plain centre crop, exactly what [`mnist::crop`]`(image, 2, 2, 24)`
//! gives, and the foreign-handwriting check of [`crate::handwriting`].
//!
//! `--check` only evaluates the committed weights (held out and foreign), without training.

use std::path::{Path, PathBuf};
use std::time::Instant;

use cnn::mnist::{self, Mnist};
use cnn::weights;

use crate::handwriting;
use cnn::augment::{Augmentation, augmented_input};
use cnn::{Batch, Network, NetworkSpec, Optimizer, Shape, StepDecay, TrainConfig, Trainer};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// The shipped architecture. Twice ConvNetJS's MNIST net in width and with a second 2×2 pool:
/// ≈ 2 M multiply-adds per digit, well under a millisecond in the browser.
pub const SPEC: &str = "input 24x24x1; conv 5x5x16 pad 2 relu; pool 2; conv 5x5x32 pad 2 relu; pool 2; dense 10 softmax";

/// Side of the network input (a window of the 28×28 digit).
pub const INPUT: usize = 24;
/// Where the evaluation window starts in the 28×28 digit: the centre.
pub const CENTRE_OFFSET: usize = (28 - INPUT) / 2;

pub const DEFAULT_SEED: u64 = 20_261_128;
pub const DEFAULT_EPOCHS: usize = 14;
/// The share of training examples left undistorted.
pub const PLAIN_SHARE: f64 = 0.2;
/// The learning rate halves every this many epochs.
const DECAY_EPOCHS: usize = 4;
pub const MNIST_PATH: &str = "web/mnist/mnist-10k.bin";
pub const WEIGHTS_PATH: &str = "web/weights/pretrained.bin";

struct Options {
    seed: u64,
    epochs: usize,
    out: PathBuf,
    check: bool,
    sheet: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        seed: DEFAULT_SEED,
        epochs: DEFAULT_EPOCHS,
        out: PathBuf::from(WEIGHTS_PATH),
        check: false,
        sheet: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--seed" => {
                options.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--epochs" => {
                options.epochs = value("--epochs")?
                    .parse()
                    .map_err(|e| format!("--epochs: {e}"))?
            }
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--check" => options.check = true,
            "--sheet" => options.sheet = Some(PathBuf::from(value("--sheet")?)),
            "-h" | "--help" => {
                return Err(format!(
                    "usage: cargo xtask pretrain [--epochs N (default {DEFAULT_EPOCHS})] \
                     [--seed S (default {DEFAULT_SEED})] [--out PATH (default {WEIGHTS_PATH})]\n       \
                     cargo xtask pretrain --check [--sheet FILE.pgm]   (evaluate the weights at --out, \
                     no training; --sheet writes the foreign digits as a picture)\n\n\
                     Trains on the 9,000 training digits with pen-like augmentation (affine, thin/bold \
                     pen, elastic) passed through the Draw preprocessing; reports the 1,000 held-out \
                     digits and the foreign-handwriting check. Same seed, same bytes. Run it under \
                     `nice`: it keeps one core busy for a few minutes."
                ));
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(options)
}

/// Entry point of `cargo xtask pretrain …` (run from the workspace root).
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let root = workspace_root();
    let bytes = std::fs::read(root.join(MNIST_PATH))
        .map_err(|e| format!("cannot read {MNIST_PATH} (run `cargo xtask mnist` first): {e}"))?;
    let data = Mnist::parse(&bytes).map_err(|e| e.to_string())?;
    let out = if options.out.is_absolute() {
        options.out.clone()
    } else {
        root.join(&options.out)
    };
    let foreign = handwriting::samples(INPUT);
    if let Some(path) = &options.sheet {
        std::fs::write(path, handwriting::sheet(&foreign))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "{}: the foreign-handwriting digits, one style a row",
            path.display()
        );
    }
    if options.check {
        let bytes = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        let mut network = weights::load(&bytes).map_err(|e| e.to_string())?;
        let (correct, total) = held_out_accuracy(&mut network, &data);
        println!(
            "{}: {} parameters, {} bytes; held-out accuracy {:.1} % ({correct} of {total})",
            options.out.display(),
            network.num_params(),
            bytes.len(),
            correct as f64 / total as f64 * 100.0
        );
        for line in handwriting::evaluate(&mut network, &foreign).lines() {
            println!("{line}");
        }
        return Ok(());
    }
    let spec = NetworkSpec::parse(SPEC).map_err(|e| e.to_string())?;
    println!("pretrain: {spec}");
    println!(
        "pretrain: seed {}, {} epochs over {} training digits, {} held out",
        options.seed,
        options.epochs,
        data.split().train.len(),
        data.split().test.len()
    );
    let start = Instant::now();
    let network = train(
        &data,
        &spec,
        options.seed,
        options.epochs,
        |epoch, loss, acc| {
            println!(
                "epoch {epoch:>2}: training loss {loss:.4}, held-out accuracy {:.2} % ({:.0} s)",
                acc * 100.0,
                start.elapsed().as_secs_f64()
            );
        },
    )?;
    let mut network = network;
    let accuracy = held_out_accuracy(&mut network, &data);
    let encoded = weights::save(&network);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &encoded).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "pretrain: held-out accuracy {:.1} % ({} of {}), {} parameters, {} bytes written to {} in {:.0} s",
        accuracy.0 as f64 / accuracy.1 as f64 * 100.0,
        accuracy.0,
        accuracy.1,
        network.num_params(),
        encoded.len(),
        options.out.display(),
        start.elapsed().as_secs_f64()
    );
    for line in handwriting::evaluate(&mut network, &foreign).lines() {
        println!("{line}");
    }
    Ok(())
}

/// Trains a fresh network of `spec`; `report(epoch, mean training loss, held-out accuracy)`
/// is called after every epoch.
pub fn train(
    data: &Mnist,
    spec: &NetworkSpec,
    seed: u64,
    epochs: usize,
    mut report: impl FnMut(usize, f64, f64),
) -> Result<Network, String> {
    let split = data.split();
    let network = Network::new(spec, seed).map_err(|e| e.to_string())?;
    let batch_size = 32;
    let config = TrainConfig {
        optimizer: Optimizer::ADAM,
        learning_rate: 2e-3,
        l2: 1e-4,
        batch_size,
        dropout: 0.0,
        lr_decay: Some(StepDecay {
            every: (split.train.len() * DECAY_EPOCHS) as u64,
            factor: 0.5,
        }),
    };
    let mut trainer = Trainer::new(network, config).map_err(|e| e.to_string())?;
    let mut rng = Pcg64Mcg::seed_from_u64(seed ^ 0x5eed_da7a);
    let shape = Shape::new(1, INPUT, INPUT);
    let mut order = split.train.clone();
    for epoch in 1..=epochs {
        shuffle(&mut order, &mut rng);
        let mut loss_sum = 0.0;
        let mut steps = 0;
        for chunk in order.chunks(batch_size) {
            let mut pixels = Vec::with_capacity(chunk.len() * INPUT * INPUT);
            let mut labels = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let parts = if rng.random_bool(PLAIN_SHARE) {
                    Augmentation::NONE
                } else {
                    Augmentation::ALL
                };
                let input = augmented_input(data.image(i), &parts, INPUT, &mut rng);
                pixels.extend_from_slice(input.data());
                labels.push(data.label(i));
            }
            let batch = Batch::new(shape, chunk.len(), pixels).map_err(|e| e.to_string())?;
            let stats = trainer.step(&batch, &labels).map_err(|e| e.to_string())?;
            loss_sum += stats.loss;
            steps += 1;
        }
        let (correct, total) = held_out_accuracy(trainer.network_mut(), data);
        report(
            epoch,
            loss_sum / steps.max(1) as f64,
            correct as f64 / total as f64,
        );
    }
    Ok(trainer.into_network())
}

/// (correct, total) on the 1,000 held-out digits, centre crop, evaluation mode.
pub fn held_out_accuracy(network: &mut Network, data: &Mnist) -> (usize, usize) {
    let test = data.split().test;
    let mut correct = 0;
    for &i in &test {
        let input = mnist::crop(data.image(i), CENTRE_OFFSET, CENTRE_OFFSET, INPUT);
        let probabilities = network.predict(&input);
        if argmax(&probabilities) == data.label(i) as usize {
            correct += 1;
        }
    }
    (correct, test.len())
}

pub fn argmax(values: &[f32]) -> usize {
    values
        .iter()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, &v)| {
            if v > best.1 { (i, v) } else { best }
        })
        .0
}

fn shuffle(order: &mut [usize], rng: &mut Pcg64Mcg) {
    for i in (1..order.len()).rev() {
        let j = rng.random_range(0..=i);
        order.swap(i, j);
    }
}

fn workspace_root() -> PathBuf {
    // crates/xtask → the workspace root, independent of the current directory.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_architecture_parses() {
        let spec = NetworkSpec::parse(SPEC).expect("SPEC parses");
        assert_eq!(spec.input, Shape::new(1, INPUT, INPUT));
    }

    fn committed() -> Network {
        let bytes =
            std::fs::read(workspace_root().join(WEIGHTS_PATH)).expect("web/weights/pretrained.bin");
        weights::load(&bytes).expect("the weights decode")
    }

    /// The shipped weights stay small enough to load at once on a phone.
    #[test]
    fn the_committed_weights_are_at_most_200_kb() {
        let len = std::fs::metadata(workspace_root().join(WEIGHTS_PATH))
            .unwrap()
            .len();
        assert!(len <= 200 * 1024, "{len} bytes");
    }

    /// The committed weights read the foreign handwriting (see [`handwriting`]): ≥ 95 % overall
    /// and ≥ 85 % for every digit.
    #[test]
    fn the_committed_weights_read_foreign_handwriting() {
        let mut network = committed();
        let report = handwriting::evaluate(&mut network, &handwriting::samples(INPUT));
        let lines = report.lines().join("\n");
        assert!(report.accuracy() >= 0.95, "{lines}");
        for digit in 0..10 {
            assert!(
                report.class_accuracy(digit) >= 0.85,
                "digit {digit}\n{lines}"
            );
        }
    }

    /// The committed weights decode into [`SPEC`] and score ≥ 98.5 % on the held-out digits,
    /// so a bad weights file cannot land.
    #[test]
    fn the_committed_weights_reach_98_5_percent_on_held_out_digits() {
        let root = workspace_root();
        let bytes = std::fs::read(root.join(WEIGHTS_PATH)).expect("web/weights/pretrained.bin");
        let mut network = weights::load(&bytes).expect("the weights decode");
        let declared = NetworkSpec::parse(SPEC).unwrap();
        assert_eq!(network.spec().to_string(), declared.to_string());
        let data = Mnist::parse(&std::fs::read(root.join(MNIST_PATH)).expect("mnist asset"))
            .expect("mnist parses");
        let (correct, total) = held_out_accuracy(&mut network, &data);
        assert_eq!(total, 1000);
        assert!(
            correct >= 985,
            "held-out accuracy {correct}/{total} is below 98.5 %"
        );
    }
}
