// Peer: ConvNetJS 0.3.0 (npm `convnetjs`) on the ConvNetJS MNIST demo net, exactly as the demo builds it:
// Adadelta as it ships (rho 0.95, eps 1e-6, no learning rate), l2 0.001, batch 20, Float64 scalar JS.
// Run alone, prints one JSON line: train ex/s, inference ex/s at batch 1, held-out accuracy after one pass.
'use strict';

const { cropInto, rng, cli } = require('./common');
const convnetjs = require('convnetjs');

/** The ConvNetJS demo net on `data`, as a runner (see `runFull` in common.js). */
function create(data, args) {
  const { crop } = data;
  const layers = [
    { type: 'input', out_sx: crop, out_sy: crop, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 8, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 2, activation: 'relu' },
    { type: 'pool', sx: 3, stride: 3 },
    { type: 'softmax', num_classes: 10 },
  ];
  // ConvNetJS draws its initial weights from Math.random; seed it (while the net is built) so runs are
  // reproducible.
  const random = Math.random;
  Math.random = rng(args.seed);
  const net = new convnetjs.Net();
  net.makeLayers(layers);
  Math.random = random;
  const trainer = new convnetjs.Trainer(net, { method: 'adadelta', batch_size: args.batch, l2_decay: 0.001 });

  const vol = new convnetjs.Vol(crop, crop, 1, 0.0);
  const pixels = new Float64Array(crop * crop);
  const fill = (setPixels, i, dy, dx) => {
    cropInto(data, setPixels, i, dy, dx, pixels, 0);
    // Vol stores (x, y, d) with index ((sx * y) + x) * depth + d: row-major for depth 1.
    vol.w.set(pixels);
  };
  const centre = (data.side - crop) / 2;
  return {
    name: 'convnetjs',
    batch20: false, // ConvNetJS classifies one Vol at a time
    // The trainer takes one example at a time and updates after every `batch_size` of them.
    train: (start, n) => {
      for (let i = start; i < start + n; i++) {
        fill(data.trainPixels, i, data.trainOffsets[2 * i], data.trainOffsets[2 * i + 1]);
        trainer.train(vol, data.trainLabels[i]);
      }
    },
    infer: (start, n) => {
      let correct = 0;
      for (let i = start; i < start + n; i++) {
        fill(data.testPixels, i, centre, centre);
        net.forward(vol, false);
        if (net.getPrediction() === data.testLabels[i]) correct++;
      }
      return correct;
    },
  };
}

module.exports = { create };
if (require.main === module) cli(create);
