// Hostile input to closed school spaces: uploads that are too large or not a
// PDF/image, forged ids, duplicates, invalid UTF-8 in every kind of text field.
// Each gets a clear error, and nothing is half-created (counted afterwards).
#include <doctest/doctest.h>

#include "org_world.h"
#include "shared/core/validation.h"

using namespace parta;
using namespace parta::test;

namespace {

const std::string kBadUtf8("\xC3\x28", 2);

int count_members(WsClient& admin, std::int64_t org) {
  auto list = call(admin, cmd::list_members(org));
  REQUIRE(list.has_members());
  return list.members().members_size();
}

int count_applications(std::uint16_t port) {
  auto op = resumed(port, org_world().operator_token());
  auto list = call(*op, cmd::list_applications());
  REQUIRE(list.has_org_applications());
  return list.org_applications().applications_size();
}

}  // namespace

TEST_CASE("[orgs][bad input] uploads: too large, not a PDF or image, wrong method") {
  const std::uint16_t port = org_world().port();
  auto too_large = http_send(port, "POST", "/api/upload", "%PDF-" + std::string(kMaxUploadBytes, 'x'));
  CHECK_EQ(too_large.status, 413);
  CHECK_EQ(too_large.header("content-type"), "application/json");
  CHECK(too_large.body.find("\"error\":\"ERROR_FILE_TOO_LARGE\"") != std::string::npos);
  // Exactly at the limit is fine.
  auto at_limit = http_send(port, "POST", "/api/upload", "%PDF-" + std::string(kMaxUploadBytes - 5, 'x'));
  CHECK_EQ(at_limit.status, 200);
  for (const std::string& body : {std::string("MZ\x90\x00 an executable", 18), std::string("GIF89a......"),
                                  std::string("<html><script>alert(1)</script>"), std::string(), std::string("%PD"),
                                  std::string("\xFF\xD8", 2)}) {
    CAPTURE(body);
    auto res = http_send(port, "POST", "/api/upload", body, {{"Content-Type", "application/pdf"}});
    CHECK_EQ(res.status, 415);
    CHECK(res.body.find("\"error\":\"ERROR_UNSUPPORTED_FILE\"") != std::string::npos);
  }
  CHECK_EQ(http_send(port, "POST", "/api/upload", std::string("\xFF\xD8\xFF\xE0 jpeg", 9)).status, 200);
  CHECK_EQ(http_send(port, "POST", "/api/upload", png_bytes()).status, 200);
  auto get = http_request(port, "GET", "/api/upload");
  CHECK_EQ(get.status, 405);
  CHECK_EQ(get.header("allow"), "POST");
  CHECK_EQ(http_request(port, "GET", "/api/nothing-here").status, 404);
  // A big body to anything else is cut off, and the server lives on.
  CHECK_THROWS(http_send(port, "POST", "/", std::string(1024 * 1024, 'x')));
  CHECK_EQ(http_request(port, "GET", "/healthz").status, 200);
}

TEST_CASE("[orgs][bad input] applications: forged uploads, duplicates, nothing half-created") {
  const std::uint16_t port = org_world().port();
  const int before = count_applications(port);
  WsClient client(port);
  Applicant a;
  a.email = "dup@apply.test";
  a.phone = "+7 999 123-00-00";
  forbid_in_replies("dup@apply.test");
  CHECK_EQ(error_name(call(client, cmd::submit(a, std::string(64, 'e')))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(client, cmd::submit(a, "../../parta.db"))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(count_applications(port), before);
  CHECK_EQ(error_name(call(client, cmd::submit(a, upload(port, pdf_bytes())))), "OK");
  // Same e-mail, or same phone, while pending.
  CHECK_EQ(error_name(call(client, cmd::submit(a, upload(port, pdf_bytes())))), "ERROR_ALREADY_EXISTS");
  Applicant same_phone = a;
  same_phone.email = "other@apply.test";
  CHECK_EQ(error_name(call(client, cmd::submit(same_phone, upload(port, pdf_bytes())))), "ERROR_ALREADY_EXISTS");
  // An e-mail that already has an account.
  Applicant existing = a;
  existing.email = "Teacher@Demo.School";
  existing.phone = "+7 999 123-00-01";
  CHECK_EQ(error_name(call(client, cmd::submit(existing, upload(port, pdf_bytes())))), "ERROR_ALREADY_EXISTS");
  // Field checks.
  Applicant weak = a;
  weak.email = "weak@apply.test";
  weak.password = "short";
  CHECK_EQ(error_name(call(client, cmd::submit(weak, upload(port, pdf_bytes())))), "ERROR_INVALID_ARGUMENT");
  Applicant no_type = weak;
  no_type.password = "long-enough-1";
  no_type.type = pb::ORG_TYPE_UNSPECIFIED;
  CHECK_EQ(error_name(call(client, cmd::submit(no_type, upload(port, pdf_bytes())))), "ERROR_INVALID_ARGUMENT");
  Applicant bad_phone = no_type;
  bad_phone.type = pb::ORG_TYPE_SCHOOL;
  bad_phone.phone = "call me maybe";
  CHECK_EQ(error_name(call(client, cmd::submit(bad_phone, upload(port, pdf_bytes())))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(count_applications(port), before + 1);
  // Deciding what does not exist.
  auto op = resumed(port, org_world().operator_token());
  CHECK_EQ(error_name(call(*op, cmd::decide(987654, true))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*op, cmd::decide(987654, false, "нет"))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*op, cmd::set_suspended(987654, true))), "ERROR_NOT_FOUND");
}

TEST_CASE("[orgs][bad input] duplicate registrations leave the link and the org as they were") {
  const std::uint16_t port = org_world().port();
  auto admin = login_session(port, "admin@demo.school", "demo-admin");
  const std::int64_t org = admin.ok.memberships(0).org_id();
  auto structure = call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_CLASS, "2Д"));
  REQUIRE(structure.has_structure());
  const auto klass = find_group(structure.structure(), "2Д")->id();
  const auto link = make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_STUDENTS, klass, 0, 0, 3));
  CHECK_EQ(error_name(call(*admin.client, cmd::create_link(org, pb::LINK_KIND_STUDENTS, 99999))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::create_link(org, pb::LINK_KIND_CHAT, 0, 99999))), "ERROR_NOT_FOUND");

  auto first = register_session(port, link.token(), "Лиза Котова", "liza@dup.test", "liza-pass-1");
  const int members = count_members(*admin.client, org);
  WsClient other(port);
  // The same login, in any spelling; a login of a demo person.
  CHECK_EQ(error_name(call(other, cmd::register_(link.token(), "Лиза Котова", "LIZA@dup.test", "liza-pass-2"))),
           "ERROR_ALREADY_EXISTS");
  CHECK_EQ(error_name(call(other, cmd::register_(link.token(), "Двойник", "Student1@Demo.School", "twin-pass-1"))),
           "ERROR_ALREADY_EXISTS");
  CHECK_EQ(error_name(call(other, cmd::register_(link.token(), "Без пароля", "np@dup.test", "short"))),
           "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(call(other, cmd::register_(link.token(), "   ", "blank@dup.test", "blank-pass-1"))),
           "ERROR_EMPTY_TEXT");
  CHECK_EQ(error_name(call(other, cmd::register_(link.token(), "Плохой логин", "not a login", "bad-pass-12"))),
           "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(count_members(*admin.client, org), members);
  auto links = call(*admin.client, cmd::list_links(org));
  bool seen = false;
  for (const auto& l : links.invite_links().links()) {
    if (l.id() != link.id()) continue;
    seen = true;
    CHECK_EQ(l.uses(), 1u);  // only the one that worked
  }
  CHECK(seen);
  // The class chat has exactly the one student.
  auto chats = call(*first.client, cmd::list_chats());
  for (const auto& c : chats.chat_list().chats()) {
    if (c.title() == "2Д") CHECK_EQ(c.members_size(), 1);
  }
  // The duplicate group name is refused, the structure unchanged.
  const int groups = call(*admin.client, cmd::get_structure(org)).structure().groups_size();
  CHECK_EQ(error_name(call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_GROUP, "2Д"))), "ERROR_ALREADY_EXISTS");
  CHECK_EQ(error_name(call(*admin.client, cmd::create_group(org, pb::GROUP_KIND_UNSPECIFIED, "Без вида"))),
           "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(call(*admin.client, cmd::get_structure(org)).structure().groups_size(), groups);
  // Forged ids for the rest.
  CHECK_EQ(error_name(call(*admin.client, cmd::revoke_link(org, 99999))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::verify_teacher(org, 99999, true))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::set_role(org, 99999, pb::ROLE_TEACHER))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::get_profile(org, 99999))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::assign_class_teacher(org, 99999, 0))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::create_chat(org, "Чат", {99999}))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(call(*admin.client, cmd::set_role(org, first.id(), pb::ROLE_UNSPECIFIED))),
           "ERROR_INVALID_ARGUMENT");
  WsClient anonymous(port);
  CHECK_EQ(error_name(call(anonymous, cmd::confirm(std::string(32, '0'), "123456"))), "ERROR_CODE_INVALID");
  CHECK_EQ(error_name(call(anonymous, cmd::confirm(std::string(32, '0'), "12345x"))), "ERROR_CODE_INVALID");
  CHECK_EQ(error_name(call(anonymous, cmd::confirm("short", "123456"))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(call(anonymous, cmd::login_with_code("liza@dup.test", "12"))), "ERROR_CODE_INVALID");
  CHECK_EQ(error_name(call(*first.client, cmd::end_sessions("not-a-session-id"))), "ERROR_INVALID_ARGUMENT");
}

TEST_CASE("[orgs][bad input] invalid UTF-8 in every kind of text field") {
  const std::uint16_t port = org_world().port();
  auto admin = login_session(port, "admin@demo.school", "demo-admin");
  const std::int64_t org = admin.ok.memberships(0).org_id();
  auto op = resumed(port, org_world().operator_token());
  const auto link = make_link(*admin.client, cmd::create_link(org, pb::LINK_KIND_STAFF));
  WsClient anonymous(port);
  const std::string upload_id = upload(port, pdf_bytes());
  auto with = [&](auto mutate) {
    Applicant a;
    a.email = "utf8@apply.test";
    mutate(a);
    return cmd::submit(a, upload_id);
  };
  struct Case {
    const char* field;
    WsClient* client;
    pb::ClientFrame frame;
  };
  const Case cases[] = {
      {"org name", &anonymous, with([](Applicant& a) { a.org_name = kBadUtf8; })},
      {"region", &anonymous, with([](Applicant& a) { a.region = "Обл" + kBadUtf8; })},
      {"address", &anonymous, with([](Applicant& a) { a.address = kBadUtf8; })},
      {"admin name", &anonymous, with([](Applicant& a) { a.admin_name = kBadUtf8; })},
      {"admin e-mail", &anonymous, with([](Applicant& a) { a.email = "a" + kBadUtf8 + "@apply.test"; })},
      {"admin phone", &anonymous, with([](Applicant& a) { a.phone = "+7" + kBadUtf8; })},
      {"admin password", &anonymous, with([](Applicant& a) { a.password = "password" + kBadUtf8; })},
      {"decision reason", op.get(), cmd::decide(1, false, kBadUtf8)},
      {"group name", admin.client.get(), cmd::create_group(org, pb::GROUP_KIND_CLASS, kBadUtf8)},
      {"journal url", admin.client.get(), cmd::set_journal_url(org, "https://x.example/" + kBadUtf8)},
      {"chat title", admin.client.get(), cmd::create_chat(org, kBadUtf8, {})},
      {"member search", admin.client.get(), cmd::list_members(org, kBadUtf8)},
      {"display name", &anonymous, cmd::register_(link.token(), kBadUtf8, "u8@dup.test", "password-1")},
      {"login", &anonymous, cmd::register_(link.token(), "Имя", "u8" + kBadUtf8 + "@dup.test", "password-1")},
      {"password", &anonymous, cmd::register_(link.token(), "Имя", "u8@dup.test", "password-1" + kBadUtf8)},
      {"parent e-mail", &anonymous,
       cmd::register_(link.token(), "Имя", "u8@dup.test", "password-1", kBadUtf8 + "@x.test")},
      {"invited parent", admin.client.get(), cmd::invite_parent(kBadUtf8 + "@x.test")},
      {"login code e-mail", &anonymous, cmd::request_login_code(kBadUtf8 + "@x.test")},
      {"code login e-mail", &anonymous, cmd::login_with_code(kBadUtf8 + "@x.test", "123456")},
      {"message", admin.client.get(), cmd::send_message(1, kBadUtf8)},
  };
  const int members = count_members(*admin.client, org);
  const int applications = count_applications(port);
  for (const Case& c : cases) {
    CAPTURE(c.field);
    CHECK_EQ(error_name(call(*c.client, c.frame)), "ERROR_INVALID_UTF8");
  }
  CHECK_EQ(count_members(*admin.client, org), members);
  CHECK_EQ(count_applications(port), applications);
  // The server is fine: the upload still serves a good application.
  CHECK_EQ(error_name(call(anonymous, with([](Applicant& a) { a.phone = "+7 999 765-43-21"; }))), "OK");
}
