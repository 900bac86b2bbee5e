// The browser cache: chats, recent history and drafts survive a reload, bound to
// one user; a resumed session catches every cached chat up from its cursor.
#include "shared/sync/client_cache.h"

#include <doctest/doctest.h>

#include "frames.h"
#include "shared/sync/sync_engine.h"

using namespace parta;
using namespace frames;

namespace {

// Logged in as `user`; chat 10 loaded with 1..n, chat 20 listed only.
void online(SyncEngine& e, std::int64_t user, std::uint64_t n) {
  e.on_connecting();
  e.on_connected();
  e.login("user@demo.school", "password-1");
  auto login = outgoing(e);
  feed(e, login_ok(user, 0, "token-1"), login[0].request_id());
  auto list = outgoing(e);
  feed(e, chat_list({{10, n, n, 0, 5000}, {20, 3, 1, 2, 3000}}), list[0].request_id());
  e.open_chat(ChatId{10});
  auto open = outgoing(e);
  feed(e, history(10, 1, n, false), open[0].request_id());
  e.close_chat();
  (void)outgoing(e);
}

}  // namespace

TEST_CASE("[cache] round trip: chats, the newest window with its cursor, drafts") {
  SyncEngine e;
  online(e, 1, 250);
  feed(e, changed(251, message(10, 7, 99, "edited")));  // the cursor moves past the last message
  e.set_draft(ChatId{20}, "half a thought", 2);
  e.set_draft(ChatId{10}, "", 0);  // no draft: nothing stored
  const std::string bytes = e.serialize_cache();
  REQUIRE_FALSE(bytes.empty());

  pb::ClientCache cache;
  REQUIRE(cache.ParseFromString(bytes));
  CHECK(cache.user_id() == 1);
  CHECK(cache.chats_size() == 2);
  REQUIRE(cache.histories_size() == 1);
  CHECK(cache.histories(0).messages_size() == static_cast<int>(kCachedMessagesPerChat));
  CHECK(cache.histories(0).messages(0).seq() == 51);
  CHECK(cache.histories(0).has_older());  // trimmed
  CHECK(cache.histories(0).cursor() == 251);
  CHECK(cache.drafts_size() == 1);

  // A reload: the token and the cache come back before the socket does.
  SyncEngine r;
  r.set_token("token-1");
  REQUIRE(r.restore_cache(bytes).is_ok());
  CHECK(r.state().from_cache);
  CHECK(r.state().chats_loaded);
  REQUIRE(r.state().chats.size() == 2);
  const ChatEntry* c = r.state().find_chat(ChatId{10});
  CHECK(c->history_loaded);
  CHECK(c->cursor == 251);
  CHECK(c->loaded_from() == 51);
  CHECK(c->has_older);
  REQUIRE(r.draft(ChatId{20}) != nullptr);
  CHECK(r.draft(ChatId{20})->text() == "half a thought");
  CHECK(r.draft(ChatId{20})->reply_to_seq() == 2);
  CHECK(r.draft(ChatId{10}) == nullptr);
  CHECK(r.state().find_chat(ChatId{20})->unread_count == 2);

  // The session resumes as the same user: the list, then a catch-up from the cursor.
  r.on_connecting();
  r.on_connected();
  auto resume = outgoing(r);
  REQUIRE(resume.size() == 1);
  feed(r, login_ok(1, 0, "token-1"), resume[0].request_id());
  CHECK(r.state().chats.size() == 2);
  auto list = outgoing(r);
  REQUIRE(list[0].has_list_chats());
  feed(r, chat_list({{10, 260, 250, 9, 9000}, {20, 3, 1, 2, 3000}}), list[0].request_id());
  CHECK_FALSE(r.state().from_cache);
  auto sync = outgoing(r);
  REQUIRE(sync.size() == 1);
  CHECK(sync[0].get_history().chat_id() == 10);
  CHECK(sync[0].get_history().after_seq() == 251);
  feed(r, catch_up_range(10, 252, 260, false, 260), sync[0].request_id());
  c = r.state().find_chat(ChatId{10});
  CHECK(c->cursor == 260);
  CHECK_FALSE(c->gap);
  CHECK(c->messages.back().seq == 260);
  CHECK(r.draft(ChatId{20}) != nullptr);
}

TEST_CASE("[cache] another user's cache is dropped at LoginOk; none without a session") {
  SyncEngine e;
  online(e, 1, 5);
  e.set_draft(ChatId{10}, "private", 0);
  const std::string bytes = e.serialize_cache();

  SyncEngine nobody;
  CHECK(nobody.restore_cache(bytes).code() == pb::ERROR_UNAUTHENTICATED);
  CHECK(nobody.state().chats.empty());
  CHECK(nobody.restore_cache("\xFF\xFF\xFF").code() == pb::ERROR_MALFORMED_FRAME);

  SyncEngine r;
  r.set_token("token-of-user-2");
  REQUIRE(r.restore_cache(bytes).is_ok());
  CHECK(r.state().chats.size() == 2);
  r.on_connected();
  auto resume = outgoing(r);
  feed(r, login_ok(2, 0, "token-of-user-2"), resume[0].request_id());
  CHECK(r.state().chats.empty());
  CHECK_FALSE(r.state().from_cache);
  CHECK(r.draft(ChatId{10}) == nullptr);
  CHECK(r.serialize_cache().find("private") == std::string::npos);

  // Once logged in as user 2, user 1's cache is refused outright.
  CHECK(r.restore_cache(bytes).code() == pb::ERROR_PERMISSION_DENIED);
}

TEST_CASE("[cache] logout forgets drafts and the cache; an untrusted window is dropped") {
  SyncEngine e;
  online(e, 1, 5);
  e.set_draft(ChatId{10}, "bye", 0);
  e.logout();
  CHECK(e.draft(ChatId{10}) == nullptr);
  CHECK(e.serialize_cache().empty());

  pb::ClientCache cache;
  cache.set_user_id(1);
  cache.add_chats()->set_id(10);
  auto* h = cache.add_histories();
  h->set_chat_id(10);
  h->set_cursor(3);
  *h->add_messages() = message(10, 2, 9);
  *h->add_messages() = message(10, 5, 9);  // past its cursor: not ours to trust
  ClientState s;
  reduce_cached(s, cache);
  REQUIRE(s.chats.size() == 1);
  CHECK_FALSE(s.chats[0].history_loaded);
  CHECK(s.from_cache);
}
