//! The Pooling section: max and average pooling windows sliding over a grid, the same
//! output-size arithmetic and animation as the Convolution lab, and the backward pass — where
//! the upstream gradient of each output goes.

pub mod model;
pub mod state;
pub mod url;

use std::rc::Rc;

use cnn::pool::{PoolKind, pool2d_backward_reference, pool2d_reference, pool2d_trace};
use cnn::{Localized, Shape, Tensor, format_number};
use yew::prelude::*;

use self::state::{PoolAction, PoolSetting, PoolState};
use super::SectionProps;
use super::conv::arithmetic::OutputSizePanel;
use super::conv::{GREY_RGB, tint};
use crate::components::UrlNote;
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::components::player::{Player, use_player};
use crate::components::settings::AxisSetting;
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;

fn seed() -> u64 {
    (js_sys::Math::random() * 9.0e15) as u64
}

#[function_component]
pub fn PoolSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (pool, dispatch) =
        use_url_reducer::<PoolState>(props.query.clone(), props.on_query.clone());
    let on_player = dispatch.reform(PoolAction::Player);
    use_player(on_player.clone(), pool.0.playback);

    let s = &pool.0;
    let config = s.config();
    let input = Tensor::new(
        Shape::new(1, s.input_size.h, s.input_size.w),
        s.input.clone(),
    );
    let result = input
        .as_ref()
        .map_err(|e| cnn::ConvError::Shape(e.clone()))
        .and_then(|input| pool2d_reference(input, &config));
    let current = s.current();
    let trace = match (&input, current) {
        (Ok(input), Some((y, x))) => pool2d_trace(input, &config, 0, y, x).ok(),
        _ => None,
    };
    let geometry = s.geometry();

    // ---- controls ------------------------------------------------------------------------
    let kinds = [PoolKind::Max, PoolKind::Average].map(|kind| {
        let dispatch = dispatch.clone();
        let active = s.kind == kind;
        html! {
            <button type="button" class={classes!("toggle", active.then_some("active"))}
                aria-pressed={active.to_string()} data-testid={format!("pool-kind-{}", state::kind_key(kind))}
                onclick={Callback::from(move |_| dispatch.emit(PoolAction::SetKind(kind)))}>
                { kind.display_name(lang) }
            </button>
        }
    });
    let setting_key = |setting: PoolSetting| match setting {
        PoolSetting::Input => "pool.set.input",
        PoolSetting::Window => "pool.set.window",
        PoolSetting::Stride => "pool.set.stride",
    };
    let settings = PoolSetting::ALL.into_iter().map(|setting| {
        let range = setting.range();
        html! {
            <AxisSetting {lang} label={tr(lang, setting_key(setting))} value={s.value(setting)}
                min={*range.start()} max={*range.end()} linked={s.linked}
                testid={format!("pool-set-{}", setting.key())}
                on_change={dispatch.reform(move |(axis, value)| PoolAction::Set { setting, axis, value })} />
        }
    });
    let link_toggle = {
        let dispatch = dispatch.clone();
        let linked = s.linked;
        html! {
            <label class="check">
                <input type="checkbox" checked={linked}
                    onchange={Callback::from(move |_| dispatch.emit(PoolAction::SetLinked(!linked)))} />
                { tr(lang, "conv.link") }
            </label>
        }
    };

    // ---- input grid ----------------------------------------------------------------------
    let scale = s.input.iter().fold(1.0f32, |m, v| m.max(v.abs()));
    let (h, w) = (s.input_size.h, s.input_size.w);
    let uncovered = |y: usize, x: usize| {
        geometry
            .as_ref()
            .is_ok_and(|g| g.height.uncovered.contains(&y) || g.width.uncovered.contains(&x))
    };
    let input_cells: Vec<GridCell> = (0..h * w)
        .map(|i| {
            let (y, x) = (i / w, i % w);
            let mut class = Vec::new();
            let mut note = Vec::new();
            if let Some(t) = &trace
                && let Some(k) = t
                    .cells
                    .iter()
                    .position(|c| (c.in_y, c.in_x) == (y as isize, x as isize))
            {
                class.push("tap");
                note.push(tr(lang, "pool.note.window"));
                if t.winner == Some(k) {
                    class.push("winner");
                    note.push(tr(lang, "pool.note.winner"));
                }
            }
            if uncovered(y, x) {
                class.push("uncovered");
                note.push(tr(lang, "conv.note.uncovered"));
            }
            GridCell {
                value: Some(s.input[i]),
                class: class.join(" "),
                style: tint(s.input[i], scale, GREY_RGB),
                editable: true,
                note: (!note.is_empty()).then(|| note.join(", ")),
                ..GridCell::default()
            }
        })
        .collect();
    let on_toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |(y, x)| dispatch.emit(PoolAction::ToggleCell { y, x }))
    };
    let on_set = {
        let dispatch = dispatch.clone();
        Callback::from(move |(y, x, value)| dispatch.emit(PoolAction::SetCell { y, x, value }))
    };

    // ---- output --------------------------------------------------------------------------
    let output = match &result {
        Ok(out) => {
            let shape = out.output.shape();
            let (oh, ow) = (shape.height, shape.width);
            let out_scale = out.output.data().iter().fold(1.0f32, |m, v| m.max(v.abs()));
            let cells: Vec<GridCell> = (0..oh * ow)
                .map(|i| {
                    let (y, x) = (i / ow, i % ow);
                    let revealed = s.is_revealed(y, x);
                    let value = revealed.then(|| out.output.get(0, y, x));
                    let is_current = current == Some((y, x));
                    GridCell {
                        value,
                        class: [
                            is_current.then_some("current"),
                            (!revealed).then_some("pending"),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                        style: value
                            .map(|v| tint(v, out_scale, GREY_RGB))
                            .unwrap_or_default(),
                        note: is_current.then(|| tr(lang, "conv.note.current").to_string()),
                        ..GridCell::default()
                    }
                })
                .collect();
            html! {
                <GridEditor {lang} rows={oh} cols={ow} cells={Rc::new(cells)}
                    label={tr(lang, "pool.output.title")} class={classes!("output-grid", "large")} testid="pool-output" />
            }
        }
        Err(e) => {
            html! { <p class="error conv-error" role="alert" data-testid="pool-error">{ e.message(lang) }</p> }
        }
    };

    let written_line = trace.as_ref().map(|t| {
        html! {
            <section class="card sum-panel" aria-labelledby="pool-sum-title">
                <h2 id="pool-sum-title">{ tr(lang, "pool.sum.title") }</h2>
                <p class="sum-place">{ format!("{} [{}, {}]", tr(lang, "conv.sum.cell"), t.out_y + 1, t.out_x + 1) }</p>
                <p class="sum-line mono" data-testid="pool-written" aria-live="polite">{ t.written() }</p>
            </section>
        }
    });

    // ---- backward ------------------------------------------------------------------------
    let backward = (s.backward).then(|| {
        let Ok(out) = &result else {
            return html! {};
        };
        let Ok(input_t) = &input else {
            return html! {};
        };
        let shape = out.output.shape();
        let (oh, ow) = (shape.height, shape.width);
        let grad_t = Tensor::new(Shape::new(1, oh, ow), s.grad.clone());
        let grad_in = grad_t
            .as_ref()
            .map_err(|e| cnn::ConvError::Shape(e.clone()))
            .and_then(|g| pool2d_backward_reference(input_t, &config, g));
        let g_scale = s.grad.iter().fold(1.0f32, |m, v| m.max(v.abs()));
        let grad_cells: Vec<GridCell> = (0..oh * ow)
            .map(|i| {
                let is_current = current == Some((i / ow, i % ow));
                GridCell {
                    value: Some(s.grad[i]),
                    class: if is_current { "current".into() } else { String::new() },
                    style: tint(s.grad[i], g_scale, (23, 102, 58)),
                    editable: true,
                    ..GridCell::default()
                }
            })
            .collect();
        let on_grad_set = {
            let dispatch = dispatch.clone();
            Callback::from(move |(y, x, value)| dispatch.emit(PoolAction::SetGrad { y, x, value }))
        };
        let on_grad_toggle = {
            let dispatch = dispatch.clone();
            let grad = s.grad.clone();
            Callback::from(move |(y, x): (usize, usize)| {
                let v = grad.get(y * ow + x).copied().unwrap_or(0.0);
                dispatch.emit(PoolAction::SetGrad { y, x, value: if v == 0.0 { 1.0 } else { 0.0 } })
            })
        };
        // Which input cells receive the current output's gradient.
        // The share of the current output's gradient each input cell receives (from the core).
        let shares: Vec<((isize, isize), f32)> = trace
            .as_ref()
            .map(|t| {
                let g = s.grad.get(t.out_y * ow + t.out_x).copied().unwrap_or(0.0);
                t.cells
                    .iter()
                    .zip(t.gradient_shares(g))
                    .filter(|(c, _)| !c.in_padding)
                    .map(|(c, share)| ((c.in_y, c.in_x), share))
                    .collect()
            })
            .unwrap_or_default();
        let receives = |y: usize, x: usize| -> Option<f32> {
            shares
                .iter()
                .find(|(at, share)| *at == (y as isize, x as isize) && *share != 0.0)
                .map(|(_, share)| *share)
        };
        let explanation = trace.as_ref().map(|t| {
            let g = s.grad.get(t.out_y * ow + t.out_x).copied().unwrap_or(0.0);
            match t.winner {
                Some(k) => format!(
                    "{} [{}, {}] = {} {} [{}, {}] {}",
                    tr(lang, "pool.back.max1"),
                    t.out_y + 1,
                    t.out_x + 1,
                    format_number(g),
                    tr(lang, "pool.back.max2"),
                    t.cells[k].in_y + 1,
                    t.cells[k].in_x + 1,
                    tr(lang, "pool.back.max3"),
                ),
                None => format!(
                    "{} [{}, {}] = {} {} {} {}: {} / {} = {}",
                    tr(lang, "pool.back.avg1"),
                    t.out_y + 1,
                    t.out_x + 1,
                    format_number(g),
                    tr(lang, "pool.back.avg2"),
                    t.divisor,
                    tr(lang, "pool.back.avg3"),
                    format_number(g),
                    t.divisor,
                    format_number(g / t.divisor as f32),
                ),
            }
        });
        let grad_in_view = match &grad_in {
            Ok(gi) => {
                let gi_scale = gi.data().iter().fold(1.0f32, |m, v| m.max(v.abs()));
                let cells: Vec<GridCell> = (0..h * w)
                    .map(|i| {
                        let (y, x) = (i / w, i % w);
                        let v = gi.get(0, y, x);
                        GridCell {
                            value: Some(v),
                            class: if receives(y, x).is_some() { "winner".into() } else { String::new() },
                            badge: receives(y, x).map(|share| format!("+{}", format_number(share))),
                            style: tint(v, gi_scale, (23, 102, 58)),
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
        html! {
            <section class="card extra-panel" aria-labelledby="pool-back-title" data-testid="pool-backward">
                <h2 id="pool-back-title">{ tr(lang, "pool.back.title") }</h2>
                <p>{ tr(lang, if s.kind == PoolKind::Max { "pool.back.text_max" } else { "pool.back.text_avg" }) }</p>
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
                if let Some(text) = explanation {
                    <p class="sum-line" data-testid="pool-back-explanation">{ text }</p>
                }
            </section>
        }
    });

    let note = {
        let dispatch = dispatch.clone();
        html! {
            <UrlNote {lang} keys={s.ignored.clone()}
                on_dismiss={Callback::from(move |()| dispatch.emit(PoolAction::DismissNote))} />
        }
    };

    let backward_on = s.backward;
    html! {
        <section class="section section-pool" aria-labelledby="pool-title">
            <h1 id="pool-title">{ tr(lang, "pool.title") }</h1>
            <p class="intro">{ tr(lang, "pool.intro") }</p>
            { note }
            <div class="conv-toolbar card">
                <div class="toolbar-group" role="group" aria-label={tr(lang, "pool.kind")}>
                    <span class="toolbar-label">{ tr(lang, "pool.kind") }</span>
                    { for kinds }
                </div>
                <div class="toolbar-group" role="group" aria-label={tr(lang, "conv.input.presets")}>
                    <span class="toolbar-label">{ tr(lang, "conv.input.presets") }</span>
                    <button type="button" data-testid="pool-lecture"
                        onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(PoolAction::Lecture)) }}>
                        { tr(lang, "conv.input.lecture") }
                    </button>
                    <button type="button"
                        onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(PoolAction::Random(seed()))) }}>
                        { tr(lang, "conv.input.random") }
                    </button>
                    { link_toggle }
                </div>
            </div>
            <div class="conv-settings">{ for settings }</div>
            <Player {lang} playback={s.playback} on={on_player} />
            <div class="conv-stage">
                <section class="stage-panel" aria-labelledby="pool-input-title">
                    <h2 id="pool-input-title">{ tr(lang, "pool.input.title") }</h2>
                    <p class="stage-hint">{ tr(lang, "pool.input.hint") }</p>
                    <GridEditor {lang} rows={h} cols={w} cells={Rc::new(input_cells)}
                        label={tr(lang, "pool.input.title")} class={classes!("input-grid", "large")} testid="pool-input"
                        {on_toggle} {on_set} />
                </section>
                <div class="stage-operator" aria-hidden="true">{ "→" }</div>
                <section class="stage-panel" aria-labelledby="pool-output-title">
                    <h2 id="pool-output-title">{ tr(lang, "pool.output.title") }</h2>
                    { output }
                </section>
            </div>
            { written_line }
            <OutputSizePanel {lang} geometry={geometry.clone()} with_dilation={false} />
            <div class="view-buttons">
                <button type="button" class={classes!("toggle", backward_on.then_some("active"))}
                    aria-expanded={backward_on.to_string()} data-testid="pool-view-backward"
                    onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(PoolAction::SetBackward(!backward_on))) }}>
                    { tr(lang, "pool.back.button") }
                </button>
            </div>
            { backward }
        </section>
    }
}
