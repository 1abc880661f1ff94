//! The Web Worker that runs the heavy computation (training) off the page's thread.
//!
//! `bin/worker.rs` calls [`register`]; the page calls [`spawn`]. Messages are the serde enums of
//! [`protocol`], sent with gloo-worker's bincode codec. Trunk builds the worker as a classic
//! (no-modules) script `worker.js` + `worker_bg.wasm`; `web/worker_loader.js` is the two-line
//! loader the page starts.
//!
//! A panic in the worker is sent to the page as [`WorkerOutput::Crashed`] by the worker's panic
//! hook before the worker dies; the page restarts it (`training::recovery`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::{HandlerId, Registrable, Spawnable, Worker, WorkerBridge, WorkerScope};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub mod protocol;

use crate::training::protocol::TrainOutput;
use crate::training::runner::{TrainMsg, TrainingRunner};

pub use protocol::{WorkerInput, WorkerOutput};

/// The loader script, relative to `index.html` (copied into `dist/` by trunk).
pub const LOADER_PATH: &str = "./worker_loader.js";

/// The version the worker reports in [`WorkerOutput::Pong`] (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Messages the worker sends itself (timers, async results).
pub enum WorkerMessage {
    Training(TrainMsg),
}

impl From<TrainMsg> for WorkerMessage {
    fn from(msg: TrainMsg) -> WorkerMessage {
        WorkerMessage::Training(msg)
    }
}

impl From<TrainOutput> for WorkerOutput {
    fn from(output: TrainOutput) -> WorkerOutput {
        WorkerOutput::Training(output)
    }
}

thread_local! {
    /// Where the panic hook reports: the worker's scope and the pages' bridges. Not in the
    /// worker's state, which a panic leaves borrowed.
    static REPORT_TO: RefCell<Option<(WorkerScope<ConvlabWorker>, Vec<HandlerId>)>> =
        const { RefCell::new(None) };
}

/// The worker's state; it lives as long as the worker.
#[derive(Default)]
pub struct ConvlabWorker {
    training: TrainingRunner,
}

impl Worker for ConvlabWorker {
    type Message = WorkerMessage;
    type Input = WorkerInput;
    type Output = WorkerOutput;

    fn create(scope: &WorkerScope<Self>) -> Self {
        REPORT_TO.with(|r| *r.borrow_mut() = Some((scope.clone(), Vec::new())));
        ConvlabWorker::default()
    }

    fn connected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        REPORT_TO.with(|r| {
            if let Some((_, ids)) = r.borrow_mut().as_mut() {
                ids.push(id);
            }
        });
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        match msg {
            WorkerMessage::Training(msg) => self.training.update(scope, msg),
        }
    }

    fn disconnected(&mut self, _scope: &WorkerScope<Self>, id: HandlerId) {
        REPORT_TO.with(|r| {
            if let Some((_, ids)) = r.borrow_mut().as_mut() {
                ids.retain(|i| *i != id);
            }
        });
        self.training.disconnected(id);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let reply = match msg {
            WorkerInput::Ping => WorkerOutput::Pong {
                version: VERSION.to_string(),
            },
            WorkerInput::Training(input) => return self.training.received(scope, input, id),
            WorkerInput::TestPanic => {
                panic!("a deliberate test panic (window.__convlabTest.crashWorker)")
            }
        };
        scope.respond(id, reply);
    }
}

/// Installs the panic hook and registers the worker; the whole of `bin/worker.rs`.
pub fn register() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        // The message alone: the page shortens what it shows, and the location is in the
        // worker's console.
        report_crash(
            &info
                .payload_as_str()
                .map_or_else(|| info.to_string(), str::to_string),
        );
        // A panic leaves gloo-worker's state borrowed: every later task (the next training
        // tick, a ping) would panic again on it. The worker closes, dropping those tasks; the
        // page starts a new one.
        if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
            scope.close();
        }
    }));
    ConvlabWorker::registrar().register();
}

/// Tells every connected page that the worker is dying, with the panic's message.
fn report_crash(message: &str) {
    let _ = REPORT_TO.try_with(|r| {
        if let Ok(r) = r.try_borrow()
            && let Some((scope, ids)) = r.as_ref()
        {
            for &id in ids {
                scope.respond(
                    id,
                    WorkerOutput::Crashed {
                        message: message.to_string(),
                    },
                );
            }
        }
    });
}

/// Starts a worker and calls `on_output` with everything it sends. Dropping the last bridge
/// asks the worker to close; [`web_sys::Worker::terminate`] on the returned native worker ends
/// it even when it no longer listens (hung or crashed).
///
/// gloo-worker keeps the native `Worker` to itself, and the page needs it to hear the `error`
/// event and to terminate: it is caught as gloo-worker constructs it, through a `Proxy` put in
/// place of the global `Worker` constructor for the duration of the (synchronous) spawn.
pub fn spawn(
    on_output: impl Fn(WorkerOutput) + 'static,
) -> (WorkerBridge<ConvlabWorker>, Option<web_sys::Worker>) {
    let global = js_sys::global();
    let original = js_sys::Reflect::get(&global, &JsValue::from_str("Worker")).ok();
    let caught = Rc::new(RefCell::new(None::<JsValue>));
    let construct = {
        let caught = caught.clone();
        Closure::<dyn FnMut(js_sys::Function, js_sys::Array) -> Result<JsValue, JsValue>>::new(
            move |target: js_sys::Function, args: js_sys::Array| {
                let worker = js_sys::Reflect::construct(&target, &args)?;
                *caught.borrow_mut() = Some(worker.clone());
                Ok(worker)
            },
        )
    };
    if let Some(original) = original
        .as_ref()
        .and_then(|o| o.dyn_ref::<js_sys::Function>())
    {
        let handler = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&handler, &"construct".into(), construct.as_ref());
        let proxy = js_sys::Proxy::new(original, &handler);
        let _ = js_sys::Reflect::set(&global, &"Worker".into(), &proxy);
    }
    let bridge = ConvlabWorker::spawner()
        .callback(on_output)
        .with_loader(true)
        .as_module(false)
        .spawn(LOADER_PATH);
    if let Some(original) = &original {
        let _ = js_sys::Reflect::set(&global, &"Worker".into(), original);
    }
    let native = caught.borrow_mut().take().map(JsCast::unchecked_into);
    (bridge, native)
}
