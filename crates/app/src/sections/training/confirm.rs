//! The question asked before an action would throw away trained weights: Reset builds a new
//! network and Load replaces this one, so both offer to save it first.

use yew::prelude::*;

use crate::i18n::tr;
use cnn::Lang;

/// An action held back until the user confirms it.
#[derive(Clone, Debug, PartialEq)]
pub enum Held {
    Reset,
    /// The bytes of the chosen file.
    Load(std::rc::Rc<Vec<u8>>),
}

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub lang: Lang,
    pub held: Held,
    /// Examples the network was trained on (0 for a loaded file not trained further).
    pub examples: u64,
    pub on_save_first: Callback<()>,
    pub on_anyway: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    let lang = props.lang;
    let first = use_node_ref();
    {
        // Keyboard users land on the question, not somewhere behind it.
        let first = first.clone();
        use_effect_with(props.held.clone(), move |_| {
            if let Some(button) = first.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let (title, anyway) = match props.held {
        Held::Reset => ("training.confirm.reset", "training.confirm.reset_anyway"),
        Held::Load(_) => ("training.confirm.load", "training.confirm.load_anyway"),
    };
    let trained = if props.examples > 0 {
        format!(
            "{} {}.",
            tr(lang, "training.confirm.trained"),
            props.examples
        )
    } else {
        tr(lang, "training.confirm.loaded").to_string()
    };
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    let onkeydown = {
        let cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                cancel.emit(());
            }
        })
    };
    html! {
        <div class="training-confirm" role="alertdialog" aria-labelledby="training-confirm-title"
            aria-describedby="training-confirm-text" data-testid="confirm" {onkeydown}>
            <p id="training-confirm-title" class="training-confirm-title">{ tr(lang, title) }</p>
            <p id="training-confirm-text">{ trained }{ " " }{ tr(lang, "training.confirm.lost") }</p>
            <div class="training-confirm-buttons">
                <button type="button" class="primary" ref={first} data-testid="confirm-save"
                    onclick={emit(&props.on_save_first)}>{ tr(lang, "training.confirm.save_first") }</button>
                <button type="button" data-testid="confirm-anyway"
                    onclick={emit(&props.on_anyway)}>{ tr(lang, anyway) }</button>
                <button type="button" data-testid="confirm-cancel"
                    onclick={emit(&props.on_cancel)}>{ tr(lang, "training.confirm.cancel") }</button>
            </div>
        </div>
    }
}
