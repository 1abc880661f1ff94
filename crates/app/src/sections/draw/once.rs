//! The section's downloads — the shipped network and the MNIST digits — fetched and decoded once per
//! page, not once per visit.
//!
//! The section is mounted anew every time a student opens it. Fetching on mount meant that every visit
//! downloaded the 7.8 MB MNIST asset again, copied it into the page's wasm memory and decoded it, while
//! the verdict waited for the network to arrive: a lecturer switching sections while the training runs
//! saw the renderer's memory climb and, now and then, a verdict seconds after the stroke. A [`Slot`]
//! keeps the decoded value for the page's lifetime; a visit during the download waits for the same one.
//! A failure is not kept: the next visit tries again (the server may be back).

use std::cell::RefCell;
use std::future::Future;
use std::thread::LocalKey;

use yew::Callback;

use super::models::Load;

/// A page-wide slot whose waiters are the visits' state setters.
pub type PageSlot<T> = RefCell<Slot<T, Callback<Load<T>>>>;

/// Gives `on_done` the asset of `slot`: at once if it is here, else when the download ends (started
/// with `fetch` if no visit started it yet).
pub fn load<T: Clone + 'static>(
    slot: &'static LocalKey<PageSlot<T>>,
    on_done: Callback<Load<T>>,
    fetch: impl Future<Output = Load<T>> + 'static,
) {
    let request = slot.with(|s| s.borrow_mut().request(on_done.clone()));
    match request {
        Request::Ready(value) => on_done.emit(Load::Ready(value)),
        Request::Wait => {}
        Request::Start => wasm_bindgen_futures::spawn_local(async move {
            let result = fetch.await;
            // The slot is released before anyone is called: a waiter may render and ask again.
            let waiting = slot.with(|s| s.borrow_mut().finish(&result));
            for waiter in waiting {
                waiter.emit(result.clone());
            }
        }),
    }
}

/// What a visit should do about an asset.
#[derive(Debug, PartialEq)]
pub enum Request<T> {
    /// Already here.
    Ready(T),
    /// Nobody fetches it: start the download and call [`Slot::finish`] with its result.
    Start,
    /// A download is under way; the waiter is called when it ends.
    Wait,
}

/// One asset's state for the page: nothing yet, being fetched (with who waits), or decoded.
pub enum Slot<T, W> {
    Empty,
    Fetching(Vec<W>),
    Ready(T),
}

impl<T: Clone, W> Slot<T, W> {
    /// A visit asks for the asset; `waiter` is kept only if the visit has to wait or start.
    pub fn request(&mut self, waiter: W) -> Request<T> {
        match self {
            Slot::Ready(value) => Request::Ready(value.clone()),
            Slot::Fetching(waiting) => {
                waiting.push(waiter);
                Request::Wait
            }
            Slot::Empty => {
                *self = Slot::Fetching(vec![waiter]);
                Request::Start
            }
        }
    }

    /// The value if it is here (a visit renders it at once instead of "loading").
    pub fn ready(&self) -> Option<T> {
        match self {
            Slot::Ready(value) => Some(value.clone()),
            _ => None,
        }
    }

    /// The download ended: keeps a success, forgets a failure, and returns who waited.
    pub fn finish(&mut self, result: &Load<T>) -> Vec<W> {
        let next = match result {
            Load::Ready(value) => Slot::Ready(value.clone()),
            _ => Slot::Empty,
        };
        match std::mem::replace(self, next) {
            Slot::Fetching(waiting) => waiting,
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::protocol::Text;

    #[test]
    fn the_first_visit_fetches_later_ones_wait_then_all_reuse_the_value() {
        let mut slot: Slot<u32, &str> = Slot::Empty;
        assert_eq!(slot.request("first visit"), Request::Start);
        assert_eq!(slot.request("second visit"), Request::Wait);
        assert_eq!(slot.ready(), None);
        assert_eq!(
            slot.finish(&Load::Ready(7)),
            vec!["first visit", "second visit"]
        );
        assert_eq!(slot.request("third visit"), Request::Ready(7));
        assert_eq!(slot.ready(), Some(7));
    }

    #[test]
    fn a_failed_download_is_tried_again_on_the_next_visit() {
        let mut slot: Slot<u32, &str> = Slot::Empty;
        assert_eq!(slot.request("a"), Request::Start);
        let failed = Load::Failed(Text::new("нет сети", "offline"));
        assert_eq!(slot.finish(&failed), vec!["a"]);
        assert_eq!(slot.request("b"), Request::Start);
    }
}
