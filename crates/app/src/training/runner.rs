//! The worker's side of the training messages: fetches the data, feeds the [`Engine`] and keeps
//! it running in slices.
//!
//! Training never blocks the worker: each [`TrainMsg::Tick`] runs the engine for about
//! [`SLICE_MS`], sends what is due, and schedules the next tick with a zero-delay timeout, so a
//! Pause (or any other message from the page) is handled between two slices.

use cnn::{Lang, Localized};
use gloo_timers::future::TimeoutFuture;
use gloo_worker::{HandlerId, Worker, WorkerScope};

use super::engine::Engine;
use super::protocol::{MNIST_URL, Text, TrainInput, TrainOutput};
use crate::fetch::fetch_bytes;

/// Work per tick, in milliseconds: long enough to amortise the message round trip, short
/// enough that Pause answers at once.
pub const SLICE_MS: f64 = 40.0;

/// Messages of the training runner to itself.
pub enum TrainMsg {
    /// The MNIST asset arrived, or could not be fetched.
    Data(Result<Vec<u8>, Text>),
    /// Time for the next slice of work.
    Tick,
}

#[derive(Default)]
pub struct TrainingRunner {
    engine: Engine,
    /// The pages' bridges that talk to the trainer (normally one).
    clients: Vec<HandlerId>,
    fetching: bool,
    ticking: bool,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl TrainingRunner {
    pub fn received<W>(&mut self, scope: &WorkerScope<W>, input: TrainInput, id: HandlerId)
    where
        W: Worker + 'static,
        W::Message: From<TrainMsg>,
        W::Output: From<TrainOutput>,
    {
        if !self.clients.contains(&id) {
            self.clients.push(id);
        }
        if !self.fetching {
            self.fetching = true;
            scope.send_future(async {
                TrainMsg::Data(fetch_bytes(MNIST_URL).await.map_err(|e| {
                    Text::new(
                        format!("Цифры MNIST: {}", e.message(Lang::Ru)),
                        format!("The MNIST digits: {}", e.message(Lang::En)),
                    )
                }))
            });
        }
        let outputs = self.engine.handle(input, now());
        self.send(scope, outputs);
        self.schedule(scope);
    }

    pub fn update<W>(&mut self, scope: &WorkerScope<W>, msg: TrainMsg)
    where
        W: Worker + 'static,
        W::Message: From<TrainMsg>,
        W::Output: From<TrainOutput>,
    {
        let outputs = match msg {
            TrainMsg::Data(bytes) => self.engine.set_data(bytes, now()),
            TrainMsg::Tick => {
                self.ticking = false;
                let mut clock = now;
                self.engine.work(&mut clock, SLICE_MS)
            }
        };
        self.send(scope, outputs);
        self.schedule(scope);
    }

    pub fn disconnected(&mut self, id: HandlerId) {
        self.clients.retain(|c| *c != id);
    }

    fn send<W>(&self, scope: &WorkerScope<W>, outputs: Vec<TrainOutput>)
    where
        W: Worker + 'static,
        W::Output: From<TrainOutput>,
    {
        for output in outputs {
            for &id in &self.clients {
                scope.respond(id, output.clone().into());
            }
        }
    }

    fn schedule<W>(&mut self, scope: &WorkerScope<W>)
    where
        W: Worker + 'static,
        W::Message: From<TrainMsg>,
    {
        if self.engine.busy() && !self.ticking {
            self.ticking = true;
            scope.send_future(async {
                TimeoutFuture::new(0).await;
                TrainMsg::Tick
            });
        }
    }
}
