//! The network's text spec with its architecture table (shapes, parameters and the
//! output-size arithmetic of every layer), or the core's message for a spec it refuses.

use cnn::Lang;
use yew::prelude::*;

use super::form::{FormAction, check_spec};
use crate::i18n::tr;
use crate::training::config::general_formula;

#[derive(Properties, PartialEq)]
pub struct SpecPanelProps {
    pub lang: Lang,
    pub spec_text: String,
    /// Whether a network exists (a refused spec then leaves it training).
    pub has_network: bool,
    pub dispatch: Callback<FormAction>,
}

#[function_component]
pub fn SpecPanel(props: &SpecPanelProps) -> Html {
    let lang = props.lang;
    let checked_spec = check_spec(&props.spec_text);
    let on_spec = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                dispatch.emit(FormAction::Spec(area.value()));
            }
        })
    };
    let on_default_spec = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(FormAction::DefaultSpec))
    };
    let on_lenet5 = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(FormAction::LeNet5))
    };
    let table = match &checked_spec {
        Ok((spec, rows)) => html! {
            <table class="spec-table" data-testid="spec-table">
                <thead><tr>
                    <th scope="col">{ "#" }</th>
                    <th scope="col">{ tr(lang, "training.spec.layer") }</th>
                    <th scope="col">{ tr(lang, "training.spec.output") }</th>
                    <th scope="col">{ tr(lang, "training.spec.arithmetic") }{ ": " }
                        <span class="mono" data-testid="spec-general">{ general_formula(spec) }</span></th>
                    <th scope="col" class="num">{ tr(lang, "training.spec.params") }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, r)| html! {
                        <tr>
                            <td>{ i }</td>
                            <td><code>{ r.description.clone() }</code></td>
                            <td>{ format!("{}×{}×{}", r.output[1], r.output[2], r.output[0]) }</td>
                            <td class="arith">{ r.arithmetic.clone().unwrap_or_default() }</td>
                            <td class="num">{ r.params }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <td colspan="4">{ tr(lang, "training.spec.total") }</td>
                    <td class="num">{ rows.iter().map(|r| r.params).sum::<usize>() }</td>
                </tr></tfoot>
            </table>
        },
        Err(text) => html! {
            <p class="spec-error" role="alert" data-testid="spec-error">{ text.get(lang).to_string() }</p>
        },
    };
    html! {
        <section class="training-panel training-spec" aria-labelledby="training-spec-title">
            <h2 id="training-spec-title">{ tr(lang, "training.spec.title") }</h2>
            <p class="hint">{ tr(lang, "training.spec.hint") }</p>
            <label for="training-spec" class="visually-hidden">{ tr(lang, "training.spec.title") }</label>
            <textarea id="training-spec" data-testid="spec-input" rows="6" spellcheck="false"
                value={props.spec_text.clone()} oninput={on_spec} />
            <div class="spec-actions">
                <button type="button" onclick={on_default_spec}>{ tr(lang, "training.spec.default") }</button>
                { " " }
                <button type="button" data-testid="spec-lenet5" onclick={on_lenet5}>{ tr(lang, "training.spec.lenet5") }</button>
            </div>
            { table }
            if checked_spec.is_err() && props.has_network {
                <p class="hint">{ tr(lang, "training.spec.kept") }</p>
            }
        </section>
    }
}
