//! The text form of a network spec, read back: layers separated by `;` (or new lines), the
//! first one `input H×W×C`; words are case-insensitive and `×` or `*` may be written for `x`.
//! Every refusal names the layer and the word ([`SpecErrorKind`]).

use crate::activation::Activation;
use crate::geometry::MAX_SIZE;
use crate::tensor::Shape;

use super::error::{Quantity, SpecError, SpecErrorKind};
use super::infer::{MAX_LAYERS, check_count};
use super::spec::{LayerSpec, NetworkSpec};

impl NetworkSpec {
    /// Reads the text form and checks that the layers fit ([`NetworkSpec::summary`]).
    pub fn parse(text: &str) -> Result<NetworkSpec, SpecError> {
        let spec = NetworkSpec::parse_layers(text)?;
        spec.summary()?;
        Ok(spec)
    }

    /// Reads the text form word by word, without shape inference: a layer table
    /// ([`crate::layer_table::LayerTable`]) explains a layer that does not fit in its own row.
    pub fn parse_layers(text: &str) -> Result<NetworkSpec, SpecError> {
        let segments: Vec<&str> = text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let Some((first, rest)) = segments.split_first() else {
            return Err(SpecError::new(None, SpecErrorKind::Empty));
        };
        let input = parse_input(first)
            .map_err(|kind| SpecError::new(Some((0, first.to_string())), kind))?;
        if rest.len() > MAX_LAYERS {
            return Err(SpecError::new(
                None,
                SpecErrorKind::TooManyLayers {
                    count: rest.len(),
                    max: MAX_LAYERS,
                },
            ));
        }
        let mut layers = Vec::with_capacity(rest.len());
        for (i, seg) in rest.iter().enumerate() {
            layers.push(
                parse_layer(seg)
                    .map_err(|kind| SpecError::new(Some((i + 1, seg.to_string())), kind))?,
            );
        }
        Ok(NetworkSpec { input, layers })
    }
}

fn normalise(segment: &str) -> String {
    segment.to_lowercase().replace(['×', '*'], "x")
}

fn parse_number(word: Option<&str>, what: Quantity) -> Result<usize, SpecErrorKind> {
    let Some(word) = word else {
        return Err(SpecErrorKind::MissingNumber { what });
    };
    word.parse::<usize>()
        .map_err(|_| SpecErrorKind::NotANumber {
            what,
            word: word.to_string(),
        })
}

/// `HxW...` sizes: returns the numbers between the `x`s.
fn parse_dims(
    word: Option<&str>,
    what: Quantity,
    count: usize,
) -> Result<Vec<usize>, SpecErrorKind> {
    let Some(word) = word else {
        return Err(SpecErrorKind::MissingNumber { what });
    };
    let parts: Result<Vec<usize>, _> = word.split('x').map(str::parse::<usize>).collect();
    match parts {
        Ok(v) if v.len() == count => Ok(v),
        _ => Err(SpecErrorKind::BadDims {
            what,
            word: word.to_string(),
        }),
    }
}

fn parse_input(segment: &str) -> Result<Shape, SpecErrorKind> {
    let text = normalise(segment);
    let mut words = text.split_whitespace();
    if words.next() != Some("input") {
        return Err(SpecErrorKind::MissingInput);
    }
    let d = parse_dims(words.next(), Quantity::Input, 3)?;
    if let Some(extra) = words.next() {
        return Err(SpecErrorKind::UnknownOption {
            word: extra.to_string(),
        });
    }
    for v in [d[0], d[1]] {
        check_count(Quantity::Input, v, MAX_SIZE)?;
    }
    check_count(Quantity::Channels, d[2], MAX_SIZE)?;
    Ok(Shape::new(d[2], d[0], d[1]))
}

/// An activation word (with the optional slope of `leaky_relu`) at the front of `words`.
fn parse_activation<'a>(
    word: &str,
    words: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Option<Activation> {
    let word = if word == "leakyrelu" || word == "leaky-relu" {
        "leaky_relu"
    } else {
        word
    };
    let a = Activation::from_spec_name(word)?;
    if let Activation::LeakyRelu { .. } = a
        && let Some(slope) = words.peek().and_then(|w| w.parse::<f32>().ok())
        // `NaN` and `inf` parse as numbers; left unread, they are refused as unknown words.
        && slope.is_finite()
    {
        words.next();
        return Some(Activation::LeakyRelu { slope });
    }
    Some(a)
}

/// A layer's activation among its options (`relu`, `leaky_relu 0.1`, …): only one is allowed,
/// and any other word is an unknown option.
fn set_activation<'a>(
    activation: &mut Option<Activation>,
    word: &str,
    words: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Result<(), SpecErrorKind> {
    match parse_activation(word, words) {
        Some(a) if activation.is_none() => {
            *activation = Some(a);
            Ok(())
        }
        _ => Err(SpecErrorKind::UnknownOption {
            word: word.to_string(),
        }),
    }
}

fn parse_layer(segment: &str) -> Result<LayerSpec, SpecErrorKind> {
    let text = normalise(segment);
    let mut words = text.split_whitespace().peekable();
    let kind = words.next().unwrap_or_default().to_string();
    let layer = match kind.as_str() {
        "input" => return Err(SpecErrorKind::InputNotFirst),
        "conv" | "convolution" => {
            let d = parse_dims(words.next(), Quantity::Kernel, 3)?;
            let (mut stride, mut padding, mut dilation, mut activation) = (1, 0, 1, None);
            while let Some(word) = words.next() {
                match word {
                    "stride" => stride = parse_number(words.next(), Quantity::Stride)?,
                    "pad" | "padding" => padding = parse_number(words.next(), Quantity::Padding)?,
                    "dilation" => dilation = parse_number(words.next(), Quantity::Dilation)?,
                    w => set_activation(&mut activation, w, &mut words)?,
                }
            }
            LayerSpec::Conv {
                kernel_height: d[0],
                kernel_width: d[1],
                filters: d[2],
                stride,
                padding,
                dilation,
                activation,
            }
        }
        "pool" | "maxpool" | "avgpool" => {
            let size = parse_number(words.next(), Quantity::Window)?;
            let (mut stride, mut padding) = (size, 0);
            while let Some(word) = words.next() {
                match word {
                    "stride" => stride = parse_number(words.next(), Quantity::Stride)?,
                    "pad" | "padding" => padding = parse_number(words.next(), Quantity::Padding)?,
                    w => {
                        return Err(SpecErrorKind::UnknownOption {
                            word: w.to_string(),
                        });
                    }
                }
            }
            if kind == "avgpool" {
                LayerSpec::AvgPool {
                    size,
                    stride,
                    padding,
                }
            } else {
                LayerSpec::MaxPool {
                    size,
                    stride,
                    padding,
                }
            }
        }
        "dense" | "fc" => {
            let units = parse_number(words.next(), Quantity::Units)?;
            let (mut activation, mut softmax) = (None, false);
            while let Some(word) = words.next() {
                match word {
                    "softmax" if !softmax => softmax = true,
                    w => set_activation(&mut activation, w, &mut words)?,
                }
            }
            LayerSpec::Dense {
                units,
                activation,
                softmax,
            }
        }
        "dropout" => {
            let word = words.next();
            let rate = match word.map(str::parse::<f32>) {
                Some(Ok(r)) => r,
                Some(Err(_)) => {
                    return Err(SpecErrorKind::NotANumber {
                        what: Quantity::Rate,
                        word: word.unwrap_or_default().to_string(),
                    });
                }
                None => {
                    return Err(SpecErrorKind::MissingNumber {
                        what: Quantity::Rate,
                    });
                }
            };
            LayerSpec::Dropout { rate }
        }
        "flatten" => LayerSpec::Flatten,
        "softmax" => return Err(SpecErrorKind::SoftmaxAlone),
        w => match parse_activation(w, &mut words) {
            Some(activation) => LayerSpec::Activation { activation },
            None => {
                return Err(SpecErrorKind::UnknownLayer {
                    word: w.to_string(),
                });
            }
        },
    };
    if let Some(extra) = words.next() {
        return Err(SpecErrorKind::UnknownOption {
            word: extra.to_string(),
        });
    }
    Ok(layer)
}
