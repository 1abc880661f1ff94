//! The output-size panel: the formula with the user's numbers, the effective kernel of a dilated
//! kernel, the floor of an inexact division and the rows/columns never covered — or the core's
//! message when the configuration is impossible. Used by the Convolution lab and Pooling.

use cnn::{AxisGeometry, ConvError, Geometry2d, Lang, Localized, output_size_formula};
use yew::prelude::*;

use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct OutputSizeProps {
    pub lang: Lang,
    pub geometry: Result<Geometry2d, ConvError>,
    /// Output maps (filters); shown as the third number of the output volume when > 1.
    #[prop_or(1)]
    pub maps: usize,
}

/// The text lines of one axis: effective kernel, formula, floor note, uncovered note.
pub fn axis_lines(lang: Lang, g: &AxisGeometry, height: bool) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    let w = g.window;
    if let Some(effective) = g.effective_kernel_formula() {
        lines.push(("effective", effective));
    }
    lines.push(("formula", g.formula()));
    if !g.is_exact() {
        lines.push((
            "floor",
            format!(
                "{} / {} {} {}, {} {}",
                g.span,
                w.stride,
                tr(lang, "conv.size.not_whole"),
                g.span / w.stride,
                tr(lang, "conv.size.remainder"),
                g.remainder
            ),
        ));
    }
    if !g.uncovered.is_empty() {
        let which = if height {
            tr(lang, "conv.size.uncovered_rows")
        } else {
            tr(lang, "conv.size.uncovered_cols")
        };
        let list = g
            .uncovered
            .iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(("uncovered", format!("{which}: {list}")));
    }
    lines
}

#[function_component]
pub fn OutputSizePanel(props: &OutputSizeProps) -> Html {
    let lang = props.lang;
    // The one symbolic form of the app, with ⌊…⌋ and F′ only where these numbers need them.
    let general = match &props.geometry {
        Ok(g) => g.general_formula(),
        Err(_) => output_size_formula(false, false),
    };
    let body = match &props.geometry {
        Ok(g) => {
            let same = g.height == g.width;
            let axes: Vec<(&str, &AxisGeometry, bool)> = if same {
                vec![("conv.size.both", &g.height, true)]
            } else {
                vec![
                    ("conv.size.height", &g.height, true),
                    ("conv.size.width", &g.width, false),
                ]
            };
            let (oh, ow) = g.output();
            let volume = if props.maps > 1 {
                format!("{oh} × {ow} × {}", props.maps)
            } else {
                format!("{oh} × {ow}")
            };
            html! {
                <>
                    { for axes.into_iter().map(|(key, axis, height)| {
                        let testid = if same { "both" } else if height { "height" } else { "width" };
                        html! {
                            <div class="size-axis" data-testid={format!("size-{testid}")}>
                                <h3>{ tr(lang, key) }</h3>
                                { for axis_lines(lang, axis, height).into_iter().map(|(kind, text)| html! {
                                    <p class={classes!("size-line", format!("size-{kind}"))}
                                        data-testid={format!("size-{testid}-{kind}")}>{ text }</p>
                                }) }
                            </div>
                        }
                    }) }
                    <p class="size-result" data-testid="size-result">
                        { tr(lang, "conv.size.output") }{ ": " }<strong>{ volume }</strong>
                    </p>
                </>
            }
        }
        Err(e) => html! {
            <p class="error" role="alert" data-testid="size-error">{ e.message(lang) }</p>
        },
    };
    html! {
        <section class="card size-panel" aria-labelledby="size-title">
            <h2 id="size-title">{ tr(lang, "conv.size.title") }</h2>
            <p class="size-general mono">{ general }</p>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cnn::Window;

    #[test]
    fn lines_for_an_inexact_dilated_axis() {
        // I=8, F=2, D=3, S=4: F' = 4, (8 − 4)/4 = 1 exactly; 1, 2, 5, 6 never read (0-based).
        let g = AxisGeometry::new(8, Window::new(2, 4).with_dilation(3)).unwrap();
        let lines = axis_lines(Lang::En, &g, true);
        assert_eq!(lines[0].1, "F′ = D·(F − 1) + 1 = 3·(2 − 1) + 1 = 4");
        assert_eq!(lines[1].1, "⌊(8 − 4 + 2·0) / 4⌋ + 1 = 2");
        assert_eq!(
            lines[2],
            ("uncovered", "Rows never covered: 2, 3, 6, 7".to_string())
        );
        let g = AxisGeometry::new(7, Window::new(3, 3)).unwrap();
        let lines = axis_lines(Lang::En, &g, false);
        assert_eq!(
            lines[1].1,
            "4 / 3 is not a whole number: rounded down to 1, remainder 1"
        );
        assert_eq!(lines[2].1, "Columns never covered: 7");
    }
}
