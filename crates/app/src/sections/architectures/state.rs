//! The Architectures section's state: which architecture is shown and its spec text as edited,
//! the reducer ([`ArchAction`]) and the URL form.
//!
//! Query keys: `net=lenet5|alexnet|training` (the preset; LeNet-5 by default) and `spec=…` (the
//! spec text, only when it differs from the preset's). A garbled `net` keeps the default and is
//! named in the section's note; any `spec` text is kept as typed (the table explains what it
//! cannot read).

use std::rc::Rc;

use cnn::presets::{ALEXNET, LENET5};
use cnn::{LayerSpec, NetworkSpec};
use yew::Reducible;

use crate::hooks::use_url_reducer::UrlState;
use crate::query::{QueryReader, join_pairs};

/// The architectures the section offers, in the lecture's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Preset {
    #[default]
    LeNet5,
    AlexNet,
    /// The network the Training section trains by default.
    Training,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::LeNet5, Preset::AlexNet, Preset::Training];

    pub fn code(self) -> &'static str {
        match self {
            Preset::LeNet5 => "lenet5",
            Preset::AlexNet => "alexnet",
            Preset::Training => "training",
        }
    }

    pub fn from_code(code: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The preset's spec in the canonical text form.
    pub fn spec_text(self) -> String {
        let text = match self {
            Preset::LeNet5 => LENET5.to_string(),
            Preset::AlexNet => ALEXNET.to_string(),
            Preset::Training => crate::training::client::default_setup().spec,
        };
        NetworkSpec::parse_layers(&text).map_or(text, |spec| spec.to_string())
    }
}

/// A number of one layer that can be changed in place in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Input height and width together.
    InputSide,
    Channels,
    /// Conv kernel height and width together, or the pooling window.
    Kernel,
    Stride,
    Padding,
    Dilation,
    Filters,
    Units,
}

impl Field {
    /// The smallest value the control offers (padding may be 0).
    pub fn min(self) -> usize {
        if self == Field::Padding { 0 } else { 1 }
    }

    /// The largest value the control offers (the core's limits refuse more).
    pub fn max(self) -> usize {
        match self {
            Field::Units => 65_536,
            _ => cnn::geometry::MAX_SIZE,
        }
    }

    /// The fields of a layer (`None` = the input row) that the table lets you change.
    pub fn of(layer: Option<&LayerSpec>) -> &'static [Field] {
        match layer {
            None => &[Field::InputSide, Field::Channels],
            Some(LayerSpec::Conv { .. }) => &[
                Field::Kernel,
                Field::Filters,
                Field::Stride,
                Field::Padding,
                Field::Dilation,
            ],
            Some(LayerSpec::MaxPool { .. } | LayerSpec::AvgPool { .. }) => {
                &[Field::Kernel, Field::Stride, Field::Padding]
            }
            Some(LayerSpec::Dense { .. }) => &[Field::Units],
            Some(_) => &[],
        }
    }

    /// The value of this field in a layer (`None` = the input row).
    pub fn get(self, spec: &NetworkSpec, row: usize) -> Option<usize> {
        if row == 0 {
            return match self {
                Field::InputSide => Some(spec.input.height),
                Field::Channels => Some(spec.input.channels),
                _ => None,
            };
        }
        match (spec.layers.get(row - 1)?, self) {
            (LayerSpec::Conv { kernel_height, .. }, Field::Kernel) => Some(*kernel_height),
            (LayerSpec::Conv { filters, .. }, Field::Filters) => Some(*filters),
            (LayerSpec::Conv { stride, .. }, Field::Stride) => Some(*stride),
            (LayerSpec::Conv { padding, .. }, Field::Padding) => Some(*padding),
            (LayerSpec::Conv { dilation, .. }, Field::Dilation) => Some(*dilation),
            (LayerSpec::MaxPool { size, .. } | LayerSpec::AvgPool { size, .. }, Field::Kernel) => {
                Some(*size)
            }
            (
                LayerSpec::MaxPool { stride, .. } | LayerSpec::AvgPool { stride, .. },
                Field::Stride,
            ) => Some(*stride),
            (
                LayerSpec::MaxPool { padding, .. } | LayerSpec::AvgPool { padding, .. },
                Field::Padding,
            ) => Some(*padding),
            (LayerSpec::Dense { units, .. }, Field::Units) => Some(*units),
            _ => None,
        }
    }

    /// Sets this field of row `row` to `value` (clamped to the control's range); false when the
    /// row has no such field.
    fn set(self, spec: &mut NetworkSpec, row: usize, value: usize) -> bool {
        let v = value.clamp(self.min(), self.max());
        if row == 0 {
            match self {
                Field::InputSide => {
                    spec.input.height = v;
                    spec.input.width = v;
                }
                Field::Channels => spec.input.channels = v,
                _ => return false,
            }
            return true;
        }
        let Some(layer) = spec.layers.get_mut(row - 1) else {
            return false;
        };
        match (layer, self) {
            (
                LayerSpec::Conv {
                    kernel_height,
                    kernel_width,
                    ..
                },
                Field::Kernel,
            ) => {
                *kernel_height = v;
                *kernel_width = v;
            }
            (LayerSpec::Conv { filters, .. }, Field::Filters) => *filters = v,
            (LayerSpec::Conv { stride, .. }, Field::Stride) => *stride = v,
            (LayerSpec::Conv { padding, .. }, Field::Padding) => *padding = v,
            (LayerSpec::Conv { dilation, .. }, Field::Dilation) => *dilation = v,
            (
                LayerSpec::MaxPool { size, stride, .. } | LayerSpec::AvgPool { size, stride, .. },
                Field::Kernel,
            ) => {
                // A window written without a stride keeps stepping by its own size.
                if *stride == *size {
                    *stride = v;
                }
                *size = v;
            }
            (
                LayerSpec::MaxPool { stride, .. } | LayerSpec::AvgPool { stride, .. },
                Field::Stride,
            ) => *stride = v,
            (
                LayerSpec::MaxPool { padding, .. } | LayerSpec::AvgPool { padding, .. },
                Field::Padding,
            ) => *padding = v,
            (LayerSpec::Dense { units, .. }, Field::Units) => *units = v,
            _ => return false,
        }
        true
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArchState {
    pub preset: Preset,
    /// The spec text as typed (it may not parse; the table then shows why).
    pub text: String,
    /// URL keys that could not be used when this state was read from a link (not serialised).
    pub ignored: Vec<String>,
}

impl Default for ArchState {
    fn default() -> Self {
        ArchState::of(Preset::default())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ArchAction {
    /// Shows a preset with its own spec (dropping the edits).
    Preset(Preset),
    /// The spec text as typed.
    SetText(String),
    /// A number changed in the table: row 0 is the input, row i the i-th layer.
    Edit {
        row: usize,
        field: Field,
        value: usize,
    },
    /// Puts the preset's own spec back.
    Restore,
    DismissNote,
}

impl ArchState {
    pub fn of(preset: Preset) -> ArchState {
        ArchState {
            preset,
            text: preset.spec_text(),
            ignored: Vec::new(),
        }
    }

    /// The state of a query (its unreadable keys in `ignored`).
    pub fn parse(query: &str) -> ArchState {
        let mut q = QueryReader::new(query, &["net", "spec"]);
        let preset = q
            .read("net", |v| Preset::from_code(v.trim()))
            .unwrap_or_default();
        let mut state = ArchState::of(preset);
        if let Some(text) = q.get("spec") {
            state.text = text.to_string();
        }
        state.ignored = q.finish();
        state
    }

    pub fn to_query(&self) -> String {
        let net = (self.preset != Preset::default()).then(|| ("net", self.preset.code().into()));
        let spec = self.is_edited().then(|| ("spec", self.text.clone()));
        join_pairs([net, spec].into_iter().flatten())
    }

    /// Whether the text differs from the preset's own spec.
    pub fn is_edited(&self) -> bool {
        self.text != self.preset.spec_text()
    }

    pub fn reduce(&mut self, action: ArchAction) {
        match action {
            ArchAction::Preset(preset) => *self = ArchState::of(preset),
            ArchAction::SetText(text) => self.text = text,
            ArchAction::Edit { row, field, value } => {
                // Editing in place needs a readable spec; the table offers no inputs otherwise.
                if let Ok(mut spec) = NetworkSpec::parse_layers(&self.text)
                    && field.set(&mut spec, row, value)
                {
                    self.text = spec.to_string();
                }
            }
            ArchAction::Restore => self.text = self.preset.spec_text(),
            ArchAction::DismissNote => self.ignored.clear(),
        }
    }
}

impl Reducible for ArchState {
    type Action = ArchAction;

    fn reduce(self: Rc<Self>, action: ArchAction) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.reduce(action);
        Rc::new(state)
    }
}

impl UrlState for ArchState {
    fn from_query(query: &str) -> Self {
        ArchState::parse(query)
    }

    fn to_query(&self) -> String {
        ArchState::to_query(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_edits_round_trip_through_the_url() {
        assert_eq!(ArchState::default().to_query(), "");
        assert_eq!(ArchState::parse(""), ArchState::default());
        let alex = ArchState::parse("net=alexnet");
        assert_eq!(alex.preset, Preset::AlexNet);
        assert!(
            alex.text
                .starts_with("input 227x227x3; conv 11x11x96 stride 4 relu")
        );
        assert_eq!(alex.to_query(), "net=alexnet");

        let mut s = alex.clone();
        s.reduce(ArchAction::Edit {
            row: 1,
            field: Field::Stride,
            value: 2,
        });
        assert!(
            s.text
                .starts_with("input 227x227x3; conv 11x11x96 stride 2 relu;")
        );
        let query = s.to_query();
        assert!(
            query.starts_with("net=alexnet&spec=input%20227x227x3;"),
            "{query}"
        );
        assert_eq!(ArchState::parse(&query), s);
        s.reduce(ArchAction::Restore);
        assert_eq!(s, alex);
    }

    #[test]
    fn edits_change_one_number_and_keep_the_rest() {
        let mut s = ArchState::of(Preset::LeNet5);
        s.reduce(ArchAction::Edit {
            row: 0,
            field: Field::InputSide,
            value: 28,
        });
        s.reduce(ArchAction::Edit {
            row: 1,
            field: Field::Padding,
            value: 2,
        });
        // Pool 2 written without a stride keeps stepping by its window.
        s.reduce(ArchAction::Edit {
            row: 2,
            field: Field::Kernel,
            value: 3,
        });
        s.reduce(ArchAction::Edit {
            row: 6,
            field: Field::Units,
            value: 0,
        });
        assert_eq!(
            s.text,
            "input 28x28x1; conv 5x5x6 pad 2 tanh; avgpool 3; conv 5x5x16 tanh; avgpool 2; \
             conv 5x5x120 tanh; dense 1 tanh; dense 10 softmax"
        );
        // A field the layer does not have, a row that does not exist: nothing changes.
        let before = s.clone();
        for (row, field) in [(2, Field::Filters), (40, Field::Units), (0, Field::Stride)] {
            s.reduce(ArchAction::Edit {
                row,
                field,
                value: 7,
            });
        }
        assert_eq!(s, before);
        // Unreadable text: in-place edits wait until the text reads again.
        s.reduce(ArchAction::SetText("input 28x28x1; conv banana".into()));
        s.reduce(ArchAction::Edit {
            row: 0,
            field: Field::InputSide,
            value: 9,
        });
        assert_eq!(s.text, "input 28x28x1; conv banana");
    }

    #[test]
    fn a_garbled_link_keeps_what_it_can() {
        let s = ArchState::parse("net=vgg&spec=input%208x8x1;%20conv%20zz&foo=1");
        assert_eq!(s.preset, Preset::LeNet5);
        assert_eq!(s.text, "input 8x8x1; conv zz");
        assert_eq!(s.ignored, vec!["foo", "net"]);
        let mut s = s;
        s.reduce(ArchAction::DismissNote);
        assert!(s.ignored.is_empty());
        s.reduce(ArchAction::Preset(Preset::Training));
        assert_eq!(s.to_query(), "net=training");
    }
}
