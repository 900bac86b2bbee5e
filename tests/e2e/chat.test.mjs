// End to end: a teacher and two students of the demo school in headless Chromium.
// The teacher writes to class 5А; the student with the chat open sees it at once,
// the other student sees it as unread; the student answers; screenshots are saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, login, openChat, sendMessage, waitForMessage, waitFor, waitForIdle, state } from './lib/client.mjs';

const env = setup();

test('teacher and students chat in 5А in real time, in Russian', async () => {
  const teacher = await open(env.browser, env.server.url);
  const student = await open(env.browser, env.server.url);
  const student2 = await open(env.browser, env.server.url);

  await login(teacher.page, 'teacher@demo.school', 'demo-teacher');
  await login(student.page, 'student1@demo.school', 'demo-student');
  await login(student2.page, 'student2@demo.school', 'demo-student');

  // The chat list has the class chat and a personal chat with the teacher.
  const list = await state(student.page);
  assert.ok(list.chats.some((c) => c.title === '5А' && c.kind === 'group'), 'class chat listed');
  assert.ok(list.chats.some((c) => c.title === 'Анна Сергеевна Смирнова' && c.kind === 'direct'), 'personal chat listed');
  assert.equal(list.me.name, 'Иван Петров');

  await openChat(teacher.page, '5А');
  await openChat(student.page, '5А');
  const before = (await state(student2.page)).chats.find((c) => c.title === '5А').unread;

  await sendMessage(teacher.page, 'Привет, 5А!');
  await waitForMessage(student.page, 'Привет, 5А!', 'the teacher message on the student page');
  await waitForMessage(teacher.page, 'Привет, 5А!', 'the teacher message on the teacher page');
  await waitFor(teacher.page, () => window.partaTest.state().pending.length === 0, null, 'the outbox to empty');

  // Exactly once on each page, with the right author.
  const seen = (await state(student.page)).messages.filter((m) => m.text === 'Привет, 5А!');
  assert.equal(seen.length, 1);
  assert.equal(seen[0].sender_name, 'Анна Сергеевна Смирнова');

  // The other student did not open the chat: it shows as unread.
  await waitFor(student2.page, (n) => window.partaTest.state().chats.find((c) => c.title === '5А').unread === n + 1,
    before, 'the unread counter to grow on the second student page');

  await sendMessage(student.page, 'Здравствуйте, Анна Сергеевна!');
  await waitForMessage(teacher.page, 'Здравствуйте, Анна Сергеевна!', 'the answer on the teacher page');

  // Idle pages draw nothing (render on demand). First let the last network
  // replies (read receipts) and ImGui's settle frames pass, then watch 2 s.
  await waitForIdle(teacher.page, 700);
  const f0 = (await state(teacher.page)).frames;
  await teacher.page.waitForTimeout(2000);
  const f1 = (await state(teacher.page)).frames;
  assert.equal(f1 - f0, 0, `an idle page drew ${f1 - f0} frames in 2 s`);

  await teacher.page.screenshot({ path: join(artifacts, 'teacher.png') });
  await student.page.screenshot({ path: join(artifacts, 'student.png') });
  await student2.page.screenshot({ path: join(artifacts, 'student2.png') });
  writeFileSync(join(artifacts, 'load.json'), JSON.stringify({
    first_interactive_ms: (await state(teacher.page)).first_interactive_ms,
    wall_ms: teacher.loadMs,
  }, null, 2));

  for (const p of [teacher, student, student2]) {
    assert.deepEqual(p.errors, [], 'no errors in the page console');
    await p.context.close();
  }
});

test('a wrong password is refused with a clear message and the page stays usable', async () => {
  const p = await open(env.browser, env.server.url);
  await waitFor(p.page, () => window.partaTest.state().screen === 'login', null, 'login screen');
  const { clickWidget, typeText } = await import('./lib/client.mjs');
  await clickWidget(p.page, 'login');
  await typeText(p.page, 'teacher@demo.school');
  await clickWidget(p.page, 'password');
  await typeText(p.page, 'wrong-password');
  await p.page.keyboard.press('Enter');
  await waitFor(p.page, () => window.partaTest.state().login_error === 'ERROR_BAD_CREDENTIALS', null, 'the login error');
  assert.equal((await state(p.page)).screen, 'login');
  await p.page.screenshot({ path: join(artifacts, 'login-error.png') });
  await p.context.close();
});

test('a reload resumes the session without logging in again', async () => {
  const p = await open(env.browser, env.server.url);
  await login(p.page, 'student3@demo.school', 'demo-student');
  await p.page.reload();
  await waitFor(p.page, () => {
    const s = window.partaTest && window.partaTest.state();
    return s && s.screen === 'main' && s.connection === 'online';
  }, null, 'the main screen after reload');
  assert.equal((await state(p.page)).me.name, 'Артём Кузнецов');
  await p.context.close();
});
