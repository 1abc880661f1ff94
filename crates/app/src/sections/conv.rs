//! The Convolution lab section: a kernel sliding over a padded grid, with the arithmetic.
//!
//! The state ([`state::ConvState`]) lives in one reducer and in the URL; everything shown is
//! computed by the core ([`model::LabModel`]); the components here only draw it.

pub mod arithmetic;
pub mod extras;
pub mod fit;
pub mod model;
pub mod presets;
pub mod settings;
pub mod state;
pub mod url;

use std::rc::Rc;

use cnn::{ConvMode, Lang, Localized, format_number, format_operand};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use self::arithmetic::OutputSizePanel;
use self::extras::{Im2colPanel, RealImagePanel, WhyPanel};
use self::model::LabModel;
use self::presets::{InputPreset, KernelPreset};
use self::settings::{FILTERS, Setting};
use self::state::{Action, ConvState, View};
use super::SectionProps;
use crate::components::UrlNote;
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::components::player::{Player, use_player};
use crate::components::settings::{AxisSetting, Stepper};
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;
use crate::playback::PlayerMsg;
use crate::query;

/// Colours of the three input channels (red, green, blue), as RGB triples.
pub const CHANNEL_RGB: [(u8, u8, u8); 3] = [(220, 38, 38), (22, 140, 60), (37, 99, 235)];
/// Colour of the tint of single-channel grids.
pub const GREY_RGB: (u8, u8, u8) = (11, 87, 164);
const NEGATIVE_RGB: (u8, u8, u8) = (190, 30, 40);

/// A background tint for a value: stronger for larger |value|, red for negative values.
pub fn tint(value: f32, scale: f32, colour: (u8, u8, u8)) -> String {
    if value == 0.0 || !value.is_finite() {
        return String::new();
    }
    let (r, g, b) = if value < 0.0 { NEGATIVE_RGB } else { colour };
    let alpha = (value.abs() / scale.max(f32::EPSILON)).min(1.0) * 0.55 + 0.08;
    format!("background-color: rgba({r}, {g}, {b}, {alpha:.2});")
}

fn channel_name(lang: Lang, channels: usize, c: usize) -> &'static str {
    if channels == 1 {
        return tr(lang, "conv.channel.grey");
    }
    match c {
        0 => tr(lang, "conv.channel.r"),
        1 => tr(lang, "conv.channel.g"),
        _ => tr(lang, "conv.channel.b"),
    }
}

/// A random seed for the "random" presets (the reducer itself stays pure).
fn seed() -> u64 {
    (js_sys::Math::random() * 9.0e15) as u64
}

#[function_component]
pub fn ConvSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (lab, dispatch) = use_url_reducer::<ConvState>(props.query.clone(), props.on_query.clone());
    // Which filter's kernel the editor shows while the configuration is impossible.
    let chosen_filter = use_state(|| 0usize);

    let on_player = dispatch.reform(Action::Player);
    use_player(on_player.clone(), lab.0.playback);

    let s = &lab.0;
    let model = LabModel::new(s);
    let current = s.current();
    let shown_filter = current.map_or(*chosen_filter, |c| c.0).min(s.filters - 1);

    // ---- toolbar -------------------------------------------------------------------------
    let channel_buttons = [(1usize, "conv.mode.grey"), (3, "conv.mode.rgb")].map(|(n, key)| {
        let dispatch = dispatch.clone();
        html! {
            <button type="button" class={classes!("toggle", (s.channels == n).then_some("active"))}
                aria-pressed={(s.channels == n).to_string()} data-testid={format!("channels-{n}")}
                onclick={Callback::from(move |_| dispatch.emit(Action::SetChannels(n)))}>
                { tr(lang, key) }
            </button>
        }
    });
    let input_presets = InputPreset::ALL
        .into_iter()
        .filter(|p| match p {
            InputPreset::Lecture => s.channels == 1,
            InputPreset::Colour => s.channels == 3,
            _ => true,
        })
        .map(|preset| {
            let dispatch = dispatch.clone();
            html! {
                <button type="button" data-testid={format!("input-preset-{preset:?}").to_lowercase()}
                    onclick={Callback::from(move |_| dispatch.emit(Action::InputPreset { preset, seed: seed() }))}>
                    { tr(lang, preset.label_key()) }
                </button>
            }
        });
    let kernel_presets = KernelPreset::ALL.into_iter().map(|preset| {
        let dispatch = dispatch.clone();
        html! {
            <button type="button" data-testid={format!("kernel-preset-{preset:?}").to_lowercase()}
                onclick={Callback::from(move |_| dispatch.emit(Action::KernelPreset { filter: shown_filter, preset, seed: seed() }))}>
                { tr(lang, preset.label_key()) }
            </button>
        }
    });
    let link_toggle = {
        let dispatch = dispatch.clone();
        let linked = s.linked;
        html! {
            <label class="check">
                <input type="checkbox" checked={linked} data-testid="link-axes"
                    onchange={Callback::from(move |_| dispatch.emit(Action::SetLinked(!linked)))} />
                { tr(lang, "conv.link") }
            </label>
        }
    };

    // ---- settings ------------------------------------------------------------------------
    let setting_key = |setting: Setting| match setting {
        Setting::Input => "conv.set.input",
        Setting::Kernel => "conv.set.kernel",
        Setting::Padding => "conv.set.padding",
        Setting::Stride => "conv.set.stride",
        Setting::Dilation => "conv.set.dilation",
    };
    let settings = Setting::ALL.into_iter().map(|setting| {
        let range = setting.range();
        html! {
            <AxisSetting {lang} label={tr(lang, setting_key(setting))} value={s.value(setting)}
                min={*range.start()} max={*range.end()} linked={s.linked}
                testid={format!("set-{}", setting.key())}
                on_change={dispatch.reform(move |(axis, value)| Action::Set { setting, axis, value })} />
        }
    });
    let filters_stepper = {
        let dispatch = dispatch.clone();
        html! {
            <div class="setting">
                <Stepper {lang} label={tr(lang, "conv.set.filters")} value={s.filters}
                    min={*FILTERS.start()} max={*FILTERS.end()} testid="set-f"
                    on_change={Callback::from(move |n| dispatch.emit(Action::SetFilters(n)))} />
            </div>
        }
    };

    // ---- input grids ---------------------------------------------------------------------
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

    // ---- kernel --------------------------------------------------------------------------
    let (kh, kw) = (s.kernel_size.h, s.kernel_size.w);
    let kernel_scale = s.weights.iter().fold(1.0f32, |m, v| m.max(v.abs()));
    let filter_tabs = (s.filters > 1).then(|| {
        let tabs = (0..s.filters).map(|f| {
            let lab = lab.clone();
            let dispatch = dispatch.clone();
            let chosen_filter = chosen_filter.clone();
            let onclick = Callback::from(move |_| {
                chosen_filter.set(f);
                if let Ok(g) = lab.0.geometry() {
                    let (oh, ow) = g.output();
                    let (_, y, x) = lab.0.current().unwrap_or((0, 0, 0));
                    dispatch.emit(Action::Player(PlayerMsg::Seek((f * oh + y) * ow + x)));
                }
            });
            html! {
                <button type="button" role="tab" aria-selected={(f == shown_filter).to_string()}
                    class={classes!("tab", (f == shown_filter).then_some("active"))}
                    data-testid={format!("filter-tab-{f}")} {onclick}>
                    { format!("{} {}", tr(lang, "conv.filter"), f + 1) }
                </button>
            }
        });
        html! { <div class="filter-tabs" role="tablist" aria-label={tr(lang, "conv.filters")}>{ for tabs }</div> }
    });
    let kernel_grids = (0..s.channels).map(|c| {
        let f = shown_filter;
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
        let f = shown_filter;
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

    // ---- feature maps --------------------------------------------------------------------
    let output_scale = model.output_scale();
    let outputs = match (&model.output, &model.geometry) {
        (Ok(_), Ok(g)) => {
            let (oh, ow) = g.output();
            let maps = (0..s.filters).map(|f| {
                let cells: Vec<GridCell> = (0..oh * ow)
                    .map(|i| {
                        let (y, x) = (i / ow, i % ow);
                        let revealed = s.is_revealed(f, y, x);
                        let value = model.output_value(f, y, x).filter(|_| revealed);
                        let is_current = current == Some((f, y, x));
                        GridCell {
                            value,
                            class: [is_current.then_some("current"), (!revealed).then_some("pending")]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" "),
                            style: value.map(|v| tint(v, output_scale, GREY_RGB)).unwrap_or_default(),
                            note: is_current.then(|| tr(lang, "conv.note.current").to_string()),
                            ..GridCell::default()
                        }
                    })
                    .collect();
                html! {
                    <figure class="grid-figure">
                        if s.filters > 1 { <figcaption>{ format!("{} {}", tr(lang, "conv.map"), f + 1) }</figcaption> }
                        <GridEditor {lang} rows={oh} cols={ow} cells={Rc::new(cells)}
                            label={format!("{} {}", tr(lang, "conv.output.title"), f + 1)}
                            class={classes!("output-grid")} testid={format!("output-grid-{f}")} />
                    </figure>
                }
            });
            html! { <>{ for maps }</> }
        }
        (Err(e), _) | (_, Err(e)) => html! {
            <p class="error conv-error" role="alert" data-testid="conv-error">{ e.message(lang) }</p>
        },
    };

    // ---- the written-out sum -------------------------------------------------------------
    let sum_panel = match &model.trace {
        Some(t) => {
            let place = format!(
                "{}{} [{}, {}]",
                if s.filters > 1 {
                    format!("{} {}, ", tr(lang, "conv.map"), t.out_channel + 1)
                } else {
                    String::new()
                },
                tr(lang, "conv.sum.cell"),
                t.out_y + 1,
                t.out_x + 1
            );
            let channel_lines = (s.channels > 1).then(|| {
                let lines = (0..s.channels).map(|c| html! {
                    <p class={classes!("sum-line", format!("channel-{c}"))} data-testid={format!("sum-channel-{c}")}>
                        <span class="sum-name">{ channel_name(lang, s.channels, c) }{ ": " }</span>
                        <span class="mono">{ t.written_channel_sum(c) }</span>
                    </p>
                });
                let total = format!(
                    "{} + {} = {}",
                    t.channel_sums.iter().map(|&v| format_operand(v)).collect::<Vec<_>>().join(" + "),
                    format_operand(t.bias),
                    format_number(t.sum)
                );
                html! {
                    <>
                        { for lines }
                        <p class="sum-line sum-total" data-testid="sum-total">
                            <span class="sum-name">{ tr(lang, "conv.sum.total") }{ ": " }</span>
                            <span class="mono">{ total }</span>
                        </p>
                    </>
                }
            });
            html! {
                <section class="card sum-panel" aria-labelledby="sum-title">
                    <h2 id="sum-title">{ tr(lang, "conv.sum.title") }</h2>
                    <p class="sum-place">{ place }</p>
                    if s.channels == 1 {
                        <p class="sum-line mono" data-testid="written-sum" aria-live="polite">{ t.written_sum() }</p>
                    } else {
                        <div aria-live="polite" data-testid="written-sum">{ channel_lines }</div>
                    }
                    if s.mode == ConvMode::Convolution {
                        <p class="sum-hint">{ tr(lang, "conv.sum.flipped") }</p>
                    }
                </section>
            }
        }
        None => html! {},
    };

    // ---- optional views ------------------------------------------------------------------
    let view_buttons = View::ALL.map(|view| {
        let open = match view {
            View::Why => s.show_why,
            View::Im2col => s.show_im2col,
            View::RealImage => s.show_real,
        };
        let key = match view {
            View::Why => "conv.why.button",
            View::Im2col => "conv.im2col.button",
            View::RealImage => "conv.real.button",
        };
        let dispatch = dispatch.clone();
        html! {
            <button type="button" class={classes!("toggle", open.then_some("active"))}
                aria-expanded={open.to_string()} data-testid={format!("view-{view:?}").to_lowercase()}
                onclick={Callback::from(move |_| dispatch.emit(Action::SetView { view, open: !open }))}>
                { tr(lang, key) }
            </button>
        }
    });

    let note = {
        let dispatch = dispatch.clone();
        html! {
            <UrlNote {lang} keys={s.ignored.clone()}
                on_dismiss={Callback::from(move |()| dispatch.emit(Action::DismissNote))} />
        }
    };

    let operator = if s.mode == ConvMode::Convolution {
        "∗"
    } else {
        "⋆"
    };
    html! {
        <section class="section section-conv" aria-labelledby="conv-title">
            <h1 id="conv-title">{ tr(lang, "conv.title") }</h1>
            <p class="intro">{ tr(lang, "conv.intro") }</p>
            { note }
            <div class="conv-toolbar card">
                <div class="toolbar-group" role="group" aria-label={tr(lang, "conv.mode.label")}>
                    <span class="toolbar-label">{ tr(lang, "conv.mode.label") }</span>
                    { for channel_buttons }
                </div>
                <div class="toolbar-group" role="group" aria-label={tr(lang, "conv.input.presets")}>
                    <span class="toolbar-label">{ tr(lang, "conv.input.presets") }</span>
                    { for input_presets }
                </div>
                <div class="toolbar-group" role="group" aria-label={tr(lang, "conv.kernel.presets")}>
                    <span class="toolbar-label">{ tr(lang, "conv.kernel.presets") }</span>
                    { for kernel_presets }
                </div>
                <div class="toolbar-group">
                    { link_toggle }
                    <button type="button" data-testid="reset"
                        onclick={{ let d = dispatch.clone(); Callback::from(move |_| d.emit(Action::Reset)) }}>
                        { tr(lang, "conv.reset") }
                    </button>
                </div>
            </div>
            <div class="conv-settings">
                { for settings }
                { filters_stepper }
            </div>
            <Player {lang} playback={s.playback} on={on_player} />
            <div class="conv-stage">
                <section class="stage-panel stage-input" aria-labelledby="input-title">
                    <h2 id="input-title">{ tr(lang, "conv.input.title") }</h2>
                    <p class="stage-hint">{ tr(lang, "conv.input.hint") }</p>
                    <div class="grid-stack">{ for input_grids }</div>
                </section>
                <div class="stage-operator" aria-hidden="true">{ operator }</div>
                <section class="stage-panel stage-kernel" aria-labelledby="kernel-title">
                    <h2 id="kernel-title">{ tr(lang, "conv.kernel.title") }</h2>
                    { filter_tabs }
                    <div class="grid-stack">{ for kernel_grids }</div>
                    { bias_input }
                    <p class="mode-badge" data-testid="mode-badge">{ s.mode.display_name(lang) }</p>
                </section>
                <div class="stage-operator" aria-hidden="true">{ "=" }</div>
                <section class="stage-panel stage-output" aria-labelledby="output-title">
                    <h2 id="output-title">{ tr(lang, "conv.output.title") }</h2>
                    <div class="grid-stack">{ outputs }</div>
                </section>
            </div>
            { sum_panel }
            <OutputSizePanel {lang} geometry={model.geometry.clone()} maps={s.filters} />
            <div class="view-buttons" role="group" aria-label={tr(lang, "conv.views")}>
                { for view_buttons }
            </div>
            if s.show_why {
                <WhyPanel {lang} state={s.clone()} model={Rc::new(model.clone())}
                    on_mode={{ let d = dispatch.clone(); Callback::from(move |m| d.emit(Action::SetMode(m))) }} />
            }
            if s.show_im2col {
                <Im2colPanel {lang} state={s.clone()} model={Rc::new(model.clone())} />
            }
            if s.show_real {
                <RealImagePanel {lang} state={s.clone()}
                    on_digit={{ let d = dispatch.clone(); Callback::from(move |n| d.emit(Action::SetDigit(n))) }} />
            }
        </section>
    }
}
