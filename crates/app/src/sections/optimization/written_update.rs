//! Each method's update at the step shown, written out with its numbers (from the core's
//! [`cnn::descent::written_update`]).

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use super::model::{OptModel, method_color};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct WrittenUpdatesProps {
    pub lang: Lang,
    pub model: Rc<OptModel>,
}

#[function_component]
pub fn WrittenUpdates(props: &WrittenUpdatesProps) -> Html {
    let lang = props.lang;
    let step = props.model.step;
    html! {
        <section class="card opt-written" aria-labelledby="opt-written-heading">
            <h2 id="opt-written-heading">
                { format!("{} {step}", tr(lang, "optimization.written.heading")) }
            </h2>
            <div class="opt-written-list">
                { for props.model.written(lang).into_iter().map(|(method, written)| html! {
                    <div class="opt-written-method" data-testid={format!("opt-written-{}", method.key())}
                        style={format!("--swatch:{}", method_color(method).css())}>
                        <h3>{ method.display_name(lang) }</h3>
                        { match written {
                            Some(w) => html! {
                                <ol class="opt-lines">
                                    { for w.lines.into_iter().map(|l| html! { <li><code>{ l }</code></li> }) }
                                </ol>
                            },
                            None => html! { <p class="opt-ended">{ tr(lang, "optimization.written.ended") }</p> },
                        } }
                    </div>
                }) }
            </div>
        </section>
    }
}
