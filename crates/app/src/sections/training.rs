//! The Training section: live MNIST training in the Web Worker.

use yew::prelude::*;

use super::SectionProps;
use crate::i18n::tr;

#[function_component]
pub fn TrainingSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="section section-training" aria-labelledby="training-title">
            <h1 id="training-title">{ tr(lang, "training.title") }</h1>
            <p class="intro">{ tr(lang, "training.intro") }</p>
        </section>
    }
}
