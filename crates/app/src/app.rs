//! The shell: header with the sections, presenter mode, "copy link" and the language switch, the
//! current section, the footer with attribution, the sheet of keys, and the panic banner.
//!
//! State lives in one reducer ([`ShellState`]); the URL hash mirrors it
//! (`#/<slug>?lang=..&present=1&..`). The language comes from the URL, else from `localStorage`,
//! else Russian (the lecture's). The lecture keys ([`crate::lecture`]) move between sections,
//! toggle fullscreen and open the sheet of keys.

use std::rc::Rc;

use cnn::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::components::WorkerAlert;
use crate::hooks::{WorkerStatus, use_lecture_keys, use_worker_ping};
use crate::i18n::tr;
use crate::lecture::{LectureKey, neighbour};
use crate::route::{Route, href_in};
use crate::sections::{Section, SectionProps};
use crate::shell::{CopyLink, KeySheet, PresenterToggle, ProseToggle, SlideRef};

/// `localStorage` key of the chosen language.
pub const LANG_STORAGE_KEY: &str = "convlab.lang";
/// The element of `index.html` the app renders into.
pub const ROOT_ID: &str = "app";
pub use crate::panic_banner::{PANIC_BANNER_ID, install_panic_hook, show_panic_banner};
/// The id of `<main>`, the skip link's target.
pub const MAIN_ID: &str = "main-content";

/// Installs the panic hook and mounts the app; the whole of `bin/app.rs`.
pub fn start() {
    install_panic_hook();
    crate::offline::register_service_worker();
    crate::test_hooks::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT_ID));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// What the shell shows: the section, its URL state and the language.
#[derive(Clone, Debug, PartialEq)]
pub struct ShellState {
    pub section: Section,
    pub query: String,
    pub lang: Lang,
    /// Presenter mode: large type, full-width figures, no footer.
    pub present: bool,
    /// The sheet of keys is open.
    pub keys_open: bool,
    /// In presenter mode, the secondary prose (introductions, hints) is shown; folded by default.
    pub prose_open: bool,
}

pub enum ShellAction {
    /// The hash changed (a link was followed, or back/forward).
    Navigate(Route),
    SetLang(Lang),
    SetPresent(bool),
    /// Opens (true) or closes the sheet of keys.
    ShowKeys(bool),
    /// The section changed its own URL state.
    SetQuery(String),
    /// Presenter mode's "details" toggle: unfolds (true) or folds the secondary prose.
    ShowProse(bool),
}

impl Reducible for ShellState {
    type Action = ShellAction;

    fn reduce(self: Rc<Self>, action: ShellAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ShellAction::Navigate(route) => {
                next.section = route.section;
                next.query = route.query;
                next.lang = route.lang.unwrap_or(self.lang);
                next.present = route.present.unwrap_or(self.present);
                next.keys_open = false;
            }
            ShellAction::SetLang(lang) => next.lang = lang,
            ShellAction::SetPresent(present) => next.present = present,
            ShellAction::ShowKeys(open) => next.keys_open = open,
            ShellAction::SetQuery(query) => next.query = query,
            ShellAction::ShowProse(open) => next.prose_open = open,
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

impl ShellState {
    /// The state the page opens with: the URL's route, then the stored language.
    pub fn initial() -> ShellState {
        let route = location_hash()
            .and_then(|hash| Route::parse(&hash))
            .unwrap_or_default();
        let lang = route.lang.or_else(stored_lang).unwrap_or_default();
        ShellState {
            section: route.section,
            query: route.query,
            lang,
            present: route.present.unwrap_or(false),
            keys_open: false,
            prose_open: false,
        }
    }

    pub fn hash(&self) -> String {
        href_in(self.section, self.lang, self.present, &self.query)
    }

    /// The hash of another section in this language and mode (its own state left at its defaults,
    /// as the header's links do).
    pub fn section_href(&self, section: Section) -> String {
        href_in(section, self.lang, self.present, "")
    }
}

fn location_hash() -> Option<String> {
    web_sys::window()?.location().hash().ok()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored_lang() -> Option<Lang> {
    let code = local_storage()?.get_item(LANG_STORAGE_KEY).ok().flatten()?;
    Lang::from_code(&code)
}

/// Sets the location hash without a history entry and without a `hashchange` event.
fn replace_hash(hash: &str) {
    if location_hash().as_deref() == Some(hash) {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Mirrors the state into the page: URL (without a history entry), `<html lang>`, title,
/// stored language.
fn sync_page(state: &ShellState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    replace_hash(&state.hash());
    if let Some(document) = window.document() {
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", state.lang.code());
            let _ = html
                .class_list()
                .toggle_with_force("present", state.present);
            let _ = html
                .class_list()
                .toggle_with_force("prose-open", state.prose_open);
        }
        document.set_title(&format!(
            "{} — {}",
            tr(state.lang, state.section.title_key()),
            tr(state.lang, "shell.doc_title")
        ));
    }
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANG_STORAGE_KEY, state.lang.code());
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(ShellState::initial);
    let worker = use_worker_ping();

    // Follow links and back/forward.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(web_sys::HashChangeEvent)>::new(
                move |event: web_sys::HashChangeEvent| {
                    // The event's own URL, not `location.hash`: a render between the navigation and this event may
                    // already have written the previous state back with `replaceState` (seen with a link opened
                    // right after another one: the second link's language was lost).
                    let new_url = event.new_url();
                    let hash = new_url
                        .find('#')
                        .map(|at| new_url[at..].to_string())
                        .or_else(location_hash);
                    if let Some(mut route) = hash.and_then(|hash| Route::parse(&hash)) {
                        if route.lang.is_none() {
                            // A hand-edited URL without `lang`: keep the current language and put
                            // it back into the URL (the state may not change, so no effect would).
                            route.lang = Some(stored_lang().unwrap_or_default());
                            replace_hash(&route.to_hash());
                        }
                        dispatcher.dispatch(ShellAction::Navigate(route));
                    }
                },
            );
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    {
        let current = (*state).clone();
        use_effect_with(current, sync_page);
    }
    // A new page starts at the top, like a real page load would.
    use_effect_with(state.section, |_| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });

    let on_lang = {
        let dispatcher = state.dispatcher();
        use_callback((), move |lang: Lang, _| {
            dispatcher.dispatch(ShellAction::SetLang(lang))
        })
    };
    let on_query = {
        let dispatcher = state.dispatcher();
        use_callback((), move |query: String, _| {
            dispatcher.dispatch(ShellAction::SetQuery(query))
        })
    };
    let on_present = {
        let dispatcher = state.dispatcher();
        use_callback((), move |present: bool, _| {
            dispatcher.dispatch(ShellAction::SetPresent(present))
        })
    };
    let on_prose = {
        let dispatcher = state.dispatcher();
        use_callback((), move |open: bool, _| {
            dispatcher.dispatch(ShellAction::ShowProse(open))
        })
    };
    let on_close_keys = {
        let dispatcher = state.dispatcher();
        use_callback((), move |_: (), _| {
            dispatcher.dispatch(ShellAction::ShowKeys(false))
        })
    };
    {
        let state = state.clone();
        use_lecture_keys(Callback::from(move |key: LectureKey| match key {
            LectureKey::Next | LectureKey::Previous => {
                let step = if key == LectureKey::Next { 1 } else { -1 };
                let to = neighbour(state.section, step);
                if to != state.section
                    && let Some(window) = web_sys::window()
                {
                    // A history entry, like following the header's link.
                    let _ = window.location().set_hash(&state.section_href(to));
                }
            }
            LectureKey::Fullscreen => toggle_fullscreen(),
            LectureKey::Help => state.dispatch(ShellAction::ShowKeys(!state.keys_open)),
            LectureKey::Close => {
                if state.keys_open {
                    state.dispatch(ShellAction::ShowKeys(false));
                }
            }
        }));
    }

    let lang = state.lang;
    let present = state.present;
    let section_props = SectionProps {
        lang,
        query: state.query.clone(),
        on_query,
    };
    html! {
        <>
            <SkipLink {lang} />
            <header class="site-header">
                <div class="header-inner">
                    <a class="brand" href={state.section_href(Section::Conv)}>
                        { tr(lang, "shell.brand") }
                    </a>
                    <Nav current={state.section} {lang} {present} />
                    <div class="header-tools">
                        <CopyLink {lang} />
                        <PresenterToggle {lang} {present} on_toggle={on_present} />
                        <LangSwitch {lang} on_change={on_lang} />
                    </div>
                </div>
            </header>
            <main id={MAIN_ID} tabindex="-1">
                <div class="lecture-bar">
                    <SlideRef {lang} section={state.section} />
                    if present {
                        <ProseToggle {lang} open={state.prose_open} on_toggle={on_prose} />
                    }
                </div>
                // Training goes on in the background: its worker's crash is reported everywhere
                // (the Training section places the alert itself).
                if state.section != Section::Training {
                    <WorkerAlert {lang} />
                }
                { state.section.view(section_props) }
            </main>
            if state.keys_open {
                <KeySheet {lang} section={state.section} on_close={on_close_keys} />
            }
            if !present {
                <Footer {lang} {worker} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct SkipLinkProps {
    pub lang: Lang,
}

/// "Skip to content": focuses `<main>` without touching the hash (which is the router's).
#[function_component]
pub fn SkipLink(props: &SkipLinkProps) -> Html {
    let onclick = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        let main = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(MAIN_ID))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            let _ = main.focus();
        }
    });
    html! {
        <a class="skip-link" href={format!("#{MAIN_ID}")} {onclick}>{ tr(props.lang, "shell.skip") }</a>
    }
}

#[derive(Properties, PartialEq)]
pub struct NavProps {
    pub current: Section,
    pub lang: Lang,
    pub present: bool,
}

/// The sections in lecture order; plain links, so they work without any handler.
#[function_component]
pub fn Nav(props: &NavProps) -> Html {
    let lang = props.lang;
    html! {
        <nav class="site-nav" aria-label={tr(lang, "shell.nav.label")}>
            <ul>
                { for Section::ALL.into_iter().enumerate().map(|(i, section)| {
                    let current = section == props.current;
                    html! {
                        <li key={section.slug()}>
                            <a href={href_in(section, lang, props.present, "")}
                               class={classes!("nav-link", current.then_some("current"))}
                               aria-current={current.then_some("page")}
                               data-section={section.slug()}>
                                <span class="nav-number" aria-hidden="true">{ i + 1 }</span>
                                { tr(lang, section.nav_key()) }
                            </a>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    pub lang: Lang,
    pub on_change: Callback<Lang>,
}

/// Two toggle buttons, RU and EN.
#[function_component]
pub fn LangSwitch(props: &LangSwitchProps) -> Html {
    let lang = props.lang;
    html! {
        <div class="lang-switch" role="group" aria-label={tr(lang, "shell.lang.label")}>
            { for Lang::ALL.into_iter().map(|option| {
                let on_change = props.on_change.clone();
                let (label, name) = match option {
                    Lang::Ru => ("RU", tr(lang, "shell.lang.ru")),
                    Lang::En => ("EN", tr(lang, "shell.lang.en")),
                };
                html! {
                    <button type="button"
                            class={classes!("lang-button", (option == lang).then_some("active"))}
                            aria-pressed={(option == lang).to_string()}
                            aria-label={format!("{label} — {name}")}
                            lang={option.code()}
                            data-lang={option.code()}
                            onclick={move |_| on_change.emit(option)}>
                        { label }
                    </button>
                }
            }) }
        </div>
    }
}

/// Fullscreen on and off (the whole page, so the header's controls stay reachable).
fn toggle_fullscreen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(html) = document.document_element() {
        let _ = html.request_fullscreen();
    }
}

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    pub lang: Lang,
    pub worker: WorkerStatus,
}

#[function_component]
pub fn Footer(props: &FooterProps) -> Html {
    let lang = props.lang;
    let (state, status) = match &props.worker {
        WorkerStatus::Starting => ("starting", tr(lang, "shell.worker.pending").to_string()),
        WorkerStatus::Ready { version } => (
            "ready",
            format!("{} {version}", tr(lang, "shell.worker.ready")),
        ),
        WorkerStatus::NoAnswer => ("failed", tr(lang, "shell.worker.failed").to_string()),
        WorkerStatus::Stopped => ("stopped", tr(lang, "shell.worker.stopped").to_string()),
    };
    html! {
        <footer class="site-footer">
            <p>{ tr(lang, "shell.footer.mnist") }</p>
            <p>{ tr(lang, "shell.footer.convnetjs") }</p>
            <p>{ tr(lang, "shell.footer.about") }</p>
            <p class="worker-status" data-worker={state} role="status">{ status }</p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(present: bool) -> Rc<ShellState> {
        Rc::new(ShellState {
            section: Section::Conv,
            query: String::new(),
            lang: Lang::Ru,
            present,
            keys_open: false,
            prose_open: false,
        })
    }

    #[test]
    fn presenter_prose_folds_and_unfolds_and_stays_between_sections() {
        let s = shell(true).reduce(ShellAction::ShowProse(true));
        assert!(s.prose_open && s.present);
        let s = s.reduce(ShellAction::Navigate(Route {
            section: Section::Pool,
            query: String::new(),
            lang: None,
            present: None,
        }));
        assert_eq!(
            (s.section, s.present, s.prose_open),
            (Section::Pool, true, true)
        );
        let s = s.reduce(ShellAction::ShowProse(false));
        assert!(!s.prose_open);
        // Nothing changed: the same state (no re-render).
        let same = s.clone().reduce(ShellAction::ShowProse(false));
        assert!(Rc::ptr_eq(&s, &same));
    }
}
