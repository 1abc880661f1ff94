//! What every browser test file needs: a fresh `<div>` to mount into, mounting a component and
//! waiting for its first render, and reading the DOM back.
#![allow(dead_code)] // each test file uses a different part

use cnn::Lang;
use convlab::sections::SectionProps;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` in the body to mount into.
pub fn container() -> Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Mounts `C` with `props` into a fresh `<div>` and waits until it has rendered.
pub async fn mount<C: BaseComponent>(props: C::Properties) -> Element {
    let root = container();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// Mounts a section from its URL query (whose updates go nowhere).
pub async fn mount_section<C: BaseComponent<Properties = SectionProps>>(
    lang: Lang,
    query: &str,
) -> Element {
    mount::<C>(SectionProps {
        lang,
        query: query.into(),
        on_query: Callback::noop(),
    })
    .await
}

/// The text of every element matching `selector`.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

pub fn attr(root: &Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap()?.get_attribute(name)
}

pub fn element(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {selector}"))
        .dyn_into()
        .unwrap()
}
