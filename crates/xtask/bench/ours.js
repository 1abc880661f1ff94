// Ours: the cnn core compiled to wasm32 (+simd128), driven through its plain C ABI (crates/cnn-bench-wasm).
// Same data, same crops, same protocol and output as the peers.
'use strict';

const fs = require('fs');
const { encodeData, now, cli } = require('./common');

/** Our wasm module (`args.wasm`) loaded with `data`, as a runner (see `runFull` in common.js). */
async function create(data, args) {
  if (!args.wasm) throw new Error('--wasm <path to cnn_bench_wasm.wasm> is required');
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(args.wasm), {});
  const w = instance.exports;
  const bytes = encodeData(data);
  const ptr = w.bench_alloc(bytes.length);
  new Uint8Array(w.memory.buffer, ptr, bytes.length).set(bytes);
  if (w.bench_load(args.seed) !== 0) throw new Error('bench_load rejected the data');
  return {
    name: 'ours-wasm',
    batch20: true,
    train: (start, n) => w.bench_train(start, n),
    infer: (start, n) => w.bench_infer(start, n),
    extra: () => {
      // The machine's SIMD limit, measured now in the same module (see simd_peak): best of five 0.2-s runs.
      let peak = 0;
      for (let k = 0; k < 5; k++) {
        const t = now();
        const flops = w.bench_peak(2000);
        peak = Math.max(peak, flops / (now() - t));
      }
      return { simd_peak_flops: peak };
    },
  };
}

module.exports = { create };
if (require.main === module) cli(create);
