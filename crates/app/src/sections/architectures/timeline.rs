//! The lecture's history of convolutional networks, from the visual cortex to AlexNet; each
//! entry links to the section where its idea runs live.

use cnn::Lang;
use yew::prelude::*;

use crate::i18n::tr;
use crate::route::href;
use crate::sections::Section;

/// One entry: its year, the prefix of its i18n keys (`.title`, `.text`, `.link`) and where its
/// idea is shown.
pub struct Entry {
    pub year: &'static str,
    pub key: &'static str,
    pub section: Section,
    pub query: &'static str,
}

pub const ENTRIES: [Entry; 6] = [
    Entry {
        year: "1959",
        key: "architectures.history.hubel",
        section: Section::Conv,
        query: "",
    },
    Entry {
        year: "1962",
        key: "architectures.history.hierarchy",
        section: Section::Pool,
        query: "",
    },
    Entry {
        year: "1980",
        key: "architectures.history.fukushima",
        section: Section::Activations,
        query: "",
    },
    Entry {
        year: "1998",
        key: "architectures.history.lecun",
        section: Section::Architectures,
        query: "net=lenet5",
    },
    Entry {
        year: "2009",
        key: "architectures.history.imagenet",
        section: Section::Training,
        query: "",
    },
    Entry {
        year: "2012",
        key: "architectures.history.alexnet",
        section: Section::Architectures,
        query: "net=alexnet",
    },
];

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
}

#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let lang = props.lang;
    let key = |prefix: &str, part: &str| {
        let key = [prefix, part].join(".");
        tr(lang, &key)
    };
    html! {
        <section class="card arch-history" aria-labelledby="arch-history-title">
            <h2 id="arch-history-title">{ tr(lang, "architectures.history.title") }</h2>
            <ol class="arch-timeline" data-testid="arch-timeline">
                { for ENTRIES.iter().map(|e| html! {
                    <li class="arch-event">
                        <span class="arch-year">{ e.year }</span>
                        <div class="arch-event-body">
                            <h3>{ key(e.key, "title") }</h3>
                            <p>{ key(e.key, "text") }</p>
                            <a href={href(e.section, lang, e.query)}>{ key(e.key, "link") }{ " →" }</a>
                        </div>
                    </li>
                }) }
            </ol>
        </section>
    }
}
