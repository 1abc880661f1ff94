//! The page's single connection to the training worker.
//!
//! The training outlives the Training section: a lecturer can start it, switch to "Draw a
//! digit" and come back while it keeps learning. So the worker bridge and the reduced
//! [`TrainingState`] live in one thread-local [`Client`], created the first time the section
//! opens; components subscribe to it and re-render on every change.
//!
//! The client is also the page's only connection to the worker: the shell's health check
//! ([`ping`], used by `hooks::use_worker_ping`) goes through the same bridge, so the page runs
//! exactly one worker. Pinging does not start the training (nor the data download); the
//! Training section does, the first time it opens ([`client_with`]).
//!
//! For the Draw section: [`latest_weights`] returns the newest weights file of the network being
//! trained (sent by the worker after every held-out evaluation, i.e. every 1,000–2,000
//! examples, and after a load), without starting anything. Load it with
//! `cnn::weights::load(&bytes)`.
//!
//! The client also watches the worker ([`super::recovery`]): a panic report, the native
//! worker's `error` event or a ping left unanswered marks it crashed; [`Client::restart`]
//! replaces it with a new worker that resumes from the last checkpoint.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use cnn::NetworkSpec;
use gloo_worker::WorkerBridge;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::config::Settings;
use super::protocol::{Setup, TrainInput};
use super::recovery::{Beat, Crash, HEARTBEAT_MS, Recovery, heartbeat};
use super::state::TrainingState;
use crate::worker::{self, ConvlabWorker, WorkerInput, WorkerOutput};

/// The seed a fresh page starts with.
pub const DEFAULT_SEED: u64 = 1;

/// The setup a fresh page starts with: the ConvNetJS MNIST net and the default settings.
pub fn default_setup() -> Setup {
    Setup {
        spec: NetworkSpec::convnetjs_mnist().to_string(),
        seed: DEFAULT_SEED,
        settings: Settings::default(),
        compare: None,
    }
}

/// LeNet-5 on the 28×28 digits ([`cnn::presets::LENET5_MNIST`]: C1 padded by 2, tanh, max
/// pooling, 61,706 parameters) with settings that reach ≥ 97 % on the held-out digits within
/// 20,000 examples: momentum (lecture form) η = 0.2, batch 10, η halved every 5,000 examples.
/// Measured natively with the worker's engine (`training::engine::tests`, seed 1): 97.5 % after
/// 9,000 examples, 97.8 % after 20,000 (ReLU instead of tanh: 97.2 %; average pooling: 96.2 %;
/// the default settings: 96.6 %).
pub fn lenet5_setup() -> Setup {
    let spec = cnn::presets::LENET5_MNIST;
    Setup {
        spec: NetworkSpec::parse(spec).map_or_else(|_| spec.to_string(), |s| s.to_string()),
        seed: DEFAULT_SEED,
        settings: Settings {
            learning_rate: 0.2,
            batch_size: 10,
            lr_decay_every: 5000,
            lr_decay_factor: 0.5,
            ..Settings::default()
        },
        compare: None,
    }
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

/// A one-shot listener for an answer of the worker.
type OnAnswer = Box<dyn FnOnce(WorkerOutput)>;

pub struct Client {
    /// The first [`TrainInput::Reset`] was sent (the section opened once).
    started: Cell<bool>,
    /// One-shot listeners for the worker's answers that are not training messages (the ping).
    on_answer: RefCell<Vec<OnAnswer>>,
    /// A render is scheduled: worker messages arriving before it are folded into one update.
    pending: RefCell<Option<gloo_timers::callback::Timeout>>,
    bridge: RefCell<Option<WorkerBridge<ConvlabWorker>>>,
    /// The native worker behind the bridge: its `error` event, and terminate on a restart.
    native: RefCell<Option<Native>>,
    /// When the worker last sent anything, and the ping sent since then (the heartbeat).
    heard: Cell<Option<f64>>,
    ping_sent: Cell<Option<f64>>,
    heartbeat: RefCell<Option<gloo_timers::callback::Interval>>,
    state: RefCell<Rc<TrainingState>>,
    listeners: RefCell<Vec<(usize, Callback<Rc<TrainingState>>)>>,
    next_listener: Cell<usize>,
}

/// The native worker and its `error` listener (removed with it).
struct Native {
    worker: web_sys::Worker,
    _on_error: wasm_bindgen::closure::Closure<dyn Fn(web_sys::ErrorEvent)>,
}

/// Unsubscribes when dropped.
pub struct Subscription {
    id: usize,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
            client
                .listeners
                .borrow_mut()
                .retain(|(id, _)| *id != self.id);
        }
    }
}

/// The client, with the training started: the worker spawned, the data requested and the
/// default network built.
pub fn client() -> Rc<Client> {
    client_with(default_setup)
}

/// The client, with the training started from `setup` if this is the first time (a shared
/// link's settings); later calls get the running client unchanged.
pub fn client_with(setup: impl FnOnce() -> Setup) -> Rc<Client> {
    let client = connection();
    if !client.started.replace(true) {
        client.send(TrainInput::Reset(setup()));
    }
    client
}

/// Whether the training was started (the Training section opened once).
pub fn started() -> bool {
    CLIENT.with(|c| c.borrow().as_ref().is_some_and(|c| c.started.get()))
}

/// The page's one client, without starting the training (the recovery alert watches it from
/// every section).
pub fn shared() -> Rc<Client> {
    connection()
}

/// Test hook (`window.__convlabTest.crashWorker()`): makes the worker panic.
pub fn crash_worker_for_test() {
    if let Some(bridge) = connection().bridge.borrow().as_ref() {
        bridge.send(WorkerInput::TestPanic);
    }
}

/// Asks the worker for its version; `on_answer` gets the [`WorkerOutput::Pong`]. Spawns the worker if needed, but starts no training.
pub fn ping(on_answer: impl FnOnce(WorkerOutput) + 'static) {
    let client = connection();
    client.on_answer.borrow_mut().push(Box::new(on_answer));
    if let Some(bridge) = client.bridge.borrow().as_ref() {
        bridge.send(WorkerInput::Ping);
    }
}

/// The page's one worker bridge, spawned on first use.
fn connection() -> Rc<Client> {
    if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
        return client;
    }
    let client = Rc::new(Client {
        started: Cell::new(false),
        on_answer: RefCell::new(Vec::new()),
        pending: RefCell::new(None),
        bridge: RefCell::new(None),
        native: RefCell::new(None),
        heard: Cell::new(None),
        ping_sent: Cell::new(None),
        heartbeat: RefCell::new(None),
        state: RefCell::new(Rc::new(TrainingState::default())),
        listeners: RefCell::new(Vec::new()),
        next_listener: Cell::new(0),
    });
    CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
    client.spawn_worker();
    let beat = gloo_timers::callback::Interval::new(HEARTBEAT_MS as u32, || {
        if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
            client.beat();
        }
    });
    *client.heartbeat.borrow_mut() = Some(beat);
    client
}

/// The newest weights file of the network being trained and the examples it had seen, if the
/// training has started and evaluated at least once. Never starts the worker.
pub fn latest_weights() -> Option<(u64, Rc<Vec<u8>>)> {
    CLIENT.with(|c| c.borrow().as_ref().and_then(|c| c.state().weights.clone()))
}

impl Client {
    pub fn state(&self) -> Rc<TrainingState> {
        self.state.borrow().clone()
    }

    pub fn send(&self, input: TrainInput) {
        if let Some(bridge) = self.bridge.borrow().as_ref() {
            bridge.send(WorkerInput::Training(input));
        }
    }

    /// Calls `on_change` with the new state after every worker message.
    pub fn subscribe(&self, on_change: Callback<Rc<TrainingState>>) -> Subscription {
        let id = self.next_listener.get();
        self.next_listener.set(id + 1);
        self.listeners.borrow_mut().push((id, on_change));
        Subscription { id }
    }

    /// Replaces the crashed worker with a new one, which rebuilds the network from the last
    /// checkpoint (paused); no page reload.
    pub fn restart(&self) {
        // The old worker may hang: terminate it rather than ask it to close.
        if let Some(native) = self.native.borrow_mut().take() {
            native.worker.terminate();
        }
        self.bridge.borrow_mut().take();
        self.heard.set(None);
        self.ping_sent.set(None);
        self.spawn_worker();
        let mut next = (*self.state()).clone();
        let inputs = if self.started.get() {
            next.restart(default_setup())
        } else {
            next.recovery = None;
            Vec::new()
        };
        self.publish(next);
        for input in inputs {
            self.send(input);
        }
    }

    /// Clears the recovery report (after a restart).
    pub fn dismiss_recovery(&self) {
        let mut next = (*self.state()).clone();
        next.recovery = None;
        self.publish(next);
    }

    fn spawn_worker(&self) {
        let (bridge, native) = worker::spawn(|output| {
            let Some(client) = CLIENT.with(|c| c.borrow().clone()) else {
                return;
            };
            client.heard.set(Some(js_sys::Date::now()));
            client.ping_sent.set(None);
            match output {
                WorkerOutput::Training(output) => client.receive(output),
                WorkerOutput::Crashed { message } => client.crashed(Crash::Panic(message)),
                other => {
                    let waiting = std::mem::take(&mut *client.on_answer.borrow_mut());
                    for on_answer in waiting {
                        on_answer(other.clone());
                    }
                }
            }
        });
        *self.bridge.borrow_mut() = Some(bridge);
        *self.native.borrow_mut() = native.map(|worker| {
            let on_error = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::ErrorEvent)>::new(
                |event: web_sys::ErrorEvent| {
                    // Reported in the page's alert (the worker's console has the details).
                    event.prevent_default();
                    if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
                        client.crashed(Crash::Error(event.message()));
                    }
                },
            );
            let _ =
                worker.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
            Native {
                worker,
                _on_error: on_error,
            }
        });
    }

    fn crashed(&self, crash: Crash) {
        let mut next = (*self.state()).clone();
        if next.crashed(crash) {
            self.publish(next);
        }
    }

    /// One heartbeat tick: ping a quiet worker, give up on one that does not answer.
    fn beat(&self) {
        if matches!(self.state().recovery, Some(Recovery::Crashed { .. })) {
            return;
        }
        let now = js_sys::Date::now();
        match heartbeat(now, self.heard.get(), self.ping_sent.get()) {
            Beat::Wait => {}
            Beat::Ping => {
                self.ping_sent.set(Some(now));
                if let Some(bridge) = self.bridge.borrow().as_ref() {
                    bridge.send(WorkerInput::Ping);
                }
            }
            Beat::Silent => self.crashed(Crash::Silent),
        }
    }

    /// Clears the error / notice line.
    pub fn dismiss(&self) {
        let mut next = (*self.state()).clone();
        next.error = None;
        next.notice = None;
        self.publish(next);
    }

    fn receive(&self, output: super::protocol::TrainOutput) {
        let mut state = self.state.borrow_mut();
        // The page's listeners hold the previous Rc, so this clones once per update, not per
        // message.
        if let Some(bytes) = Rc::make_mut(&mut state).apply(output) {
            download(&bytes, "convlab-network.cnnlab");
        }
        drop(state);
        if self.pending.borrow().is_none() {
            // Re-render at most every 120 ms: the worker's messages come in bursts.
            let timeout = gloo_timers::callback::Timeout::new(120, || {
                if let Some(client) = CLIENT.with(|c| c.borrow().clone()) {
                    client.pending.borrow_mut().take();
                    client.notify();
                }
            });
            *self.pending.borrow_mut() = Some(timeout);
        }
    }

    fn notify(&self) {
        let next = self.state();
        let listeners: Vec<_> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, cb)| cb.clone())
            .collect();
        for listener in listeners {
            listener.emit(next.clone());
        }
    }

    fn publish(&self, next: TrainingState) {
        let next = Rc::new(next);
        *self.state.borrow_mut() = next.clone();
        let listeners: Vec<_> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, cb)| cb.clone())
            .collect();
        for listener in listeners {
            listener.emit(next.clone());
        }
    }
}

/// Offers `bytes` to the user as a file download.
pub fn download(bytes: &[u8], file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a")
        && let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
