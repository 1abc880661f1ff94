//! `cargo xtask pretrain` — trains the Draw section's shipped network natively with the core
//! and writes `web/weights/pretrained.bin`.
//!
//! Data: the 9,000 training digits of [`Mnist::split`]; the 1,000 held-out digits are only
//! used to report accuracy (never to pick a checkpoint). Everything is seeded, single-threaded
//! and therefore reproducible: the same seed gives the same bytes.
//!
//! Augmentation (why: hand-drawn digits are not MNIST digits) — every training example is a
//! fresh random affine warp of a 28×28 digit sampled into the 24×24 input window:
//! rotation ±12°, scale 0.85–1.15 with ±8 % aspect change, shear ±0.15, shift ±2.5 px, and a
//! random stroke-thickness change (partial 3×3 dilation or erosion). Evaluation uses the plain
//! centre crop, exactly what [`mnist::crop`]`(image, 2, 2, 24)` and the app's preprocessing give.

use std::path::{Path, PathBuf};
use std::time::Instant;

use cnn::mnist::{self, Mnist};
use cnn::weights;
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
/// The learning rate halves every this many epochs.
const DECAY_EPOCHS: usize = 4;
pub const MNIST_PATH: &str = "web/mnist/mnist-10k.bin";
pub const WEIGHTS_PATH: &str = "web/weights/pretrained.bin";

struct Options {
    seed: u64,
    epochs: usize,
    out: PathBuf,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        seed: DEFAULT_SEED,
        epochs: DEFAULT_EPOCHS,
        out: PathBuf::from(WEIGHTS_PATH),
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
            "-h" | "--help" => {
                return Err(format!(
                    "usage: cargo xtask pretrain [--epochs N (default {DEFAULT_EPOCHS})] \
                     [--seed S (default {DEFAULT_SEED})] [--out PATH (default {WEIGHTS_PATH})]"
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
    let out = if options.out.is_absolute() {
        options.out.clone()
    } else {
        root.join(&options.out)
    };
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
                let warp = Warp::random(&mut rng);
                pixels.extend(warp.apply(data.image(i)));
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

/// A random affine warp plus a stroke-thickness change, sampling a 28×28 digit into the
/// `INPUT`×`INPUT` window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Warp {
    /// Inverse map from output pixel (relative to the window centre) to source pixel
    /// (relative to the digit centre): [a b; c d].
    pub matrix: [f32; 4],
    pub shift: (f32, f32),
    /// > 0: blend towards the 3×3 dilation, < 0: towards the erosion.
    pub thickness: f32,
}

impl Warp {
    #[cfg(test)]
    pub const IDENTITY: Warp = Warp {
        matrix: [1.0, 0.0, 0.0, 1.0],
        shift: (0.0, 0.0),
        thickness: 0.0,
    };

    pub fn random(rng: &mut impl Rng) -> Warp {
        let angle = rng.random_range(-12.0f32..12.0).to_radians();
        let scale = rng.random_range(0.85f32..1.15);
        let aspect = rng.random_range(-0.08f32..0.08);
        let shear = rng.random_range(-0.15f32..0.15);
        let (sx, sy) = (scale * (1.0 + aspect), scale * (1.0 - aspect));
        let (s, c) = angle.sin_cos();
        // Forward map F = R · Shear · S; we need its inverse to sample the source.
        let f = [c * sx, (c * shear - s) * sy, s * sx, (s * shear + c) * sy];
        let det = f[0] * f[3] - f[1] * f[2];
        let inverse = [f[3] / det, -f[1] / det, -f[2] / det, f[0] / det];
        let thickness = match rng.random_range(0..10) {
            0..=2 => rng.random_range(0.2f32..0.9),
            3..=4 => -rng.random_range(0.2f32..0.6),
            _ => 0.0,
        };
        Warp {
            matrix: inverse,
            shift: (
                rng.random_range(-2.5f32..2.5),
                rng.random_range(-2.5f32..2.5),
            ),
            thickness,
        }
    }

    /// The warped `INPUT`×`INPUT` input, pixels in 0..=1.
    pub fn apply(&self, image: &[u8]) -> Vec<f32> {
        let source: Vec<f32> = thicken(image, self.thickness);
        let at = |y: isize, x: isize| -> f32 {
            if (0..28).contains(&y) && (0..28).contains(&x) {
                source[y as usize * 28 + x as usize]
            } else {
                0.0
            }
        };
        let half_out = INPUT as f32 / 2.0;
        let [a, b, c, d] = self.matrix;
        let mut out = Vec::with_capacity(INPUT * INPUT);
        for y in 0..INPUT {
            for x in 0..INPUT {
                let ox = x as f32 + 0.5 - half_out - self.shift.0;
                let oy = y as f32 + 0.5 - half_out - self.shift.1;
                let sx = a * ox + b * oy + 14.0 - 0.5;
                let sy = c * ox + d * oy + 14.0 - 0.5;
                let (x0, y0) = (sx.floor(), sy.floor());
                let (fx, fy) = (sx - x0, sy - y0);
                let (x0, y0) = (x0 as isize, y0 as isize);
                let top = at(y0, x0) * (1.0 - fx) + at(y0, x0 + 1) * fx;
                let bottom = at(y0 + 1, x0) * (1.0 - fx) + at(y0 + 1, x0 + 1) * fx;
                out.push(top * (1.0 - fy) + bottom * fy);
            }
        }
        out
    }
}

/// The 28×28 digit in 0..=1, blended towards its 3×3-cross dilation (`amount` > 0) or
/// erosion (`amount` < 0).
fn thicken(image: &[u8], amount: f32) -> Vec<f32> {
    let plain: Vec<f32> = image.iter().map(|&v| v as f32 / 255.0).collect();
    if amount == 0.0 || plain.len() != 28 * 28 {
        return plain;
    }
    let get = |y: isize, x: isize| -> f32 {
        if (0..28).contains(&y) && (0..28).contains(&x) {
            plain[y as usize * 28 + x as usize]
        } else {
            0.0
        }
    };
    let mut out = plain.clone();
    for y in 0..28isize {
        for x in 0..28isize {
            let around = [get(y - 1, x), get(y + 1, x), get(y, x - 1), get(y, x + 1)];
            let here = get(y, x);
            let target = if amount > 0.0 {
                around.iter().fold(here, |m, &v| m.max(v))
            } else {
                around.iter().fold(here, |m, &v| m.min(v))
            };
            out[(y * 28 + x) as usize] = here + amount.abs() * (target - here);
        }
    }
    out
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

    fn digit() -> Vec<u8> {
        (0..28 * 28).map(|i| ((i * 37) % 256) as u8).collect()
    }

    #[test]
    fn the_identity_warp_is_the_centre_crop() {
        let image = digit();
        let warped = Warp::IDENTITY.apply(&image);
        let crop = mnist::crop(&image, CENTRE_OFFSET, CENTRE_OFFSET, INPUT);
        assert_eq!(warped.len(), INPUT * INPUT);
        for (a, b) in warped.iter().zip(crop.data()) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }

    #[test]
    fn a_shift_moves_the_ink() {
        let mut image = vec![0u8; 28 * 28];
        image[14 * 28 + 14] = 255;
        let warp = Warp {
            shift: (3.0, -2.0),
            ..Warp::IDENTITY
        };
        let out = warp.apply(&image);
        // Source (14, 14) is window (12, 12); shifted by (+3, −2) → (x 15, y 10).
        assert!((out[10 * INPUT + 15] - 1.0).abs() < 1e-5);
        assert!((out.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn thickness_changes_the_ink_mass_in_the_right_direction() {
        let mut image = vec![0u8; 28 * 28];
        for y in 6..22 {
            image[y * 28 + 13] = 255;
            image[y * 28 + 14] = 255;
        }
        let mass = |v: &[f32]| v.iter().sum::<f32>();
        let plain = thicken(&image, 0.0);
        assert!(mass(&thicken(&image, 0.5)) > mass(&plain));
        assert!(mass(&thicken(&image, -0.5)) < mass(&plain));
    }

    #[test]
    fn random_warps_are_seeded_and_bounded() {
        let mut a = Pcg64Mcg::seed_from_u64(1);
        let mut b = Pcg64Mcg::seed_from_u64(1);
        for _ in 0..100 {
            let (wa, wb) = (Warp::random(&mut a), Warp::random(&mut b));
            assert_eq!(wa, wb);
            let out = wa.apply(&digit());
            assert!(
                out.iter()
                    .all(|v| v.is_finite() && (-1e-5..=1.0 + 1e-5).contains(v))
            );
        }
    }

    #[test]
    fn the_declared_architecture_parses() {
        let spec = NetworkSpec::parse(SPEC).expect("SPEC parses");
        assert_eq!(spec.input, Shape::new(1, INPUT, INPUT));
    }

    /// The committed weights decode into [`SPEC`] and score ≥ 98.0 % on the held-out digits,
    /// so a bad weights file cannot land.
    #[test]
    fn the_committed_weights_reach_98_percent_on_held_out_digits() {
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
            correct >= 980,
            "held-out accuracy {correct}/{total} is below 98.0 %"
        );
    }
}
