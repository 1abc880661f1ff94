// Peer: ConvNetJS 0.3.0 (npm `convnetjs`) on the ConvNetJS MNIST demo net, exactly as the demo builds it:
// Adadelta as it ships (rho 0.95, eps 1e-6, no learning rate), l2 0.001, batch 20, Float64 scalar JS.
// Prints one JSON line: train ex/s, inference ex/s at batch 1, held-out accuracy after one pass.
'use strict';

const { parseArgs, loadData, cropInto, now, cpuNow, report, rng, timeInference } = require('./common');

const args = parseArgs(process.argv.slice(2));
// ConvNetJS draws its initial weights from Math.random; seed it so runs are reproducible.
Math.random = rng(args.seed);
const convnetjs = require('convnetjs');
const data = loadData(args);
const { crop } = data;

const layers = [
  { type: 'input', out_sx: crop, out_sy: crop, out_depth: 1 },
  { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
  { type: 'pool', sx: 2, stride: 2 },
  { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
  { type: 'pool', sx: 3, stride: 3 },
  { type: 'softmax', num_classes: 10 },
];
const net = new convnetjs.Net();
net.makeLayers(layers);
const trainer = new convnetjs.Trainer(net, { method: 'adadelta', batch_size: args.batch, l2_decay: 0.001 });

const vol = new convnetjs.Vol(crop, crop, 1, 0.0);
const pixels = new Float64Array(crop * crop);
function fill(setPixels, i, dy, dx) {
  cropInto(data, setPixels, i, dy, dx, pixels, 0);
  // Vol stores (x, y, d) with index ((sx * y) + x) * depth + d: row-major for depth 1.
  vol.w.set(pixels);
}

// One pass over the training set. The first `warmup` examples train but are not timed (JIT warm-up).
let t0 = 0;
let c0 = 0;
for (let i = 0; i < data.nTrain; i++) {
  if (i === args.warmup) { t0 = now(); c0 = cpuNow(); }
  fill(data.trainPixels, i, data.trainOffsets[2 * i], data.trainOffsets[2 * i + 1]);
  trainer.train(vol, data.trainLabels[i]);
}
const trainSeconds = now() - t0;
const trainCpu = cpuNow() - c0;
const timedTrain = data.nTrain - args.warmup;

const centre = (data.side - crop) / 2;
const infer = timeInference(() => {
  let correct = 0;
  for (let i = 0; i < data.nTest; i++) {
    fill(data.testPixels, i, centre, centre);
    net.forward(vol, false);
    if (net.getPrediction() === data.testLabels[i]) correct++;
  }
  return correct;
}, data.nTest);

report({
  peer: 'convnetjs',
  seed: args.seed,
  train_examples: data.nTrain,
  train_ex_per_s: timedTrain / trainSeconds,
  train_cpu_ex_per_s: timedTrain / trainCpu,
  infer1_ex_per_s: infer.rate,
  infer1_cpu_ex_per_s: infer.cpuRate,
  infer20_ex_per_s: null,
  infer20_cpu_ex_per_s: null,
  accuracy: infer.correct / data.nTest,
});
