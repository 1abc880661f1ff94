//! Browser tests of the network view and the map canvases (`cargo test --target
//! wasm32-unknown-unknown -p convlab`) with real values: the ConvNetJS MNIST net (seed 1) looks
//! at a drawn "1", and the canvases must hold exactly the quantised maps of its snapshot.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use cnn::tensor::{Shape, Tensor};
use cnn::{Lang, Network, NetworkSpec};
use convlab::components::map_canvas::{MapCanvas, MapCanvasProps};
use convlab::components::network_view::{NetworkView, NetworkViewProps};
use convlab::training::protocol::NetSnapshot;
use convlab::training::snapshot::snapshot;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn canvases(root: &Element) -> Vec<HtmlCanvasElement> {
    let list = root.query_selector_all("canvas").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

/// The RGBA bytes of a canvas (its own pixels, not CSS pixels).
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data()
        .to_vec()
}

/// A vertical stroke (a "1") on a 24×24 input, values 0‥1.
fn one() -> Tensor {
    Tensor::from_fn(Shape::new(1, 24, 24), |_, y, x| {
        if (4..20).contains(&y) && (11..13).contains(&x) {
            1.0
        } else {
            0.0
        }
    })
    .unwrap()
}

fn real_snapshot() -> NetSnapshot {
    let mut network = Network::new(&NetworkSpec::convnetjs_mnist(), 1).unwrap();
    let probs = network.predict(&one());
    assert_eq!(probs.len(), 10);
    snapshot(&network, 0, Some(1))
}

#[wasm_bindgen_test]
async fn network_view_draws_every_layer_and_filter_bank_on_one_canvas_each() {
    let snap = real_snapshot();
    let root = container();
    yew::Renderer::<NetworkView>::with_root_and_props(
        root.clone(),
        NetworkViewProps {
            snapshot: Rc::new(snap.clone()),
            lang: Lang::En,
            show_grads: false,
        },
    )
    .render();
    yew::scheduler::flush().await;

    // input + conv, pool, conv, pool, dense/softmax outputs + two filter banks.
    let all = canvases(&root);
    assert_eq!(all.len(), 1 + snap.layers.len() + snap.filters.len());
    let text = root.text_content().unwrap();
    assert!(text.contains("Digit 1"), "{text}");
    assert!(text.contains("8×24×24"), "{text}");
    assert!(
        text.contains("8×1×5×5") && text.contains("16×8×5×5"),
        "{text}"
    );

    // The first conv layer: 8 maps of 24×24 at ×2 in one row, 3-px gaps.
    let conv1 = &snap.layers[0];
    assert_eq!((conv1.channels, conv1.height), (8, 24));
    let canvas = &all[1];
    assert_eq!(canvas.width(), 8 * 48 + 7 * 3);
    assert_eq!(canvas.height(), 48);
    let rgba = pixels(canvas);
    let w = canvas.width() as usize;
    for (map, y, x) in [(0, 0, 0), (0, 12, 11), (3, 23, 5), (7, 10, 12)] {
        let expected = conv1.channel(map)[y * 24 + x];
        let (cx, cy) = (map * (48 + 3) + x * 2 + 1, y * 2 + 1);
        let px = &rgba[(cy * w + cx) * 4..(cy * w + cx) * 4 + 4];
        assert_eq!(
            px,
            &[expected, expected, expected, 255],
            "map {map} at {y},{x}"
        );
    }
    // Each map spans its full 0‥255 range (scaled to its own min..max).
    assert!(conv1.channel(0).contains(&255) && conv1.channel(0).contains(&0));

    // Conv1's eight 5×5 filters side by side (a grid, not a strip): ×8, 4-px gaps.
    let filters = &all[1 + snap.layers.len()];
    assert_eq!(filters.width(), 8 * 40 + 7 * 4);
    assert_eq!(filters.height(), 40);
    let kernels = &snap.filters[0].kernels;
    let rgba = pixels(filters);
    let w = filters.width() as usize;
    for (f, ky, kx) in [(0, 0, 0), (2, 4, 1), (7, 2, 3)] {
        let expected = kernels.channel(f)[ky * 5 + kx];
        let (cx, cy) = (f * 44 + kx * 8 + 3, ky * 8 + 3);
        let px = &rgba[(cy * w + cx) * 4..(cy * w + cx) * 4 + 4];
        assert_eq!(px, &[expected, expected, expected, 255], "filter {f}");
    }
    // Conv2: one row per filter, one column per input channel.
    let conv2 = &all[2 + snap.layers.len()];
    assert_eq!(conv2.width(), 8 * 30 + 7 * 2);
    assert_eq!(conv2.height(), 16 * 30 + 15 * 2);
}

#[wasm_bindgen_test]
async fn map_canvas_draws_a_digit_as_ink_on_paper() {
    let digit: Vec<u8> = (0..28 * 28)
        .map(|i| {
            if (i / 28) % 7 == 3 {
                200
            } else {
                (i % 28) as u8
            }
        })
        .collect();
    let root = container();
    yew::Renderer::<MapCanvas>::with_root_and_props(
        root.clone(),
        MapCanvasProps {
            pixels: digit.clone(),
            width: 28,
            height: 28,
            scale: 2,
            invert: true,
            label: "digit".into(),
            class: Default::default(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let all = canvases(&root);
    assert_eq!(all.len(), 1);
    let canvas = &all[0];
    assert_eq!((canvas.width(), canvas.height()), (28, 28));
    assert_eq!(canvas.get_attribute("aria-label").as_deref(), Some("digit"));
    assert_eq!(
        canvas.get_attribute("style").as_deref(),
        Some("width:56px;height:56px")
    );
    let rgba = pixels(canvas);
    for (i, &v) in digit.iter().enumerate() {
        assert_eq!(
            &rgba[i * 4..i * 4 + 4],
            &[255 - v, 255 - v, 255 - v, 255],
            "pixel {i}"
        );
    }
}
