// End to end: the reliability contract in a real browser. A message sent while the
// server is down waits in the outbox and is delivered once when it is back; a
// reload right after Enter (server up, or paused so no ack can come) loses
// nothing and duplicates nothing; a reopened app shows the cached chats before it
// reaches the server. Also measures how soon a write survives a reload from
// IndexedDB alone (figures in build/artifacts/e2e/persist.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, artifacts, serveShellOnly } from './lib/server.mjs';
import { open, login, openChat, sendMessage, waitFor, state, clickWidget, typeText } from './lib/client.mjs';

const env = setup();
const figures = {};

function persist(page) {
  return page.evaluate(() => window.partaTest.persist());
}

function count(s, text) {
  return s.messages.filter((m) => m.text === text).length;
}

async function teacherIn5A() {
  const p = await open(env.browser, env.server.url);
  await login(p.page, 'teacher@demo.school', 'demo-teacher');
  await openChat(p.page, '5А');
  return p;
}

// Waits for a reloaded page to have restored what it kept (the app connects after).
async function waitRestored(page) {
  await waitFor(page, () => window.partaTest && window.partaTest.persist && window.partaTest.persist().restored,
    null, 'the persisted data to be restored', 10000);
}

// Presses Enter on the typed message and reloads in the same task as the frame
// that accepted it (queued in the outbox, or already acknowledged), after
// `delayMs`. The reload is not awaited (the server may be paused).
async function sendAndReload(page, text, delayMs = 0) {
  await page.keyboard.press('Enter');
  await page.evaluate(([t, delay]) => new Promise((resolve, reject) => {
    const until = performance.now() + 5000;
    const check = () => {
      const s = window.partaTest.state();
      if (s.pending.some((p) => p.text === t) || s.messages.some((m) => m.text === t)) {
        // What the store had done at the moment of the reload (read back after it).
        const go = () => {
          sessionStorage.setItem('parta-e2e-before-reload', JSON.stringify(window.partaTest.persist()));
          resolve();
          location.reload();
        };
        return delay > 0 ? setTimeout(go, delay) : go();
      }
      if (performance.now() > until) return reject(new Error('the message never reached the outbox'));
      requestAnimationFrame(check);
    };
    check();
  }), [text, delayMs]).catch(async (e) => {
    if (/context was destroyed|navigat/i.test(String(e))) return;
    await page.screenshot({ path: join(artifacts, 'reliability-send-failed.png') }).catch(() => {});
    const s = await state(page).catch(() => null);
    throw new Error(`${e.message}: "${text}"; ui ${JSON.stringify(s?.ui)}; pending ${JSON.stringify(s?.pending)}; focused ${s?.focused}`);
  });
}

// A fresh page of another student reads 5А's history: the message is there once.
async function historyCount(text) {
  const p = await open(env.browser, env.server.url);
  await login(p.page, 'student2@demo.school', 'demo-student');
  await openChat(p.page, '5А');
  await waitFor(p.page, (t) => window.partaTest.state().messages.some((m) => m.text === t), text, `"${text}" in the history`);
  await p.page.waitForTimeout(300);  // a duplicate would have arrived with it
  const n = count(await state(p.page), text);
  await p.context.close();
  return n;
}

// --- a big cache for the start-up figure: ClientCache (shared/proto) encoded by hand.
function varint(n) {
  const out = [];
  let v = BigInt(n);
  do { let b = Number(v & 0x7fn); v >>= 7n; if (v > 0n) b |= 0x80; out.push(b); } while (v > 0n);
  return out;
}
const fieldVarint = (f, v) => [...varint(f << 3), ...varint(v)];
function fieldBytes(f, bytes) { return [...varint((f << 3) | 2), ...varint(bytes.length), ...bytes]; }
const utf8 = (t) => [...Buffer.from(t, 'utf8')];

// `chats` group chats of `perChat` messages each, for user `userId`.
function bigCache(userId, chats, perChat) {
  const out = [...fieldVarint(1, userId)];
  const now = Date.now();
  for (let c = 1; c <= chats; c++) {
    const id = 100000 + c;
    out.push(...fieldBytes(2, [...fieldVarint(1, id), ...fieldVarint(2, 2), ...fieldBytes(3, utf8(`Кэш ${c}`)),
      ...fieldVarint(4, perChat), ...fieldVarint(5, perChat)]));
    const history = [...fieldVarint(1, id)];
    for (let m = 1; m <= perChat; m++) {
      history.push(...fieldBytes(2, [...fieldVarint(1, id), ...fieldVarint(2, m), ...fieldVarint(3, userId),
        ...fieldBytes(4, utf8('Анна Сергеевна Смирнова')),
        ...fieldBytes(5, utf8(`Сообщение ${m} в чате ${c}: домашнее задание на завтра, параграф ${m % 40}.`)),
        ...fieldVarint(6, now - (perChat - m) * 60000), ...fieldVarint(14, m)]));
    }
    history.push(...fieldVarint(4, perChat));
    out.push(...fieldBytes(3, history));
  }
  return Uint8Array.from(out);
}

// Puts a 20 x 200 cache straight into IDBFS's database (from a page of the same
// origin that does not run the app, so nothing overwrites it), then opens the app.
async function measureBigCache(page) {
  const s = await state(page);
  const bytes = bigCache(s.me.id, 20, 200);
  const url = env.server.url;
  await page.goto(`${url}no-app-here`);
  await page.evaluate((data) => new Promise((resolve, reject) => {
    const req = indexedDB.open('/parta', 21);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['FILE_DATA'], 'readwrite');
      tx.objectStore('FILE_DATA').put({ timestamp: new Date(), mode: 0o100644, contents: new Uint8Array(data) }, '/parta/cache');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [...bytes]);
  await page.goto(url);
  await waitFor(page, () => window.partaTest.persist && window.partaTest.persist().from_cache && window.partaTest.state().chats.length >= 20,
    null, 'the big cache shown', 20000);
  const shown = await page.evaluate(() => ({ p: window.partaTest.persist(), at: performance.now() }));
  assert.equal(shown.p.cache_status, 'restored');
  return { cache_bytes: shown.p.cache_bytes, idbfs_load_ms: shown.p.load_ms, cache_restore_ms: shown.p.cache_restore_ms,
    restore_ms: shown.p.restore_ms, chats_shown_ms_after_navigation: Math.round(shown.at) };
}

test('a message sent while the server is down is delivered once when it is back', async () => {
  const teacher = await teacherIn5A();
  const student = await open(env.browser, env.server.url);
  await login(student.page, 'student1@demo.school', 'demo-student');
  await openChat(student.page, '5А');

  await env.server.stop();
  await waitFor(teacher.page, () => window.partaTest.state().connection !== 'online', null, 'the teacher page to see the server gone');
  const text = 'Пока сервер спит';
  await sendMessage(teacher.page, text);
  await waitFor(teacher.page, (t) => window.partaTest.state().pending.some((p) => p.text === t && !p.failed), text, 'the message pending');
  const offline = await state(teacher.page);
  assert.equal(count(offline, text), 0, 'not shown as delivered while the server is down');
  await teacher.page.screenshot({ path: join(artifacts, 'reliability-pending.png') });

  await env.server.start();
  // The reconnect backoff may wait a few seconds.
  await waitFor(teacher.page, (t) => {
    const s = window.partaTest.state();
    return s.connection === 'online' && s.pending.length === 0 && s.messages.some((m) => m.text === t);
  }, text, 'delivery after the restart', 40000);
  await waitFor(student.page, (t) => window.partaTest.state().messages.some((m) => m.text === t), text, 'the message on the student page', 40000);
  await student.page.waitForTimeout(300);
  assert.equal(count(await state(student.page), text), 1, 'the student sees it once');
  assert.equal(count(await state(teacher.page), text), 1, 'the teacher sees it once');
  assert.equal(await historyCount(text), 1, 'the history has it once');
  await teacher.context.close();
  await student.context.close();
});

test('a reload right after Enter loses nothing and duplicates nothing', async () => {
  const teacher = await teacherIn5A();
  const { page } = teacher;

  // Server up: the ack may or may not beat the reload.
  const first = 'Отправлено и сразу перезагружено';
  await clickWidget(page, 'composer');
  await typeText(page, first);
  await sendAndReload(page, first);
  await waitRestored(page);
  const restored1 = await persist(page);
  await waitFor(page, () => window.partaTest.state().screen === 'main' && window.partaTest.state().pending.length === 0,
    null, 'the outbox to empty after the reload', 30000);
  assert.equal(await historyCount(first), 1, 'delivered once (server up)');

  // Server paused: the frame sits in the server's socket buffer; the reloaded
  // page resends it with the same client id once the server runs again.
  await openChat(page, '5А');
  const composer = (await state(page)).ui?.composer_text;
  assert.ok(composer === undefined || !composer.includes(first), `the sent text is not offered again: "${composer}"`);
  const second = 'Сервер на паузе, а я перезагрузился';
  await clickWidget(page, 'composer');
  await typeText(page, second);
  env.server.pause();
  try {
    await sendAndReload(page, second);
    await page.waitForTimeout(1500);  // the reload waits for the paused server
  } finally {
    env.server.resume();
  }
  await waitRestored(page);
  const restored2 = await persist(page);
  await waitFor(page, () => {
    const s = window.partaTest.state();
    return s.screen === 'main' && s.connection === 'online' && s.pending.length === 0;
  }, null, 'the outbox to empty after the paused reload', 30000);
  assert.equal(await historyCount(second), 1, 'delivered once (server paused)');
  figures.reload_mid_send = { server_up: restored1.outbox_source, server_paused: restored2.outbox_source };
  await teacher.context.close();
});

test('a reopened app shows the cached chats at once, then syncs', async () => {
  const teacher = await teacherIn5A();
  const { page } = teacher;
  // The cache is written at most every 2 s, then committed to IndexedDB.
  // (Waiting for no unsaved change: a first write can predate the chat list.)
  await waitFor(page, () => {
    const p = window.partaTest.persist();
    return p.cache_writes > 0 && !p.cache_dirty;
  }, null, 'the cache to be written with the chats', 10000);
  await waitFor(page, () => !window.partaTest.persist().pending, null, 'the cache committed to IndexedDB');
  const before = await state(page);

  await env.server.stop();
  await serveShellOnly(env.server);
  await page.reload();
  try {
    await waitFor(page, () => {
      const s = window.partaTest.state();
      return s.chats.length > 0 && window.partaTest.persist().from_cache;
    }, null, 'cached chats after the reload with the server down');
  } catch (e) {
    // Leave the server up for the next test, and say what persistence saw.
    const p = await page.evaluate(() => window.partaTest.persist()).catch(() => null);
    if (!env.server.running) await env.server.start();
    throw new Error(`${e.message}; persistence: ${JSON.stringify(p)}`);
  }
  const shown = await page.evaluate(() => ({ s: window.partaTest.state(), p: window.partaTest.persist(), at: performance.now() }));
  assert.notEqual(shown.s.connection, 'online');
  assert.equal(shown.s.screen, 'main', 'the main screen is shown from the cache');
  assert.deepEqual(shown.s.chats.map((c) => c.title).sort(), before.chats.map((c) => c.title).sort());
  if (shown.s.open_chat) assert.ok(shown.s.messages.length > 0, 'the open chat shows its cached messages');
  figures.cache_reopen = { chats_shown_ms_after_navigation: Math.round(shown.at), restore_ms: shown.p.restore_ms,
    cache_restore_ms: shown.p.cache_restore_ms, cache_bytes: shown.p.cache_bytes, load_ms: shown.p.load_ms };
  await page.screenshot({ path: join(artifacts, 'reliability-cached.png') });

  await env.server.start();
  await waitFor(page, () => {
    const s = window.partaTest.state();
    return s.connection === 'online' && !window.partaTest.persist().from_cache;
  }, null, 'the sync after the restart', 40000);
  await teacher.context.close();
});

test('measure: how soon a written outbox survives a reload from IndexedDB alone', async () => {
  const teacher = await teacherIn5A();
  const { page } = teacher;
  // Commit latency: a write -> committed to IndexedDB, with no reload.
  await env.server.stop();
  await serveShellOnly(env.server);
  await waitFor(page, () => window.partaTest.state().connection !== 'online', null, 'offline');
  const commits = [];
  for (let i = 0; i < 5; i++) {
    const text = `Фиксация ${i}`;
    const syncs = (await persist(page)).syncs;
    await sendMessage(page, text);
    await waitFor(page, ([t, n]) => {
      const p = window.partaTest.persist();
      return window.partaTest.state().pending.some((m) => m.text === t) && p.syncs > n && !p.pending;
    }, [text, syncs], 'the outbox committed');
    const p = await persist(page);
    commits.push({ sync_ms: p.last_sync_ms, oldest_write_to_commit_ms: p.last_commit_ms });
  }
  figures.commit = commits;
  await env.server.start();
  await waitFor(page, () => window.partaTest.state().connection === 'online' && window.partaTest.state().pending.length === 0,
    null, 'delivery after the restart', 40000);

  const runs = [];
  for (const delay of [0, 10, 25, 50, 100, 200, 400]) {
    await waitFor(page, () => window.partaTest.state().screen === 'main' && window.partaTest.state().connection === 'online',
      null, 'the main screen', 40000);
    await openChat(page, '5А');
    await env.server.stop();  // no ack can empty the outbox before the reload
    await serveShellOnly(env.server);
    await waitFor(page, () => window.partaTest.state().connection !== 'online', null, 'offline');
    const text = `Замер ${delay} мс`;
    await clickWidget(page, 'composer');
    await typeText(page, text);
    try {
      await sendAndReload(page, text, delay);
    } catch (e) {
      await page.screenshot({ path: join(artifacts, `reliability-measure-${delay}.png`) });
      throw new Error(`${e.message} (delay ${delay} ms); state: ${JSON.stringify(await state(page)).slice(0, 1500)}`);
    }
    await waitRestored(page);
    const p = await persist(page);
    const s = await state(page);
    assert.ok(s.pending.some((m) => m.text === text),
      `"${text}" survived the reload; persist: ${JSON.stringify(p)}; pending: ${JSON.stringify(s.pending)}; screen ${s.screen}`);
    const atReload = await page.evaluate(() => JSON.parse(sessionStorage.getItem('parta-e2e-before-reload')));
    runs.push({ delay_ms: delay, from: p.outbox_source, committed_at_reload: !atReload.pending, last_sync_ms: atReload.last_sync_ms,
      load_ms: p.load_ms, restore_ms: p.restore_ms });
    await env.server.start();
    await waitFor(page, () => window.partaTest.state().connection === 'online' && window.partaTest.state().pending.length === 0,
      null, 'delivery after the restart', 40000);
  }
  figures.survive_reload = runs;
  figures.big_cache = await measureBigCache(page);
  writeFileSync(join(artifacts, 'persist.json'), JSON.stringify(figures, null, 2));
  console.log('persistence figures:', JSON.stringify(figures));
  await teacher.context.close();
});
