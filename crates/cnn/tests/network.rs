//! Network spec: text form, shape inference, errors; building, initialisation, views.

use cnn::network::{LayerSpec, MAX_PARAMS};
use cnn::{Activation, Batch, Lang, Localized, Mode, Network, NetworkSpec, Shape};

const CONVNETJS: &str = "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; conv 5x5x16 pad 2 relu; pool 3; dense 10 softmax";

#[test]
fn convnetjs_network_has_5994_parameters() {
    let spec = NetworkSpec::convnetjs_mnist();
    assert_eq!(spec.to_string(), CONVNETJS);
    assert_eq!(NetworkSpec::parse(CONVNETJS).unwrap(), spec);
    let rows = spec.summary().unwrap();
    let params: Vec<usize> = rows.iter().map(|r| r.params).collect();
    // conv1 8·(5·5·1 + 1) = 208; conv2 16·(5·5·8 + 1) = 3,216; dense 10·(4·4·16 + 1) = 2,570.
    assert_eq!(params, vec![0, 208, 0, 3216, 0, 2570]);
    assert_eq!(spec.num_params().unwrap(), 5994);
    let outputs: Vec<String> = rows.iter().map(|r| r.output.to_string()).collect();
    assert_eq!(
        outputs,
        [
            "24×24×1",
            "24×24×8",
            "12×12×8",
            "12×12×16",
            "4×4×16",
            "1×1×10"
        ]
    );
    let g = rows[1].geometry.as_ref().unwrap();
    assert_eq!(g.height.formula(), "(24 − 5 + 2·2) / 1 + 1 = 24");
    let g = rows[4].geometry.as_ref().unwrap();
    assert_eq!(g.width.formula(), "⌊(12 − 3 + 2·0) / 3⌋ + 1 = 4");
    assert_eq!(rows[2].description, "pool 2");
    let net = Network::new(&spec, 1).unwrap();
    assert_eq!(net.num_params(), 5994);
    assert_eq!(
        net.param_tensors().iter().map(|t| t.len()).sum::<usize>(),
        5994
    );
}

#[test]
fn text_form_round_trips_every_option() {
    let text = "input 28x20x3; conv 3x5x6 stride 2 pad 1 dilation 2 tanh; avgpool 2; conv 3x3x4 leaky_relu 0.1; \
                pool 3 stride 2 pad 1; dropout 0.5; flatten; dense 32 relu; sigmoid; dense 10 softmax";
    let spec = NetworkSpec::parse(text).unwrap();
    assert_eq!(spec.to_string(), text.replace("                ", ""));
    assert_eq!(
        spec.layers[0],
        LayerSpec::Conv {
            kernel_height: 3,
            kernel_width: 5,
            filters: 6,
            stride: 2,
            padding: 1,
            dilation: 2,
            activation: Some(Activation::Tanh)
        }
    );
    assert_eq!(spec.layers[4], LayerSpec::Dropout { rate: 0.5 });
    assert_eq!(NetworkSpec::parse(&spec.to_string()).unwrap(), spec);
    // Case, × and extra spaces are accepted.
    let loose =
        NetworkSpec::parse("INPUT 24×24×1 ;  Conv 5x5x8 Pad 2 ReLU ; pool 2;dense 10 softmax")
            .unwrap();
    assert_eq!(
        loose.to_string(),
        "input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax"
    );
    // serde round trip.
    let json = serde_json::to_string(&spec).unwrap();
    assert_eq!(serde_json::from_str::<NetworkSpec>(&json).unwrap(), spec);
}

fn error(text: &str) -> (String, String) {
    let e = NetworkSpec::parse(text).unwrap_err();
    (e.to_string(), e.message(Lang::Ru))
}

#[test]
fn errors_name_the_layer_and_the_numbers() {
    let (en, ru) = error("input 8x8x1; conv 3x3x4 relu; pool 3; pool 3; dense 10 softmax");
    assert_eq!(en, "layer 3 (pool 3): window 3 is larger than the input 2");
    assert_eq!(ru, "слой 3 (pool 3): окно 3 больше входа 2");

    let (en, _) = error("input 24x24x1; convv 5x5x8; dense 10 softmax");
    assert!(
        en.starts_with("layer 1 (convv 5x5x8): unknown layer type \"convv\""),
        "{en}"
    );

    let (en, ru) = error("input 24x24x1; conv 5x5x8 pad 2 relu; pool 2");
    assert_eq!(
        en,
        "the network must end with a classifier \"dense N softmax\", but the last layer is \"pool 2\""
    );
    assert!(ru.contains("dense N softmax"));

    let (en, _) = error("input 6x6x1; conv 5x5x2 dilation 2; dense 2 softmax");
    assert_eq!(
        en,
        "layer 1 (conv 5x5x2 dilation 2): height: kernel 5 (dilated to 9) is larger than the padded input 6 (6 + 2·0)"
    );

    let (en, _) = error("input 24x24x1; conv 5x5x8 pad two; dense 10 softmax");
    assert_eq!(
        en,
        "layer 1 (conv 5x5x8 pad two): padding: \"two\" is not a number"
    );

    let (en, _) = error("conv 5x5x8; dense 10 softmax");
    assert!(
        en.starts_with("input (conv 5x5x8): the network must start with its input"),
        "{en}"
    );

    let (en, _) = error("input 24x24x1; dense 10 softmax; dense 10 softmax");
    assert_eq!(
        en,
        "layer 1 (dense 10 softmax): only the last layer can have softmax"
    );

    let (en, _) = error("input 24x24x1; dropout 1.5; dense 10 softmax");
    assert_eq!(
        en,
        "layer 1 (dropout 1.5): dropout rate 1.5 must be in [0, 1)"
    );

    let (en, _) = error("");
    assert!(en.starts_with("the network description is empty"));
}

#[test]
fn absurd_sizes_are_refused_before_allocating() {
    let (en, _) = error("input 24x24x1; conv 5x5x100000; dense 10 softmax");
    assert_eq!(
        en,
        "layer 1 (conv 5x5x100000): number of filters 100000 is too large (at most 4096)"
    );
    let (en, _) = error("input 4096x4096x4096; dense 10 softmax");
    assert!(
        en.starts_with("input (input 4096x4096x4096): layer output size"),
        "{en}"
    );
    let (en, _) = error("input 1000x1000x1; dense 60000 softmax");
    assert!(
        en.contains(&format!("is too many (at most {MAX_PARAMS})")),
        "{en}"
    );
    let (en, _) = error("input 24x24x1; conv 5x5x8 stride 99999; dense 10 softmax");
    assert!(en.contains("stride 99999 is too large"), "{en}");
}

#[test]
fn same_seed_same_weights_and_he_initialisation() {
    let spec = NetworkSpec::convnetjs_mnist();
    let a = Network::new(&spec, 42).unwrap();
    let b = Network::new(&spec, 42).unwrap();
    let c = Network::new(&spec, 43).unwrap();
    assert_eq!(a.param_tensors(), b.param_tensors());
    assert_ne!(a.param_tensors(), c.param_tensors());
    // conv2 (followed by ReLU): He, σ = √(2/fan_in) = √(2/200) = 0.1; 3,200 samples → ±5%.
    let w = a.param_tensors()[2];
    let std = (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt();
    assert!((std - 0.1).abs() < 0.005, "σ = {std}");
    // dense before softmax: Xavier, σ = √(2/(256 + 10)) = 0.0867.
    let w = a.param_tensors()[4];
    let std = (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt();
    assert!((std - 0.0867).abs() < 0.005, "σ = {std}");
    assert!(
        a.param_tensors()[1].iter().all(|&b| b == 0.0),
        "biases start at 0"
    );
}

#[test]
fn views_of_layers_and_filters() {
    let spec = NetworkSpec::convnetjs_mnist();
    let mut net = Network::new(&spec, 1).unwrap();
    let x = Batch::new(
        spec.input,
        2,
        (0..1152).map(|i| (i % 7) as f32 / 7.0).collect(),
    )
    .unwrap();
    let p = net.forward(&x, Mode::Eval).clone();
    assert_eq!(p.item_shape(), Shape::new(10, 1, 1));
    for item in 0..2 {
        assert!((p.item(item).iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }
    let views = net.layer_outputs();
    let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "input",
            "conv 5×5×8",
            "relu",
            "pool 2×2",
            "conv 5×5×16",
            "relu",
            "pool 3×3",
            "dense 10",
            "softmax"
        ]
    );
    assert_eq!(views[0].data, x.item(0));
    assert_eq!(views[1].shape, Shape::new(8, 24, 24));
    assert_eq!(views[8].data, p.item(0));
    let filters = net.conv_filters();
    assert_eq!(filters.len(), 2);
    assert_eq!(
        (
            filters[1].out_channels,
            filters[1].in_channels,
            filters[1].kernel_height
        ),
        (16, 8, 5)
    );
    assert_eq!(filters[1].kernel(15, 7).len(), 25);
    assert_eq!(filters[0].kernel(0, 0), &net.param_tensors()[0][..25]);
    // Clone is independent (used for rollback).
    let mut copy = net.clone();
    copy.for_each_param(|_, p| p.values.fill(0.0));
    assert_ne!(copy.param_tensors(), net.param_tensors());
}

/// Found by `cnn::fuzz`: `leaky_relu NaN` was read as a slope of NaN (every output NaN), and the
/// spec did not equal itself read back from its text.
#[test]
fn a_leaky_relu_slope_must_be_finite() {
    for slope in ["NaN", "inf", "-inf"] {
        let text = format!("input 2x2x1; dense 3 leaky_relu {slope}; dense 2 softmax");
        let err = NetworkSpec::parse(&text).unwrap_err();
        assert!(err.to_string().contains(&slope.to_lowercase()), "{err}");
    }
    let ok = NetworkSpec::parse("input 2x2x1; dense 3 leaky_relu -0.5; dense 2 softmax").unwrap();
    assert_eq!(NetworkSpec::parse(&ok.to_string()).unwrap(), ok);
}
