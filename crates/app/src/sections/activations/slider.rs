//! The section's small controls: a labelled slider with its value, a legend swatch and the
//! heading cell of a table row (swatch and name of an activation).

use cnn::{Activation, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::model::{activation_color, short_name};
use crate::components::plot_data::Rgb;

/// The value of the `<input>` an event came from.
pub fn input_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.value())
}

pub fn input_checked(e: &Event) -> Option<bool> {
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.checked())
}

/// A colour swatch (solid or dashed line) for legends.
pub fn swatch(color: Rgb, dashed: bool) -> Html {
    let class = if dashed {
        "swatch swatch-dashed"
    } else {
        "swatch"
    };
    html! { <span class={class} style={format!("--swatch:{}", color.css())} aria-hidden="true"></span> }
}

#[derive(Properties, PartialEq)]
pub struct SliderProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The value as shown beside the label.
    pub shown: AttrValue,
    /// The test id of the shown value.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub value: f64,
    pub on_input: Callback<f64>,
}

/// A labelled range input with its value beside the label.
#[function_component]
pub fn Slider(props: &SliderProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_value(&e).and_then(|v| v.parse::<f64>().ok()) {
                on_input.emit(v);
            }
        })
    };
    html! {
        <div class="act-slider">
            <label for={props.id.clone()}>
                { props.label.clone() }
                <output for={props.id.clone()} data-testid={props.testid.clone()}>{ props.shown.clone() }</output>
            </label>
            <input type="range" id={props.id.clone()} min={props.min.to_string()}
                   max={props.max.to_string()} step={props.step.to_string()}
                   value={props.value.to_string()} {oninput} />
        </div>
    }
}

/// The heading cell of a table row about one activation: its colour and its short name.
pub fn row_heading(activation: Activation, lang: Lang) -> Html {
    html! {
        <th scope="row">
            { swatch(activation_color(activation), false) }
            { short_name(activation, lang) }
        </th>
    }
}
