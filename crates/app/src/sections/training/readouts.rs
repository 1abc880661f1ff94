//! The numbers beside the charts: examples, epoch, speed, timings, the learning rate now, the
//! smoothed loss and accuracy, and the held-out accuracy of each run (with its history in
//! `data-history`, read by the e2e test and the benchmark).

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;
use crate::training::state::TrainingState;

fn percent(x: f32) -> String {
    format!("{:.1}%", x * 100.0)
}

#[derive(Properties, PartialEq)]
pub struct ReadoutsProps {
    pub lang: Lang,
    pub state: Rc<TrainingState>,
    /// The form's learning rate, shown before the first progress.
    pub learning_rate: f32,
}

#[function_component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let (lang, s) = (props.lang, &props.state);
    let examples = s.examples();
    let run0 = s.runs.first();
    let lr = run0.map_or(props.learning_rate, |r| r.learning_rate);
    let held = |i: usize| s.runs.get(i).and_then(|r| r.held_out_accuracy());
    let held_text = |i: usize| {
        held(i).map_or("—".to_string(), |(at, acc)| {
            format!("{} ({} {at})", percent(acc), tr(lang, "training.at"))
        })
    };
    let smoothed = run0.and_then(|r| r.curve.smoothed());
    let (held_at, held_acc) = held(0).map_or((0, 0.0), |(at, a)| (at, a));
    // Every evaluation of run A, "examples:accuracy" (read by the e2e test and the bench).
    let history = run0.map_or(String::new(), |r| {
        r.held_out
            .iter()
            .map(|(at, a)| format!("{at}:{a:.4}"))
            .collect::<Vec<_>>()
            .join(",")
    });
    html! {
        <dl class="readouts" data-testid="readouts">
            <div><dt>{ tr(lang, "training.examples") }</dt>
                <dd data-testid="examples" data-value={examples.to_string()}>{ examples }</dd></div>
            <div><dt>{ tr(lang, "training.epoch") }</dt><dd>{ s.epoch() }</dd></div>
            <div><dt>{ tr(lang, "training.speed") }</dt>
                <dd data-testid="speed" data-value={format!("{:.0}", s.examples_per_sec)}>{ format!("{:.0}", s.examples_per_sec) }</dd></div>
            <div><dt>{ tr(lang, "training.forward_ms") }</dt><dd>{ format!("{:.3}", s.forward_ms) }</dd></div>
            <div><dt>{ tr(lang, "training.backward_ms") }</dt><dd>{ format!("{:.3}", s.backward_ms) }</dd></div>
            <div><dt>{ tr(lang, "training.lr_now") }</dt><dd>{ format!("{lr:.4}") }</dd></div>
            <div><dt>{ tr(lang, "training.loss_now") }</dt>
                <dd>{ smoothed.map_or("—".into(), |(l, _)| format!("{l:.3}")) }</dd></div>
            <div><dt>{ tr(lang, "training.train_acc") }</dt>
                <dd>{ smoothed.map_or("—".into(), |(_, a)| percent(a)) }</dd></div>
            <div class="readout-main"><dt>{ tr(lang, "training.test_acc") }{ if s.runs.len() > 1 { " A" } else { "" } }</dt>
                <dd data-testid="test-accuracy" data-value={format!("{:.4}", held_acc)} data-at={held_at.to_string()}
                    data-history={history}>
                    { held_text(0) }</dd></div>
            if s.runs.len() > 1 {
                <div class="readout-main"><dt>{ tr(lang, "training.test_acc") }{ " B" }</dt>
                    <dd data-testid="test-accuracy-b">{ held_text(1) }</dd></div>
            }
        </dl>
    }
}
