// Login, session resume, logout, throttling, and what an anonymous connection may do.
#include <doctest/doctest.h>

#include "fixture.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[auth] login with the demo student") {
  WsClient client(shared_port());
  auto reply = client.login(kStudent1, kStudentPassword);
  REQUIRE_EQ(error_name(reply), "OK");
  REQUIRE(reply.has_login_ok());
  const auto& ok = reply.login_ok();
  CHECK_EQ(ok.token().size(), 64u);
  CHECK_EQ(ok.me().display_name(), "Иван Петров");
  CHECK_EQ(ok.me().role(), pb::ROLE_STUDENT);
  CHECK_EQ(ok.me().class_name(), "5А");
  CHECK(ok.me().id() > 0);
  // Logged in: chats are now allowed.
  CHECK(client.list_chats().has_chat_list());
}

TEST_CASE("[auth] logins are normalized: case and spaces don't matter") {
  WsClient client(shared_port());
  auto reply = client.login("  Teacher@DEMO.school ", kTeacherPassword);
  REQUIRE_EQ(error_name(reply), "OK");
  CHECK_EQ(reply.login_ok().me().display_name(), "Анна Сергеевна Смирнова");
  CHECK(reply.login_ok().me().verified_teacher());
  CHECK_EQ(reply.login_ok().me().role(), pb::ROLE_TEACHER);
}

TEST_CASE("[auth] wrong password and unknown login give the same error") {
  WsClient client(shared_port());
  SUBCASE("wrong password") {
    CHECK_EQ(error_name(client.login(kStudent1, "not-the-password")), "ERROR_BAD_CREDENTIALS");
  }
  SUBCASE("unknown login") {
    CHECK_EQ(error_name(client.login("nobody@demo.school", kStudentPassword)), "ERROR_BAD_CREDENTIALS");
  }
  // Still not logged in.
  CHECK_EQ(error_name(client.list_chats()), "ERROR_UNAUTHENTICATED");
}

TEST_CASE("[auth] only Login, ResumeSession and Ping before login") {
  WsClient client(shared_port());
  CHECK_EQ(error_name(client.list_chats()), "ERROR_UNAUTHENTICATED");
  CHECK_EQ(error_name(client.history(1, 0, 0, 10)), "ERROR_UNAUTHENTICATED");
  CHECK_EQ(error_name(client.send_message(1, new_client_id(), "hi")), "ERROR_UNAUTHENTICATED");
  CHECK_EQ(error_name(client.mark_read(1, 1)), "ERROR_UNAUTHENTICATED");
  pb::ClientFrame logout;
  logout.mutable_logout();
  CHECK_EQ(error_name(client.call(logout)), "ERROR_UNAUTHENTICATED");
  client.sync();  // Ping works
}

TEST_CASE("[auth] the wrong protocol version is refused") {
  WsClient client(shared_port());
  pb::ClientFrame frame;
  frame.mutable_login()->set_login(kStudent1);
  frame.mutable_login()->set_password(kStudentPassword);
  frame.mutable_login()->set_protocol_version(kProtocolVersion + 1);
  CHECK_EQ(error_name(client.call(frame)), "ERROR_UNSUPPORTED_VERSION");
}

TEST_CASE("[auth] a session token resumes on a new connection; a forged one does not") {
  std::string token;
  {
    WsClient first(shared_port());
    auto reply = first.login(kStudent2, kStudentPassword);
    REQUIRE(reply.has_login_ok());
    token = reply.login_ok().token();
  }
  WsClient second(shared_port());
  auto resumed = second.resume(token);
  REQUIRE_EQ(error_name(resumed), "OK");
  CHECK_EQ(resumed.login_ok().me().display_name(), "Мария Иванова");
  CHECK_EQ(resumed.login_ok().token(), token);
  CHECK(second.list_chats().has_chat_list());

  WsClient third(shared_port());
  std::string forged = token;
  forged[0] = forged[0] == 'a' ? 'b' : 'a';
  CHECK_EQ(error_name(third.resume(forged)), "ERROR_SESSION_EXPIRED");
  CHECK_EQ(error_name(third.resume("not-a-token")), "ERROR_SESSION_EXPIRED");
  CHECK_EQ(error_name(third.list_chats()), "ERROR_UNAUTHENTICATED");
}

TEST_CASE("[auth] logout ends the session and invalidates the token") {
  WsClient client(shared_port());
  auto reply = client.login(kStudent3, kStudentPassword);
  REQUIRE(reply.has_login_ok());
  const std::string token = reply.login_ok().token();
  pb::ClientFrame logout;
  logout.mutable_logout();
  CHECK(client.call(logout).has_ack());
  CHECK_EQ(error_name(client.list_chats()), "ERROR_UNAUTHENTICATED");

  WsClient other(shared_port());
  CHECK_EQ(error_name(other.resume(token)), "ERROR_SESSION_EXPIRED");
}

TEST_CASE("[auth] repeated failures on one connection are rate limited") {
  WsClient client(shared_port());
  for (int i = 0; i < 10; ++i) {
    REQUIRE_EQ(error_name(client.login(kParent, "wrong-password")), "ERROR_BAD_CREDENTIALS");
  }
  // Even the right password is refused now, without checking it.
  CHECK_EQ(error_name(client.login(kParent, kParentPassword)), "ERROR_RATE_LIMITED");
  // A new connection is not affected.
  WsClient fresh(shared_port());
  CHECK_EQ(error_name(fresh.login(kParent, kParentPassword)), "OK");
}
