// End to end: rich chats in headless Chromium. A teacher runs a poll in 5А with
// three students voting, and every page shows the live results; then a reply, an
// edit, a delete and a search, as the students see them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, login, openChat, sendMessage, waitForMessage, waitFor, state, clickWidget, typeText } from './lib/client.mjs';

const env = setup();

const question = 'Когда пишем контрольную?';
const options = ['Во вторник', 'В четверг', 'В пятницу'];

// The open chat's poll with this question, as the page shows it (or undefined).
async function pollOn(page) {
  const s = await state(page);
  return s.messages.find((m) => m.poll && m.poll.question === question);
}

async function waitForVotes(page, votes, what) {
  await waitFor(page, ({ q, v }) => {
    const m = window.partaTest.state().messages.find((x) => x.poll && x.poll.question === q);
    return !!m && JSON.stringify(m.poll.options.map((o) => o.votes)) === JSON.stringify(v);
  }, { q: question, v: votes }, what, 20000);
}

test('a poll with three voters shows live results on every page', async () => {
  const teacher = await open(env.browser, env.server.url);
  const students = [];
  for (let i = 1; i <= 3; i++) students.push(await open(env.browser, env.server.url, { dpr: 1 }));

  await login(teacher.page, 'teacher@demo.school', 'demo-teacher');
  for (let i = 0; i < 3; i++) await login(students[i].page, `student${i + 1}@demo.school`, 'demo-student');
  await openChat(teacher.page, '5А');
  for (const s of students) await openChat(s.page, '5А');

  // The teacher fills in the poll form: a question and three options.
  await clickWidget(teacher.page, 'attach_poll');
  await clickWidget(teacher.page, 'poll_question');
  await typeText(teacher.page, question);
  await clickWidget(teacher.page, 'poll_option_0');
  await typeText(teacher.page, options[0]);
  await clickWidget(teacher.page, 'poll_option_1');
  await typeText(teacher.page, options[1]);
  await clickWidget(teacher.page, 'poll_add_option');
  await clickWidget(teacher.page, 'poll_option_2');
  await typeText(teacher.page, options[2]);
  await clickWidget(teacher.page, 'poll_anonymous');  // polls start anonymous; this one is named
  await waitFor(teacher.page, () => window.partaTest.state().widgets.poll_create, null, 'the form after the toggle');
  await clickWidget(teacher.page, 'poll_create');
  await waitFor(teacher.page, (q) => window.partaTest.state().messages.some((m) => m.poll && m.poll.question === q),
    question, 'the poll on the teacher page');
  const seq = (await pollOn(teacher.page)).seq;

  // Students 1 and 2 choose Thursday, student 3 Tuesday; each sees the count grow.
  const picks = [1, 1, 0];
  const expected = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const page = students[i].page;
    await waitFor(page, (q) => window.partaTest.state().messages.some((m) => m.poll && m.poll.question === q),
      question, `the poll on student ${i + 1}'s page`);
    await clickWidget(page, `poll_${seq}_opt_${picks[i]}`);
    await clickWidget(page, `poll_vote_${seq}`);
    expected[picks[i]]++;
    await waitForVotes(page, expected, `student ${i + 1}'s own vote counted`);
    assert.deepEqual((await pollOn(page)).poll.my_choices, [picks[i]]);
  }

  // Live on every page: 1 / 2 / 0 of 3 voters, without reloading.
  for (const p of [teacher, ...students]) await waitForVotes(p.page, [1, 2, 0], 'the final tally on every page');
  for (const p of [teacher, ...students]) assert.equal((await pollOn(p.page)).poll.voters, 3);
  // A named poll: its creator sees who voted; the students see only counts.
  const mine = (await pollOn(teacher.page)).poll;
  assert.equal(mine.anonymous, false);
  assert.equal(mine.options[1].voters.length, 2, 'the teacher sees the two Thursday voters');
  assert.deepEqual((await pollOn(students[0].page)).poll.options[1].voter_ids, [], 'students see no voter ids');
  assert.deepEqual(mine.options.map((o) => o.percent), [33, 67, 0]);

  // The teacher closes it; every page shows it closed.
  await clickWidget(teacher.page, `poll_close_${seq}`);
  for (const p of [teacher, ...students]) {
    await waitFor(p.page, (q) => window.partaTest.state().messages.some((m) => m.poll && m.poll.question === q && m.poll.closed),
      question, 'the poll closed on every page');
  }
  await teacher.page.screenshot({ path: join(artifacts, 'poll-teacher.png') });
  await students[0].page.screenshot({ path: join(artifacts, 'poll-student.png') });

  for (const p of [teacher, ...students]) {
    assert.deepEqual(p.errors, [], 'no errors in the page console');
    await p.context.close();
  }
});

// Opens a message's action menu with a right click on its bubble.
async function openMenu(page, seq) {
  await waitFor(page, (n) => !!window.partaTest.state().widgets[n], `msg_${seq}`, `message ${seq} on screen`);
  const r = (await state(page)).widgets[`msg_${seq}`];
  await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2, { button: 'right' });
}

test('reply, edit, delete and search reach the other page', async () => {
  const teacher = await open(env.browser, env.server.url, { dpr: 1 });
  const student = await open(env.browser, env.server.url, { dpr: 1 });
  await login(teacher.page, 'teacher@demo.school', 'demo-teacher');
  await login(student.page, 'student1@demo.school', 'demo-student');
  await openChat(teacher.page, '5А');
  await openChat(student.page, '5А');

  const text = 'Домашнее задание: упражнение 5';
  await sendMessage(teacher.page, text);
  await waitForMessage(student.page, text);
  const original = (await state(student.page)).messages.find((m) => m.text === text);

  // The student answers it: the reply carries the original's seq.
  await openMenu(student.page, original.seq);
  await clickWidget(student.page, 'menu_reply');
  await clickWidget(student.page, 'composer');
  await typeText(student.page, 'Понял, спасибо');
  await student.page.keyboard.press('Enter');
  await waitFor(teacher.page, (seq) => window.partaTest.state().messages.some((m) => m.text === 'Понял, спасибо' && m.reply_to === seq),
    original.seq, 'the reply with its quote on the teacher page');

  // The teacher edits the original: the student sees the new text marked edited.
  await openMenu(teacher.page, original.seq);
  await clickWidget(teacher.page, 'menu_edit');
  await clickWidget(teacher.page, 'composer');
  await teacher.page.keyboard.press('End');
  await typeText(teacher.page, ' и 6');
  await teacher.page.keyboard.press('Enter');
  await waitFor(student.page, ({ seq, t }) => window.partaTest.state().messages.some((m) => m.seq === seq && m.edited && m.text === t),
    { seq: original.seq, t: text + ' и 6' }, 'the edit, marked edited, on the student page');

  // Search in the chat, in capitals: Russian matches case-insensitively.
  await clickWidget(student.page, 'chat_search_open');
  await clickWidget(student.page, 'chat_search');
  await typeText(student.page, 'УПРАЖНЕНИЕ');
  await student.page.keyboard.press('Enter');
  await waitFor(student.page, (seq) => (window.partaTest.state().search.hits || []).some((h) => h.seq === seq),
    original.seq, 'the search hit');

  // The teacher deletes it: the student sees "message deleted", and the reply's quote follows.
  await openMenu(teacher.page, original.seq);
  await clickWidget(teacher.page, 'menu_delete');
  await waitFor(student.page, (seq) => window.partaTest.state().messages.some((m) => m.seq === seq && m.deleted && m.text === ''),
    original.seq, 'the delete on the student page');
  await student.page.screenshot({ path: join(artifacts, 'rich-student.png') });

  for (const p of [teacher, student]) {
    assert.deepEqual(p.errors, [], 'no errors in the page console');
    await p.context.close();
  }
});
