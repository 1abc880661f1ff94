//! The Activations section's state and its URL query form (plain Rust, tested natively).
//!
//! Query keys (only values that differ from the defaults are written):
//! `show=sigmoid,tanh,relu,softplus,leaky_relu` (visible curves), `deriv=1`, `range=6` (x from −6
//! to 6), `x=5` (the readout point), `n=10` (terms of the sigmoid sum), `srange=6` (its x range),
//! `k=10` (layers), `z=1` (pre-activation of the depth panel). Unknown keys and values that are
//! garbled or outside what the controls offer keep their defaults and are named by
//! [`ActivationsState::from_query`], for the section's note.

use cnn::Activation;
use cnn::curves::{MAX_DEPTH, MAX_SUM_TERMS};

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
    /// k, the number of layers.
    pub layers: u32,
    /// z, the pre-activation every layer sees.
    pub z: f64,
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
            layers: 10,
            z: 1.0,
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
    pub fn parse(query: &str) -> Self {
        Self::from_query(query).0
    }

    /// The state of a query, and the keys that could not be read (they keep their defaults).
    pub fn from_query(query: &str) -> (Self, Vec<String>) {
        let mut q = QueryReader::new(
            query,
            &["show", "deriv", "range", "x", "n", "srange", "k", "z"],
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
        if self.layers != d.layers {
            parts.push(format!("k={}", self.layers));
        }
        if self.z != d.z {
            parts.push(format!("z={}", number_text(self.z)));
        }
        parts.join("&")
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

/// x snapped to the pointer step.
pub fn snap(x: f64, x_per_px: f64) -> f64 {
    let step = pointer_step(x_per_px);
    round2((x / step).round() * step)
}

/// The readout point after `steps` arrow presses (0.1 each; PageUp/Down send ±10 = ±1).
pub fn nudge(x: f64, steps: i32) -> f64 {
    round2((x + 0.1 * f64::from(steps)).clamp(-X_LIMIT, X_LIMIT))
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
            layers: 20,
            z: -0.5,
        };
        let query = state.to_query();
        assert_eq!(
            query,
            "show=tanh,softplus,leaky_relu&deriv=1&range=12&x=-2.35&n=37&srange=3&k=20&z=-0.5"
        );
        assert_eq!(ActivationsState::parse(&query), state);
    }

    #[test]
    fn bad_values_fall_back_to_defaults_and_are_named() {
        let (s, ignored) =
            ActivationsState::from_query("n=0&k=99&range=abc&x=1e9&z=NaN&show=relu,bogus&foo=bar");
        assert_eq!(ignored, vec!["foo", "show", "range", "x", "n", "k", "z"]);
        let d = ActivationsState::default();
        assert_eq!(
            (s.terms, s.layers, s.range, s.x, s.z),
            (d.terms, d.layers, d.range, d.x, d.z)
        );
        assert_eq!(s.visible(), vec![Activation::Relu], "the good names stay");
        // The garbage link from the issue: default curves and range, every key named.
        let (s, ignored) = ActivationsState::from_query("n=abc&range=-999&x=zzz&show=%%%");
        assert_eq!(s, ActivationsState::default());
        assert_eq!(ignored, vec!["show", "range", "x", "n"]);
        // Good values are kept (rounded to what the controls resolve).
        let (s, ignored) = ActivationsState::from_query("n=50&k=20&range=6.4&x=-2.356&deriv=true");
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!((s.terms, s.layers, s.range, s.x), (50, 20, 6.0, -2.36));
        assert!(s.derivatives);
        assert_eq!(ActivationsState::parse("n=60").terms, 10);
        assert_eq!(ActivationsState::from_query("deriv=maybe").1, vec!["deriv"]);
        assert_eq!(ActivationsState::parse("show=").visible(), vec![]);
        assert!(ActivationsState::from_query("show=").1.is_empty());
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
}
