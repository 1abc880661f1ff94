//! The lab's three optional views: "Why convolution?" (cross-correlation vs true convolution),
//! "As a matrix multiply" (im2col) and "On a real image" (the current kernel on an MNIST digit).
//!
//! The digits are ten real MNIST images (the first of each class in `web/mnist/mnist-10k.bin`,
//! MNIST by LeCun, Cortes and Burges, CC BY-SA 3.0), 28×28 bytes each, built into the app so the
//! view works without loading the 7.8 MB asset.

use std::rc::Rc;

use cnn::im2col::{dot, im2col, kernel_matrix};
use cnn::{
    ConvConfig, ConvError, ConvMode, Lang, Localized, Shape, Tensor, conv2d_reference,
    format_number, format_operand,
};
use yew::prelude::*;

use super::model::{LabModel, config, input_tensor};
use super::settings::DIGITS;
use super::state::ConvState;
use super::url::mode_key;
use super::{CHANNEL_RGB, GREY_RGB, channel_name, tint};
use crate::components::grid_editor::{GridCell, GridEditor};
use crate::i18n::tr;

/// Ten MNIST digits, 0 to 9, 28×28 bytes each (0 = background, 255 = ink).
pub const DIGITS_BIN: &[u8; 7840] = include_bytes!("digits.bin");
pub const DIGIT_SIDE: usize = 28;

/// Built-in digit `n` as a 1×28×28 tensor with values in 0…1.
pub fn digit_tensor(n: usize) -> Tensor {
    let n = n.min(*DIGITS.end());
    let bytes = &DIGITS_BIN[n * DIGIT_SIDE * DIGIT_SIDE..(n + 1) * DIGIT_SIDE * DIGIT_SIDE];
    Tensor::new(
        Shape::new(1, DIGIT_SIDE, DIGIT_SIDE),
        bytes.iter().map(|&b| b as f32 / 255.0).collect(),
    )
    .expect("28×28 digit")
}

/// The filter under the cursor applied to a digit with the lab's padding, stride, dilation,
/// mode and bias. An RGB filter sees the grey digit in all three channels.
pub fn real_image_output(
    state: &ConvState,
    digit: usize,
    filter: usize,
) -> Result<Tensor, ConvError> {
    let grey = digit_tensor(digit);
    let plane = grey.data();
    let input = Tensor::new(
        Shape::new(state.channels, DIGIT_SIDE, DIGIT_SIDE),
        (0..state.channels)
            .flat_map(|_| plane.iter().copied())
            .collect(),
    )?;
    let filter = filter.min(state.filters - 1);
    let per_filter = state.channels * state.kernel_size.h * state.kernel_size.w;
    let config = ConvConfig {
        out_channels: 1,
        ..config(state)
    };
    conv2d_reference(
        &input,
        &config,
        &state.weights[filter * per_filter..(filter + 1) * per_filter],
        &state.bias[filter..filter + 1],
        state.mode,
    )
}

/// The one kh×kw plane that acts on the grey digit: the digit is fed to every channel, so an
/// RGB filter's output is the digit convolved with the sum of its channel planes.
pub fn grey_equivalent_kernel(state: &ConvState, filter: usize) -> Vec<f32> {
    let filter = filter.min(state.filters - 1);
    let n = state.kernel_size.h * state.kernel_size.w;
    (0..n)
        .map(|i| {
            (0..state.channels)
                .map(|c| state.kernel_plane(filter, c)[i])
                .sum()
        })
        .collect()
}

/// A picture of a single-channel tensor: grey for images (`diverging = false`: 0 white, 1
/// black), blue/red around white for feature maps (scaled by the largest |value|).
fn picture(tensor: &Tensor, diverging: bool, label: String, testid: &'static str) -> Html {
    let shape = tensor.shape();
    let scale = tensor
        .data()
        .iter()
        .fold(f32::EPSILON, |m, v| m.max(v.abs()));
    let rects = (0..shape.height)
        .flat_map(|y| (0..shape.width).map(move |x| (y, x)))
        .map(|(y, x)| {
            let v = tensor.get(0, y, x);
            let fill = if diverging {
                let t = (v.abs() / scale).min(1.0);
                let (r, g, b) = if v >= 0.0 {
                    (11.0, 87.0, 164.0)
                } else {
                    (190.0, 30.0, 40.0)
                };
                let mix = |c: f32| (255.0 + (c - 255.0) * t).round() as u8;
                format!("rgb({},{},{})", mix(r), mix(g), mix(b))
            } else {
                let c = (255.0 * (1.0 - v.clamp(0.0, 1.0))).round() as u8;
                format!("rgb({c},{c},{c})")
            };
            html! { <rect x={x.to_string()} y={y.to_string()} width="1" height="1" fill={fill} /> }
        });
    html! {
        <svg class="picture" viewBox={format!("0 0 {} {}", shape.width, shape.height)}
            role="img" aria-label={label} data-testid={testid} shape-rendering="crispEdges"
            preserveAspectRatio="xMidYMid meet">
            { for rects }
        </svg>
    }
}

/// Read-only grid of a kernel plane.
fn kernel_grid(
    lang: Lang,
    plane: &[f32],
    kh: usize,
    kw: usize,
    colour: (u8, u8, u8),
    label: String,
    testid: String,
) -> Html {
    let scale = plane.iter().fold(1.0f32, |m, v| m.max(v.abs()));
    let cells: Vec<GridCell> = plane
        .iter()
        .map(|&w| GridCell {
            value: Some(w),
            style: tint(w, scale, colour),
            ..GridCell::default()
        })
        .collect();
    html! {
        <GridEditor {lang} rows={kh} cols={kw} cells={Rc::new(cells)} {label}
            class={classes!("kernel-grid", "small")} testid={testid} />
    }
}

#[derive(Properties, PartialEq)]
pub struct WhyProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    pub model: Rc<LabModel>,
    pub on_mode: Callback<ConvMode>,
}

#[function_component]
pub fn WhyPanel(props: &WhyProps) -> Html {
    let lang = props.lang;
    let s = &*props.state;
    let f = s.current().map_or(0, |c| c.0);
    let (kh, kw) = (s.kernel_size.h, s.kernel_size.w);
    let area = kh * kw;
    let modes = [ConvMode::CrossCorrelation, ConvMode::Convolution].map(|mode| {
        let on = props.on_mode.clone();
        let checked = s.mode == mode;
        html! {
            <label class={classes!("radio", checked.then_some("active"))}>
                <input type="radio" name="conv-mode" checked={checked}
                    data-testid={format!("mode-{}", mode_key(mode))}
                    onchange={Callback::from(move |_| on.emit(mode))} />
                { mode.display_name(lang) }
            </label>
        }
    });
    let pairs = (0..s.channels).map(|c| {
        let colour = if s.channels == 1 { GREY_RGB } else { CHANNEL_RGB[c] };
        let start = (f * s.channels + c) * area;
        let original = &s.weights[start..start + area];
        let flipped = &props.model.flipped[start..start + area];
        html! {
            <div class="why-pair">
                <figure class="grid-figure">
                    <figcaption>{ tr(lang, "conv.why.original") }</figcaption>
                    { kernel_grid(lang, original, kh, kw, colour, tr(lang, "conv.why.original").to_string(), "why-original".into()) }
                </figure>
                <div class="stage-operator" aria-hidden="true">{ "↻ 180°" }</div>
                <figure class="grid-figure">
                    <figcaption>{ tr(lang, "conv.why.flipped") }</figcaption>
                    { kernel_grid(lang, flipped, kh, kw, colour, tr(lang, "conv.why.flipped").to_string(), "why-flipped".into()) }
                </figure>
            </div>
        }
    });
    html! {
        <section class="card extra-panel why-panel" aria-labelledby="why-title" data-testid="why-panel">
            <h2 id="why-title">{ tr(lang, "conv.why.title") }</h2>
            <p>{ tr(lang, "conv.why.text1") }</p>
            <p class="mono formula">{ "(I ⋆ K)[y, x] = Σ I[y + i, x + j] · K[i, j]" }</p>
            <p class="mono formula">{ "(I ∗ K)[y, x] = Σ I[y − i, x − j] · K[i, j] = Σ I[y + i, x + j] · K[−i, −j]" }</p>
            <p>{ tr(lang, "conv.why.text2") }</p>
            <div class="radio-group" role="radiogroup" aria-label={tr(lang, "conv.why.mode")}>{ for modes }</div>
            <div class="why-kernels">{ for pairs }</div>
            <p>{ tr(lang, "conv.why.text3") }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct Im2colProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    pub model: Rc<LabModel>,
}

/// Rows of the patch matrix shown around the current one.
const ROWS_AROUND: usize = 3;
/// Columns shown before the table is cut (7×7×3 kernels have 147).
const MAX_COLS: usize = 49;

#[function_component]
pub fn Im2colPanel(props: &Im2colProps) -> Html {
    let lang = props.lang;
    let s = &*props.state;
    let cfg = config(s);
    let patches = input_tensor(s).and_then(|input| im2col(&input, &cfg));
    let kernels = kernel_matrix(&cfg, &s.weights, s.mode);
    let (patches, kernels) = match (patches, kernels) {
        (Ok(p), Ok(k)) => (p, k),
        (Err(e), _) | (_, Err(e)) => {
            return html! {
                <section class="card extra-panel im2col-panel" aria-labelledby="im2col-title">
                    <h2 id="im2col-title">{ tr(lang, "conv.im2col.title") }</h2>
                    <p class="error" role="alert">{ e.message(lang) }</p>
                </section>
            };
        }
    };
    let (f, y, x) = s.current().unwrap_or((0, 0, 0));
    let row = patches.row_of(y, x);
    let first = row.saturating_sub(ROWS_AROUND);
    let last = (row + ROWS_AROUND).min(patches.rows - 1);
    let cols = patches.cols.min(MAX_COLS);
    let cut = patches.cols > cols;
    let header = (0..cols).map(|j| {
        let (c, ky, kx) = patches.column(j);
        let label = if s.channels > 1 {
            format!("{}{},{}", ["R", "G", "B"][c.min(2)], ky + 1, kx + 1)
        } else {
            format!("{},{}", ky + 1, kx + 1)
        };
        html! { <th scope="col">{ label }</th> }
    });
    let rows = (first..=last).map(|r| {
        let (py, px) = patches.position(r);
        let current = r == row;
        html! {
            <tr class={classes!(current.then_some("current"))} data-testid={current.then_some("im2col-current")}>
                <th scope="row">{ format!("[{}, {}]", py + 1, px + 1) }</th>
                { for patches.row(r)[..cols].iter().map(|&v| html! { <td>{ format_number(v) }</td> }) }
                if cut { <td>{ "…" }</td> }
            </tr>
        }
    });
    let kernel_row = kernels.row(f);
    let product = dot(patches.row(row), kernel_row);
    let bias = s.bias[f];
    let value = product + bias;
    html! {
        <section class="card extra-panel im2col-panel" aria-labelledby="im2col-title" data-testid="im2col-panel">
            <h2 id="im2col-title">{ tr(lang, "conv.im2col.title") }</h2>
            <p>{ tr(lang, "conv.im2col.text") }</p>
            <p class="im2col-shape">
                { format!("{}: {} × {}   ·   {}: {} × {}", tr(lang, "conv.im2col.patches"), patches.rows, patches.cols,
                    tr(lang, "conv.im2col.kernels"), kernels.rows, kernels.cols) }
            </p>
            // Focusable, so that the keyboard can scroll a matrix wider than the page.
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="im2col-title">
                <table class="matrix">
                    <thead><tr><th scope="col">{ "(y, x)" }</th>{ for header }if cut { <th>{ "…" }</th> }</tr></thead>
                    <tbody>
                        if first > 0 { <tr class="ellipsis"><td colspan={(cols + 2).to_string()}>{ format!("… {first}") }</td></tr> }
                        { for rows }
                        if last + 1 < patches.rows { <tr class="ellipsis"><td colspan={(cols + 2).to_string()}>{ format!("… {}", patches.rows - last - 1) }</td></tr> }
                    </tbody>
                    <tfoot>
                        <tr class="kernel-row">
                            <th scope="row">{ format!("{} {}", tr(lang, "conv.filter"), f + 1) }</th>
                            { for kernel_row[..cols].iter().map(|&v| html! { <td>{ format_number(v) }</td> }) }
                            if cut { <td>{ "…" }</td> }
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="mono im2col-product" data-testid="im2col-product">
                { format!("{} [{}, {}] · {} {} + {} = {} + {} = {}",
                    tr(lang, "conv.im2col.row"), y + 1, x + 1, tr(lang, "conv.filter").to_lowercase(), f + 1,
                    "b", format_number(product), format_operand(bias), format_number(value)) }
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RealImageProps {
    pub lang: Lang,
    pub state: Rc<ConvState>,
    pub on_digit: Callback<usize>,
}

#[function_component]
pub fn RealImagePanel(props: &RealImageProps) -> Html {
    let lang = props.lang;
    let s = &*props.state;
    let filter = s.current().map_or(0, |c| c.0);
    let digit = digit_tensor(s.digit);
    let output = real_image_output(s, s.digit, filter);
    let (kh, kw) = (s.kernel_size.h, s.kernel_size.w);
    let buttons = DIGITS.map(|n| {
        let on = props.on_digit.clone();
        html! {
            <button type="button" class={classes!("digit-button", (n == s.digit).then_some("active"))}
                aria-pressed={(n == s.digit).to_string()}
                onclick={Callback::from(move |_| on.emit(n))}>{ n }</button>
        }
    });
    let result = match &output {
        Ok(t) => {
            let (lo, hi) = t.min_max();
            html! {
                <figure class="picture-figure">
                    <figcaption>{ format!("{} ({}×{})", tr(lang, "conv.real.output"), t.shape().height, t.shape().width) }</figcaption>
                    { picture(t, true, tr(lang, "conv.real.output").to_string(), "real-output") }
                    <p class="picture-range">{ format!("{} … {}", format_number(lo), format_number(hi)) }</p>
                </figure>
            }
        }
        Err(e) => html! { <p class="error" role="alert">{ e.message(lang) }</p> },
    };
    html! {
        <section class="card extra-panel real-panel" aria-labelledby="real-title" data-testid="real-panel">
            <h2 id="real-title">{ tr(lang, "conv.real.title") }</h2>
            <p>{ tr(lang, "conv.real.text") }</p>
            <div class="digit-buttons" role="group" aria-label={tr(lang, "conv.real.digit")}>{ for buttons }</div>
            <div class="pictures">
                <figure class="picture-figure">
                    <figcaption>{ format!("{} (28×28)", tr(lang, "conv.real.input")) }</figcaption>
                    { picture(&digit, false, tr(lang, "conv.real.input").to_string(), "real-input") }
                </figure>
                <div class="stage-operator" aria-hidden="true">{ if s.mode == ConvMode::Convolution { "∗" } else { "⋆" } }</div>
                <figure class="picture-figure">
                    <figcaption>{ format!("{} {}", tr(lang, "conv.filter"), filter + 1) }</figcaption>
                    if s.channels == 1 {
                        { kernel_grid(lang, s.kernel_plane(filter, 0), kh, kw, GREY_RGB,
                            tr(lang, "conv.kernel.title").to_string(), "real-kernel".into()) }
                    } else {
                        // The whole filter: its three planes, and their sum that meets the grey digit.
                        <div class="real-filter" data-testid="real-filter">
                            { for (0..s.channels).map(|c| {
                                let name = channel_name(lang, s.channels, c);
                                html! {
                                    <div class="real-plane">
                                        <span class="real-plane-name">{ name }</span>
                                        { kernel_grid(lang, s.kernel_plane(filter, c), kh, kw, CHANNEL_RGB[c],
                                            format!("{} — {}", tr(lang, "conv.kernel.title"), name),
                                            format!("real-kernel-{c}")) }
                                    </div>
                                }
                            }) }
                            <div class="real-plane">
                                <span class="real-plane-name">{ tr(lang, "conv.real.sum") }</span>
                                { kernel_grid(lang, &grey_equivalent_kernel(s, filter), kh, kw, GREY_RGB,
                                    tr(lang, "conv.real.sum").to_string(), "real-kernel".into()) }
                            </div>
                        </div>
                        <p class="hint">{ tr(lang, "conv.real.rgb") }</p>
                    }
                </figure>
                <div class="stage-operator" aria-hidden="true">{ "=" }</div>
                { result }
            </div>
            <p class="attribution">{ tr(lang, "conv.real.attribution") }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::conv::presets::KernelPreset;
    use crate::sections::conv::state::Action;

    #[test]
    fn built_in_digits_are_real_images() {
        for n in 0..10 {
            let t = digit_tensor(n);
            let ink = t.data().iter().filter(|&&v| v > 0.5).count();
            assert!((40..400).contains(&ink), "digit {n} has {ink} ink pixels");
        }
    }

    #[test]
    fn built_in_digits_come_from_the_bundled_asset() {
        // The first image of each class in web/mnist/mnist-10k.bin (when the asset is present).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/mnist/mnist-10k.bin");
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        let count = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
        let labels = &bytes[24..24 + count];
        let pixels = &bytes[24 + count..];
        for n in 0..10u8 {
            let i = labels.iter().position(|&l| l == n).unwrap();
            let n = n as usize;
            assert_eq!(
                &pixels[i * 784..(i + 1) * 784],
                &DIGITS_BIN[n * 784..(n + 1) * 784]
            );
        }
    }

    #[test]
    fn kernel_on_a_digit() {
        let mut s = ConvState::default();
        s.reduce(Action::KernelPreset {
            filter: 0,
            preset: KernelPreset::Identity,
            seed: 0,
        });
        // Identity 3×3 without padding: the digit's inner 26×26.
        let out = real_image_output(&s, 3, 0).unwrap();
        assert_eq!(out.shape(), Shape::new(1, 26, 26));
        assert_eq!(out.get(0, 5, 7), digit_tensor(3).get(0, 6, 8));
        s.reduce(Action::SetChannels(3));
        let out = real_image_output(&s, 1, 1).unwrap();
        assert_eq!(out.shape(), Shape::new(1, 26, 26));
        // Filter 2 of the RGB preset: its planes summed are what the grey digit meets.
        let sum = grey_equivalent_kernel(&s, 1);
        assert_eq!(sum, vec![-1., 1., 0., 1., 2., 1., 0., 1., -1.]);
        let grey = ConvState {
            channels: 1,
            filters: 1,
            weights: sum,
            bias: vec![s.bias[1]],
            ..s.clone()
        };
        let same = real_image_output(&grey, 1, 0).unwrap();
        assert_eq!(same.shape(), out.shape());
        // Equal up to the order of the float additions.
        for (a, b) in same.data().iter().zip(out.data()) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }
}
