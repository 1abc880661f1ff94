//! The architecture as spec text (the Training section's language): the table follows as you
//! type; a text that cannot be read shows the core's message in place of the table.

use cnn::Lang;
use yew::prelude::*;

use super::state::ArchAction;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct SpecEditorProps {
    pub lang: Lang,
    pub text: AttrValue,
    pub edited: bool,
    /// The parser's message when the text cannot be read.
    pub error: Option<AttrValue>,
    pub on: Callback<ArchAction>,
}

#[function_component]
pub fn SpecEditor(props: &SpecEditorProps) -> Html {
    let lang = props.lang;
    let oninput = props.on.reform(|e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        ArchAction::SetText(area.value())
    });
    let onrestore = props.on.reform(|_: MouseEvent| ArchAction::Restore);
    html! {
        <div class="arch-spec">
            <label for="arch-spec-text">{ tr(lang, "architectures.spec.label") }</label>
            <textarea id="arch-spec-text" data-testid="arch-spec" rows="3" spellcheck="false"
                aria-describedby="arch-spec-hint" value={props.text.clone()} {oninput} />
            <p id="arch-spec-hint" class="hint">{ tr(lang, "architectures.spec.hint") }</p>
            if props.edited {
                <button type="button" data-testid="arch-restore" onclick={onrestore}>
                    { tr(lang, "architectures.spec.restore") }
                </button>
            }
            if let Some(error) = &props.error {
                <p class="error" role="alert" data-testid="arch-spec-error">{ error.clone() }</p>
            }
        </div>
    }
}
