//! Fetching a static asset of `dist/` as bytes, from the page or from the worker (both
//! globals have `fetch`), with a failure a student can read in either language.

use std::fmt;

use cnn::{Lang, Localized};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Why an asset did not arrive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The server answered with an error status (404: the file is not on the server).
    Status { url: String, status: u16 },
    /// No answer at all (offline, server stopped) or the body broke off.
    Network { url: String },
}

impl Localized for FetchError {
    fn message(&self, lang: Lang) -> String {
        match self {
            FetchError::Status { url, status } => lang.pick(
                format!("не удалось загрузить {url} (HTTP {status})"),
                format!("could not load {url} (HTTP {status})"),
            ),
            FetchError::Network { url } => lang.pick(
                format!("не удалось загрузить {url}: сервер не ответил (нет сети?)"),
                format!("could not load {url}: the server did not answer (offline?)"),
            ),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// GETs `url` (relative to the page, or to the worker script) and returns its body; an HTTP
/// error status is an error.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let network = |_: JsValue| FetchError::Network {
        url: url.to_string(),
    };
    // `fetch` is called on the global object, so the same code runs in a Window and a Worker.
    let global: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: Response = JsFuture::from(global.fetch_with_str(url))
        .await
        .map_err(network)?
        .unchecked_into();
    if !response.ok() {
        return Err(FetchError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(network)?)
        .await
        .map_err(network)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_say_what_could_not_be_loaded_in_both_languages() {
        let e = FetchError::Status {
            url: "./weights/pretrained.bin".into(),
            status: 404,
        };
        assert_eq!(
            e.message(Lang::En),
            "could not load ./weights/pretrained.bin (HTTP 404)"
        );
        assert_eq!(
            e.message(Lang::Ru),
            "не удалось загрузить ./weights/pretrained.bin (HTTP 404)"
        );
        let e = FetchError::Network {
            url: "x.bin".into(),
        };
        assert!(
            e.message(Lang::Ru)
                .starts_with("не удалось загрузить x.bin")
        );
    }
}
