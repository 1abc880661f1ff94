//! The Convolution lab section: a kernel sliding over a padded grid, with the arithmetic.
//!
//! The state ([`state::ConvState`]) lives in one reducer and in the URL; everything shown is
//! computed by the core ([`model::LabModel`]); the components here only draw it.

pub mod arithmetic;
pub mod extras;
pub mod fit;
pub mod input_panel;
pub mod kernel_panel;
pub mod model;
pub mod output_panel;
pub mod presets;
pub mod settings;
pub mod state;
pub mod sum_panel;
pub mod toolbar;
pub mod url;
pub mod view;

use std::rc::Rc;

use cnn::{ConvMode, Lang};
use yew::prelude::*;

use self::arithmetic::OutputSizePanel;
use self::extras::{Im2colPanel, RealImagePanel, WhyPanel};
use self::input_panel::InputPanel;
use self::kernel_panel::KernelPanel;
use self::model::LabModel;
use self::output_panel::OutputPanel;
use self::settings::{FILTERS, Setting};
use self::state::{Action, ConvState, View};
use self::sum_panel::SumPanel;
use self::toolbar::Toolbar;
use super::SectionProps;
use crate::components::UrlNote;
use crate::components::player::{Player, use_player};
use crate::components::settings::{AxisSetting, Stepper};
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;

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
    // Mixed with white here, opaque: the grid's grey gaps must not show through and darken the
    // cell below 4.5:1 against its dark digits (the strongest red is 5.4:1).
    let mix = |c: u8| (255.0 + (f32::from(c) - 255.0) * alpha).round() as u8;
    format!("background-color: rgb({}, {}, {});", mix(r), mix(g), mix(b))
}

pub fn channel_name(lang: Lang, channels: usize, c: usize) -> &'static str {
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
pub fn seed() -> u64 {
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
    let model = Rc::new(LabModel::new(s));
    let current = s.current();
    let shown_filter = current.map_or(*chosen_filter, |c| c.0).min(s.filters - 1);
    let on_filter = {
        let dispatch = dispatch.clone();
        Callback::from(move |f: usize| {
            chosen_filter.set(f);
            dispatch.emit(Action::ShowFilter(f));
        })
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
            <p class="intro" data-testid="conv-intro">
                { tr(lang, "conv.intro") }{ " " }
                <span class="mono">{ cnn::output_size_formula(false, false) }</span>{ "." }
            </p>
            { note }
            <Toolbar {lang} state={s.clone()} filter={shown_filter} on={dispatch.clone()} />
            <div class="conv-settings">
                { for settings }
                { filters_stepper }
            </div>
            <Player {lang} playback={s.playback} on={on_player} />
            <div class="conv-stage">
                <InputPanel {lang} state={s.clone()} model={model.clone()} on={dispatch.clone()} />
                <div class="stage-operator" aria-hidden="true">{ operator }</div>
                <KernelPanel {lang} state={s.clone()} filter={shown_filter} {on_filter} on={dispatch.clone()} />
                <div class="stage-operator" aria-hidden="true">{ "=" }</div>
                <OutputPanel {lang} state={s.clone()} model={model.clone()} />
            </div>
            <SumPanel {lang} state={s.clone()} model={model.clone()} />
            <OutputSizePanel {lang} geometry={model.geometry.clone()} maps={s.filters} />
            <div class="view-buttons" role="group" aria-label={tr(lang, "conv.views")}>
                { for view_buttons }
            </div>
            if s.show_why {
                <WhyPanel {lang} state={s.clone()} model={model.clone()}
                    on_mode={{ let d = dispatch.clone(); Callback::from(move |m| d.emit(Action::SetMode(m))) }} />
            }
            if s.show_im2col {
                <Im2colPanel {lang} state={s.clone()} model={model.clone()} />
            }
            if s.show_real {
                <RealImagePanel {lang} state={s.clone()}
                    on_digit={{ let d = dispatch.clone(); Callback::from(move |n| d.emit(Action::SetDigit(n))) }} />
            }
        </section>
    }
}
