//! A sequential network: its spec (serde, and a short text form), shape inference with a
//! per-layer summary, and the [`Network`] built from a spec with seeded initialisation.
//!
//! Text form — layers separated by `;`, the first one `input H×W×C`:
//!
//! ```text
//! input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; conv 5x5x16 pad 2 relu; pool 3; dense 10 softmax
//! ```
//!
//! | layer                                       | meaning                                           |
//! |---------------------------------------------|---------------------------------------------------|
//! | `input HxWxC`                               | the input volume (height × width × channels)      |
//! | `conv FhxFwxK [stride S] [pad P] [dilation D] [act]` | K filters of Fh×Fw, then an optional activation |
//! | `pool F [stride S] [pad P]`, `avgpool …`    | max / average pooling, stride defaults to F       |
//! | `dense N [act \| softmax]`                  | fully connected, N units                          |
//! | `dropout p`                                 | inverted dropout with drop probability p          |
//! | `flatten`, `relu`, `sigmoid`, `tanh`, `softplus`, `leaky_relu [slope]` | as named      |
//!
//! The last layer must be `dense N softmax` (the classifier; the loss is softmax cross-entropy).
//!
//! Output size of conv and pool layers along each axis: ⌊(I + 2P − D·(F − 1) − 1) / S⌋ + 1
//! (see [`crate::geometry`]). Parameters: conv K·(C·Fh·Fw + 1), dense N·(inputs + 1).
//!
//! Initialisation (seeded PCG32, Box–Muller normals): He, N(0, 2/fan_in), for layers followed
//! by ReLU or Leaky ReLU; Xavier/Glorot, N(0, 2/(fan_in + fan_out)), otherwise (sigmoid, tanh,
//! softplus, or no activation, as before the softmax). Biases start at 0.

use std::fmt;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;
use serde::{Deserialize, Serialize};

use crate::activation::{Activation, DEFAULT_LEAKY_SLOPE};
use crate::geometry::{Geometry2d, GeometryError, GeometryErrorKind, MAX_SIZE, Window};
use crate::lang::{Lang, Localized};
use crate::layers::{
    ActivationLayer, AvgPool2d, Conv2d, Dense, Dropout, Flatten, MaxPool2d, Mode,
    SoftmaxCrossEntropy,
};
use crate::tensor::{Batch, Shape, Tensor};

/// At most this many layers after the input.
pub const MAX_LAYERS: usize = 64;
/// At most this many parameters (16 Mi floats = 64 MiB).
pub const MAX_PARAMS: usize = 1 << 24;
/// At most this many numbers in one example's activation volume, or in one conv layer's
/// im2col table (taps × output positions).
pub const MAX_ACTIVATIONS: usize = 1 << 22;

/// One layer of the spec. Conv and pool windows use the same stride/padding/dilation on both
/// axes; the kernel itself may be rectangular.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LayerSpec {
    Conv {
        kernel_height: usize,
        kernel_width: usize,
        filters: usize,
        stride: usize,
        padding: usize,
        dilation: usize,
        activation: Option<Activation>,
    },
    MaxPool {
        size: usize,
        stride: usize,
        padding: usize,
    },
    AvgPool {
        size: usize,
        stride: usize,
        padding: usize,
    },
    Activation {
        activation: Activation,
    },
    Dense {
        units: usize,
        activation: Option<Activation>,
        softmax: bool,
    },
    Dropout {
        rate: f32,
    },
    Flatten,
}

impl LayerSpec {
    /// A conv layer with stride 1, no padding, no dilation.
    pub fn conv(
        kernel: usize,
        filters: usize,
        padding: usize,
        activation: Option<Activation>,
    ) -> LayerSpec {
        LayerSpec::Conv {
            kernel_height: kernel,
            kernel_width: kernel,
            filters,
            stride: 1,
            padding,
            dilation: 1,
            activation,
        }
    }

    /// Max pooling with a square window and stride equal to the window.
    pub fn max_pool(size: usize) -> LayerSpec {
        LayerSpec::MaxPool {
            size,
            stride: size,
            padding: 0,
        }
    }
}

/// `relu`, `tanh`, …; `leaky_relu 0.1` when the slope is not the default.
fn activation_text(a: Activation) -> String {
    match a {
        Activation::LeakyRelu { slope } if slope != DEFAULT_LEAKY_SLOPE => {
            format!("leaky_relu {slope}")
        }
        a => a.spec_name().to_string(),
    }
}

impl fmt::Display for LayerSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            LayerSpec::Conv {
                kernel_height,
                kernel_width,
                filters,
                stride,
                padding,
                dilation,
                activation,
            } => {
                write!(f, "conv {kernel_height}x{kernel_width}x{filters}")?;
                if stride != 1 {
                    write!(f, " stride {stride}")?;
                }
                if padding != 0 {
                    write!(f, " pad {padding}")?;
                }
                if dilation != 1 {
                    write!(f, " dilation {dilation}")?;
                }
                if let Some(a) = activation {
                    write!(f, " {}", activation_text(a))?;
                }
                Ok(())
            }
            LayerSpec::MaxPool {
                size,
                stride,
                padding,
            }
            | LayerSpec::AvgPool {
                size,
                stride,
                padding,
            } => {
                let word = if matches!(self, LayerSpec::MaxPool { .. }) {
                    "pool"
                } else {
                    "avgpool"
                };
                write!(f, "{word} {size}")?;
                if stride != size {
                    write!(f, " stride {stride}")?;
                }
                if padding != 0 {
                    write!(f, " pad {padding}")?;
                }
                Ok(())
            }
            LayerSpec::Activation { activation } => f.write_str(&activation_text(activation)),
            LayerSpec::Dense {
                units,
                activation,
                softmax,
            } => {
                write!(f, "dense {units}")?;
                if let Some(a) = activation {
                    write!(f, " {}", activation_text(a))?;
                }
                if softmax {
                    write!(f, " softmax")?;
                }
                Ok(())
            }
            LayerSpec::Dropout { rate } => write!(f, "dropout {rate}"),
            LayerSpec::Flatten => write!(f, "flatten"),
        }
    }
}

/// A network: the input shape and the layers after it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkSpec {
    pub input: Shape,
    pub layers: Vec<LayerSpec>,
}

/// The text form, e.g. `input 24x24x1; conv 5x5x8 pad 2 relu; …`; [`NetworkSpec::parse`]
/// reads it back.
impl fmt::Display for NetworkSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "input {}x{}x{}",
            self.input.height, self.input.width, self.input.channels
        )?;
        for layer in &self.layers {
            write!(f, "; {layer}")?;
        }
        Ok(())
    }
}

/// One row of the summary table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayerSummary {
    /// 0 for the input, then 1, 2, … as in error messages.
    pub index: usize,
    /// The layer's text form, e.g. `conv 5x5x8 pad 2 relu`.
    pub description: String,
    pub input: Shape,
    pub output: Shape,
    pub params: usize,
    /// For conv and pool layers: both axes with the output-size arithmetic
    /// ([`crate::geometry::AxisGeometry::formula`]).
    pub geometry: Option<Geometry2d>,
}

impl NetworkSpec {
    /// The ConvNetJS MNIST demo network: 24×24×1 → conv 5×5×8 pad 2 ReLU → max-pool 2 →
    /// conv 5×5×16 pad 2 ReLU → max-pool 3 → dense 10 softmax. 5,994 parameters.
    pub fn convnetjs_mnist() -> NetworkSpec {
        NetworkSpec {
            input: Shape::new(1, 24, 24),
            layers: vec![
                LayerSpec::conv(5, 8, 2, Some(Activation::Relu)),
                LayerSpec::max_pool(2),
                LayerSpec::conv(5, 16, 2, Some(Activation::Relu)),
                LayerSpec::max_pool(3),
                LayerSpec::Dense {
                    units: 10,
                    activation: None,
                    softmax: true,
                },
            ],
        }
    }

    /// Number of classes of the final softmax layer.
    pub fn classes(&self) -> Option<usize> {
        match self.layers.last() {
            Some(LayerSpec::Dense {
                units,
                softmax: true,
                ..
            }) => Some(*units),
            _ => None,
        }
    }

    /// Parses the text form. Words are case-insensitive; `×` may be written for `x`.
    pub fn parse(text: &str) -> Result<NetworkSpec, SpecError> {
        let spec = NetworkSpec::parse_layers(text)?;
        spec.summary()?;
        Ok(spec)
    }

    /// Reads the text form word by word without shape inference (see
    /// [`crate::layer_table::LayerTable`] for a table that explains a layer that does not fit).
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

    /// Shape inference: one row for the input, then one per layer, with output shapes,
    /// parameter counts and window geometry. Refuses a spec that does not fit, naming the layer
    /// and the numbers, before anything large is allocated.
    pub fn summary(&self) -> Result<Vec<LayerSummary>, SpecError> {
        let input_err = |kind| SpecError::new(Some((0, self.input_description())), kind);
        check_shape(self.input).map_err(input_err)?;
        if self.layers.len() > MAX_LAYERS {
            return Err(SpecError::new(
                None,
                SpecErrorKind::TooManyLayers {
                    count: self.layers.len(),
                    max: MAX_LAYERS,
                },
            ));
        }
        let mut rows = vec![LayerSummary {
            index: 0,
            description: self.input_description(),
            input: self.input,
            output: self.input,
            params: 0,
            geometry: None,
        }];
        let mut shape = self.input;
        let mut total_params = 0usize;
        for (i, layer) in self.layers.iter().enumerate() {
            let err = |kind| SpecError::new(Some((i + 1, layer.to_string())), kind);
            let last = i + 1 == self.layers.len();
            let (output, params, geometry) = infer(layer, shape, last).map_err(err)?;
            check_shape(output).map_err(err)?;
            total_params = total_params.saturating_add(params);
            if total_params > MAX_PARAMS {
                return Err(err(SpecErrorKind::TooManyParams {
                    params: total_params,
                    max: MAX_PARAMS,
                }));
            }
            rows.push(LayerSummary {
                index: i + 1,
                description: layer.to_string(),
                input: shape,
                output,
                params,
                geometry,
            });
            shape = output;
        }
        if self.classes().is_none() {
            return Err(SpecError::new(
                None,
                SpecErrorKind::MissingSoftmax {
                    last: self.layers.last().map(ToString::to_string),
                },
            ));
        }
        Ok(rows)
    }

    /// Total number of parameters (weights and biases), or an error if the spec does not fit.
    pub fn num_params(&self) -> Result<usize, SpecError> {
        Ok(self.summary()?.iter().map(|r| r.params).sum())
    }

    fn input_description(&self) -> String {
        format!(
            "input {}x{}x{}",
            self.input.height, self.input.width, self.input.channels
        )
    }
}

fn check_shape(shape: Shape) -> Result<(), SpecErrorKind> {
    if shape.is_empty() {
        return Err(SpecErrorKind::EmptyShape { shape });
    }
    if shape.len() > MAX_ACTIVATIONS {
        return Err(SpecErrorKind::TooLarge {
            what: Quantity::Activations,
            value: shape.len(),
            max: MAX_ACTIVATIONS,
        });
    }
    Ok(())
}

fn check_count(what: Quantity, value: usize, max: usize) -> Result<(), SpecErrorKind> {
    if value == 0 {
        return Err(SpecErrorKind::Zero { what });
    }
    if value > max {
        return Err(SpecErrorKind::TooLarge { what, value, max });
    }
    Ok(())
}

/// Output shape, parameter count and geometry of one layer on an input of `shape`.
pub(crate) fn infer(
    layer: &LayerSpec,
    shape: Shape,
    last: bool,
) -> Result<(Shape, usize, Option<Geometry2d>), SpecErrorKind> {
    match *layer {
        LayerSpec::Conv {
            kernel_height,
            kernel_width,
            filters,
            stride,
            padding,
            dilation,
            ..
        } => {
            check_count(Quantity::Filters, filters, MAX_SIZE)?;
            let h = Window::new(kernel_height, stride)
                .with_padding(padding)
                .with_dilation(dilation);
            let w = Window::new(kernel_width, stride)
                .with_padding(padding)
                .with_dilation(dilation);
            let g = Geometry2d::new(shape.height, shape.width, h, w)
                .map_err(SpecErrorKind::Geometry)?;
            let taps = shape
                .channels
                .saturating_mul(kernel_height)
                .saturating_mul(kernel_width);
            let (oh, ow) = g.output();
            if taps.saturating_mul(oh * ow) > MAX_ACTIVATIONS {
                return Err(SpecErrorKind::TooLarge {
                    what: Quantity::Taps,
                    value: taps.saturating_mul(oh * ow),
                    max: MAX_ACTIVATIONS,
                });
            }
            let params = filters.saturating_mul(taps.saturating_add(1));
            Ok((Shape::new(filters, oh, ow), params, Some(g)))
        }
        LayerSpec::MaxPool {
            size,
            stride,
            padding,
        }
        | LayerSpec::AvgPool {
            size,
            stride,
            padding,
        } => {
            let win = Window::new(size, stride).with_padding(padding);
            let g =
                Geometry2d::new(shape.height, shape.width, win, win).map_err(|e| match e.kind {
                    GeometryErrorKind::KernelTooLarge { input, padding, .. } => {
                        SpecErrorKind::PoolWindowTooLarge {
                            window: size,
                            input,
                            padding,
                        }
                    }
                    _ => SpecErrorKind::Geometry(e),
                })?;
            if padding >= size {
                return Err(SpecErrorKind::PoolPaddingTooLarge {
                    padding,
                    window: size,
                });
            }
            let (oh, ow) = g.output();
            Ok((Shape::new(shape.channels, oh, ow), 0, Some(g)))
        }
        LayerSpec::Activation { .. } => Ok((shape, 0, None)),
        LayerSpec::Flatten => Ok((Shape::new(shape.len(), 1, 1), 0, None)),
        LayerSpec::Dropout { rate } => {
            if !(0.0..1.0).contains(&rate) {
                return Err(SpecErrorKind::DropoutRate { rate });
            }
            Ok((shape, 0, None))
        }
        LayerSpec::Dense {
            units,
            activation,
            softmax,
        } => {
            check_count(Quantity::Units, units, 1 << 16)?;
            if softmax && !last {
                return Err(SpecErrorKind::SoftmaxNotLast);
            }
            if softmax && activation.is_some() {
                return Err(SpecErrorKind::SoftmaxWithActivation);
            }
            if softmax && units < 2 {
                return Err(SpecErrorKind::TooFewClasses { units });
            }
            let params = units.saturating_mul(shape.len().saturating_add(1));
            Ok((Shape::new(units, 1, 1), params, None))
        }
    }
}

// ----------------------------------------------------------------------------------------------
// Parsing
// ----------------------------------------------------------------------------------------------

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

// ----------------------------------------------------------------------------------------------
// Errors
// ----------------------------------------------------------------------------------------------

/// Which number of a layer an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quantity {
    Input,
    Channels,
    Kernel,
    Filters,
    Window,
    Stride,
    Padding,
    Dilation,
    Units,
    Rate,
    Activations,
    Taps,
}

impl Quantity {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Quantity::Input => lang.pick("размер входа", "input size"),
            Quantity::Channels => lang.pick("число каналов", "number of channels"),
            Quantity::Kernel => lang.pick("размер ядра", "kernel size"),
            Quantity::Filters => lang.pick("число фильтров", "number of filters"),
            Quantity::Window => lang.pick("размер окна", "window size"),
            Quantity::Stride => lang.pick("шаг (stride)", "stride"),
            Quantity::Padding => lang.pick("дополнение (pad)", "padding"),
            Quantity::Dilation => lang.pick("разрежение (dilation)", "dilation"),
            Quantity::Units => lang.pick("число нейронов", "number of units"),
            Quantity::Rate => lang.pick("вероятность dropout", "dropout rate"),
            Quantity::Activations => lang.pick("размер выхода слоя", "layer output size"),
            Quantity::Taps => lang.pick("размер матрицы im2col", "im2col matrix size"),
        }
    }

    fn example(self) -> &'static str {
        match self {
            Quantity::Input | Quantity::Channels => "input 24x24x1",
            Quantity::Kernel | Quantity::Filters => "conv 5x5x8",
            Quantity::Window => "pool 2",
            Quantity::Stride => "stride 2",
            Quantity::Padding => "pad 2",
            Quantity::Dilation => "dilation 2",
            Quantity::Units => "dense 10 softmax",
            Quantity::Rate => "dropout 0.5",
            Quantity::Activations | Quantity::Taps => "",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SpecErrorKind {
    Empty,
    MissingInput,
    InputNotFirst,
    UnknownLayer {
        word: String,
    },
    UnknownOption {
        word: String,
    },
    MissingNumber {
        what: Quantity,
    },
    NotANumber {
        what: Quantity,
        word: String,
    },
    BadDims {
        what: Quantity,
        word: String,
    },
    Zero {
        what: Quantity,
    },
    TooLarge {
        what: Quantity,
        value: usize,
        max: usize,
    },
    EmptyShape {
        shape: Shape,
    },
    Geometry(GeometryError),
    PoolWindowTooLarge {
        window: usize,
        input: usize,
        padding: usize,
    },
    PoolPaddingTooLarge {
        padding: usize,
        window: usize,
    },
    DropoutRate {
        rate: f32,
    },
    SoftmaxNotLast,
    SoftmaxWithActivation,
    SoftmaxAlone,
    TooFewClasses {
        units: usize,
    },
    MissingSoftmax {
        last: Option<String>,
    },
    TooManyLayers {
        count: usize,
        max: usize,
    },
    TooManyParams {
        params: usize,
        max: usize,
    },
}

/// Why a spec is refused, and at which layer (number and text; 0 = the input).
#[derive(Clone, Debug, PartialEq)]
pub struct SpecError {
    pub layer: Option<(usize, String)>,
    pub kind: SpecErrorKind,
}

impl SpecError {
    fn new(layer: Option<(usize, String)>, kind: SpecErrorKind) -> SpecError {
        SpecError { layer, kind }
    }
}

const LAYER_WORDS: &str =
    "conv, pool, avgpool, dense, dropout, flatten, relu, sigmoid, tanh, softplus, leaky_relu";

impl Localized for SpecErrorKind {
    fn message(&self, lang: Lang) -> String {
        use SpecErrorKind as K;
        match self {
            K::Empty => lang.pick(
                "описание сети пусто; пример: input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax".into(),
                "the network description is empty; example: input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; dense 10 softmax".into(),
            ),
            K::MissingInput => lang.pick(
                "сеть должна начинаться с входа, например «input 24x24x1»".into(),
                "the network must start with its input, e.g. \"input 24x24x1\"".into(),
            ),
            K::InputNotFirst => lang.pick(
                "вход (input) может быть только первым слоем".into(),
                "input can only be the first layer".into(),
            ),
            K::UnknownLayer { word } => lang.pick(
                format!("неизвестный тип слоя «{word}»; допустимы: {LAYER_WORDS}"),
                format!("unknown layer type \"{word}\"; expected one of: {LAYER_WORDS}"),
            ),
            K::UnknownOption { word } => lang.pick(
                format!("непонятное слово «{word}»"),
                format!("unexpected word \"{word}\""),
            ),
            K::MissingNumber { what } => lang.pick(
                format!("не указан {}, например «{}»", what.name(lang), what.example()),
                format!("the {} is missing, e.g. \"{}\"", what.name(lang), what.example()),
            ),
            K::NotANumber { what, word } => lang.pick(
                format!("{}: «{word}» — не число", what.name(lang)),
                format!("{}: \"{word}\" is not a number", what.name(lang)),
            ),
            K::BadDims { what, word } => lang.pick(
                format!("{}: «{word}» не подходит, пример: «{}»", what.name(lang), what.example()),
                format!("{}: \"{word}\" does not fit, e.g. \"{}\"", what.name(lang), what.example()),
            ),
            K::Zero { what } => lang.pick(
                format!("{} должен быть не меньше 1", what.name(lang)),
                format!("{} must be at least 1", what.name(lang)),
            ),
            K::TooLarge { what, value, max } => lang.pick(
                format!("{} {value} слишком велик (не больше {max})", what.name(lang)),
                format!("{} {value} is too large (at most {max})", what.name(lang)),
            ),
            K::EmptyShape { shape } => lang.pick(
                format!("выход {shape} пуст"),
                format!("the output {shape} is empty"),
            ),
            K::Geometry(e) => e.message(lang),
            K::PoolWindowTooLarge { window, input, padding } => {
                if *padding == 0 {
                    lang.pick(
                        format!("окно {window} больше входа {input}"),
                        format!("window {window} is larger than the input {input}"),
                    )
                } else {
                    let padded = input + 2 * padding;
                    lang.pick(
                        format!("окно {window} больше входа с дополнением {padded} ({input} + 2·{padding})"),
                        format!("window {window} is larger than the padded input {padded} ({input} + 2·{padding})"),
                    )
                }
            }
            K::PoolPaddingTooLarge { padding, window } => lang.pick(
                format!("дополнение {padding} должно быть меньше окна {window}: иначе окно может целиком попасть в нули"),
                format!("padding {padding} must be smaller than the window {window}, or a window could see only padding"),
            ),
            K::DropoutRate { rate } => lang.pick(
                format!("вероятность dropout {rate} должна быть в [0, 1)"),
                format!("dropout rate {rate} must be in [0, 1)"),
            ),
            K::SoftmaxNotLast => lang.pick(
                "softmax может быть только у последнего слоя".into(),
                "only the last layer can have softmax".into(),
            ),
            K::SoftmaxWithActivation => lang.pick(
                "у слоя с softmax не может быть второй функции активации".into(),
                "a softmax layer cannot have another activation".into(),
            ),
            K::SoftmaxAlone => lang.pick(
                "softmax пишется после полносвязного слоя: «dense 10 softmax»".into(),
                "softmax goes with the last dense layer: \"dense 10 softmax\"".into(),
            ),
            K::TooFewClasses { units } => lang.pick(
                format!("softmax нужно хотя бы 2 класса, а здесь {units}"),
                format!("softmax needs at least 2 classes, got {units}"),
            ),
            K::MissingSoftmax { last } => {
                let tail = match last {
                    Some(l) => lang.pick(format!(", а сейчас последний слой «{l}»"), format!(", but the last layer is \"{l}\"")),
                    None => lang.pick(", а слоёв после входа нет".into(), ", but there are no layers after the input".into()),
                };
                lang.pick(
                    format!("сеть должна заканчиваться классификатором «dense N softmax»{tail}"),
                    format!("the network must end with a classifier \"dense N softmax\"{tail}"),
                )
            }
            K::TooManyLayers { count, max } => lang.pick(
                format!("слоёв {count} — слишком много (не больше {max})"),
                format!("{count} layers is too many (at most {max})"),
            ),
            K::TooManyParams { params, max } => lang.pick(
                format!("параметров {params} — слишком много (не больше {max})"),
                format!("{params} parameters is too many (at most {max})"),
            ),
        }
    }
}

impl Localized for SpecError {
    fn message(&self, lang: Lang) -> String {
        let body = self.kind.message(lang);
        match &self.layer {
            Some((0, text)) => lang.pick(
                format!("вход ({text}): {body}"),
                format!("input ({text}): {body}"),
            ),
            Some((i, text)) => lang.pick(
                format!("слой {i} ({text}): {body}"),
                format!("layer {i} ({text}): {body}"),
            ),
            None => body,
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SpecError {}

// ----------------------------------------------------------------------------------------------
// Network
// ----------------------------------------------------------------------------------------------

/// One computing layer of a built network. A spec layer such as `conv 5x5x8 relu` becomes two
/// of these (the convolution, then the activation).
#[derive(Clone, Debug)]
pub enum Layer {
    Conv2d(Conv2d),
    MaxPool2d(MaxPool2d),
    AvgPool2d(AvgPool2d),
    Activation(ActivationLayer),
    Flatten(Flatten),
    Dropout(Dropout),
    Dense(Dense),
    Softmax(SoftmaxCrossEntropy),
}

impl Layer {
    pub fn forward(&mut self, input: &Batch, mode: Mode) -> &Batch {
        match self {
            Layer::Conv2d(l) => l.forward(input, mode),
            Layer::MaxPool2d(l) => l.forward(input, mode),
            Layer::AvgPool2d(l) => l.forward(input, mode),
            Layer::Activation(l) => l.forward(input, mode),
            Layer::Flatten(l) => l.forward(input, mode),
            Layer::Dropout(l) => l.forward(input, mode),
            Layer::Dense(l) => l.forward(input, mode),
            Layer::Softmax(l) => l.forward(input, mode),
        }
    }

    /// ∂L/∂input from ∂L/∂output (and the parameter gradients of this batch).
    ///
    /// # Panics
    /// On the softmax layer, whose backward takes labels ([`SoftmaxCrossEntropy::backward`]).
    pub fn backward(&mut self, grad_output: &Batch) -> &Batch {
        match self {
            Layer::Conv2d(l) => l.backward(grad_output),
            Layer::MaxPool2d(l) => l.backward(grad_output),
            Layer::AvgPool2d(l) => l.backward(grad_output),
            Layer::Activation(l) => l.backward(grad_output),
            Layer::Flatten(l) => l.backward(grad_output),
            Layer::Dropout(l) => l.backward(grad_output),
            Layer::Dense(l) => l.backward(grad_output),
            Layer::Softmax(_) => unreachable!("softmax backward takes labels"),
        }
    }

    pub fn output(&self) -> &Batch {
        match self {
            Layer::Conv2d(l) => l.output(),
            Layer::MaxPool2d(l) => l.output(),
            Layer::AvgPool2d(l) => l.output(),
            Layer::Activation(l) => l.output(),
            Layer::Flatten(l) => l.output(),
            Layer::Dropout(l) => l.output(),
            Layer::Dense(l) => l.output(),
            Layer::Softmax(l) => l.output(),
        }
    }

    pub fn output_shape(&self) -> Shape {
        match self {
            Layer::Conv2d(l) => l.output_shape(),
            Layer::MaxPool2d(l) => l.output_shape(),
            Layer::AvgPool2d(l) => l.output_shape(),
            Layer::Activation(l) => l.output_shape(),
            Layer::Flatten(l) => l.output_shape(),
            Layer::Dropout(l) => l.output_shape(),
            Layer::Dense(l) => l.output_shape(),
            Layer::Softmax(l) => l.output_shape(),
        }
    }

    /// (weights, bias) of a layer with parameters.
    pub fn params(&self) -> Option<(&[f32], &[f32])> {
        match self {
            Layer::Conv2d(l) => Some((&l.weights, &l.bias)),
            Layer::Dense(l) => Some((&l.weights, &l.bias)),
            _ => None,
        }
    }

    /// (weight gradients, bias gradients) of the last backward.
    pub fn grads(&self) -> Option<(&[f32], &[f32])> {
        match self {
            Layer::Conv2d(l) => Some((&l.weight_grads, &l.bias_grads)),
            Layer::Dense(l) => Some((&l.weight_grads, &l.bias_grads)),
            _ => None,
        }
    }

    /// Mutable (weights, bias) of a layer with parameters.
    pub fn params_mut(&mut self) -> Option<(&mut [f32], &mut [f32])> {
        match self {
            Layer::Conv2d(l) => Some((&mut l.weights, &mut l.bias)),
            Layer::Dense(l) => Some((&mut l.weights, &mut l.bias)),
            _ => None,
        }
    }

    #[allow(clippy::type_complexity)]
    fn params_and_grads_mut(&mut self) -> Option<(&mut Vec<f32>, &mut Vec<f32>, &[f32], &[f32])> {
        match self {
            Layer::Conv2d(l) => Some((&mut l.weights, &mut l.bias, &l.weight_grads, &l.bias_grads)),
            Layer::Dense(l) => Some((&mut l.weights, &mut l.bias, &l.weight_grads, &l.bias_grads)),
            _ => None,
        }
    }
}

/// A computing layer with its name and the spec layer it comes from.
#[derive(Clone, Debug)]
struct Node {
    layer: Layer,
    name: String,
    /// 1-based index of the spec layer (as in error messages and the summary).
    spec_index: usize,
    /// Training-time dropout on this layer's input ([`Network::set_dense_dropout`]); dense layers only.
    pre_dropout: Option<Dropout>,
    pre_dropout_active: bool,
}

/// One parameter tensor handed to an optimizer.
pub struct ParamMut<'a> {
    pub values: &'a mut [f32],
    pub grads: &'a [f32],
    /// Weights get L2 weight decay; biases do not (as in ConvNetJS and AlexNet).
    pub is_weight: bool,
}

/// A layer's activation volume for display: item 0 of the last forward.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerView {
    pub name: String,
    pub shape: Shape,
    pub data: Vec<f32>,
}

/// The filters of one conv layer, for display.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterView {
    /// The layer's name, e.g. `conv 5×5×8`.
    pub name: String,
    pub in_channels: usize,
    pub out_channels: usize,
    pub kernel_height: usize,
    pub kernel_width: usize,
    /// out × in × kh × kw, row-major.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// Weight gradients of the last backward (zeros before the first).
    pub grads: Vec<f32>,
}

impl FilterView {
    /// The kernel_height × kernel_width slice of filter `out`, input channel `channel`.
    pub fn kernel(&self, out: usize, channel: usize) -> &[f32] {
        let size = self.kernel_height * self.kernel_width;
        let start = (out * self.in_channels + channel) * size;
        &self.weights[start..start + size]
    }
}

/// A sequential network built from a [`NetworkSpec`]. Cloning copies weights and optimizer-free
/// state (used for rollback after divergence).
#[derive(Clone, Debug)]
pub struct Network {
    spec: NetworkSpec,
    nodes: Vec<Node>,
    input_view: Vec<f32>,
    num_params: usize,
}

fn normal(rng: &mut Pcg32) -> f32 {
    // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
    let u1: f32 = 1.0 - rng.random::<f32>();
    let u2: f32 = rng.random::<f32>();
    (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
}

fn init_std(activation: Option<Activation>, fan_in: usize, fan_out: usize) -> f32 {
    match activation {
        Some(Activation::Relu) | Some(Activation::LeakyRelu { .. }) => (2.0 / fan_in as f32).sqrt(),
        _ => (2.0 / (fan_in + fan_out) as f32).sqrt(),
    }
}

impl Network {
    /// Builds the network and initialises its weights from `seed` (same seed → same weights).
    pub fn new(spec: &NetworkSpec, seed: u64) -> Result<Network, SpecError> {
        let summary = spec.summary()?;
        let num_params = summary.iter().map(|r| r.params).sum();
        let mut rng = Pcg32::seed_from_u64(seed);
        let mut nodes: Vec<Node> = Vec::new();
        let mut shape = spec.input;
        let dropout_seed = |i: usize| seed ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + 1));
        for (i, layer) in spec.layers.iter().enumerate() {
            let index = i + 1;
            let err = |kind| SpecError::new(Some((index, layer.to_string())), kind);
            let first = nodes.is_empty();
            let mut push = |layer: Layer, name: String, pre_dropout: Option<Dropout>| {
                nodes.push(Node {
                    layer,
                    name,
                    spec_index: index,
                    pre_dropout,
                    pre_dropout_active: false,
                })
            };
            match *layer {
                LayerSpec::Conv {
                    kernel_height,
                    kernel_width,
                    filters,
                    stride,
                    padding,
                    dilation,
                    activation,
                } => {
                    let h = Window::new(kernel_height, stride)
                        .with_padding(padding)
                        .with_dilation(dilation);
                    let w = Window::new(kernel_width, stride)
                        .with_padding(padding)
                        .with_dilation(dilation);
                    let mut conv = Conv2d::new(shape, filters, h, w)
                        .map_err(|e| err(SpecErrorKind::Geometry(e)))?;
                    let std = init_std(
                        activation,
                        conv.taps(),
                        filters * kernel_height * kernel_width,
                    );
                    for v in &mut conv.weights {
                        *v = std * normal(&mut rng);
                    }
                    conv.need_input_grad = !first;
                    shape = conv.output_shape();
                    push(
                        Layer::Conv2d(conv),
                        format!("conv {kernel_height}×{kernel_width}×{filters}"),
                        None,
                    );
                    if let Some(a) = activation {
                        push(
                            Layer::Activation(ActivationLayer::new(shape, a)),
                            a.spec_name().into(),
                            None,
                        );
                    }
                }
                LayerSpec::MaxPool {
                    size,
                    stride,
                    padding,
                } => {
                    let win = Window::new(size, stride).with_padding(padding);
                    let pool = MaxPool2d::new(shape, win, win)
                        .map_err(|e| err(SpecErrorKind::Geometry(e)))?;
                    shape = pool.output_shape();
                    push(Layer::MaxPool2d(pool), format!("pool {size}×{size}"), None);
                }
                LayerSpec::AvgPool {
                    size,
                    stride,
                    padding,
                } => {
                    let win = Window::new(size, stride).with_padding(padding);
                    let pool = AvgPool2d::new(shape, win, win)
                        .map_err(|e| err(SpecErrorKind::Geometry(e)))?;
                    shape = pool.output_shape();
                    push(
                        Layer::AvgPool2d(pool),
                        format!("avgpool {size}×{size}"),
                        None,
                    );
                }
                LayerSpec::Activation { activation } => {
                    push(
                        Layer::Activation(ActivationLayer::new(shape, activation)),
                        activation.spec_name().into(),
                        None,
                    );
                }
                LayerSpec::Flatten => {
                    let f = Flatten::new(shape);
                    shape = f.output_shape();
                    push(Layer::Flatten(f), "flatten".into(), None);
                }
                LayerSpec::Dropout { rate } => {
                    push(
                        Layer::Dropout(Dropout::new(shape, rate, dropout_seed(index))),
                        format!("dropout {rate}"),
                        None,
                    );
                }
                LayerSpec::Dense {
                    units,
                    activation,
                    softmax,
                } => {
                    let mut dense = Dense::new(shape, units);
                    let std = init_std(activation, dense.inputs, units);
                    for v in &mut dense.weights {
                        *v = std * normal(&mut rng);
                    }
                    dense.need_input_grad = !first;
                    let pre = Dropout::new(shape, 0.0, dropout_seed(1000 + index));
                    shape = dense.output_shape();
                    push(Layer::Dense(dense), format!("dense {units}"), Some(pre));
                    if let Some(a) = activation {
                        push(
                            Layer::Activation(ActivationLayer::new(shape, a)),
                            a.spec_name().into(),
                            None,
                        );
                    }
                    if softmax {
                        push(
                            Layer::Softmax(SoftmaxCrossEntropy::new(units)),
                            "softmax".into(),
                            None,
                        );
                    }
                }
            }
        }
        Ok(Network {
            spec: spec.clone(),
            nodes,
            input_view: Vec::new(),
            num_params,
        })
    }

    pub fn spec(&self) -> &NetworkSpec {
        &self.spec
    }

    pub fn input_shape(&self) -> Shape {
        self.spec.input
    }

    pub fn classes(&self) -> usize {
        self.softmax().classes()
    }

    pub fn num_params(&self) -> usize {
        self.num_params
    }

    /// The computing layers, in order.
    pub fn layers(&self) -> impl Iterator<Item = &Layer> {
        self.nodes.iter().map(|n| &n.layer)
    }

    fn softmax(&self) -> &SoftmaxCrossEntropy {
        match &self.nodes.last().expect("a network has layers").layer {
            Layer::Softmax(s) => s,
            _ => unreachable!("the spec is validated to end with softmax"),
        }
    }

    /// Training-time dropout with drop probability `rate` on the input of every dense layer
    /// (where AlexNet puts it); 0 turns it off. Dropout layers written in the spec keep their own rate.
    pub fn set_dense_dropout(&mut self, rate: f32) {
        let rate = if rate.is_finite() {
            rate.clamp(0.0, 0.99)
        } else {
            0.0
        };
        for node in &mut self.nodes {
            if let Some(d) = &mut node.pre_dropout {
                d.rate = rate;
            }
        }
    }

    /// Runs the batch through every layer; returns the class probabilities (N × classes).
    pub fn forward(&mut self, input: &Batch, mode: Mode) -> &Batch {
        assert_eq!(input.item_shape(), self.spec.input, "network input shape");
        self.input_view.clear();
        if !input.is_empty() {
            self.input_view.extend_from_slice(input.item(0));
        }
        let mut current = input;
        for node in &mut self.nodes {
            let Node {
                layer,
                pre_dropout,
                pre_dropout_active,
                ..
            } = node;
            *pre_dropout_active = false;
            if let Some(d) = pre_dropout
                && mode == Mode::Train
                && d.rate > 0.0
            {
                current = d.forward(current, mode);
                *pre_dropout_active = true;
            }
            current = layer.forward(current, mode);
        }
        self.softmax().output()
    }

    /// Probabilities of the last forward.
    pub fn probabilities(&self) -> &Batch {
        self.softmax().output()
    }

    /// Mean cross-entropy of the last forward against `labels`.
    pub fn loss(&self, labels: &[u8]) -> f64 {
        self.softmax().loss(labels)
    }

    /// How many of the last forward's examples are classified as `labels` say.
    pub fn correct(&self, labels: &[u8]) -> usize {
        self.softmax().correct(labels)
    }

    /// Backpropagates the mean cross-entropy of the last forward against `labels`; afterwards
    /// every layer's gradients hold ∂L/∂W and ∂L/∂b of this batch.
    pub fn backward(&mut self, labels: &[u8]) {
        let (last, rest) = self.nodes.split_last_mut().expect("a network has layers");
        let Layer::Softmax(softmax) = &mut last.layer else {
            unreachable!("the spec is validated to end with softmax")
        };
        let mut grad = softmax.backward(labels);
        for node in rest.iter_mut().rev() {
            grad = node.layer.backward(grad);
            if node.pre_dropout_active
                && let Some(d) = &mut node.pre_dropout
            {
                grad = d.backward(grad);
            }
        }
    }

    /// Class probabilities for one example (evaluation mode).
    pub fn predict(&mut self, input: &Tensor) -> Vec<f32> {
        let batch = Batch::from_tensors(std::slice::from_ref(input)).expect("one tensor");
        self.forward(&batch, Mode::Eval).item(0).to_vec()
    }

    /// Visits every parameter tensor (weights, then bias, layer by layer) with its gradient.
    pub fn for_each_param(&mut self, mut f: impl FnMut(usize, ParamMut<'_>)) {
        let mut index = 0;
        for node in &mut self.nodes {
            if let Some((w, b, gw, gb)) = node.layer.params_and_grads_mut() {
                f(
                    index,
                    ParamMut {
                        values: w,
                        grads: gw,
                        is_weight: true,
                    },
                );
                f(
                    index + 1,
                    ParamMut {
                        values: b,
                        grads: gb,
                        is_weight: false,
                    },
                );
                index += 2;
            }
        }
    }

    /// Every parameter tensor in the order of [`Network::for_each_param`].
    pub fn param_tensors(&self) -> Vec<&[f32]> {
        self.nodes
            .iter()
            .filter_map(|n| n.layer.params())
            .flat_map(|(w, b)| [w, b])
            .collect()
    }

    /// Mutable access to the same tensors (for loading weights).
    pub fn param_tensors_mut(&mut self) -> Vec<&mut [f32]> {
        self.nodes
            .iter_mut()
            .filter_map(|n| n.layer.params_and_grads_mut())
            .flat_map(|(w, b, _, _)| [w.as_mut_slice(), b.as_mut_slice()])
            .collect()
    }

    /// ½·Σ‖W‖² over weights (not biases): the L2 penalty is `l2 ×` this.
    pub fn weights_sq_half(&self) -> f64 {
        self.nodes
            .iter()
            .filter_map(|n| n.layer.params())
            .map(|(w, _)| 0.5 * w.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>())
            .sum()
    }

    /// Item 0 of the last forward, layer by layer, starting with the input itself.
    pub fn layer_outputs(&self) -> Vec<LayerView> {
        let mut views = Vec::with_capacity(self.nodes.len() + 1);
        if !self.input_view.is_empty() {
            views.push(LayerView {
                name: "input".into(),
                shape: self.spec.input,
                data: self.input_view.clone(),
            });
        }
        for node in &self.nodes {
            let out = node.layer.output();
            if out.is_empty() {
                continue;
            }
            views.push(LayerView {
                name: node.name.clone(),
                shape: out.item_shape(),
                data: out.item(0).to_vec(),
            });
        }
        views
    }

    /// The 1-based spec layer each computing layer comes from, in order (for grouping views).
    pub fn layer_spec_indices(&self) -> Vec<usize> {
        self.nodes.iter().map(|n| n.spec_index).collect()
    }

    /// The filters of every conv layer.
    pub fn conv_filters(&self) -> Vec<FilterView> {
        self.nodes
            .iter()
            .filter_map(|n| match &n.layer {
                Layer::Conv2d(c) => Some(FilterView {
                    name: n.name.clone(),
                    in_channels: c.in_channels,
                    out_channels: c.out_channels,
                    kernel_height: c.height.kernel_size,
                    kernel_width: c.width.kernel_size,
                    weights: c.weights.clone(),
                    bias: c.bias.clone(),
                    grads: c.weight_grads.clone(),
                }),
                _ => None,
            })
            .collect()
    }
}
