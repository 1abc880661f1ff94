//! The Pooling section: max and average pooling windows sliding over a grid, the same
//! output-size arithmetic and animation as the Convolution lab, and the backward pass — where
//! the upstream gradient of each output goes.
//!
//! The state ([`state::PoolState`]) lives in one reducer and in the URL ([`url`]); everything
//! shown is computed by the core in [`model::PoolModel`]; the components only draw it.

pub mod backward_panel;
pub mod model;
pub mod state;
pub mod url;

use std::rc::Rc;

use cnn::Localized;
use cnn::pool::PoolKind;
use yew::prelude::*;

use self::backward_panel::BackwardPanel;
use self::model::PoolModel;
use self::state::{PoolAction, PoolSetting, PoolState};
use super::SectionProps;
use super::conv::arithmetic::OutputSizePanel;
use super::conv::{GREY_RGB, tint};
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::components::player::{Player, use_player};
use crate::components::settings::AxisSetting;
use crate::components::{LiveRegion, UrlNote};
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
    let model = Rc::new(PoolModel::new(s));
    let current = s.current();

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
    let scale = model::scale(&s.input);
    let (h, w) = (s.input_size.h, s.input_size.w);
    let input_cells: Vec<GridCell> = model
        .input_cells
        .iter()
        .zip(&s.input)
        .map(|(cell, &value)| {
            let mut class = Vec::new();
            let mut note = Vec::new();
            if cell.in_window {
                class.push("tap");
                note.push(tr(lang, "pool.note.window"));
            }
            if cell.winner {
                class.push("winner");
                note.push(tr(lang, "pool.note.winner"));
            }
            if cell.uncovered {
                class.push("uncovered");
                note.push(tr(lang, "conv.note.uncovered"));
            }
            GridCell {
                value: Some(value),
                class: class.join(" "),
                style: tint(value, scale, GREY_RGB),
                // The winner is marked in words too, not by its green frame alone.
                badge: cell
                    .winner
                    .then(|| tr(lang, "pool.badge.winner").to_string()),
                editable: true,
                note: (!note.is_empty()).then(|| note.join(", ")),
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
    let output = match &model.output {
        Ok(out) => {
            let shape = out.shape();
            let (oh, ow) = (shape.height, shape.width);
            let out_scale = model::scale(out.data());
            let cells: Vec<GridCell> = (0..oh * ow)
                .map(|i| {
                    let (y, x) = (i / ow, i % ow);
                    let revealed = s.is_revealed(y, x);
                    let value = revealed.then(|| out.get(0, y, x));
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

    let written_line = model.trace.as_ref().map(|t| {
        html! {
            <section class="card sum-panel" aria-labelledby="pool-sum-title">
                <h2 id="pool-sum-title">{ tr(lang, "pool.sum.title") }</h2>
                <p class="sum-place">{ format!("{} [{}, {}]", tr(lang, "conv.sum.cell"), t.out_y + 1, t.out_x + 1) }</p>
                <p class="sum-line mono" data-testid="pool-written">{ t.written() }</p>
                <LiveRegion text={s.playback.announcement(format!("{} [{}, {}]: {}",
                    tr(lang, "conv.sum.cell"), t.out_y + 1, t.out_x + 1, t.written()))} testid="pool-announce" />
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
            <OutputSizePanel {lang} geometry={model.geometry.clone()} />
            <div class="view-buttons">
                <button type="button" class={classes!("toggle", backward_on.then_some("active"))}
                    aria-expanded={backward_on.to_string()} data-testid="pool-view-backward"
                    onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(PoolAction::SetBackward(!backward_on))) }}>
                    { tr(lang, "pool.back.button") }
                </button>
            </div>
            if s.backward {
                <BackwardPanel {lang} state={s.clone()} model={model.clone()} on={dispatch.clone()} />
            }
        </section>
    }
}
