//! Specs larger than the Training section trains: AlexNet's overlapping pooling and its
//! 227×227×3 input are inferred layer by layer, while building and MNIST training refuse them
//! with their own messages.

use cnn::mnist::{FitError, check_fit};
use cnn::network::{LayerSpec, MAX_NETWORK_PARAMS, SpecErrorKind};
use cnn::{Lang, Localized, Network, NetworkSpec, Shape};

/// AlexNet without the paper's two-GPU grouping (issue 14's preset).
const ALEXNET: &str = "input 227x227x3; conv 11x11x96 stride 4 relu; pool 3 stride 2; \
                       conv 5x5x256 pad 2 relu; pool 3 stride 2; conv 3x3x384 pad 1 relu; \
                       conv 3x3x384 pad 1 relu; conv 3x3x256 pad 1 relu; pool 3 stride 2; \
                       dense 4096 relu; dense 4096 relu; dense 1000 softmax";

#[test]
fn overlapping_pool_3_stride_2_takes_55_to_27() {
    let spec = NetworkSpec::parse("input 55x55x96; pool 3 stride 2; dense 10 softmax").unwrap();
    assert_eq!(spec.layers[0], LayerSpec::max_pool_strided(3, 2));
    assert_eq!(
        spec.layers[0],
        LayerSpec::MaxPool {
            size: 3,
            stride: 2,
            padding: 0
        }
    );
    assert_eq!(
        spec.to_string(),
        "input 55x55x96; pool 3 stride 2; dense 10 softmax"
    );
    let rows = spec.summary().unwrap();
    assert_eq!(rows[1].output, Shape::new(96, 27, 27));
    let g = rows[1].geometry.as_ref().unwrap();
    // ⌊(55 − 3) / 2⌋ + 1 = 27: windows 0–2, 2–4, …, 52–54 overlap by one row.
    assert_eq!(g.height.formula(), "(55 + 2·0 − 3) / 2 + 1 = 27");
    assert_eq!(g.height.remainder, 0);
    // The old syntax still means stride = window.
    let plain = NetworkSpec::parse("input 55x55x96; pool 3; dense 10 softmax").unwrap();
    assert_eq!(plain.layers[0], LayerSpec::max_pool(3));
    assert_eq!(plain.summary().unwrap()[1].output, Shape::new(96, 18, 18));
    // `pool 2 stride 2` is `pool 2`, and is written back as such.
    let same = NetworkSpec::parse("input 4x4x1; avgpool 2 stride 2; dense 2 softmax").unwrap();
    assert_eq!(same.to_string(), "input 4x4x1; avgpool 2; dense 2 softmax");
}

#[test]
fn alexnet_227x227x3_is_inferred_layer_by_layer() {
    let spec = NetworkSpec::parse(ALEXNET).unwrap();
    let rows = spec.summary().unwrap();
    let outputs: Vec<String> = rows.iter().map(|r| r.output.to_string()).collect();
    assert_eq!(
        outputs,
        [
            "227×227×3",
            "55×55×96",
            "27×27×96",
            "27×27×256",
            "13×13×256",
            "13×13×384",
            "13×13×384",
            "13×13×256",
            "6×6×256",
            "1×1×4096",
            "1×1×4096",
            "1×1×1000"
        ]
    );
    assert_eq!(
        rows[1].geometry.as_ref().unwrap().height.formula(),
        "(227 + 2·0 − 11) / 4 + 1 = 55"
    );
    let params: Vec<usize> = rows.iter().map(|r| r.params).collect();
    // conv1 96·(3·11·11 + 1), conv2 256·(96·5·5 + 1), conv3 384·(256·3·3 + 1),
    // conv4 384·(384·9 + 1), conv5 256·(384·9 + 1), fc6 4096·(6·6·256 + 1), fc7 4096·4097,
    // fc8 1000·4097.
    assert_eq!(
        params,
        [
            0, 34_944, 0, 614_656, 0, 885_120, 1_327_488, 884_992, 0, 37_752_832, 16_781_312,
            4_097_000
        ]
    );
    assert_eq!(spec.num_params().unwrap(), 62_378_344);
}

#[test]
fn alexnet_is_not_built_and_not_trained_on_mnist() {
    let spec = NetworkSpec::parse(ALEXNET).unwrap();
    let e = Network::new(&spec, 1).unwrap_err();
    assert_eq!(
        e.kind,
        SpecErrorKind::TooLargeToBuild {
            params: 62_378_344,
            max: MAX_NETWORK_PARAMS
        }
    );
    assert_eq!(
        e.to_string(),
        "the network has 62378344 parameters: its table can be computed, but only networks of \
         at most 16777216 parameters can be trained here"
    );
    assert!(
        e.message(Lang::Ru)
            .starts_with("в сети 62378344 параметров")
    );
    assert_eq!(spec.buildable_params(), Err(e));

    let fit = check_fit(spec.input, spec.classes()).unwrap_err();
    assert_eq!(
        fit,
        FitError::Input {
            shape: Shape::new(3, 227, 227)
        }
    );
    assert_eq!(
        fit.message(Lang::En),
        "The input 227×227×3 does not fit MNIST: it must be a square N×N×1 with N ≤ 28 \
         (the digits are 28×28; the network sees an N×N crop)."
    );
    assert_eq!(
        fit.message(Lang::Ru),
        "Вход сети 227×227×3 не подходит для MNIST: нужен квадрат N×N×1 с N ≤ 28 \
         (цифры 28×28, сеть видит их вырезку N×N)."
    );
    // An MNIST-sized input with a thousand classes: the classifier is refused.
    let classes = check_fit(Shape::new(1, 28, 28), Some(1000)).unwrap_err();
    assert!(classes.message(Lang::En).contains("dense 10 softmax"));
    assert!(classes.message(Lang::Ru).contains("десять классов"));
    assert_eq!(check_fit(Shape::new(1, 24, 24), Some(10)), Ok(()));
}

#[test]
fn a_spec_the_training_section_trains_is_still_built() {
    let spec = NetworkSpec::convnetjs_mnist();
    assert_eq!(spec.buildable_params(), Ok(5994));
    assert_eq!(check_fit(spec.input, spec.classes()), Ok(()));
    // Over the build limit but within the table's: a wide dense layer on a 28×28 digit.
    let wide = NetworkSpec::parse("input 28x28x1; dense 30000 relu; dense 10 softmax").unwrap();
    assert_eq!(wide.num_params().unwrap(), 30_000 * 785 + 10 * 30_001);
    assert!(matches!(
        Network::new(&wide, 1).unwrap_err().kind,
        SpecErrorKind::TooLargeToBuild { .. }
    ));
}
