//! Inside the network: the input, every layer's activation maps and the conv filters of one
//! example ([`NetSnapshot`]), as small grey-scale images.
//!
//! Each layer (and each conv layer's filters) is one canvas of tiled maps ([`MapGrid`]), so a
//! refresh of the view is a handful of `putImageData` calls, not hundreds.
//!
//! Every map is scaled to its own min..max (black..white) so that each is visible; the layer's
//! overall min and max are printed next to it. Filters of a layer share one scale, so their
//! weights can be compared. Used by the Training section (the current training example, a few
//! times a second) and by the Draw section (the drawn digit): build the snapshot with
//! [`crate::training::snapshot::snapshot`] after a forward pass.

use std::rc::Rc;

use cnn::Lang;
use yew::prelude::*;

use super::map_canvas::MapGrid;
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

/// Maps per row: a layer's channels in rows of at most eight.
pub const COLUMNS: usize = 8;

fn range(view: &MapView) -> String {
    format!("min {:.3} · max {:.3}", view.min, view.max)
}

fn layer_maps(view: &MapView, lang: Lang) -> Html {
    let shape = format!("{}×{}×{}", view.channels, view.height, view.width);
    let label = AttrValue::from(format!(
        "{} {shape}, {} {}",
        view.name,
        view.channels,
        tr(lang, "training.view.maps")
    ));
    let maps = if view.height * view.width == 1 {
        // A vector (dense/softmax output): one row of cells, one per unit.
        html! {
            <MapGrid pixels={Rc::new(view.pixels.clone())} maps={view.channels} height={1} width={1}
                columns={view.channels} scale={24} gap={0} {label} />
        }
    } else {
        html! {
            <MapGrid pixels={Rc::new(view.pixels.clone())} maps={view.channels} height={view.height}
                width={view.width} columns={COLUMNS} scale={scale_for(view.height)} {label} />
        }
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

/// A conv layer's kernels as one grid: one row per filter and one column per input channel;
/// the filters of a one-channel input (the first conv layer) are laid out side by side.
fn kernel_grid(title: String, view: &MapView, out_channels: usize, in_channels: usize) -> Html {
    let maps = out_channels * in_channels;
    let (columns, scale) = if in_channels == 1 {
        (COLUMNS, (40 / view.height.max(1)).clamp(2, 10))
    } else {
        (in_channels, (30 / view.height.max(1)).clamp(2, 8))
    };
    let shape = format!(
        "{}×{}×{}×{}",
        out_channels, in_channels, view.height, view.width
    );
    html! {
        <figure class="netview-filters">
            <figcaption>
                <strong>{ title.clone() }</strong>{" "}
                <span class="netview-shape">{ shape.clone() }</span>{" "}
                <span class="netview-range">{ range(view) }</span>
            </figcaption>
            <MapGrid pixels={Rc::new(view.pixels.clone())} {maps} height={view.height}
                width={view.width} {columns} {scale} gap={if in_channels == 1 { 4 } else { 2 }}
                label={AttrValue::from(format!("{title} {shape}"))} class="netview-filter-grid" />
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
        <div class="netview" data-testid="network-view" data-examples={s.examples.to_string()}>
            <p class="netview-caption">{ caption }</p>
            <div class="netview-activations">
                { layer_maps(&s.input, lang) }
                { for s.layers.iter().map(|l| layer_maps(l, lang)) }
            </div>
            <div class="netview-filter-list">{ filters }</div>
        </div>
    }
}
