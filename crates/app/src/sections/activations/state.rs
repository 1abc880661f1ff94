//! The Activations section's state, its reducer ([`ActivationsAction`]) and its URL query form
//! (plain Rust, tested natively).
//!
//! Query keys (only values that differ from the defaults are written):
//! `show=sigmoid,tanh,relu,softplus,leaky_relu` (visible curves), `deriv=1`, `range=6` (x from −6
//! to 6), `x=5` (the readout point), `n=10` (terms of the sigmoid sum), `srange=6` (its x range),
//! `sum=slide` (the slide's sum from i = 0), `k=10` (layers), `z=1` (pre-activation of the depth panel). Unknown keys and values that are
//! garbled or outside what the controls offer keep their defaults and are named by
//! [`ActivationsState::from_query`], for the section's note.

use std::rc::Rc;

use cnn::Activation;
use cnn::curves::{MAX_DEPTH, MAX_SUM_TERMS, SumStart};
use yew::Reducible;

use crate::hooks::use_url_reducer::UrlState;
use crate::query::QueryReader;

pub const MIN_RANGE: f64 = 1.0;
pub const MAX_RANGE: f64 = 20.0;
pub const X_LIMIT: f64 = 50.0;
pub const Z_LIMIT: f64 = 5.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ActivationsState {
    /// Visible curves, in [`Activation::ALL`] order.
    pub shown: [bool; 5],
    pub derivatives: bool,
    /// The main chart shows x in [−range, range].
    pub range: f64,
    /// The readout point.
    pub x: f64,
    /// N, the number of shifted sigmoids.
    pub terms: usize,
    /// The sum chart shows x in [−sum_range, sum_range].
    pub sum_range: f64,
    /// The slide's sum (from i = 0) or the exact midpoint sum (from i = 1); URL `sum=slide`.
    pub start: SumStart,
    /// k, the number of layers.
    pub layers: u32,
    /// z, the pre-activation every layer sees.
    pub z: f64,
    /// URL keys that could not be used when this state was read from a link (not serialised).
    pub ignored: Vec<String>,
}

/// What the controls of the section ask for. Values are clamped to what the controls offer;
/// non-finite numbers are ignored.
#[derive(Clone, Debug, PartialEq)]
pub enum ActivationsAction {
    /// Shows or hides the curve of `Activation::ALL[index]`.
    Show {
        index: usize,
        on: bool,
    },
    SetDerivatives(bool),
    /// The main chart's half-width.
    SetRange(f64),
    /// The readout point (rounded to 2 decimals).
    SetX(f64),
    /// The readout point moved by `steps` arrow presses (see [`nudge`]).
    NudgeX(i32),
    SetTerms(usize),
    SetSumRange(f64),
    SetSumStart(SumStart),
    SetLayers(u32),
    SetZ(f64),
    /// Hides the note about unusable URL parts.
    DismissNote,
}

impl Default for ActivationsState {
    fn default() -> Self {
        ActivationsState {
            shown: [true, true, true, true, false],
            derivatives: false,
            range: 6.0,
            x: 5.0,
            terms: 10,
            sum_range: 6.0,
            start: SumStart::Midpoint,
            layers: 10,
            z: 1.0,
            ignored: Vec::new(),
        }
    }
}

/// Rounds to 2 decimals (what the controls resolve), so the URL never shows float noise.
pub fn round2(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

fn number_text(v: f64) -> String {
    format!("{}", round2(v))
}

impl ActivationsState {
    /// The state of a query (its unreadable keys in `ignored`).
    pub fn parse(query: &str) -> Self {
        let (mut state, ignored) = Self::read_query(query);
        state.ignored = ignored;
        state
    }

    /// The state of a query, and the keys that could not be read (they keep their defaults).
    pub fn read_query(query: &str) -> (Self, Vec<String>) {
        let mut q = QueryReader::new(
            query,
            &[
                "show", "deriv", "range", "x", "n", "srange", "sum", "k", "z",
            ],
        );
        let mut state = ActivationsState::default();
        // `show=` (nothing shown) is a state the user can reach; unknown names are not.
        let shown = q.get("show").map(|value| {
            let mut shown = [false; 5];
            let mut all_known = true;
            for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                match Activation::ALL.iter().position(|a| a.spec_name() == name) {
                    Some(i) => shown[i] = true,
                    None => all_known = false,
                }
            }
            (shown, all_known)
        });
        if let Some((shown, all_known)) = shown {
            if !all_known {
                q.reject("show");
            }
            if all_known || shown.contains(&true) {
                state.shown = shown;
            }
        }
        if let Some(on) = q.read("deriv", |v| match v {
            "1" | "true" | "yes" => Some(true),
            "0" | "false" | "no" => Some(false),
            _ => None,
        }) {
            state.derivatives = on;
        }
        let rounded_in = |min: f64, max: f64| {
            move |v: &str| {
                parse_number(v)
                    .map(f64::round)
                    .filter(|r| (min..=max).contains(r))
            }
        };
        if let Some(v) = q.read("range", rounded_in(MIN_RANGE, MAX_RANGE)) {
            state.range = v;
        }
        if let Some(v) = q.number("x", -X_LIMIT..=X_LIMIT) {
            state.x = round2(v);
        }
        if let Some(v) = q.read("n", rounded_in(1.0, MAX_SUM_TERMS as f64)) {
            state.terms = v as usize;
        }
        if let Some(v) = q.read("srange", rounded_in(MIN_RANGE, MAX_RANGE)) {
            state.sum_range = v;
        }
        if let Some(v) = q.read("sum", |v| match v {
            "slide" => Some(SumStart::Slide),
            "mid" => Some(SumStart::Midpoint),
            _ => None,
        }) {
            state.start = v;
        }
        if let Some(v) = q.read("k", rounded_in(1.0, f64::from(MAX_DEPTH))) {
            state.layers = v as u32;
        }
        if let Some(v) = q.number("z", -Z_LIMIT..=Z_LIMIT) {
            state.z = round2(v);
        }
        (state, q.finish())
    }

    /// The query for this state; the empty string for the defaults.
    pub fn to_query(&self) -> String {
        let d = ActivationsState::default();
        let mut parts = Vec::new();
        if self.shown != d.shown {
            let names: Vec<&str> = Activation::ALL
                .iter()
                .zip(self.shown)
                .filter(|(_, on)| *on)
                .map(|(a, _)| a.spec_name())
                .collect();
            parts.push(format!("show={}", names.join(",")));
        }
        if self.derivatives != d.derivatives {
            parts.push(format!("deriv={}", u8::from(self.derivatives)));
        }
        if self.range != d.range {
            parts.push(format!("range={}", number_text(self.range)));
        }
        if self.x != d.x {
            parts.push(format!("x={}", number_text(self.x)));
        }
        if self.terms != d.terms {
            parts.push(format!("n={}", self.terms));
        }
        if self.sum_range != d.sum_range {
            parts.push(format!("srange={}", number_text(self.sum_range)));
        }
        if self.start == SumStart::Slide {
            parts.push("sum=slide".to_string());
        }
        if self.layers != d.layers {
            parts.push(format!("k={}", self.layers));
        }
        if self.z != d.z {
            parts.push(format!("z={}", number_text(self.z)));
        }
        parts.join("&")
    }

    pub fn reduce(&mut self, action: ActivationsAction) {
        let finite = |v: f64| v.is_finite().then_some(v);
        match action {
            ActivationsAction::Show { index, on } => {
                if let Some(shown) = self.shown.get_mut(index) {
                    *shown = on;
                }
            }
            ActivationsAction::SetDerivatives(on) => self.derivatives = on,
            ActivationsAction::SetRange(v) => {
                if let Some(v) = finite(v) {
                    self.range = v.clamp(MIN_RANGE, MAX_RANGE);
                }
            }
            ActivationsAction::SetX(v) => {
                if let Some(v) = finite(v) {
                    self.x = round2(v.clamp(-X_LIMIT, X_LIMIT));
                }
            }
            ActivationsAction::NudgeX(steps) => self.x = nudge(self.x, steps),
            ActivationsAction::SetTerms(n) => self.terms = n.clamp(1, MAX_SUM_TERMS),
            ActivationsAction::SetSumRange(v) => {
                if let Some(v) = finite(v) {
                    self.sum_range = v.clamp(MIN_RANGE, MAX_RANGE);
                }
            }
            ActivationsAction::SetSumStart(start) => self.start = start,
            ActivationsAction::SetLayers(k) => self.layers = k.clamp(1, MAX_DEPTH),
            ActivationsAction::SetZ(v) => {
                if let Some(v) = finite(v) {
                    self.z = round2(v.clamp(-Z_LIMIT, Z_LIMIT));
                }
            }
            ActivationsAction::DismissNote => self.ignored.clear(),
        }
    }

    /// The visible activations, in display order.
    pub fn visible(&self) -> Vec<Activation> {
        Activation::ALL
            .into_iter()
            .zip(self.shown)
            .filter(|(_, on)| *on)
            .map(|(a, _)| a)
            .collect()
    }
}

/// The readout step for a pointer that resolves `x_per_px` data units per pixel: the smallest
/// of 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1 that is at least one pixel, so x = 5 and x = 10 are easy
/// to hit exactly.
pub fn pointer_step(x_per_px: f64) -> f64 {
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
        .into_iter()
        .find(|&s| s >= x_per_px)
        .unwrap_or(1.0)
}

/// The readout point typed into "Point x": `-1.5`, `−1,5` (typographic minus, decimal comma);
/// `None` while the text is not (yet) a number in [−X_LIMIT, X_LIMIT] — "-" or "" mid-edit.
pub fn typed_x(text: &str) -> Option<f64> {
    crate::query::parse_cell(text)
        .map(f64::from)
        .filter(|x| x.abs() <= X_LIMIT)
}

/// x snapped to the pointer step.
pub fn snap(x: f64, x_per_px: f64) -> f64 {
    let step = pointer_step(x_per_px);
    round2((x / step).round() * step)
}

/// The readout point after `steps` arrow presses (0.1 each; PageUp/Down send ±10 = ±1).
pub fn nudge(x: f64, steps: i32) -> f64 {
    round2((x + 0.1 * f64::from(steps)).clamp(-X_LIMIT, X_LIMIT))
}

impl Reducible for ActivationsState {
    type Action = ActivationsAction;

    fn reduce(self: Rc<Self>, action: ActivationsAction) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.reduce(action);
        Rc::new(state)
    }
}

impl UrlState for ActivationsState {
    fn from_query(query: &str) -> Self {
        ActivationsState::parse(query)
    }

    fn to_query(&self) -> String {
        ActivationsState::to_query(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_as_empty_query() {
        assert_eq!(ActivationsState::default().to_query(), "");
        assert_eq!(ActivationsState::parse(""), ActivationsState::default());
    }

    #[test]
    fn every_field_round_trips() {
        let state = ActivationsState {
            shown: [false, true, false, true, true],
            derivatives: true,
            range: 12.0,
            x: -2.35,
            terms: 37,
            sum_range: 3.0,
            start: SumStart::Slide,
            layers: 20,
            z: -0.5,
            ignored: Vec::new(),
        };
        let query = state.to_query();
        assert_eq!(
            query,
            "show=tanh,softplus,leaky_relu&deriv=1&range=12&x=-2.35&n=37&srange=3&sum=slide&k=20&z=-0.5"
        );
        assert_eq!(ActivationsState::parse(&query), state);
    }

    #[test]
    fn bad_values_fall_back_to_defaults_and_are_named() {
        let (s, ignored) =
            ActivationsState::read_query("n=0&k=99&range=abc&x=1e9&z=NaN&show=relu,bogus&foo=bar");
        assert_eq!(ignored, vec!["foo", "show", "range", "x", "n", "k", "z"]);
        let d = ActivationsState::default();
        assert_eq!(
            (s.terms, s.layers, s.range, s.x, s.z),
            (d.terms, d.layers, d.range, d.x, d.z)
        );
        assert_eq!(s.visible(), vec![Activation::Relu], "the good names stay");
        // The garbage link from the issue: default curves and range, every key named.
        let (s, ignored) = ActivationsState::read_query("n=abc&range=-999&x=zzz&show=%%%");
        assert_eq!(s, ActivationsState::default());
        assert_eq!(ignored, vec!["show", "range", "x", "n"]);
        // Good values are kept (rounded to what the controls resolve).
        let (s, ignored) = ActivationsState::read_query("n=50&k=20&range=6.4&x=-2.356&deriv=true");
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!((s.terms, s.layers, s.range, s.x), (50, 20, 6.0, -2.36));
        assert!(s.derivatives);
        assert_eq!(ActivationsState::parse("n=60").terms, 10);
        assert_eq!(ActivationsState::read_query("deriv=maybe").1, vec!["deriv"]);
        assert_eq!(ActivationsState::parse("show=").visible(), vec![]);
        assert!(ActivationsState::read_query("show=").1.is_empty());
        assert_eq!(
            ActivationsState::parse("show=relu%2Csigmoid").visible(),
            vec![Activation::Sigmoid, Activation::Relu]
        );
    }

    #[test]
    fn pointer_snapping() {
        // 12 units over 600 px = 0.02 per px → 0.02 steps; 40 units over 600 px → 0.1.
        assert_eq!(pointer_step(0.02), 0.02);
        assert_eq!(pointer_step(0.067), 0.1);
        assert_eq!(pointer_step(3.0), 1.0);
        assert_eq!(snap(4.993, 0.02), 5.0);
        assert_eq!(snap(10.04, 0.067), 10.0);
        assert_eq!(snap(-0.004, 0.01), 0.0);
        assert_eq!(nudge(5.0, 1), 5.1);
        assert_eq!(nudge(5.0, -10), 4.0);
        assert_eq!(nudge(49.95, 10), 50.0);
    }

    #[test]
    fn actions_clamp_round_and_ignore_non_finite_numbers() {
        let mut s = ActivationsState::parse("foo=1");
        assert_eq!(s.ignored, vec!["foo"]);
        s.reduce(ActivationsAction::DismissNote);
        assert_eq!(s, ActivationsState::default());
        s.reduce(ActivationsAction::Show { index: 4, on: true });
        s.reduce(ActivationsAction::Show {
            index: 0,
            on: false,
        });
        s.reduce(ActivationsAction::Show { index: 9, on: true });
        assert_eq!(s.shown, [false, true, true, true, true]);
        s.reduce(ActivationsAction::SetDerivatives(true));
        assert!(s.derivatives);
        s.reduce(ActivationsAction::SetRange(99.0));
        assert_eq!(s.range, MAX_RANGE);
        s.reduce(ActivationsAction::SetRange(f64::NAN));
        assert_eq!(s.range, MAX_RANGE);
        s.reduce(ActivationsAction::SetX(-2.356));
        assert_eq!(s.x, -2.36);
        s.reduce(ActivationsAction::SetX(1e9));
        assert_eq!(s.x, X_LIMIT);
        s.reduce(ActivationsAction::NudgeX(-10));
        assert_eq!(s.x, 49.0);
        s.reduce(ActivationsAction::SetTerms(0));
        assert_eq!(s.terms, 1);
        s.reduce(ActivationsAction::SetTerms(1000));
        assert_eq!(s.terms, MAX_SUM_TERMS);
        s.reduce(ActivationsAction::SetSumRange(0.0));
        assert_eq!(s.sum_range, MIN_RANGE);
        s.reduce(ActivationsAction::SetLayers(0));
        assert_eq!(s.layers, 1);
        s.reduce(ActivationsAction::SetLayers(1000));
        assert_eq!(s.layers, MAX_DEPTH);
        s.reduce(ActivationsAction::SetZ(-9.0));
        assert_eq!(s.z, -Z_LIMIT);
        s.reduce(ActivationsAction::SetZ(0.123));
        assert_eq!(s.z, 0.12);
        assert_eq!(ActivationsState::parse(&s.to_query()), s);
    }

    #[test]
    fn the_sum_as_on_the_slide_is_kept_in_the_link() {
        let mut s = ActivationsState::default();
        assert_eq!(s.start, SumStart::Midpoint);
        s.reduce(ActivationsAction::SetSumStart(SumStart::Slide));
        assert_eq!(s.to_query(), "sum=slide");
        assert_eq!(ActivationsState::parse("sum=slide").start, SumStart::Slide);
        assert_eq!(ActivationsState::parse("sum=mid").start, SumStart::Midpoint);
        let garbled = ActivationsState::parse("sum=both");
        assert_eq!(garbled.start, SumStart::Midpoint);
        assert_eq!(garbled.ignored, vec!["sum".to_string()]);
    }
}

#[cfg(test)]
mod typed_x_tests {
    use super::*;

    #[test]
    fn point_x_reads_what_a_student_types() {
        assert_eq!(typed_x("-1.5"), Some(-1.5));
        assert_eq!(typed_x("−1,5"), Some(-1.5));
        assert_eq!(typed_x(" 7 "), Some(7.0));
        assert_eq!(typed_x("50"), Some(50.0));
        // Steps of an edit and values out of range are not a point (the field keeps them).
        for text in ["", "-", "−", ".", "abc", "51", "-1e9", "NaN", "inf"] {
            assert_eq!(typed_x(text), None, "{text:?}");
        }
    }
}
