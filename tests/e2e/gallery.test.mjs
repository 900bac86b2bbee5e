// The UI gallery (#/gallery), the client's visual documentation: it opens
// without a login, shows the widgets and the real chat views over its sample
// school, and is readable through the accessibility mirror. Screenshots at
// devicePixelRatio 1, 1.25, 1.5 and 2 and in the dark and high-contrast themes
// (build/artifacts/e2e/gallery-*.png) are checked by eye for blur and clipping;
// the canvas backing store must be exactly CSS size x devicePixelRatio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, waitFor, waitForIdle, state } from './lib/client.mjs';
import { activateNamed, assertMirrorMatchesTree, mirrorList } from './lib/mirror.mjs';

const env = setup();

async function openGallery(dpr, width = 1280, height = 900) {
  const p = await open(env.browser, `${env.server.url}#/gallery`, { dpr, width, height });
  await waitFor(p.page, () => window.partaTest.state().route === 'gallery', null, 'the gallery route');
  await waitForIdle(p.page, 400);
  return p;
}

// Scrolls the gallery (the wheel over its left margin, outside the nested views) until `pred(list)` holds.
async function scrollUntil(page, pred, what) {
  for (let i = 0; i < 40; i++) {
    const list = await mirrorList(page);
    if (pred(list)) return list;
    await page.mouse.move(12, 300);
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(120);
  }
  throw new Error(`never saw ${what}; mirror: ${JSON.stringify(await mirrorList(page)).slice(0, 1500)}`);
}

async function backing(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cssW: r.width, cssH: r.height };
  });
}

for (const dpr of [1, 1.25, 1.5, 2]) {
  test(`the gallery at devicePixelRatio ${dpr}: widgets, then the chat views, all in the mirror`, async () => {
    const { page, errors, context } = await openGallery(dpr);
    const c = await backing(page);
    assert.equal(c.w, Math.round(c.cssW * dpr), `backing width ${c.w} = ${c.cssW} x ${dpr}`);
    assert.equal(c.h, Math.round(c.cssH * dpr), `backing height ${c.h} = ${c.cssH} x ${dpr}`);
    assert.equal((await state(page)).font_px, Math.round(17 * dpr), 'fonts rasterized at the device pixel ratio');
    await assertMirrorMatchesTree(page);
    const top = await mirrorList(page);
    assert.ok(!top.some((e) => e.startsWith('listitem:')), 'the chats (further down) are not in the mirror yet');
    for (const want of ['button:Войти', 'radio:Тёмная', 'checkbox:Флажок', 'link:Войти по коду из письма', 'button:Поиск в чате']) {
      assert.ok(top.includes(want), `${want} in the mirror: ${JSON.stringify(top).slice(0, 800)}`);
    }
    // The busy button is disabled for assistive technology too.
    const busy = await page.evaluate(() => [...document.querySelectorAll('#parta-a11y [role=button]')]
      .find((e) => e.getAttribute('aria-label') === 'Входим…')?.getAttribute('aria-disabled'));
    assert.equal(busy, 'true');
    await page.screenshot({ path: join(artifacts, `gallery-top-dpr${dpr}.png`) });

    // Further down: the chat list and a chat with messages in every state.
    const list = await scrollUntil(page, (l) => l.some((e) => e.startsWith('listitem:Иван Петров')), 'the sample messages');
    assert.ok(list.some((e) => /^option:5А, 2 непрочитанных$/.test(e)), 'the class chat row with its unread count');
    assert.ok(list.some((e) => e === 'option:Родители 5А, 128 непрочитанных'), 'a three-digit unread count');
    await scrollUntil(page, (l) => l.some((e) => e.includes('не отправлено')), 'the failed message');
    await waitForIdle(page, 300);
    await assertMirrorMatchesTree(page);
    await page.screenshot({ path: join(artifacts, `gallery-chats-dpr${dpr}.png`) });
    assert.deepEqual(errors, [], 'no errors in the page console');
    await context.close();
  });
}

test('the gallery switches themes through the mirror: dark and high contrast', async () => {
  const { page, errors, context } = await openGallery(1.5);
  for (const [name, code] of [['Тёмная', 'dark'], ['Высокий контраст', 'contrast']]) {
    await activateNamed(page, 'radio', name);
    await waitFor(page, (t) => window.partaTest.state().theme === t, code, `the ${code} theme`);
    await waitForIdle(page, 400);
    await page.screenshot({ path: join(artifacts, `gallery-top-${code}-dpr1.5.png`) });
    await scrollUntil(page, (l) => l.some((e) => e.startsWith('listitem:Иван Петров')), 'the sample messages');
    await page.screenshot({ path: join(artifacts, `gallery-chats-${code}-dpr1.5.png`) });
    await page.mouse.move(12, 300);
    await page.mouse.wheel(0, -20000);
    await waitForIdle(page, 300);
  }
  // Back to the app: the gallery leaves the route.
  await activateNamed(page, 'radio', 'Светлая');
  await activateNamed(page, 'link', '← К приложению');
  await waitFor(page, () => window.partaTest.state().route === 'login', null, 'the login screen');
  assert.deepEqual(errors, [], 'no errors in the page console');
  await context.close();
});
