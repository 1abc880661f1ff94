//! Held-out digits with the network's three best guesses as bars; mistakes are marked.

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use crate::components::MapCanvas;
use crate::i18n::tr;
use crate::training::protocol::Guess;
use crate::training::state::{Cell, TestSet, gallery, gallery_cell, mistakes};

/// Only what the gallery shows: the page re-renders several times a second while training,
/// and the gallery (48 cards) only when an evaluation brought new guesses.
#[derive(Properties, PartialEq, Clone)]
pub struct GalleryProps {
    pub test: Option<Rc<TestSet>>,
    /// The guesses of run 1 and the examples seen when they were made.
    pub guesses: Option<(u64, Rc<Vec<Guess>>)>,
    pub lang: Lang,
    /// A confusion-matrix cell: only its (true, predicted) digits are shown.
    #[prop_or_default]
    pub filter: Option<Cell>,
    #[prop_or_default]
    pub on_clear: Callback<()>,
}

/// Digits shown at once.
pub const GALLERY_SIZE: usize = 48;

/// Cards added per frame when the gallery first appears: creating all 48 cards (each with its
/// canvas) in one go was a main-thread task of over 50 ms.
pub const CARDS_PER_FRAME: usize = 8;

#[function_component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let lang = props.lang;
    let only_mistakes = use_state(|| false);
    let built = use_state(|| CARDS_PER_FRAME);
    {
        // Grows the gallery a few cards per task until it is full.
        let built = built.clone();
        let ready = props.test.is_some() && props.guesses.is_some();
        use_effect_with((ready, *built), move |&(ready, count)| {
            let timeout = (ready && count < GALLERY_SIZE).then(|| {
                gloo_timers::callback::Timeout::new(16, move || built.set(count + CARDS_PER_FRAME))
            });
            move || drop(timeout)
        });
    }
    let (Some(test), Some((examples, guesses))) = (&props.test, &props.guesses) else {
        return html! {
            <p class="muted" data-testid="gallery-empty">{ tr(lang, "training.gallery.empty") }</p>
        };
    };
    let limit = GALLERY_SIZE.min(*built);
    let shown = match props.filter {
        Some(cell) => gallery_cell(test, guesses, cell, limit),
        None => gallery(test, guesses, *only_mistakes, limit),
    };
    let filter_note = props.filter.map(|(t, p)| {
        let total = gallery_cell(test, guesses, (t, p), usize::MAX).len();
        let on_clear = props.on_clear.clone();
        let text = tr(lang, "training.gallery.filtered")
            .replace("{t}", &t.to_string())
            .replace("{p}", &p.to_string())
            .replace("{n}", &total.to_string());
        html! {
            <div class="gallery-filter" role="status" data-testid="gallery-filter">
                <p>{ text }</p>
                <button type="button" onclick={Callback::from(move |_: MouseEvent| on_clear.emit(()))}
                    data-testid="gallery-filter-clear">{ tr(lang, "training.gallery.show_all") }</button>
            </div>
        }
    });
    let mistakes = mistakes(test, guesses);
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
                        disabled={props.filter.is_some()} data-testid="only-mistakes" />
                    { tr(lang, "training.gallery.only_mistakes") }
                </label>
            </div>
            { filter_note }
            if shown.is_empty() {
                <p class="muted">{ tr(lang, "training.gallery.none") }</p>
            }
            <ul class="gallery-grid">{ cards }</ul>
        </div>
    }
}

fn card(test: &TestSet, i: usize, guess: &Guess, lang: Lang) -> Html {
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
                    if right { <span class="right-mark" aria-hidden="true">{ "✓" }</span> }
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
                    if wrong {
                        <span class="mistake-mark">{ " ✗" }</span>
                    } else {
                        <span class="right-mark">{ " ✓" }</span>
                    }
                </p>
                <ol class="guesses">{ bars }</ol>
            </div>
        </li>
    }
}
