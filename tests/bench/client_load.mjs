// tools/bench client-load: what a first visit costs. Serves the built client from
// the real server, opens it in headless Chromium N times with an empty cache, and
// prints the bytes on the wire (gzip as served) and the time from navigation to
// the first interactive frame (the client's own performance.now() mark).
import { Server } from '../e2e/lib/server.mjs';
import { launch } from '../e2e/lib/client.mjs';

const runs = Number(process.argv[2] || 5);
const server = await new Server().start();
const browser = await launch();
const times = [];
let bytes = 0;
let files = {};
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map();
    const sizes = {};
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => {
      const url = urls.get(e.requestId);
      if (url) sizes[new URL(url).pathname] = e.encodedDataLength;
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.partaTest && window.partaTest.state().first_interactive_ms != null, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.partaTest.state().first_interactive_ms));
    await page.waitForTimeout(200);
    bytes = Object.values(sizes).reduce((a, b) => a + b, 0);
    files = sizes;
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  server.cleanup();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
for (const [path, size] of Object.entries(files)) console.log(`  ${path}: ${size} bytes on the wire`);
console.log(`first_visit_gzip_bytes: ${bytes}`);
console.log(`first_frame_ms: ${Math.round(median)} (median of ${runs}; min ${Math.round(times[0])}, max ${Math.round(times[times.length - 1])})`);
