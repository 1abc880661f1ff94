//! A section's state that lives in one reducer and in the URL: a link opened while the section is
//! shown is loaded, and every change is mirrored into the URL (the shell uses
//! `history.replaceState`, so no history entry), unless the URL already says the same.

use std::rc::Rc;

use yew::prelude::*;

/// A state with a reducer and a URL form.
pub trait UrlState: Clone + PartialEq + 'static {
    type Action;
    fn from_query(query: &str) -> Self;
    fn to_query(&self) -> String;
    fn reduce(&mut self, action: Self::Action);
}

/// The reducer's value: the state itself (`.0`).
#[derive(Clone, Debug, PartialEq)]
pub struct UrlReducer<S>(pub S);

pub enum UrlMsg<S: UrlState> {
    Do(S::Action),
    Load(S),
}

impl<S: UrlState> Reducible for UrlReducer<S> {
    type Action = UrlMsg<S>;

    fn reduce(self: Rc<Self>, msg: UrlMsg<S>) -> Rc<Self> {
        let mut state = self.0.clone();
        match msg {
            UrlMsg::Do(action) => state.reduce(action),
            UrlMsg::Load(new) => state = new,
        }
        Rc::new(UrlReducer(state))
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
        use_reducer(move || UrlReducer(S::from_query(&query)))
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
            if query != current && S::from_query(&current).to_query() != query {
                *written.borrow_mut() = query.clone();
                on_query.emit(query);
            }
        });
    }
    let dispatch = {
        let reducer = reducer.clone();
        Callback::from(move |action: S::Action| reducer.dispatch(UrlMsg::Do(action)))
    };
    (reducer, dispatch)
}
