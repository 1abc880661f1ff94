//! Animation controls shared by the Convolution lab and Pooling: to start, step back,
//! play / pause, step forward, to the end, a scrubber over all positions and a speed slider.

use cnn::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::{use_interval, use_player_keys};
use crate::i18n::tr;

/// What the user asked the animation to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayerMsg {
    TogglePlay,
    Step(isize),
    Seek(usize),
    Start,
    End,
    Speed(usize),
}

/// Milliseconds between two steps at speed 1 (slow) … 5 (fast).
pub fn interval_ms(speed: usize) -> u32 {
    match speed {
        0 | 1 => 1400,
        2 => 900,
        3 => 550,
        4 => 300,
        _ => 120,
    }
}

/// Wires a section's animation: the page-wide keys go to `on` (as the [`Player`]'s buttons do),
/// and `on_tick` is called at the speed's interval while playing.
#[hook]
pub fn use_player(on: Callback<PlayerMsg>, playing: bool, speed: usize, on_tick: Callback<()>) {
    use_player_keys(on);
    use_interval(playing.then(|| interval_ms(speed)), on_tick);
}

#[derive(Properties, PartialEq)]
pub struct PlayerProps {
    pub lang: Lang,
    /// 0-based position of the cursor.
    pub position: usize,
    /// Number of positions (0 when there is nothing to animate).
    pub total: usize,
    pub playing: bool,
    pub speed: usize,
    pub on: Callback<PlayerMsg>,
}

#[function_component]
pub fn Player(props: &PlayerProps) -> Html {
    let lang = props.lang;
    let empty = props.total == 0;
    let last = props.total.saturating_sub(1);
    let position = props.position.min(last);
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
            props.total
        )
    };
    let play_key = if props.playing {
        "conv.player.pause"
    } else {
        "conv.player.play"
    };
    let play = {
        let on = props.on.clone();
        html! {
            <button type="button" class="player-button primary player-play" data-testid="player-play"
                aria-label={tr(lang, play_key)} aria-pressed={props.playing.to_string()}
                disabled={empty} onclick={Callback::from(move |_| on.emit(PlayerMsg::TogglePlay))}>
                <span aria-hidden="true">{ if props.playing { "❚❚" } else { "▶" } }</span>
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
                <input type="range" min="1" max={props.total.max(1).to_string()}
                    value={(position + 1).to_string()} disabled={empty}
                    aria-label={tr(lang, "conv.player.scrubber")} aria-valuetext={step_text}
                    oninput={on_seek} />
            </label>
            <label class="player-speed">
                <span>{ tr(lang, "conv.player.speed") }</span>
                <input type="range" min="1" max="5" value={props.speed.to_string()}
                    aria-label={tr(lang, "conv.player.speed")} oninput={on_speed} />
            </label>
            <p class="player-keys">{ tr(lang, "conv.player.keys") }</p>
        </div>
    }
}
