// Peer: TensorFlow.js 4.22 with the wasm backend (SIMD, one thread: Node forces threads off) on the ConvNetJS MNIST
// demo net, trained with ConvNetJS's Adadelta rule (rho 0.95, eps 1e-6, no learning rate; tf.train.adadelta is a
// different rule that kills the ReLUs here) and ConvNetJS's L2 (0.5 * (l2 / batch) * |W|^2 on weights only).
//
// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so the conv filter gradient needs a workaround:
//   --variant forward  (default, the faster one): both conv gradients re-expressed as forward conv2d calls
//                      (filter gradient = conv of the transposed input with the transposed output gradient;
//                      input gradient = conv of the output gradient with the flipped, transposed kernel),
//                      via tf.customGrad. This is TF.js's best figure on this net.
//   --variant shipped  TF.js's own conv2d gradient, with Conv2DBackpropFilter routed to the registered
//                      Conv3DBackpropFilterV2 kernel on a depth-1 view.
// Run alone, prints one JSON line: train ex/s, inference ex/s at batch 1 and 20, held-out accuracy after one pass.
'use strict';

const path = require('path');
// The union package registers the gradients (tfjs-core alone has none); its cpu backend must not be used.
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const { cropInto, rng, cli } = require('./common');

function registerConv2dBackpropFilterViaConv3d() {
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs;
      const { strides, pad, filterShape } = attrs;
      if (typeof pad !== 'string') throw new Error('Conv2DBackpropFilter via Conv3D: only same/valid padding');
      const [n, h, w, c] = x.shape;
      const [, oh, ow, oc] = dy.shape;
      const x5 = reshape.kernelFunc({ inputs: { x }, backend, attrs: { shape: [n, 1, h, w, c] } });
      const dy5 = reshape.kernelFunc({ inputs: { x: dy }, backend, attrs: { shape: [n, 1, oh, ow, oc] } });
      const s = Array.isArray(strides) ? strides : [strides, strides];
      const dw5 = conv3d.kernelFunc({
        inputs: { x: x5, dy: dy5 },
        backend,
        attrs: { strides: [1, s[0], s[1]], pad, filterShape: [1, ...filterShape] },
      });
      const out = reshape.kernelFunc({ inputs: { x: dw5 }, backend, attrs: { shape: filterShape } });
      backend.disposeData(x5.dataId);
      backend.disposeData(dy5.dataId);
      return out;
    },
  });
}

const same = (pad) => [[0, 0], [pad, pad], [pad, pad], [0, 0]];

/** dW[ky,kx,ci,co] = sum_{n,y,x} xpad[n,y+ky,x+kx,ci] * dy[n,y,x,co]: a forward conv with N as channels. */
function filterGrad(x, dy, pad) {
  const xt = tf.transpose(x, [3, 1, 2, 0]); // [ci, h, w, n]
  const dyt = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, n, co]
  return tf.transpose(tf.conv2d(xt, dyt, 1, same(pad)), [1, 2, 0, 3]); // [ci, kh, kw, co] -> [kh, kw, ci, co]
}

/** dX = dy convolved with the flipped kernel, in/out channels swapped (stride 1). */
function inputGrad(dy, w, pad) {
  const flipped = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]); // [kh, kw, co, ci]
  const p = w.shape[0] - 1 - pad;
  return tf.conv2d(dy, flipped, 1, same(p));
}

/** conv2d (stride 1, padding `pad`) for the input layer: the filter gradient is a forward conv; the input's
 * gradient is never used (only variables are differentiated), so a zero tensor stands in for it. */
function conv2dFirst(x, w, pad) {
  return tf.customGrad((input, filter, save) => {
    save([input]);
    return {
      value: tf.conv2d(input, filter, 1, same(pad)),
      gradFunc: (dy, [xs]) => [tf.zerosLike(xs), filterGrad(xs, dy, pad)],
    };
  })(x, w);
}

/** conv2d (stride 1, padding `pad`) whose input and filter gradients are both forward convs. */
const conv2dBoth = (pad) =>
  tf.customGrad((x, w, save) => {
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, same(pad)),
      gradFunc: (dy, [xs, ws]) => [inputGrad(dy, ws, pad), filterGrad(xs, dy, pad)],
    };
  });

/** TF.js (wasm backend) with the demo net on `data`, as a runner (see `runFull` in common.js). One per process:
 * the backend and the `shipped` kernel registration are global. */
async function create(data, args) {
  const variant = args.variant || 'forward';
  if (variant !== 'forward' && variant !== 'shipped') throw new Error(`unknown --variant ${variant}`);
  const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  wasm.setWasmPaths(dist + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
  if (tf.getBackend() !== 'wasm') {
    throw new Error(`TF.js backend is '${tf.getBackend()}', not 'wasm': the wasm backend failed to initialise`);
  }
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  if (!simd) throw new Error('TF.js wasm backend runs without SIMD');
  if (variant === 'shipped') registerConv2dBackpropFilterViaConv3d();

  const { crop } = data;
  const batch = args.batch;
  const r = rng(args.seed);
  const randn = () => {
    const u = Math.max(r(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  };
  // ConvNetJS's initialisation: N(0, 1/fan_in) weights, bias 0.1 before a ReLU, 0 otherwise.
  const init = (shape, fanIn) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    const s = Math.sqrt(1 / fanIn);
    for (let i = 0; i < n; i++) v[i] = randn() * s;
    return tf.variable(tf.tensor(v, shape));
  };
  const w1 = init([5, 5, 1, 8], 25);
  const b1 = tf.variable(tf.fill([8], 0.1));
  const w2 = init([5, 5, 8, 16], 200);
  const b2 = tf.variable(tf.fill([16], 0.1));
  const flat = 4 * 4 * 16;
  const w3 = init([flat, 10], flat);
  const b3 = tf.variable(tf.zeros([10]));
  const params = [w1, b1, w2, b2, w3, b3];
  const decayed = [w1, w2, w3];

  const conv2 = conv2dBoth(2);
  const forward = (x, training) => {
    const fast = training && variant === 'forward';
    let h = fast ? conv2dFirst(x, w1, 2) : tf.conv2d(x, w1, 1, 'same');
    h = tf.maxPool(tf.relu(tf.add(h, b1)), 2, 2, 'valid');
    h = fast ? conv2(h, w2) : tf.conv2d(h, w2, 1, 'same');
    h = tf.maxPool(tf.relu(tf.add(h, b2)), 3, 3, 'valid');
    return tf.add(tf.matMul(tf.reshape(h, [-1, flat]), w3), b3);
  };

  // ConvNetJS's Adadelta state per parameter.
  const rho = 0.95;
  const eps = 1e-6;
  const l2 = 0.001;
  const gsum = params.map((p) => tf.variable(tf.zerosLike(p), false));
  const xsum = params.map((p) => tf.variable(tf.zerosLike(p), false));

  const xBuf = new Float32Array(batch * crop * crop);
  const step = (start, n) => {
    for (let k = 0; k < n; k++) {
      const i = start + k;
      cropInto(data, data.trainPixels, i, data.trainOffsets[2 * i], data.trainOffsets[2 * i + 1], xBuf, k * crop * crop);
    }
    tf.tidy(() => {
      const x = tf.tensor4d(xBuf.subarray(0, n * crop * crop), [n, crop, crop, 1]);
      const labels = tf.oneHot(tf.tensor1d(Array.from(data.trainLabels.subarray(start, start + n)), 'int32'), 10);
      const { grads } = tf.variableGrads(() => {
        const dataLoss = tf.losses.softmaxCrossEntropy(labels, forward(x, true));
        const decay = tf.addN(decayed.map((w) => tf.sum(tf.square(w))));
        return tf.add(dataLoss, tf.mul(decay, 0.5 * l2 / n));
      }, params);
      params.forEach((p, j) => {
        const g = grads[p.name];
        const gs = tf.add(tf.mul(gsum[j], rho), tf.mul(tf.square(g), 1 - rho));
        const dx = tf.mul(tf.neg(tf.sqrt(tf.div(tf.add(xsum[j], eps), tf.add(gs, eps)))), g);
        xsum[j].assign(tf.add(tf.mul(xsum[j], rho), tf.mul(tf.square(dx), 1 - rho)));
        gsum[j].assign(gs);
        p.assign(tf.add(p, dx));
      });
    });
  };

  const centre = (data.side - crop) / 2;
  const testX = new Float32Array(data.nTest * crop * crop);
  for (let i = 0; i < data.nTest; i++) cropInto(data, data.testPixels, i, centre, centre, testX, i * crop * crop);
  const predict = (start, n) =>
    tf.tidy(() => {
      const x = tf.tensor4d(testX.subarray(start * crop * crop, (start + n) * crop * crop), [n, crop, crop, 1]);
      return tf.argMax(forward(x, false), 1).dataSync();
    });
  return {
    name: `tfjs-wasm-${variant}`,
    batch20: true,
    train: (start, n) => step(start, n),
    infer: (start, n) => {
      const p = predict(start, n);
      let correct = 0;
      for (let k = 0; k < n; k++) if (p[k] === data.testLabels[start + k]) correct++;
      return correct;
    },
    // The wasm backend is synchronous; waiting for the last update's data is a no-op guard.
    sync: () => w3.data(),
    extra: () => ({
      simd,
      threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'multi' : 'single',
      tensors_alive: tf.memory().numTensors,
    }),
  };
}

module.exports = { create };
if (require.main === module) cli(create);
