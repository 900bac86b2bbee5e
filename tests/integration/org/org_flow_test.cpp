// Closed school spaces end to end at the protocol level: a school applies with a
// PDF, the operator reviews and approves it, the admin builds a class and a
// student link, students register into the class chat; a stranger's chat link
// from another org is refused. Sessions: list and end.
#include <doctest/doctest.h>

#include "org_world.h"

using namespace parta;
using namespace parta::test;

namespace {

const pb::Chat* chat_titled(const pb::ServerFrame& list, const std::string& title) {
  for (const auto& c : list.chat_list().chats()) {
    if (c.title() == title) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("[orgs] full flow: apply, approve, build 5Б, register students into the class chat") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  Applicant a;
  a.org_name = "Гимназия № 3";
  a.region = "Тверская область";
  a.address = "г. Тверь, пр. Победы, 10";
  a.admin_name = "Людмила Андреевна Крылова";
  a.phone = "+7 (903) 777-12-34";
  a.email = "Krylova@Gymnasium3.test";
  a.password = "gymnasium-3-pass";
  forbid_in_replies("krylova@gymnasium3.test");
  forbid_in_replies("9037771234");

  // 1. The application with its document.
  const std::string pdf = pdf_bytes();
  const std::string upload_id = upload(port, pdf);
  CHECK_EQ(upload_id.size(), 64u);
  WsClient applicant(port);
  auto submitted = call(applicant, cmd::submit(a, upload_id));
  REQUIRE_EQ(error_name(submitted), "OK");
  const std::int64_t application = submitted.org_application_submitted().application_id();
  // The same document cannot back a second application; the same e-mail cannot apply twice.
  Applicant twin = a;
  twin.phone = "+7 903 000-00-01";
  CHECK_EQ(error_name(call(applicant, cmd::submit(twin, upload_id))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(applicant, cmd::submit(twin, upload(port, pdf)))), "ERROR_ALREADY_EXISTS");

  // 2. The operator's queue: contacts masked, the document downloadable by the operator only.
  auto op = resumed(port, world.operator_token());
  auto queue = call(*op, cmd::list_applications(pb::APPLICATION_PENDING));
  REQUIRE(queue.has_org_applications());
  const pb::OrgApplication* mine = nullptr;
  for (const auto& app : queue.org_applications().applications()) {
    CHECK_EQ(app.status(), pb::APPLICATION_PENDING);
    if (app.id() == application) mine = &app;
  }
  REQUIRE(mine != nullptr);
  CHECK_EQ(mine->org_name(), "Гимназия № 3");
  CHECK_EQ(mine->admin_name(), "Людмила Андреевна Крылова");
  CHECK_EQ(mine->admin_email_masked(), "k***@gymnasium3.test");
  CHECK_EQ(mine->admin_phone_masked(), "+7 *** ***-12-34");
  CHECK_EQ(mine->document_type(), "application/pdf");
  CHECK_EQ(mine->type(), pb::ORG_TYPE_SCHOOL);
  const std::string doc_url = "/api/applications/" + std::to_string(application) + "/document";
  auto doc = http_request(port, "GET", doc_url, {{"Authorization", "Bearer " + world.operator_token()}});
  CHECK_EQ(doc.status, 200);
  CHECK_EQ(doc.body, pdf);
  CHECK_EQ(doc.header("content-type"), "application/pdf");
  CHECK(doc.header("content-disposition").rfind("attachment;", 0) == 0);
  CHECK_EQ(doc.header("x-content-type-options"), "nosniff");
  CHECK_EQ(http_request(port, "GET", doc_url).status, 401);
  CHECK_EQ(http_request(port, "GET", doc_url, {{"Authorization", "Bearer " + std::string(64, 'f')}}).status, 401);
  auto teacher = login_session(port, kTeacher, kTeacherPassword);
  CHECK_EQ(http_request(port, "GET", doc_url, {{"Authorization", "Bearer " + teacher.token()}}).status, 403);
  CHECK_EQ(http_request(port, "GET", "/api/applications/999999/document",
                        {{"Authorization", "Bearer " + world.operator_token()}})
               .status,
           404);
  CHECK_EQ(http_request(port, "GET", "/api/applications/..%2f..%2fparta.db/document",
                        {{"Authorization", "Bearer " + world.operator_token()}})
               .status,
           404);

  // 3. Approval: the org and its admin, in one go. The password from the application works.
  auto decided = call(*op, cmd::decide(application, true));
  REQUIRE_EQ(error_name(decided), "OK");
  CHECK_EQ(decided.org_application_decided().application().status(), pb::APPLICATION_APPROVED);
  const std::int64_t org = decided.org_application_decided().application().org_id();
  CHECK(org > 0);
  CHECK_EQ(error_name(call(*op, cmd::decide(application, false, "передумали"))), "ERROR_INVALID_ARGUMENT");
  auto admin = login_session(port, "krylova@gymnasium3.test", a.password);
  REQUIRE_EQ(admin.ok.memberships_size(), 1);
  CHECK_EQ(admin.ok.memberships(0).org_id(), org);
  CHECK_EQ(admin.ok.memberships(0).org_name(), "Гимназия № 3");
  CHECK_EQ(admin.ok.memberships(0).role(), pb::ROLE_ADMIN);
  CHECK_EQ(admin.ok.memberships(0).org_status(), pb::ORG_STATUS_ACTIVE);
  CHECK_EQ(admin.ok.me().role(), pb::ROLE_ADMIN);
  CHECK_FALSE(admin.ok.platform_operator());
  // The phone is a login too.
  CHECK_EQ(login_session(port, "+7 903 777 12 34", a.password).id(), admin.id());

  // 4. Structure: class 5Б, the journal.
  auto built = call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_CLASS, "5Б"));
  REQUIRE(built.has_structure());
  const pb::Group* klass = find_group(built.structure(), "5Б");
  REQUIRE(klass != nullptr);
  CHECK_EQ(klass->kind(), pb::GROUP_KIND_CLASS);
  CHECK_EQ(error_name(call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_CLASS, "5Б"))), "ERROR_ALREADY_EXISTS");
  CHECK_EQ(error_name(call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_DEPARTMENT, "Кафедра математики"))),
           "OK");
  auto journal = call(*admin.client, cmd::set_journal_url(org, "https://dnevnik.example/gym3"));
  CHECK_EQ(journal.structure().journal_url(), "https://dnevnik.example/gym3");
  CHECK_EQ(error_name(call(*admin.client, cmd::set_journal_url(org, "http://insecure.example"))),
           "ERROR_INVALID_ARGUMENT");

  // 5. A students link; what a newcomer sees before registering.
  const auto link = make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_STUDENTS, klass->id()));
  CHECK_EQ(link.token().size(), 64u);
  CHECK_EQ(link.group_name(), "5Б");
  WsClient newcomer(port);
  auto info = call(newcomer, cmd::inspect(link.token()));
  REQUIRE(info.has_invite_info());
  CHECK_EQ(info.invite_info().kind(), pb::LINK_KIND_STUDENTS);
  CHECK_EQ(info.invite_info().org_name(), "Гимназия № 3");
  CHECK_EQ(info.invite_info().group_name(), "5Б");

  // 6. Students register and land in the class chat (one chat for the class).
  auto reg = call(newcomer, cmd::register_(link.token(), "Ксения Орлова", "+7 915 123-45-67", "kseniya-pass"));
  REQUIRE_EQ(error_name(reg), "OK");
  forbid_in_replies("9151234567");
  CHECK_EQ(reg.login_ok().me().role(), pb::ROLE_STUDENT);
  CHECK_EQ(reg.login_ok().me().class_name(), "5Б");
  CHECK_EQ(reg.login_ok().memberships(0).class_name(), "5Б");
  CHECK_EQ(reg.login_ok().memberships(0).class_id(), klass->id());
  auto chats = call(newcomer, cmd::list_chats());
  const pb::Chat* class_chat = chat_titled(chats, "5Б");
  REQUIRE(class_chat != nullptr);
  CHECK_EQ(class_chat->kind(), pb::CHAT_KIND_GROUP);
  auto second = register_session(port, link.token(), "Тимур Алиев", "timur@gym3.test", "timur-pass-1");
  forbid_in_replies("timur@gym3.test");
  auto second_chats = call(*second.client, cmd::list_chats());
  const pb::Chat* same = chat_titled(second_chats, "5Б");
  REQUIRE(same != nullptr);
  CHECK_EQ(same->id(), class_chat->id());
  CHECK_EQ(same->members_size(), 2);
  CHECK_EQ(error_name(call(*second.client, cmd::send_message(same->id(), "Всем привет!"))), "OK");
  auto structure = call(*admin.client, cmd::get_structure(org));
  CHECK_EQ(find_group(structure.structure(), "5Б")->member_count(), 2u);
  auto members = call(*admin.client, cmd::list_members(org, "", pb::ROLE_STUDENT, klass->id()));
  CHECK_EQ(members.members().members_size(), 2);

  // 7. A chat link of this org is refused to a member of another org and to strangers.
  auto club = call(*admin.client, cmd::create_chat(org, "Совет гимназии", {second.id()}));
  REQUIRE(club.has_chat_created());
  CHECK_EQ(club.chat_created().chat().members_size(), 2);
  const auto chat_link =
      make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_CHAT, 0, club.chat_created().chat().id()));
  auto outsider = login_session(port, kStudent2, kStudentPassword);  // the demo school
  CHECK_EQ(error_name(call(*outsider.client, cmd::join_chat(chat_link.token()))), "ERROR_WRONG_ORG");
  WsClient stranger(port);
  CHECK_EQ(error_name(call(stranger, cmd::join_chat(chat_link.token()))), "ERROR_UNAUTHENTICATED");
  CHECK(chat_titled(call(*outsider.client, cmd::list_chats()), "Совет гимназии") == nullptr);
  // The student of this org joins.
  auto joined = call(newcomer, cmd::join_chat(chat_link.token()));
  REQUIRE_EQ(error_name(joined), "OK");
  CHECK(chat_titled(joined, "Совет гимназии") != nullptr);

  // 8. A rejected application keeps its reason.
  Applicant r;
  r.email = "late@apply.test";
  r.phone = "+7 999 888-77-66";
  auto rejected_id =
      call(applicant, cmd::submit(r, upload(port, png_bytes()))).org_application_submitted().application_id();
  auto rejected = call(*op, cmd::decide(rejected_id, false, "Письмо без подписи"));
  REQUIRE_EQ(error_name(rejected), "OK");
  CHECK_EQ(rejected.org_application_decided().application().status(), pb::APPLICATION_REJECTED);
  CHECK_EQ(rejected.org_application_decided().application().decision_reason(), "Письмо без подписи");
  CHECK_EQ(rejected.org_application_decided().application().document_type(), "image/png");
  CHECK_EQ(error_name(call(*op, cmd::decide(rejected_id, false, ""))), "ERROR_EMPTY_TEXT");
  auto rejected_list = call(*op, cmd::list_applications(pb::APPLICATION_REJECTED));
  bool found = false;
  for (const auto& app : rejected_list.org_applications().applications()) {
    CHECK_EQ(app.status(), pb::APPLICATION_REJECTED);
    found |= app.id() == rejected_id;
  }
  CHECK(found);
  WsClient late(port);
  CHECK_EQ(error_name(call(late, cmd::login("late@apply.test", r.password))), "ERROR_BAD_CREDENTIALS");
}

TEST_CASE("[orgs] teachers: a staff link makes a pending teacher; the admin verifies; the badge shows") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto admin = login_session(port, "admin@demo.school", "demo-admin");
  const std::int64_t org = admin.ok.memberships(0).org_id();
  const auto staff = make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_STAFF, 0, 0, 0, 5));
  auto teacher = register_session(port, staff.token(), "Игорь Васильевич Ёлкин", "elkin@staff.test", "elkin-pass-1");
  forbid_in_replies("elkin@staff.test");
  CHECK_EQ(teacher.ok.me().role(), pb::ROLE_TEACHER);
  CHECK_FALSE(teacher.ok.me().verified_teacher());
  // Pending: no chats, no links.
  CHECK_EQ(error_name(call(*teacher.client, cmd::create_chat(org, "Мой чат", {}))), "ERROR_PENDING_VERIFICATION");
  auto pending = call(*admin.client, cmd::list_members(org, "", pb::ROLE_UNSPECIFIED, 0, true));
  const pb::Member* row = find_member(pending.members(), "Игорь Васильевич Ёлкин");
  REQUIRE(row != nullptr);
  CHECK(row->pending_verification());
  // Search folds case and ё.
  auto found = call(*admin.client, cmd::list_members(org, "ЕЛКИН"));
  CHECK(find_member(found.members(), "Игорь Васильевич Ёлкин") != nullptr);
  CHECK_EQ(error_name(call(*admin.client, cmd::verify_teacher(org, teacher.id(), true))), "OK");
  auto profile = call(*admin.client, cmd::get_profile(org, teacher.id()));
  REQUIRE(profile.has_members());
  CHECK(profile.members().members(0).user().verified_teacher());
  CHECK_FALSE(profile.members().members(0).pending_verification());
  CHECK_EQ(error_name(call(*teacher.client, cmd::create_chat(org, "Мой чат", {}))), "OK");
  // Verified: can be class teacher (and is added to the class chats), can become head.
  auto structure = call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_CLASS, "7В"));
  const auto klass = find_group(structure.structure(), "7В")->id();
  auto assigned = call(*admin.client, cmd::assign_class_teacher(org, klass, teacher.id()));
  REQUIRE_EQ(error_name(assigned), "OK");
  CHECK_EQ(find_group(assigned.structure(), "7В")->class_teacher_name(), "Игорь Васильевич Ёлкин");
  const auto students = make_link(*teacher.client, cmd::create_link(org, pb::LINK_KIND_STUDENTS, klass));
  auto kid = register_session(port, students.token(), "Соня Белова", "sonya@7v.test", "sonya-pass-1");
  auto chats = call(*teacher.client, cmd::list_chats());
  const pb::Chat* class_chat = chat_titled(chats, "7В");
  REQUIRE(class_chat != nullptr);
  CHECK_EQ(class_chat->members_size(), 2);  // the class teacher and Соня
  CHECK_EQ(error_name(call(*admin.client, cmd::set_role(org, teacher.id(), pb::ROLE_HEAD))), "OK");
  // Un-verifying a head makes them a teacher again.
  CHECK_EQ(error_name(call(*admin.client, cmd::verify_teacher(org, teacher.id(), false))), "OK");
  auto after = call(*admin.client, cmd::get_profile(org, teacher.id()));
  CHECK_EQ(after.members().members(0).user().role(), pb::ROLE_TEACHER);
  CHECK(after.members().members(0).pending_verification());
}

TEST_CASE("[orgs] sessions: listed with the current one marked; ending the others signs them out") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto admin = login_session(port, "admin@demo.school", "demo-admin");
  const std::int64_t org = admin.ok.memberships(0).org_id();
  auto structure = call(*admin.client, cmd::get_structure(org));
  REQUIRE(find_group(structure.structure(), "5А") != nullptr);
  const auto link = make_link(
      *admin.client, cmd::create_link(org, pb::LINK_KIND_PARENTS, find_group(structure.structure(), "5А")->id()));
  auto first = register_session(port, link.token(), "Светлана Морозова", "morozova@family.test", "morozova-pw");
  auto second = login_session(port, "morozova@family.test", "morozova-pw");
  auto third = login_session(port, "morozova@family.test", "morozova-pw");
  auto list = call(*first.client, cmd::list_sessions());
  REQUIRE(list.has_sessions());
  CHECK_EQ(list.sessions().sessions_size(), 3);
  int current = 0;
  std::string third_id;
  for (const auto& s : list.sessions().sessions()) {
    current += s.current();
    CHECK_EQ(s.id().size(), 32u);
    CHECK(s.created_at_ms() > 0);
  }
  CHECK_EQ(current, 1);
  // The third session's id, as the third one sees it.
  const auto third_list = call(*third.client, cmd::list_sessions());
  for (const auto& s : third_list.sessions().sessions()) {
    if (s.current()) third_id = s.id();
  }
  // End one by id: that connection is closed, its token no longer resumes.
  auto ended = call(*first.client, cmd::end_sessions(third_id));
  REQUIRE_EQ(error_name(ended), "OK");
  CHECK_EQ(ended.sessions().sessions_size(), 2);
  CHECK_FALSE(third.client->read_raw(std::chrono::seconds(3)).has_value());
  WsClient retry(port);
  pb::ClientFrame resume;
  resume.mutable_resume_session()->set_token(third.token());
  resume.mutable_resume_session()->set_protocol_version(kProtocolVersion);
  CHECK_EQ(error_name(call(retry, resume)), "ERROR_SESSION_EXPIRED");
  CHECK_EQ(error_name(call(*first.client, cmd::end_sessions(third_id))), "ERROR_NOT_FOUND");
  // End all others.
  auto rest = call(*first.client, cmd::end_sessions(""));
  REQUIRE_EQ(error_name(rest), "OK");
  CHECK_EQ(rest.sessions().sessions_size(), 1);
  CHECK(rest.sessions().sessions(0).current());
  CHECK_FALSE(second.client->read_raw(std::chrono::seconds(3)).has_value());
  CHECK_EQ(error_name(call(*first.client, cmd::list_chats())), "OK");
}
