//! The sections of the lecture, in lecture order.
//!
//! Each section is a function component taking [`SectionProps`]: it renders its own `<h1>` and
//! introduction and owns its URL state (`query`, without the shell's `lang`).

use cnn::Lang;
use yew::prelude::*;

pub mod activations;
pub mod conv;
pub mod draw;
pub mod optimization;
pub mod pool;
pub mod training;

pub use activations::ActivationsSection;
pub use conv::ConvSection;
pub use draw::DrawSection;
pub use optimization::OptimizationSection;
pub use pool::PoolSection;
pub use training::TrainingSection;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Conv,
    Pool,
    Activations,
    Optimization,
    Training,
    Draw,
}

impl Section {
    /// Lecture order; the header lists them in this order.
    pub const ALL: [Section; 6] = [
        Section::Conv,
        Section::Pool,
        Section::Activations,
        Section::Optimization,
        Section::Training,
        Section::Draw,
    ];

    /// The URL slug: `#/<slug>?…`; also the prefix of the section's i18n keys.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Conv => "conv",
            Section::Pool => "pool",
            Section::Activations => "activations",
            Section::Optimization => "optimization",
            Section::Training => "training",
            Section::Draw => "draw",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The i18n key of the short name in the header (shell table).
    pub fn nav_key(self) -> &'static str {
        match self {
            Section::Conv => "shell.nav.conv",
            Section::Pool => "shell.nav.pool",
            Section::Activations => "shell.nav.activations",
            Section::Optimization => "shell.nav.optimization",
            Section::Training => "shell.nav.training",
            Section::Draw => "shell.nav.draw",
        }
    }

    /// The i18n key of the section's page heading.
    pub fn title_key(self) -> &'static str {
        match self {
            Section::Conv => "conv.title",
            Section::Pool => "pool.title",
            Section::Activations => "activations.title",
            Section::Optimization => "optimization.title",
            Section::Training => "training.title",
            Section::Draw => "draw.title",
        }
    }

    /// Renders the section's page.
    pub fn view(self, props: SectionProps) -> Html {
        match self {
            Section::Conv => html! { <ConvSection ..props /> },
            Section::Pool => html! { <PoolSection ..props /> },
            Section::Activations => html! { <ActivationsSection ..props /> },
            Section::Optimization => html! { <OptimizationSection ..props /> },
            Section::Training => html! { <TrainingSection ..props /> },
            Section::Draw => html! { <DrawSection ..props /> },
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SectionProps {
    pub lang: Lang,
    /// The section's URL state, e.g. `k=3&pad=1` (no `lang`, no leading `?`).
    pub query: String,
    /// Call with a new query to update the URL (the shell uses `history.replaceState`).
    pub on_query: Callback<String>,
}
