// Drives the Parta web client in headless Chromium through real input events,
// reading what it shows through the client's test hook (window.partaTest).
import { chromium } from 'playwright-core';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.PARTA_CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
}

export async function waitFor(page, predicate, arg, what, timeout = 15000) {
  try {
    await page.waitForFunction(predicate, arg, { timeout, polling: 50 });
  } catch (e) {
    const s = await state(page).catch(() => null);
    throw new Error(`timed out waiting for ${what}; client state: ${JSON.stringify(s)?.slice(0, 2000)}`);
  }
}

// Waits (at most 15 s) until the page has drawn no frame for `quietMs`.
export async function waitForIdle(page, quietMs = 500) {
  let last = -1;
  let stableSince = Date.now();
  for (const end = Date.now() + 15000; Date.now() < end;) {
    const frames = (await state(page)).frames;
    if (frames !== last) { last = frames; stableSince = Date.now(); }
    if (Date.now() - stableSince >= quietMs) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the page never went idle');
}

export async function state(page) {
  return page.evaluate(() => window.partaTest.state());
}

// Opens the client in a fresh context (its own storage) and waits for the first interactive frame.
export async function open(browser, url, { dpr = 2, width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ deviceScaleFactor: dpr, viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const started = Date.now();
  await page.goto(url);
  await waitFor(page, () => window.partaTest && window.partaTest.state().first_interactive_ms != null, null, 'first interactive frame', 30000);
  const loadMs = Date.now() - started;
  return { context, page, errors, loadMs };
}

function center(rect) {
  return [rect[0] + rect[2] / 2, rect[1] + rect[3] / 2];
}

export async function click(page, rect) {
  const [x, y] = center(rect);
  await page.mouse.click(x, y);
}

export async function clickWidget(page, name) {
  await waitFor(page, (n) => !!window.partaTest.state().widgets[n], name, `widget ${name}`);
  const s = await state(page);
  await click(page, s.widgets[name]);
}

// Types like a person on a keyboard with the matching layout: ASCII through
// Playwright's US layout, everything else (Cyrillic) as CDP key events that carry
// the character, as a Russian layout produces them.
export async function typeText(page, text) {
  const cdp = await page.context().newCDPSession(page);
  for (const ch of text) {
    if (/^[\x20-\x7e]$/.test(ch)) {
      await page.keyboard.type(ch);
    } else {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch, key: ch });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
    }
  }
  await cdp.detach();
}

// Logs in through the form; waits for the main screen (and, unless told otherwise,
// for the chat list: people with no chats, like the operator, pass withChats: false).
export async function login(page, loginName, password, { withChats = true } = {}) {
  await waitFor(page, () => window.partaTest.state().screen === 'login', null, 'login screen');
  await clickWidget(page, 'login');
  await typeText(page, loginName);
  await clickWidget(page, 'password');
  await typeText(page, password);
  await page.keyboard.press('Enter');
  await waitFor(page, (needChats) => {
    const s = window.partaTest.state();
    return s.screen === 'main' && s.connection === 'online' && (!needChats || s.chats.length > 0);
  }, withChats, `main screen after login as ${loginName}`);
}

export async function openChat(page, title) {
  await waitFor(page, (t) => window.partaTest.state().chats.some((c) => c.title === t && c.rect), title, `chat "${title}" in the list`);
  const s = await state(page);
  const chat = s.chats.find((c) => c.title === title);
  await click(page, chat.rect);
  await waitFor(page, (id) => window.partaTest.state().open_chat === id, chat.id, `chat "${title}" to open`);
  return chat;
}

export async function sendMessage(page, text) {
  await clickWidget(page, 'composer');
  await typeText(page, text);
  await page.keyboard.press('Enter');
}

export async function waitForMessage(page, text, what) {
  await waitFor(page, (t) => window.partaTest.state().messages.some((m) => m.text === t), text, what || `message "${text}"`);
}
