// The long soak behind `cargo xtask soak` (crates/xtask/src/soak.rs reads what this prints and judges it).
// Headless Chromium trains on the Training section while the page cycles through every section; on each Draw
// visit a stroke is drawn and the time from its pointerup to the verdict is measured in the page. Every
// `--every` seconds, after a garbage collection in the page and in the worker, one sample is printed as a line
// `SAMPLE {json}`; every stroke as `DRAW {json}`; every Training visit as `TRAINING {json}`.
//
// usage: node tests/soak/soak.mjs --url http://127.0.0.1:PORT/ --chromium /usr/bin/chromium
//        [--minutes 30] [--every 30] [--switch 20]
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';

const options = { url: '', chromium: '/usr/bin/chromium', minutes: 30, every: 30, switch: 20 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options)) throw new Error(`unknown option ${process.argv[i]}`);
  options[key] = typeof options[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}

// Lecture order, as in the nav (crates/app/src/route.rs).
const SECTIONS = ['conv', 'pool', 'activations', 'architectures', 'optimization', 'training', 'draw'];
// How long a verdict may take before the stroke counts as unanswered (a hang, not a slow answer).
const VERDICT_GIVE_UP_MS = 20_000;
const MiB = 1024 * 1024;
const WORKER_ANSWER_MS = 15_000;

// A marker on the browser's command line, so that /proc shows which renderers are ours (other jobs on the host
// may run Chromium too).
const marker = `--convlab-soak=${process.pid}-${Date.now()}`;
const browser = await chromium.launch({ executablePath: options.chromium, args: [marker] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
page.on('console', (m) => m.type() === 'error' && console.error(`console error: ${m.text()}`));

const pageSession = await page.context().newCDPSession(page);
await pageSession.send('Performance.enable');
const browserSession = await browser.newBrowserCDPSession();

/** A CDP session to the worker, through the browser session (Playwright's own API gives none for workers). */
async function workerSession() {
  const { targetInfos } = await browserSession.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker');
  if (!target) throw new Error('no worker target (did the Training section start its worker?)');
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 1;
  const waiting = new Map();
  browserSession.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    const done = waiting.get(message.id);
    if (!done) return;
    waiting.delete(message.id);
    if (message.error) done.reject(new Error(`${message.error.message} (worker)`));
    else done.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      const id = next++;
      return new Promise((resolve, reject) => {
        // An answer can go missing (seen on a loaded host); the caller attaches again.
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${method}: no answer from the worker in ${WORKER_ANSWER_MS} ms`));
        }, WORKER_ANSWER_MS);
        waiting.set(id, {
          resolve: (v) => { clearTimeout(timer); resolve(v); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
        browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch(reject);
      });
    },
  };
}

/** Bytes of every live WebAssembly.Memory in the page (the app's wasm-bindgen module keeps its own). */
async function wasmBytes(session) {
  const proto = await session.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const found = await session.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const sum = await session.send('Runtime.callFunctionOn', {
    objectId: found.objects.objectId,
    functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
    returnByValue: true,
  });
  await session.send('Runtime.releaseObject', { objectId: found.objects.objectId });
  await session.send('Runtime.releaseObject', { objectId: proto.result.objectId });
  return sum.result.value;
}

/** Heap after a full garbage collection, so the samples show what is retained rather than when V8 collects. */
async function heapAfterGc(session) {
  await session.send('HeapProfiler.collectGarbage');
  return (await session.send('Runtime.getHeapUsage')).usedSize;
}

function procStatus(pid) {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Resident memory of the page's renderer process, in bytes: the largest renderer of this soak's browser (the
 * others hold the browser's own small UI pages).
 */
function rendererRss() {
  const processes = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(/PPid:\s+(\d+)/.exec(procStatus(name))?.[1] ?? 0);
    processes.push({ pid: Number(name), ppid, cmdline });
  }
  const ours = new Set(processes.filter((p) => p.cmdline.includes(marker)).map((p) => p.pid));
  // Children of the browser (zygotes) and theirs (renderers).
  for (let changed = true; changed;) {
    changed = false;
    for (const p of processes) {
      if (!ours.has(p.pid) && ours.has(p.ppid)) {
        ours.add(p.pid);
        changed = true;
      }
    }
  }
  let largest = 0;
  for (const p of processes) {
    if (!ours.has(p.pid) || !p.cmdline.includes('--type=renderer')) continue;
    largest = Math.max(largest, Number(/VmRSS:\s+(\d+) kB/.exec(procStatus(p.pid))?.[1] ?? 0) * 1024);
  }
  return largest;
}

async function domNodes() {
  const { metrics } = await pageSession.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'Nodes')?.value ?? 0;
}

async function go(slug) {
  await page.locator(`a.nav-link[data-section="${slug}"]`).click();
  await page.locator(`a.nav-link.current[data-section="${slug}"]`).waitFor();
}

async function examplesSeen() {
  const node = page.getByTestId('examples');
  await node.waitFor({ timeout: 10_000 });
  return Number(await node.getAttribute('data-value'));
}

// The stroke: a "7" across the pad, in pad-relative coordinates.
const SEVEN = [[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]];

/** Clears the pad, draws the stroke and returns ms from its pointerup to the verdict in the DOM. */
async function drawAndTime() {
  const pad = page.getByTestId('draw-pad');
  await pad.waitFor();
  const clear = page.getByTestId('draw-clear');
  if (await clear.isEnabled()) await clear.click();
  await page.getByTestId('draw-hint').waitFor();
  // The watch is set up in the page, so the time is the page's own clock around its own events.
  await page.evaluate((giveUp) => {
    const pad = document.querySelector('[data-testid="draw-pad"]');
    window.__soakVerdict = new Promise((resolve) => {
      let up = null;
      // The verdict of the whole stroke: `data-settled` says the shown analysis is of a pad with no stroke in
      // progress (the verdicts during the stroke do not count). A build without the attribute: any verdict.
      const answered = () => {
        const result = document.querySelector('.draw-result');
        const settled = result?.dataset.settled;
        return Boolean(result?.querySelector('[data-testid="draw-prediction"]')) && settled !== 'false';
      };
      const check = () => {
        if (up !== null && answered()) {
          observer.disconnect();
          resolve(performance.now() - up);
        }
      };
      const observer = new MutationObserver(check);
      // On the window in the capture phase: the first listener of all. Yew delegates its events to
      // the app's root, whose capture listener runs before any listener on the pad itself, so a
      // clock started on the pad would start after the verdict was already computed.
      const onUp = (event) => {
        if (event.target !== pad) return;
        window.removeEventListener('pointerup', onUp, { capture: true });
        up = performance.now();
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        setTimeout(() => { observer.disconnect(); resolve(null); }, giveUp);
      };
      window.addEventListener('pointerup', onUp, { capture: true });
    });
  }, VERDICT_GIVE_UP_MS);
  const box = await pad.boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(SEVEN[0]));
  await page.mouse.down();
  for (const point of SEVEN.slice(1)) await page.mouse.move(...at(point), { steps: 8 });
  await page.mouse.up();
  const ms = await page.evaluate(() => window.__soakVerdict);
  return ms === null ? VERDICT_GIVE_UP_MS : ms;
}

const started = Date.now();
const minutes = () => (Date.now() - started) / 60_000;
const emit = (kind, data) => console.log(`${kind} ${JSON.stringify({ minute: Number(minutes().toFixed(2)), ...data })}`);

await page.goto(`${options.url}#/training?lang=en`);
await page.getByTestId('status').and(page.locator('[data-status="Idle"]')).waitFor({ timeout: 60_000 });
await page.getByTestId('train-button').click();
await page.getByTestId('status').and(page.locator('[data-status="Running"]')).waitFor({ timeout: 30_000 });
console.error('soak: training runs');
let worker = await workerSession();

/** Reads the worker's heap and wasm memory, attaching again (up to three times) when an answer goes missing. */
async function workerMemory() {
  for (let attempt = 1; ; attempt++) {
    try {
      const heap = await heapAfterGc(worker);
      // Not `queryObjects` as in the page: the worker did not survive it while training on a loaded host.
      const found = await worker.send('Runtime.evaluate', {
        expression: 'self.convlabWasm?.memory.buffer.byteLength ?? 0',
        returnByValue: true,
      });
      return { heap, wasm: found.result.value };
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`soak: ${error.message}; attaching to the worker again`);
      worker = await workerSession();
    }
  }
}
console.error('soak: attached to the worker');
let examples = await examplesSeen();
let current = 'training';
emit('TRAINING', { examples, status: 'Running' });

async function sample() {
  if (current === 'training') examples = await examplesSeen();
  const inWorker = await workerMemory();
  const row = {
    section: current,
    page_heap: (await heapAfterGc(pageSession)) / MiB,
    worker_heap: inWorker.heap / MiB,
    page_wasm: (await wasmBytes(pageSession)) / MiB,
    worker_wasm: inWorker.wasm / MiB,
    rss: rendererRss() / MiB,
    dom_nodes: await domNodes(),
    examples,
  };
  emit('SAMPLE', row);
}

const end = started + options.minutes * 60_000;
let nextSample = started;
let nextSwitch = started + options.switch * 1000;
let index = SECTIONS.indexOf('training');
while (Date.now() < end) {
  if (Date.now() >= nextSample) {
    await sample();
    nextSample += options.every * 1000;
  }
  if (Date.now() >= nextSwitch) {
    if (current === 'training') {
      examples = await examplesSeen();
      const status = await page.getByTestId('status').getAttribute('data-status');
      emit('TRAINING', { examples, status });
    }
    index = (index + 1) % SECTIONS.length;
    current = SECTIONS[index];
    await go(current);
    if (current === 'draw') emit('DRAW', { ms: await drawAndTime() });
    nextSwitch += options.switch * 1000;
  }
  await page.waitForTimeout(Math.max(0, Math.min(nextSample, nextSwitch, end) - Date.now()));
}
await sample();
await browser.close();
