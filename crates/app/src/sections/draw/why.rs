//! "What the network looked at": the saliency map of the class the student asks about, as
//! colours over the preprocessed digit, computed from the core's maps ([`cnn::saliency`]).
//!
//! Colour: red where the pixel speaks for the class, blue where it speaks against it, opacity
//! |S| / max |S| over the map (so the strongest pixel is fully coloured); under it the digit
//! in grey on white paper. The legend's ends are ±max |S|, written out.

use cnn::SaliencyMethod;
use cnn::layers::argmax;

use super::analysis::Analysis;
use super::state::WhyChoice;

/// Red (for the class) and blue (against it), ColorBrewer's RdBu ends: distinct for the common
/// colour-vision deficiencies, and never the only cue (the legend says which is which).
pub const FOR: [u8; 3] = [202, 0, 32];
pub const AGAINST: [u8; 3] = [5, 113, 176];
/// The darkest grey of the digit under the colours (full ink).
const INK_GREY: f32 = 150.0;
/// Input values above this count as ink (as the preprocessing's threshold).
pub const INK: f32 = cnn::preprocess::INK_THRESHOLD;
/// How many of the strongest pixels the page reports (and the test checks).
pub const STRONGEST: usize = 10;

/// Everything the panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct WhyView {
    pub method: SaliencyMethod,
    /// The class explained, and whether it is the verdict.
    pub class: u8,
    pub verdict: u8,
    /// Its probability.
    pub probability: f32,
    pub width: usize,
    pub height: usize,
    /// RGBA, width × height.
    pub rgba: Vec<u8>,
    /// The colour scale's end: max |S|.
    pub max: f32,
    /// The [`STRONGEST`] pixels (y, x) of largest positive value, strongest first.
    pub strongest: Vec<(usize, usize)>,
    /// How many of them lie on ink.
    pub on_ink: usize,
}

impl WhyView {
    pub fn is_verdict(&self) -> bool {
        self.class == self.verdict
    }

    /// `y,x;y,x;…` for the page's data attribute.
    pub fn strongest_text(&self) -> String {
        self.strongest
            .iter()
            .map(|(y, x)| format!("{y},{x}"))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// The panel's view of an analysis for the student's choice.
pub fn why_view(analysis: &Analysis, choice: &WhyChoice) -> Option<WhyView> {
    let saliency = &analysis.saliency;
    let verdict = argmax(&saliency.probabilities) as u8;
    let class = choice
        .class
        .filter(|&c| usize::from(c) < saliency.maps.len())
        .unwrap_or(verdict);
    let map = saliency.map(usize::from(class))?;
    let input: Vec<f32> = analysis
        .input
        .pixels
        .iter()
        .map(|&v| f32::from(v) / 255.0)
        .collect();
    if input.len() != map.len() {
        return None;
    }
    let max = saliency.max_abs(usize::from(class));
    let strongest = saliency.strongest(usize::from(class), STRONGEST);
    let on_ink = strongest
        .iter()
        .filter(|&&(y, x)| input[y * saliency.width + x] > INK)
        .count();
    Some(WhyView {
        method: saliency.method,
        class,
        verdict,
        probability: saliency.probabilities[usize::from(class)],
        width: saliency.width,
        height: saliency.height,
        rgba: heat_rgba(&input, map, max),
        max,
        strongest,
        on_ink,
    })
}

/// The digit in grey on white, the map's colours over it (see the module docs).
pub fn heat_rgba(input: &[f32], map: &[f32], max: f32) -> Vec<u8> {
    input
        .iter()
        .zip(map)
        .flat_map(|(&ink, &s)| {
            let paper = 255.0 - INK_GREY * ink.clamp(0.0, 1.0);
            let alpha = if max > 0.0 && s.is_finite() {
                (s.abs() / max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let colour = if s >= 0.0 { FOR } else { AGAINST };
            let mix = |c: u8| (paper * (1.0 - alpha) + f32::from(c) * alpha).round() as u8;
            [mix(colour[0]), mix(colour[1]), mix(colour[2]), 255]
        })
        .collect()
}

/// A saliency value as the legend writes it: three significant digits.
pub fn format_value(v: f32) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
    format!("{v:.digits$}")
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use cnn::saliency::Saliency;

    use super::*;
    use crate::sections::draw::image::Grey;
    use crate::training::snapshot::{MapView, NetSnapshot};

    #[test]
    fn colours_run_from_paper_to_red_and_blue() {
        let rgba = heat_rgba(&[0.0, 1.0, 0.0, 0.0], &[0.0, 2.0, -2.0, 1.0], 2.0);
        assert_eq!(&rgba[0..4], &[255, 255, 255, 255]);
        assert_eq!(&rgba[4..8], &[FOR[0], FOR[1], FOR[2], 255]);
        assert_eq!(&rgba[8..12], &[AGAINST[0], AGAINST[1], AGAINST[2], 255]);
        // Half strength: halfway between paper and red.
        assert_eq!(&rgba[12..15], &[229, 128, 144]);
        // An all-zero map shows the digit in grey.
        assert_eq!(&heat_rgba(&[1.0], &[0.0], 0.0)[..3], &[105, 105, 105]);
    }

    #[test]
    fn the_legend_writes_three_significant_digits() {
        assert_eq!(format_value(0.01234), "0.0123");
        assert_eq!(format_value(1.5), "1.50");
        assert_eq!(format_value(-23.456), "-23.5");
        assert_eq!(format_value(0.0), "0");
    }

    fn analysis_with(maps: Vec<Vec<f32>>, probabilities: Vec<f32>, input: Vec<f32>) -> Analysis {
        let grey = Grey::from_unit(2, 2, &input);
        Analysis {
            bbox: [0, 0, 2, 2],
            cropped: grey.clone(),
            scaled: grey.clone(),
            centred: grey.clone(),
            centre_of_mass: (1.0, 1.0),
            offset: (0, 0),
            input: grey,
            input_offset: 0,
            verdict: super::super::verdict::Verdict::from_probabilities(&probabilities),
            probabilities: probabilities.clone(),
            inside: Rc::new(NetSnapshot {
                examples: 0,
                label: None,
                input: MapView::quantise("input", [0, 0, 0], &[]),
                layers: vec![],
                filters: vec![],
                probs: vec![],
            }),
            saliency: Rc::new(Saliency {
                method: SaliencyMethod::Occlusion,
                width: 2,
                height: 2,
                probabilities,
                maps,
            }),
        }
    }

    #[test]
    fn the_verdict_is_explained_until_another_class_is_picked() {
        let a = analysis_with(
            vec![vec![0.0, 0.5, 0.1, -1.0], vec![0.2, 0.0, 0.0, 0.0]],
            vec![0.8, 0.2],
            vec![0.0, 1.0, 0.05, 1.0],
        );
        let v = why_view(&a, &WhyChoice::default()).unwrap();
        assert_eq!((v.class, v.verdict), (0, 0));
        assert!(v.is_verdict());
        assert_eq!(v.max, 1.0);
        assert_eq!(v.strongest, vec![(0, 1), (1, 0)]);
        // (0, 1) is ink, (1, 0) is 0.05: below the threshold.
        assert_eq!(v.on_ink, 1);
        assert_eq!(v.strongest_text(), "0,1;1,0");
        let picked = WhyChoice {
            class: Some(1),
            ..WhyChoice::default()
        };
        let v = why_view(&a, &picked).unwrap();
        assert_eq!((v.class, v.verdict, v.probability), (1, 0, 0.2));
        assert!(!v.is_verdict());
        // A class the network does not have falls back to the verdict.
        let v = why_view(
            &a,
            &WhyChoice {
                class: Some(7),
                ..WhyChoice::default()
            },
        )
        .unwrap();
        assert_eq!(v.class, 0);
    }
}
