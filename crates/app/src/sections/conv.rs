//! The Convolution lab section: a kernel sliding over a padded grid, with the arithmetic.

use yew::prelude::*;

use super::SectionProps;
use crate::i18n::tr;

#[function_component]
pub fn ConvSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="section section-conv" aria-labelledby="conv-title">
            <h1 id="conv-title">{ tr(lang, "conv.title") }</h1>
            <p class="intro">{ tr(lang, "conv.intro") }</p>
        </section>
    }
}
