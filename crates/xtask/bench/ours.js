// Ours: the cnn core compiled to wasm32 (+simd128), driven through its plain C ABI (crates/cnn-bench-wasm).
// Same data, same crops, same protocol and output as the peers.
'use strict';

const fs = require('fs');
const { parseArgs, loadData, encodeData, now, cpuNow, report, timeInference } = require('./common');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.wasm) throw new Error('--wasm <path to cnn_bench_wasm.wasm> is required');
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(args.wasm), {});
  const w = instance.exports;
  const data = loadData(args);
  const bytes = encodeData(data);
  const ptr = w.bench_alloc(bytes.length);
  new Uint8Array(w.memory.buffer, ptr, bytes.length).set(bytes);
  if (w.bench_load(args.seed) !== 0) throw new Error('bench_load rejected the data');
  const nTrain = data.nTrain;
  const batch = args.batch;

  let t0 = 0;
  let c0 = 0;
  let timed = 0;
  let loss = 0;
  for (let start = 0; start < nTrain; start += batch) {
    const n = Math.min(batch, nTrain - start);
    if (t0 === 0 && start >= args.warmup) { t0 = now(); c0 = cpuNow(); }
    loss = w.bench_train(start, n);
    if (t0 !== 0) timed += n;
  }
  const trainSeconds = now() - t0;
  const trainCpu = cpuNow() - c0;
  if (!Number.isFinite(loss)) throw new Error('training diverged');

  const nTest = data.nTest;
  const inferRate = (n) => {
    w.bench_infer(0, n); // warm-up
    const batches = Math.floor(nTest / n);
    return timeInference(() => {
      let correct = 0;
      for (let b = 0; b < batches; b++) correct += w.bench_infer(b * n, n);
      return correct;
    }, batches * n);
  };
  const b1 = inferRate(1);
  const b20 = inferRate(20);
  // The machine's SIMD limit, measured now in the same module (see simd_peak): best of five 0.2-s runs.
  let peak = 0;
  for (let k = 0; k < 5; k++) {
    const t = now();
    const flops = w.bench_peak(2000);
    peak = Math.max(peak, flops / (now() - t));
  }
  report({
    peer: 'ours-wasm',
    seed: args.seed,
    train_examples: nTrain,
    train_ex_per_s: timed / trainSeconds,
    train_cpu_ex_per_s: timed / trainCpu,
    infer1_ex_per_s: b1.rate,
    infer1_cpu_ex_per_s: b1.cpuRate,
    infer20_ex_per_s: b20.rate,
    infer20_cpu_ex_per_s: b20.cpuRate,
    accuracy: b1.correct / nTest,
    simd_peak_flops: peak,
    last_loss: loss,
  });
}

main().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
