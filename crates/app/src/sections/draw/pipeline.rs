//! The preprocessing pipeline (crop, scale, centre: what the network is given) and the
//! network's maps for the drawing.

use yew::prelude::*;

use super::analysis::Analysis;
use super::image::GreyImage;
use crate::components::NetworkView;
use crate::i18n::tr;

pub fn view_pipeline(lang: cnn::Lang, result: Option<&Result<Analysis, String>>) -> Html {
    let body = match result {
        Some(Ok(a)) => {
            let steps = a.steps();
            html! {
                <ol class="draw-steps">
                    { for steps.into_iter().map(|(key, image, overlays, caption)| html! {
                        <li class="draw-step">
                            <GreyImage image={image} label={tr(lang, key)} overlays={overlays} />
                            <span class="draw-step-title">{ tr(lang, key) }</span>
                            <span class="draw-step-caption">{ caption }</span>
                        </li>
                    }) }
                </ol>
            }
        }
        _ => html! { <p class="draw-help">{ tr(lang, "draw.pipeline.empty") }</p> },
    };
    html! {
        <section class="draw-pipeline" aria-labelledby="draw-pipeline-title">
            <h2 id="draw-pipeline-title">{ tr(lang, "draw.pipeline.title") }</h2>
            { body }
        </section>
    }
}

pub fn view_inside(lang: cnn::Lang, result: Option<&Result<Analysis, String>>) -> Html {
    let Some(Ok(a)) = result else {
        return html! {};
    };
    html! {
        <section class="draw-inside" aria-labelledby="draw-inside-title">
            <h2 id="draw-inside-title">{ tr(lang, "draw.inside.title") }</h2>
            <p class="draw-help">{ tr(lang, "draw.inside.help") }</p>
            <NetworkView snapshot={a.inside.clone()} {lang} />
        </section>
    }
}
