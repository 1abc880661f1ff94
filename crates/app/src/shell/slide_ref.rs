//! The lecture slides the current section accompanies, above its heading, in the lecture's
//! titles (Russian as on the slides, an English rendering in English).

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;
use crate::lecture::slides;
use crate::sections::Section;

#[derive(Properties, PartialEq)]
pub struct SlideRefProps {
    pub lang: Lang,
    pub section: Section,
}

#[function_component]
pub fn SlideRef(props: &SlideRefProps) -> Html {
    let lang = props.lang;
    let (open, close) = lang.pick(("«", "»"), ("“", "”"));
    let titles = slides(props.section)
        .iter()
        .map(|s| format!("{open}{}{close}", lang.pick(s.ru, s.en)))
        .collect::<Vec<_>>()
        .join(" · ");
    html! {
        <p class="slide-ref" data-testid="slide-ref">
            <span class="slide-ref-label">{ tr(lang, "shell.slides") }{ ": " }</span>
            { titles }
        </p>
    }
}
