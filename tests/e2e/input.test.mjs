// End to end: text that does not come from key events (client/platform/web_text_bridge.cpp)
// and glyphs the font lacks (client/platform/web_glyphs.cpp). A teacher types into the
// composer with CDP Input.insertText (the IME/dictation path) and pastes with a paste
// event; a student receives exactly that text and sees the emoji drawn, not '?'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, login, openChat, clickWidget, waitForMessage, waitFor, state } from './lib/client.mjs';


const env = setup();

// Activates the composer and waits until the hidden textarea holds the focus.
async function focusComposer(page) {
  await clickWidget(page, 'composer');
  await waitFor(page, () => document.activeElement && document.activeElement.id === 'parta-ime', null,
    'the text bridge to take the focus');
}

// Pixels of a color emoji (Noto's yellow hand) in the area of the page below the
// chat header: decoded from a screenshot inside the page.
async function emojiPixels(page, path) {
  const png = await page.screenshot({ path });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > 220 && d[i + 1] > 140 && d[i + 1] < 225 && d[i + 2] < 90) n++;
    }
    return n;
  }, png.toString('base64'));
}

test('IME text, paste and emoji reach the other page exactly', async () => {
  const teacher = await open(env.browser, env.server.url, { dpr: 1.5 });
  const student = await open(env.browser, env.server.url, { dpr: 1.5 });
  await login(teacher.page, 'teacher@demo.school', 'demo-teacher');
  await login(student.page, 'student1@demo.school', 'demo-student');
  await openChat(teacher.page, '5А');
  await openChat(student.page, '5А');
  const yellowBefore = await emojiPixels(student.page, join(artifacts, 'input-before.png'));

  // The IME path: text inserted without key events.
  const typed = 'Привет 👋 ёлка';
  await focusComposer(teacher.page);
  const cdp = await teacher.page.context().newCDPSession(teacher.page);
  await cdp.send('Input.insertText', { text: typed });
  await cdp.detach();
  await waitFor(teacher.page, () => window.partaTest.textInput().texts > 0, null, 'the bridge to deliver the text');
  await teacher.page.screenshot({ path: join(artifacts, 'input-composer.png') });
  await teacher.page.keyboard.press('Enter');
  await waitForMessage(student.page, typed, 'the inserted text on the student page');
  const got = (await state(student.page)).messages.filter((m) => m.text === typed);
  assert.equal(got.length, 1, 'exactly one message with exactly that text');

  // Paste: a paste event with text/plain, as the browser fires it on Ctrl+V.
  const pasted = 'Из буфера: ♥ ✓ → «ок» 😀';
  await focusComposer(teacher.page);
  await teacher.page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, pasted);
  await waitFor(teacher.page, () => window.partaTest.textInput().pastes > 0, null, 'the paste to arrive');
  await teacher.page.keyboard.press('Enter');
  await waitForMessage(student.page, pasted, 'the pasted text on the student page');

  // An IME composition (a dead key, then its letter): shown while composing, sent once.
  await focusComposer(teacher.page);
  const ime = await teacher.page.context().newCDPSession(teacher.page);
  await ime.send('Input.insertText', { text: 'Caf' });
  await ime.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
  assert.ok(await teacher.page.evaluate(() => document.getElementById('parta-ime').classList.contains('composing')),
    'the composition is shown over the caret');
  await teacher.page.screenshot({ path: join(artifacts, 'input-composing.png') });
  await ime.send('Input.insertText', { text: 'é' });
  await ime.detach();
  await teacher.page.keyboard.press('Enter');
  await waitForMessage(student.page, 'Café', 'the composed text on the student page');

  // Copy: ImGui's Ctrl+A, Ctrl+C in the composer reach the system clipboard.
  await teacher.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url.replace(/\/$/, '') });
  await focusComposer(teacher.page);
  const copy = await teacher.page.context().newCDPSession(teacher.page);
  await copy.send('Input.insertText', { text: 'копия ✓' });
  await copy.detach();
  await teacher.page.keyboard.press('Control+A');
  await teacher.page.keyboard.press('Control+C');
  await waitFor(teacher.page, () => navigator.clipboard.readText().then((t) => t === 'копия ✓'), null, 'the copied text on the clipboard');
  await teacher.page.keyboard.press('Enter');
  await waitForMessage(student.page, 'копия ✓', 'the copied text sent');

  // Glyphs the font lacks were rasterized by the browser and drawn.
  const want = [0x1F44B, 0x1F600, 0x2665];
  await waitFor(student.page, (cps) => {
    const g = window.partaTest.glyphs();
    return cps.every((cp) => g.rasterized.includes(cp));
  }, want, 'the emoji and symbols to be rasterized');
  await student.page.waitForTimeout(300);  // the frames after the upload
  const yellowAfter = await emojiPixels(student.page, join(artifacts, 'input-emoji.png'));
  // The colors need an emoji font on the machine (Debian: fonts-noto-color-emoji);
  // without one the browser draws its own fallback, which is still not '?'.
  const colorEmoji = await student.page.evaluate(() => {
    const c = new OffscreenCanvas(40, 40), ctx = c.getContext('2d');
    ctx.font = '32px sans-serif, "Noto Color Emoji"';
    ctx.fillText(String.fromCodePoint(0x1F600), 0, 32);
    const d = ctx.getImageData(0, 0, 40, 40).data;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && Math.abs(d[i] - d[i + 2]) > 60) return true;
    return false;
  });
  if (colorEmoji) {
    assert.ok(yellowAfter > yellowBefore + 20, `color emoji drawn (${yellowBefore} -> ${yellowAfter} emoji-colored pixels)`);
  } else {
    console.log('no color emoji font in this browser: checked the rasterization only');
  }

  for (const p of [teacher, student]) {
    assert.deepEqual(p.errors, [], 'no errors in the page console');
    await p.context.close();
  }
});

test('a flick in the history keeps scrolling after the finger lifts, and a touch stops it', async () => {
  const context = await env.browser.newContext({ deviceScaleFactor: 2, viewport: { width: 900, height: 520 }, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.server.url);
  await waitFor(page, () => window.partaTest && window.partaTest.state().first_interactive_ms != null, null, 'first frame', 30000);
  await login(page, 'student2@demo.school', 'demo-student');
  await openChat(page, '5А');
  await page.waitForTimeout(500);

  // A quick downward flick over the history: 180 CSS px in 96 ms. The events carry
  // their own times (a finger's are the hardware's): a busy test machine that
  // delivers them late must not turn the flick into a slow drag.
  const cdp = await context.newCDPSession(page);
  const x = 650;
  const t0 = Date.now() / 1000;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: 200 }], timestamp: t0 });
  for (let i = 1; i <= 6; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: 200 + 30 * i }], timestamp: t0 + 0.016 * i });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: t0 + 0.016 * 7 });
  const f0 = (await state(page)).frames;
  await page.screenshot({ path: join(artifacts, 'input-fling-release.png') });
  await page.waitForTimeout(400);
  const f1 = (await state(page)).frames;
  // Render on demand: without the fling only ~3 settling frames would follow.
  assert.ok(f1 - f0 >= 5, `the fling animates after the release (${f1 - f0} frames in 400 ms)`);

  // A touch stops it (an unstopped fling of this speed runs ~1.6 s): the page
  // is idle for 500 ms starting within a second of the touch.
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: 300 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const touched = Date.now();
  let last = -1, stableSince = Date.now(), idle = false;
  while (!idle && Date.now() - touched < 1500) {
    const frames = (await state(page)).frames;
    if (frames !== last) { last = frames; stableSince = Date.now(); }
    idle = Date.now() - stableSince >= 500 && stableSince - touched <= 1000;
    await page.waitForTimeout(50);
  }
  assert.ok(idle, 'the page went idle soon after the touch that stopped the fling');
  await page.screenshot({ path: join(artifacts, 'input-fling-stopped.png') });
  await cdp.detach();
  assert.deepEqual(errors, []);
  await context.close();
});
