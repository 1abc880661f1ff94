//! What a network does with one example, made small enough to send ≈3 times a second: the
//! input, every layer's maps and the conv filters, each channel quantised to bytes
//! (v − min)/(max − min)·255 with its range kept beside it. Built by the worker for the
//! Training page and by Draw for its own network; neither needs the other's code.

use cnn::{Network, Shape};
use serde::{Deserialize, Serialize};

/// One layer's maps, quantised to bytes per channel for a small message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub name: String,
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    /// The layer's smallest and largest value (shown next to the maps).
    pub min: f32,
    pub max: f32,
    /// Per channel: its own min and max; pixels are (v − min)/(max − min)·255.
    pub channel_ranges: Vec<(f32, f32)>,
    pub pixels: Vec<u8>,
}

impl MapView {
    /// Quantises a C×H×W buffer; each channel is scaled to its own range so every map is
    /// visible.
    pub fn quantise(name: &str, shape: [usize; 3], data: &[f32]) -> MapView {
        let [channels, height, width] = shape;
        let plane = height * width;
        let mut pixels = Vec::with_capacity(data.len());
        let mut channel_ranges = Vec::with_capacity(channels);
        let (mut min, mut max) = (f32::INFINITY, f32::NEG_INFINITY);
        for c in 0..channels {
            let values = data.get(c * plane..(c + 1) * plane).unwrap_or(&[]);
            let (lo, hi) = values
                .iter()
                .filter(|v| v.is_finite())
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
            let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 0.0) };
            min = min.min(lo);
            max = max.max(hi);
            channel_ranges.push((lo, hi));
            let span = hi - lo;
            pixels.extend(values.iter().map(|&v| {
                if span > 0.0 && v.is_finite() {
                    (((v - lo) / span) * 255.0).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                }
            }));
        }
        if min > max {
            (min, max) = (0.0, 0.0);
        }
        MapView {
            name: name.to_string(),
            channels,
            height,
            width,
            min,
            max,
            channel_ranges,
            pixels,
        }
    }

    /// Quantises with one range for all channels (filters: their weights stay comparable).
    pub fn quantise_shared(name: &str, shape: [usize; 3], data: &[f32]) -> MapView {
        let [channels, height, width] = shape;
        let (lo, hi) = data
            .iter()
            .filter(|v| v.is_finite())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (0.0, 0.0) };
        let span = hi - lo;
        let pixels = data
            .iter()
            .map(|&v| {
                if span > 0.0 && v.is_finite() {
                    (((v - lo) / span) * 255.0).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                }
            })
            .collect();
        MapView {
            name: name.to_string(),
            channels,
            height,
            width,
            min: lo,
            max: hi,
            channel_ranges: vec![(lo, hi); channels],
            pixels,
        }
    }

    /// The pixels of channel `c`.
    pub fn channel(&self, c: usize) -> &[u8] {
        let plane = self.height * self.width;
        self.pixels.get(c * plane..(c + 1) * plane).unwrap_or(&[])
    }
}

/// One conv layer's filters: `out_channels` filters of `in_channels` kernels each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterView {
    pub name: String,
    pub out_channels: usize,
    pub in_channels: usize,
    /// Kernels of out_channels·in_channels × H × W, all scaled to the layer's range.
    pub kernels: MapView,
    /// The weight gradients of the last backward pass, in the same layout.
    pub grads: Option<MapView>,
}

/// What the network does with one example: the input, every layer's output and the filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetSnapshot {
    /// Examples seen when the snapshot was taken.
    pub examples: u64,
    /// The example's label, if known.
    pub label: Option<u8>,
    pub input: MapView,
    pub layers: Vec<MapView>,
    pub filters: Vec<FilterView>,
    /// The network's output probabilities.
    pub probs: Vec<f32>,
}

/// What `network` did with item 0 of its last forward pass.
pub fn snapshot(network: &Network, examples: u64, label: Option<u8>) -> NetSnapshot {
    let mut views = network.layer_outputs().into_iter();
    let shape = |s: Shape| [s.channels, s.height, s.width];
    let input = views.next().map_or_else(
        || MapView::quantise("input", [0, 0, 0], &[]),
        |v| MapView::quantise(&v.name, shape(v.shape), &v.data),
    );
    // Vectors (dense, softmax: C×1×1) share one range, or every unit would be its own 0..0.
    let layers: Vec<MapView> = views
        .map(|v| {
            if v.shape.height * v.shape.width == 1 {
                MapView::quantise_shared(&v.name, shape(v.shape), &v.data)
            } else {
                MapView::quantise(&v.name, shape(v.shape), &v.data)
            }
        })
        .collect();
    let probs = layers
        .last()
        .map(|_| {
            let p = network.probabilities();
            if p.is_empty() {
                Vec::new()
            } else {
                p.item(0).to_vec()
            }
        })
        .unwrap_or_default();
    let filters = network
        .conv_filters()
        .into_iter()
        .map(|f| {
            let kernels = [
                f.out_channels * f.in_channels,
                f.kernel_height,
                f.kernel_width,
            ];
            FilterView {
                name: f.name.clone(),
                out_channels: f.out_channels,
                in_channels: f.in_channels,
                kernels: MapView::quantise_shared(&f.name, kernels, &f.weights),
                grads: Some(MapView::quantise_shared(&f.name, kernels, &f.grads)),
            }
        })
        .collect();
    NetSnapshot {
        examples,
        label,
        input,
        layers,
        filters,
        probs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantise_scales_each_channel_to_its_range() {
        let view = MapView::quantise("conv", [2, 1, 3], &[0.0, 1.0, 2.0, -4.0, -4.0, -4.0]);
        assert_eq!(view.channel(0), &[0, 128, 255]);
        assert_eq!(view.channel(1), &[0, 0, 0]);
        assert_eq!((view.min, view.max), (-4.0, 2.0));
        assert_eq!(view.channel_ranges, vec![(0.0, 2.0), (-4.0, -4.0)]);
        let nan = MapView::quantise("x", [1, 1, 2], &[f32::NAN, 1.0]);
        assert_eq!(nan.pixels, vec![0, 0]);
    }
}
