// Mail through a real SMTP server (aiosmtpd): a primary-school student confirmed
// with a code mailed to a parent, login with an e-mail code, a student's
// invitation to a parent who registers and is linked to the child, and what a
// mail server's refusal does (ERROR_MAIL_FAILED, nothing left behind).
#include <doctest/doctest.h>

#include "org_world.h"

using namespace parta;
using namespace parta::test;

namespace {

struct DemoOrg {
  Session admin;
  std::int64_t org = 0;
};

DemoOrg demo_admin(std::uint16_t port) {
  DemoOrg d;
  d.admin = login_session(port, "admin@demo.school", "demo-admin");
  d.org = d.admin.ok.memberships(0).org_id();
  return d;
}

// A class (created once per name) and a fresh students link for it.
std::pair<std::int64_t, std::string> class_link(DemoOrg& d, const std::string& name) {
  auto structure = call(*d.admin.client, cmd::get_structure(d.org));
  const pb::Group* g = find_group(structure.structure(), name);
  if (!g) {
    structure = call(*d.admin.client, cmd::create_group(d.org, pb::GROUP_KIND_CLASS, name));
    g = find_group(structure.structure(), name);
  }
  REQUIRE(g != nullptr);
  const auto link = make_link(*d.admin.client, cmd::create_link(d.org, pb::LINK_KIND_STUDENTS, g->id()));
  return {g->id(), link.token()};
}

bool has_chat(WsClient& client, const std::string& title) {
  auto list = call(client, cmd::list_chats());
  for (const auto& c : list.chat_list().chats()) {
    if (c.title() == title) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("[orgs][mail] a primary-school student is confirmed with a code mailed to a parent") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto demo = demo_admin(port);
  const auto [klass, token] = class_link(demo, "1А");
  const std::string parent = "mama.sidorova@family.test";
  forbid_in_replies(parent);

  WsClient kid(port);
  auto pending = call(kid, cmd::register_(token, "Миша Сидоров", "misha@family.test", "misha-pass-1", parent));
  REQUIRE_EQ(error_name(pending), "OK");
  REQUIRE(pending.has_registration_pending());
  CHECK_EQ(pending.registration_pending().sent_to_masked(), "m***@family.test");
  const std::string id = pending.registration_pending().registration_id();
  // No account yet.
  WsClient early(port);
  CHECK_EQ(error_name(call(early, cmd::login("misha@family.test", "misha-pass-1"))), "ERROR_BAD_CREDENTIALS");

  const ReceivedMail mail = world.mail().wait_for(parent);
  CHECK(mail.raw_subject.rfind("=?UTF-8?B?", 0) == 0);  // RFC 2047
  CHECK(mail.subject.find("Код подтверждения регистрации") != std::string::npos);
  CHECK_EQ(mail.content_type, "text/plain");
  CHECK(mail.body.find("Миша Сидоров") != std::string::npos);
  CHECK(mail.body.find("1А") != std::string::npos);
  const std::string code = find_digits(mail.body, 6);
  REQUIRE_EQ(code.size(), 6u);

  const std::string wrong = code == "000000" ? "000001" : "000000";
  CHECK_EQ(error_name(call(kid, cmd::confirm(id, wrong))), "ERROR_CODE_INVALID");
  auto ok = call(kid, cmd::confirm(id, code));
  REQUIRE_EQ(error_name(ok), "OK");
  CHECK_EQ(ok.login_ok().me().display_name(), "Миша Сидоров");
  CHECK_EQ(ok.login_ok().me().class_name(), "1А");
  CHECK(has_chat(kid, "1А"));
  // The code is spent.
  WsClient again(port);
  CHECK_EQ(error_name(call(again, cmd::confirm(id, code))), "ERROR_CODE_INVALID");
}

TEST_CASE("[orgs][mail] five wrong codes end a registration") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto demo = demo_admin(port);
  const auto token = class_link(demo, "1А").second;
  {
    WsClient other(port);
    const std::string parent2 = "papa.kozlov@family.test";
    auto p2 = call(other, cmd::register_(token, "Коля Козлов", "kolya@family.test", "kolya-pass-1", parent2));
    REQUIRE(p2.has_registration_pending());
    const std::string code2 = find_digits(world.mail().wait_for(parent2).body, 6);
    const std::string bad = code2 == "999999" ? "999998" : "999999";
    for (int i = 0; i < 5; ++i) {
      CHECK_EQ(error_name(call(other, cmd::confirm(p2.registration_pending().registration_id(), bad))),
               "ERROR_CODE_INVALID");
    }
    CHECK_EQ(error_name(call(other, cmd::confirm(p2.registration_pending().registration_id(), code2))),
             "ERROR_CODE_INVALID");
    WsClient check(port);
    CHECK_EQ(error_name(call(check, cmd::login("kolya@family.test", "kolya-pass-1"))), "ERROR_BAD_CREDENTIALS");
  }
}

TEST_CASE("[orgs][mail] a refused mail fails the registration and leaves nothing") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto demo = demo_admin(port);
  const auto token = class_link(demo, "1А").second;
  (void)world;
  {
    WsClient other(port);
    auto refused =
        call(other, cmd::register_(token, "Петя Волков", "petya@family.test", "petya-pass-1", "refuse@family.test"));
    CHECK_EQ(error_name(refused), "ERROR_MAIL_FAILED");
    auto members = call(*demo.admin.client, cmd::list_members(demo.org, "Петя Волков"));
    CHECK_EQ(members.members().members_size(), 0);
    // Nothing holds the login: registering without a parent's code works.
    CHECK_EQ(error_name(call(other, cmd::register_(token, "Петя Волков", "petya@family.test", "petya-pass-1"))), "OK");
  }
}

TEST_CASE("[orgs][mail] only students confirm through a parent") {
  auto demo = demo_admin(org_world().port());
  const auto klass = class_link(demo, "1А").first;
  const std::uint16_t port = org_world().port();
  {
    const auto parents = make_link(*demo.admin.client, cmd::create_link(demo.org, pb::LINK_KIND_PARENTS, klass));
    WsClient other(port);
    CHECK_EQ(error_name(call(other, cmd::register_(parents.token(), "Родитель", "p@family.test", "parent-pass-1",
                                                   "x@family.test"))),
             "ERROR_INVALID_ARGUMENT");
  }
}

TEST_CASE("[orgs][mail] login with a one-time code sent by e-mail") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto demo = demo_admin(port);
  const auto [klass, token] = class_link(demo, "6А");
  (void)klass;
  const std::string email = "codes.user@family.test";
  forbid_in_replies(email);
  auto user = register_session(port, token, "Алиса Смирнова", email, "alisa-pass-1");

  WsClient client(port);
  CHECK_EQ(error_name(call(client, cmd::request_login_code("Codes.User@Family.test"))), "OK");
  const ReceivedMail mail = world.mail().wait_for(email);
  CHECK(mail.subject.find("Код для входа") != std::string::npos);
  const std::string code = find_digits(mail.body, 6);
  REQUIRE_EQ(code.size(), 6u);
  // An unknown address gets the same answer and no mail.
  CHECK_EQ(error_name(call(client, cmd::request_login_code("nobody@family.test"))), "OK");
  auto ok = call(client, cmd::login_with_code(email, code));
  REQUIRE_EQ(error_name(ok), "OK");
  CHECK_EQ(ok.login_ok().me().id(), user.id());
  CHECK_EQ(ok.login_ok().token().size(), 64u);
  CHECK(has_chat(client, "6А"));
  // One use only.
  WsClient replay(port);
  CHECK_EQ(error_name(call(replay, cmd::login_with_code(email, code))), "ERROR_CODE_INVALID");
  CHECK(world.mail().all_to("nobody@family.test").empty());
  // A second request within 30 s mails nothing new (the reply is the same).
  CHECK_EQ(error_name(call(replay, cmd::request_login_code(email))), "OK");
  CHECK_EQ(error_name(call(replay, cmd::login_with_code(email, "123456"))), "ERROR_CODE_INVALID");
}

TEST_CASE("[orgs][mail] a student invites a parent, who registers and is linked to the child") {
  OrgWorld& world = org_world();
  const std::uint16_t port = world.port();
  auto demo = demo_admin(port);
  const auto [klass, token] = class_link(demo, "3Г");
  auto student = register_session(port, token, "Даша Новикова", "dasha@family.test", "dasha-pass-1");
  auto classmate = register_session(port, token, "Егор Лебедев", "egor@family.test", "egor-pass-1");
  const std::string parent = "novikova.mama@family.test";
  forbid_in_replies(parent);
  forbid_in_replies("dasha@family.test");

  CHECK_EQ(error_name(call(*student.client, cmd::invite_parent(parent))), "OK");
  const ReceivedMail mail = world.mail().wait_for(parent);
  CHECK(mail.subject.find("Даша Новикова") != std::string::npos);
  CHECK(mail.body.find(std::string(kPublicUrl) + "/#/join/") != std::string::npos);
  const std::string link = find_join_token(mail.body);
  REQUIRE_EQ(link.size(), 64u);

  WsClient mom(port);
  auto info = call(mom, cmd::inspect(link));
  REQUIRE(info.has_invite_info());
  CHECK_EQ(info.invite_info().kind(), pb::LINK_KIND_PARENTS);
  CHECK_EQ(info.invite_info().child_name(), "Даша Новикова");
  CHECK_EQ(info.invite_info().group_name(), "3Г");
  auto reg = call(mom, cmd::register_(link, "Ирина Новикова", parent, "irina-pass-1"));
  REQUIRE_EQ(error_name(reg), "OK");
  const auto& m = reg.login_ok().memberships(0);
  CHECK_EQ(m.role(), pb::ROLE_PARENT);
  REQUIRE_EQ(m.children_size(), 1);
  CHECK_EQ(m.children(0), student.id());
  CHECK(reg.login_ok().me().class_name().empty());  // parents show no class
  CHECK(has_chat(mom, "Родители 3Г"));
  CHECK_FALSE(has_chat(mom, "3Г"));  // the students' chat is not theirs
  // The parent sees their child, not the classmate.
  CHECK_EQ(error_name(call(mom, cmd::get_profile(demo.org, student.id()))), "OK");
  CHECK_EQ(error_name(call(mom, cmd::get_profile(demo.org, classmate.id()))), "ERROR_NOT_FOUND");
  // The invitation is for one parent.
  WsClient dad(port);
  CHECK_EQ(error_name(call(dad, cmd::register_(link, "Сергей Новиков", "dad@family.test", "sergey-pass-1"))),
           "ERROR_LINK_USED_UP");
  // A refused address: MAIL_FAILED, and the link made for it is dead.
  CHECK_EQ(error_name(call(*student.client, cmd::invite_parent("refuse.me@family.test"))), "ERROR_MAIL_FAILED");
  // Only students invite parents.
  CHECK_EQ(error_name(call(mom, cmd::invite_parent("grandma@family.test"))), "ERROR_PERMISSION_DENIED");
}
