// End to end: a new school applies, the operator approves, the admin builds class
// 5А and a students link, a student registers through the link in a fresh page
// and lands in the class chat; a chat link of another school is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, artifacts } from './lib/server.mjs';
import { open, login, waitFor, state, clickWidget, typeText, click } from './lib/client.mjs';

const env = setup();

// A small but real PDF (the server sniffs the type from the bytes).
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function fill(page, widget, text) {
  await clickWidget(page, widget);
  await typeText(page, text);
}

test('a school applies, is approved, builds class 5А, and a student joins through a link', async () => {
  // 1. The applicant fills the application in a fresh page.
  const applicant = await open(env.browser, `${env.server.url}#/apply`);
  await waitFor(applicant.page, () => window.partaTest.state().route === 'apply', null, 'the application form');
  await fill(applicant.page, 'apply_org_name', 'Лицей № 7');
  await fill(applicant.page, 'apply_region', 'Тверская область');
  await fill(applicant.page, 'apply_address', 'Тверь, ул. Школьная, 1');
  await clickWidget(applicant.page, 'apply_type_school');
  await fill(applicant.page, 'apply_admin_name', 'Пётр Ильич Соколов');
  await fill(applicant.page, 'apply_phone', '+7 900 123-45-67');
  await fill(applicant.page, 'apply_email', 'director@licey7.example');
  await fill(applicant.page, 'apply_password', 'licey7-admin');
  await applicant.page.setInputFiles('#parta-file', { name: 'prikaz.pdf', mimeType: 'application/pdf', buffer: pdf });
  // The document uploads first; the form can be sent once it is stored.
  await waitFor(applicant.page, () => window.partaTest.state().upload?.state === 'done', null, 'the document upload');
  await waitFor(applicant.page, () => !!window.partaTest.state().widgets.apply_submit, null, 'the submit button');
  await clickWidget(applicant.page, 'apply_submit');
  await waitFor(applicant.page, () => window.partaTest.state().application_submitted === true, null, 'the submitted confirmation');
  await applicant.page.screenshot({ path: join(artifacts, 'orgs-1-applied.png') });

  // 2. The operator approves it.
  const operator = await open(env.browser, env.server.url);
  await login(operator.page, 'operator@demo.school', 'demo-operator', { withChats: false });
  assert.equal((await state(operator.page)).operator, true);
  await clickWidget(operator.page, 'nav_operator');
  await waitFor(operator.page, () => window.partaTest.state().applications.some((a) => a.org_name === 'Лицей № 7'), null, 'the application in the queue');
  const app = (await state(operator.page)).applications.find((a) => a.org_name === 'Лицей № 7');
  await operator.page.screenshot({ path: join(artifacts, 'orgs-2-queue.png') });
  await clickWidget(operator.page, `app_approve_${app.id}`);
  await waitFor(operator.page, (id) => window.partaTest.state().applications.find((a) => a.id === id)?.status === 'approved', app.id, 'the approval');

  // 3. The new admin logs in, creates class 5А and a students link.
  const admin = await open(env.browser, env.server.url);
  await login(admin.page, 'director@licey7.example', 'licey7-admin', { withChats: false });
  const memberships = (await state(admin.page)).memberships;
  assert.ok(memberships.some((m) => m.org_name === 'Лицей № 7' && m.role === 'admin'), JSON.stringify(memberships));
  await clickWidget(admin.page, 'nav_admin');
  await fill(admin.page, 'admin_new_class_name', '5А');
  await clickWidget(admin.page, 'admin_create_class');
  await waitFor(admin.page, () => window.partaTest.state().structure.some((g) => g.name === '5А'), null, 'class 5А in the structure');
  const cls = (await state(admin.page)).structure.find((g) => g.name === '5А');
  await clickWidget(admin.page, 'admin_tab_links');
  await clickWidget(admin.page, 'link_kind_students');
  await clickWidget(admin.page, `link_class_${cls.id}`);
  await clickWidget(admin.page, 'link_create');
  await waitFor(admin.page, () => window.partaTest.state().links.some((l) => l.kind === 'students' && !l.revoked), null, 'the new link');
  const link = (await state(admin.page)).links.find((l) => l.kind === 'students');
  assert.match(link.url, /#\/join\/[0-9a-f]{32,}$/);
  await admin.page.screenshot({ path: join(artifacts, 'orgs-3-admin-links.png') });

  // 4. A student opens the link in a fresh browser page and registers.
  const student = await open(env.browser, link.url);
  await waitFor(student.page, () => window.partaTest.state().invite?.org_name === 'Лицей № 7', null, 'the invitation details');
  await fill(student.page, 'join_name', 'Саша Белова');
  await fill(student.page, 'join_login', 'sasha@licey7.example');
  await fill(student.page, 'join_password', 'sasha-secret');
  await clickWidget(student.page, 'join_submit');
  await waitFor(student.page, () => {
    const s = window.partaTest.state();
    return s.screen === 'main' && s.chats.some((c) => c.title === '5А');
  }, null, 'the student in the class chat');
  await student.page.screenshot({ path: join(artifacts, 'orgs-4-student.png') });

  // 5. A teacher of the demo school makes a chat link for their class chat; the
  //    Лицей student opening it is refused (another organization).
  const teacher = await open(env.browser, env.server.url);
  await login(teacher.page, 'teacher@demo.school', 'demo-teacher');
  const demoChat = (await state(teacher.page)).chats.find((c) => c.title === '5А');
  await clickWidget(teacher.page, 'nav_admin');
  await clickWidget(teacher.page, 'admin_tab_links').catch(() => {});  // teachers see only the links tab
  await clickWidget(teacher.page, 'link_kind_chat');
  await clickWidget(teacher.page, `link_chat_${demoChat.id}`);
  await clickWidget(teacher.page, 'link_create');
  await waitFor(teacher.page, () => window.partaTest.state().links.some((l) => l.kind === 'chat' && !l.revoked), null, 'the chat link');
  const chatLink = (await state(teacher.page)).links.find((l) => l.kind === 'chat');
  await student.page.goto(chatLink.url);
  await waitFor(student.page, () => {
    const s = window.partaTest.state();
    return s.invite?.error === 'ERROR_WRONG_ORG' || s.last_error === 'ERROR_WRONG_ORG';
  }, null, 'the refusal of a chat link from another school', 20000);
  const after = await state(student.page);
  assert.ok(!after.chats.some((c) => c.id === demoChat.id), 'the stranger did not get into the chat');
  await student.page.screenshot({ path: join(artifacts, 'orgs-5-refused.png') });

  for (const p of [applicant, operator, admin, student, teacher]) await p.context.close();
});
