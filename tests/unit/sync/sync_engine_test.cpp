// Sync engine: intents -> commands, replies -> state, reconnect and catch-up.
#include <doctest/doctest.h>

#include "frames.h"
#include "shared/proto/protocol.h"
#include "shared/sync/sync_engine.h"

using namespace parta;
using namespace frames;

namespace {

// Logs in and answers the chat list; returns the engine ready to use.
void online(SyncEngine& e) {
  e.on_connecting();
  e.on_connected();
  e.login("teacher@demo.school", "demo-teacher");
  auto login = outgoing(e);
  REQUIRE(login.size() == 1);
  REQUIRE(login[0].has_login());
  feed(e, login_ok(1, 0, "token-1"), login[0].request_id());
  auto list = outgoing(e);
  REQUIRE(list.size() == 1);
  REQUIRE(list[0].has_list_chats());
  feed(e, chat_list({{10, 5, 5, 0, 5000}, {20, 2, 0, 2, 2000}}), list[0].request_id());
}

}  // namespace

TEST_CASE("[sync] login, chat list, open chat loads history and marks read") {
  SyncEngine e;
  online(e);
  CHECK(e.token() == "token-1");
  CHECK(e.state().connection == Connection::Online);
  CHECK(e.state().chats.size() == 2);
  e.open_chat(ChatId{20});
  auto cmds = outgoing(e);
  REQUIRE(cmds.size() == 2);
  CHECK(cmds[0].get_history().chat_id() == 20);
  CHECK(cmds[1].mark_read().seq() == 2);
  CHECK(e.state().find_chat(ChatId{20})->unread_count == 0);
  feed(e, history(20, 1, 2, false), cmds[0].request_id());
  CHECK(e.state().find_chat(ChatId{20})->messages.size() == 2);
  // An event in the open chat is marked read at once.
  REQUIRE(e.on_bytes(encode_frame(event(20, 3, 2))).is_ok());
  auto read = outgoing(e);
  REQUIRE(read.size() == 1);
  CHECK(read[0].mark_read().seq() == 3);
}

TEST_CASE("[sync] wrong password shows a typed error") {
  SyncEngine e;
  e.on_connected();
  e.login("teacher@demo.school", "nope-nope");
  auto f = outgoing(e);
  pb::ServerFrame err;
  err.mutable_error()->set_code(pb::ERROR_BAD_CREDENTIALS);
  feed(e, err, f[0].request_id());
  CHECK(e.state().login_error.code() == pb::ERROR_BAD_CREDENTIALS);
  CHECK_FALSE(e.state().me.has_value());
  e.login("", "x");
  CHECK(e.state().login_error.code() == pb::ERROR_EMPTY_TEXT);
  CHECK(outgoing(e).empty());
}

TEST_CASE("[sync] messages typed offline wait in the outbox and go out once online") {
  SyncEngine e;
  online(e);
  e.on_disconnected();
  CHECK(e.send_text(ChatId{10}, "Привет, 5А!", "c-1", 100).is_ok());
  CHECK(outgoing(e).empty());
  CHECK(e.outbox().items().size() == 1);
  CHECK(e.send_text(ChatId{10}, "  ", "c-2", 100).code() == pb::ERROR_EMPTY_TEXT);

  // Reconnect: resume with the token, then list chats and flush the outbox.
  e.on_connecting();
  e.on_connected();
  auto resume = outgoing(e);
  REQUIRE(resume.size() == 1);
  CHECK(resume[0].resume_session().token() == "token-1");
  feed(e, login_ok(1, 0, "token-1"), resume[0].request_id());
  auto after = outgoing(e);
  REQUIRE(after.size() == 2);
  CHECK(after[0].has_list_chats());
  REQUIRE(after[1].has_send_message());
  CHECK(after[1].send_message().client_id() == "c-1");

  pb::ServerFrame ack;
  *ack.mutable_message_sent()->mutable_message() = message(10, 6, 1, "Привет, 5А!");
  ack.mutable_message_sent()->mutable_message()->set_client_id("c-1");
  feed(e, ack, after[1].request_id());
  CHECK(e.outbox().empty());
  CHECK(e.state().find_chat(ChatId{10})->last_seq == 6);
}

TEST_CASE("[sync] reconnect catches up a loaded chat by cursor, page by page") {
  SyncEngine e;
  online(e);
  e.open_chat(ChatId{10});
  auto cmds = outgoing(e);
  feed(e, history(10, 1, 5, false), cmds[0].request_id());
  e.on_disconnected();
  e.on_connected();
  auto resume = outgoing(e);
  feed(e, login_ok(1, 0, "token-1"), resume[0].request_id());
  auto list = outgoing(e);
  feed(e, chat_list({{10, 400, 5, 395, 400000}}), list[0].request_id());
  auto catchup = outgoing(e);
  REQUIRE_FALSE(catchup.empty());
  CHECK(catchup[0].get_history().after_seq() == 5);
  feed(e, catch_up_range(10, 6, 205, true, 400), catchup[0].request_id());
  auto next = outgoing(e);
  REQUIRE_FALSE(next.empty());
  CHECK(next[0].get_history().after_seq() == 205);
  feed(e, catch_up_range(10, 206, 400, false, 400), next[0].request_id());
  const ChatEntry* c = e.state().find_chat(ChatId{10});
  CHECK(c->messages.size() == 400);
  CHECK_FALSE(c->gap);
}

TEST_CASE("[sync] an expired session returns to the login screen") {
  SyncEngine e;
  e.set_token("stale");
  e.on_connected();
  auto resume = outgoing(e);
  REQUIRE(resume.size() == 1);
  pb::ServerFrame err;
  err.mutable_error()->set_code(pb::ERROR_SESSION_EXPIRED);
  feed(e, err, resume[0].request_id());
  CHECK(e.token().empty());
  CHECK_FALSE(e.state().me.has_value());
  CHECK(e.state().connection == Connection::Connected);
}

TEST_CASE("[sync] garbage from the server is an error, not a crash") {
  SyncEngine e;
  CHECK(e.on_bytes(std::string("\xFF\xFF\xFF", 3)).code() == pb::ERROR_MALFORMED_FRAME);
}

TEST_CASE("[sync] a send refused with a retryable error is resent by tick, not lost") {
  SyncEngine e;
  online(e);
  CHECK(e.send_text(ChatId{10}, "повтор", "c-retry", 100).is_ok());
  auto sent = outgoing(e);
  REQUIRE(sent.size() == 1);
  pb::ServerFrame busy;
  busy.mutable_error()->set_code(pb::ERROR_RATE_LIMITED);
  feed(e, busy, sent[0].request_id());
  CHECK(e.outbox().has_unsent());
  e.tick(1000);  // schedules the retry
  CHECK(outgoing(e).empty());
  CHECK(e.next_wakeup_ms() == 1000 + SyncEngine::kOutboxRetryMs);
  e.tick(1000 + SyncEngine::kOutboxRetryMs);
  auto again = outgoing(e);
  REQUIRE(again.size() == 1);
  CHECK(again[0].send_message().client_id() == "c-retry");
  CHECK_FALSE(e.outbox().has_unsent());
}
