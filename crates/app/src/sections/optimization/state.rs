//! The Optimization section's state: the surface (and κ), η and γ, the start point, the gradient
//! noise, whether Adam and RMSProp are drawn, and the player's cursor over the steps — one
//! reducer, tested natively, with its URL form.
//!
//! Query keys (only values that differ from the defaults are written): `s=quadratic|rosenbrock|
//! wells`, `k=10` (κ), `eta=0.8`, `g=0.9` (γ), `w=-4,1.5` (start), `sigma=0` (noise), `seed=1`,
//! `ada=1` (Adam and RMSProp shown), `aeta=0.1` (their η), `t=12` (the step shown; absent: the
//! last). Unreadable keys keep their defaults and are named for the section's note.
//!
//! The cursor's position p shows the point after step p + 1 (the player's "step 1" is the first
//! step), so the player's count is the optimizer's step count.

use std::rc::Rc;

use cnn::MomentumForm;
use cnn::descent::{self, DescentConfig, LEARNING_RATE_MAX, MAX_STEPS, Method, NOISE_MAX};
use cnn::surface::{KAPPA_MAX, KAPPA_MIN, Surface};
use yew::Reducible;

use crate::hooks::use_url_reducer::UrlState;
use crate::playback::{Playback, PlayerMsg};
use crate::query::{QueryReader, format_url_number};

/// The surfaces the page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SurfaceChoice {
    Quadratic,
    Rosenbrock,
    TwoWells,
}

impl SurfaceChoice {
    pub const ALL: [SurfaceChoice; 3] = [
        SurfaceChoice::Quadratic,
        SurfaceChoice::Rosenbrock,
        SurfaceChoice::TwoWells,
    ];

    pub fn surface(self, kappa: f64) -> Surface {
        match self {
            SurfaceChoice::Quadratic => Surface::Quadratic { kappa },
            SurfaceChoice::Rosenbrock => Surface::Rosenbrock,
            SurfaceChoice::TwoWells => Surface::TwoWells,
        }
    }

    pub fn key(self) -> &'static str {
        self.surface(1.0).key()
    }

    fn from_key(key: &str) -> Option<SurfaceChoice> {
        SurfaceChoice::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The smallest η and γ steps the controls resolve.
pub const ETA_MIN: f32 = 0.001;
pub const GAMMA_MAX: f32 = 0.99;
/// One arrow press moves the start point this far.
pub const NUDGE: f32 = 0.1;

#[derive(Clone, Debug, PartialEq)]
pub struct OptState {
    pub choice: SurfaceChoice,
    /// κ of the quadratic (kept while another surface is shown).
    pub kappa: f64,
    pub eta: f32,
    pub gamma: f32,
    pub start: [f32; 2],
    pub noise: f32,
    pub seed: u64,
    /// Whether Adam and RMSProp are drawn too.
    pub adaptive: bool,
    pub adaptive_eta: f32,
    pub playback: Playback,
    /// URL keys that could not be used when this state was read from a link (not serialised).
    pub ignored: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OptAction {
    /// Another surface, with its suggested start and η.
    SetSurface(SurfaceChoice),
    SetKappa(f64),
    SetEta(f32),
    SetGamma(f32),
    /// A start point picked on the map (moved into the drawn area, rounded to 2 decimals).
    SetStart([f32; 2]),
    /// The start moved by arrow presses: (Δw₁, Δw₂) in units of [`NUDGE`].
    NudgeStart(i32, i32),
    SetNoise(f32),
    /// New noise draws.
    Reseed,
    SetAdaptive(bool),
    SetAdaptiveEta(f32),
    Player(PlayerMsg),
    /// Hides the note about unusable URL parts.
    DismissNote,
}

/// Rounds to 2 decimals for points (what a click resolves) and 3 for rates.
fn round_to(v: f32, decimals: i32) -> f32 {
    let scale = 10f32.powi(decimals);
    let r = (v * scale).round() / scale;
    if r == 0.0 { 0.0 } else { r }
}

impl Default for OptState {
    fn default() -> Self {
        OptState::on(SurfaceChoice::Quadratic, 10.0)
    }
}

impl OptState {
    /// The page's defaults on a surface, the cursor at the last step.
    fn on(choice: SurfaceChoice, kappa: f64) -> OptState {
        let base = DescentConfig::new(choice.surface(kappa));
        let mut state = OptState {
            choice,
            kappa,
            eta: base.learning_rate,
            gamma: base.gamma,
            start: base.start,
            noise: base.noise,
            seed: base.seed,
            adaptive: false,
            adaptive_eta: base.adaptive_rate,
            playback: Playback::default(),
            ignored: Vec::new(),
        };
        state.sync_length(true);
        state
    }

    pub fn surface(&self) -> Surface {
        self.choice.surface(self.kappa)
    }

    /// The methods drawn: the lecture's three, and Adam and RMSProp when asked for.
    pub fn methods(&self) -> Vec<Method> {
        if self.adaptive {
            Method::ALL.to_vec()
        } else {
            Method::LECTURE.to_vec()
        }
    }

    /// What the core runs.
    pub fn config(&self) -> DescentConfig {
        DescentConfig {
            surface: self.surface(),
            learning_rate: self.eta,
            gamma: self.gamma,
            form: MomentumForm::Lecture,
            adaptive_rate: self.adaptive_eta,
            start: self.start,
            noise: self.noise,
            seed: self.seed,
            max_steps: MAX_STEPS,
        }
    }

    /// The number of steps shown, from the core's runs (0 if the settings are unusable).
    pub fn steps_to_show(&self) -> usize {
        descent::descend_all(&self.config(), &self.methods())
            .map_or(0, |t| descent::steps_to_show(&t, MAX_STEPS))
    }

    /// The step shown (1-based), 0 when there is none.
    pub fn step(&self) -> usize {
        if self.playback.length == 0 {
            0
        } else {
            self.playback.position + 1
        }
    }

    /// The player's length follows the runs; a cursor at the end stays at the end.
    fn sync_length(&mut self, to_end: bool) {
        let at_end = to_end || self.playback.at_end();
        self.playback.set_length(self.steps_to_show());
        if at_end {
            self.playback.position = self.playback.length.saturating_sub(1);
        }
    }

    pub fn reduce(&mut self, action: OptAction) {
        let view = self.surface().view();
        let settings_changed = match action {
            OptAction::SetSurface(choice) => {
                if choice != self.choice {
                    let keep = (self.adaptive, self.adaptive_eta, self.noise, self.seed);
                    *self = OptState {
                        ignored: std::mem::take(&mut self.ignored),
                        ..OptState::on(choice, self.kappa)
                    };
                    (self.adaptive, self.adaptive_eta, self.noise, self.seed) = keep;
                }
                true
            }
            OptAction::SetKappa(k) if k.is_finite() => {
                self.kappa = (k.round()).clamp(KAPPA_MIN, KAPPA_MAX);
                true
            }
            OptAction::SetEta(v) if v.is_finite() => {
                self.eta = round_to(v, 3).clamp(ETA_MIN, LEARNING_RATE_MAX as f32);
                true
            }
            OptAction::SetGamma(v) if v.is_finite() => {
                self.gamma = round_to(v, 3).clamp(0.0, GAMMA_MAX);
                true
            }
            OptAction::SetStart(w) if w.iter().all(|v| v.is_finite()) => {
                let clamped = view.clamp(w.map(f64::from));
                self.start = clamped.map(|v| round_to(v as f32, 2));
                true
            }
            OptAction::NudgeStart(dx, dy) => {
                let moved = [
                    f64::from(self.start[0] + NUDGE * dx as f32),
                    f64::from(self.start[1] + NUDGE * dy as f32),
                ];
                self.start = view.clamp(moved).map(|v| round_to(v as f32, 2));
                true
            }
            OptAction::SetNoise(v) if v.is_finite() => {
                self.noise = round_to(v, 2).clamp(0.0, NOISE_MAX as f32);
                true
            }
            OptAction::Reseed => {
                self.seed = self.seed.wrapping_add(1);
                true
            }
            OptAction::SetAdaptive(on) => {
                self.adaptive = on;
                true
            }
            OptAction::SetAdaptiveEta(v) if v.is_finite() => {
                self.adaptive_eta = round_to(v, 3).clamp(ETA_MIN, LEARNING_RATE_MAX as f32);
                true
            }
            OptAction::Player(msg) => {
                self.playback.reduce(msg);
                false
            }
            OptAction::DismissNote => {
                self.ignored.clear();
                false
            }
            // Non-finite numbers change nothing.
            _ => false,
        };
        if settings_changed {
            self.sync_length(false);
        }
    }

    /// The state of a query (its unreadable keys in `ignored`).
    pub fn parse(query: &str) -> OptState {
        let mut q = QueryReader::new(
            query,
            &[
                "s", "k", "eta", "g", "w", "sigma", "seed", "ada", "aeta", "t",
            ],
        );
        let choice = q
            .read("s", SurfaceChoice::from_key)
            .unwrap_or(SurfaceChoice::Quadratic);
        let kappa = q
            .number("k", KAPPA_MIN..=KAPPA_MAX)
            .map_or(10.0, f64::round);
        let mut s = OptState::on(choice, kappa);
        let rate = f64::from(ETA_MIN)..=LEARNING_RATE_MAX;
        if let Some(v) = q.number("eta", rate.clone()) {
            s.eta = round_to(v as f32, 3);
        }
        if let Some(v) = q.number("g", 0.0..=f64::from(GAMMA_MAX)) {
            s.gamma = round_to(v as f32, 3);
        }
        let view = s.surface().view();
        if let Some(w) = q.read("w", |v| {
            let (a, b) = v.split_once(',')?;
            let w = [a, b].map(|t| t.trim().replace('−', "-").parse::<f64>().ok());
            let w = [w[0]?, w[1]?];
            view.contains(w).then(|| w.map(|x| round_to(x as f32, 2)))
        }) {
            s.start = w;
        }
        if let Some(v) = q.number("sigma", 0.0..=NOISE_MAX) {
            s.noise = round_to(v as f32, 2);
        }
        if let Some(v) = q.read("seed", |v| v.trim().parse::<u64>().ok()) {
            s.seed = v;
        }
        if let Some(on) = q.flag("ada") {
            s.adaptive = on;
        }
        if let Some(v) = q.number("aeta", rate) {
            s.adaptive_eta = round_to(v as f32, 3);
        }
        s.sync_length(true);
        if let Some(t) = q.whole("t", 1..=MAX_STEPS) {
            s.playback.seek(t - 1);
        }
        s.ignored = q.finish();
        s
    }

    /// The query for this state; the empty string for the defaults.
    pub fn to_query(&self) -> String {
        let d = OptState::on(self.choice, self.kappa);
        let mut parts = Vec::new();
        if self.choice != SurfaceChoice::Quadratic {
            parts.push(format!("s={}", self.choice.key()));
        }
        if self.kappa != 10.0 {
            parts.push(format!("k={}", self.kappa));
        }
        let mut number = |key: &str, value: f32, default: f32| {
            if value != default {
                parts.push(format!("{key}={}", format_url_number(value)));
            }
        };
        number("eta", self.eta, d.eta);
        number("g", self.gamma, d.gamma);
        if self.start != d.start {
            parts.push(format!(
                "w={},{}",
                format_url_number(self.start[0]),
                format_url_number(self.start[1])
            ));
        }
        if self.noise != d.noise {
            parts.push(format!("sigma={}", format_url_number(self.noise)));
        }
        if self.seed != d.seed {
            parts.push(format!("seed={}", self.seed));
        }
        if self.adaptive != d.adaptive {
            parts.push(format!("ada={}", u8::from(self.adaptive)));
        }
        if self.adaptive_eta != d.adaptive_eta {
            parts.push(format!("aeta={}", format_url_number(self.adaptive_eta)));
        }
        if !self.playback.at_end() {
            parts.push(format!("t={}", self.step()));
        }
        parts.join("&")
    }
}

impl Reducible for OptState {
    type Action = OptAction;

    fn reduce(self: Rc<Self>, action: OptAction) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.reduce(action);
        Rc::new(state)
    }
}

impl UrlState for OptState {
    fn from_query(query: &str) -> Self {
        OptState::parse(query)
    }

    fn to_query(&self) -> String {
        OptState::to_query(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_show_every_step_and_round_trip_as_empty() {
        let s = OptState::default();
        assert_eq!(
            (s.kappa, s.eta, s.gamma, s.start),
            (10.0, 0.8, 0.9, [-4.0, 1.5])
        );
        // Momentum settles at 182, the last of the three; ten more steps show it resting.
        assert_eq!(s.playback.length, 192);
        assert_eq!(s.step(), 192);
        assert_eq!(s.to_query(), "");
        assert_eq!(OptState::parse(""), s);
    }

    #[test]
    fn actions_clamp_round_and_keep_the_cursor_at_the_end() {
        let mut s = OptState::default();
        s.reduce(OptAction::SetGamma(0.8));
        // γ = 0.8: momentum settles at 89, Nesterov diverges at 19.
        assert_eq!(s.playback.length, 99);
        assert!(s.playback.at_end());
        s.reduce(OptAction::SetGamma(1.5));
        assert_eq!(s.gamma, GAMMA_MAX);
        s.reduce(OptAction::SetEta(f32::NAN));
        assert_eq!(s.eta, 0.8);
        s.reduce(OptAction::SetEta(0.12345));
        assert_eq!(s.eta, 0.123);
        s.reduce(OptAction::SetKappa(1000.0));
        assert_eq!(s.kappa, KAPPA_MAX);
        s.reduce(OptAction::SetStart([9.0, -1.234]));
        assert_eq!(s.start, [5.0, -1.23], "moved into the drawn area");
        s.reduce(OptAction::NudgeStart(-3, 1));
        assert_eq!(s.start, [4.7, -1.13]);
        s.reduce(OptAction::Player(PlayerMsg::Start));
        assert_eq!(s.step(), 1);
        s.reduce(OptAction::SetNoise(0.5));
        assert_eq!(s.step(), 1, "a cursor before the end stays where it was");
        s.reduce(OptAction::SetNoise(-1.0));
        assert_eq!(s.noise, 0.0);
    }

    #[test]
    fn a_new_surface_brings_its_start_and_rate_and_keeps_kappa() {
        let mut s = OptState::default();
        s.reduce(OptAction::SetKappa(20.0));
        s.reduce(OptAction::SetAdaptive(true));
        s.reduce(OptAction::SetSurface(SurfaceChoice::TwoWells));
        assert_eq!((s.start, s.eta), ([3.5, 1.5], 0.1));
        assert!(s.adaptive);
        s.reduce(OptAction::SetSurface(SurfaceChoice::Quadratic));
        assert_eq!((s.kappa, s.start, s.eta), (20.0, [-4.0, 1.5], 0.8));
        assert_eq!(s.methods().len(), 5);
    }

    #[test]
    fn links_round_trip_and_unreadable_keys_are_named() {
        let mut s = OptState::default();
        for a in [
            OptAction::SetSurface(SurfaceChoice::Rosenbrock),
            OptAction::SetKappa(37.0),
            OptAction::SetEta(0.003),
            OptAction::SetGamma(0.95),
            OptAction::SetStart([-1.25, 2.5]),
            OptAction::SetNoise(0.3),
            OptAction::Reseed,
            OptAction::SetAdaptive(true),
            OptAction::SetAdaptiveEta(0.05),
            OptAction::Player(PlayerMsg::Seek(41)),
        ] {
            s.reduce(a);
        }
        let q = s.to_query();
        assert_eq!(
            q,
            "s=rosenbrock&k=37&eta=0.003&g=0.95&w=-1.25,2.5&sigma=0.3&seed=2&ada=1&aeta=0.05&t=42"
        );
        assert_eq!(OptState::parse(&q), s);
        let bad = OptState::parse("s=saddle&k=0&eta=x&w=99,0&t=5000&zzz=1");
        assert_eq!(bad.ignored, ["zzz", "s", "k", "eta", "w", "t"]);
        assert_eq!(
            OptState {
                ignored: Vec::new(),
                ..bad
            },
            OptState::default()
        );
        // A step beyond the runs is clamped to the last one.
        assert_eq!(OptState::parse("t=999").step(), 192);
        assert_eq!(OptState::parse("t=5").step(), 5);
    }
}
