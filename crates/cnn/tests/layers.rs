//! Layers: literal examples, finite-difference gradient checks for every layer and a whole
//! network, and property tests against core-a's nested-loop references.
//!
//! Gradient checks use the central difference (f(x + h) − f(x − h)) / 2h of a scalar loss
//! L = Σ rᵢ·yᵢ (fixed random r, so ∂L/∂y = r), with L summed in f64 from the layer's f32
//! outputs. Tolerance, argued: the layers are linear in their inputs and parameters (conv,
//! dense, pooling away from ties, ReLU away from 0), so the central difference has no
//! truncation error and only f32 rounding of y counts: each output is a sum of at most ~50
//! products of magnitude ≤ 1, rounded with relative error ≤ 50·2⁻²⁴ ≈ 3e-6, so L carries an
//! error ≲ 1e-5 for our ≤ 200 outputs, and the difference quotient ≲ 1e-5 / (2·1e-2) = 5e-4.
//! For the smooth activations the truncation error is h²/6·|f‴| ≤ 2e-5. Hence
//! |analytic − numeric| ≤ 2e-3 + 1e-2·|numeric| with h = 1e-2 is tight enough to catch a
//! wrong index or a missing term (those are O(1) errors) yet never flakes.

// Index loops read better in finite-difference probes (perturb x[i], compare with dx[i]).
#![allow(clippy::needless_range_loop, clippy::too_many_arguments)]

use cnn::layers::{
    ActivationLayer, AvgPool2d, Conv2d, Dense, Dropout, Flatten, MaxPool2d, Mode,
    SoftmaxCrossEntropy, softmax,
};
use cnn::network::Layer;
use cnn::{
    Activation, Batch, ConvConfig, ConvMode, Network, NetworkSpec, PoolConfig, PoolKind, Shape,
    Tensor, Window, conv2d_reference, pool2d_reference,
};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

const H: f32 = 1e-2;

fn random_vec(rng: &mut Pcg32, n: usize) -> Vec<f32> {
    (0..n).map(|_| rng.random_range(-1.0f32..1.0)).collect()
}

/// Values in ±[0.1, 1]: at least 0.1 from ReLU's kink at 0, far more than h.
fn away_from_zero(rng: &mut Pcg32, n: usize) -> Vec<f32> {
    (0..n)
        .map(|_| {
            let v = rng.random_range(0.1f32..1.0);
            if rng.random::<bool>() { v } else { -v }
        })
        .collect()
}

/// Distinct values spaced ≥ 0.05 apart (a shuffled ramp): no max-pool tie can flip under ±h.
fn distinct(rng: &mut Pcg32, n: usize) -> Vec<f32> {
    let mut v: Vec<f32> = (0..n).map(|i| i as f32 * 0.05 - 1.0).collect();
    for i in (1..n).rev() {
        v.swap(i, rng.random_range(0..=i));
    }
    v
}

fn weighted_sum(y: &[f32], r: &[f32]) -> f64 {
    y.iter()
        .zip(r)
        .map(|(&a, &b)| f64::from(a) * f64::from(b))
        .sum()
}

fn assert_grad(what: &str, analytic: f32, numeric: f64) {
    let diff = (f64::from(analytic) - numeric).abs();
    assert!(
        diff <= 2e-3 + 1e-2 * numeric.abs(),
        "{what}: analytic {analytic} vs numeric {numeric}"
    );
}

/// Checks ∂L/∂input and ∂L/∂(weights, bias) of `layer` at `input` by central differences.
fn check_layer(name: &str, mut layer: Layer, input: Batch, seed: u64) {
    let mut rng = Pcg32::seed_from_u64(seed);
    let out_len = layer.forward(&input, Mode::Train).data().len();
    let out_shape = layer.output_shape();
    let r = random_vec(&mut rng, out_len);
    let r_batch = Batch::new(out_shape, input.len(), r.clone()).unwrap();
    let dx = layer.backward(&r_batch).data().to_vec();
    let grads = layer.grads().map(|(w, b)| (w.to_vec(), b.to_vec()));

    let mut x = input.clone();
    for i in 0..x.data().len() {
        let orig = x.data()[i];
        x.data_mut()[i] = orig + H;
        let plus = weighted_sum(layer.forward(&x, Mode::Train).data(), &r);
        x.data_mut()[i] = orig - H;
        let minus = weighted_sum(layer.forward(&x, Mode::Train).data(), &r);
        x.data_mut()[i] = orig;
        assert_grad(
            &format!("{name}: ∂L/∂input[{i}]"),
            dx[i],
            (plus - minus) / (2.0 * f64::from(H)),
        );
    }
    let Some((gw, gb)) = grads else { return };
    for (which, grads) in [("weight", gw), ("bias", gb)] {
        for (i, &g) in grads.iter().enumerate() {
            let probe = |delta: f32, layer: &mut Layer| {
                let (w, b) = layer.params_mut().unwrap();
                let p = if which == "weight" { w } else { b };
                p[i] += delta;
            };
            probe(H, &mut layer);
            let plus = weighted_sum(layer.forward(&input, Mode::Train).data(), &r);
            probe(-2.0 * H, &mut layer);
            let minus = weighted_sum(layer.forward(&input, Mode::Train).data(), &r);
            probe(H, &mut layer);
            assert_grad(
                &format!("{name}: ∂L/∂{which}[{i}]"),
                g,
                (plus - minus) / (2.0 * f64::from(H)),
            );
        }
    }
}

fn conv_layer(
    input: Shape,
    out: usize,
    kh: usize,
    kw: usize,
    stride: usize,
    pad: usize,
    dil: usize,
    seed: u64,
) -> Conv2d {
    let h = Window::new(kh, stride).with_padding(pad).with_dilation(dil);
    let w = Window::new(kw, stride).with_padding(pad).with_dilation(dil);
    let mut conv = Conv2d::new(input, out, h, w).unwrap();
    let mut rng = Pcg32::seed_from_u64(seed);
    conv.weights = random_vec(&mut rng, conv.weights.len());
    conv.bias = random_vec(&mut rng, conv.bias.len());
    conv
}

fn batch(rng: &mut Pcg32, shape: Shape, n: usize) -> Batch {
    Batch::new(shape, n, random_vec(rng, shape.len() * n)).unwrap()
}

#[test]
fn conv2d_gradients() {
    let mut rng = Pcg32::seed_from_u64(1);
    for (i, &(c, h, w, out, kh, kw, s, p, d)) in [
        (1, 5, 5, 2, 3, 3, 1, 0, 1),
        (2, 6, 5, 3, 3, 2, 2, 1, 1),
        (2, 7, 7, 2, 2, 3, 1, 2, 2),
        (3, 4, 6, 2, 1, 1, 1, 0, 1),
    ]
    .iter()
    .enumerate()
    {
        let shape = Shape::new(c, h, w);
        let conv = conv_layer(shape, out, kh, kw, s, p, d, i as u64);
        check_layer(
            &format!("conv case {i}"),
            Layer::Conv2d(conv),
            batch(&mut rng, shape, 2),
            10 + i as u64,
        );
    }
}

#[test]
fn pooling_gradients() {
    let mut rng = Pcg32::seed_from_u64(2);
    let shape = Shape::new(2, 6, 5);
    for (i, win) in [
        Window::new(2, 2),
        Window::new(3, 2).with_padding(1),
        Window::new(2, 1),
    ]
    .into_iter()
    .enumerate()
    {
        let input = Batch::new(shape, 2, distinct(&mut rng, shape.len() * 2)).unwrap();
        let max = MaxPool2d::new(shape, win, win).unwrap();
        check_layer(
            &format!("max pool {i}"),
            Layer::MaxPool2d(max),
            input.clone(),
            20 + i as u64,
        );
        let avg = AvgPool2d::new(shape, win, win).unwrap();
        check_layer(
            &format!("avg pool {i}"),
            Layer::AvgPool2d(avg),
            input,
            30 + i as u64,
        );
    }
}

#[test]
fn activation_gradients() {
    let mut rng = Pcg32::seed_from_u64(3);
    let shape = Shape::new(2, 3, 3);
    for a in Activation::ALL {
        let input = Batch::new(shape, 2, away_from_zero(&mut rng, shape.len() * 2)).unwrap();
        check_layer(
            a.spec_name(),
            Layer::Activation(ActivationLayer::new(shape, a)),
            input,
            40,
        );
    }
}

#[test]
fn dense_and_flatten_gradients() {
    let mut rng = Pcg32::seed_from_u64(4);
    let shape = Shape::new(2, 3, 2);
    let mut dense = Dense::new(shape, 4);
    dense.weights = random_vec(&mut rng, dense.weights.len());
    dense.bias = random_vec(&mut rng, 4);
    check_layer("dense", Layer::Dense(dense), batch(&mut rng, shape, 3), 50);
    check_layer(
        "flatten",
        Layer::Flatten(Flatten::new(shape)),
        batch(&mut rng, shape, 3),
        51,
    );
}

#[test]
fn dropout_is_inverted_and_its_gradient_uses_the_same_mask() {
    let shape = Shape::new(1, 20, 50);
    let input = Batch::new(shape, 1, vec![1.0; 1000]).unwrap();
    let mut d = Dropout::new(shape, 0.5, 7);
    let y = d.forward(&input, Mode::Train).data().to_vec();
    // Kept values are scaled by 1/(1 − 0.5) = 2; about half are kept.
    assert!(y.iter().all(|&v| v == 0.0 || v == 2.0));
    let kept = y.iter().filter(|&&v| v == 2.0).count();
    assert!((430..=570).contains(&kept), "kept {kept} of 1000");
    let dy = Batch::new(shape, 1, vec![3.0; 1000]).unwrap();
    let dx = d.backward(&dy).data().to_vec();
    for (g, v) in dx.iter().zip(&y) {
        assert_eq!(*g, 3.0 * v, "∂L/∂x = dy · mask");
    }
    // Evaluation is the identity.
    assert_eq!(d.forward(&input, Mode::Eval).data(), input.data());
    // Same seed, same masks.
    let mut d2 = Dropout::new(shape, 0.5, 7);
    assert_eq!(d2.forward(&input, Mode::Train).data(), &y[..]);
}

#[test]
fn softmax_cross_entropy_literal_and_gradient() {
    // softmax(1, 2, 3) = (e¹, e², e³)/(e¹ + e² + e³) = (0.09003057, 0.24472847, 0.66524096)
    // (computed with Python's math.exp); −ln 0.66524096 = 0.40760596.
    let mut s = SoftmaxCrossEntropy::new(3);
    let z = Batch::new(Shape::new(3, 1, 1), 1, vec![1.0, 2.0, 3.0]).unwrap();
    let p = s.forward(&z, Mode::Eval).data().to_vec();
    for (a, e) in p.iter().zip([0.09003057, 0.24472847, 0.66524096]) {
        assert!((a - e).abs() < 1e-7, "{a} vs {e}");
    }
    assert!((s.loss(&[2]) - 0.40760596).abs() < 1e-6);
    // Large logits stay finite: log-sum-exp after subtracting the maximum.
    let big = Batch::new(Shape::new(3, 1, 1), 1, vec![1000.0, 0.0, -1000.0]).unwrap();
    s.forward(&big, Mode::Eval);
    assert!((s.loss(&[1]) - 1000.0).abs() < 1e-3);
    assert_eq!(s.loss(&[0]), 0.0);

    // Gradient of the mean loss against central differences of `loss` itself.
    let mut rng = Pcg32::seed_from_u64(5);
    let labels = [0u8, 3, 1];
    let mut z = batch(&mut rng, Shape::new(4, 1, 1), 3);
    let mut s = SoftmaxCrossEntropy::new(4);
    s.forward(&z, Mode::Train);
    let g = s.backward(&labels).data().to_vec();
    for i in 0..z.data().len() {
        let orig = z.data()[i];
        z.data_mut()[i] = orig + H;
        s.forward(&z, Mode::Train);
        let plus = s.loss(&labels);
        z.data_mut()[i] = orig - H;
        s.forward(&z, Mode::Train);
        let minus = s.loss(&labels);
        z.data_mut()[i] = orig;
        assert_grad(
            &format!("softmax ∂L/∂z[{i}]"),
            g[i],
            (plus - minus) / (2.0 * f64::from(H)),
        );
    }
}

#[test]
fn max_pool_of_the_lecture() {
    // The lecture's 2×2 / stride-2 example.
    let x = Tensor::from_rows(&[
        &[1.0, 1.0, 2.0, 4.0],
        &[5.0, 6.0, 7.0, 8.0],
        &[3.0, 2.0, 1.0, 0.0],
        &[1.0, 2.0, 3.0, 4.0],
    ])
    .unwrap();
    let mut pool = MaxPool2d::new(x.shape(), Window::new(2, 2), Window::new(2, 2)).unwrap();
    let batch = Batch::from_tensors(&[x]).unwrap();
    let y = pool.forward(&batch, Mode::Train).data().to_vec();
    assert_eq!(y, vec![6.0, 8.0, 3.0, 4.0]);
    // Switches: flat indices of 6 (1,1), 8 (1,3), 3 (2,0), 4 (3,3).
    assert_eq!(pool.switches(0), &[5, 7, 8, 15]);
    // Inference computes the same maxima without tracking the winners.
    assert_eq!(pool.forward(&batch, Mode::Eval).data(), &y[..]);
    assert!(pool.switches(0).is_empty());
}

#[test]
fn dense_literal() {
    // y = W·x + b with W = [[1, 2], [3, 4]], b = [0.5, −1], x = [1, 1]: (3.5, 6).
    let mut d = Dense::new(Shape::new(2, 1, 1), 2);
    d.weights = vec![1.0, 2.0, 3.0, 4.0];
    d.bias = vec![0.5, -1.0];
    let x = Batch::new(Shape::new(2, 1, 1), 1, vec![1.0, 1.0]).unwrap();
    assert_eq!(d.forward(&x, Mode::Eval).data(), &[3.5, 6.0]);
}

/// The whole network: ∂(mean cross-entropy)/∂θ for every parameter, against central differences
/// of the network's own f64 loss. h = 1e-2 on smooth layers (tanh, sigmoid, average and max
/// pooling on distinct values); the same tolerance argument as above.
#[test]
fn whole_network_gradients() {
    let spec = NetworkSpec::parse(
        "input 6x5x2; conv 3x3x3 pad 1 tanh; pool 2 stride 1; conv 2x2x2 dilation 2 sigmoid; avgpool 2 stride 1; dense 5 tanh; dense 3 softmax",
    )
    .unwrap();
    let mut net = Network::new(&spec, 11).unwrap();
    let mut rng = Pcg32::seed_from_u64(12);
    let input = batch(&mut rng, spec.input, 3);
    let labels = [2u8, 0, 1];
    net.forward(&input, Mode::Train);
    net.backward(&labels);
    let mut grads: Vec<Vec<f32>> = Vec::new();
    net.for_each_param(|_, p| grads.push(p.grads.to_vec()));
    let count = grads.len();
    assert_eq!(count, 8, "4 layers with weights and bias");
    let loss_at = |net: &mut Network, t: usize, i: usize, delta: f32| {
        net.for_each_param(|k, p| {
            if k == t {
                p.values[i] += delta;
            }
        });
        net.forward(&input, Mode::Train);
        net.loss(&labels)
    };
    for (t, g) in grads.iter().enumerate() {
        for (i, &analytic) in g.iter().enumerate() {
            let plus = loss_at(&mut net, t, i, H);
            let minus = loss_at(&mut net, t, i, -2.0 * H);
            loss_at(&mut net, t, i, H);
            let numeric = (plus - minus) / (2.0 * f64::from(H));
            let diff = (f64::from(analytic) - numeric).abs();
            // Loss magnitude ~1, so rounding contributes ≲ 1e-6/2e-2; truncation ≲ h²·|L‴| ~ 1e-4.
            assert!(
                diff <= 5e-4 + 1e-2 * numeric.abs(),
                "tensor {t}[{i}]: {analytic} vs {numeric}"
            );
        }
    }
}

fn conv_case() -> impl Strategy<
    Value = (
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        u64,
    ),
> {
    (
        1usize..=3,
        1usize..=4,
        3usize..=9,
        3usize..=9,
        1usize..=4,
        1usize..=4,
        1usize..=3,
        0usize..=2,
        1usize..=2,
        1usize..=3,
        any::<u64>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The fast conv (im2col gather + blocked matmul) equals core-a's nested-loop reference.
    /// Sums are taken in another order, so they agree to rounding: ≤ 1e-5 relative to Σ|terms|.
    #[test]
    fn conv2d_forward_equals_reference((c, out, h, w, kh, kw, s, p, d, n, seed) in conv_case()) {
        let input_shape = Shape::new(c, h, w);
        let wh = Window::new(kh, s).with_padding(p).with_dilation(d);
        let ww = Window::new(kw, s).with_padding(p).with_dilation(d);
        let Ok(mut conv) = Conv2d::new(input_shape, out, wh, ww) else { return Ok(()) };
        let mut rng = Pcg32::seed_from_u64(seed);
        conv.weights = random_vec(&mut rng, conv.weights.len());
        conv.bias = random_vec(&mut rng, out);
        let x = batch(&mut rng, input_shape, n);
        let y = conv.forward(&x, Mode::Eval).clone();
        let config = ConvConfig { in_channels: c, out_channels: out, height: wh, width: ww };
        for item in 0..n {
            let expected = conv2d_reference(&x.tensor(item), &config, &conv.weights, &conv.bias, ConvMode::CrossCorrelation).unwrap();
            prop_assert_eq!(expected.shape(), y.item_shape());
            let bound = 1e-5 * (c * kh * kw + 1) as f32;
            for (a, e) in y.item(item).iter().zip(expected.data()) {
                prop_assert!((a - e).abs() <= bound, "{} vs {}", a, e);
            }
        }
    }

    /// Max pooling equals the reference, winners included; average pooling too.
    #[test]
    fn pooling_equals_reference(c in 1usize..=3, h in 2usize..=9, w in 2usize..=9, k in 1usize..=4, s in 1usize..=3, p in 0usize..=1, seed in any::<u64>()) {
        let shape = Shape::new(c, h, w);
        let win = Window::new(k, s).with_padding(p);
        prop_assume!(p < k);
        let Ok(mut max) = MaxPool2d::new(shape, win, win) else { return Ok(()) };
        let mut avg = AvgPool2d::new(shape, win, win).unwrap();
        let mut rng = Pcg32::seed_from_u64(seed);
        // Rounded to tenths so that ties happen and the tie rule is exercised.
        let data: Vec<f32> = random_vec(&mut rng, shape.len()).iter().map(|v| (v * 10.0).round() / 10.0).collect();
        let x = Batch::new(shape, 1, data).unwrap();
        let got = max.forward(&x, Mode::Train).clone();
        let r = pool2d_reference(&x.tensor(0), &PoolConfig { kind: PoolKind::Max, height: win, width: win }).unwrap();
        prop_assert_eq!(got.item(0), r.output.data());
        let winners: Vec<u32> = r.argmax.iter().map(|&(c, y, x)| shape.index(c, y, x) as u32).collect();
        prop_assert_eq!(max.switches(0), &winners[..]);
        // The inference path (maxima only) gives the same values.
        prop_assert_eq!(max.forward(&x, Mode::Eval).item(0), r.output.data());
        let got = avg.forward(&x, Mode::Eval).clone();
        let r = pool2d_reference(&x.tensor(0), &PoolConfig { kind: PoolKind::Average, height: win, width: win }).unwrap();
        for (a, e) in got.item(0).iter().zip(r.output.data()) {
            prop_assert!((a - e).abs() <= 1e-6, "{} vs {}", a, e);
        }
    }

    /// Max-pool backward sends each output's gradient to its argmax and nowhere else.
    #[test]
    fn max_pool_gradient_reaches_only_the_argmax(h in 2usize..=8, w in 2usize..=8, k in 1usize..=3, s in 1usize..=3, seed in any::<u64>()) {
        let shape = Shape::new(2, h, w);
        let win = Window::new(k, s);
        let Ok(mut pool) = MaxPool2d::new(shape, win, win) else { return Ok(()) };
        let mut rng = Pcg32::seed_from_u64(seed);
        let x = batch(&mut rng, shape, 1);
        let out_shape = pool.forward(&x, Mode::Train).item_shape();
        let dy = Batch::new(out_shape, 1, away_from_zero(&mut rng, out_shape.len())).unwrap();
        let dx = pool.backward(&dy).data().to_vec();
        let mut expected = vec![0.0f32; shape.len()];
        for (&sw, &g) in pool.switches(0).iter().zip(dy.data()) {
            expected[sw as usize] += g;
        }
        prop_assert_eq!(&dx, &expected);
        let winners: std::collections::HashSet<u32> = pool.switches(0).iter().copied().collect();
        for (i, g) in dx.iter().enumerate() {
            if !winners.contains(&(i as u32)) {
                prop_assert_eq!(*g, 0.0);
            }
        }
    }

    /// Softmax sums to 1 and stays finite even for logits of ±1000.
    #[test]
    fn softmax_sums_to_one(z in prop::collection::vec(-1000.0f32..1000.0, 2..20)) {
        let mut p = vec![0.0; z.len()];
        softmax(&z, &mut p);
        let sum: f32 = p.iter().sum();
        prop_assert!((sum - 1.0).abs() < 1e-5, "sum {}", sum);
        prop_assert!(p.iter().all(|v| v.is_finite() && *v >= 0.0));
    }

    /// A batch gives, item by item, exactly what the items give one at a time.
    #[test]
    fn batch_equals_items_one_by_one(seed in any::<u64>(), n in 1usize..=4) {
        let spec = NetworkSpec::parse("input 9x8x2; conv 3x3x4 pad 1 relu; pool 2; conv 3x3x3 stride 2 pad 1 tanh; avgpool 2 stride 1; dense 6 relu; dense 4 softmax").unwrap();
        let mut net = Network::new(&spec, seed).unwrap();
        let mut rng = Pcg32::seed_from_u64(seed ^ 1);
        let x = batch(&mut rng, spec.input, n);
        let together = net.forward(&x, Mode::Eval).clone();
        for item in 0..n {
            prop_assert_eq!(net.predict(&x.tensor(item)), together.item(item).to_vec());
        }
    }
}
