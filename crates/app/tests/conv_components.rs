//! Component tests of the Convolution lab's widgets in a real browser: the grid editor (click,
//! typing, arrow keys), the output-size panel and the lab section itself. They mount into a fresh
//! `<div>` and assert on the DOM.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use cnn::{ConvConfig, Lang, Window};
use convlab::components::grid_editor::{GridCell, GridEditor};
use convlab::sections::conv::arithmetic::OutputSizePanel;
use convlab::sections::{ActivationsSection, ConvSection, DrawSection, PoolSection};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};
use yew::prelude::*;

mod common;

use common::{element, mount, mount_section, texts};

wasm_bindgen_test_configure!(run_in_browser);

fn key(target: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn cell(root: &Element, y: usize, x: usize) -> HtmlElement {
    element(root, &format!("[data-y=\"{y}\"][data-x=\"{x}\"]"))
}

/// Owns the values, as a section does.
#[function_component]
fn GridHarness() -> Html {
    let values = use_state(|| vec![0.0f32, 1.0, 0.0, 2.0, 0.0, 0.0]);
    let cells: Vec<GridCell> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| GridCell {
            value: Some(v),
            // The last cell is read-only, like a padding cell.
            editable: i != 5,
            ..GridCell::default()
        })
        .collect();
    let on_toggle = {
        let values = values.clone();
        Callback::from(move |(y, x): (usize, usize)| {
            let mut v = (*values).clone();
            let i = y * 3 + x;
            v[i] = if v[i] == 0.0 { 1.0 } else { 0.0 };
            values.set(v);
        })
    };
    let on_set = {
        let values = values.clone();
        Callback::from(move |(y, x, value): (usize, usize, f32)| {
            let mut v = (*values).clone();
            v[y * 3 + x] = value;
            values.set(v);
        })
    };
    html! {
        <GridEditor lang={Lang::En} rows={2} cols={3} cells={Rc::new(cells)} label="test grid"
            {on_toggle} {on_set} testid="grid" />
    }
}

#[wasm_bindgen_test]
async fn grid_editor_toggles_types_and_moves() {
    let root = mount::<GridHarness>(()).await;

    assert_eq!(texts(&root, ".grid-value"), ["0", "1", "0", "2", "0", "0"]);
    let grid = element(&root, "[role=grid]");
    assert_eq!(
        grid.get_attribute("aria-label").as_deref(),
        Some("test grid")
    );
    assert_eq!(root.query_selector_all("[role=row]").unwrap().length(), 2);
    assert_eq!(
        cell(&root, 0, 1).get_attribute("aria-label").as_deref(),
        Some("row 1, column 2: 1")
    );
    // One cell in the tab order.
    assert_eq!(
        root.query_selector_all("[tabindex='0']").unwrap().length(),
        1
    );

    // Click toggles 0 ↔ 1.
    cell(&root, 0, 0).click();
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".grid-value")[0], "1");
    cell(&root, 0, 1).click();
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".grid-value")[1], "0");

    // A read-only cell ignores clicks.
    cell(&root, 1, 2).click();
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".grid-value")[5], "0");
    assert_eq!(
        cell(&root, 1, 2).get_attribute("aria-readonly").as_deref(),
        Some("true")
    );

    // Arrow keys move the roving tab index.
    key(&cell(&root, 1, 2), "ArrowLeft");
    yew::scheduler::flush().await;
    assert_eq!(
        cell(&root, 1, 1).get_attribute("tabindex").as_deref(),
        Some("0")
    );
    assert_eq!(
        cell(&root, 1, 2).get_attribute("tabindex").as_deref(),
        Some("-1")
    );

    // Typing a digit opens an editor with it; Enter keeps the number.
    key(&cell(&root, 1, 1), "7");
    yew::scheduler::flush().await;
    let input: HtmlInputElement = element(&root, "input.grid-input").dyn_into().unwrap();
    assert_eq!(input.value(), "7");
    input.set_value("-2,5");
    key(&input, "Enter");
    yew::scheduler::flush().await;
    assert!(root.query_selector("input.grid-input").unwrap().is_none());
    assert_eq!(texts(&root, ".grid-value")[4], "−2.5");

    // Escape cancels; garbage is ignored.
    key(&cell(&root, 1, 1), "Enter");
    yew::scheduler::flush().await;
    let input: HtmlInputElement = element(&root, "input.grid-input").dyn_into().unwrap();
    input.set_value("abc");
    key(&input, "Enter");
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".grid-value")[4], "−2.5");

    // Space toggles, Delete clears.
    key(&cell(&root, 1, 1), " ");
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".grid-value")[4], "0");
    key(&cell(&root, 1, 0), "Delete");
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".grid-value")[3], "0");
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    lang: Lang,
    input: usize,
    window: Window,
}

#[function_component]
fn PanelHarness(props: &PanelProps) -> Html {
    let config = ConvConfig::square(1, 1, props.window);
    html! { <OutputSizePanel lang={props.lang} geometry={config.geometry(props.input, props.input)} /> }
}

#[wasm_bindgen_test]
async fn output_size_panel_writes_the_formula_with_the_numbers() {
    let root = mount::<PanelHarness>(PanelProps {
        lang: Lang::En,
        input: 7,
        window: Window::new(3, 2).with_padding(1),
    })
    .await;
    assert_eq!(texts(&root, "h2"), ["Output size"]);
    assert_eq!(
        texts(&root, "[data-testid=size-both-formula]"),
        ["⌊(7 − 3 + 2·1) / 2⌋ + 1 = 4"]
    );
    assert_eq!(texts(&root, "[data-testid=size-result]"), ["Output: 4 × 4"]);
    assert!(root.query_selector(".size-floor").unwrap().is_none());

    // Inexact, dilated: effective kernel, floor and the column never covered.
    let root = mount::<PanelHarness>(PanelProps {
        lang: Lang::Ru,
        input: 8,
        window: Window::new(2, 3).with_dilation(2),
    })
    .await;
    assert_eq!(
        texts(&root, "[data-testid=size-both-effective]"),
        ["F′ = D·(F − 1) + 1 = 2·(2 − 1) + 1 = 3"]
    );
    assert_eq!(
        texts(&root, "[data-testid=size-both-formula]"),
        ["⌊(8 − 3 + 2·0) / 3⌋ + 1 = 2"]
    );
    assert_eq!(
        texts(&root, "[data-testid=size-both-floor]"),
        ["5 / 3 — не целое число: округляем вниз до 1, остаток 2"]
    );
    // Windows read 0, 2 and 3, 5: rows 2, 5, 7, 8 (1-based) are never read.
    assert_eq!(
        texts(&root, "[data-testid=size-both-uncovered]"),
        ["Строки, которые ядро не покрывает: 2, 5, 7, 8"]
    );

    // Impossible: the core's message, in Russian.
    let root = mount::<PanelHarness>(PanelProps {
        lang: Lang::Ru,
        input: 3,
        window: Window::new(5, 1),
    })
    .await;
    assert_eq!(
        texts(&root, "[role=alert]"),
        ["по высоте: ядро 5 больше входа с дополнением 3 (3 + 2·0)"]
    );
}

#[wasm_bindgen_test]
async fn the_lab_renders_the_feature_map_and_the_sum_from_a_query() {
    let root = mount_section::<ConvSection>(Lang::En, "in=7&k=3&p=1&s=2&at=15").await;
    // 9×9 padded input, 32 padding cells.
    assert_eq!(
        root.query_selector_all("[data-testid=input-grid-0] .grid-cell")
            .unwrap()
            .length(),
        81
    );
    assert_eq!(
        root.query_selector_all("[data-testid=input-grid-0] .grid-cell.pad")
            .unwrap()
            .length(),
        32
    );
    assert_eq!(
        texts(&root, "[data-testid=output-grid-0] .grid-value"),
        [
            "1", "0", "1", "0", "1", "1", "1", "0", "0", "4", "1", "1", "0", "1", "0", "0"
        ]
    );
    assert_eq!(
        texts(&root, "[data-testid=written-sum]"),
        ["0·0 + 0·0 + 0·1 + 0·1 + 0·0 + 0·0 + 0·0 + 0·1 + 0·1 + 0 = 0"]
    );
    assert_eq!(texts(&root, "[data-testid=player-step]"), ["Step 16 of 16"]);
}

#[wasm_bindgen_test]
async fn pooling_renders_the_lecture_example() {
    let root = mount_section::<PoolSection>(Lang::Ru, "at=3").await;
    assert_eq!(
        texts(&root, "[data-testid=pool-output] .grid-value"),
        ["6", "8", "3", "4"]
    );
    assert_eq!(
        texts(&root, "[data-testid=pool-written]"),
        ["max(1, 0, 3, 4) = 4"]
    );
}

#[wasm_bindgen_test]
async fn garbage_links_are_named_in_a_note_in_every_section() {
    let pool = mount_section::<PoolSection>(Lang::En, "win=9&s=2&kind=median").await;
    assert_eq!(texts(&pool, "[data-testid=url-note] code"), ["win, kind"]);
    assert_eq!(
        texts(&pool, "[data-testid=size-both-formula]"),
        ["⌊(4 − 2 + 2·0) / 2⌋ + 1 = 2"]
    );
    element(&pool, "[data-testid=url-note] button").click();
    yew::scheduler::flush().await;
    assert!(texts(&pool, "[data-testid=url-note]").is_empty());

    let activations =
        mount_section::<ActivationsSection>(Lang::Ru, "n=abc&range=-999&x=zzz&show=%%%").await;
    let note = texts(&activations, "[data-testid=url-note]").concat();
    assert!(
        note.starts_with("Часть ссылки не удалось прочитать"),
        "{note}"
    );
    assert_eq!(
        texts(&activations, "[data-testid=url-note] code"),
        ["show, range, x, n"]
    );
    assert_eq!(
        activations
            .query_selector_all("[data-testid=act-readout] tbody tr")
            .unwrap()
            .length(),
        4,
        "the default curves"
    );

    let draw = mount_section::<DrawSection>(Lang::En, "digit=99999&model=foo").await;
    assert_eq!(
        texts(&draw, "[data-testid=url-note] code"),
        ["model, digit"]
    );
    let clean = mount_section::<ConvSection>(Lang::En, "in=7&k=3").await;
    assert!(texts(&clean, "[data-testid=url-note]").is_empty());
}
