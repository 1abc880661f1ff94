//! The lab's toolbar: greyscale or RGB, the input and kernel presets, linked axes and Reset.

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use super::presets::{InputPreset, KernelPreset};
use super::seed;
use super::state::{Action, ConvState};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    /// The filter the kernel presets apply to.
    pub filter: usize,
    pub on: Callback<Action>,
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    let s = &props.state;
    let dispatch = &props.on;
    let filter = props.filter;
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
                onclick={Callback::from(move |_| dispatch.emit(Action::KernelPreset { filter, preset, seed: seed() }))}>
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

    html! {
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
    }
}
