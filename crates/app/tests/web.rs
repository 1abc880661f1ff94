//! Component tests in a real browser (`cargo test --target wasm32-unknown-unknown -p convlab`,
//! run by `cargo xtask test` in headless Chromium). They mount components into a fresh `<div>`
//! and assert on the DOM.
#![cfg(target_arch = "wasm32")]

use cnn::Lang;
use convlab::app::{LangSwitch, Nav, NavProps, PANIC_BANNER_ID, show_panic_banner};
use convlab::sections::{ConvSection, Section};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::prelude::*;

mod common;

use common::{attr, document, mount, mount_section, texts};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn nav_lists_the_sections_in_lecture_order() {
    let root = mount::<Nav>(NavProps {
        current: Section::Pool,
        lang: Lang::En,
        present: false,
    })
    .await;

    assert_eq!(
        texts(&root, "a.nav-link"),
        [
            "1Convolution",
            "2Pooling",
            "3Activations",
            "4Optimization",
            "5Training",
            "6Draw a digit"
        ]
    );
    assert_eq!(
        attr(&root, "a.nav-link[aria-current='page']", "data-section").as_deref(),
        Some("pool")
    );
    assert_eq!(
        attr(&root, "a.nav-link[data-section='draw']", "href").as_deref(),
        Some("#/draw?lang=en")
    );

    assert_eq!(
        attr(&root, "nav", "aria-label").as_deref(),
        Some("Lecture sections")
    );
    // In presenter mode the links keep it.
    let root = mount::<Nav>(NavProps {
        current: Section::Pool,
        lang: Lang::Ru,
        present: true,
    })
    .await;
    assert_eq!(
        attr(&root, "a.nav-link[data-section='draw']", "href").as_deref(),
        Some("#/draw?lang=ru&present=1")
    );
}

/// A parent that owns the language, as the shell does.
#[function_component]
fn LangHarness() -> Html {
    let lang = use_state(|| Lang::Ru);
    let on_change = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| lang.set(next))
    };
    html! {
        <>
            <LangSwitch lang={*lang} {on_change} />
            <p class="shown">{ lang.code() }</p>
        </>
    }
}

#[wasm_bindgen_test]
async fn language_switch_toggles_and_reports_the_language() {
    let root = mount::<LangHarness>(()).await;

    assert_eq!(texts(&root, "button"), ["RU", "EN"]);
    assert_eq!(
        attr(&root, "[data-lang='ru']", "aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "[data-lang='en']", "aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(
        attr(&root, ".lang-switch", "aria-label").as_deref(),
        Some("Язык интерфейса")
    );

    let en: HtmlElement = root
        .query_selector("[data-lang='en']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    en.click();
    yew::scheduler::flush().await;

    assert_eq!(texts(&root, ".shown"), ["en"]);
    assert_eq!(
        attr(&root, "[data-lang='en']", "aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "[data-lang='ru']", "aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(
        attr(&root, ".lang-switch", "aria-label").as_deref(),
        Some("Interface language")
    );
}

#[wasm_bindgen_test]
async fn a_section_renders_its_heading_and_intro() {
    for (lang, title) in [
        (Lang::Ru, "Лаборатория свёртки"),
        (Lang::En, "Convolution lab"),
    ] {
        let root = mount_section::<ConvSection>(lang, "").await;
        assert_eq!(texts(&root, "h1"), [title]);
        let intro = texts(&root, ".intro").concat();
        assert!(intro.contains("(I − F + 2P) / S + 1"), "{intro}");
    }
}

#[wasm_bindgen_test]
fn panic_banner_is_revealed_with_the_message() {
    let banner = document().create_element("div").unwrap();
    banner.set_id(PANIC_BANNER_ID);
    banner.set_attribute("hidden", "").unwrap();
    banner.set_inner_html(
        "<p class='panic-title'></p><p class='panic-hint'></p>\
         <button class='panic-reload'></button><pre class='panic-message'></pre>",
    );
    document().body().unwrap().append_child(&banner).unwrap();
    document()
        .document_element()
        .unwrap()
        .set_attribute("lang", "en")
        .unwrap();

    show_panic_banner("index out of bounds");

    assert!(!banner.has_attribute("hidden"));
    assert_eq!(texts(&banner, ".panic-title"), ["Something went wrong."]);
    assert_eq!(texts(&banner, ".panic-reload"), ["Reload"]);
    assert_eq!(texts(&banner, ".panic-message"), ["index out of bounds"]);
    banner.remove();
}
