//! The held-out digits' confusion matrix (the core's [`cnn::ConfusionMatrix`]): counts and row
//! percentages, the diagonal marked, per-class accuracy; a cell is a button that filters the
//! gallery to its (true, predicted) digits, a second click clears the filter.

use std::rc::Rc;

use cnn::{ConfusionMatrix, Lang};
use yew::prelude::*;

use crate::i18n::tr;
use crate::training::state::Cell;

#[derive(Properties, PartialEq, Clone)]
pub struct ConfusionProps {
    pub lang: Lang,
    /// The matrix and the examples seen when it was counted.
    pub matrix: Option<(u64, Rc<ConfusionMatrix>)>,
    pub selected: Option<Cell>,
    pub on_cell: Callback<Cell>,
}

/// Background shade of a cell: its row share, from white (0 %) to full (100 %). The diagonal is
/// green, the mistakes red; the numbers and the diagonal's frame say the same without colour.
fn shade(share: f32, diagonal: bool) -> String {
    let a = share.clamp(0.0, 1.0);
    // Mistakes are rare (a few %): a square root makes 2 % visible.
    let a = if diagonal { a * 0.55 } else { a.sqrt() * 0.7 };
    let (r, g, b) = if diagonal {
        (26, 150, 65)
    } else {
        (215, 48, 39)
    };
    format!("background: rgba({r}, {g}, {b}, {a:.3})")
}

#[function_component]
pub fn Confusion(props: &ConfusionProps) -> Html {
    let lang = props.lang;
    let Some((examples, m)) = &props.matrix else {
        return html! {
            <p class="muted" data-testid="confusion-empty">{ tr(lang, "training.confusion.empty") }</p>
        };
    };
    let classes = m.classes();
    let header = (0..classes)
        .map(|p| html! { <th scope="col">{ p }</th> })
        .collect::<Html>();
    let rows = (0..classes)
        .map(|t| {
            let cells = (0..classes)
                .map(|p| {
                    let count = m.count(t, p);
                    let pct = m.row_percent(t, p).unwrap_or(0.0);
                    let diagonal = t == p;
                    let cell: Cell = (t as u8, p as u8);
                    let selected = props.selected == Some(cell);
                    let onclick = {
                        let on_cell = props.on_cell.clone();
                        Callback::from(move |_: MouseEvent| on_cell.emit(cell))
                    };
                    let aria = format!(
                        "{} {t}, {} {p}: {count} ({pct:.1} %){}",
                        tr(lang, "training.confusion.true"),
                        tr(lang, "training.confusion.predicted"),
                        if diagonal { format!(" — {}", tr(lang, "training.confusion.correct")) } else { String::new() }
                    );
                    html! {
                        <td class={classes!("confusion-cell", diagonal.then_some("diagonal"), selected.then_some("selected"), (count == 0).then_some("zero"))}
                            style={shade(pct / 100.0, diagonal)}>
                            <button type="button" {onclick} aria-pressed={selected.to_string()}
                                data-testid={format!("confusion-{t}-{p}")} data-count={count.to_string()}>
                                <span class="confusion-count">{ count }</span>
                                if count > 0 {
                                    <span class="confusion-pct">{ format!("{pct:.0}%") }</span>
                                }
                                // The name keeps the visible count and percentage first (WCAG 2.5.3).
                                <span class="visually-hidden">{ format!(" — {aria}") }</span>
                            </button>
                        </td>
                    }
                })
                .collect::<Html>();
            let accuracy = m
                .class_accuracy(t)
                .map_or_else(|| "–".to_string(), |a| format!("{:.1} %", a * 100.0));
            html! {
                <tr>
                    <th scope="row">{ t }</th>
                    { cells }
                    <td class="confusion-accuracy" data-testid={format!("confusion-accuracy-{t}")}>{ accuracy }</td>
                </tr>
            }
        })
        .collect::<Html>();
    html! {
        <div class="confusion" data-testid="confusion" data-examples={examples.to_string()}>
            <p class="confusion-caption">
                { format!("{} {examples} · {} {:.1} % ({} / {})", tr(lang, "training.gallery.after"),
                    tr(lang, "training.confusion.overall"), m.accuracy() * 100.0, m.correct(), m.total()) }
            </p>
            <p class="muted">{ tr(lang, "training.confusion.help") }</p>
            <div class="confusion-scroll">
                <table class="confusion-table">
                    <caption class="visually-hidden">{ tr(lang, "training.confusion.title") }</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="confusion-corner">{ tr(lang, "training.confusion.corner") }</th>
                            { header }
                            <th scope="col">{ tr(lang, "training.confusion.accuracy") }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            </div>
        </div>
    }
}
