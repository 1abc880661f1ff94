//! Held-out digits with the network's three best guesses as bars; mistakes are marked.

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use crate::components::MapCanvas;
use crate::i18n::tr;
use crate::training::state::{TestSet, TrainingState};

#[derive(Properties, PartialEq, Clone)]
pub struct GalleryProps {
    pub state: Rc<TrainingState>,
    pub lang: Lang,
}

/// Digits shown at once.
pub const GALLERY_SIZE: usize = 48;

#[function_component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let lang = props.lang;
    let only_mistakes = use_state(|| false);
    let state = &props.state;
    let (Some(test), Some((examples, guesses))) = (&state.test_set, &state.guesses) else {
        return html! {
            <p class="muted" data-testid="gallery-empty">{ tr(lang, "training.gallery.empty") }</p>
        };
    };
    let shown = state.gallery(*only_mistakes, GALLERY_SIZE);
    let mistakes = state.mistakes().unwrap_or(0);
    let toggle = {
        let only_mistakes = only_mistakes.clone();
        Callback::from(move |_: Event| only_mistakes.set(!*only_mistakes))
    };
    let cards = shown
        .iter()
        .map(|&i| card(test, i, &guesses[i], lang))
        .collect::<Html>();
    html! {
        <div class="gallery" data-testid="gallery">
            <div class="gallery-bar">
                <p>{ format!("{} {} · {} {} / {}", tr(lang, "training.gallery.after"), examples,
                    tr(lang, "training.gallery.mistakes"), mistakes, test.len()) }</p>
                <label class="check">
                    <input type="checkbox" checked={*only_mistakes} onchange={toggle}
                        data-testid="only-mistakes" />
                    { tr(lang, "training.gallery.only_mistakes") }
                </label>
            </div>
            if shown.is_empty() {
                <p class="muted">{ tr(lang, "training.gallery.none") }</p>
            }
            <ul class="gallery-grid">{ cards }</ul>
        </div>
    }
}

fn card(test: &TestSet, i: usize, guess: &crate::training::protocol::Guess, lang: Lang) -> Html {
    let label = test.labels[i];
    let wrong = guess.labels[0] != label;
    let bars = (0..3)
        .map(|k| {
            let pct = (guess.probs[k] * 100.0).clamp(0.0, 100.0);
            let right = guess.labels[k] == label;
            html! {
                <li class={classes!("guess", right.then_some("guess-right"))}>
                    <span class="guess-digit">{ guess.labels[k] }</span>
                    <span class="guess-bar" aria-hidden="true">
                        <span class="guess-fill" style={format!("width:{pct:.0}%")}></span>
                    </span>
                    <span class="guess-pct">{ format!("{pct:.0}%") }</span>
                </li>
            }
        })
        .collect::<Html>();
    let aria = format!(
        "{} {label}, {} {} ({:.0}%)",
        tr(lang, "training.view.label"),
        tr(lang, "training.view.guess"),
        guess.labels[0],
        guess.probs[0] * 100.0
    );
    html! {
        <li class={classes!("gallery-card", wrong.then_some("mistake"))} aria-label={aria}
            data-testid="gallery-card">
            <MapCanvas pixels={test.image(i).to_vec()} width={TestSet::SIDE} height={TestSet::SIDE}
                scale={2} invert={true} />
            <div class="gallery-text">
                <p class="gallery-label">
                    { format!("{} {label}", tr(lang, "training.gallery.true")) }
                    if wrong { <span class="mistake-mark">{ " ✗" }</span> }
                </p>
                <ol class="guesses">{ bars }</ol>
            </div>
        </li>
    }
}
