//! A labelled slider with a number field beside it: both show the same value, the field takes
//! any typed number (a decimal comma too) and says inline, in the page's language, when what was
//! typed cannot be used.

use cnn::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct NumberSliderProps {
    pub lang: Lang,
    pub id: AttrValue,
    pub label: AttrValue,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub value: f64,
    pub on_change: Callback<f64>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// What the field's text means: a number in [min, max], or nothing usable.
pub fn read_number(text: &str, min: f64, max: f64) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .replace('−', "-")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (min..=max).contains(v))
}

#[function_component]
pub fn NumberSlider(props: &NumberSliderProps) -> Html {
    let lang = props.lang;
    let invalid = use_state(|| false);
    let (min, max) = (props.min, props.max);
    let on_slider = {
        let on = props.on_change.clone();
        let invalid = invalid.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(v) = read_number(&input.value(), min, max) {
                invalid.set(false);
                on.emit(v);
            }
        })
    };
    let on_field = {
        let on = props.on_change.clone();
        let invalid = invalid.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match read_number(&input.value(), min, max) {
                Some(v) => {
                    invalid.set(false);
                    on.emit(v);
                }
                None => invalid.set(true),
            }
        })
    };
    let field_id = format!("{}-number", props.id);
    let error_id = format!("{}-error", props.id);
    let value = props.value.to_string();
    html! {
        <div class="opt-number-slider">
            <label for={field_id.clone()}>{ props.label.clone() }</label>
            <div class="opt-number-slider-row">
                <input type="range" id={props.id.clone()} min={min.to_string()} max={max.to_string()}
                    step={props.step.to_string()} value={value.clone()} aria-label={props.label.clone()}
                    oninput={on_slider} />
                <input type="text" inputmode="decimal" id={field_id} class="opt-number"
                    data-testid={props.testid.clone()} value={value}
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={invalid.then_some(error_id.clone())}
                    onchange={on_field} />
            </div>
            if *invalid {
                <p id={error_id} class="error" role="alert">
                    { format!("{} {} … {}.", tr(lang, "optimization.number.invalid"), min, max) }
                </p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_read_in_range_only() {
        assert_eq!(read_number(" 0,85 ", 0.0, 0.99), Some(0.85));
        assert_eq!(read_number("−0.5", -1.0, 1.0), Some(-0.5));
        assert_eq!(read_number("1.5", 0.0, 0.99), None);
        assert_eq!(read_number("abc", 0.0, 1.0), None);
        assert_eq!(read_number("NaN", 0.0, 1.0), None);
    }
}
