//! The Activations section: plots of the activation functions and their derivatives.

use yew::prelude::*;

use super::SectionProps;
use crate::i18n::tr;

#[function_component]
pub fn ActivationsSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="section section-activations" aria-labelledby="activations-title">
            <h1 id="activations-title">{ tr(lang, "activations.title") }</h1>
            <p class="intro">{ tr(lang, "activations.intro") }</p>
        </section>
    }
}
