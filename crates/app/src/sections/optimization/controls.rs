//! The section's settings: the surface (and κ), η and γ, the gradient noise σ, and whether Adam
//! and RMSProp are drawn with their own η.

use std::rc::Rc;

use cnn::Lang;
use cnn::descent::{LEARNING_RATE_MAX, NOISE_MAX};
use cnn::format_number;
use cnn::surface::{KAPPA_MAX, KAPPA_MIN};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::number_slider::NumberSlider;
use super::state::{ETA_MIN, GAMMA_MAX, OptAction, OptState, SurfaceChoice};
use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub lang: Lang,
    pub state: Rc<OptState>,
    pub on: Callback<OptAction>,
}

#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let s = &props.state;
    let on = &props.on;
    let surfaces = SurfaceChoice::ALL.map(|choice| {
        let active = s.choice == choice;
        let on = on.clone();
        html! {
            <button type="button" class={classes!("toggle", active.then_some("active"))}
                aria-pressed={active.to_string()} data-testid={format!("opt-surface-{}", choice.key())}
                onclick={Callback::from(move |_| on.emit(OptAction::SetSurface(choice)))}>
                { choice.surface(s.kappa).display_name(lang) }
            </button>
        }
    });
    let on_adaptive = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on.emit(OptAction::SetAdaptive(input.checked()));
        })
    };
    let classic = format_number(s.eta * (1.0 - s.gamma));
    html! {
        <section class="card opt-controls" aria-labelledby="opt-controls-heading">
            <h2 id="opt-controls-heading">{ tr(lang, "optimization.controls.heading") }</h2>
            <div class="opt-surfaces" role="group" aria-label={tr(lang, "optimization.surface")}>
                { for surfaces }
            </div>
            <p class="opt-formula" data-testid="opt-formula">{ s.surface().formula() }</p>
            if s.choice == SurfaceChoice::Quadratic {
                <NumberSlider {lang} id="opt-kappa" label={tr(lang, "optimization.kappa")}
                    min={KAPPA_MIN} max={KAPPA_MAX} step={1.0} value={s.kappa}
                    testid={AttrValue::from("opt-kappa")}
                    on_change={on.reform(OptAction::SetKappa)} />
            }
            <NumberSlider {lang} id="opt-eta" label={tr(lang, "optimization.eta")}
                min={f64::from(ETA_MIN)} max={LEARNING_RATE_MAX} step={0.001} value={f64::from(s.eta)}
                testid={AttrValue::from("opt-eta")}
                on_change={on.reform(|v: f64| OptAction::SetEta(v as f32))} />
            <NumberSlider {lang} id="opt-gamma" label={tr(lang, "optimization.gamma")}
                min={0.0} max={f64::from(GAMMA_MAX)} step={0.01} value={f64::from(s.gamma)}
                testid={AttrValue::from("opt-gamma")}
                on_change={on.reform(|v: f64| OptAction::SetGamma(v as f32))} />
            <p class="opt-note">
                { tr(lang, "optimization.forms") }{ " " }
                <span class="opt-classic">{ format!("η·(1 − γ) = {classic}") }</span>
            </p>
            <NumberSlider {lang} id="opt-noise" label={tr(lang, "optimization.noise")}
                min={0.0} max={NOISE_MAX} step={0.05} value={f64::from(s.noise)}
                testid={AttrValue::from("opt-noise")}
                on_change={on.reform(|v: f64| OptAction::SetNoise(v as f32))} />
            if s.noise > 0.0 {
                <button type="button" class="opt-reseed" onclick={on.reform(|_| OptAction::Reseed)}>
                    { tr(lang, "optimization.reseed") }
                </button>
            }
            <div class="check opt-adaptive">
                <input type="checkbox" id="opt-adaptive" checked={s.adaptive} onchange={on_adaptive}
                    data-testid="opt-adaptive" />
                <label for="opt-adaptive">{ tr(lang, "optimization.adaptive") }</label>
            </div>
            if s.adaptive {
                <NumberSlider {lang} id="opt-aeta" label={tr(lang, "optimization.adaptive_eta")}
                    min={f64::from(ETA_MIN)} max={LEARNING_RATE_MAX} step={0.001}
                    value={f64::from(s.adaptive_eta)}
                    on_change={on.reform(|v: f64| OptAction::SetAdaptiveEta(v as f32))} />
            }
        </section>
    }
}
