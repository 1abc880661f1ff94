//! A grid of numbers that can be read, clicked and typed into — the input image, a kernel, a
//! feature map.
//!
//! Keyboard: the arrow keys (and Home/End) move between cells; Space toggles 0 ↔ 1; a digit,
//! `-` or `.` starts typing a number (Enter or Tab keeps it, Escape cancels); Enter or F2 edits
//! the current value; Delete sets 0. A click toggles 0 ↔ 1. Only one cell is in the tab order
//! (a "roving" tab index), so Tab moves on to the next control, as ARIA's grid pattern asks.

use std::rc::Rc;

use cnn::{Lang, format_number};
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::tr;
use crate::query::parse_cell;

/// How one cell is drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridCell {
    /// The number shown; `None` leaves the cell blank (a value not computed yet).
    pub value: Option<f32>,
    /// Extra CSS classes (`pad`, `tap`, `window`, `current` …).
    pub class: String,
    /// Inline style, e.g. a background tint proportional to the value.
    pub style: String,
    /// A small second number in the corner (the weight a tap is multiplied by).
    pub badge: Option<String>,
    /// Clicks and typing change this cell.
    pub editable: bool,
    /// Extra words for screen readers (e.g. "padding", "current window").
    pub note: Option<String>,
}

/// The text of a cell: its number as the lecture writes it (the written sums use the same
/// [`format_number`], so a cell and the sum beside it agree), blank when not computed yet.
pub fn cell_text(cell: &GridCell) -> String {
    cell.value.map(format_number).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct GridEditorProps {
    pub lang: Lang,
    pub rows: usize,
    pub cols: usize,
    pub cells: Rc<Vec<GridCell>>,
    /// The grid's accessible name.
    pub label: AttrValue,
    /// Click or Space on an editable cell (row, column).
    #[prop_or_default]
    pub on_toggle: Callback<(usize, usize)>,
    /// A typed number for an editable cell (row, column, value).
    #[prop_or_default]
    pub on_set: Callback<(usize, usize, f32)>,
    #[prop_or_default]
    pub class: Classes,
    /// `data-testid` of the grid, for tests.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// Where keyboard focus goes after a key.
fn moved(key: &str, (y, x): (usize, usize), rows: usize, cols: usize) -> Option<(usize, usize)> {
    Some(match key {
        "ArrowUp" => (y.saturating_sub(1), x),
        "ArrowDown" => ((y + 1).min(rows - 1), x),
        "ArrowLeft" => (y, x.saturating_sub(1)),
        "ArrowRight" => (y, (x + 1).min(cols - 1)),
        "Home" => (y, 0),
        "End" => (y, cols - 1),
        _ => return None,
    })
}

/// Long numbers get a smaller font so that they fit their cell.
fn length_class(text: &str) -> Option<&'static str> {
    match text.chars().count() {
        0..=3 => None,
        4 => Some("long"),
        _ => Some("longer"),
    }
}

/// A key that starts typing a new number.
fn starts_number(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_digit() || "-−.,".contains(c))
}

#[function_component]
pub fn GridEditor(props: &GridEditorProps) -> Html {
    let GridEditorProps {
        lang, rows, cols, ..
    } = *props;
    let focus = use_state(|| (0usize, 0usize));
    // (row, column, text being typed)
    let editing = use_state(|| None::<(usize, usize, String)>);
    let wants_focus = use_mut_ref(|| false);
    let grid_ref = use_node_ref();

    // Keep the roving focus inside the grid when it shrinks.
    let (fy, fx) = *focus;
    let current = (
        fy.min(rows.saturating_sub(1)),
        fx.min(cols.saturating_sub(1)),
    );

    {
        let grid_ref = grid_ref.clone();
        let wants_focus = wants_focus.clone();
        let editing_now = editing.is_some();
        use_effect(move || {
            if std::mem::take(&mut *wants_focus.borrow_mut())
                && let Some(grid) = grid_ref.cast::<HtmlElement>()
            {
                let selector = if editing_now {
                    "input".to_string()
                } else {
                    format!("[data-y=\"{}\"][data-x=\"{}\"]", current.0, current.1)
                };
                if let Ok(Some(el)) = grid.query_selector(&selector)
                    && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(el)
                {
                    let _ = el.focus();
                    if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el) {
                        // Put the caret at the end of what was typed so far.
                        let len = input.value().chars().count() as u32;
                        let _ = input.set_selection_range(len, len);
                    }
                }
            }
        });
    }

    let commit = {
        let editing = editing.clone();
        let on_set = props.on_set.clone();
        let wants_focus = wants_focus.clone();
        Callback::from(move |(text, refocus): (String, bool)| {
            if let Some((y, x, _)) = &*editing {
                if let Some(value) = parse_cell(&text) {
                    on_set.emit((*y, *x, value));
                }
                editing.set(None);
                *wants_focus.borrow_mut() = refocus;
            }
        })
    };

    let mut row_nodes = Vec::with_capacity(rows);
    for y in 0..rows {
        let mut cell_nodes = Vec::with_capacity(cols);
        for x in 0..cols {
            let cell = props.cells.get(y * cols + x).cloned().unwrap_or_default();
            let is_focus = (y, x) == current;
            let is_editing = matches!(&*editing, Some((ey, ex, _)) if (*ey, *ex) == (y, x));
            let text = cell_text(&cell);
            let length = length_class(&text);
            let aria = {
                let mut parts = vec![format!(
                    "{} {}, {} {}: {}",
                    tr(lang, "conv.grid.row"),
                    y + 1,
                    tr(lang, "conv.grid.column"),
                    x + 1,
                    if text.is_empty() {
                        tr(lang, "conv.grid.blank").to_string()
                    } else {
                        text.clone()
                    }
                )];
                if let Some(note) = &cell.note {
                    parts.push(note.clone());
                }
                if let Some(badge) = &cell.badge {
                    parts.push(badge.clone());
                }
                parts.join(", ")
            };
            let onclick = {
                let focus = focus.clone();
                let on_toggle = props.on_toggle.clone();
                let editable = cell.editable;
                let editing = editing.clone();
                Callback::from(move |_: MouseEvent| {
                    if editing.is_some() {
                        return;
                    }
                    focus.set((y, x));
                    if editable {
                        on_toggle.emit((y, x));
                    }
                })
            };
            let onkeydown = {
                let focus = focus.clone();
                let editing = editing.clone();
                let on_toggle = props.on_toggle.clone();
                let on_set = props.on_set.clone();
                let wants_focus = wants_focus.clone();
                let editable = cell.editable;
                let value = cell.value;
                Callback::from(move |e: KeyboardEvent| {
                    if editing.is_some() {
                        return;
                    }
                    let key = e.key();
                    if let Some(next) = moved(&key, (y, x), rows, cols) {
                        e.prevent_default();
                        // The page's ←/→ = step shortcut must not fire while moving in a grid.
                        e.stop_propagation();
                        focus.set(next);
                        *wants_focus.borrow_mut() = true;
                        return;
                    }
                    if !editable || e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    if key == " " {
                        e.prevent_default();
                        e.stop_propagation();
                        on_toggle.emit((y, x));
                    } else if key == "Enter" || key == "F2" {
                        e.prevent_default();
                        e.stop_propagation();
                        let start = value.map(|v| v.to_string()).unwrap_or_default();
                        editing.set(Some((y, x, start)));
                        *wants_focus.borrow_mut() = true;
                    } else if key == "Delete" || key == "Backspace" {
                        e.prevent_default();
                        on_set.emit((y, x, 0.0));
                    } else if starts_number(&key) {
                        e.prevent_default();
                        e.stop_propagation();
                        editing.set(Some((y, x, key)));
                        *wants_focus.borrow_mut() = true;
                    }
                })
            };
            let content = if is_editing {
                let typed = match &*editing {
                    Some((_, _, t)) => t.clone(),
                    None => String::new(),
                };
                let oninput = {
                    let editing = editing.clone();
                    Callback::from(move |e: InputEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        editing.set(Some((y, x, input.value())));
                    })
                };
                let onkeydown = {
                    let commit = commit.clone();
                    let editing = editing.clone();
                    let wants_focus = wants_focus.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        match e.key().as_str() {
                            "Enter" => {
                                e.prevent_default();
                                commit.emit((input.value(), true));
                            }
                            "Tab" => commit.emit((input.value(), false)),
                            "Escape" => {
                                e.prevent_default();
                                editing.set(None);
                                *wants_focus.borrow_mut() = true;
                            }
                            _ => {}
                        }
                        e.stop_propagation();
                    })
                };
                let onblur = {
                    let commit = commit.clone();
                    Callback::from(move |e: FocusEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        commit.emit((input.value(), false));
                    })
                };
                html! {
                    <input class="grid-input" type="text" inputmode="decimal" value={typed}
                        aria-label={aria.clone()} {oninput} {onkeydown} {onblur} />
                }
            } else {
                html! {
                    // The badge is drawn from `data-badge` (a pseudo-element): the cell's visible
                    // text stays its number, which is part of its accessible name.
                    <span class="grid-value">{ text }</span>
                }
            };
            cell_nodes.push(html! {
                <div role="gridcell"
                    class={classes!("grid-cell", cell.class.clone(), cell.editable.then_some("editable"), is_editing.then_some("editing"), length)}
                    style={cell.style.clone()}
                    tabindex={if is_focus { "0" } else { "-1" }}
                    data-y={y.to_string()} data-x={x.to_string()}
                    data-badge={cell.badge.clone()}
                    aria-label={aria}
                    aria-readonly={(!cell.editable).then_some("true")}
                    {onclick} {onkeydown}>
                    { content }
                </div>
            });
        }
        row_nodes.push(html! { <div role="row" class="grid-row">{ for cell_nodes }</div> });
    }
    html! {
        <div ref={grid_ref} role="grid" class={classes!("grid", props.class.clone())}
            aria-label={props.label.clone()}
            data-testid={props.testid.clone()}
            style={format!("--cols: {cols}; --rows: {rows};")}>
            { for row_nodes }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_keys_stay_inside_the_grid() {
        assert_eq!(moved("ArrowUp", (0, 2), 3, 3), Some((0, 2)));
        assert_eq!(moved("ArrowDown", (2, 2), 3, 3), Some((2, 2)));
        assert_eq!(moved("ArrowRight", (1, 1), 3, 3), Some((1, 2)));
        assert_eq!(moved("End", (1, 0), 3, 4), Some((1, 3)));
        assert_eq!(moved("x", (1, 0), 3, 4), None);
    }

    #[test]
    fn which_keys_start_a_number() {
        for key in ["0", "7", "-", "−", ".", ","] {
            assert!(starts_number(key), "{key}");
        }
        for key in ["a", "Enter", " ", "F2", "12"] {
            assert!(!starts_number(key), "{key}");
        }
    }
}
