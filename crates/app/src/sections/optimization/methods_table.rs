//! The steps each method needs to reach the tolerance (‖∇L‖ < 10⁻³ from then on), or why it
//! diverged, and the point each method is at on the step shown.

use std::rc::Rc;

use cnn::Lang;
use cnn::descent::written::format_point;
use yew::prelude::*;

use super::model::{OptModel, method_color, tolerance_text};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct MethodsTableProps {
    pub lang: Lang,
    pub model: Rc<OptModel>,
}

#[function_component]
pub fn MethodsTable(props: &MethodsTableProps) -> Html {
    let lang = props.lang;
    let rows = props.model.rows(lang);
    let explanations: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| {
            r.explanation
                .clone()
                .map(|e| (r.method.display_name(lang).to_owned(), e))
        })
        .collect();
    html! {
        <section class="card opt-methods" aria-labelledby="opt-methods-heading">
            <h2 id="opt-methods-heading">{ tr(lang, "optimization.methods.heading") }</h2>
            <table class="opt-table">
                <caption>{ format!("{} {}", tr(lang, "optimization.methods.caption"), tolerance_text()) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, "optimization.methods.method") }</th>
                        <th scope="col">{ tr(lang, "optimization.methods.steps") }</th>
                        <th scope="col">{ format!("w {} {}", tr(lang, "optimization.methods.at_step"), props.model.step) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-method={r.method.key()}>
                            <th scope="row">
                                <span class="swatch" aria-hidden="true"
                                    style={format!("--swatch:{}", method_color(r.method).css())}></span>
                                { r.method.display_name(lang) }
                            </th>
                            <td class="num" data-testid={format!("opt-steps-{}", r.method.key())}
                                data-steps={r.steps_attr.clone()}>{ r.text.clone() }</td>
                            <td class="num" data-testid={format!("opt-point-{}", r.method.key())}>
                                { format_point(r.point) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { for explanations.into_iter().map(|(name, text)| html! {
                <p class="opt-diverged" data-testid="opt-diverged"><strong>{ name }{ ": " }</strong>{ text }</p>
            }) }
        </section>
    }
}
