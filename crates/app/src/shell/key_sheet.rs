//! The sheet of keys (opened with ?): the lecture's keys and the current section's own.

use cnn::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::tr;
use crate::lecture::{LECTURE_KEYS, section_keys};
use crate::sections::Section;

#[derive(Properties, PartialEq)]
pub struct KeySheetProps {
    pub lang: Lang,
    pub section: Section,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn KeySheet(props: &KeySheetProps) -> Html {
    let lang = props.lang;
    let close_ref = use_node_ref();
    // The sheet takes the focus when it opens, so Esc and Tab work at once.
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let onclick = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    // A click on the backdrop (outside the sheet) closes it too.
    let on_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.class_list().contains("key-sheet-backdrop"));
            if on_backdrop {
                on_close.emit(());
            }
        })
    };
    let rows = |keys: &'static [(&'static str, &'static str)]| {
        keys.iter()
            .map(|&(key, what)| {
                html! {
                    <tr key={what}>
                        <th scope="row"><kbd>{ key }</kbd></th>
                        <td>{ tr(lang, what) }</td>
                    </tr>
                }
            })
            .collect::<Html>()
    };
    let own = section_keys(props.section);
    html! {
        <div class="key-sheet-backdrop" onclick={on_backdrop}>
            <div class="key-sheet card" role="dialog" aria-modal="true"
                 aria-labelledby="key-sheet-title" data-testid="key-sheet">
                <h2 id="key-sheet-title">{ tr(lang, "shell.keys.title") }</h2>
                <table class="key-table">
                    <caption>{ tr(lang, "shell.keys.lecture") }</caption>
                    <tbody>{ rows(LECTURE_KEYS) }</tbody>
                </table>
                if !own.is_empty() {
                    <table class="key-table">
                        <caption>
                            { tr(lang, "shell.keys.section") }{ " «" }{ tr(lang, props.section.nav_key()) }{ "»" }
                        </caption>
                        <tbody>{ rows(own) }</tbody>
                    </table>
                }
                <button type="button" ref={close_ref} data-testid="key-sheet-close" {onclick}>
                    { tr(lang, "shell.keys.close_button") }
                </button>
            </div>
        </div>
    }
}
