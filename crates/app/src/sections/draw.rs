//! The Draw a digit section: classify your own handwriting.
//!
//! The pad's state ([`pad::Pad`]), the verdict ([`verdict`]) and the whole
//! preprocessing-and-prediction step ([`analysis`]) are plain Rust with native tests; this file
//! only wires them to pointer events, canvases and the two models.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlInputElement, ImageData};
use yew::prelude::*;

use super::SectionProps;
use crate::components::{NetworkView, UrlNote};
use crate::i18n::tr;
use crate::query::QueryReader;
use crate::training::client::latest_weights;

pub mod analysis;
pub mod fetch;
pub mod image;
pub mod pad;
pub mod verdict;

use analysis::{Analysis, Model, TestDigits, analyse};
use image::GreyImage;
use pad::{KeyOutcome, KeyboardPen, PAD_SIZE, Pad, Point, STROKE_WIDTH};
use verdict::{Throttle, Verdict, percent, ranked};

/// Where the shipped network is, relative to the page (`dist/`).
pub const PRETRAINED_URL: &str = "./weights/pretrained.bin";
/// The MNIST asset (the same file the Training section's worker reads).
pub const MNIST_URL: &str = "./mnist/mnist-10k.bin";

/// Which network classifies the drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModelChoice {
    #[default]
    Pretrained,
    Training,
}

impl ModelChoice {
    fn code(self) -> &'static str {
        match self {
            ModelChoice::Pretrained => "pretrained",
            ModelChoice::Training => "training",
        }
    }

    fn from_code(code: &str) -> Option<ModelChoice> {
        match code {
            "pretrained" => Some(ModelChoice::Pretrained),
            "training" => Some(ModelChoice::Training),
            _ => None,
        }
    }
}

/// Something fetched at start.
#[derive(Clone)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

impl<T> PartialEq for Load<T> {
    fn eq(&self, other: &Self) -> bool {
        matches!(
            (self, other),
            (Load::Loading, Load::Loading) | (Load::Ready(_), Load::Ready(_))
        ) || matches!((self, other), (Load::Failed(a), Load::Failed(b)) if a == b)
    }
}

type SharedModel = Rc<RefCell<Model>>;

/// The section's URL state: `model=training&digit=17`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrawQuery {
    pub model: ModelChoice,
    /// 1-based number of the held-out digit loaded into the pad.
    pub digit: Option<usize>,
}

impl DrawQuery {
    pub fn parse(query: &str) -> DrawQuery {
        Self::from_query(query).0
    }

    /// The query's settings, and the keys that could not be read (they keep their defaults).
    pub fn from_query(query: &str) -> (DrawQuery, Vec<String>) {
        let mut q = QueryReader::new(query, &["model", "digit"]);
        let out = DrawQuery {
            model: q.read("model", ModelChoice::from_code).unwrap_or_default(),
            digit: q.whole("digit", 1..=1000),
        };
        (out, q.finish())
    }

    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if self.model != ModelChoice::Pretrained {
            parts.push(format!("model={}", self.model.code()));
        }
        if let Some(n) = self.digit {
            parts.push(format!("digit={n}"));
        }
        parts.join("&")
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Paints the pad's raster: dark ink on white paper; with `pen` (the pad has the keyboard focus), the keyboard
/// pen's cursor on top: a ring the size of the stroke, filled while the pen is down.
fn paint_pad(canvas: &HtmlCanvasElement, pad: &Pad, pen: Option<&KeyboardPen>) {
    let Ok(Some(context)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(context) = context.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let mut rgba = Vec::with_capacity(PAD_SIZE * PAD_SIZE * 4);
    for &ink in pad.raster() {
        let paper = 255 - ink;
        // A slightly blue-black ink reads as "pen" on a projector.
        rgba.extend_from_slice(&[paper, paper, paper.saturating_add(ink / 6), 255]);
    }
    if let Ok(data) = ImageData::new_with_u8_clamped_array_and_sh(
        Clamped(&rgba),
        PAD_SIZE as u32,
        PAD_SIZE as u32,
    ) {
        let _ = context.put_image_data(&data, 0.0, 0.0);
    }
    if let Some(pen) = pen {
        context.begin_path();
        let r = f64::from(STROKE_WIDTH) / 2.0 + 2.0;
        let _ = context.arc(
            f64::from(pen.at.x),
            f64::from(pen.at.y),
            r,
            0.0,
            std::f64::consts::TAU,
        );
        context.set_line_width(3.0);
        context.set_stroke_style_str("#c2410c");
        context.stroke();
        if pen.down {
            context.set_fill_style_str("rgba(194, 65, 12, 0.35)");
            context.fill();
        }
    }
}

/// Pointer position in pad pixels.
fn pad_point(canvas: &HtmlCanvasElement, event: &PointerEvent) -> Point {
    let rect = canvas.get_bounding_client_rect();
    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
    Point::new(
        ((event.client_x() as f64 - rect.left()) * PAD_SIZE as f64 / w) as f32,
        ((event.client_y() as f64 - rect.top()) * PAD_SIZE as f64 / h) as f32,
    )
}

#[function_component]
pub fn DrawSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    let (query, unreadable) = DrawQuery::from_query(&props.query);

    let pad = use_mut_ref(Pad::new);
    let canvas = use_node_ref();
    let pen = use_mut_ref(KeyboardPen::default);
    // Whether the pad has the keyboard focus (then the keyboard pen's cursor is shown).
    let focused = use_mut_ref(|| false);
    let repaint = {
        let canvas = canvas.clone();
        let pad = pad.clone();
        let pen = pen.clone();
        let focused = focused.clone();
        Rc::new(move || {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let pen = *pen.borrow();
                paint_pad(&c, &pad.borrow(), focused.borrow().then_some(&pen));
            }
        })
    };
    let active_pointer = use_mut_ref(|| None::<i32>);
    let throttle = use_mut_ref(Throttle::default);
    let pretrained = use_state(|| Load::<SharedModel>::Loading);
    let digits = use_state(|| Load::<Rc<TestDigits>>::Loading);
    let analysis = use_state(|| None::<Rc<Result<Analysis, String>>>);
    // Bumped when the pad changes so the buttons' enabled state re-renders.
    let pad_version = use_state(|| 0u64);
    let picker_value = use_state(|| query.digit.unwrap_or(1).to_string());

    // Fetch the shipped network and the MNIST digits once.
    {
        let pretrained = pretrained.clone();
        let digits = digits.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match fetch::fetch_bytes(PRETRAINED_URL).await {
                    Ok(bytes) => match Model::from_bytes(&bytes) {
                        Ok(model) => Load::Ready(Rc::new(RefCell::new(model))),
                        Err(e) => Load::Failed(e.to_string()),
                    },
                    Err(e) => Load::Failed(e),
                };
                pretrained.set(loaded);
            });
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match fetch::fetch_bytes(MNIST_URL).await {
                    Ok(bytes) => match TestDigits::parse(&bytes) {
                        Ok(digits) => Load::Ready(Rc::new(digits)),
                        Err(e) => Load::Failed(e.to_string()),
                    },
                    Err(e) => Load::Failed(e),
                };
                digits.set(loaded);
            });
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
    let model_choice = match (query.model, &training_model) {
        (ModelChoice::Training, None) => ModelChoice::Pretrained,
        (choice, _) => choice,
    };
    let network: Option<SharedModel> = match model_choice {
        ModelChoice::Training => training_model.clone(),
        ModelChoice::Pretrained => match &*pretrained {
            Load::Ready(n) => Some(n.clone()),
            _ => None,
        },
    };

    // Classifies the pad now (no throttle) and stores the result.
    let predict = {
        let pad = pad.clone();
        let analysis = analysis.clone();
        let network = network.clone();
        Rc::new(move || {
            let pad = pad.borrow();
            if pad.is_empty() {
                analysis.set(None);
                return;
            }
            let Some(network) = &network else {
                return;
            };
            let result = analyse(pad.raster(), PAD_SIZE, &mut network.borrow_mut(), lang);
            analysis.set(Some(Rc::new(result)));
        })
    };

    // Re-classify when the model becomes available or changes, and paint the pad.
    {
        let predict = predict.clone();
        let repaint = repaint.clone();
        let ready = network.is_some();
        use_effect_with((ready, model_choice, lang, training_seen), move |_| {
            repaint();
            predict();
        });
    }

    // After a change of the pad: repaint, predict (throttled while drawing), re-render buttons.
    let changed = {
        let repaint = repaint.clone();
        let pad = pad.clone();
        let throttle = throttle.clone();
        let predict = predict.clone();
        let pad_version = pad_version.clone();
        Rc::new(move |force: bool| {
            repaint();
            let run = {
                let mut t = throttle.borrow_mut();
                if force {
                    t.reset();
                }
                t.ready(now_ms())
            };
            if run {
                predict();
            }
            // Re-render the buttons only when a stroke starts or ends (not on every move).
            if force || pad.borrow().strokes().last().is_some_and(|s| s.len() == 1) {
                pad_version.set(pad.borrow().version());
            }
        })
    };

    let on_query = props.on_query.clone();
    let set_query = {
        let query = query.clone();
        move |f: &dyn Fn(&mut DrawQuery)| {
            let mut q = query.clone();
            f(&mut q);
            on_query.emit(q.to_query());
        }
    };

    let onpointerdown = {
        let canvas = canvas.clone();
        let pad = pad.clone();
        let active = active_pointer.clone();
        let changed = changed.clone();
        let set_query = set_query.clone();
        let digit_in_query = query.digit.is_some();
        Callback::from(move |e: PointerEvent| {
            // Only the primary button of a mouse; any touch or pen contact.
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            if active.borrow().is_some() {
                return; // a second finger while drawing
            }
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            e.prevent_default();
            let _ = c.set_pointer_capture(e.pointer_id());
            *active.borrow_mut() = Some(e.pointer_id());
            pad.borrow_mut().begin_stroke(pad_point(&c, &e));
            changed(false);
            if digit_in_query {
                set_query(&|q| q.digit = None);
            }
        })
    };
    let onpointermove = {
        let canvas = canvas.clone();
        let pad = pad.clone();
        let active = active_pointer.clone();
        let changed = changed.clone();
        Callback::from(move |e: PointerEvent| {
            if *active.borrow() != Some(e.pointer_id()) {
                return;
            }
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            e.prevent_default();
            let extended = pad.borrow_mut().extend_stroke(pad_point(&c, &e));
            if extended {
                changed(false);
            }
        })
    };
    let end_stroke = {
        let pad = pad.clone();
        let active = active_pointer.clone();
        let changed = changed.clone();
        Callback::from(move |e: PointerEvent| {
            if *active.borrow() != Some(e.pointer_id()) {
                return;
            }
            *active.borrow_mut() = None;
            pad.borrow_mut().end_stroke();
            changed(true);
        })
    };

    // The keyboard pen (arrows move, Space/Enter down or up, Escape up): the same strokes as a mouse's.
    let onkeydown = {
        let pad = pad.clone();
        let pen = pen.clone();
        let focused = focused.clone();
        let changed = changed.clone();
        let repaint = repaint.clone();
        let set_query = set_query.clone();
        let digit_in_query = query.digit.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            let was_down = pen.borrow().down;
            let outcome = pen
                .borrow_mut()
                .key(&e.key(), e.shift_key(), &mut pad.borrow_mut());
            let lifted = was_down && !pen.borrow().down;
            if outcome != KeyOutcome::Ignored {
                *focused.borrow_mut() = true;
            }
            match outcome {
                KeyOutcome::Ignored => return,
                KeyOutcome::Moved if lifted => changed(true),
                KeyOutcome::Moved => repaint(),
                KeyOutcome::Inked => changed(false),
            }
            // Arrows would scroll the page and Space would press the page down.
            e.prevent_default();
            if !was_down && pen.borrow().down && digit_in_query {
                set_query(&|q| q.digit = None);
            }
        })
    };
    // The cursor shows when the focus came from the keyboard (not from a click that starts a mouse stroke), and
    // from the first pen key on.
    let onfocus = {
        let focused = focused.clone();
        let repaint = repaint.clone();
        let canvas = canvas.clone();
        Callback::from(move |_: FocusEvent| {
            let keyboard = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|c| c.matches(":focus-visible").ok())
                .unwrap_or(true);
            *focused.borrow_mut() = keyboard;
            repaint();
        })
    };
    let onblur = {
        let focused = focused.clone();
        let pad = pad.clone();
        let pen = pen.clone();
        let changed = changed.clone();
        Callback::from(move |_: FocusEvent| {
            *focused.borrow_mut() = false;
            let was_down = pen.borrow().down;
            pen.borrow_mut().lift(&mut pad.borrow_mut());
            changed(was_down);
        })
    };

    let on_clear = {
        let pad = pad.clone();
        let changed = changed.clone();
        let set_query = set_query.clone();
        Callback::from(move |_: MouseEvent| {
            pad.borrow_mut().clear();
            changed(true);
            set_query(&|q| q.digit = None);
        })
    };
    let on_undo = {
        let pad = pad.clone();
        let changed = changed.clone();
        let set_query = set_query.clone();
        Callback::from(move |_: MouseEvent| {
            pad.borrow_mut().undo();
            changed(true);
            if pad.borrow().digit().is_none() {
                set_query(&|q| q.digit = None);
            }
        })
    };

    // Loads held-out digit number `n` (1-based) into the pad.
    let load_digit = {
        let pad = pad.clone();
        let changed = changed.clone();
        let digits = digits.clone();
        Rc::new(move |n: usize| -> bool {
            let Load::Ready(d) = &*digits else {
                return false;
            };
            let Some(digit) = d.get(n) else {
                return false;
            };
            let loaded = pad.borrow_mut().load_digit(digit);
            changed(true);
            loaded
        })
    };
    // The URL's digit is loaded once the data is in.
    {
        let load_digit = load_digit.clone();
        let ready = matches!(&*digits, Load::Ready(_));
        let wanted = query.digit;
        let pad = pad.clone();
        use_effect_with((ready, wanted), move |(ready, wanted)| {
            if let (true, &Some(n)) = (*ready, wanted) {
                let current = pad.borrow().digit().map(|d| d.index);
                if current.is_none() || pad.borrow().strokes().is_empty() {
                    load_digit(n);
                }
            }
        });
    }
    let picker_number = picker_value
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=1000).contains(n));
    let on_picker_input = {
        let picker_value = picker_value.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                picker_value.set(input.value());
            }
        })
    };
    let on_load = {
        let load_digit = load_digit.clone();
        let set_query = set_query.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(n) = picker_number
                && load_digit(n)
            {
                set_query(&|q| q.digit = Some(n));
            }
        })
    };
    let on_random = {
        let load_digit = load_digit.clone();
        let picker_value = picker_value.clone();
        let set_query = set_query.clone();
        Callback::from(move |_: MouseEvent| {
            let n = (js_sys::Math::random() * 1000.0).floor() as usize + 1;
            picker_value.set(n.to_string());
            if load_digit(n) {
                set_query(&|q| q.digit = Some(n));
            }
        })
    };
    let on_model = {
        let set_query = set_query.clone();
        move |model: ModelChoice| {
            let set_query = set_query.clone();
            Callback::from(move |_: Event| set_query(&|q| q.model = model))
        }
    };

    // Dismissing the note writes the query as read, which drops the unreadable keys.
    let on_dismiss_note = {
        let on_query = props.on_query.clone();
        let cleaned = query.to_query();
        Callback::from(move |()| on_query.emit(cleaned.clone()))
    };

    let pad_ref = pad.borrow();
    let empty = pad_ref.is_empty();
    let loaded = pad_ref.digit().cloned();
    let _ = *pad_version;
    drop(pad_ref);

    let digits_ready = matches!(&*digits, Load::Ready(_));
    let result = if empty { None } else { (*analysis).clone() };

    html! {
        <section class="section section-draw" aria-labelledby="draw-title">
            <h1 id="draw-title">{ tr(lang, "draw.title") }</h1>
            <p class="intro">{ tr(lang, "draw.intro") }</p>
            <UrlNote {lang} keys={unreadable} on_dismiss={on_dismiss_note} />
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
                        <button type="button" onclick={on_undo} disabled={empty}
                            data-testid="draw-undo">{ tr(lang, "draw.undo") }</button>
                        <button type="button" onclick={on_clear} disabled={empty}
                            data-testid="draw-clear">{ tr(lang, "draw.clear") }</button>
                    </div>
                    <form class="draw-picker" onsubmit={on_load}>
                        <h2>{ tr(lang, "draw.picker.title") }</h2>
                        <p class="draw-help">{ tr(lang, "draw.picker.help") }</p>
                        <label>
                            { tr(lang, "draw.picker.number") }
                            <input type="number" min="1" max="1000" step="1"
                                data-testid="draw-picker-number"
                                value={(*picker_value).clone()} oninput={on_picker_input} />
                        </label>
                        <button type="submit" disabled={!digits_ready || picker_number.is_none()}
                            data-testid="draw-picker-load">{ tr(lang, "draw.picker.load") }</button>
                        <button type="button" onclick={on_random} disabled={!digits_ready}
                            data-testid="draw-picker-random">{ tr(lang, "draw.picker.random") }</button>
                        { match &*digits {
                            Load::Loading => html! { <p class="draw-status">{ tr(lang, "draw.picker.loading") }</p> },
                            Load::Failed(e) => html! { <p class="draw-error" role="alert">{ format!("{}: {e}", tr(lang, "draw.picker.error")) }</p> },
                            Load::Ready(_) => html! {},
                        } }
                        { if let Some(d) = &loaded {
                            html! { <p class="draw-status" data-testid="draw-picker-loaded" data-label={d.label.to_string()}>
                                { format!("{}: {}", tr(lang, "draw.picker.label"), d.label) }
                            </p> }
                        } else { html! {} } }
                    </form>
                </div>
                <div class="draw-right">
                    { view_models(lang, model_choice, &pretrained, training_seen, on_model) }
                    { view_result(lang, empty, result.as_deref()) }
                </div>
            </div>
            { view_pipeline(lang, if empty { None } else { result.as_deref() }) }
            { view_inside(lang, if empty { None } else { result.as_deref() }) }
        </section>
    }
}

fn view_models(
    lang: cnn::Lang,
    model: ModelChoice,
    pretrained: &Load<SharedModel>,
    training_seen: Option<u64>,
    on_model: impl Fn(ModelChoice) -> Callback<Event>,
) -> Html {
    let training_note = match training_seen {
        Some(n) => format!("{n} {}", tr(lang, "draw.model.training.examples")),
        None => tr(lang, "draw.model.training.none").to_string(),
    };
    let status = match pretrained {
        Load::Loading => html! { <p class="draw-status">{ tr(lang, "draw.model.loading") }</p> },
        Load::Failed(e) => html! {
            <p class="draw-error" role="alert">{ format!("{}: {e}", tr(lang, "draw.model.error")) }</p>
        },
        Load::Ready(model) => {
            let model = model.borrow();
            html! {
                <p class="draw-status draw-arch">
                    { format!("{}: {} · {} {}", tr(lang, "draw.model.architecture"),
                        model.spec, model.params, tr(lang, "draw.model.params")) }
                </p>
            }
        }
    };
    html! {
        <fieldset class="draw-models">
            <legend>{ tr(lang, "draw.model.title") }</legend>
            <label>
                <input type="radio" name="draw-model" checked={model == ModelChoice::Pretrained}
                    onchange={on_model(ModelChoice::Pretrained)} />
                { tr(lang, "draw.model.pretrained") }
            </label>
            <label class={classes!(training_seen.is_none().then_some("disabled"))}>
                <input type="radio" name="draw-model" checked={model == ModelChoice::Training}
                    onchange={on_model(ModelChoice::Training)} disabled={training_seen.is_none()}
                    data-testid="draw-model-training" />
                { tr(lang, "draw.model.training") }
                <span class="draw-help">{ format!(" — {training_note}") }</span>
            </label>
            { if model == ModelChoice::Pretrained { status } else { html! {} } }
        </fieldset>
    }
}

fn view_result(lang: cnn::Lang, empty: bool, result: Option<&Result<Analysis, String>>) -> Html {
    let (verdict, probabilities) = match result {
        _ if empty => (Verdict::Empty, vec![]),
        Some(Ok(a)) => (a.verdict.clone(), a.probabilities.clone()),
        Some(Err(e)) => {
            return html! { <div class="draw-result"><p class="draw-error" role="alert">{ e }</p></div> };
        }
        None => (Verdict::Empty, vec![]),
    };
    let headline = match &verdict {
        Verdict::Empty => html! {
            <p class="draw-hint" data-testid="draw-hint">{ tr(lang, "draw.hint") }</p>
        },
        Verdict::Sure { digit, probability } => html! {
            <div class="draw-verdict sure" data-testid="draw-prediction" data-digit={digit.to_string()}
                data-state="sure" aria-live="polite">
                <span class="draw-verdict-caption">{ tr(lang, "draw.sees") }</span>
                <span class="draw-big-digit">{ digit }</span>
                <span class="draw-verdict-p">{ format!("{} {}", tr(lang, "draw.probability"), percent(*probability)) }</span>
            </div>
        },
        Verdict::Unsure {
            best,
            best_probability,
            second,
            second_probability,
        } => html! {
            <div class="draw-verdict unsure" data-testid="draw-prediction" data-digit={best.to_string()}
                data-state="unsure" aria-live="polite">
                <span class="draw-verdict-caption">{ tr(lang, "draw.unsure") }</span>
                <span class="draw-big-digit">{ format!("{best}?") }</span>
                <span class="draw-verdict-p">
                    { format!("{} {best} ({}) {} {second} ({})", tr(lang, "draw.maybe"),
                        percent(*best_probability), tr(lang, "draw.or"), percent(*second_probability)) }
                </span>
                <span class="draw-help">{ tr(lang, "draw.unsure.note") }</span>
            </div>
        },
    };
    let top = ranked(&probabilities).first().map(|r| r.0);
    let bars = (0..10u8).map(|d| {
        let p = probabilities.get(d as usize).copied().unwrap_or(0.0);
        let p = if p.is_finite() { p.clamp(0.0, 1.0) } else { 0.0 };
        let class = if Some(d) == top && !probabilities.is_empty() { "draw-bar top" } else { "draw-bar" };
        html! {
            <li class={class} aria-label={format!("{d}: {}", percent(p))}>
                <span class="draw-bar-digit">{ d }</span>
                <span class="draw-bar-track"><span class="draw-bar-fill" style={format!("width: {:.1}%", p * 100.0)} /></span>
                <span class="draw-bar-p">{ if probabilities.is_empty() { "–".to_string() } else { percent(p) } }</span>
            </li>
        }
    });
    html! {
        <div class="draw-result">
            { headline }
            <h2>{ tr(lang, "draw.bars.title") }</h2>
            <ol class="draw-bars" data-testid="draw-bars">{ for bars }</ol>
        </div>
    }
}

fn view_pipeline(lang: cnn::Lang, result: Option<&Result<Analysis, String>>) -> Html {
    let body = match result {
        Some(Ok(a)) => {
            let steps = a.steps();
            html! {
                <ol class="draw-steps">
                    { for steps.into_iter().map(|(key, image, overlays, caption)| html! {
                        <li class="draw-step">
                            <GreyImage image={image} label={tr(lang, key)} overlays={overlays} />
                            <span class="draw-step-title">{ tr(lang, key) }</span>
                            <span class="draw-step-caption">{ caption }</span>
                        </li>
                    }) }
                </ol>
            }
        }
        _ => html! { <p class="draw-help">{ tr(lang, "draw.pipeline.empty") }</p> },
    };
    html! {
        <section class="draw-pipeline" aria-labelledby="draw-pipeline-title">
            <h2 id="draw-pipeline-title">{ tr(lang, "draw.pipeline.title") }</h2>
            { body }
        </section>
    }
}

fn view_inside(lang: cnn::Lang, result: Option<&Result<Analysis, String>>) -> Html {
    let Some(Ok(a)) = result else {
        return html! {};
    };
    html! {
        <section class="draw-inside" aria-labelledby="draw-inside-title">
            <h2 id="draw-inside-title">{ tr(lang, "draw.inside.title") }</h2>
            <p class="draw-help">{ tr(lang, "draw.inside.help") }</p>
            <NetworkView snapshot={a.inside.clone()} {lang} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_round_trips_and_names_junk() {
        let (q, ignored) = DrawQuery::from_query("model=training&digit=17&x=1");
        assert_eq!(q.model, ModelChoice::Training);
        assert_eq!(q.digit, Some(17));
        assert_eq!(ignored, vec!["x"]);
        assert_eq!(q.to_query(), "model=training&digit=17");
        assert_eq!(DrawQuery::from_query(""), (DrawQuery::default(), vec![]));
        assert_eq!(
            DrawQuery::from_query("digit=0&model=zzz"),
            (
                DrawQuery::default(),
                vec!["model".to_string(), "digit".to_string()]
            )
        );
        // The garbage link from the issue: defaults, both keys named.
        let (q, ignored) = DrawQuery::from_query("digit=99999&model=foo");
        assert_eq!(q, DrawQuery::default());
        assert_eq!(ignored, vec!["model", "digit"]);
        let (q, ignored) = DrawQuery::from_query("digit=1000&model=foo");
        assert_eq!(q.digit, Some(1000), "a good key stays");
        assert_eq!(ignored, vec!["model"]);
        assert_eq!(DrawQuery::parse("digit=1001").digit, None);
        assert_eq!(DrawQuery::default().to_query(), "");
    }
}
