//! A visually hidden polite live region: what a screen reader announces about the step under the
//! cursor ([`crate::playback::Playback::announcement`] keeps it quiet while playing).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LiveRegionProps {
    /// Empty while there is nothing to announce.
    pub text: AttrValue,
    pub testid: AttrValue,
}

#[function_component]
pub fn LiveRegion(props: &LiveRegionProps) -> Html {
    html! {
        <p class="visually-hidden" aria-live="polite" aria-atomic="true"
            data-testid={props.testid.clone()}>{ props.text.clone() }</p>
    }
}
