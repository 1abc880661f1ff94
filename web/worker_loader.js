importScripts("./worker.js");
// The module's exports stay reachable as `self.convlabWasm`, so that `cargo xtask soak` can read the
// worker's wasm memory (tests/soak/soak.mjs).
wasm_bindgen({ module_or_path: "./worker_bg.wasm" }).then((exports) => {
  self.convlabWasm = exports;
});
