//! The layer tables of the lecture's architectures, row by row. The expected numbers are the
//! module's formulas worked by hand (K·(C·F·F + 1), Ho·Wo·K·C·F·F, N·(M + 1), N·M); the totals are
//! the ones the lecture and the papers quote (LeNet-5 61,706 with a full C3; AlexNet 62,378,344).

use cnn::layer_table::{LayerTable, RowStatus, group_digits};
use cnn::presets::{ALEXNET, ALEXNET_224, LENET5, LENET5_MNIST};
use cnn::{Lang, NetworkSpec};

/// (output H×W×C, params, multiply-adds) of every row, the input first.
fn rows(table: &LayerTable) -> Vec<(String, u64, u64)> {
    table
        .rows
        .iter()
        .map(|r| {
            let c = r.cost().unwrap_or_else(|| panic!("row {} fits", r.index));
            (
                format!(
                    "{}x{}x{}",
                    c.output.height, c.output.width, c.output.channels
                ),
                c.params,
                c.macs,
            )
        })
        .collect()
}

fn row(out: &str, params: u64, macs: u64) -> (String, u64, u64) {
    (out.to_string(), params, macs)
}

#[test]
fn lenet5_row_by_row() {
    let table = LayerTable::parse(LENET5).unwrap();
    assert_eq!(
        rows(&table),
        vec![
            row("32x32x1", 0, 0),
            row("28x28x6", 6 * (25 + 1), 28 * 28 * 6 * 25),
            row("14x14x6", 0, 0),
            row("10x10x16", 16 * (6 * 25 + 1), 10 * 10 * 16 * 150),
            row("5x5x16", 0, 0),
            row("1x1x120", 120 * (16 * 25 + 1), 120 * 400),
            row("1x1x84", 84 * 121, 84 * 120),
            row("1x1x10", 10 * 85, 10 * 84),
        ]
    );
    let t = table.totals();
    assert!(t.complete);
    assert_eq!((t.params, t.macs), (61_706, 416_520));
    let c1 = table.rows[1].cost().unwrap();
    assert_eq!(c1.params_formula(Lang::En).unwrap(), "6·(1·5·5 + 1) = 156");
    assert_eq!(
        c1.macs_formula(Lang::En).unwrap(),
        "28·28·6·(1·5·5) = 117,600"
    );
    assert_eq!(
        c1.geometry.as_ref().unwrap().height.formula(),
        "(32 − 5 + 2·0) / 1 + 1 = 28"
    );
    let f6 = table.rows[6].cost().unwrap();
    assert_eq!(
        f6.params_formula(Lang::Ru).unwrap(),
        "84·(120 + 1) = 10\u{202f}164"
    );
    // Training's spec language reads the same text, and its summary agrees.
    assert_eq!(
        NetworkSpec::parse(LENET5).unwrap().num_params().unwrap(),
        61_706
    );
}

#[test]
fn lenet5_for_mnist_has_the_same_shapes_from_28_with_padding() {
    let table = LayerTable::parse(LENET5_MNIST).unwrap();
    let shapes: Vec<String> = rows(&table).into_iter().map(|r| r.0).collect();
    assert_eq!(
        shapes,
        [
            "28x28x1", "28x28x6", "14x14x6", "10x10x16", "5x5x16", "1x1x120", "1x1x84", "1x1x10"
        ]
    );
    assert_eq!(table.totals().params, 61_706);
    assert_eq!(
        table.rows[1]
            .cost()
            .unwrap()
            .geometry
            .as_ref()
            .unwrap()
            .width
            .formula(),
        "(28 − 5 + 2·2) / 1 + 1 = 28"
    );
}

#[test]
fn alexnet_row_by_row() {
    let table = LayerTable::parse(ALEXNET).unwrap();
    assert_eq!(
        rows(&table),
        vec![
            row("227x227x3", 0, 0),
            row("55x55x96", 96 * (3 * 121 + 1), 55 * 55 * 96 * 363),
            row("27x27x96", 0, 0),
            row("27x27x256", 256 * (96 * 25 + 1), 27 * 27 * 256 * 2400),
            row("13x13x256", 0, 0),
            row("13x13x384", 384 * (256 * 9 + 1), 13 * 13 * 384 * 2304),
            row("13x13x384", 384 * (384 * 9 + 1), 13 * 13 * 384 * 3456),
            row("13x13x256", 256 * (384 * 9 + 1), 13 * 13 * 256 * 3456),
            row("6x6x256", 0, 0),
            row("1x1x4096", 4096 * (9216 + 1), 4096 * 9216),
            row("1x1x4096", 0, 0),
            row("1x1x4096", 4096 * 4097, 4096 * 4096),
            row("1x1x4096", 0, 0),
            row("1x1x1000", 1000 * 4097, 1000 * 4096),
        ]
    );
    let t = table.totals();
    assert!(t.complete);
    assert_eq!((t.params, t.macs), (62_378_344, 1_135_256_096));
    assert_eq!(group_digits(t.params, Lang::En), "62,378,344");
    // The lecture's point: the dense layers hold the parameters, the conv layers do the work.
    assert_eq!(t.dense_params, 58_631_144);
    assert_eq!(t.conv_macs, 1_076_634_144);
    assert!((t.dense_params_percent() - 93.99).abs() < 0.01);
    assert!((t.conv_macs_percent() - 94.84).abs() < 0.01);
    let conv1 = table.rows[1].cost().unwrap();
    assert_eq!(
        conv1.geometry.as_ref().unwrap().height.formula(),
        "⌊(227 − 11 + 2·0) / 4⌋ + 1 = 55"
    );
    assert_eq!(conv1.activations(), 290_400);
    assert_eq!(conv1.activation_bytes(), 1_161_600);
    let pool1 = table.rows[2].cost().unwrap();
    assert_eq!(
        pool1.geometry.as_ref().unwrap().height.formula(),
        "⌊(55 − 3 + 2·0) / 2⌋ + 1 = 27"
    );
    // A network is not built with this many parameters; the table is computed all the same.
    assert!(
        NetworkSpec::parse(ALEXNET)
            .unwrap()
            .buildable_params()
            .is_err()
    );
}

#[test]
fn alexnet_at_224_leaves_a_remainder() {
    let table = LayerTable::parse(ALEXNET_224).unwrap();
    let g = table.rows[1].cost().unwrap().geometry.clone().unwrap();
    // (224 − 11)/4 = 53.25: floored to 53, remainder 1, and the last row (224) is never read.
    assert_eq!(
        (g.height.span, g.height.remainder, g.height.output),
        (213, 1, 54)
    );
    assert_eq!(g.height.formula(), "⌊(224 − 11 + 2·0) / 4⌋ + 1 = 54");
    assert_eq!(g.height.uncovered, vec![223]);
    assert_eq!(g.width.uncovered, vec![223]);
    assert_eq!(rows(&table)[1].0, "54x54x96");
}

#[test]
fn a_layer_that_does_not_fit_explains_itself_and_the_rest_wait() {
    let table =
        LayerTable::parse("input 7x7x1; conv 3x3x4 relu; conv 11x11x8; pool 2; dense 10 softmax")
            .unwrap();
    assert!(table.rows[1].cost().is_some());
    assert!(matches!(table.rows[2].status, RowStatus::Refused(_)));
    assert_eq!(
        table.rows[2].explanation(Lang::En).unwrap(),
        "height: kernel 11 is larger than the padded input 5 (5 + 2·0)"
    );
    assert_eq!(
        table.rows[2].explanation(Lang::Ru).unwrap(),
        "по высоте: ядро 11 больше входа с дополнением 5 (5 + 2·0)"
    );
    for r in &table.rows[3..] {
        assert_eq!(r.status, RowStatus::Waits { on: 2 });
        assert_eq!(
            r.explanation(Lang::En).unwrap(),
            "waits for layer 2: its output is unknown"
        );
        assert_eq!(
            r.explanation(Lang::Ru).unwrap(),
            "ждёт слой 2: его выход неизвестен"
        );
    }
    let t = table.totals();
    assert!(!t.complete);
    assert_eq!(t.params, 4 * 10);
    assert_eq!(table.output(), None);

    // A pool window larger than its input, and a softmax in the middle.
    let table = LayerTable::parse("input 4x4x1; pool 5; dense 10 softmax").unwrap();
    assert_eq!(
        table.rows[1].explanation(Lang::En).unwrap(),
        "window 5 is larger than the input 4"
    );
    let table = LayerTable::parse("input 4x4x1; dense 10 softmax; dense 10").unwrap();
    assert_eq!(
        table.rows[1].explanation(Lang::En).unwrap(),
        "only the last layer can have softmax"
    );
    // No softmax at the end is fine for a table (it is not being trained).
    assert!(
        LayerTable::parse("input 8x8x3; conv 3x3x2")
            .unwrap()
            .totals()
            .complete
    );
    // Words that cannot be read are the parser's errors.
    assert!(LayerTable::parse("input 8x8x3; conv banana").is_err());
    assert!(LayerTable::parse("").is_err());
}

#[test]
fn any_numbers_give_a_table_without_panicking() {
    for text in [
        "input 4096x4096x4096; conv 4096x4096x4096 dilation 4096; dense 65536",
        "input 1x1x1; conv 1x1x1 stride 4096 pad 4096",
        "input 1x1x1; pool 1 stride 1 pad 0; dense 1",
        "input 0x5x1; conv 3x3x1",
        "input 5x5x1; conv 3x3x0",
        "input 5x5x1; conv 3x3x1 stride 0",
        "input 5x5x1; dropout 1.5",
    ] {
        if let Ok(table) = LayerTable::parse(text) {
            let _ = table.totals();
            for r in &table.rows {
                let _ = r.explanation(Lang::Ru);
            }
        }
    }
    // A spec built in code is checked too: an empty input is explained, the rest waits.
    let mut spec = NetworkSpec::parse_layers("input 5x5x1; conv 3x3x1").unwrap();
    spec.input.height = 0;
    let table = LayerTable::new(&spec);
    assert_eq!(
        table.rows[0].explanation(Lang::En).unwrap(),
        "input size must be at least 1"
    );
    assert_eq!(table.rows[1].status, RowStatus::Waits { on: 0 });
}

/// Found by `cnn::fuzz`: two conv layers whose multiply-adds saturate at u64::MAX overflowed
/// the conv subtotal (a panic in debug builds, a wrong total in release).
#[test]
fn saturated_layers_saturate_the_totals() {
    let table = LayerTable::parse(
        "input 4096x4096x4096; conv 4096x4096x4096 pad 2047; conv 4096x4096x4096 pad 2048; \
         dense 2 softmax",
    )
    .unwrap();
    let totals = table.totals();
    assert_eq!((totals.macs, totals.conv_macs), (u64::MAX, u64::MAX));
    assert!(totals.complete);
}
