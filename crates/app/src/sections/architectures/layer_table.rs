//! The layer table: one row per layer with its volumes, the output-size arithmetic, parameters,
//! multiply-adds and memory, the numbers editable in place; the totals at the bottom. A row that
//! does not fit says why, and the rows after it say they wait.

use std::rc::Rc;

use cnn::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::model::{ArchModel, RowView};
use super::state::{ArchAction, Field};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct LayerTableProps {
    pub lang: Lang,
    pub model: Rc<ArchModel>,
    pub on: Callback<ArchAction>,
}

fn field_key(field: Field) -> &'static str {
    match field {
        Field::InputSide => "architectures.field.side",
        Field::Channels => "architectures.field.channels",
        Field::Kernel => "architectures.field.kernel",
        Field::Stride => "architectures.field.stride",
        Field::Padding => "architectures.field.padding",
        Field::Dilation => "architectures.field.dilation",
        Field::Filters => "architectures.field.filters",
        Field::Units => "architectures.field.units",
    }
}

/// Short name for test ids: `edit-1-stride`.
fn field_code(field: Field) -> &'static str {
    match field {
        Field::InputSide => "side",
        Field::Channels => "channels",
        Field::Kernel => "kernel",
        Field::Stride => "stride",
        Field::Padding => "pad",
        Field::Dilation => "dilation",
        Field::Filters => "filters",
        Field::Units => "units",
    }
}

fn editors(lang: Lang, row: &RowView, on: &Callback<ArchAction>) -> Html {
    let index = row.index;
    html! {
        <span class="arch-edits">
            { for row.fields.iter().map(|&(field, value)| {
                let on = on.clone();
                // The table follows every keystroke; a half-typed (empty) number changes nothing.
                let oninput = Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    if let Ok(v) = input.value().trim().parse::<usize>() {
                        on.emit(ArchAction::Edit { row: index, field, value: v });
                    }
                });
                let label = tr(lang, field_key(field));
                html! {
                    <label class="arch-edit">
                        <span class="arch-edit-label">{ label }</span>
                        <input type="number" inputmode="numeric"
                            min={field.min().to_string()} max={field.max().to_string()}
                            value={value.to_string()}
                            aria-label={format!("{} — {label}", row.name)}
                            data-testid={format!("edit-{index}-{}", field_code(field))}
                            {oninput} />
                    </label>
                }
            }) }
        </span>
    }
}

fn lines(lines: &[(&'static str, String)]) -> Html {
    html! {
        { for lines.iter().map(|(kind, text)| html! {
            <span class={classes!("arch-line", format!("size-{kind}"))}>{ text.clone() }</span>
        }) }
    }
}

#[function_component]
pub fn LayerTable(props: &LayerTableProps) -> Html {
    let lang = props.lang;
    let m = &props.model;
    let (params, macs, memory) = m.totals_text(lang);
    let t = m.totals;
    html! {
        <div class="arch-table-wrap" tabindex="0" role="region"
            aria-label={tr(lang, "architectures.table.title")}>
            <table class="arch-table" data-testid="arch-table">
                <caption>{ tr(lang, "architectures.table.title") }</caption>
                <thead><tr>
                    <th scope="col">{ "#" }</th>
                    <th scope="col">{ tr(lang, "architectures.table.layer") }</th>
                    <th scope="col">{ tr(lang, "architectures.table.input") }</th>
                    <th scope="col">{ tr(lang, "architectures.table.output") }</th>
                    <th scope="col">{ tr(lang, "architectures.table.arithmetic") }</th>
                    <th scope="col" class="num">{ tr(lang, "architectures.table.params") }</th>
                    <th scope="col" class="num">{ tr(lang, "architectures.table.macs") }</th>
                    <th scope="col" class="num">{ tr(lang, "architectures.table.memory") }</th>
                </tr></thead>
                <tbody>
                    { for m.rows.iter().map(|r| {
                        let out = r.output.as_ref().map(|(_, code)| code.clone());
                        let class = classes!(
                            "arch-row",
                            r.refused.then_some("arch-refused"),
                            (r.explanation.is_some() && !r.refused).then_some("arch-waiting"),
                        );
                        html! {
                            <tr class={class} data-out={out} data-testid={format!("arch-row-{}", r.index)}>
                                <td>{ r.index }</td>
                                <th scope="row" class="arch-layer">
                                    <span class="arch-name">{ r.name.clone() }</span>
                                    <code>{ r.description.clone() }</code>
                                    { editors(lang, r, &props.on) }
                                </th>
                                if let Some(text) = &r.explanation {
                                    <td colspan="6" class="arch-explanation" role={r.refused.then_some("alert")}>
                                        { text.clone() }
                                    </td>
                                } else {
                                    <td>{ r.input.clone().unwrap_or_default() }</td>
                                    <td class="arch-out"><strong>{ r.output.clone().map(|o| o.0).unwrap_or_default() }</strong></td>
                                    <td class="arch-arith mono">{ lines(&r.arithmetic) }</td>
                                    <td class="num">
                                        <span class="arch-value">{ r.params.clone().unwrap_or_default() }</span>
                                        if let Some(f) = &r.params_formula {
                                            <span class="arch-formula mono">{ f.clone() }</span>
                                        }
                                    </td>
                                    <td class="num">
                                        <span class="arch-value">{ r.macs.clone().unwrap_or_default() }</span>
                                        if let Some(f) = &r.macs_formula {
                                            <span class="arch-formula mono">{ f.clone() }</span>
                                        }
                                    </td>
                                    <td class="num arch-memory">{ r.memory.clone().unwrap_or_default() }</td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
                <tfoot>
                    <tr data-testid="arch-totals" data-params={t.params.to_string()}
                        data-macs={t.macs.to_string()} data-complete={t.complete.to_string()}>
                        <th scope="row" colspan="5">
                            { tr(lang, if t.complete { "architectures.table.total" } else { "architectures.table.partial" }) }
                        </th>
                        <td class="num"><strong>{ params }</strong></td>
                        <td class="num"><strong>{ macs }</strong></td>
                        <td class="num"><strong>{ memory }</strong></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
