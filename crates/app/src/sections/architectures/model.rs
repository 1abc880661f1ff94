//! Everything the Architectures section shows, derived from its state: the core's layer table
//! ([`cnn::layer_table`]) as rows of text, the totals, the chart of parameters and multiply-adds
//! per layer, and whether the network can be trained in the Training section.

use cnn::layer_table::{LayerTable, Totals, group_digits};
use cnn::presets::ALEXNET_224;
use cnn::{Lang, LayerSpec, Localized, NetworkSpec};

use super::state::{ArchState, Field, Preset};
use crate::components::plot_data::{LineStyle, PlotSeries, PlotSpec, palette};
use crate::i18n::tr;
use crate::sections::conv::arithmetic::axis_lines;
use crate::training::protocol::Text;

/// One row of the table, as text.
#[derive(Clone, Debug, PartialEq)]
pub struct RowView {
    pub index: usize,
    /// The lecture's name of the layer: C1, S2, … for LeNet-5, conv1, pool1, fc6, … otherwise.
    pub name: String,
    pub description: String,
    /// The numbers that can be changed in place, with their values.
    pub fields: Vec<(Field, usize)>,
    pub input: Option<String>,
    /// `H×W×C` as shown, and `HxWxC` for `data-out`.
    pub output: Option<(String, String)>,
    /// The output-size arithmetic, one line each (`kind`, text), as in the convolution lab.
    pub arithmetic: Vec<(&'static str, String)>,
    pub params: Option<String>,
    pub params_formula: Option<String>,
    pub macs: Option<String>,
    pub macs_formula: Option<String>,
    pub memory: Option<String>,
    /// Why the row has no numbers (the layer does not fit, or waits for one that does not).
    pub explanation: Option<String>,
    pub refused: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArchModel {
    /// The spec as read, or why it cannot be read.
    pub spec: Result<NetworkSpec, String>,
    pub rows: Vec<RowView>,
    pub totals: Totals,
    /// How to open this network in the Training section, or why Training cannot train it.
    pub train: Result<TrainLink, Text>,
}

/// The Training section's query for a network.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainLink {
    pub query: String,
    /// LeNet-5's 32×32 input does not fit the 28×28 digits: the link opens
    /// [`cnn::presets::LENET5_MNIST`] (C1 padded by 2) instead.
    pub adapted: bool,
}

impl ArchModel {
    pub fn new(state: &ArchState, lang: Lang) -> ArchModel {
        let spec = NetworkSpec::parse_layers(&state.text).map_err(|e| e.message(lang));
        let (rows, totals) = match &spec {
            Ok(spec) => {
                let table = LayerTable::new(spec);
                let names = layer_names(state.preset, spec);
                let rows = table
                    .rows
                    .iter()
                    .zip(names)
                    .map(|(row, name)| row_view(spec, row, name, lang))
                    .collect();
                (rows, table.totals())
            }
            Err(_) => (Vec::new(), Totals::default()),
        };
        ArchModel {
            spec,
            rows,
            totals,
            train: train_link(state),
        }
    }

    /// Total parameters, multiply-adds and memory of one example, as shown.
    pub fn totals_text(&self, lang: Lang) -> (String, String, String) {
        let t = &self.totals;
        (
            group_digits(t.params, lang),
            group_digits(t.macs, lang),
            format_bytes(t.activations.saturating_mul(4), lang),
        )
    }

    /// «In this network X % of the parameters sit in dense layers, Y % of the multiply-adds in
    /// conv layers», computed from the totals; `None` when a layer does not fit or there is
    /// nothing to compare.
    pub fn shares(&self, lang: Lang) -> Option<String> {
        let t = &self.totals;
        if !t.complete || t.params == 0 || t.macs == 0 {
            return None;
        }
        let pct = |v: f64| format_percent(v, lang);
        Some(
            tr(lang, "architectures.chart.shares")
                .replace("{dense}", &pct(t.dense_params_percent()))
                .replace("{conv}", &pct(t.conv_macs_percent())),
        )
    }

    /// Parameters and multiply-adds per layer with weights, on a log scale (x = row number).
    pub fn chart(&self, lang: Lang) -> Option<PlotSpec> {
        let t = &self.totals;
        if !t.complete {
            return None;
        }
        let costs: Vec<(f64, f64, f64)> = self
            .rows
            .iter()
            .filter(|r| r.params_formula.is_some())
            .filter_map(|r| {
                let p = parse_grouped(r.params.as_deref()?)?;
                let m = parse_grouped(r.macs.as_deref()?)?;
                Some((r.index as f64, p, m))
            })
            .collect();
        if costs.is_empty() {
            return None;
        }
        let values = costs
            .iter()
            .flat_map(|&(_, p, m)| [p, m])
            .filter(|v| *v > 0.0);
        let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let y_range = (
            10f64.powf(lo.log10().floor()),
            10f64.powf((hi.log10() + 1e-9).ceil().max(lo.log10().floor() + 1.0)),
        );
        let series = |color, style, pick: fn(&(f64, f64, f64)) -> f64| {
            let mut s = PlotSeries::line(
                color,
                style,
                vec![costs.iter().map(|c| (c.0, pick(c))).collect()],
            );
            s.markers = true;
            s
        };
        let last = self.rows.len().saturating_sub(1).max(1) as f64;
        Some(PlotSpec {
            x_range: (0.0, last),
            y_range,
            log_y: true,
            x_desc: tr(lang, "architectures.chart.x").to_string(),
            y_desc: tr(lang, "architectures.chart.y").to_string(),
            integer_x: true,
            series: vec![
                series(palette::BLUE, LineStyle::Solid, |c| c.1),
                series(palette::VERMILLION, LineStyle::Dashed, |c| c.2),
            ],
            segments: Vec::new(),
        })
    }
}

/// AlexNet with the paper's 224: conv1's arithmetic lines (a remainder and a row never read);
/// with `227` the exact one.
pub fn alexnet_conv1_lines(lang: Lang, paper: bool) -> Vec<String> {
    let text = if paper {
        ALEXNET_224
    } else {
        cnn::presets::ALEXNET
    };
    let Ok(table) = LayerTable::parse(text) else {
        return Vec::new();
    };
    let Some(geometry) = table.rows.get(1).and_then(|r| r.cost()?.geometry.clone()) else {
        return Vec::new();
    };
    axis_lines(lang, &geometry.height, true)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

fn row_view(spec: &NetworkSpec, row: &cnn::layer_table::Row, name: String, lang: Lang) -> RowView {
    let fields = Field::of(row.layer.as_ref())
        .iter()
        .filter_map(|&f| Some((f, f.get(spec, row.index)?)))
        .collect();
    let mut view = RowView {
        index: row.index,
        name,
        description: row.description.clone(),
        fields,
        input: None,
        output: None,
        arithmetic: Vec::new(),
        params: None,
        params_formula: None,
        macs: None,
        macs_formula: None,
        memory: None,
        explanation: row.explanation(lang),
        refused: matches!(row.status, cnn::layer_table::RowStatus::Refused(_)),
    };
    if let Some(cost) = row.cost() {
        let (i, o) = (cost.input, cost.output);
        view.input = (row.index > 0).then(|| i.to_string());
        view.output = Some((
            o.to_string(),
            format!("{}x{}x{}", o.height, o.width, o.channels),
        ));
        if let Some(g) = &cost.geometry {
            if g.height == g.width {
                view.arithmetic = axis_lines(lang, &g.height, true);
            } else {
                let (h, w) = (tr(lang, "conv.size.height"), tr(lang, "conv.size.width"));
                for (label, axis, height) in [(h, &g.height, true), (w, &g.width, false)] {
                    for (kind, text) in axis_lines(lang, axis, height) {
                        view.arithmetic.push((kind, format!("{label}: {text}")));
                    }
                }
            }
        }
        if let LayerSpec::Dense { .. } | LayerSpec::Flatten =
            row.layer.as_ref().unwrap_or(&LayerSpec::Flatten)
            && row.index > 0
            && i.height * i.width > 1
        {
            view.arithmetic.push((
                "flatten",
                format!("{}·{}·{} = {}", i.height, i.width, i.channels, i.len()),
            ));
        }
        view.params = Some(group_digits(cost.params, lang));
        view.params_formula = cost.params_formula(lang);
        view.macs = Some(group_digits(cost.macs, lang));
        view.macs_formula = cost.macs_formula(lang);
        view.memory = Some(format!(
            "{} · 4 {} = {}",
            group_digits(cost.activations(), lang),
            lang.pick("Б", "B"),
            format_bytes(cost.activation_bytes(), lang)
        ));
    }
    view
}

/// The lecture's names: LeNet-5's C1, S2, C3, S4, C5, F6 (then the output), AlexNet's conv1…,
/// pool1…, fc6… (conv and dense layers counted together); other layers (activations, dropout,
/// flatten) by their kind.
pub fn layer_names(preset: Preset, spec: &NetworkSpec) -> Vec<String> {
    let mut names = vec!["input".to_string()];
    let (mut position, mut weighted, mut pools) = (0, 0, 0);
    let n = spec.layers.len();
    for (i, layer) in spec.layers.iter().enumerate() {
        let name = match layer {
            LayerSpec::Conv { .. } | LayerSpec::Dense { .. } => {
                position += 1;
                weighted += 1;
                let conv = matches!(layer, LayerSpec::Conv { .. });
                match preset {
                    Preset::LeNet5 if i + 1 == n && !conv => "output".to_string(),
                    Preset::LeNet5 => format!("{}{position}", if conv { 'C' } else { 'F' }),
                    _ if conv => format!("conv{weighted}"),
                    _ => format!("fc{weighted}"),
                }
            }
            LayerSpec::MaxPool { .. } | LayerSpec::AvgPool { .. } => {
                position += 1;
                pools += 1;
                match preset {
                    Preset::LeNet5 => format!("S{position}"),
                    _ => format!("pool{pools}"),
                }
            }
            LayerSpec::Dropout { .. } => "dropout".to_string(),
            LayerSpec::Flatten => "flatten".to_string(),
            LayerSpec::Activation { activation } => activation.spec_name().to_string(),
        };
        names.push(name);
    }
    names
}

/// Opens the network as it is when it fits Training; LeNet-5 as the preset gives its 28×28 twin.
pub fn train_link(state: &ArchState) -> Result<TrainLink, Text> {
    train_query(&state.text)
        .map(|query| TrainLink {
            query,
            adapted: false,
        })
        .or_else(|e| {
            if state.preset == Preset::LeNet5 && !state.is_edited() {
                train_query(cnn::presets::LENET5_MNIST).map(|query| TrainLink {
                    query,
                    adapted: true,
                })
            } else {
                Err(e)
            }
        })
}

/// The Training section's query for this spec text, or why Training cannot train it.
pub fn train_query(text: &str) -> Result<String, Text> {
    use crate::training::client::{default_setup, lenet5_setup};
    use crate::training::config::{layer_rows, parse_spec};
    let spec = parse_spec(text)?;
    layer_rows(&spec)?;
    // LeNet-5 goes with the settings it was measured with; any other network with the defaults.
    let lenet = lenet5_setup();
    let mut setup = if spec.to_string() == lenet.spec {
        lenet
    } else {
        default_setup()
    };
    setup.spec = spec.to_string();
    Ok(crate::training::query::setup_to_query(&setup))
}

/// `1 161 600` bytes as `1,1 МиБ` / `1.1 MiB`.
pub fn format_bytes(bytes: u64, lang: Lang) -> String {
    let (value, unit) = if bytes < 1024 {
        return format!("{bytes} {}", lang.pick("Б", "B"));
    } else if bytes < 1024 * 1024 {
        (bytes as f64 / 1024.0, lang.pick("КиБ", "KiB"))
    } else {
        (bytes as f64 / (1024.0 * 1024.0), lang.pick("МиБ", "MiB"))
    };
    let text = format!("{value:.1}");
    format!("{} {unit}", lang.pick(text.replace('.', ","), text))
}

/// `93.99` as `94,0 %` / `94.0 %`.
pub fn format_percent(value: f64, lang: Lang) -> String {
    let text = format!("{value:.1}");
    format!("{} %", lang.pick(text.replace('.', ","), text))
}

fn parse_grouped(text: &str) -> Option<f64> {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::architectures::state::ArchAction;

    #[test]
    fn alexnet_rows_and_totals_as_shown() {
        let state = ArchState::of(Preset::AlexNet);
        let m = ArchModel::new(&state, Lang::En);
        let conv1 = &m.rows[1];
        assert_eq!(conv1.name, "conv1");
        assert_eq!(conv1.output.as_ref().unwrap().1, "55x55x96");
        assert_eq!(conv1.arithmetic[0].1, "⌊(227 − 11 + 2·0) / 4⌋ + 1 = 55");
        assert_eq!(
            conv1.params_formula.as_deref(),
            Some("96·(3·11·11 + 1) = 34,944")
        );
        assert_eq!(conv1.memory.as_deref(), Some("290,400 · 4 B = 1.1 MiB"));
        let names: Vec<&str> = m.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "input", "conv1", "pool1", "conv2", "pool2", "conv3", "conv4", "conv5", "pool3",
                "fc6", "dropout", "fc7", "dropout", "fc8"
            ]
        );
        assert_eq!(m.rows[9].arithmetic[0].1, "6·6·256 = 9216");
        assert_eq!(m.totals.params, 62_378_344);
        assert_eq!(
            m.shares(Lang::En).unwrap(),
            "In this network 94.0 % of the parameters sit in the dense layers, \
             while 94.8 % of the multiply-adds are done by the conv layers."
        );
        assert!(m.train.is_err(), "227×227×3 is not MNIST");
        let chart = m.chart(Lang::En).unwrap();
        assert!(chart.log_y);
        assert_eq!(chart.series[0].pieces[0].len(), 8);
        assert_eq!(chart.y_range, (1e4, 1e9));

        // conv1 with stride 3: ⌊216 / 3⌋ + 1 = 73, and other totals.
        let mut edited = state.clone();
        edited.reduce(ArchAction::Edit {
            row: 1,
            field: Field::Stride,
            value: 3,
        });
        let e = ArchModel::new(&edited, Lang::En);
        assert_eq!(e.rows[1].output.as_ref().unwrap().1, "73x73x96");
        assert_ne!(e.totals.params, m.totals.params);
        // Stride 2: (227 − 11)/2 + 1 = 109 — a table counts what Training would not build.
        edited.reduce(ArchAction::Edit {
            row: 1,
            field: Field::Stride,
            value: 2,
        });
        let e = ArchModel::new(&edited, Lang::En);
        assert_eq!(e.rows[1].output.as_ref().unwrap().1, "109x109x96");
        assert_eq!(
            e.rows[1].arithmetic[0].1,
            "⌊(227 − 11 + 2·0) / 2⌋ + 1 = 109"
        );
        assert!(e.totals.complete);
    }

    #[test]
    fn lenet5_names_and_its_way_to_training() {
        let m = ArchModel::new(&ArchState::of(Preset::LeNet5), Lang::Ru);
        let names: Vec<&str> = m.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["input", "C1", "S2", "C3", "S4", "C5", "F6", "output"]
        );
        assert_eq!(m.totals_text(Lang::Ru).0, "61\u{202f}706");
        // 32×32 is larger than the 28×28 digits: the link opens the 28×28 twin.
        assert!(
            train_query(cnn::presets::LENET5)
                .unwrap_err()
                .en
                .contains("N ≤ 28")
        );
        let link = m.train.unwrap();
        assert!(link.adapted);
        let mnist = ArchState {
            text: cnn::presets::LENET5_MNIST.to_string(),
            ..ArchState::of(Preset::LeNet5)
        };
        let direct = ArchModel::new(&mnist, Lang::En).train.unwrap();
        assert!(!direct.adapted);
        assert_eq!(direct.query, link.query);
        let q = link.query;
        assert!(
            q.starts_with(
                "lr=0.2&batch=10&decay_every=5000&spec=input%2028x28x1;%20conv%205x5x6%20pad%202"
            ),
            "{q}"
        );
        let back = crate::training::query::setup_from_query(&q);
        assert!(back.ignored.is_empty());
        assert_eq!(back.setup, crate::training::client::lenet5_setup());
    }

    #[test]
    fn unreadable_and_unfitting_specs_are_explained() {
        let s = ArchState {
            text: "input 7x7x1; conv 11x11x4; dense 10 softmax".into(),
            ..ArchState::default()
        };
        let m = ArchModel::new(&s, Lang::En);
        assert!(m.rows[1].refused);
        assert_eq!(
            m.rows[1].explanation.as_deref(),
            Some("height: kernel 11 is larger than the padded input 7 (7 + 2·0)")
        );
        assert_eq!(
            m.rows[2].explanation.as_deref(),
            Some("waits for layer 1: its output is unknown")
        );
        assert!(m.chart(Lang::En).is_none() && m.shares(Lang::En).is_none());
        let s = ArchState {
            text: "input 7x7x1; conv".into(),
            ..ArchState::default()
        };
        let m = ArchModel::new(&s, Lang::Ru);
        assert!(m.spec.unwrap_err().contains("слой 1"));
        assert!(m.rows.is_empty());
    }

    #[test]
    fn the_224_note_shows_the_remainder() {
        assert_eq!(
            alexnet_conv1_lines(Lang::En, true),
            [
                "⌊(224 − 11 + 2·0) / 4⌋ + 1 = 54",
                "213 / 4 is not a whole number: rounded down to 53, remainder 1",
                "Rows never covered: 224"
            ]
        );
        assert_eq!(
            alexnet_conv1_lines(Lang::En, false),
            ["⌊(227 − 11 + 2·0) / 4⌋ + 1 = 55"]
        );
        assert_eq!(format_bytes(1_161_600, Lang::Ru), "1,1 МиБ");
        assert_eq!(format_percent(93.994, Lang::En), "94.0 %");
    }
}
