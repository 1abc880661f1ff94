//! The Activations section's state and its URL query form (plain Rust, tested natively).
//!
//! Query keys (only values that differ from the defaults are written):
//! `show=sigmoid,tanh,relu,softplus,leaky_relu` (visible curves), `deriv=1`, `range=6` (x from −6
//! to 6), `x=5` (the readout point), `n=10` (terms of the sigmoid sum), `srange=6` (its x range),
//! `k=10` (layers), `z=1` (pre-activation of the depth panel). Unknown keys and bad values are
//! ignored; numbers are clamped to what the controls offer.

use cnn::Activation;
use cnn::curves::{MAX_DEPTH, MAX_SUM_TERMS};

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
        let mut state = ActivationsState::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "show" => {
                    state.shown = [false; 5];
                    // Browsers may hand the comma back percent-encoded.
                    for name in value.replace("%2C", ",").replace("%2c", ",").split(',') {
                        if let Some(i) = Activation::ALL
                            .iter()
                            .position(|a| a.spec_name() == name.trim())
                        {
                            state.shown[i] = true;
                        }
                    }
                }
                "deriv" => state.derivatives = matches!(value, "1" | "true" | "yes"),
                "range" => {
                    if let Some(v) = parse_number(value) {
                        state.range = v.round().clamp(MIN_RANGE, MAX_RANGE);
                    }
                }
                "x" => {
                    if let Some(v) = parse_number(value) {
                        state.x = round2(v.clamp(-X_LIMIT, X_LIMIT));
                    }
                }
                "n" => {
                    if let Some(v) = parse_number(value) {
                        state.terms = v.round().clamp(1.0, MAX_SUM_TERMS as f64) as usize;
                    }
                }
                "srange" => {
                    if let Some(v) = parse_number(value) {
                        state.sum_range = v.round().clamp(MIN_RANGE, MAX_RANGE);
                    }
                }
                "k" => {
                    if let Some(v) = parse_number(value) {
                        state.layers = v.round().clamp(1.0, f64::from(MAX_DEPTH)) as u32;
                    }
                }
                "z" => {
                    if let Some(v) = parse_number(value) {
                        state.z = round2(v.clamp(-Z_LIMIT, Z_LIMIT));
                    }
                }
                _ => {}
            }
        }
        state
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
    fn bad_values_are_ignored_or_clamped() {
        let s = ActivationsState::parse("n=0&k=99&range=abc&x=1e9&z=NaN&show=relu,bogus&foo=bar");
        assert_eq!(s.terms, 1);
        assert_eq!(s.layers, 20);
        assert_eq!(s.range, 6.0);
        assert_eq!(s.x, 50.0);
        assert_eq!(s.z, 1.0);
        assert_eq!(s.visible(), vec![Activation::Relu]);
        assert_eq!(ActivationsState::parse("show=").visible(), vec![]);
        assert_eq!(ActivationsState::parse("n=60").terms, 50);
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
