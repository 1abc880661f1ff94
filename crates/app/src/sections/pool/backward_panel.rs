//! The backward view of pooling: the upstream gradient (editable, one number per output cell)
//! and the gradient each input cell receives, with the share of the current output marked.

use std::rc::Rc;

use cnn::pool::PoolKind;
use cnn::{Lang, Localized, format_number};
use yew::prelude::*;

use super::model::{PoolModel, scale};
use super::state::{PoolAction, PoolState};
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::i18n::tr;
use crate::sections::conv::tint;

/// The tint of gradients (green, unlike values).
const GRADIENT_RGB: (u8, u8, u8) = (23, 102, 58);

#[derive(Properties, PartialEq)]
pub struct BackwardPanelProps {
    pub lang: Lang,
    pub state: Rc<PoolState>,
    pub model: Rc<PoolModel>,
    pub on: Callback<PoolAction>,
}

#[function_component]
pub fn BackwardPanel(props: &BackwardPanelProps) -> Html {
    let lang = props.lang;
    let (s, m) = (&props.state, &props.model);
    let (Ok(out), Some(grad_in)) = (&m.output, &m.grad_input) else {
        return html! {};
    };
    let shape = out.shape();
    let (oh, ow) = (shape.height, shape.width);
    let (h, w) = (s.input_size.h, s.input_size.w);
    let current = s.current();
    let g_scale = scale(&s.grad);
    let grad_cells: Vec<GridCell> = (0..oh * ow)
        .map(|i| GridCell {
            value: Some(s.grad[i]),
            class: if current == Some((i / ow, i % ow)) {
                "current".into()
            } else {
                String::new()
            },
            style: tint(s.grad[i], g_scale, GRADIENT_RGB),
            editable: true,
            ..GridCell::default()
        })
        .collect();
    let on_grad_set = props
        .on
        .reform(|(y, x, value)| PoolAction::SetGrad { y, x, value });
    let on_grad_toggle = {
        let on = props.on.clone();
        let grad = s.grad.clone();
        Callback::from(move |(y, x): (usize, usize)| {
            let v = grad.get(y * ow + x).copied().unwrap_or(0.0);
            on.emit(PoolAction::SetGrad {
                y,
                x,
                value: if v == 0.0 { 1.0 } else { 0.0 },
            })
        })
    };
    let grad_in_view = match grad_in {
        Ok(gi) => {
            let gi_scale = scale(gi.data());
            let cells: Vec<GridCell> = (0..h * w)
                .map(|i| {
                    let (y, x) = (i / w, i % w);
                    let v = gi.get(0, y, x);
                    let share = m.share(y, x);
                    GridCell {
                        value: Some(v),
                        class: if share.is_some() {
                            "winner".into()
                        } else {
                            String::new()
                        },
                        badge: share.map(|share| format!("+{}", format_number(share))),
                        style: tint(v, gi_scale, GRADIENT_RGB),
                        ..GridCell::default()
                    }
                })
                .collect();
            html! {
                <GridEditor {lang} rows={h} cols={w} cells={Rc::new(cells)}
                    label={tr(lang, "pool.back.input")} class={classes!("output-grid", "large")} testid="pool-grad-input" />
            }
        }
        Err(e) => html! { <p class="error" role="alert">{ e.message(lang) }</p> },
    };
    let text_key = if s.kind == PoolKind::Max {
        "pool.back.text_max"
    } else {
        "pool.back.text_avg"
    };
    html! {
        <section class="card extra-panel" aria-labelledby="pool-back-title" data-testid="pool-backward">
            <h2 id="pool-back-title">{ tr(lang, "pool.back.title") }</h2>
            <p>{ tr(lang, text_key) }</p>
            <div class="conv-stage">
                <figure class="grid-figure">
                    <figcaption>{ tr(lang, "pool.back.upstream") }</figcaption>
                    <GridEditor {lang} rows={oh} cols={ow} cells={Rc::new(grad_cells)}
                        label={tr(lang, "pool.back.upstream")} class={classes!("kernel-grid", "large")} testid="pool-grad"
                        on_set={on_grad_set} on_toggle={on_grad_toggle} />
                </figure>
                <div class="stage-operator" aria-hidden="true">{ "→" }</div>
                <figure class="grid-figure">
                    <figcaption>{ tr(lang, "pool.back.input") }</figcaption>
                    { grad_in_view }
                </figure>
            </div>
            if let Some(text) = m.backward_explanation(lang) {
                <p class="sum-line" data-testid="pool-back-explanation">{ text }</p>
            }
        </section>
    }
}
