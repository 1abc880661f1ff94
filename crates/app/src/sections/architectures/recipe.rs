//! AlexNet's training recipe as on the lecture's slide, each item linked to where the app shows
//! it live, and the one place where slide and paper differ (normalisation).

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;
use crate::route::href;
use crate::sections::Section;

/// (i18n key of the item, the section that shows it, that section's query).
pub const ITEMS: [(&str, Section, &str); 7] = [
    (
        "architectures.recipe.relu",
        Section::Activations,
        "show=sigmoid,tanh,relu",
    ),
    (
        "architectures.recipe.augment",
        Section::Training,
        "augment=1",
    ),
    (
        "architectures.recipe.dropout",
        Section::Training,
        "dropout=0.5",
    ),
    (
        "architectures.recipe.batchnorm",
        Section::Training,
        "batch=128",
    ),
    (
        "architectures.recipe.momentum",
        Section::Training,
        "opt=momentum&momentum=0.9",
    ),
    ("architectures.recipe.l2", Section::Training, "l2=0.0005"),
    (
        "architectures.recipe.decay",
        Section::Training,
        "decay_every=10000&decay_factor=0.1",
    ),
];

#[derive(Properties, PartialEq)]
pub struct RecipeProps {
    pub lang: Lang,
}

#[function_component]
pub fn Recipe(props: &RecipeProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="card arch-recipe" aria-labelledby="arch-recipe-title" data-testid="arch-recipe">
            <h2 id="arch-recipe-title">{ tr(lang, "architectures.recipe.title") }</h2>
            <ul>
                { for ITEMS.iter().map(|&(key, section, query)| html! {
                    <li>
                        <span>{ tr(lang, key) }</span>{ " " }
                        <a href={href(section, lang, query)}>
                            { tr(lang, if section == Section::Activations {
                                "architectures.recipe.see_activations"
                            } else {
                                "architectures.recipe.see_training"
                            }) }
                        </a>
                    </li>
                }) }
            </ul>
            <p class="arch-result">{ tr(lang, "architectures.recipe.result") }</p>
            <p class="hint">{ tr(lang, "architectures.recipe.lrn") }</p>
        </section>
    }
}
