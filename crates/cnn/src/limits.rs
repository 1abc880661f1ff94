//! The ranges the training settings must lie in, and the message a student reads when a value
//! leaves its range. [`crate::TrainConfig::validate`] and [`crate::Optimizer::validate`] check
//! these; the app reads the same constants for its fields' `min`/`max`, so the page and the
//! core never disagree.
//!
//! | setting | range |
//! |---|---|
//! | learning rate η | 0 < η ≤ [`LEARNING_RATE_MAX`] |
//! | L2 λ | 0 ≤ λ ≤ [`L2_MAX`] |
//! | batch size | 1 ≤ n ≤ [`BATCH_SIZE_MAX`] |
//! | dropout p | 0 ≤ p < [`DROPOUT_MAX`] (at p → 1 no input survives) |
//! | decay factor | 0 < f ≤ 1 |
//! | decay period | ≥ 1 example |
//! | γ, β₁, β₂, ρ | [0, 1) (an average that never forgets diverges at 1) |
//! | ε | ≥ 0 |

use std::fmt;

use crate::lang::{Lang, Localized};

/// Above 10 every network of the lecture diverges at its first step.
pub const LEARNING_RATE_MAX: f32 = 10.0;
/// λ = 1 already pulls every weight to zero faster than the data can move it.
pub const L2_MAX: f32 = 1.0;
/// A tenth of the training digits per step: larger batches only slow the page down.
pub const BATCH_SIZE_MAX: usize = 1000;
/// Exclusive: dropping 95 % or more of a layer's inputs leaves nothing to learn from.
pub const DROPOUT_MAX: f32 = 0.95;

/// One setting of [`crate::TrainConfig`] or of an [`crate::Optimizer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Setting {
    LearningRate,
    L2,
    BatchSize,
    Dropout,
    DecayFactor,
    DecayEvery,
    Momentum,
    Beta1,
    Beta2,
    Rho,
    Epsilon,
}

impl Setting {
    /// The setting in words, as the Training section labels it, capitalised.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Setting::LearningRate => lang.pick("Скорость обучения η", "The learning rate η"),
            Setting::L2 => lang.pick("Коэффициент L2-регуляризации λ", "The L2 weight decay λ"),
            Setting::BatchSize => lang.pick("Размер мини-батча", "The batch size"),
            Setting::Dropout => lang.pick("Вероятность dropout", "The dropout probability"),
            Setting::DecayFactor => lang.pick("Множитель уменьшения η", "The η decay factor"),
            Setting::DecayEvery => lang.pick("Период уменьшения η", "The η decay period"),
            Setting::Momentum => lang.pick("Момент γ", "The momentum γ"),
            Setting::Beta1 => lang.pick("Коэффициент β₁", "The coefficient β₁"),
            Setting::Beta2 => lang.pick("Коэффициент β₂", "The coefficient β₂"),
            Setting::Rho => lang.pick("Коэффициент ρ", "The coefficient ρ"),
            Setting::Epsilon => lang.pick("Добавка ε", "The offset ε"),
        }
    }

    /// What the value must be, completing "… must be …".
    fn rule(self, lang: Lang) -> String {
        match self {
            Setting::LearningRate => lang.pick(
                format!("положительным числом, не больше {LEARNING_RATE_MAX}"),
                format!("a positive number, at most {LEARNING_RATE_MAX}"),
            ),
            Setting::L2 => lang.pick(
                format!("числом от 0 до {L2_MAX}"),
                format!("a number from 0 to {L2_MAX}"),
            ),
            Setting::BatchSize => lang.pick(
                format!("целым числом от 1 до {BATCH_SIZE_MAX}"),
                format!("a whole number from 1 to {BATCH_SIZE_MAX}"),
            ),
            Setting::Dropout => lang.pick(
                format!("числом от 0 до {DROPOUT_MAX} (не включая {DROPOUT_MAX})"),
                format!("a number from 0 up to (not including) {DROPOUT_MAX}"),
            ),
            Setting::DecayFactor => lang.pick(
                "числом больше 0 и не больше 1".into(),
                "a number above 0 and at most 1".into(),
            ),
            Setting::DecayEvery => lang.pick(
                "не меньше одного примера".into(),
                "at least one example".into(),
            ),
            Setting::Momentum | Setting::Beta1 | Setting::Beta2 | Setting::Rho => lang.pick(
                "числом от 0 до 1 (не включая 1)".into(),
                "a number from 0 up to (not including) 1".into(),
            ),
            Setting::Epsilon => lang.pick(
                "неотрицательным числом".into(),
                "a number of at least 0".into(),
            ),
        }
    }

    /// Whether the Russian name is feminine ("должна") or masculine ("должен").
    fn feminine_ru(self) -> bool {
        matches!(
            self,
            Setting::LearningRate | Setting::Dropout | Setting::Epsilon
        )
    }
}

/// A setting outside its range: "The learning rate η must be a positive number, at most 10;
/// got −1".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SettingError {
    pub setting: Setting,
    pub value: f64,
}

impl SettingError {
    pub fn new(setting: Setting, value: impl Into<f64>) -> SettingError {
        SettingError {
            setting,
            value: value.into(),
        }
    }
}

/// The value as typed: shortest round-trip form of the `f32` it was, a real minus sign.
fn show(value: f64, lang: Lang) -> String {
    if value.is_nan() {
        return lang.pick("не число", "not a number").into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞" } else { "−∞" }.into();
    }
    let large_or_tiny = value != 0.0 && !(1e-4..1e6).contains(&value.abs());
    let text = match (value == (value as f32) as f64, large_or_tiny) {
        (true, false) => (value as f32).to_string(),
        (true, true) => format!("{:e}", value as f32),
        (false, false) => value.to_string(),
        (false, true) => format!("{value:e}"),
    };
    text.replacen('-', "−", 1)
}

impl Localized for SettingError {
    fn message(&self, lang: Lang) -> String {
        let (name, rule, got) = (
            self.setting.name(lang),
            self.setting.rule(lang),
            show(self.value, lang),
        );
        match lang {
            Lang::Ru => {
                let must = if self.setting.feminine_ru() {
                    "должна"
                } else {
                    "должен"
                };
                format!("{name} {must} быть {rule}; введено {got}")
            }
            Lang::En => format!("{name} must be {rule}; got {got}"),
        }
    }
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SettingError {}

/// `Err` unless `0 ≤ v < 1`.
pub(crate) fn unit(setting: Setting, v: f32) -> Result<(), SettingError> {
    if (0.0..1.0).contains(&v) {
        Ok(())
    } else {
        Err(SettingError::new(setting, v))
    }
}

/// `Err` unless `v` is finite and `≥ 0`.
pub(crate) fn non_negative(setting: Setting, v: f32) -> Result<(), SettingError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(SettingError::new(setting, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_setting_its_range_and_the_value() {
        let e = SettingError::new(Setting::LearningRate, -1.0f32);
        assert_eq!(
            e.to_string(),
            "The learning rate η must be a positive number, at most 10; got −1"
        );
        assert_eq!(
            e.message(Lang::Ru),
            "Скорость обучения η должна быть положительным числом, не больше 10; введено −1"
        );
        let e = SettingError::new(Setting::LearningRate, -2.5e-7f32);
        assert_eq!(
            e.to_string(),
            "The learning rate η must be a positive number, at most 10; got −2.5e-7"
        );
        let e = SettingError::new(Setting::BatchSize, 0u32);
        assert_eq!(
            e.message(Lang::Ru),
            "Размер мини-батча должен быть целым числом от 1 до 1000; введено 0"
        );
        let e = SettingError::new(Setting::Momentum, 0.1f32 + 0.9);
        assert_eq!(
            e.to_string(),
            "The momentum γ must be a number from 0 up to (not including) 1; got 1"
        );
        assert_eq!(
            SettingError::new(Setting::Dropout, f32::NAN).to_string(),
            "The dropout probability must be a number from 0 up to (not including) 0.95; got not a number"
        );
    }
}
