//! The Draw a digit section: classify your own handwriting.
//!
//! The section's state is one reducer ([`state::DrawState`]: strokes, keyboard pen, picker,
//! model choice, URL); the pad ([`pad::Pad`]), the verdict ([`verdict`]) and the whole
//! preprocessing-and-prediction step ([`analysis`]) are plain Rust with native tests. This file
//! wires them to pointer events, the canvas and the two models; the parts render and dispatch.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::SectionProps;
use crate::components::UrlNote;
use crate::fetch::fetch_bytes;
use crate::hooks::use_url_reducer::use_url_reducer;
use crate::i18n::tr;
use crate::training::client::latest_weights;
use crate::training::protocol::Text;

pub mod analysis;
pub mod canvas;
pub mod heat_map;
pub mod image;
pub mod models;
pub mod once;
pub mod pad;
pub mod picker;
pub mod pipeline;
pub mod result;
pub mod state;
pub mod verdict;
pub mod why;
pub mod why_panel;

use analysis::{Analysis, Model, TestDigits, analyse};
use canvas::{pad_point, paint_pad};
use models::{Load, SharedModel, effective, view_models};
use once::PageSlot;
use pad::{KeyOutcome, PAD_SIZE};
use picker::Picker;
use pipeline::{view_inside, view_pipeline};
use result::view_result;
use state::{DrawAction, DrawState, ModelChoice, PICKER_MAX};
use verdict::Throttle;
use why::why_view;
use why_panel::WhyPanel;

pub use state::DrawQuery;

/// Where the shipped network is, relative to the page (`dist/`).
pub const PRETRAINED_URL: &str = "./weights/pretrained.bin";
/// The MNIST asset (the same file the Training section's worker reads).
pub const MNIST_URL: &str = "./mnist/mnist-10k.bin";

thread_local! {
    static PRETRAINED: PageSlot<SharedModel> = const { RefCell::new(once::Slot::Empty) };
    static DIGITS: PageSlot<Rc<TestDigits>> = const { RefCell::new(once::Slot::Empty) };
}

/// What a visit shows at once: the asset if an earlier visit fetched it, else "loading".
fn cached<T: Clone>(slot: &'static std::thread::LocalKey<PageSlot<T>>) -> Load<T> {
    slot.with(|s| s.borrow().ready())
        .map_or(Load::Loading, Load::Ready)
}

async fn fetch_pretrained() -> Load<SharedModel> {
    match fetch_bytes(PRETRAINED_URL).await {
        Ok(bytes) => match Model::from_bytes(&bytes) {
            Ok(model) => Load::Ready(Rc::new(RefCell::new(model))),
            Err(e) => Load::Failed(Text::from_error(&e)),
        },
        Err(e) => Load::Failed(Text::from_error(&e)),
    }
}

async fn fetch_digits() -> Load<Rc<TestDigits>> {
    match fetch_bytes(MNIST_URL).await {
        Ok(bytes) => match TestDigits::parse(&bytes) {
            Ok(digits) => Load::Ready(Rc::new(digits)),
            Err(e) => Load::Failed(Text::from_error(&e)),
        },
        Err(e) => Load::Failed(Text::from_error(&e)),
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

#[function_component]
pub fn DrawSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (state, dispatch) =
        use_url_reducer::<DrawState>(props.query.clone(), props.on_query.clone());
    let st = &state.0;
    let canvas = use_node_ref();
    let throttle = use_mut_ref(Throttle::default);
    let pretrained = use_state(|| cached(&PRETRAINED));
    let digits = use_state(|| cached(&DIGITS));
    let analysis = use_state(|| None::<Rc<Result<Analysis, String>>>);
    // The analysis shown is of a pad with no stroke in progress.
    let settled = use_state(|| false);
    // How long the last preprocessing + classification + saliency took, in milliseconds.
    let analysis_ms = use_state(|| None::<f64>);

    // The shipped network and the MNIST digits: fetched by the page's first visit, reused by later ones.
    {
        let pretrained = pretrained.clone();
        let digits = digits.clone();
        use_effect_with((), move |_| {
            if !matches!(*pretrained, Load::Ready(_)) {
                let set = Callback::from(move |loaded| pretrained.set(loaded));
                once::load(&PRETRAINED, set, fetch_pretrained());
            }
            if !matches!(*digits, Load::Ready(_)) {
                let set = Callback::from(move |loaded| digits.set(loaded));
                once::load(&DIGITS, set, fetch_digits());
            }
        });
    }

    // The Training section's network: its newest weights, decoded once per version. Polled
    // while this section is open, so the prediction follows the training live.
    let trained = use_mut_ref(|| None::<(u64, SharedModel)>);
    let trained_examples = use_state(|| latest_weights().map(|(n, _)| n));
    {
        let trained_examples = trained_examples.clone();
        use_effect_with((), move |_| {
            let interval = gloo_timers::callback::Interval::new(1500, move || {
                let now = latest_weights().map(|(n, _)| n);
                if now != *trained_examples {
                    trained_examples.set(now);
                }
            });
            move || drop(interval)
        });
    }
    let training_model: Option<SharedModel> = {
        let mut cache = trained.borrow_mut();
        match latest_weights() {
            Some((examples, bytes)) => {
                if cache.as_ref().map(|c| c.0) != Some(examples)
                    && let Ok(model) = Model::from_bytes(&bytes)
                {
                    *cache = Some((examples, Rc::new(RefCell::new(model))));
                }
                cache.as_ref().map(|c| c.1.clone())
            }
            None => None,
        }
    };
    let training_seen = trained.borrow().as_ref().map(|c| c.0);

    // The network that classifies (the shipped one until the Training section has one).
    let model_choice = effective(st.query.model, training_model.is_some());
    let network: Option<SharedModel> = match model_choice {
        ModelChoice::Training => training_model.clone(),
        ModelChoice::Pretrained => match &*pretrained {
            Load::Ready(n) => Some(n.clone()),
            _ => None,
        },
    };

    // Paint the pad (and the keyboard cursor) after every change.
    {
        let canvas = canvas.clone();
        let pad = st.pad.clone();
        let pen = st.pen;
        let cursor = st.cursor;
        use_effect_with((st.pad.version(), pen, cursor), move |_| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                paint_pad(&c, &pad, cursor.then_some(&pen));
            }
        });
    }
    // Classify after a change of the pad (throttled while a stroke is drawn; at once when it
    // ends), and when the model, the language or the Training network changes.
    {
        let analysis = analysis.clone();
        let analysis_ms = analysis_ms.clone();
        let settled = settled.clone();
        let throttle = throttle.clone();
        let pad = st.pad.clone();
        let drawing = pad.is_drawing();
        let ready = network.is_some();
        let method = st.why.method;
        use_effect_with(
            (
                pad.version(),
                drawing,
                ready,
                model_choice,
                lang,
                training_seen,
                method,
            ),
            move |_| {
                let run = {
                    let mut t = throttle.borrow_mut();
                    if !drawing {
                        t.reset();
                    }
                    t.ready(now_ms())
                };
                if pad.is_empty() {
                    analysis.set(None);
                    settled.set(false);
                } else if let (true, Some(network)) = (run, &network) {
                    let start = now_ms();
                    let result = analyse(
                        pad.raster(),
                        PAD_SIZE,
                        &mut network.borrow_mut(),
                        lang,
                        method,
                    );
                    analysis_ms.set(Some(now_ms() - start));
                    analysis.set(Some(Rc::new(result)));
                    settled.set(!drawing);
                }
            },
        );
    }

    // The URL's digit is loaded once the data is in.
    let digit_action = {
        let digits = digits.clone();
        move |n: usize| match &*digits {
            Load::Ready(d) => d.get(n).map(|digit| DrawAction::LoadDigit { n, digit }),
            _ => None,
        }
    };
    {
        let dispatch = dispatch.clone();
        let digit_action = digit_action.clone();
        let ready = matches!(&*digits, Load::Ready(_));
        let wanted = st.query.digit;
        let needs = st.pad.digit().is_none() || st.pad.strokes().is_empty();
        use_effect_with((ready, wanted), move |(_, wanted)| {
            if let (Some(n), true) = (*wanted, needs)
                && let Some(action) = digit_action(n)
            {
                dispatch.emit(action);
            }
        });
    }

    let onpointerdown = {
        let canvas = canvas.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            // Only the primary button of a mouse; any touch or pen contact.
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            e.prevent_default();
            let _ = c.set_pointer_capture(e.pointer_id());
            dispatch.emit(DrawAction::PointerDown {
                id: e.pointer_id(),
                at: pad_point(&c, &e),
            });
        })
    };
    let onpointermove = {
        let canvas = canvas.clone();
        let dispatch = dispatch.clone();
        let active = st.pointer;
        Callback::from(move |e: PointerEvent| {
            if active != Some(e.pointer_id()) {
                return;
            }
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            e.prevent_default();
            dispatch.emit(DrawAction::PointerMove {
                id: e.pointer_id(),
                at: pad_point(&c, &e),
            });
        })
    };
    let end_stroke = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            dispatch.emit(DrawAction::PointerUp { id: e.pointer_id() })
        })
    };
    // The keyboard pen (arrows move, Space/Enter down or up, Escape up): the same strokes as a mouse's.
    let onkeydown = {
        let dispatch = dispatch.clone();
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            let (key, fine) = (e.key(), e.shift_key());
            if state.0.key_outcome(&key, fine) == KeyOutcome::Ignored {
                return;
            }
            // Arrows would scroll the page and Space would press the page down.
            e.prevent_default();
            dispatch.emit(DrawAction::Key { key, fine });
        })
    };
    // The cursor shows when the focus came from the keyboard (not from a click that starts a mouse stroke), and
    // from the first pen key on.
    let onfocus = {
        let dispatch = dispatch.clone();
        let canvas = canvas.clone();
        Callback::from(move |_: FocusEvent| {
            let keyboard = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|c| c.matches(":focus-visible").ok())
                .unwrap_or(true);
            dispatch.emit(DrawAction::Focus { keyboard });
        })
    };
    let act = |action: DrawAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let onblur = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: FocusEvent| dispatch.emit(DrawAction::Blur))
    };
    let on_text = {
        let dispatch = dispatch.clone();
        Callback::from(move |text: String| dispatch.emit(DrawAction::Picker(text)))
    };
    let on_load = {
        let dispatch = dispatch.clone();
        let digit_action = digit_action.clone();
        Callback::from(move |n: usize| {
            if let Some(action) = digit_action(n) {
                dispatch.emit(action);
            }
        })
    };
    let on_random = {
        let dispatch = dispatch.clone();
        Callback::from(move |()| {
            let n = (js_sys::Math::random() * PICKER_MAX as f64).floor() as usize + 1;
            dispatch.emit(DrawAction::Picker(n.to_string()));
            if let Some(action) = digit_action(n) {
                dispatch.emit(action);
            }
        })
    };
    let on_model = {
        let dispatch = dispatch.clone();
        move |model: ModelChoice| {
            let dispatch = dispatch.clone();
            Callback::from(move |_: Event| dispatch.emit(DrawAction::Model(model)))
        }
    };
    let on_dismiss_note = {
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.emit(DrawAction::DismissNote))
    };

    let empty = st.pad.is_empty();
    let result = if empty { None } else { (*analysis).clone() };
    let why = match result.as_deref() {
        Some(Ok(a)) => why_view(a, &st.why).map(Rc::new),
        _ => None,
    };
    let on_why = {
        let dispatch = dispatch.clone();
        Callback::from(move |action: DrawAction| dispatch.emit(action))
    };
    let digits_load = match &*digits {
        Load::Loading => Load::Loading,
        Load::Ready(_) => Load::Ready(()),
        Load::Failed(e) => Load::Failed(e.clone()),
    };

    html! {
        <section class="section section-draw" aria-labelledby="draw-title">
            <h1 id="draw-title">{ tr(lang, "draw.title") }</h1>
            <p class="intro">{ tr(lang, "draw.intro") }</p>
            <UrlNote {lang} keys={st.ignored.clone()} on_dismiss={on_dismiss_note} />
            <div class="draw-layout">
                <div class="draw-left">
                    <canvas ref={canvas} class="draw-pad" data-testid="draw-pad"
                        width={PAD_SIZE.to_string()} height={PAD_SIZE.to_string()}
                        tabindex="0" role="application" aria-label={tr(lang, "draw.pad.label")}
                        aria-describedby="draw-keys"
                        {onpointerdown} {onpointermove}
                        onpointerup={end_stroke.clone()} onpointercancel={end_stroke.clone()}
                        onlostpointercapture={end_stroke} {onkeydown} {onfocus} {onblur} />
                    <p id="draw-keys" class="draw-help">{ tr(lang, "draw.pad.keys") }</p>
                    <div class="draw-buttons">
                        <button type="button" onclick={act(DrawAction::Undo)} disabled={empty}
                            data-testid="draw-undo">{ tr(lang, "draw.undo") }</button>
                        <button type="button" onclick={act(DrawAction::Clear)} disabled={empty}
                            data-testid="draw-clear">{ tr(lang, "draw.clear") }</button>
                    </div>
                    <Picker {lang} text={st.picker.clone()} number={st.picker_number()}
                        refusal={st.picker_refusal()}
                        digits={digits_load} loaded={st.pad.digit().cloned()}
                        {on_text} {on_load} {on_random} />
                </div>
                <div class="draw-right">
                    { view_models(lang, st.query.model, model_choice, &pretrained, training_seen, on_model) }
                    { view_result(lang, empty, result.as_deref(), *settled) }
                </div>
            </div>
            <WhyPanel {lang} view={why} method={st.why.method} picked={st.why.class}
                ms={*analysis_ms} dispatch={on_why} />
            { view_pipeline(lang, if empty { None } else { result.as_deref() }) }
            { view_inside(lang, if empty { None } else { result.as_deref() }) }
        </section>
    }
}
