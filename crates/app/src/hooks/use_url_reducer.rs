//! A section's state that lives in one reducer and in the URL: a link opened while the section is
//! shown is loaded, and every change is mirrored into the URL (the shell uses
//! `history.replaceState`, so no history entry), unless the URL already reads as this very state
//! (a short link such as `in=7&k=3` stays as typed; dismissing the note about unreadable keys
//! rewrites the link without them).

use std::rc::Rc;

use yew::prelude::*;

/// A section's state (a [`Reducible`]) with a URL form.
pub trait UrlState: Reducible + Clone + PartialEq + 'static {
    fn from_query(query: &str) -> Self;
    fn to_query(&self) -> String;
}

/// The reducer's value: the section's state (`.0`), which a link can replace as a whole.
#[derive(Clone, Debug, PartialEq)]
pub struct UrlReducer<S>(pub Rc<S>);

pub enum UrlMsg<S: UrlState> {
    Do(S::Action),
    Load(S),
}

impl<S: UrlState> Reducible for UrlReducer<S> {
    type Action = UrlMsg<S>;

    fn reduce(self: Rc<Self>, msg: UrlMsg<S>) -> Rc<Self> {
        Rc::new(UrlReducer(match msg {
            UrlMsg::Do(action) => self.0.clone().reduce(action),
            UrlMsg::Load(new) => Rc::new(new),
        }))
    }
}

/// The state read from `query`, kept in sync with the URL, and a callback applying an action.
#[hook]
pub fn use_url_reducer<S: UrlState>(
    query: String,
    on_query: Callback<String>,
) -> (UseReducerHandle<UrlReducer<S>>, Callback<S::Action>) {
    let reducer = {
        let query = query.clone();
        use_reducer(move || UrlReducer(Rc::new(S::from_query(&query))))
    };
    // The query this component last wrote, so that its own URL updates are not read back.
    let written = {
        let query = query.clone();
        use_mut_ref(move || query)
    };
    // A link opened or pasted while the section is shown.
    {
        let reducer = reducer.clone();
        let written = written.clone();
        use_effect_with(query, move |query| {
            if *query != *written.borrow() {
                *written.borrow_mut() = query.clone();
                reducer.dispatch(UrlMsg::Load(S::from_query(query)));
            }
        });
    }
    // Mirror every change into the URL, unless the URL already says it.
    {
        let written = written.clone();
        use_effect_with(reducer.0.clone(), move |state| {
            let query = state.to_query();
            let current = written.borrow().clone();
            if query != current && S::from_query(&current) != **state {
                *written.borrow_mut() = query.clone();
                on_query.emit(query);
            }
        });
    }
    // One callback for the component's lifetime, so that children taking it as a prop do not
    // re-render when only the parent does.
    let dispatch = {
        let dispatcher = reducer.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |action: S::Action| dispatcher.dispatch(UrlMsg::Do(action)))
        }))
        .clone()
    };
    (reducer, dispatch)
}
