// Auth state: given state + (command, reply) -> expected state; which commands
// need no session; code login and sessions through the engine.
#include "shared/auth/auth_state.h"

#include <doctest/doctest.h>

#include "frames.h"
#include "shared/org/org_state.h"
#include "shared/proto/command_spec.h"
#include "shared/proto/protocol.h"
#include "shared/sync/sync_engine.h"

using namespace parta;

TEST_CASE("[auth] code login: the code form shows after the request, and goes after the login") {
  AuthState s;
  CommandLog log;
  pb::ClientFrame ask;
  ask.mutable_request_login_code()->set_email("a@example.org");
  pb::ServerFrame ack;
  ack.mutable_ack();
  reduce_auth_sent(s, log, 1, ask);
  CHECK(log.busy(pb::ClientFrame::kRequestLoginCode));
  reduce_auth_reply(s, log, 1, ask, ack);
  CHECK_FALSE(log.busy(pb::ClientFrame::kRequestLoginCode));
  CHECK(s.login_code_sent);
  CHECK(log.op(pb::ClientFrame::kRequestLoginCode).succeeded == 1);

  pb::ClientFrame use;
  use.mutable_login_with_code()->set_email("a@example.org");
  reduce_auth_sent(s, log, 2, use);
  SUBCASE("refused: the form stays") {
    reduce_auth_reply(s, log, 2, use, make_error_frame(2, Status(pb::ERROR_CODE_INVALID, "x")));
    CHECK(s.login_code_sent);
    CHECK(log.last_error.code() == pb::ERROR_CODE_INVALID);
    CHECK(log.last_error_command == pb::ClientFrame::kLoginWithCode);
  }
  SUBCASE("logged in") {
    pb::ServerFrame ok;
    ok.mutable_login_ok()->set_token("t");
    reduce_auth_reply(s, log, 2, use, ok);
    CHECK_FALSE(s.login_code_sent);
  }
}

TEST_CASE("[auth] the session list is replaced by each reply") {
  AuthState s;
  CommandLog log;
  pb::ClientFrame list;
  list.mutable_list_sessions();
  pb::ServerFrame reply;
  reply.mutable_sessions()->add_sessions()->set_current(true);
  reply.mutable_sessions()->add_sessions();
  reduce_auth_sent(s, log, 1, list);
  reduce_auth_reply(s, log, 1, list, reply);
  CHECK(s.sessions_loaded);
  CHECK(s.sessions.size() == 2);
  pb::ClientFrame end;
  end.mutable_end_sessions();
  reply.mutable_sessions()->mutable_sessions()->RemoveLast();
  reduce_auth_sent(s, log, 2, end);
  reduce_auth_reply(s, log, 2, end, reply);
  CHECK(s.sessions.size() == 1);
}

TEST_CASE("[auth] commands that need no session: both domains' tables") {
  const struct {
    void (*make)(pb::ClientFrame&);
    bool anonymous;
  } table[] = {
      {[](pb::ClientFrame& f) { f.mutable_login(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_resume_session(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_ping(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_request_login_code(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_login_with_code(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_submit_org_application(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_inspect_invite(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_register_(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_confirm_registration(); }, true},
      {[](pb::ClientFrame& f) { f.mutable_logout(); }, false},
      {[](pb::ClientFrame& f) { f.mutable_list_sessions(); }, false},
      {[](pb::ClientFrame& f) { f.mutable_list_members(); }, false},
      {[](pb::ClientFrame& f) { f.mutable_send_message(); }, false},
  };
  for (const auto& row : table) {
    pb::ClientFrame frame;
    row.make(frame);
    CAPTURE(frame.command_case());
    CHECK(command_allowed_anonymously(frame.command_case()) == row.anonymous);
  }
}

TEST_CASE("[auth] through the engine: a code login logs in like Login, the session list lands in auth()") {
  SyncEngine e;
  e.on_connecting();
  e.on_connected();
  pb::ClientFrame ask;
  ask.mutable_request_login_code()->set_email("a@example.org");
  auto asked = e.request(ask);
  REQUIRE(asked.is_ok());
  auto out = frames::outgoing(e);
  REQUIRE(out.size() == 1);  // anonymous: goes without a session
  pb::ServerFrame ack;
  ack.mutable_ack();
  frames::feed(e, ack, asked.value());
  CHECK(e.auth().login_code_sent);

  pb::ClientFrame use;
  use.mutable_login_with_code()->set_email("a@example.org");
  use.mutable_login_with_code()->set_code("123456");
  use.mutable_login_with_code()->set_protocol_version(kProtocolVersion);
  auto used = e.request(use);
  REQUIRE(used.is_ok());
  frames::outgoing(e);
  frames::feed(e, frames::login_ok(4, 0, "token-4"), used.value());
  CHECK(e.token() == "token-4");
  CHECK(e.state().connection == Connection::Online);
  CHECK_FALSE(e.auth().login_code_sent);
  out = frames::outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].has_list_chats());

  pb::ClientFrame list;
  list.mutable_list_sessions();
  auto listed = e.request(list);
  REQUIRE(listed.is_ok());
  pb::ServerFrame sessions;
  sessions.mutable_sessions()->add_sessions()->set_current(true);
  frames::feed(e, sessions, listed.value());
  CHECK(e.auth().sessions_loaded);
  CHECK(e.org().sessions.size() == 1);  // the same state, as the views read it
}
