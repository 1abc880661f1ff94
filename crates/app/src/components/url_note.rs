//! The note a section shows when part of its link could not be read (see
//! [`crate::query::QueryReader`]): it names the keys that fell back to their defaults.

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct UrlNoteProps {
    pub lang: Lang,
    /// The unreadable keys; nothing is shown when empty.
    pub keys: Vec<String>,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn UrlNote(props: &UrlNoteProps) -> Html {
    if props.keys.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    let on_dismiss = props.on_dismiss.clone();
    html! {
        <div class="url-note" role="status" data-testid="url-note">
            <p>{ tr(lang, "conv.url_note") }{ " " }<code>{ cnn::echo_list(&props.keys, lang) }</code></p>
            <button type="button" onclick={Callback::from(move |_| on_dismiss.emit(()))}>
                { tr(lang, "conv.url_note.ok") }
            </button>
        </div>
    }
}
