//! The kernel of the shown filter (one grid per channel), the filter tabs, the bias and the
//! kernel mode.

use std::rc::Rc;

use cnn::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, ConvState};
use super::{CHANNEL_RGB, GREY_RGB, channel_name, tint};
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::i18n::tr;
use crate::query;

#[derive(Properties, PartialEq)]
pub struct KernelPanelProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    /// The filter whose kernel is shown.
    pub filter: usize,
    /// A filter tab was chosen.
    pub on_filter: Callback<usize>,
    pub on: Callback<Action>,
}

#[function_component]
pub fn KernelPanel(props: &KernelPanelProps) -> Html {
    let lang = props.lang;
    let s = &props.state;
    let dispatch = &props.on;
    let filter = props.filter;
    let (kh, kw) = (s.kernel_size.h, s.kernel_size.w);
    let kernel_scale = s.weights.iter().fold(1.0f32, |m, v| m.max(v.abs()));
    let filter_tabs = (s.filters > 1).then(|| {
        let tabs = (0..s.filters).map(|f| {
            let onclick = props.on_filter.reform(move |_| f);
            html! {
                <button type="button" role="tab" aria-selected={(f == filter).to_string()}
                    class={classes!("tab", (f == filter).then_some("active"))}
                    data-testid={format!("filter-tab-{f}")} {onclick}>
                    { format!("{} {}", tr(lang, "conv.filter"), f + 1) }
                </button>
            }
        });
        html! { <div class="filter-tabs" role="tablist" aria-label={tr(lang, "conv.filters")}>{ for tabs }</div> }
    });
    let kernel_grids = (0..s.channels).map(|c| {
        let f = filter;
        let colour = if s.channels == 1 {
            GREY_RGB
        } else {
            CHANNEL_RGB[c]
        };
        let plane = s.kernel_plane(f, c);
        let cells: Vec<GridCell> = plane
            .iter()
            .map(|&w| GridCell {
                value: Some(w),
                style: tint(w, kernel_scale, colour),
                editable: true,
                ..GridCell::default()
            })
            .collect();
        let on_toggle = {
            let dispatch = dispatch.clone();
            Callback::from(move |(y, x): (usize, usize)| {
                dispatch.emit(Action::ToggleWeight {
                    filter: f,
                    channel: c,
                    y,
                    x,
                })
            })
        };
        let on_set = {
            let dispatch = dispatch.clone();
            Callback::from(move |(y, x, value): (usize, usize, f32)| {
                dispatch.emit(Action::SetWeight {
                    filter: f,
                    channel: c,
                    y,
                    x,
                    value,
                })
            })
        };
        let name = channel_name(lang, s.channels, c);
        html! {
            <figure class={classes!("grid-figure", format!("channel-{c}"))}>
                if s.channels > 1 { <figcaption>{ name }</figcaption> }
                <GridEditor {lang} rows={kh} cols={kw} cells={Rc::new(cells)}
                    label={format!("{} {} — {}", tr(lang, "conv.kernel.title"), f + 1, name)}
                    class={classes!("kernel-grid")} testid={format!("kernel-grid-{c}")}
                    {on_toggle} {on_set} />
            </figure>
        }
    });
    let bias_input = {
        let dispatch = dispatch.clone();
        let f = filter;
        let value = s.bias.get(f).copied().unwrap_or(0.0);
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match query::parse_cell(&input.value()) {
                Some(v) => dispatch.emit(Action::SetBias {
                    filter: f,
                    value: v,
                }),
                None => input.set_value(&value.to_string()),
            }
        });
        html! {
            <label class="bias">
                <span>{ tr(lang, "conv.bias") }{ " b = " }</span>
                <input type="text" inputmode="decimal" class="bias-input" data-testid="bias"
                    value={value.to_string()} {onchange} />
            </label>
        }
    };

    html! {
        <section class="stage-panel stage-kernel" aria-labelledby="kernel-title">
            <h2 id="kernel-title">{ tr(lang, "conv.kernel.title") }</h2>
            { filter_tabs }
            <div class="grid-stack">{ for kernel_grids }</div>
            { bias_input }
            <p class="mode-badge" data-testid="mode-badge">{ s.mode.display_name(lang) }</p>
        </section>
    }
}
