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

const env = setup();

// What a screen reader does on "activate": a click event on the element. (A
// Playwright .click() would hit-test a real mouse at the element's box, which
// is clipped away by design: the mirror is never seen.)
const activate = (locator) => locator.dispatchEvent('click');

// Focusing a mirror textbox clicks the ImGui field; waits until ImGui edits it.
async function focusTextbox(page, name, probe) {
  await page.getByRole('textbox', { name, exact: true }).focus();
  await waitFor(page, (p) => window.partaTest.state().focused === p, probe, `ImGui editing ${probe}`);
}

async function loginViaMirror(page, loginName, password) {
  await page.getByRole('textbox', { name: 'E-mail или телефон', exact: true }).waitFor({ state: 'attached' });
  await focusTextbox(page, 'E-mail или телефон', 'login');
  await typeText(page, loginName);
  await focusTextbox(page, 'Пароль', 'password');
  await typeText(page, password);
  await activate(page.getByRole('button', { name: 'Войти', exact: true }));
  await waitFor(page, () => {
    const s = window.partaTest.state();
    return s.screen === 'main' && s.connection === 'online' && s.chats.length > 0;
  }, null, `main screen after login as ${loginName}`);
}

async function openChatViaMirror(page, title) {
  const row = page.getByRole('option', { name: new RegExp(`^${title}(,|$)`) });
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
  const send = page.getByRole('button', { name: 'Отправить', exact: true });
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
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('aria-label'));
    if (focused && /^5А(,|$)/.test(focused)) {
      await page.screenshot({ path: join(artifacts, 'a11y-focus-ring.png') });  // the row's ring
      await page.keyboard.press('Enter');
      await waitFor(page, () => window.partaTest.state().focused === 'composer', null, 'the composer focused');
      reached = true;
      break;
    }
    await page.keyboard.press('Tab');
    await page.waitForTimeout(60);
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
