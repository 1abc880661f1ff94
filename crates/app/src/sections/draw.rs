//! The Draw a digit section: classify your own handwriting.

use yew::prelude::*;

use super::SectionProps;
use crate::i18n::tr;

#[function_component]
pub fn DrawSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="section section-draw" aria-labelledby="draw-title">
            <h1 id="draw-title">{ tr(lang, "draw.title") }</h1>
            <p class="intro">{ tr(lang, "draw.intro") }</p>
        </section>
    }
}
