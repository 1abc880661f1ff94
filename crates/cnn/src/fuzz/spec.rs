//! Fuzz target: the spec parser and the layer table.

use rand::Rng;
use rand_pcg::Pcg32;

use super::*;

/// Valid specs of every layer kind, from the presets and the lecture.
fn valid_specs() -> Vec<String> {
    vec![
        NetworkSpec::convnetjs_mnist().to_string(),
        presets::LENET5.into(),
        presets::LENET5_MNIST.into(),
        presets::ALEXNET.into(),
        presets::ALEXNET_224.into(),
        "input 6x6x1; conv 3x3x2 stride 1 pad 1 dilation 2 leaky_relu 0.1; avgpool 2; flatten; \
         dropout 0.25; dense 4 sigmoid; softplus; dense 3 softmax"
            .into(),
        "INPUT 8×8×3\nconv 3*3*4 pad 1 tanh\nmaxpool 2 stride 1\nfc 2 softmax".into(),
    ]
}

const SPEC_WORDS: [&str; 26] = [
    "input",
    "conv",
    "convolution",
    "pool",
    "maxpool",
    "avgpool",
    "dense",
    "fc",
    "dropout",
    "flatten",
    "relu",
    "sigmoid",
    "tanh",
    "softplus",
    "leaky_relu",
    "leakyrelu",
    "softmax",
    "stride",
    "pad",
    "padding",
    "dilation",
    "x",
    "×",
    "İ",
    "ẞ",
    ";",
];

/// A spec of well-formed layers with random (often extreme) numbers, usually ending in a
/// classifier, so that most cases get past the words to shape inference.
fn structured_spec(r: &mut Pcg32) -> String {
    let n = |r: &mut Pcg32| match r.random_range(0..6) {
        0 => edge_number(r).to_string(),
        _ => r.random_range(1..8u32).to_string(),
    };
    let activation = |r: &mut Pcg32| {
        [
            "",
            " relu",
            " tanh",
            " sigmoid",
            " softplus",
            " leaky_relu 0.1",
            " leaky_relu NaN",
        ][r.random_range(0..7)]
    };
    let mut layers = vec![format!("input {}x{}x{}", n(r), n(r), n(r))];
    for _ in 0..r.random_range(0..6) {
        let layer = match r.random_range(0..7) {
            0 | 1 => format!(
                "conv {}x{}x{} stride {} pad {} dilation {}{}",
                n(r),
                n(r),
                n(r),
                n(r),
                n(r),
                n(r),
                activation(r)
            ),
            2 => format!("pool {} stride {} pad {}", n(r), n(r), n(r)),
            3 => format!("avgpool {}", n(r)),
            4 => format!("dense {}{}", n(r), activation(r)),
            5 => ["flatten", "relu", "dropout 0.5", "dropout 1", "dropout NaN"]
                [r.random_range(0..5)]
            .to_string(),
            _ => format!("dropout {}", number_word(r)),
        };
        layers.push(layer);
    }
    if r.random_bool(0.8) {
        layers.push(format!("dense {} softmax", n(r)));
    }
    layers.join("; ")
}

/// A spec-like text: a grammar's words, dims and numbers in a random order, or a mutated
/// valid spec, or random bytes read as text.
pub(super) fn spec_text(r: &mut Pcg32) -> String {
    match r.random_range(0..10) {
        0..=3 => {
            let specs = valid_specs();
            let mut bytes = specs[r.random_range(0..specs.len())].clone().into_bytes();
            mutate(r, &mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        }
        4..=6 => structured_spec(r),
        7..=8 => {
            let mut text = format!(
                "input {}x{}x{}",
                number_word(r),
                number_word(r),
                number_word(r)
            );
            for _ in 0..r.random_range(0..8) {
                text.push_str(["; ", "\n", " ; "][r.random_range(0..3)]);
                for _ in 0..r.random_range(1..6) {
                    match r.random_range(0..4) {
                        0 => text.push_str(&number_word(r)),
                        1 => text.push_str(&format!(
                            "{}x{}x{}",
                            number_word(r),
                            number_word(r),
                            number_word(r)
                        )),
                        _ => text.push_str(SPEC_WORDS[r.random_range(0..SPEC_WORDS.len())]),
                    }
                    text.push(' ');
                }
            }
            text
        }
        _ => String::from_utf8_lossy(&random_bytes(r, 256)).into_owned(),
    }
}

/// A spec parses back from its own text, its table and formulas never panic, and a small one
/// builds and runs forward to probabilities.
pub(super) fn spec_case(seed: u64) {
    let mut r = rng(seed);
    let text = spec_text(&mut r);
    check_spec_text(&text);
}

/// The invariants of one spec text (public so that a failing case can be replayed by text).
pub fn check_spec_text(text: &str) {
    match LayerTable::parse(text) {
        Err(e) => check_message(&e),
        Ok(table) => {
            let totals = table.totals();
            assert!(totals.params >= totals.conv_params.max(totals.dense_params));
            let _ = (totals.dense_params_percent(), totals.conv_macs_percent());
            for row in &table.rows {
                for lang in Lang::ALL {
                    let _ = row.explanation(lang);
                    if let Some(cost) = row.cost() {
                        let _ = (cost.params_formula(lang), cost.macs_formula(lang));
                        let _ = cost.activation_bytes();
                    }
                }
            }
        }
    }
    let spec = match NetworkSpec::parse(text) {
        Ok(spec) => spec,
        Err(e) => return check_message(&e),
    };
    let written = spec.to_string();
    let back = NetworkSpec::parse(&written)
        .unwrap_or_else(|e| panic!("{written:?} (from {text:?}) does not parse back: {e}"));
    assert_eq!(back, spec, "{text:?} → {written:?}");
    let summary = spec.summary().expect("a parsed spec fits");
    let activations: usize = summary.iter().map(|row| row.output.len()).sum();
    let params = spec.num_params().expect("a parsed spec fits");
    // Building and running is checked on networks small enough to do it thousands of times.
    if params <= 20_000 && activations <= 20_000 {
        let mut network = Network::new(&spec, 1).expect("a small spec builds");
        let input = Tensor::zeros(spec.input).expect("the input shape is valid");
        let p = network.predict(&input);
        assert!(p.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3, "{p:?}");
    }
}
