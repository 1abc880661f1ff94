//! The Training form: what the user typed, one reducer (Yew's function_todomvc shape).
//!
//! Settings apply live: an edit that the core accepts ([`Settings::validate`]) queues a
//! [`TrainInput::SetSettings`] for the worker; one it refuses stays on screen, in its field, with
//! the core's message ([`FieldNote`]) while the settings — and so the URL and the worker — keep
//! the last accepted value. A value taken only after rounding says so. The spec, the seed and the comparison switch wait for Reset, which
//! checks all three before it queues [`TrainInput::Reset`]. The queued message is
//! [`Form::outgoing`], numbered so that the component sends each exactly once.

use std::rc::Rc;

use cnn::Lang;
use yew::Reducible;

use crate::training::client::default_setup;
use crate::training::config::{OptimizerKind, Settings, layer_rows, parse_spec};
use crate::training::protocol::{LayerRow, Setup, Text, TrainInput};
use crate::training::query::{QuerySetup, setup_to_query};

/// A number field of the settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    LearningRate,
    Momentum,
    BatchSize,
    L2,
    Dropout,
    DecayEvery,
    DecayFactor,
}

impl Field {
    /// Writes a typed number into `settings`; returns the whole number it was rounded to, if it
    /// was. A batch below 1 becomes 0 and a decay period of 0 or less turns the decay off, so
    /// that the core's check names the batch size and the field's "0 = off" holds.
    fn set(self, settings: &mut Settings, value: f64) -> Option<u64> {
        let whole = |v: f64| (v.fract() != 0.0).then(|| v.round().min(u64::MAX as f64) as u64);
        match self {
            Field::LearningRate => settings.learning_rate = value as f32,
            Field::Momentum => settings.momentum = value as f32,
            Field::BatchSize => {
                settings.batch_size = if value >= 1.0 {
                    value.round().min(usize::MAX as f64) as usize
                } else {
                    0
                };
                return whole(value).filter(|_| value >= 1.0);
            }
            Field::L2 => settings.l2 = value as f32,
            Field::Dropout => settings.dropout = value as f32,
            Field::DecayEvery => {
                settings.lr_decay_every = if value > 0.0 {
                    value.round().min(u64::MAX as f64) as u64
                } else {
                    0
                };
                return whole(value).filter(|_| value > 0.0);
            }
            Field::DecayFactor => settings.lr_decay_factor = value as f32,
        }
        None
    }

    /// The setting's name, as the core's messages write it.
    fn setting(self) -> cnn::Setting {
        match self {
            Field::LearningRate => cnn::Setting::LearningRate,
            Field::Momentum => cnn::Setting::Momentum,
            Field::BatchSize => cnn::Setting::BatchSize,
            Field::L2 => cnn::Setting::L2,
            Field::Dropout => cnn::Setting::Dropout,
            Field::DecayEvery => cnn::Setting::DecayEvery,
            Field::DecayFactor => cnn::Setting::DecayFactor,
        }
    }
}

/// What the form says beside a field whose typed value it did not take as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldNote {
    pub field: Field,
    /// Run B's field.
    pub compare: bool,
    /// The text as typed: a refused value stays in its field until it is corrected.
    pub typed: String,
    pub message: Text,
    /// `true`: refused (the setting kept its last accepted value); `false`: taken after rounding.
    pub refused: bool,
}

/// The spec in its canonical text form and its table, or the core's message.
pub fn check_spec(text: &str) -> Result<(String, Vec<LayerRow>), Text> {
    let spec = parse_spec(text)?;
    let rows = layer_rows(&spec)?;
    Ok((spec.to_string(), rows))
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// Run A's settings (B's batch size and augmentation follow A's).
    pub settings: Settings,
    pub compare_on: bool,
    /// Run B's settings, kept while the comparison is off.
    pub compare: Settings,
    pub seed_text: String,
    pub spec_text: String,
    /// The last refused Reset, in both languages.
    pub error: Option<Text>,
    /// Typed values refused or rounded, one per field at most.
    pub field_notes: Vec<FieldNote>,
    /// What the last change of optimizer did to η and why (`true` = run B's), until η is edited.
    pub lr_note: Option<(bool, Text)>,
    /// Link keys that could not be read.
    pub url_note: Vec<String>,
    pub show_view: bool,
    pub show_grads: bool,
    /// The message for the worker and its number (the component sends each number once).
    pub outgoing: Option<(u64, TrainInput)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FormAction {
    /// A number field's text was committed (Enter, Tab, leaving the field).
    Edit {
        field: Field,
        compare: bool,
        text: String,
    },
    /// Another optimizer, with its suggested learning rate.
    Optimizer {
        kind: OptimizerKind,
        compare: bool,
    },
    Augment(bool),
    /// The pen-like distortions of the training digits.
    Distort(cnn::Augmentation),
    CompareOn(bool),
    Seed(String),
    Spec(String),
    DefaultSpec,
    /// LeNet-5 on the 28×28 digits with the settings it reaches 97 % with (spec at Reset).
    LeNet5,
    /// A link read while the section is shown; settings apply at once, spec and seed at Reset.
    /// `running` is the setup the worker trains (its comparison settings are sent along).
    Linked {
        link: Box<QuerySetup>,
        running: Box<Setup>,
    },
    Reset,
    /// A network file was loaded: its spec is the network now (Reset rebuilds it), alone.
    Adopt(String),
    /// The error box's button.
    Dismiss,
    DismissUrlNote,
    ShowView(bool),
    ShowGrads(bool),
}

impl Form {
    /// The form for `initial` (a link's setup, else the running one); B defaults to Nesterov.
    pub fn new(initial: &Setup, running: &Setup, url_note: Vec<String>) -> Form {
        Form {
            settings: initial.settings.clone(),
            compare_on: running.compare.is_some(),
            compare: running.compare.clone().unwrap_or(Settings {
                optimizer: OptimizerKind::Nesterov,
                learning_rate: OptimizerKind::Nesterov.suggested_learning_rate(),
                ..running.settings.clone()
            }),
            seed_text: initial.seed.to_string(),
            spec_text: initial.spec.clone(),
            error: None,
            field_notes: Vec::new(),
            lr_note: None,
            url_note,
            show_view: true,
            show_grads: false,
            outgoing: None,
        }
    }

    pub fn seed(&self) -> Option<u64> {
        self.seed_text.trim().parse().ok()
    }

    /// What the URL shows: the form, with the running spec and seed where the typed ones are
    /// not usable.
    pub fn setup(&self, running: &Setup) -> Setup {
        Setup {
            spec: check_spec(&self.spec_text)
                .map_or_else(|_| running.spec.clone(), |(spec, _)| spec),
            seed: self.seed().unwrap_or(running.seed),
            settings: self.settings.clone(),
            compare: None,
        }
    }

    /// Whether the spec, the seed or the comparison switch differ from the running setup (they
    /// change at the next Reset).
    pub fn pending_reset(&self, running: &Setup) -> bool {
        let spec_changed = check_spec(&self.spec_text).is_ok_and(|(spec, _)| spec != running.spec);
        let seed_changed = self.seed().is_some_and(|seed| seed != running.seed);
        spec_changed || seed_changed || self.compare_on != running.compare.is_some()
    }

    /// Whether the typed spec is refused (Train then goes on with the running network).
    pub fn spec_refused(&self) -> bool {
        check_spec(&self.spec_text).is_err()
    }

    /// The note beside a field, if any.
    pub fn field_note(&self, field: Field, compare: bool) -> Option<&FieldNote> {
        self.field_notes
            .iter()
            .find(|n| n.field == field && n.compare == compare)
    }

    fn send(&mut self, input: TrainInput) {
        let number = self.outgoing.as_ref().map_or(1, |(n, _)| n + 1);
        self.outgoing = Some((number, input));
    }

    /// Takes edited settings and sends them if the core accepts both runs'; else keeps the
    /// last accepted ones and says why.
    fn apply(&mut self, main: Settings, other: Settings) {
        match main.validate().and_then(|_| other.validate()) {
            Ok(()) => {
                self.settings = main.clone();
                self.compare = other.clone();
                self.error = None;
                self.send(TrainInput::SetSettings {
                    settings: main,
                    compare: self.compare_on.then_some(other),
                });
            }
            Err(text) => self.error = Some(text),
        }
    }

    /// A typed value: taken (rounded with a note where the setting is a whole number) if the
    /// core accepts it, else kept in its field with the core's message, the settings unchanged.
    fn edit(&mut self, field: Field, compare: bool, text: String) {
        self.field_notes
            .retain(|n| !(n.field == field && n.compare == compare));
        let typed = text.trim().to_string();
        let note = |message: Text, refused: bool| FieldNote {
            field,
            compare,
            typed: typed.clone(),
            message,
            refused,
        };
        let Some(value) = crate::query::parse_cell(&typed) else {
            let message = Text::new("Введите число.", "Please enter a number.");
            self.field_notes.push(note(message, true));
            return;
        };
        let mut rounded = None;
        let (main, other) = self.edited(compare, |s| rounded = field.set(s, f64::from(value)));
        if let Err(message) = main.validate().and_then(|_| other.validate()) {
            self.field_notes.push(note(message, true));
            return;
        }
        if field == Field::LearningRate && self.lr_note.as_ref().is_some_and(|(b, _)| *b == compare)
        {
            self.lr_note = None;
        }
        if let Some(whole) = rounded {
            let name = |lang| field.setting().name(lang);
            let message = Text::new(
                format!(
                    "{} — целое число: {typed} округлено до {whole}.",
                    name(Lang::Ru)
                ),
                format!(
                    "{} is a whole number: {typed} was rounded to {whole}.",
                    name(Lang::En)
                ),
            );
            self.field_notes.push(note(message, false));
        }
        self.apply(main, other);
    }

    fn edited(&self, compare: bool, edit: impl FnOnce(&mut Settings)) -> (Settings, Settings) {
        let (mut main, mut other) = (self.settings.clone(), self.compare.clone());
        edit(if compare { &mut other } else { &mut main });
        (main, other)
    }

    fn reset(&mut self) {
        if let Some(refused) = self.field_notes.iter().find(|n| n.refused) {
            self.error = Some(refused.message.clone());
            return;
        }
        let Some(seed) = self.seed() else {
            self.error = Some(Text::new(
                "Зерно должно быть целым неотрицательным числом.",
                "The seed must be a whole number ≥ 0.",
            ));
            return;
        };
        let spec = match check_spec(&self.spec_text) {
            Ok((spec, _)) => spec,
            Err(text) => {
                self.error = Some(text);
                return;
            }
        };
        let setup = Setup {
            spec,
            seed,
            settings: self.settings.clone(),
            compare: self.compare_on.then(|| self.compare.clone()),
        };
        let checked = setup
            .settings
            .validate()
            .and_then(|_| setup.compare.as_ref().map_or(Ok(()), |c| c.validate()));
        match checked {
            Ok(()) => {
                self.error = None;
                self.send(TrainInput::Reset(setup));
            }
            Err(text) => self.error = Some(text),
        }
    }

    fn linked(&mut self, link: QuerySetup, running: &Setup) {
        // The section's own URL updates read back as the form itself and change nothing.
        if setup_to_query(&link.setup) == setup_to_query(&self.setup(running)) {
            return;
        }
        let Setup {
            spec,
            seed,
            settings,
            ..
        } = link.setup;
        if settings.validate().is_ok() {
            self.send(TrainInput::SetSettings {
                settings: settings.clone(),
                compare: running.compare.clone(),
            });
        }
        self.settings = settings;
        self.seed_text = seed.to_string();
        self.spec_text = spec;
        self.error = None;
        self.field_notes.clear();
        self.url_note = link.ignored;
    }
}

impl Reducible for Form {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Form> {
        let mut form = (*self).clone();
        match action {
            FormAction::Edit {
                field,
                compare,
                text,
            } => form.edit(field, compare, text),
            FormAction::Optimizer { kind, compare } => {
                let before = if compare {
                    &form.compare
                } else {
                    &form.settings
                };
                let note = kind.learning_rate_note(before.optimizer, before.learning_rate);
                form.lr_note = Some((compare, note));
                // The suggested η replaces whatever was typed into η.
                form.field_notes
                    .retain(|n| !(n.field == Field::LearningRate && n.compare == compare));
                let (main, other) = form.edited(compare, |s| {
                    s.optimizer = kind;
                    s.learning_rate = kind.suggested_learning_rate();
                });
                form.apply(main, other);
            }
            FormAction::Augment(on) => {
                let (main, other) = form.edited(false, |s| s.augment = on);
                form.apply(main, other);
            }
            FormAction::Distort(parts) => {
                let (main, other) = form.edited(false, |s| s.distort = parts);
                form.apply(main, other);
            }
            FormAction::CompareOn(on) => form.compare_on = on,
            FormAction::Seed(text) => form.seed_text = text,
            FormAction::Spec(text) => form.spec_text = text,
            FormAction::DefaultSpec => form.spec_text = default_setup().spec,
            FormAction::LeNet5 => {
                let lenet = crate::training::client::lenet5_setup();
                form.spec_text = lenet.spec;
                form.field_notes.retain(|n| n.compare);
                let (main, other) = form.edited(false, |s| *s = lenet.settings);
                form.apply(main, other);
            }
            FormAction::Linked { link, running } => form.linked(*link, &running),
            FormAction::Reset => form.reset(),
            FormAction::Adopt(spec) => {
                form.spec_text = spec;
                form.compare_on = false;
                form.error = None;
            }
            FormAction::Dismiss => form.error = None,
            FormAction::DismissUrlNote => form.url_note.clear(),
            FormAction::ShowView(on) => {
                form.show_view = on;
                form.send(TrainInput::SetNetView { enabled: on });
            }
            FormAction::ShowGrads(on) => form.show_grads = on,
        }
        Rc::new(form)
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
