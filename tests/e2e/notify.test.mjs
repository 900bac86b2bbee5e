// Notifications: with them turned on (profile toggle, browser permission) a new
// message from someone else notifies while the tab is hidden, and the title
// counts unread messages ("(2) Parta"); a muted chat neither notifies nor counts.
// The tab's hidden state is emulated (headless pages are always visible).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './lib/server.mjs';
import { open, login, openChat, sendMessage, waitFor, clickWidget, state } from './lib/client.mjs';

const env = setup();

const hideable = () => {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'hidden', { get: () => hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible'), configurable: true });
  window.__setHidden = (h) => { hidden = h; document.dispatchEvent(new Event('visibilitychange')); };
  window.__notes = [];
  const Real = window.Notification;
  const Fake = function (title, options) { window.__notes.push({ title, body: options.body }); return new Real(title, options); };
  Object.defineProperty(Fake, 'permission', { get: () => Real.permission });
  Fake.requestPermission = (cb) => Real.requestPermission(cb);
  window.Notification = Fake;
};

test('hidden tab: notification and unread count for a new message; a muted chat stays quiet', async () => {
  const teacher = await open(env.browser, env.server.url);
  const student = await open(env.browser, env.server.url);
  await student.context.grantPermissions(['notifications']);
  await student.page.addInitScript(hideable);
  await student.page.reload();
  await login(teacher.page, 'teacher@demo.school', 'demo-teacher');
  await login(student.page, 'student1@demo.school', 'demo-student');

  // Turn notifications on in the profile.
  await student.page.evaluate(() => { location.hash = '#/profile'; });
  await waitFor(student.page, () => window.partaTest.state().route === 'profile', null, 'profile');
  await clickWidget(student.page, 'notifications_toggle');
  await waitFor(student.page, () => window.partaTest.state().notifications === true, null, 'notifications on');
  await student.page.evaluate(() => { location.hash = '#/'; });
  await waitFor(student.page, () => window.partaTest.state().route === 'main', null, 'chats');
  const before = await student.page.evaluate(() => window.__notes.length);

  await openChat(teacher.page, '5А');
  await student.page.evaluate(() => window.__setHidden(true));
  await sendMessage(teacher.page, 'Проверка уведомлений');
  await waitFor(student.page, (n) => window.__notes.length > n, before, 'a notification');
  const note = await student.page.evaluate(() => window.__notes[window.__notes.length - 1]);
  assert.equal(note.title, '5А');
  assert.match(note.body, /Проверка уведомлений$/);
  await waitFor(student.page, () => /^\(\d+\) Parta$/.test(document.title), null, 'unread count in the title');
  const counted = await student.page.title();

  // Mute 5А: no notification, and the count leaves the title.
  await student.page.evaluate(() => window.__setHidden(false));
  const chat = await openChat(student.page, '5А');
  await clickWidget(student.page, 'chat_mute');
  await waitFor(student.page, (id) => window.partaTest.state().muted_chats.includes(id), chat.id, 'chat muted');
  await openChat(student.page, 'Объявления 5А');
  await student.page.evaluate(() => window.__setHidden(true));
  const notes = await student.page.evaluate(() => window.__notes.length);
  await sendMessage(teacher.page, 'Это не должно уведомить');
  await waitFor(student.page, () => window.partaTest.state().chats.some((c) => c.title === '5А' && c.unread > 0), null, 'the unread message');
  await student.page.waitForTimeout(500);
  assert.equal(await student.page.evaluate(() => window.__notes.length), notes, 'a muted chat does not notify');
  const s = await state(student.page);
  const unmutedUnread = s.chats.filter((c) => !s.muted_chats.includes(c.id)).reduce((a, c) => a + (c.unread || 0), 0);
  assert.equal(await student.page.title(), unmutedUnread > 0 ? `(${unmutedUnread}) Parta` : 'Parta');
  assert.notEqual(counted, undefined);
  // The setting survives a reload.
  await student.page.reload();
  await waitFor(student.page, (id) => window.partaTest.state().muted_chats?.includes(id), chat.id, 'mute kept after reload');
  await teacher.context.close();
  await student.context.close();
});
