// End to end through the accessibility mirror only: every element is found by
// its ARIA role and accessible name (as a screen reader sees the page) and
// activated as assistive technology does it (a DOM click, or focusing a
// textbox); text is typed with the keyboard. The test hook is read to wait for
// the client, never to find where to click. Also: the keyboard alone reaches the
// composer, and the aria-live region reads out a message from someone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, waitFor, typeText, state } from './lib/client.mjs';
import { activate, activateNamed, focusTextbox, mirror, mirrorAttr } from './lib/mirror.mjs';

const env = setup();

async function loginViaMirror(page, loginName, password) {
  await mirror(page, 'textbox', 'E-mail или телефон').waitFor({ state: 'attached' });
  await focusTextbox(page, 'E-mail или телефон', 'login');
  await typeText(page, loginName);
  await focusTextbox(page, 'Пароль', 'password');
  await typeText(page, password);
  await activate(mirror(page, 'button', 'Войти'));
  await waitFor(page, () => {
    const s = window.partaTest.state();
    return s.screen === 'main' && s.connection === 'online' && s.chats.length > 0;
  }, null, `main screen after login as ${loginName}`);
}

async function openChatViaMirror(page, title) {
  const row = mirror(page, 'option', new RegExp(`^${title}(,|$)`));
  await row.waitFor({ state: 'attached' });
  await activate(row);
  await waitFor(page, (t) => {
    const s = window.partaTest.state();
    return s.chats.some((c) => c.id === s.open_chat && c.title === t);
  }, title, `chat ${title} to open`);
  // The row now says it is the selected one.
  await waitFor(page, (t) => [...document.querySelectorAll('#parta-a11y [role=option]')]
    .some((e) => e.getAttribute('aria-label').startsWith(t) && e.getAttribute('aria-selected') === 'true'), title, 'the row selected');
}

async function sendViaMirror(page, text) {
  await focusTextbox(page, 'Сообщение', 'composer');
  await typeText(page, text);
  const send = mirror(page, 'button', 'Отправить');
  await waitFor(page, () => {
    const b = [...document.querySelectorAll('#parta-a11y [role=button]')].find((e) => e.getAttribute('aria-label') === 'Отправить');
    return b && b.getAttribute('aria-disabled') !== 'true';
  }, null, 'the Send button to be enabled');
  await activate(send);
  await waitFor(page, (t) => window.partaTest.state().messages.some((m) => m.text === t), text, `message "${text}" shown`);
}

test('log in, open 5А, send, and hear an incoming message: all through the mirror', async () => {
  const teacher = await open(env.browser, env.server.url);
  const student = await open(env.browser, env.server.url);

  await loginViaMirror(teacher.page, 'teacher@demo.school', 'demo-teacher');
  await openChatViaMirror(teacher.page, '5А');
  await sendViaMirror(teacher.page, 'Доброе утро, 5А!');

  // A second person, driven the same way, answers; the teacher's page reads it out.
  await loginViaMirror(student.page, 'student1@demo.school', 'demo-student');
  await openChatViaMirror(student.page, '5А');
  await sendViaMirror(student.page, 'Здравствуйте!');
  await waitFor(teacher.page, () => (document.getElementById('parta-a11y-live').textContent || '')
    .includes('Новое сообщение от Иван Петров: Здравствуйте!'), null, 'the live region to announce the answer');
  // Our own message was not announced.
  const live = await teacher.page.locator('#parta-a11y-live').textContent();
  assert.ok(!live.includes('Доброе утро'), `own message announced: ${live}`);
  assert.equal(await teacher.page.locator('#parta-a11y-live').getAttribute('aria-live'), 'polite');

  await teacher.page.screenshot({ path: join(artifacts, 'a11y-teacher.png') });
  for (const p of [teacher, student]) {
    assert.deepEqual(p.errors, [], 'no errors in the page console');
    await p.context.close();
  }
});

test('the keyboard alone reaches the composer', async () => {
  const p = await open(env.browser, env.server.url);
  const { page } = p;
  await waitFor(page, () => window.partaTest.state().screen === 'login', null, 'login screen');
  // The login field has the focus from the start; Tab goes to the password.
  await waitFor(page, () => window.partaTest.state().focused === 'login', null, 'the login field focused');
  await typeText(page, 'student2@demo.school');
  await page.keyboard.press('Tab');
  await waitFor(page, () => window.partaTest.state().focused === 'password', null, 'Tab to the password');
  await typeText(page, 'demo-student');
  await page.keyboard.press('Enter');
  await waitFor(page, () => {
    const s = window.partaTest.state();
    return s.screen === 'main' && s.connection === 'online' && s.chats.length > 0;
  }, null, 'main screen');
  // Tab walks the items; Enter on the class chat's row opens it, which puts
  // the focus into the composer.
  // The DOM focus follows ImGui's a frame or two after the key (frames are
  // drawn on demand), so each step waits for it to settle instead of a fixed
  // pause: with a fixed 60 ms the mirror could still show the previous item,
  // and Enter then went to the next one.
  const settledFocus = async () => {
    let last, since = Date.now();
    for (let k = 0; k < 50; k++) {
      const f = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('aria-label'));
      if (f !== last) { last = f; since = Date.now(); } else if (Date.now() - since >= 250) break;
      await page.waitForTimeout(25);
    }
    return last;
  };
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    const focused = await settledFocus();
    if (focused && /^5А(,|$)/.test(focused)) {
      await page.screenshot({ path: join(artifacts, 'a11y-focus-ring.png') });  // the row's ring
      await page.keyboard.press('Enter');
      await waitFor(page, () => window.partaTest.state().focused === 'composer', null, 'the composer focused');
      reached = true;
      break;
    }
    await page.keyboard.press('Tab');
  }
  assert.ok(reached, `Tab never reached the 5А row; state: ${JSON.stringify((await state(page)).focused)}`);
  // DOM focus followed ImGui's: the mirror's composer textbox has it, unless the
  // text input bridge (a hidden textarea for IME and on-screen keyboards) took it.
  const active = await page.evaluate(() => ({ tag: document.activeElement.tagName, label: document.activeElement.getAttribute('aria-label') }));
  assert.ok(active.label === 'Сообщение' || active.tag === 'TEXTAREA', `DOM focus on ${JSON.stringify(active)}`);
  await typeText(page, 'С клавиатуры');
  await page.keyboard.press('Enter');
  await waitFor(page, () => window.partaTest.state().messages.some((m) => m.text === 'С клавиатуры'), null, 'the message sent by keyboard');
  await page.screenshot({ path: join(artifacts, 'a11y-keyboard.png') });
  assert.deepEqual(p.errors, [], 'no errors in the page console');
  await p.context.close();
});

test("a message's actions through the mirror: its list item opens the menu, select text copies it exactly", async () => {
  const p = await open(env.browser, env.server.url, { width: 1100, height: 760 });
  const { page } = p;
  await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url.replace(/\/$/, '') });
  await loginViaMirror(page, 'student1@demo.school', 'demo-student');
  await openChatViaMirror(page, '5А');
  // Long enough to wrap in the "select text" window: the copy must not gain line breaks.
  const text = 'Домашнее задание на среду: упражнения 12, 14 и 15 на странице 48, а также выучить правило про безударные гласные.';
  await sendViaMirror(page, text);

  // The message is a list item: "<name>, <time>: <text>".
  const item = mirror(page, 'listitem', new RegExp(`: ${text.slice(0, 20)}`));
  await item.waitFor({ state: 'attached' });
  await activate(item);
  // (A student's own message: no pinning.)
  for (const name of ['Ответить', 'Изменить', 'Копировать текст', 'Выделить текст', 'Удалить']) {
    await mirror(page, 'menuitem', name).waitFor({ state: 'attached' });
  }
  await activateNamed(page, 'menuitem', 'Выделить текст');
  const field = mirror(page, 'textbox', text);
  await field.waitFor({ state: 'attached' });
  assert.equal(await field.getAttribute('aria-multiline'), 'true');
  await focusTextbox(page, text, 'select_text');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await waitFor(page, (t) => navigator.clipboard.readText().then((c) => c === t), text, 'the whole text on the clipboard, no added line breaks');
  // A part of it: Home, then Shift+Right x 8 selects "Домашнее".
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowRight');
  await activateNamed(page, 'button', 'Копировать текст');
  await waitFor(page, () => navigator.clipboard.readText().then((c) => c === 'Домашнее'), null, 'the selected word on the clipboard');
  await page.screenshot({ path: join(artifacts, 'a11y-select-text.png') });
  await activateNamed(page, 'button', 'Закрыть');
  await mirror(page, 'textbox', text).waitFor({ state: 'detached' });

  // The demo poll, voted through the mirror: radio options, then "Голосовать"; the
  // results (with their shares) show once voted.
  const option = mirror(page, 'radio', /^В субботу/);
  await option.waitFor({ state: 'attached' }).catch(async () => {
    // The poll is older than the new message: scroll the history up to it.
    await page.mouse.move(700, 300);
    await page.mouse.wheel(0, -3000);
    await option.waitFor({ state: 'attached' });
  });
  await activate(option);
  await waitFor(page, () => [...document.querySelectorAll('#parta-a11y [role=radio]')]
    .some((e) => e.getAttribute('aria-label').startsWith('В субботу') && e.getAttribute('aria-checked') === 'true'), null, 'the option checked');
  await activateNamed(page, 'button', 'Голосовать');
  await waitFor(page, () => [...document.querySelectorAll('#parta-a11y [role=radio]')]
    .some((e) => /^В субботу, \d+%$/.test(e.getAttribute('aria-label'))), null, 'the results with percentages');
  assert.equal(await mirrorAttr(page, 'radio', 'В субботу', 'aria-disabled'), 'true', 'voted: the options are read-only');
  assert.deepEqual(p.errors, [], 'no errors in the page console');
  await p.context.close();
});

test('Tab leaves the composer for the rest of the screen, and the focus ring is drawn at the scale', async () => {
  const p = await open(env.browser, env.server.url, { dpr: 2, width: 1100, height: 760 });
  const { page } = p;
  await loginViaMirror(page, 'student3@demo.school', 'demo-student');
  await openChatViaMirror(page, '5А');
  await waitFor(page, () => window.partaTest.state().focused === 'composer', null, 'the composer focused');
  // Tab walks on from the composer: to Send (disabled, skipped or not), then on to other panes.
  const seen = [];
  const focusedLabel = () => page.evaluate(() => document.activeElement && document.activeElement.getAttribute('aria-label'));
  let label = await focusedLabel();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    // The mirror's focus follows ImGui's within a few frames.
    const before = label;
    for (let t = 0; t < 20 && (label === before || !label); t++) {
      await page.waitForTimeout(50);
      label = await focusedLabel();
    }
    if (label) seen.push(label);
    if (label && /^5А(,|$)/.test(label)) break;
  }
  assert.ok(seen.some((l) => /^5А(,|$)/.test(l)), `Tab from the composer reached the chat list; saw ${JSON.stringify(seen)}`);
  await page.screenshot({ path: join(artifacts, 'a11y-focus-ring-list.png') });
  assert.deepEqual(p.errors, [], 'no errors in the page console');
  await p.context.close();
});
