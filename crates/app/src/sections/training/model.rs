//! What the Training page shows that follows from the worker's state: the primary button
//! (Train / Pause / Resume) and the status line.

use crate::training::protocol::{RunStatus, TrainInput};
use crate::training::recovery::Recovery;
use crate::training::state::TrainingState;

/// The primary button: its label (an i18n key), what it sends, and whether it can be pressed.
#[derive(Clone, Debug, PartialEq)]
pub struct Primary {
    pub label: &'static str,
    pub input: TrainInput,
    pub disabled: bool,
}

/// Pause while training; Resume once something was trained; else Train. Nothing to press
/// without a network, while the data failed, or after a divergence (Rollback or Reset first).
pub fn primary(state: &TrainingState) -> Primary {
    let (label, input) = match state.status {
        RunStatus::Running => ("training.pause", TrainInput::Pause),
        _ if state.examples() > 0 => ("training.resume", TrainInput::Train),
        _ => ("training.train", TrainInput::Train),
    };
    Primary {
        label,
        input,
        disabled: matches!(state.status, RunStatus::Failed | RunStatus::Diverged)
            || state.setup.is_none()
            || state.worker_down(),
    }
}

/// The status line's i18n key.
pub fn status_key(state: &TrainingState) -> &'static str {
    if matches!(state.recovery, Some(Recovery::Crashed { .. })) {
        return "training.status.crashed";
    }
    match state.status {
        RunStatus::Loading => "training.status.loading",
        RunStatus::Idle if state.examples() == 0 => "training.status.ready",
        RunStatus::Idle => "training.status.paused",
        RunStatus::Running => "training.status.running",
        RunStatus::Diverged => "training.status.diverged",
        RunStatus::Failed => "training.status.failed",
    }
}
