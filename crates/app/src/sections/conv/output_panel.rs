//! The feature maps: the cells computed up to the cursor, the current one marked; or the core's
//! reason why the configuration is impossible.

use std::rc::Rc;

use cnn::{Lang, Localized};
use yew::prelude::*;

use super::model::LabModel;
use super::state::ConvState;
use super::{GREY_RGB, tint};
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct OutputPanelProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    pub model: Rc<LabModel>,
}

#[function_component]
pub fn OutputPanel(props: &OutputPanelProps) -> Html {
    let lang = props.lang;
    let s = &props.state;
    let model = &props.model;
    let current = s.current();
    let output_scale = model.output_scale();
    let outputs = match (&model.output, &model.geometry) {
        (Ok(_), Ok(g)) => {
            let (oh, ow) = g.output();
            let maps = (0..s.filters).map(|f| {
                let cells: Vec<GridCell> = (0..oh * ow)
                    .map(|i| {
                        let (y, x) = (i / ow, i % ow);
                        let revealed = s.is_revealed(f, y, x);
                        let value = model.output_value(f, y, x).filter(|_| revealed);
                        let is_current = current == Some((f, y, x));
                        GridCell {
                            value,
                            class: [is_current.then_some("current"), (!revealed).then_some("pending")]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" "),
                            style: value.map(|v| tint(v, output_scale, GREY_RGB)).unwrap_or_default(),
                            note: is_current.then(|| tr(lang, "conv.note.current").to_string()),
                            ..GridCell::default()
                        }
                    })
                    .collect();
                html! {
                    <figure class="grid-figure">
                        if s.filters > 1 { <figcaption>{ format!("{} {}", tr(lang, "conv.map"), f + 1) }</figcaption> }
                        <GridEditor {lang} rows={oh} cols={ow} cells={Rc::new(cells)}
                            label={format!("{} {}", tr(lang, "conv.output.title"), f + 1)}
                            class={classes!("output-grid")} testid={format!("output-grid-{f}")} />
                    </figure>
                }
            });
            html! { <>{ for maps }</> }
        }
        (Err(e), _) | (_, Err(e)) => html! {
            <p class="error conv-error" role="alert" data-testid="conv-error">{ e.message(lang) }</p>
        },
    };

    html! {
        <section class="stage-panel stage-output" aria-labelledby="output-title">
            <h2 id="output-title">{ tr(lang, "conv.output.title") }</h2>
            <div class="grid-stack">{ outputs }</div>
        </section>
    }
}
