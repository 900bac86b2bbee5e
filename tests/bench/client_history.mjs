// tools/bench client-history: the browser client's frame CPU time with a
// 100,000-message chat open. The real server serves a data dir seeded by
// parta-bench-seed --history (one chat, "Room 1", with N messages); headless
// Chromium at 1280x800, devicePixelRatio 2, logs in as one of its members
// through the form, opens the chat, pages in older history by scrolling up with
// the mouse wheel (bounded in time), then measures the time spent in the
// client's frame function (window.partaTest.frameTimes(): performance.now()
// around the frame body in client/platform/web_main.cpp) in two phases:
//   scroll: wheel steps down through the loaded history;
//   live:   scrolled to the bottom, idle, while another member's connection
//           posts messages (a plain WebSocket speaking the protocol).
//
// Usage: node client_history.mjs --server BIN --web-root DIR --data-dir DIR --tokens FILE
//          [--target 20000] [--load-seconds 90] [--messages 30] [--rate 5]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from './peer/node_modules/ws/wrapper.mjs';
import { launch, open, login, openChat, state, waitFor } from '../e2e/lib/client.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, v, i, all) => (i % 2 === 0 ? [...pairs, [v.replace(/^--/, ''), all[i + 1]]] : pairs), []));
for (const need of ['server', 'web-root', 'data-dir', 'tokens']) {
  if (!args[need]) { console.error(`missing --${need}`); process.exit(2); }
}
const target = Number(args.target ?? 20000);
const loadSeconds = Number(args['load-seconds'] ?? 90);
const liveMessages = Number(args.messages ?? 30);
const liveRate = Number(args.rate ?? 5);
const dpr = 2, width = 1280, height = 800;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// "chat_id token" per line: the reader is the first member, the poster the second.
const tokenLines = readFileSync(args.tokens, 'utf8').trim().split('\n').map((l) => l.split(' '));
const chatId = Number(tokenLines[0][0]);
const posterToken = tokenLines[1][1];

// --- the server ------------------------------------------------------------------
async function startServer() {
  const ready = join(args['data-dir'], `ready-${Date.now()}`);
  const proc = spawn(args.server, ['--data-dir', args['data-dir'], '--address', '127.0.0.1', '--port', '0',
    '--web-root', args['web-root'], '--ready-file', ready], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d.toString(); });
  const exited = new Promise((r) => proc.once('exit', r));
  for (let i = 0; i < 600; i++) {
    if (existsSync(ready)) {
      const port = Number(readFileSync(ready, 'utf8').trim());
      if (port > 0) return { proc, port, exited, log: () => log };
    }
    if (proc.exitCode !== null) break;
    await sleep(50);
  }
  proc.kill('SIGKILL');
  throw new Error(`parta-server did not start:\n${log}`);
}

// --- the poster: ResumeSession, then SendMessage; protobuf by hand -------------------
function varint(v) {
  const bytes = [];
  while (v >= 128) { bytes.push((v % 128) | 0x80); v = Math.floor(v / 128); }
  bytes.push(v);
  return Buffer.from(bytes);
}
const uintField = (field, v) => Buffer.concat([varint(field * 8), varint(v)]);
const bytesField = (field, b) => Buffer.concat([varint(field * 8 + 2), varint(b.length), b]);
// The top-level field numbers of a ServerFrame (its body's field tells the reply).
function fieldNumbers(buf) {
  const out = [];
  let pos = 0;
  const read = () => { let v = 0, mul = 1, b; do { b = buf[pos++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80); return v; };
  while (pos < buf.length) {
    const key = read(), wire = key & 7;
    out.push(Math.floor(key / 8));
    if (wire === 0) read(); else if (wire === 2) pos += read(); else break;
  }
  return out;
}

class Poster {
  constructor(port, token) {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    this.ws.binaryType = 'nodebuffer';
    this.acked = 0;
    this.errors = 0;
    this.next = 2;
    this.online = new Promise((resolve, reject) => {
      this.ws.on('error', reject);
      this.ws.on('open', () => {
        const resume = Buffer.concat([bytesField(1, Buffer.from(token)), uintField(2, 1)]);
        this.ws.send(Buffer.concat([uintField(1, 1), bytesField(11, resume)]));
      });
      this.ws.on('message', (data) => {
        const fields = fieldNumbers(data);
        if (fields.includes(11)) resolve();       // LoginOk
        else if (fields.includes(14)) this.acked++; // MessageSent
        else if (fields.includes(10)) { this.errors++; reject(new Error('Error frame from the server')); }
      });
    });
  }
  send(text) {
    const id = this.next++;
    const msg = Buffer.concat([uintField(1, chatId), bytesField(2, Buffer.from(`live-${id}`)), bytesField(3, Buffer.from(text))]);
    this.ws.send(Buffer.concat([uintField(1, id), bytesField(15, msg)]));
  }
  close() { this.ws.close(); }
}

// Wheel events on the canvas, one per animation frame for `ms`, dispatched in
// the page: they take the client's own wheel path (on_wheel in web_main.cpp ->
// ImGui) at a real wheel's pace. (CDP's Input.dispatchMouseEvent returns only
// ~160 ms after each wheel in this headless set-up: 6 steps/s.) ImGui already
// has the pointer over the history from a real mouse move.
async function wheel(page, deltaY, ms, count = Infinity) {
  return page.evaluate(({ deltaY, ms, count }) => new Promise((resolve) => {
    const canvas = document.getElementById('canvas');
    const end = performance.now() + ms;
    let n = 0;
    const step = () => {
      if (performance.now() >= end || n >= count) return resolve(n);
      canvas.dispatchEvent(new WheelEvent('wheel', { deltaY, deltaMode: 0, bubbles: true, cancelable: true }));
      n++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }), { deltaY, ms, count });
}
const countLoaded = (page) => page.evaluate(() => window.partaTest.state().messages.length);

// --- statistics -------------------------------------------------------------------
function summary(times) {
  const s = [...times].sort((a, b) => a - b);
  const q = (p) => s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
  return { times, n: s.length, median: q(0.5), p95: q(0.95), max: s.length ? s[s.length - 1] : NaN };
}
const fmt = (v) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const line = (label, t) => `${label}: ${t.n} frames, median ${fmt(t.median)} ms, p95 ${fmt(t.p95)} ms, max ${fmt(t.max)} ms`;

// --- the run -------------------------------------------------------------------------
const server = await startServer();
const browser = await launch();
let status = 0;
try {
  const { page, errors } = await open(browser, `http://127.0.0.1:${server.port}/`, { dpr, width, height });
  await login(page, 'bench1@bench.school', 'bench-password');
  await openChat(page, 'Room 1');
  await waitFor(page, () => window.partaTest.state().messages.length > 0, null, 'the newest page', 30000);
  const composer = (await state(page)).widgets.composer;
  // The history pane: above the composer, in its column.
  const hx = composer[0] + composer[2] / 2, hy = Math.max(120, composer[1] - 250);
  await page.mouse.move(hx, hy);

  // 1. Page in older history: the client asks for the next page (50 messages)
  // whenever the view is near the top, so keep wheeling up; one request at a
  // time. state() is costly with thousands of messages: counted every 5 s.
  // Each page takes ~3 frames (the request; the page lands and the view keeps
  // its place; the next wheel), and headless Chromium's software GL draws 10-20 frames/s
  // at 2560x1600 here, so this phase is bounded by time (--load-seconds).
  await page.evaluate(() => window.partaTest.frameTimes());
  const loadStart = Date.now();
  let loaded = await countLoaded(page);
  const first = loaded;
  while (loaded < target && Date.now() - loadStart < loadSeconds * 1000) {
    await wheel(page, -20000, Math.min(5000, loadSeconds * 1000 - (Date.now() - loadStart)));
    loaded = await countLoaded(page);
  }
  const loadS = (Date.now() - loadStart) / 1000;
  await sleep(1000);  // the last page lands
  const paging = summary(await page.evaluate(() => window.partaTest.frameTimes()));
  loaded = await countLoaded(page);
  console.log(`loaded_messages: ${loaded} (of ${args.history ?? '100,000'}; ${Math.round((loaded - first) / 50)} older pages in ${loadS.toFixed(1)} s)`);

  // 2. Scrolling down through the loaded history: one wheel notch per frame, 150 of them.
  await page.evaluate(() => window.partaTest.frameTimes());
  const steps = await wheel(page, 100, 30000, 150);
  await sleep(300);
  const scroll = summary(await page.evaluate(() => window.partaTest.frameTimes()));

  // 3. At the bottom, idle, with messages arriving from another member.
  await wheel(page, 10000000, 200);
  await page.mouse.move(hx, height - 5);  // the pointer leaves the history (no hover changes)
  await sleep(1000);
  const before = await page.evaluate(() => window.partaTest.state().messages.length);
  const poster = new Poster(server.port, posterToken);
  await poster.online;
  await page.evaluate(() => window.partaTest.frameTimes());
  const idleStart = Date.now();
  for (let i = 0; i < liveMessages; i++) {
    poster.send(`Live message ${i + 1} while the 100,000-message chat is open`);
    await sleep(1000 / liveRate);
  }
  await sleep(1000);
  const live = summary(await page.evaluate(() => window.partaTest.frameTimes()));
  const idleS = (Date.now() - idleStart) / 1000;
  const after = await page.evaluate(() => window.partaTest.state().messages.length);
  poster.close();
  if (poster.acked !== liveMessages || after - before !== liveMessages) {
    console.error(`live messages: ${poster.acked} acked, ${after - before} shown (expected ${liveMessages})`);
    status = 1;
  }

  console.log(`dpr: ${dpr}, viewport: ${width}x${height} (headless Chromium, software GL)`);
  console.log(line('paging (wheel up, older pages arriving; not in the totals)', paging));
  console.log(line(`scroll (${steps} wheel notches down through the loaded history, one per frame)`, scroll));
  console.log(line(`live (${liveMessages} messages at ${liveRate}/s over ${idleS.toFixed(1)} s, scrolled to the bottom)`, live));
  const frames = [...scroll.times, ...live.times];
  const total = summary(frames);
  console.log(`frame_cpu_ms_median: ${fmt(total.median)}`);
  console.log(`frame_cpu_ms_p95: ${fmt(total.p95)}`);
  console.log(`frame_cpu_ms_max: ${fmt(total.max)} (${total.n} frames)`);
  if (errors.length) console.log(`page errors: ${errors.slice(0, 5).join(' | ')}`);
} catch (e) {
  console.error(String(e?.stack || e));
  status = 1;
} finally {
  await browser.close();
  server.proc.kill('SIGTERM');
  await Promise.race([server.exited, sleep(10000)]);
  if (server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
}
process.exit(status);
