//! The Pooling section: max and average pooling windows.

use yew::prelude::*;

use super::SectionProps;
use crate::i18n::tr;

#[function_component]
pub fn PoolSection(props: &SectionProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="section section-pool" aria-labelledby="pool-title">
            <h1 id="pool-title">{ tr(lang, "pool.title") }</h1>
            <p class="intro">{ tr(lang, "pool.intro") }</p>
        </section>
    }
}
