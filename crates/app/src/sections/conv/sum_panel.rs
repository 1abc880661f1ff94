//! The written-out sum of the output cell under the cursor: every product, per channel for an
//! RGB input, the bias and the result (numbers as the cells write them).

use std::rc::Rc;

use cnn::{ConvMode, Lang, format_number, format_operand};
use yew::prelude::*;

use super::channel_name;
use super::model::LabModel;
use super::state::ConvState;
use crate::components::LiveRegion;
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct SumPanelProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    pub model: Rc<LabModel>,
}

#[function_component]
pub fn SumPanel(props: &SumPanelProps) -> Html {
    let lang = props.lang;
    let s = &props.state;
    let model = &props.model;
    match &model.trace {
        Some(t) => {
            let place = format!(
                "{}{} [{}, {}]",
                if s.filters > 1 {
                    format!("{} {}, ", tr(lang, "conv.map"), t.out_channel + 1)
                } else {
                    String::new()
                },
                tr(lang, "conv.sum.cell"),
                t.out_y + 1,
                t.out_x + 1
            );
            let total = format!(
                "{} + {} = {}",
                t.channel_sums
                    .iter()
                    .map(|&v| format_operand(v))
                    .collect::<Vec<_>>()
                    .join(" + "),
                format_operand(t.bias),
                format_number(t.sum)
            );
            let channel_lines = (s.channels > 1).then(|| {
                let lines = (0..s.channels).map(|c| html! {
                    <p class={classes!("sum-line", format!("channel-{c}"))} data-testid={format!("sum-channel-{c}")}>
                        <span class="sum-name">{ channel_name(lang, s.channels, c) }{ ": " }</span>
                        <span class="mono">{ t.written_channel_sum(c) }</span>
                    </p>
                });
                html! {
                    <>
                        { for lines }
                        <p class="sum-line sum-total" data-testid="sum-total">
                            <span class="sum-name">{ tr(lang, "conv.sum.total") }{ ": " }</span>
                            <span class="mono">{ total.clone() }</span>
                        </p>
                    </>
                }
            });
            let written = if s.channels == 1 {
                t.written_sum()
            } else {
                format!("{}: {total}", tr(lang, "conv.sum.total"))
            };
            let announcement = s.playback.announcement(format!("{place}: {written}"));
            html! {
                <section class="card sum-panel" aria-labelledby="sum-title">
                    <h2 id="sum-title">{ tr(lang, "conv.sum.title") }</h2>
                    <p class="sum-place">{ place }</p>
                    if s.channels == 1 {
                        <p class="sum-line mono" data-testid="written-sum">{ t.written_sum() }</p>
                    } else {
                        <div data-testid="written-sum">{ channel_lines }</div>
                    }
                    <LiveRegion text={announcement} testid="sum-announce" />
                    if s.mode == ConvMode::Convolution {
                        <p class="sum-hint">{ tr(lang, "conv.sum.flipped") }</p>
                    }
                </section>
            }
        }
        None => html! {},
    }
}
