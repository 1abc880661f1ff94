//! Shape inference: the output volume, parameter count and window geometry of every layer,
//! computed from the spec alone, before anything is allocated.
//!
//! Output size of conv and pool layers along each axis: ⌊(I + 2P − D·(F − 1) − 1) / S⌋ + 1
//! (see [`crate::geometry`]). Parameters: conv K·(C·Fh·Fw + 1), dense N·(inputs + 1).
//!
//! The limits here are those of a table, wide enough for AlexNet (227×227×3, 62,378,344
//! parameters); what can be built and trained is bounded separately
//! ([`NetworkSpec::check_buildable`], [`crate::mnist::check_spec`]).

use serde::{Deserialize, Serialize};

use crate::geometry::{Geometry2d, GeometryErrorKind, MAX_SIZE};
use crate::tensor::Shape;

use super::error::{Quantity, SpecError, SpecErrorKind};
use super::spec::{LayerSpec, NetworkSpec};

/// At most this many layers after the input.
pub const MAX_LAYERS: usize = 64;
/// At most this many parameters in a table (256 Mi: VGG-16's 138 million fit, a typo does not).
pub const MAX_PARAMS: usize = 1 << 28;
/// At most this many parameters in a network [`super::Network::new`] builds (16 Mi floats =
/// 64 MiB, before gradients and optimizer state): AlexNet's table is computed, AlexNet is not
/// built.
pub const MAX_NETWORK_PARAMS: usize = 1 << 24;
/// At most this many numbers in one example's activation volume, or in one conv layer's
/// im2col table (taps × output positions).
pub const MAX_ACTIVATIONS: usize = 1 << 22;

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

    /// The number of parameters of the network [`super::Network::new`] would build, or why it
    /// would not: the spec must fit ([`NetworkSpec::summary`]) and have at most
    /// [`MAX_NETWORK_PARAMS`] parameters.
    pub fn buildable_params(&self) -> Result<usize, SpecError> {
        let params = self.num_params()?;
        if params > MAX_NETWORK_PARAMS {
            return Err(SpecError::new(
                None,
                SpecErrorKind::TooLargeToBuild {
                    params,
                    max: MAX_NETWORK_PARAMS,
                },
            ));
        }
        Ok(params)
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

pub(super) fn check_count(what: Quantity, value: usize, max: usize) -> Result<(), SpecErrorKind> {
    if value == 0 {
        return Err(SpecErrorKind::Zero { what });
    }
    if value > max {
        return Err(SpecErrorKind::TooLarge { what, value, max });
    }
    Ok(())
}

/// Output shape, parameter count and geometry of one layer on an input of `shape`.
fn infer(
    layer: &LayerSpec,
    shape: Shape,
    last: bool,
) -> Result<(Shape, usize, Option<Geometry2d>), SpecErrorKind> {
    let windows = layer.windows();
    match *layer {
        LayerSpec::Conv {
            kernel_height,
            kernel_width,
            filters,
            ..
        } => {
            check_count(Quantity::Filters, filters, MAX_SIZE)?;
            let (h, w) = windows.expect("a conv layer has windows");
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
        LayerSpec::MaxPool { size, padding, .. } | LayerSpec::AvgPool { size, padding, .. } => {
            let (h, w) = windows.expect("a pool layer has windows");
            let g = Geometry2d::new(shape.height, shape.width, h, w).map_err(|e| match e.kind {
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
