//! The network spec: the layers as data (serde) and their short text form, which
//! [`NetworkSpec::parse`](super::parse) reads back.
//!
//! ```text
//! input 24x24x1; conv 5x5x8 pad 2 relu; pool 2; conv 5x5x16 pad 2 relu; pool 3; dense 10 softmax
//! ```
//!
//! A conv or pool layer is a sliding window with the same stride, padding and dilation on both
//! axes (the kernel itself may be rectangular); [`LayerSpec::windows`] is the one place that
//! turns a layer into its two [`Window`]s, for shape inference and for the built network alike.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::activation::{Activation, DEFAULT_LEAKY_SLOPE};
use crate::geometry::Window;
use crate::tensor::Shape;

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

    /// Pooling with a square window of `size` moved by `stride`: AlexNet's overlapping
    /// `pool 3 stride 2` is `max_pool_strided(3, 2)`.
    pub fn max_pool_strided(size: usize, stride: usize) -> LayerSpec {
        LayerSpec::MaxPool {
            size,
            stride,
            padding: 0,
        }
    }

    /// The (height, width) windows of a conv or pool layer; `None` for the other layers.
    pub fn windows(&self) -> Option<(Window, Window)> {
        match *self {
            LayerSpec::Conv {
                kernel_height,
                kernel_width,
                stride,
                padding,
                dilation,
                ..
            } => {
                let axis = |kernel| {
                    Window::new(kernel, stride)
                        .with_padding(padding)
                        .with_dilation(dilation)
                };
                Some((axis(kernel_height), axis(kernel_width)))
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
                let window = Window::new(size, stride).with_padding(padding);
                Some((window, window))
            }
            _ => None,
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

    pub(super) fn input_description(&self) -> String {
        format!(
            "input {}x{}x{}",
            self.input.height, self.input.width, self.input.channels
        )
    }
}
