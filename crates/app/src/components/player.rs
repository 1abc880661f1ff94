//! Animation controls shared by the Convolution lab and Pooling: to start, step back,
//! play / pause, step forward, to the end, a scrubber over all positions and a speed slider; it
//! renders a [`Playback`] and sends [`PlayerMsg`]s.

use cnn::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::{use_interval, use_player_keys};
use crate::i18n::tr;
use crate::playback::{Playback, PlayerMsg};

/// Wires a section's animation: the page-wide keys go to `on` (as the [`Player`]'s buttons do),
/// and a [`PlayerMsg::Tick`] goes to `on` at the speed's interval while playing.
#[hook]
pub fn use_player(on: Callback<PlayerMsg>, playback: Playback) {
    use_player_keys(on.clone());
    use_interval(playback.interval(), on.reform(|()| PlayerMsg::Tick));
}

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    pub lang: Lang,
    pub playback: Playback,
    pub on: Callback<PlayerMsg>,
    /// The i18n key of the scrubber's label (what a position is); the kernel's position by default.
    #[prop_or("conv.player.scrubber")]
    pub scrubber_key: &'static str,
}

#[function_component]
pub fn Player(props: &PlayerProps) -> Html {
    let lang = props.lang;
    let Playback {
        length,
        playing,
        speed,
        ..
    } = props.playback;
    let empty = length == 0;
    let last = length.saturating_sub(1);
    let position = props.playback.position.min(last);
    let button = |msg: PlayerMsg, icon: &'static str, key: &'static str, disabled: bool| {
        let on = props.on.clone();
        html! {
            <button type="button" class="player-button" aria-label={tr(lang, key)} title={tr(lang, key)}
                {disabled} onclick={Callback::from(move |_| on.emit(msg))}>
                <span aria-hidden="true">{ icon }</span>
            </button>
        }
    };
    let on_seek = {
        let on = props.on.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<usize>() {
                on.emit(PlayerMsg::Seek(v.saturating_sub(1)));
            }
        })
    };
    let on_speed = {
        let on = props.on.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<usize>() {
                on.emit(PlayerMsg::Speed(v));
            }
        })
    };
    let step_text = if empty {
        tr(lang, "conv.player.nothing").to_string()
    } else {
        format!(
            "{} {} {} {}",
            tr(lang, "conv.player.step"),
            position + 1,
            tr(lang, "conv.player.of"),
            length
        )
    };
    let play_key = if playing {
        "conv.player.pause"
    } else {
        "conv.player.play"
    };
    let play = {
        let on = props.on.clone();
        html! {
            <button type="button" class="player-button primary player-play" data-testid="player-play"
                aria-label={tr(lang, play_key)} aria-pressed={playing.to_string()}
                disabled={empty} onclick={Callback::from(move |_| on.emit(PlayerMsg::TogglePlay))}>
                <span aria-hidden="true">{ if playing { "❚❚" } else { "▶" } }</span>
                <span class="player-play-text">{ tr(lang, play_key) }</span>
            </button>
        }
    };
    html! {
        <div class="player" role="group" aria-label={tr(lang, "conv.player.label")}>
            <div class="player-buttons">
                { button(PlayerMsg::Start, "⇤", "conv.player.start", empty || position == 0) }
                { button(PlayerMsg::Step(-1), "◀", "conv.player.back", empty || position == 0) }
                { play }
                { button(PlayerMsg::Step(1), "▶", "conv.player.forward", empty || position >= last) }
                { button(PlayerMsg::End, "⇥", "conv.player.end", empty || position >= last) }
            </div>
            <label class="player-scrub">
                <span class="player-step" data-testid="player-step" aria-live="off">{ step_text.clone() }</span>
                <input type="range" min="1" max={length.max(1).to_string()}
                    value={(position + 1).to_string()} disabled={empty}
                    aria-label={tr(lang, props.scrubber_key)} aria-valuetext={step_text}
                    oninput={on_seek} />
            </label>
            <label class="player-speed">
                <span>{ tr(lang, "conv.player.speed") }</span>
                <input type="range" min="1" max="5" value={speed.to_string()}
                    aria-label={tr(lang, "conv.player.speed")} oninput={on_speed} />
            </label>
            <p class="player-keys">{ tr(lang, "conv.player.keys") }</p>
        </div>
    }
}
