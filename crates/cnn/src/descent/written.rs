//! One step written out with its numbers, as the Convolution lab writes its sum:
//!
//! ```text
//! w − ηγν = (−3.6, 0.3) − 0.72·(0.4, 1.5) = (−3.888, −0.78)      (Nesterov only)
//! ∇L(w − ηγν) = (−3.888, −7.8)
//! ν = 0.9·(0.4, 1.5) + 0.1·(−3.888, −7.8) = (−0.029, 0.57)
//! w = (−3.6, 0.3) − 0.8·(−0.029, 0.57) = (−3.577, −0.156)
//! ```
//!
//! Every number is the one the optimizer used ([`super::StepRecord`]), shown with
//! [`crate::format_number`] (at most 3 decimals), so the last vector is the point drawn.

use super::{DescentConfig, Method, StepRecord};
use crate::conv::format_number;
use crate::lang::Lang;

/// The lines of one written step.
#[derive(Clone, Debug, PartialEq)]
pub struct WrittenUpdate {
    pub method: Method,
    pub lines: Vec<String>,
}

/// `(a, b)`.
pub fn format_point(w: [f32; 2]) -> String {
    format!("({}, {})", format_number(w[0]), format_number(w[1]))
}

/// The update `record` of `method` with the config's η, γ and form.
pub fn written_update(
    config: &DescentConfig,
    method: Method,
    record: &StepRecord,
    lang: Lang,
) -> WrittenUpdate {
    let eta = config.learning_rate_of(method);
    let gamma = config.gamma;
    let p = format_point;
    let n = format_number;
    let noisy = config.noise > 0.0;
    let noise_term = if noisy { " + σξ" } else { "" };
    let mut lines = Vec::new();
    match method {
        Method::Gd => {
            lines.push(format!("∇L(w){noise_term} = {}", p(record.gradient)));
            lines.push(format!(
                "w = {} − {}·{} = {}",
                p(record.from),
                n(eta),
                p(record.gradient),
                p(record.to)
            ));
        }
        Method::Momentum | Method::Nesterov => {
            let at = if let Some(ahead) = record.look_ahead {
                lines.push(format!(
                    "w − ηγν = {} − {}·{} = {}",
                    p(record.from),
                    n(eta * gamma),
                    p(record.velocity_before),
                    p(ahead)
                ));
                "∇L(w − ηγν)"
            } else {
                "∇L(w)"
            };
            lines.push(format!("{at}{noise_term} = {}", p(record.gradient)));
            let weight = config.form.gradient_weight(gamma);
            let gradient_term = if weight == 1.0 {
                p(record.gradient)
            } else {
                format!("{}·{}", n(weight), p(record.gradient))
            };
            lines.push(format!(
                "ν = {}·{} + {} = {}",
                n(gamma),
                p(record.velocity_before),
                gradient_term,
                p(record.velocity)
            ));
            lines.push(format!(
                "w = {} − {}·{} = {}",
                p(record.from),
                n(eta),
                p(record.velocity),
                p(record.to)
            ));
        }
        Method::Adam | Method::RmsProp => {
            lines.push(format!("∇L(w){noise_term} = {}", p(record.gradient)));
            let scaled = lang.pick(
                "шаг делится на корень из среднего квадрата градиента",
                "the step is divided by the root mean square of the gradient",
            );
            lines.push(format!(
                "w = {} → {} ({scaled})",
                p(record.from),
                p(record.to)
            ));
        }
    }
    WrittenUpdate { method, lines }
}
