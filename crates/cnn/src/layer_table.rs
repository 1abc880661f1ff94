//! The layer table of an architecture: for every layer of a [`NetworkSpec`] its input and output
//! volume, the output-size arithmetic ([`crate::geometry`]), its parameters, its multiply-adds
//! and the memory of its output, with the totals.
//!
//! For a layer with K filters of Fh×Fw on C input channels and an output of Ho×Wo×K, and a dense
//! layer of N units on an input of M numbers:
//!
//! ```text
//! parameters    conv K·(C·Fh·Fw + 1)         dense N·(M + 1)
//! multiply-adds conv Ho·Wo·K·(C·Fh·Fw)       dense N·M
//! memory        the output volume Ho·Wo·K numbers (float32, 4 bytes each)
//! ```
//!
//! Pooling, activations, dropout and flatten have no parameters and no multiply-adds (pooling
//! compares or adds, it does not multiply by weights). Shape inference is the network's own
//! (the one Training uses), without Training's limits on what it can train: a table can show
//! AlexNet. Unlike [`NetworkSpec::summary`], the table does not stop at a layer that does not
//! fit: that row carries the reason, and every row after it waits for it.

use crate::geometry::Geometry2d;
use crate::lang::{Lang, Localized};
use crate::network::{LayerSpec, NetworkSpec, SpecErrorKind, infer};
use crate::tensor::Shape;

/// The whole table: a row for the input, then one per layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerTable {
    pub rows: Vec<Row>,
}

/// One row: the layer as written, and what the table knows about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// 0 for the input, then 1, 2, … as in the network's error messages.
    pub index: usize,
    /// `None` for the input row.
    pub layer: Option<LayerSpec>,
    /// The layer's text form, e.g. `conv 11x11x96 stride 4 relu`.
    pub description: String,
    pub status: RowStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RowStatus {
    Fits(Box<Cost>),
    /// The layer does not fit its input, and why.
    Refused(SpecErrorKind),
    /// An earlier layer (its index) does not fit, so this layer's input is unknown.
    Waits {
        on: usize,
    },
}

/// The numbers of one layer that fits.
#[derive(Clone, Debug, PartialEq)]
pub struct Cost {
    pub input: Shape,
    pub output: Shape,
    /// Conv and pool layers: both axes with the output-size arithmetic.
    pub geometry: Option<Geometry2d>,
    pub params: u64,
    pub macs: u64,
    /// The factors of the parameter count, e.g. K, C, Fh, Fw of `K·(C·Fh·Fw + 1)`.
    pub params_factors: Option<Factors>,
}

/// What a layer's parameter and multiply-add formulas multiply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factors {
    Conv {
        filters: usize,
        channels: usize,
        kernel_height: usize,
        kernel_width: usize,
        out_height: usize,
        out_width: usize,
    },
    Dense {
        units: usize,
        inputs: usize,
    },
}

impl Cost {
    /// Numbers in the output volume (one example).
    pub fn activations(&self) -> u64 {
        self.output.len() as u64
    }

    /// Bytes of the output volume in float32.
    pub fn activation_bytes(&self) -> u64 {
        self.activations().saturating_mul(4)
    }

    /// `96·(3·11·11 + 1) = 34 944`, or `None` for a layer without parameters.
    pub fn params_formula(&self, lang: Lang) -> Option<String> {
        let total = group_digits(self.params, lang);
        Some(match self.params_factors? {
            Factors::Conv {
                filters,
                channels,
                kernel_height,
                kernel_width,
                ..
            } => format!("{filters}·({channels}·{kernel_height}·{kernel_width} + 1) = {total}"),
            Factors::Dense { units, inputs } => format!("{units}·({inputs} + 1) = {total}"),
        })
    }

    /// `55·55·96·(3·11·11) = 105 415 200`, or `None` for a layer without multiply-adds.
    pub fn macs_formula(&self, lang: Lang) -> Option<String> {
        let total = group_digits(self.macs, lang);
        Some(match self.params_factors? {
            Factors::Conv {
                filters,
                channels,
                kernel_height,
                kernel_width,
                out_height,
                out_width,
            } => format!(
                "{out_height}·{out_width}·{filters}·({channels}·{kernel_height}·{kernel_width}) = {total}"
            ),
            Factors::Dense { units, inputs } => format!("{units}·{inputs} = {total}"),
        })
    }
}

/// Sums over the rows that fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub params: u64,
    pub macs: u64,
    /// Numbers in all output volumes of one example (the input included).
    pub activations: u64,
    /// Parameters and multiply-adds of the conv layers, and of the dense layers.
    pub conv_params: u64,
    pub conv_macs: u64,
    pub dense_params: u64,
    pub dense_macs: u64,
    /// Whether every layer fits (otherwise the sums stop at the first that does not).
    pub complete: bool,
}

impl Totals {
    /// Share (0–100) of the parameters that sit in dense layers.
    pub fn dense_params_percent(&self) -> f64 {
        percent(self.dense_params, self.params)
    }

    /// Share (0–100) of the multiply-adds done by conv layers.
    pub fn conv_macs_percent(&self) -> f64 {
        percent(self.conv_macs, self.macs)
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl LayerTable {
    /// The table of `spec`: every layer's numbers, or the reason it does not fit.
    pub fn new(spec: &NetworkSpec) -> LayerTable {
        let input_status = match check_input(spec.input) {
            Ok(()) => RowStatus::Fits(Box::new(Cost {
                input: spec.input,
                output: spec.input,
                geometry: None,
                params: 0,
                macs: 0,
                params_factors: None,
            })),
            Err(kind) => RowStatus::Refused(kind),
        };
        let mut blocked = match input_status {
            RowStatus::Fits(_) => None,
            _ => Some(0),
        };
        let mut rows = vec![Row {
            index: 0,
            layer: None,
            description: format!(
                "input {}x{}x{}",
                spec.input.height, spec.input.width, spec.input.channels
            ),
            status: input_status,
        }];
        let mut shape = spec.input;
        for (i, layer) in spec.layers.iter().enumerate() {
            let index = i + 1;
            let last = index == spec.layers.len();
            let status = match blocked {
                Some(on) => RowStatus::Waits { on },
                None => match infer(layer, shape, last) {
                    Ok((output, params, geometry)) => {
                        let cost = cost(layer, shape, output, params, geometry);
                        shape = output;
                        RowStatus::Fits(Box::new(cost))
                    }
                    Err(kind) => {
                        blocked = Some(index);
                        RowStatus::Refused(kind)
                    }
                },
            };
            rows.push(Row {
                index,
                layer: Some(layer.clone()),
                description: layer.to_string(),
                status,
            });
        }
        LayerTable { rows }
    }

    /// Parses the text form (see [`crate::network`]) and builds the table; the error names the
    /// word that could not be read.
    pub fn parse(text: &str) -> Result<LayerTable, crate::network::SpecError> {
        Ok(LayerTable::new(&NetworkSpec::parse_layers(text)?))
    }

    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            complete: true,
            ..Totals::default()
        };
        for row in &self.rows {
            let RowStatus::Fits(cost) = &row.status else {
                t.complete = false;
                continue;
            };
            t.params = t.params.saturating_add(cost.params);
            t.macs = t.macs.saturating_add(cost.macs);
            t.activations = t.activations.saturating_add(cost.activations());
            match cost.params_factors {
                // Saturating like the totals: two saturated conv layers must not overflow.
                Some(Factors::Conv { .. }) => {
                    t.conv_params = t.conv_params.saturating_add(cost.params);
                    t.conv_macs = t.conv_macs.saturating_add(cost.macs);
                }
                Some(Factors::Dense { .. }) => {
                    t.dense_params = t.dense_params.saturating_add(cost.params);
                    t.dense_macs = t.dense_macs.saturating_add(cost.macs);
                }
                None => {}
            }
        }
        t
    }

    /// The output volume of the last layer, when every layer fits.
    pub fn output(&self) -> Option<Shape> {
        match &self.rows.last()?.status {
            RowStatus::Fits(cost) if self.totals().complete => Some(cost.output),
            _ => None,
        }
    }
}

impl Row {
    /// Why this row has no numbers, in `lang`; `None` when it fits.
    pub fn explanation(&self, lang: Lang) -> Option<String> {
        match &self.status {
            RowStatus::Fits(_) => None,
            RowStatus::Refused(kind) => Some(kind.message(lang)),
            RowStatus::Waits { on } => Some(lang.pick(
                format!("ждёт слой {on}: его выход неизвестен"),
                format!("waits for layer {on}: its output is unknown"),
            )),
        }
    }

    pub fn cost(&self) -> Option<&Cost> {
        match &self.status {
            RowStatus::Fits(cost) => Some(cost),
            _ => None,
        }
    }
}

fn check_input(input: Shape) -> Result<(), SpecErrorKind> {
    use crate::geometry::MAX_SIZE;
    use crate::network::Quantity;
    for (what, value) in [
        (Quantity::Input, input.height),
        (Quantity::Input, input.width),
        (Quantity::Channels, input.channels),
    ] {
        if value == 0 {
            return Err(SpecErrorKind::Zero { what });
        }
        if value > MAX_SIZE {
            return Err(SpecErrorKind::TooLarge {
                what,
                value,
                max: MAX_SIZE,
            });
        }
    }
    Ok(())
}

fn cost(
    layer: &LayerSpec,
    input: Shape,
    output: Shape,
    params: usize,
    geometry: Option<Geometry2d>,
) -> Cost {
    let factors = match *layer {
        LayerSpec::Conv {
            kernel_height,
            kernel_width,
            filters,
            ..
        } => Some(Factors::Conv {
            filters,
            channels: input.channels,
            kernel_height,
            kernel_width,
            out_height: output.height,
            out_width: output.width,
        }),
        LayerSpec::Dense { units, .. } => Some(Factors::Dense {
            units,
            inputs: input.len(),
        }),
        _ => None,
    };
    let macs = match factors {
        Some(Factors::Conv {
            filters,
            channels,
            kernel_height,
            kernel_width,
            out_height,
            out_width,
        }) => [
            out_height,
            out_width,
            filters,
            channels,
            kernel_height,
            kernel_width,
        ]
        .iter()
        .fold(1u64, |acc, &v| acc.saturating_mul(v as u64)),
        Some(Factors::Dense { units, inputs }) => (units as u64).saturating_mul(inputs as u64),
        None => 0,
    };
    Cost {
        input,
        output,
        geometry,
        params: params as u64,
        macs,
        params_factors: factors,
    }
}

/// `62378344` as `62,378,344` (English) or `62 378 344` (Russian, narrow no-break spaces).
pub fn group_digits(n: u64, lang: Lang) -> String {
    let sep = lang.pick('\u{202f}', ',');
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}
