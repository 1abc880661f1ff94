//! The input grids (one per channel) with their padding, the current window's taps, the gaps
//! of a dilated kernel and the rows or columns no window reads.

use std::rc::Rc;

use cnn::{Lang, format_number};
use yew::prelude::*;

use super::model::LabModel;
use super::state::{Action, ConvState};
use super::{CHANNEL_RGB, GREY_RGB, channel_name, tint};
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    pub model: Rc<LabModel>,
    pub on: Callback<Action>,
}

#[function_component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let lang = props.lang;
    let s = &props.state;
    let dispatch = &props.on;
    let model = &props.model;
    let input_scale = s.input.iter().fold(1.0f32, |m, v| m.max(v.abs()));
    let (ph, pw) = (s.padding.h, s.padding.w);
    let padded_rows = s.input_size.h + 2 * ph;
    let padded_cols = s.input_size.w + 2 * pw;
    let input_grids = (0..s.channels).map(|c| {
        let colour = if s.channels == 1 {
            GREY_RGB
        } else {
            CHANNEL_RGB[c]
        };
        let cells: Vec<GridCell> = model
            .padded_cells(s, c)
            .into_iter()
            .map(|cell| {
                let mut class = Vec::new();
                let mut note = Vec::new();
                if cell.source.is_none() {
                    class.push("pad");
                    note.push(tr(lang, "conv.note.padding"));
                }
                if cell.in_window {
                    class.push(if cell.tap_weight.is_some() {
                        "tap"
                    } else {
                        "gap"
                    });
                    note.push(tr(
                        lang,
                        if cell.tap_weight.is_some() {
                            "conv.note.tap"
                        } else {
                            "conv.note.gap"
                        },
                    ));
                }
                if cell.uncovered {
                    class.push("uncovered");
                    note.push(tr(lang, "conv.note.uncovered"));
                }
                GridCell {
                    value: Some(cell.value),
                    class: class.join(" "),
                    style: if cell.source.is_some() {
                        tint(cell.value, input_scale, colour)
                    } else {
                        String::new()
                    },
                    badge: cell.tap_weight.map(|w| format!("×{}", format_number(w))),
                    editable: cell.source.is_some(),
                    note: (!note.is_empty()).then(|| note.join(", ")),
                }
            })
            .collect();
        let on_toggle = {
            let dispatch = dispatch.clone();
            Callback::from(move |(py, px): (usize, usize)| {
                if let (Some(y), Some(x)) = (py.checked_sub(ph), px.checked_sub(pw)) {
                    dispatch.emit(Action::ToggleInputCell { channel: c, y, x });
                }
            })
        };
        let on_set = {
            let dispatch = dispatch.clone();
            Callback::from(move |(py, px, value): (usize, usize, f32)| {
                if let (Some(y), Some(x)) = (py.checked_sub(ph), px.checked_sub(pw)) {
                    dispatch.emit(Action::SetInputCell {
                        channel: c,
                        y,
                        x,
                        value,
                    });
                }
            })
        };
        let name = channel_name(lang, s.channels, c);
        html! {
            <figure class={classes!("grid-figure", format!("channel-{c}"))}>
                <figcaption>{ name }</figcaption>
                <GridEditor {lang} rows={padded_rows} cols={padded_cols} cells={Rc::new(cells)}
                    label={format!("{} — {}", tr(lang, "conv.input.title"), name)}
                    class={classes!("input-grid")} testid={format!("input-grid-{c}")}
                    {on_toggle} {on_set} />
            </figure>
        }
    });

    html! {
        <section class="stage-panel stage-input" aria-labelledby="input-title">
            <h2 id="input-title">{ tr(lang, "conv.input.title") }</h2>
            <p class="stage-hint">{ tr(lang, "conv.input.hint") }</p>
            <div class="grid-stack">{ for input_grids }</div>
        </section>
    }
}
