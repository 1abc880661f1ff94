//! The foreign-handwriting check: digits that are not MNIST's, written as pen strokes and
//! rasterised by the Draw pad's own rasteriser ([`cnn::pen`]) on its 280×280 field, then
//! preprocessed like a drawing ([`cnn::preprocess_digit`]).
//!
//! Every digit has several styles, the ones MNIST under-represents among them: an open-topped
//! 4, a 9 with a straight tail, a 1 with a flag and a base, a 7 with a bar, a flat-topped 3, a 2
//! with a loop. Each style is drawn [`VARIANTS`] times by a seeded "hand": slant ±0.35, rotation
//! ±8°, height 100–235 px (small and large), width ×0.75–1.3, a pen of 8–36 px (thin to bold),
//! off-centre anywhere on the pad, and a slow wobble of the strokes (±2 % of the height).
//! Nothing here is used for training; the same seed always gives the same digits.

use std::f32::consts::PI;

use cnn::pen::paint_polyline;
use cnn::preprocess::{PixelFormat, preprocess_digit};
use cnn::{Network, Tensor};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

/// Side of the Draw section's pad.
pub const PAD: usize = 280;
/// Hands per style.
pub const VARIANTS: usize = 24;
pub const SEED: u64 = 17;

type Stroke = Vec<(f32, f32)>;

/// Points of the ellipse arc centre (cx, cy), radii (rx, ry), from angle `a0` to `a1` in degrees
/// (y down: 0° right, 90° bottom, 270° top; a1 < a0 runs the other way).
fn arc(cx: f32, cy: f32, rx: f32, ry: f32, a0: f32, a1: f32) -> Stroke {
    let steps = (((a1 - a0).abs() / 8.0).ceil() as usize).max(2);
    (0..=steps)
        .map(|i| {
            let t = (a0 + (a1 - a0) * i as f32 / steps as f32).to_radians();
            (cx + rx * t.cos(), cy + ry * t.sin())
        })
        .collect()
}

fn line(points: &[(f32, f32)]) -> Stroke {
    points.to_vec()
}

fn join(mut a: Stroke, b: Stroke) -> Stroke {
    a.extend(b);
    a
}

/// One digit style: a name and its strokes in a box about 0.6 wide and 1 tall (x right, y down).
pub struct Style {
    pub digit: u8,
    pub name: &'static str,
    pub strokes: fn() -> Vec<Stroke>,
}

pub const STYLES: &[Style] = &[
    Style {
        digit: 0,
        name: "oval",
        strokes: || vec![arc(0.3, 0.5, 0.3, 0.5, 270.0, 640.0)],
    },
    Style {
        digit: 0,
        name: "narrow, open",
        strokes: || vec![arc(0.3, 0.5, 0.2, 0.5, 250.0, 590.0)],
    },
    Style {
        digit: 1,
        name: "bare stroke",
        strokes: || vec![line(&[(0.32, 0.0), (0.28, 1.0)])],
    },
    Style {
        digit: 1,
        name: "flag and base",
        strokes: || {
            vec![
                line(&[(0.1, 0.22), (0.32, 0.0), (0.32, 1.0)]),
                line(&[(0.08, 1.0), (0.56, 1.0)]),
            ]
        },
    },
    Style {
        digit: 1,
        name: "flag",
        strokes: || vec![line(&[(0.12, 0.2), (0.34, 0.0), (0.3, 1.0)])],
    },
    Style {
        digit: 2,
        name: "round",
        strokes: || {
            vec![join(
                arc(0.3, 0.28, 0.28, 0.28, 190.0, 400.0),
                line(&[(0.0, 1.0), (0.62, 1.0)]),
            )]
        },
    },
    Style {
        digit: 2,
        name: "looped base",
        strokes: || {
            vec![join(
                arc(0.3, 0.26, 0.27, 0.26, 200.0, 390.0),
                line(&[
                    (0.08, 0.9),
                    (0.04, 0.99),
                    (0.14, 1.0),
                    (0.2, 0.92),
                    (0.14, 0.88),
                    (0.3, 0.98),
                    (0.62, 0.98),
                ]),
            )]
        },
    },
    Style {
        digit: 2,
        name: "Z-like",
        strokes: || {
            vec![line(&[
                (0.02, 0.08),
                (0.3, 0.0),
                (0.56, 0.1),
                (0.55, 0.3),
                (0.02, 1.0),
                (0.6, 1.0),
            ])]
        },
    },
    Style {
        digit: 3,
        name: "round",
        strokes: || {
            vec![join(
                arc(0.3, 0.25, 0.27, 0.25, 200.0, 450.0),
                arc(0.3, 0.74, 0.3, 0.26, 270.0, 520.0),
            )]
        },
    },
    Style {
        digit: 3,
        name: "flat top",
        strokes: || {
            vec![join(
                line(&[(0.02, 0.0), (0.58, 0.0), (0.24, 0.42)]),
                arc(0.28, 0.72, 0.3, 0.28, 260.0, 520.0),
            )]
        },
    },
    Style {
        digit: 4,
        name: "closed",
        strokes: || vec![line(&[(0.46, 1.0), (0.46, 0.0), (0.0, 0.68), (0.62, 0.68)])],
    },
    Style {
        digit: 4,
        name: "open top",
        strokes: || {
            vec![
                line(&[(0.06, 0.0), (0.02, 0.6), (0.62, 0.6)]),
                line(&[(0.46, 0.04), (0.46, 1.0)]),
            ]
        },
    },
    Style {
        digit: 4,
        name: "open top, slanted arm",
        strokes: || {
            vec![
                line(&[(0.14, 0.0), (0.0, 0.55), (0.6, 0.55)]),
                line(&[(0.5, 0.1), (0.4, 1.0)]),
            ]
        },
    },
    Style {
        digit: 5,
        name: "one stroke",
        strokes: || {
            vec![join(
                line(&[(0.56, 0.0), (0.08, 0.0), (0.05, 0.45)]),
                arc(0.28, 0.68, 0.3, 0.3, 230.0, 500.0),
            )]
        },
    },
    Style {
        digit: 5,
        name: "bar last",
        strokes: || {
            vec![
                join(
                    line(&[(0.08, 0.0), (0.05, 0.45)]),
                    arc(0.28, 0.68, 0.3, 0.3, 230.0, 500.0),
                ),
                line(&[(0.08, 0.0), (0.58, 0.02)]),
            ]
        },
    },
    Style {
        digit: 6,
        name: "round",
        strokes: || {
            vec![join(
                arc(0.58, 0.62, 0.52, 0.62, 255.0, 180.0),
                arc(0.32, 0.75, 0.26, 0.25, 180.0, -170.0),
            )]
        },
    },
    Style {
        digit: 6,
        name: "straight back",
        strokes: || {
            vec![join(
                line(&[(0.45, 0.0), (0.06, 0.7)]),
                arc(0.3, 0.76, 0.26, 0.24, 200.0, -150.0),
            )]
        },
    },
    Style {
        digit: 7,
        name: "plain",
        strokes: || vec![line(&[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)])],
    },
    Style {
        digit: 7,
        name: "with a bar",
        strokes: || {
            vec![
                line(&[(0.0, 0.0), (0.6, 0.0), (0.22, 1.0)]),
                line(&[(0.14, 0.52), (0.58, 0.5)]),
            ]
        },
    },
    Style {
        digit: 7,
        name: "hooked",
        strokes: || vec![line(&[(0.0, 0.14), (0.03, 0.0), (0.6, 0.0), (0.3, 1.0)])],
    },
    Style {
        digit: 8,
        name: "two loops",
        strokes: || {
            vec![
                arc(0.3, 0.25, 0.22, 0.25, 90.0, 450.0),
                arc(0.3, 0.74, 0.28, 0.26, 270.0, 630.0),
            ]
        },
    },
    Style {
        digit: 8,
        name: "one stroke",
        strokes: || {
            let steps = 48;
            vec![
                (0..=steps)
                    .map(|i| {
                        let t = 2.0 * PI * i as f32 / steps as f32;
                        (0.3 + 0.55 * t.sin() * t.cos(), 0.5 - 0.5 * t.cos())
                    })
                    .collect(),
            ]
        },
    },
    Style {
        digit: 9,
        name: "straight tail",
        strokes: || {
            vec![join(
                arc(0.3, 0.27, 0.27, 0.27, 0.0, -360.0),
                line(&[(0.57, 0.27), (0.56, 1.0)]),
            )]
        },
    },
    Style {
        digit: 9,
        name: "curved tail",
        strokes: || {
            vec![join(
                arc(0.3, 0.27, 0.27, 0.27, 0.0, -360.0),
                line(&[(0.57, 0.27), (0.55, 0.8), (0.42, 0.98), (0.16, 0.94)]),
            )]
        },
    },
    Style {
        digit: 9,
        name: "slanted tail",
        strokes: || {
            vec![join(
                arc(0.32, 0.26, 0.26, 0.26, 10.0, -350.0),
                line(&[(0.58, 0.3), (0.36, 1.0)]),
            )]
        },
    },
];

/// Anywhere the digit fits on the pad (its half-extent `half`), the middle if nowhere else.
fn centre(rng: &mut Pcg32, half: f32) -> f32 {
    let (lo, hi) = (half, PAD as f32 - half);
    if lo < hi {
        rng.random_range(lo..hi)
    } else {
        PAD as f32 / 2.0
    }
}

/// One hand: how a style is drawn on the pad (see the module docs).
struct Hand {
    height: f32,
    width_factor: f32,
    slant: f32,
    rotation: f32,
    pen: f32,
    centre: (f32, f32),
    wobble: [(f32, f32); 4],
}

impl Hand {
    fn random(rng: &mut Pcg32) -> Hand {
        let height = rng.random_range(100.0f32..235.0);
        let pen = rng.random_range(8.0f32..36.0);
        let half = height / 2.0 + pen;
        Hand {
            height,
            width_factor: rng.random_range(0.75f32..1.3),
            slant: rng.random_range(-0.35f32..0.35),
            rotation: rng.random_range(-8.0f32..8.0).to_radians(),
            pen,
            centre: (centre(rng, half), centre(rng, half)),
            wobble: std::array::from_fn(|_| {
                (
                    rng.random_range(-0.02f32..0.02),
                    rng.random_range(0.0f32..2.0 * PI),
                )
            }),
        }
    }

    /// Unit-box point → pad pixel.
    fn place(&self, (x, y): (f32, f32), along: f32) -> (f32, f32) {
        let w = |k: usize| {
            self.wobble[k].0 * (2.0 * PI * along * (k as f32 + 1.0) + self.wobble[k].1).sin()
        };
        let (x, y) = (x + w(0) + w(2), y + w(1) + w(3));
        // Slant: the top leans right for a positive slant.
        let (u, v) = (
            (x - 0.3) * self.width_factor + self.slant * (0.5 - y),
            y - 0.5,
        );
        let (s, c) = self.rotation.sin_cos();
        let (u, v) = (u * c - v * s, u * s + v * c);
        (
            (self.centre.0 + u * self.height).clamp(0.0, PAD as f32),
            (self.centre.1 + v * self.height).clamp(0.0, PAD as f32),
        )
    }

    fn draw(&self, strokes: &[Stroke]) -> Vec<u8> {
        let mut raster = vec![0u8; PAD * PAD];
        for stroke in strokes {
            let n = stroke.len().max(2) as f32 - 1.0;
            let placed: Vec<(f32, f32)> = stroke
                .iter()
                .enumerate()
                .map(|(i, &p)| self.place(p, i as f32 / n))
                .collect();
            paint_polyline(&mut raster, PAD, &placed, self.pen);
        }
        raster
    }
}

/// One drawn digit of the check.
pub struct Sample {
    pub digit: u8,
    pub style: &'static str,
    pub input: Tensor,
}

/// Every style drawn by [`VARIANTS`] hands, preprocessed for a `size`×`size` network input.
pub fn samples(size: usize) -> Vec<Sample> {
    let mut rng = Pcg32::seed_from_u64(SEED);
    let mut out = Vec::new();
    for style in STYLES {
        let strokes = (style.strokes)();
        for _ in 0..VARIANTS {
            let raster = Hand::random(&mut rng).draw(&strokes);
            let pre = preprocess_digit(&raster, PAD, PAD, PixelFormat::Grey, size)
                .expect("every style leaves ink on the pad");
            out.push(Sample {
                digit: style.digit,
                style: style.name,
                input: pre.input,
            });
        }
    }
    out
}

/// Per-class (correct, total) of `network` on the samples, and the styles read wrongly most often.
pub struct Report {
    pub per_class: [(usize, usize); 10],
    pub per_style: Vec<(u8, &'static str, usize, usize)>,
}

impl Report {
    pub fn correct(&self) -> usize {
        self.per_class.iter().map(|c| c.0).sum()
    }
    pub fn total(&self) -> usize {
        self.per_class.iter().map(|c| c.1).sum()
    }
    pub fn accuracy(&self) -> f64 {
        self.correct() as f64 / self.total().max(1) as f64
    }
    pub fn class_accuracy(&self, digit: usize) -> f64 {
        let (c, t) = self.per_class[digit];
        c as f64 / t.max(1) as f64
    }

    /// Lines for the console: overall, per class, and every style below 100 %.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "foreign handwriting: {:.1} % ({} of {})",
            self.accuracy() * 100.0,
            self.correct(),
            self.total()
        )];
        lines.push(
            (0..10)
                .map(|d| format!("{d}: {:.0} %", self.class_accuracy(d) * 100.0))
                .collect::<Vec<_>>()
                .join(", "),
        );
        for &(digit, style, c, t) in &self.per_style {
            if c < t {
                lines.push(format!("  {digit} {style}: {c} of {t}"));
            }
        }
        lines
    }
}

pub fn evaluate(network: &mut Network, samples: &[Sample]) -> Report {
    let mut per_class = [(0usize, 0usize); 10];
    let mut per_style: Vec<(u8, &'static str, usize, usize)> = Vec::new();
    for s in samples {
        let p = network.predict(&s.input);
        let ok = cnn::layers::argmax(&p) == usize::from(s.digit);
        let class = &mut per_class[usize::from(s.digit)];
        class.0 += usize::from(ok);
        class.1 += 1;
        match per_style.last_mut() {
            Some(last) if last.0 == s.digit && last.1 == s.style => {
                last.2 += usize::from(ok);
                last.3 += 1;
            }
            _ => per_style.push((s.digit, s.style, usize::from(ok), 1)),
        }
    }
    Report {
        per_class,
        per_style,
    }
}

/// A contact sheet of the samples as a binary PGM (one row of [`VARIANTS`] per style, ink
/// white on black, 24×24 each with a 2-px gap), to look at what the check contains.
pub fn sheet(samples: &[Sample]) -> Vec<u8> {
    let side = samples.first().map_or(24, |s| s.input.shape().width);
    let cell = side + 2;
    let rows = samples.len().div_ceil(VARIANTS);
    let (w, h) = (VARIANTS * cell, rows * cell);
    let mut pixels = vec![40u8; w * h];
    for (i, s) in samples.iter().enumerate() {
        let (r, c) = (i / VARIANTS, i % VARIANTS);
        for y in 0..side {
            for x in 0..side {
                let v = (s.input.get(0, y, x).clamp(0.0, 1.0) * 255.0) as u8;
                pixels[(r * cell + y) * w + c * cell + x] = v;
            }
        }
    }
    let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
    out.extend(pixels);
    out
}
