// Screenshots of the login screen and the chat view at device pixel ratios 1, 1.25,
// 1.5 and 2 and in the high-contrast theme (build/artifacts/e2e/visual-*.png,
// checked by eye for blur and clipping). Each checks that the canvas backing
// store is exactly its CSS size x devicePixelRatio and that the theme and font
// scale are applied (the test snapshot: theme, font_px, background). Also: the
// profile's settings change theme and font scale at once and survive a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, login, openChat, waitFor, waitForIdle, state, clickWidget } from './lib/client.mjs';

const env = setup();

async function checkCanvas(page, dpr) {
  const c = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    const r = canvas.getBoundingClientRect();
    return { w: canvas.width, h: canvas.height, cssW: r.width, cssH: r.height, dpr: window.devicePixelRatio };
  });
  assert.equal(c.dpr, dpr);
  assert.equal(c.w, Math.round(c.cssW * dpr), `backing width ${c.w} == CSS ${c.cssW} x ${dpr}`);
  assert.equal(c.h, Math.round(c.cssH * dpr), `backing height ${c.h} == CSS ${c.cssH} x ${dpr}`);
  const s = await state(page);
  assert.equal(s.dpr, dpr);
  return s;
}

const themeBackground = { light: 0xfff6f3f1, contrast: 0xff000000 };  // ImU32: ABGR

async function shoot(dpr, theme) {
  const tag = theme === 'light' ? `dpr${dpr}` : `${theme}-dpr${dpr}`;
  const p = await open(env.browser, env.server.url, { dpr, width: 1024, height: 700 });
  if (theme !== 'light') {
    await p.page.evaluate((t) => localStorage.setItem('parta.theme', t), theme);
    await p.page.reload();
    await waitFor(p.page, () => window.partaTest.state().first_interactive_ms != null, null, 'reload');
  }
  await waitFor(p.page, () => window.partaTest.state().screen === 'login', null, 'login screen');
  await waitForIdle(p.page, 500);
  let s = await checkCanvas(p.page, dpr);
  assert.equal(s.theme, theme);
  assert.equal(s.background, themeBackground[theme]);
  assert.equal(s.font_px, Math.round(17 * dpr), 'body font rasterized at 17 px x dpr');
  await p.page.screenshot({ path: join(artifacts, `visual-login-${tag}.png`) });

  await login(p.page, 'student1@demo.school', 'demo-student');
  await openChat(p.page, '5А');
  await waitForIdle(p.page, 500);
  s = await checkCanvas(p.page, dpr);
  assert.equal(s.theme, theme);
  await p.page.screenshot({ path: join(artifacts, `visual-chat-${tag}.png`) });
  assert.deepEqual(p.errors, []);
  await p.context.close();
}

for (const dpr of [1, 1.25, 1.5, 2]) {
  test(`login and chat at devicePixelRatio ${dpr}: backing store = CSS size x ${dpr}`, async () => {
    await shoot(dpr, 'light');
  });
}

test('high-contrast theme at devicePixelRatio 1.5', async () => {
  await shoot(1.5, 'contrast');
});

test('profile settings: theme and font scale apply at once and persist', async () => {
  const dpr = 1.5;
  const p = await open(env.browser, env.server.url, { dpr, width: 1024, height: 700 });
  await login(p.page, 'student1@demo.school', 'demo-student');
  await p.page.evaluate(() => { location.hash = '#/profile'; });
  await waitFor(p.page, () => window.partaTest.state().route === 'profile', null, 'profile route');
  await clickWidget(p.page, 'theme_dark');
  await waitFor(p.page, () => window.partaTest.state().theme === 'dark', null, 'dark theme');
  await clickWidget(p.page, 'font_scale_150');
  await waitFor(p.page, () => window.partaTest.state().font_scale === 150, null, 'font scale 150%');
  await waitForIdle(p.page, 500);
  const s = await checkCanvas(p.page, dpr);
  assert.equal(s.font_px, Math.round(17 * dpr * 1.5), 'atlas rebuilt at 17 px x dpr x 150%');
  await p.page.screenshot({ path: join(artifacts, 'visual-profile-dark-150-dpr1.5.png') });
  await p.page.reload();
  await waitFor(p.page, () => window.partaTest.state().first_interactive_ms != null, null, 'reload');
  const again = await state(p.page);
  assert.equal(again.theme, 'dark');
  assert.equal(again.font_scale, 150);
  assert.deepEqual(p.errors, []);
  await p.context.close();
});
