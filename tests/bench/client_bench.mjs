// tools/bench client: what the web client costs a person. Serves the built client
// from the real server through a byte-counting TCP proxy (every HTTP byte the
// browser receives, the service worker's included; the /ws connection is left
// out) and prints:
//   first_visit_gzip_bytes  a fresh browser profile: page, wasm, js, and the
//                           service worker's install (median of RUNS)
//   repeat_visit_gzip_bytes the same profile opening the app again, the service
//                           worker active (its shell comes from its cache)
//   first_frame_ms          navigation -> first interactive frame, first visits (median)
//   idle_frames_10s         frames drawn in 10 s of idle after logging in
// Usage: node client_bench.mjs [RUNS]
import net from 'node:net';
import { Server } from '../e2e/lib/server.mjs';
import { launch, login, state } from '../e2e/lib/client.mjs';

const runs = Number(process.argv[2] || 5);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A TCP proxy that counts what flows to the browser on HTTP connections.
function countingProxy(port) {
  const counter = { http: 0, requests: [] };
  const proxy = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    let ws = null;
    client.on('data', (d) => {
      const head = d.toString('latin1', 0, Math.min(d.length, 200));
      if (ws === null) ws = head.startsWith('GET /ws');
      if (!ws) for (const m of head.matchAll(/^(GET|HEAD|POST) (\S+)/gm)) counter.requests.push(m[2]);
      upstream.write(d);
    });
    upstream.on('data', (d) => { if (!ws) counter.http += d.length; client.write(d); });
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end); upstream.on('error', end); client.on('close', end); upstream.on('close', end);
  });
  return new Promise((ok) => proxy.listen(0, '127.0.0.1', () => ok({ proxy, counter, port: proxy.address().port })));
}

// Waits until no HTTP byte arrived for `quietMs` (bounded).
async function settle(counter, quietMs = 700, maxMs = 15000) {
  let last = -1, since = Date.now();
  for (const end = Date.now() + maxMs; Date.now() < end;) {
    if (counter.http !== last) { last = counter.http; since = Date.now(); }
    if (Date.now() - since >= quietMs) return;
    await sleep(50);
  }
}

const server = await new Server().start();
const { proxy, counter, port } = await countingProxy(server.port);
const url = `http://127.0.0.1:${port}/`;
const browser = await launch();
const first = [], repeat = [], times = [];
let idleFrames = null;
let firstRequests = [], repeatRequests = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    counter.http = 0; counter.requests = [];
    await page.goto(url);
    await page.waitForFunction(() => window.partaTest && window.partaTest.state().first_interactive_ms != null, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.partaTest.state().first_interactive_ms));
    // The service worker installs after the page's load event and takes control.
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 30000 });
    await settle(counter);
    first.push(counter.http);
    firstRequests = counter.requests;

    counter.http = 0; counter.requests = [];
    await page.goto(url);
    await page.waitForFunction(() => window.partaTest && window.partaTest.state().first_interactive_ms != null, null, { timeout: 30000 });
    await settle(counter);
    repeat.push(counter.http);
    repeatRequests = counter.requests;

    if (i === 0) {
      // Idle: logged in, the chat list shown, nothing happening.
      await login(page, 'student1@demo.school', 'demo-student');
      let frames = -1;
      for (const end = Date.now() + 15000; Date.now() < end;) {  // let it settle (no frame for 1 s)
        const f = (await state(page)).frames;
        if (f === frames) break;
        frames = f;
        await sleep(1000);
      }
      const before = (await state(page)).frames;
      await sleep(10000);
      idleFrames = (await state(page)).frames - before;
    }
    await context.close();
  }
} finally {
  await browser.close();
  proxy.close();
  await server.stop();
  server.cleanup();
}
console.log(`  first visit requests: ${firstRequests.join(' ')}`);
console.log(`  repeat visit requests: ${repeatRequests.join(' ') || '(none)'}`);
console.log(`  first visits: ${first.join(', ')} bytes; repeat visits: ${repeat.join(', ')} bytes; first frames: ${times.map(Math.round).join(', ')} ms`);
console.log(`first_visit_gzip_bytes: ${median(first)}`);
console.log(`repeat_visit_gzip_bytes: ${median(repeat)}`);
console.log(`first_frame_ms: ${Math.round(median(times))}`);
console.log(`idle_frames_10s: ${idleFrames}`);
