//! The Draw section's state: one reducer (Yew's function_todomvc shape) over the pad's
//! strokes, the keyboard pen, the digit picker and the model choice; its URL codec
//! (`model=training&digit=17`) beside it.
//!
//! Pointer and key events become [`DrawAction`]s; the pad ([`Pad`]) and the pen
//! ([`KeyboardPen`]) do the drawing. Which network classifies and what it says are derived in
//! the component from this state (see [`super::analysis`]).

use yew::Reducible;

use crate::hooks::use_url_reducer::UrlState;
use crate::query::QueryReader;

use super::pad::{KeyOutcome, KeyboardPen, LoadedDigit, Pad, Point};

/// The held-out digits the picker offers (1-based numbers).
pub const PICKER_MAX: usize = 1000;

/// Which network classifies the drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModelChoice {
    #[default]
    Pretrained,
    Training,
}

impl ModelChoice {
    pub fn code(self) -> &'static str {
        match self {
            ModelChoice::Pretrained => "pretrained",
            ModelChoice::Training => "training",
        }
    }

    pub fn from_code(code: &str) -> Option<ModelChoice> {
        match code {
            "pretrained" => Some(ModelChoice::Pretrained),
            "training" => Some(ModelChoice::Training),
            _ => None,
        }
    }
}

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
            digit: q.whole("digit", 1..=PICKER_MAX),
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

#[derive(Clone, Debug, PartialEq)]
pub struct DrawState {
    /// The URL's part: the model choice and the picked digit.
    pub query: DrawQuery,
    pub pad: Pad,
    pub pen: KeyboardPen,
    /// Whether the keyboard pen's cursor is shown (the pad has the focus from the keyboard).
    pub cursor: bool,
    /// The pointer that draws the current stroke (a second finger is ignored).
    pub pointer: Option<i32>,
    /// The picker's text as typed.
    pub picker: String,
    /// Link keys that could not be read (shown until dismissed).
    pub ignored: Vec<String>,
    /// Which saliency map "what the network looked at" shows, and for which class.
    pub why: WhyChoice,
}

/// The saliency map's method, and the class it explains (`None`: the verdict).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WhyChoice {
    pub method: cnn::SaliencyMethod,
    pub class: Option<u8>,
}

impl Default for DrawState {
    fn default() -> DrawState {
        DrawState::from_query("")
    }
}

/// Why the picker's text (kept as typed, shortened) names no held-out digit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickerRefusal {
    /// Digits only, but not in 1–1000 (0, 1001).
    OutOfRange(String),
    /// Anything else: "1e3", "2.5", "-3", "abc".
    NotAWholeNumber(String),
}

impl cnn::Localized for PickerRefusal {
    fn message(&self, lang: cnn::Lang) -> String {
        match self {
            PickerRefusal::OutOfRange(typed) => lang.pick(
                format!("Цифры пронумерованы от 1 до {PICKER_MAX}; введено {typed}."),
                format!("The digits are numbered 1 to {PICKER_MAX}; typed {typed}."),
            ),
            PickerRefusal::NotAWholeNumber(typed) => lang.pick(
                format!("Номер — целое число от 1 до {PICKER_MAX}; введено «{typed}»."),
                format!("The number is a whole number from 1 to {PICKER_MAX}; typed “{typed}”."),
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum DrawAction {
    PointerDown {
        id: i32,
        at: Point,
    },
    PointerMove {
        id: i32,
        at: Point,
    },
    /// Up, cancel or lost capture.
    PointerUp {
        id: i32,
    },
    /// A `keydown` on the pad (`key` as in `KeyboardEvent.key`; Shift = fine steps).
    Key {
        key: String,
        fine: bool,
    },
    /// The pad got the focus; `keyboard` when it came from the keyboard (`:focus-visible`).
    Focus {
        keyboard: bool,
    },
    /// The pad lost the focus: the keyboard pen lifts.
    Blur,
    Undo,
    Clear,
    Picker(String),
    /// Held-out digit number `n` (1-based), looked up by the component in the loaded digits.
    LoadDigit {
        n: usize,
        digit: LoadedDigit,
    },
    Model(ModelChoice),
    DismissNote,
    /// Gradient × input or occlusion.
    WhyMethod(cnn::SaliencyMethod),
    /// The class the map explains ("why not 9?"); `None` follows the verdict.
    WhyClass(Option<u8>),
}

impl DrawState {
    /// The number typed into the picker, if it names a held-out digit.
    pub fn picker_number(&self) -> Option<usize> {
        self.picker
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=PICKER_MAX).contains(n))
    }

    /// Why the picker's text names no digit, said next to the disabled Load; `None` while it
    /// names one or is still empty.
    pub fn picker_refusal(&self) -> Option<PickerRefusal> {
        let text = self.picker.trim();
        if text.is_empty() || self.picker_number().is_some() {
            return None;
        }
        Some(if text.bytes().all(|b| b.is_ascii_digit()) {
            PickerRefusal::OutOfRange(cnn::echo(text))
        } else {
            PickerRefusal::NotAWholeNumber(cnn::echo(text))
        })
    }

    /// The pad no longer shows the picked digit as it was loaded: the digit leaves the URL.
    fn drop_digit(&mut self) {
        self.query.digit = None;
    }

    /// What a key did; the component prevents the browser's default unless it was ignored.
    pub fn key_outcome(&self, key: &str, fine: bool) -> KeyOutcome {
        let mut probe = self.clone();
        probe.pen.key(key, fine, &mut probe.pad)
    }
}

impl UrlState for DrawState {
    fn from_query(query: &str) -> DrawState {
        let (query, ignored) = DrawQuery::from_query(query);
        DrawState {
            ignored,
            picker: query.digit.unwrap_or(1).to_string(),
            query,
            pad: Pad::new(),
            pen: KeyboardPen::default(),
            cursor: false,
            pointer: None,
            why: WhyChoice::default(),
        }
    }

    fn to_query(&self) -> String {
        self.query.to_query()
    }
}

impl Reducible for DrawState {
    type Action = DrawAction;

    fn reduce(self: std::rc::Rc<Self>, action: DrawAction) -> std::rc::Rc<Self> {
        let mut state = std::rc::Rc::unwrap_or_clone(self);
        state.reduce(action);
        std::rc::Rc::new(state)
    }
}

impl DrawState {
    /// Applies an action in place (the reducer's work; tests call it directly).
    pub fn reduce(&mut self, action: DrawAction) {
        let before = self.query.clone();
        self.apply(action);
        // A rewritten link no longer carries the unreadable keys, so their note goes with them.
        if self.query != before {
            self.ignored.clear();
        }
    }
}

impl DrawState {
    fn apply(&mut self, action: DrawAction) {
        match action {
            DrawAction::PointerDown { id, at } => {
                if self.pointer.is_none() {
                    self.pointer = Some(id);
                    self.pad.begin_stroke(at);
                    self.drop_digit();
                }
            }
            DrawAction::PointerMove { id, at } => {
                if self.pointer == Some(id) {
                    self.pad.extend_stroke(at);
                }
            }
            DrawAction::PointerUp { id } => {
                if self.pointer == Some(id) {
                    self.pointer = None;
                    self.pad.end_stroke();
                }
            }
            DrawAction::Key { key, fine } => {
                let was_down = self.pen.down;
                let outcome = self.pen.key(&key, fine, &mut self.pad);
                if outcome != KeyOutcome::Ignored {
                    self.cursor = true;
                }
                if !was_down && self.pen.down {
                    self.drop_digit();
                }
            }
            DrawAction::Focus { keyboard } => self.cursor = keyboard,
            DrawAction::Blur => {
                self.cursor = false;
                self.pen.lift(&mut self.pad);
            }
            DrawAction::Undo => {
                self.pad.undo();
                if self.pad.digit().is_none() {
                    self.drop_digit();
                }
            }
            DrawAction::Clear => {
                self.pad.clear();
                self.drop_digit();
                // A new digit starts with its own verdict explained.
                self.why.class = None;
            }
            DrawAction::Picker(text) => self.picker = text,
            DrawAction::LoadDigit { n, digit } => {
                if self.pad.load_digit(digit) {
                    self.query.digit = Some(n);
                    self.picker = n.to_string();
                }
            }
            DrawAction::Model(model) => self.query.model = model,
            DrawAction::DismissNote => self.ignored.clear(),
            DrawAction::WhyMethod(method) => self.why.method = method,
            DrawAction::WhyClass(class) => self.why.class = class.filter(|&c| c < 10),
        }
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
