// Ours and TF.js (and our relaxed-SIMD build) in one Node process, taking turns in slices of about 0.1 s: the speed comparison that host drift
// cannot bias. A shared VM's speed drifts by up to 2× from one minute to the next, which separate processes (even
// interleaved round after round) feel at different moments; here every runner gets a slice in every ≈1-s cycle,
// so drift hits all of them alike. Accuracy is not measured here (the runners train round and round the training
// set); `cargo xtask bench` takes it from the full one-pass runs.
//
//   node [--experimental-wasm-relaxed-simd] duel.js --data F --seed S --wasm ours.wasm [--relaxed-wasm r.wasm]
//        [--seconds 60]
//
// Prints one JSON line: per runner and task (train at batch 20, infer at batch 1, infer at batch 20) the examples
// and seconds summed over all slices, and the ratios ours ÷ runner of each cycle.
'use strict';

const { loadData, now, report } = require('./common');

function parse(argv) {
  const a = { data: null, seed: 1, wasm: null, relaxedWasm: null, seconds: 60, batch: 20, limit: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--data') a.data = v;
    else if (k === '--seed') a.seed = Number(v);
    else if (k === '--wasm') a.wasm = v;
    else if (k === '--relaxed-wasm') a.relaxedWasm = v;
    else if (k === '--seconds') a.seconds = Number(v);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.data || !a.wasm) throw new Error('--data and --wasm are required');
  return a;
}

const SLICE_SECONDS = 0.1;

async function main() {
  const args = parse(process.argv.slice(2));
  const data = loadData(args);
  const runners = [{ label: 'ours (wasm)', runner: await require('./ours').create(data, { ...args }) }];
  if (args.relaxedWasm) {
    runners.push({
      label: 'ours (wasm, relaxed SIMD)',
      runner: await require('./ours').create(data, { ...args, wasm: args.relaxedWasm }),
    });
  }
  // ConvNetJS stays out: it allocates fresh volumes for every layer of every example, and sharing a heap with
  // TF.js slowed it by a third (52 vs 71 examples/s), which would flatter our ratio; its ratios come from the
  // separate-process rounds, where it is 25–45× behind anyway.
  runners.push({ label: 'TF.js wasm', runner: await require('./tfjs').create(data, { ...args, variant: 'forward' }) });

  const tasks = ['train', 'infer1', 'infer20'];
  // Each runner walks its own way round the training and the held-out sets.
  for (const r of runners) {
    r.next = { train: 0, infer1: 0, infer20: 0 };
    r.total = Object.fromEntries(tasks.map((t) => [t, { examples: 0, seconds: 0 }]));
    r.count = {};
    r.cycles = Object.fromEntries(tasks.map((t) => [t, []]));
  }
  const batchOf = { train: args.batch, infer1: 1, infer20: 20 };
  const has = (r, task) => task !== 'infer20' || r.runner.batch20;
  /** Runs `count` examples of `task` (whole batches) and returns the seconds taken. */
  const run = (r, task, count) => {
    const b = batchOf[task];
    const limit = task === 'train' ? data.nTrain : data.nTest;
    const t = now();
    for (let done = 0; done < count; done += b) {
      if (r.next[task] + b > limit) r.next[task] = 0;
      if (task === 'train') r.runner.train(r.next[task], b);
      else r.runner.infer(r.next[task], b);
      r.next[task] += b;
    }
    return now() - t;
  };
  // Warm-up (JIT, buffers), then a slice size per runner and task from one timed batch-sized run.
  for (const r of runners) {
    for (const task of tasks.filter((t) => has(r, t))) {
      const b = batchOf[task];
      run(r, task, 10 * b);
      const seconds = run(r, task, 5 * b);
      r.count[task] = Math.max(b, Math.round((SLICE_SECONDS * 5 * b) / seconds / b) * b);
    }
  }
  const start = now();
  let cycle = 0;
  while (now() - start < args.seconds) {
    for (const task of tasks) {
      // Turns rotate, so no runner always follows the same one.
      const order = runners.map((_, i) => runners[(i + cycle) % runners.length]);
      for (const r of order.filter((x) => has(x, task))) {
        const seconds = run(r, task, r.count[task]);
        r.total[task].examples += r.count[task];
        r.total[task].seconds += seconds;
        r.cycles[task].push(r.count[task] / seconds);
      }
    }
    cycle++;
  }
  const ours = runners[0];
  const out = { duel: true, seconds: now() - start, cycles: cycle, seed: args.seed, runners: {} };
  for (const r of runners) {
    const entry = {};
    for (const task of tasks.filter((t) => has(r, t))) {
      const { examples, seconds } = r.total[task];
      const cycleRatios = ours.cycles[task].map((v, i) => v / r.cycles[task][i]).sort((a, b) => a - b);
      entry[task] = {
        ex_per_s: examples / seconds,
        // Ours ÷ this runner in each cycle: 10th, 50th and 90th percentile.
        ratio_p10: cycleRatios[Math.floor(0.1 * (cycleRatios.length - 1))],
        ratio_p50: cycleRatios[Math.floor(0.5 * (cycleRatios.length - 1))],
        ratio_p90: cycleRatios[Math.floor(0.9 * (cycleRatios.length - 1))],
      };
    }
    out.runners[r.label] = entry;
  }
  report(out);
}

main().catch((e) => { console.error(e && e.stack ? e.stack : e); process.exit(1); });
