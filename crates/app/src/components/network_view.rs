//! Inside the network: the input, every layer's activation maps and the conv filters of one
//! example ([`NetSnapshot`]), as small grey-scale images.
//!
//! Every map is scaled to its own min..max (black..white) so that each is visible; the layer's
//! overall min and max are printed next to it. Filters of a layer share one scale, so their
//! weights can be compared. Used by the Training section (the current training example, a few
//! times a second) and by the Draw section (the drawn digit): build the snapshot with
//! [`crate::training::engine::snapshot`] after a forward pass.

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use super::map_canvas::MapCanvas;
use crate::i18n::tr;
use crate::training::protocol::{MapView, NetSnapshot};

#[derive(Properties, PartialEq, Clone)]
pub struct NetworkViewProps {
    pub snapshot: Rc<NetSnapshot>,
    pub lang: Lang,
    /// Also show the filters' gradients of the last backward pass.
    #[prop_or_default]
    pub show_grads: bool,
}

/// CSS pixels per map pixel: maps end up about 60 px tall.
fn scale_for(height: usize) -> usize {
    if height <= 1 {
        24
    } else {
        (60 / height).clamp(2, 10)
    }
}

fn range(view: &MapView) -> String {
    format!("min {:.3} · max {:.3}", view.min, view.max)
}

fn layer_maps(view: &MapView, lang: Lang) -> Html {
    let shape = format!("{}×{}×{}", view.channels, view.height, view.width);
    let maps = if view.height * view.width == 1 {
        // A vector (dense/softmax output): one row of cells, one per unit.
        let pixels: Vec<u8> = (0..view.channels)
            .map(|c| view.channel(c).first().copied().unwrap_or(0))
            .collect();
        html! {
            <MapCanvas pixels={pixels} width={view.channels} height={1} scale={24}
                label={AttrValue::from(format!("{} {}", view.name, shape))} />
        }
    } else {
        let scale = scale_for(view.height);
        (0..view.channels)
            .map(|c| {
                html! {
                    <MapCanvas pixels={view.channel(c).to_vec()} width={view.width}
                        height={view.height} {scale}
                        label={AttrValue::from(format!("{} {} {}", view.name, tr(lang, "training.view.channel"), c + 1))} />
                }
            })
            .collect::<Html>()
    };
    html! {
        <figure class="netview-layer">
            <figcaption>
                <strong>{ view.name.clone() }</strong>{" "}
                <span class="netview-shape">{ shape }</span>{" "}
                <span class="netview-range">{ range(view) }</span>
            </figcaption>
            <div class="netview-maps">{ maps }</div>
        </figure>
    }
}

fn kernel_grid(title: String, view: &MapView, out_channels: usize, in_channels: usize) -> Html {
    let scale = (30 / view.height.max(1)).clamp(2, 8);
    let rows = (0..out_channels)
        .map(|o| {
            let cells = (0..in_channels)
                .map(|i| {
                    html! {
                        <MapCanvas pixels={view.channel(o * in_channels + i).to_vec()}
                            width={view.width} height={view.height} {scale} />
                    }
                })
                .collect::<Html>();
            html! { <div class="netview-filter-row">{ cells }</div> }
        })
        .collect::<Html>();
    html! {
        <figure class="netview-filters">
            <figcaption>
                <strong>{ title }</strong>{" "}
                <span class="netview-shape">{ format!("{}×{}×{}×{}", out_channels, in_channels, view.height, view.width) }</span>{" "}
                <span class="netview-range">{ range(view) }</span>
            </figcaption>
            <div class="netview-filter-grid">{ rows }</div>
        </figure>
    }
}

#[function_component]
pub fn NetworkView(props: &NetworkViewProps) -> Html {
    let lang = props.lang;
    let s = &props.snapshot;
    let guess = s
        .probs
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.partial_cmp(b.1).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(class, p)| (class, *p));
    let caption = match (s.label, guess) {
        (Some(label), Some((class, p))) => format!(
            "{} {label} · {} {class} ({:.0}%)",
            tr(lang, "training.view.label"),
            tr(lang, "training.view.guess"),
            p * 100.0
        ),
        (None, Some((class, p))) => {
            format!(
                "{} {class} ({:.0}%)",
                tr(lang, "training.view.guess"),
                p * 100.0
            )
        }
        _ => String::new(),
    };
    let filters = s
        .filters
        .iter()
        .map(|f| {
            let grads = match (&f.grads, props.show_grads) {
                (Some(g), true) => kernel_grid(
                    format!("∂L/∂W · {}", f.name),
                    g,
                    f.out_channels,
                    f.in_channels,
                ),
                _ => html! {},
            };
            html! {
                <>
                    { kernel_grid(format!("{} · {}", tr(lang, "training.view.filters"), f.name), &f.kernels, f.out_channels, f.in_channels) }
                    { grads }
                </>
            }
        })
        .collect::<Html>();
    html! {
        <div class="netview" data-testid="network-view">
            <p class="netview-caption">{ caption }</p>
            <div class="netview-activations">
                { layer_maps(&s.input, lang) }
                { for s.layers.iter().map(|l| layer_maps(l, lang)) }
            </div>
            <div class="netview-filter-list">{ filters }</div>
        </div>
    }
}
