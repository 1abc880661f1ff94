//! "What the network looked at": the method, the class ("why not 9?"), the heat map over the
//! preprocessed digit, its legend and how to read it. Renders [`super::why::WhyView`].

use std::rc::Rc;

use cnn::{Lang, SaliencyMethod};
use yew::prelude::*;

use super::heat_map::HeatMap;
use super::state::DrawAction;
use super::why::{AGAINST, FOR, STRONGEST, WhyView, format_value};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct WhyPanelProps {
    pub lang: Lang,
    pub view: Option<Rc<WhyView>>,
    pub method: SaliencyMethod,
    /// The class picked, `None`: the verdict.
    pub picked: Option<u8>,
    /// Preprocessing + classification + saliency of the last drawing, milliseconds.
    pub ms: Option<f64>,
    pub dispatch: Callback<DrawAction>,
}

fn css(rgb: [u8; 3]) -> String {
    format!("rgb({}, {}, {})", rgb[0], rgb[1], rgb[2])
}

#[function_component]
pub fn WhyPanel(props: &WhyPanelProps) -> Html {
    let lang = props.lang;
    let Some(view) = props.view.as_deref() else {
        return html! {};
    };
    let method_radio = |method: SaliencyMethod, key: &'static str| {
        let dispatch = props.dispatch.clone();
        let onchange = Callback::from(move |_: Event| dispatch.emit(DrawAction::WhyMethod(method)));
        let code = match method {
            SaliencyMethod::GradientTimesInput => "gradient",
            SaliencyMethod::Occlusion => "occlusion",
        };
        html! {
            <label>
                <input type="radio" name="draw-why-method" checked={props.method == method}
                    {onchange} data-testid={format!("why-method-{code}")} />
                { tr(lang, key) }
            </label>
        }
    };
    let class_button = |class: Option<u8>| {
        let dispatch = props.dispatch.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| dispatch.emit(DrawAction::WhyClass(class)));
        let pressed = props.picked == class;
        let (text, testid) = match class {
            None => (
                format!("{} ({})", tr(lang, "draw.why.verdict"), view.verdict),
                "why-class-verdict".to_string(),
            ),
            Some(c) => (c.to_string(), format!("why-class-{c}")),
        };
        html! {
            <button type="button" class={classes!("why-class", pressed.then_some("pressed"))}
                aria-pressed={pressed.to_string()} {onclick} data-testid={testid}>{ text }</button>
        }
    };
    let class = view.class;
    let how = match view.method {
        SaliencyMethod::GradientTimesInput => tr(lang, "draw.why.read.gradient"),
        SaliencyMethod::Occlusion => tr(lang, "draw.why.read.occlusion"),
    }
    .replace("{c}", &class.to_string());
    let question = if view.is_verdict() {
        tr(lang, "draw.why.question.verdict").replace("{c}", &class.to_string())
    } else {
        tr(lang, "draw.why.question.other")
            .replace("{c}", &class.to_string())
            .replace("{v}", &view.verdict.to_string())
    };
    let max = format_value(view.max);
    let legend_style = format!(
        "background: linear-gradient(to right, {}, #fff, {})",
        css(AGAINST),
        css(FOR)
    );
    let label = format!("{question} {how}");
    html! {
        <section class="draw-why" aria-labelledby="draw-why-title" data-testid="draw-why"
            data-class={class.to_string()} data-method={format!("{:?}", view.method)}
            data-strongest={view.strongest_text()} data-on-ink={format!("{}/{}", view.on_ink, view.strongest.len())}
            data-ms={props.ms.map(|ms| format!("{ms:.2}")).unwrap_or_default()}>
            <h2 id="draw-why-title">{ tr(lang, "draw.why.title") }</h2>
            <div class="draw-why-controls">
                <fieldset class="draw-why-methods">
                    <legend>{ tr(lang, "draw.why.method") }</legend>
                    { method_radio(SaliencyMethod::GradientTimesInput, "draw.why.gradient") }
                    { method_radio(SaliencyMethod::Occlusion, "draw.why.occlusion") }
                </fieldset>
                <div class="draw-why-classes" role="group" aria-label={tr(lang, "draw.why.class")}>
                    <span class="draw-why-classes-label">{ tr(lang, "draw.why.class") }</span>
                    { class_button(None) }
                    { for (0..10u8).map(|c| class_button(Some(c))) }
                </div>
            </div>
            <div class="draw-why-body">
                <HeatMap width={view.width} height={view.height} rgba={Rc::new(view.rgba.clone())}
                    label={label} />
                <div class="draw-why-text">
                    <p class="draw-why-question" data-testid="why-question">
                        { question }{ " " }
                        <span class="draw-why-p">{ format!("({} {:.1} %)", tr(lang, "draw.probability"), view.probability * 100.0) }</span>
                    </p>
                    <div class="draw-why-legend" aria-hidden="true">
                        <span class="draw-why-legend-bar" style={legend_style}></span>
                        <span class="draw-why-legend-ticks">
                            <span>{ format!("−{max}") }</span><span>{ "0" }</span><span>{ format!("+{max}") }</span>
                        </span>
                        <span class="draw-why-legend-ticks">
                            <span>{ tr(lang, "draw.why.against").replace("{c}", &class.to_string()) }</span>
                            <span>{ tr(lang, "draw.why.for").replace("{c}", &class.to_string()) }</span>
                        </span>
                    </div>
                    <p class="draw-help" data-testid="why-how">{ how }</p>
                    if !view.strongest.is_empty() {
                        <p class="draw-help">{ format!("{} {}/{}", tr(lang, "draw.why.on_ink").replace("{n}", &STRONGEST.to_string()), view.on_ink, view.strongest.len()) }</p>
                    }
                    if let Some(ms) = props.ms {
                        <p class="draw-help draw-why-ms">{ format!("{} {ms:.1} {}", tr(lang, "draw.why.ms"), tr(lang, "draw.why.ms_unit")) }</p>
                    }
                </div>
            </div>
        </section>
    }
}
