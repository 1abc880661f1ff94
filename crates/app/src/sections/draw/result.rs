//! The verdict (the digit, or "not sure: 4 or 9?") and the ten probability bars.

use yew::prelude::*;

use super::analysis::Analysis;
use super::verdict::{Verdict, percent, ranked};
use crate::i18n::tr;

/// `settled`: the analysis shown is of the pad with no stroke in progress (the verdict of the whole
/// stroke, not one of the throttled ones while it is drawn); written as `data-settled` for the soak.
pub fn view_result(
    lang: cnn::Lang,
    empty: bool,
    result: Option<&Result<Analysis, String>>,
    settled: bool,
) -> Html {
    let (verdict, probabilities) = match result {
        _ if empty => (Verdict::Empty, vec![]),
        Some(Ok(a)) => (a.verdict.clone(), a.probabilities.clone()),
        Some(Err(e)) => {
            return html! { <div class="draw-result" data-settled={settled.to_string()}><p class="draw-error" role="alert">{ e }</p></div> };
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
        <div class="draw-result" data-settled={settled.to_string()}>
            { headline }
            <h2>{ tr(lang, "draw.bars.title") }</h2>
            <ol class="draw-bars" data-testid="draw-bars">{ for bars }</ol>
        </div>
    }
}
