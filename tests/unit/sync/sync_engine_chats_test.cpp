// Sync engine, rich chats: intents checked with chat_policy, changes waiting for
// the session, typing throttle, search paging, jumping to a message.
#include <doctest/doctest.h>

#include "frames.h"
#include "shared/sync/sync_engine.h"
#include "shared/core/validation.h"

using namespace parta;
using namespace frames;

namespace {

struct Setup {
  pb::Role org_role = pb::ROLE_TEACHER;
  bool verified = true;
  pb::ChatRole chat_role = pb::CHAT_ROLE_MEMBER;
  bool muted = false;
  pb::PostPolicy post_policy = pb::POST_POLICY_ALL;
};

// Logged in as user 1; chat 10 (members 1, 2 = owner, 3 = member, 4 = moderator)
// open with messages 1..5 loaded: 1..4 from user 2, 5 ours (sent at 5000 ms).
void online(SyncEngine& e, Setup setup = {}) {
  e.on_connecting();
  e.on_connected();
  e.login("user@demo.school", "password-1");
  auto login = outgoing(e);
  REQUIRE(login.size() == 1);
  feed(e, login_ok(1, 0, "token-1", setup.org_role, setup.verified), login[0].request_id());
  auto list = outgoing(e);
  REQUIRE(list.size() == 1);
  pb::ServerFrame chats = chat_list({{10, 5, 5, 0, 5000}, {20, 0, 0, 0, 0}});
  auto* chat = chats.mutable_chat_list()->mutable_chats(0);
  *chat->add_chat_members() = member(1, setup.chat_role, 5, setup.muted);
  *chat->add_chat_members() = member(2, pb::CHAT_ROLE_OWNER);
  *chat->add_chat_members() = member(3, pb::CHAT_ROLE_MEMBER);
  *chat->add_chat_members() = member(4, pb::CHAT_ROLE_MODERATOR);
  chat->mutable_settings()->set_post_policy(setup.post_policy);
  *chats.mutable_chat_list()->mutable_chats(1)->add_chat_members() = member(1, setup.chat_role);
  feed(e, chats, list[0].request_id());
  e.open_chat(ChatId{10});
  auto open = outgoing(e);
  REQUIRE_FALSE(open.empty());
  REQUIRE(open[0].has_get_history());
  pb::ServerFrame page = history(10, 1, 4, false, 0, 2);
  *page.mutable_history()->add_messages() = message(10, 5, 1, "mine");
  page.mutable_history()->set_last_seq(5);
  feed(e, page, open[0].request_id());
  (void)outgoing(e);
}

pb::ServerFrame sent_reply(pb::Message m) {
  pb::ServerFrame f;
  *f.mutable_message_sent()->mutable_message() = std::move(m);
  return f;
}

pb::PollDraft draft_poll() {
  pb::PollDraft d;
  d.add_options("Monday");
  d.add_options("Tuesday");
  return d;
}

}  // namespace

TEST_CASE("[sync-chats] a reply with mentions and a poll goes out whole") {
  SyncEngine e;
  online(e, {.chat_role = pb::CHAT_ROLE_MODERATOR});
  OutgoingMessage m;
  m.text = "Which day, @user3?";
  m.reply_to_seq = 3;
  m.mention_ids = {3};
  m.poll = draft_poll();
  REQUIRE(e.send_message(ChatId{10}, m, "c-1", 100).is_ok());
  auto out = outgoing(e);
  REQUIRE(out.size() == 1);
  const auto& cmd = out[0].send_message();
  CHECK(cmd.reply_to_seq() == 3);
  REQUIRE(cmd.mention_ids_size() == 1);
  CHECK(cmd.mention_ids(0) == 3);
  CHECK(cmd.poll().options_size() == 2);
  REQUIRE(e.outbox().items().size() == 1);
  CHECK(e.outbox().items()[0].reply_to_seq == 3);
  // A deadline is checked against the time given (the intent's now_ms).
  m.poll->set_deadline_ms(100 + 86'400'000);
  CHECK(e.send_message(ChatId{10}, m, "c-deadline", 100).is_ok());
  m.poll->set_deadline_ms(50);
  CHECK(e.send_message(ChatId{10}, m, "c-past", 100).code() == pb::ERROR_INVALID_ARGUMENT);
  m.poll->clear_deadline_ms();
  CHECK(e.outbox().items().size() == 2);
  (void)outgoing(e);
  e.outbox().discard("c-deadline");
  // Bad drafts are refused before anything is queued.
  m.poll->clear_options();
  CHECK(e.send_message(ChatId{10}, m, "c-2", 100).code() == pb::ERROR_INVALID_ARGUMENT);
  m.poll.reset();
  m.mention_ids = {3, 3};
  CHECK(e.send_message(ChatId{10}, m, "c-3", 100).code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(e.outbox().items().size() == 1);
}

TEST_CASE("[sync-chats] sending refuses what chat_policy forbids, with the server's code") {
  SyncEngine e;
  SUBCASE("read-only") {
    online(e, {.org_role = pb::ROLE_STUDENT, .verified = false, .chat_role = pb::CHAT_ROLE_READ_ONLY});
    CHECK(e.send_text(ChatId{10}, "hi", "c-1", 1).code() == pb::ERROR_PERMISSION_DENIED);
  }
  SUBCASE("muted") {
    online(e, {.org_role = pb::ROLE_STUDENT, .verified = false, .muted = true});
    CHECK(e.send_text(ChatId{10}, "hi", "c-1", 1).code() == pb::ERROR_MUTED);
  }
  SUBCASE("announcements") {
    online(e, {.org_role = pb::ROLE_PARENT, .verified = false, .post_policy = pb::POST_POLICY_MODERATORS});
    CHECK(e.send_text(ChatId{10}, "hi", "c-1", 1).code() == pb::ERROR_PERMISSION_DENIED);
  }
  SUBCASE("a student's poll where only moderators create polls") {
    online(e, {.org_role = pb::ROLE_STUDENT, .verified = false});
    OutgoingMessage m;
    m.text = "Pizza?";
    m.poll = draft_poll();
    CHECK(e.send_message(ChatId{10}, m, "c-1", 1).code() == pb::ERROR_PERMISSION_DENIED);
    CHECK(e.send_text(ChatId{10}, "but this is fine", "c-2", 1).is_ok());
  }
  CHECK(e.outbox().items().size() <= 1);
}

TEST_CASE("[sync-chats] edit and delete: author, windows, moderators; the reply reduces") {
  SyncEngine e;
  online(e);
  const std::int64_t sent = 5000;  // message 5 (ours)
  CHECK(e.edit_message(ChatId{10}, 5, "fixed", {}, sent + kEditWindowMs + 1).code() == pb::ERROR_TOO_LATE);
  CHECK(e.edit_message(ChatId{10}, 4, "not mine", {}, sent).code() == pb::ERROR_PERMISSION_DENIED);
  CHECK(e.edit_message(ChatId{10}, 99, "unknown", {}, sent).code() == pb::ERROR_NOT_FOUND);
  CHECK(e.edit_message(ChatId{10}, 5, "  ", {}, sent).code() == pb::ERROR_EMPTY_TEXT);
  CHECK(e.delete_message(ChatId{10}, 4, sent).code() == pb::ERROR_PERMISSION_DENIED);  // a member, not the author
  CHECK(e.delete_message(ChatId{10}, 5, sent + kDeleteWindowMs + 1).code() == pb::ERROR_TOO_LATE);
  CHECK(outgoing(e).empty());

  REQUIRE(e.edit_message(ChatId{10}, 5, "fixed", {2}, sent + 1).is_ok());
  auto out = outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].edit_message().seq() == 5);
  CHECK(out[0].edit_message().text() == "fixed");
  pb::Message m = message(10, 5, 1, "fixed");
  m.set_edited_at_ms(5001);
  m.set_changed_seq(6);
  feed(e, sent_reply(m), out[0].request_id());
  const ChatEntry* c = e.state().find_chat(ChatId{10});
  CHECK(c->find_message(5)->text == "fixed");
  CHECK(c->cursor == 6);
  CHECK(e.outbox().empty());

  // A moderator deletes anyone's message, any time.
  SyncEngine mod;
  online(mod, {.chat_role = pb::CHAT_ROLE_MODERATOR});
  CHECK(mod.delete_message(ChatId{10}, 2, 10 * kDeleteWindowMs).is_ok());
  CHECK(outgoing(mod)[0].delete_message().seq() == 2);
}

TEST_CASE("[sync-chats] pins, polls, settings and moderation follow the policy") {
  SyncEngine e;
  online(e);  // a member
  CHECK(e.pin_message(ChatId{10}, 2, true).code() == pb::ERROR_PERMISSION_DENIED);
  CHECK(e.set_chat_settings(ChatId{10}, pb::ChatSettings{}).code() == pb::ERROR_PERMISSION_DENIED);
  CHECK(e.mute_member(ChatId{10}, UserId{3}, true).code() == pb::ERROR_PERMISSION_DENIED);
  CHECK(e.pin_message(ChatId{30}, 2, true).code() == pb::ERROR_NOT_FOUND);
  CHECK(outgoing(e).empty());

  SyncEngine mod;
  online(mod, {.chat_role = pb::CHAT_ROLE_MODERATOR});
  CHECK(mod.pin_message(ChatId{10}, 2, true).is_ok());
  CHECK(mod.mute_member(ChatId{10}, UserId{3}, true).is_ok());
  CHECK(mod.remove_member(ChatId{10}, UserId{3}).is_ok());
  CHECK(mod.mute_member(ChatId{10}, UserId{2}, true).code() == pb::ERROR_PERMISSION_DENIED);  // the owner
  CHECK(mod.mute_member(ChatId{10}, UserId{4}, true).code() == pb::ERROR_PERMISSION_DENIED);  // an equal
  CHECK(mod.set_member_role(ChatId{10}, UserId{3}, pb::CHAT_ROLE_MODERATOR).code() == pb::ERROR_PERMISSION_DENIED);
  pb::ChatSettings settings;
  settings.set_post_policy(pb::POST_POLICY_MODERATORS);
  CHECK(mod.set_chat_settings(ChatId{10}, settings).is_ok());
  auto out = outgoing(mod);
  REQUIRE(out.size() == 4);
  CHECK(out[0].pin_message().pinned());
  CHECK(out[1].mute_chat_member().user_id() == 3);
  CHECK(out[2].has_remove_chat_member());
  CHECK(out[3].set_chat_settings().settings().post_policy() == pb::POST_POLICY_MODERATORS);
  feed(mod, ack(), out[0].request_id());
  feed(mod, error(pb::ERROR_PERMISSION_DENIED), out[1].request_id());
  CHECK(mod.state().last_error.code() == pb::ERROR_PERMISSION_DENIED);

  SyncEngine owner;
  online(owner, {.chat_role = pb::CHAT_ROLE_OWNER});
  CHECK(owner.set_member_role(ChatId{10}, UserId{3}, pb::CHAT_ROLE_MODERATOR).is_ok());
  CHECK(owner.set_member_role(ChatId{10}, UserId{3}, pb::CHAT_ROLE_OWNER).code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(owner.set_member_role(ChatId{10}, UserId{9}, pb::CHAT_ROLE_MEMBER).code() == pb::ERROR_PERMISSION_DENIED);
}

TEST_CASE("[sync-chats] votes: validated against the poll as we see it") {
  SyncEngine e;
  online(e, {.org_role = pb::ROLE_STUDENT, .verified = false});
  pb::Message p = message(10, 6, 2, "Which day?");
  *p.mutable_poll() = poll({0, 0});
  p.mutable_poll()->set_allow_change(false);
  feed(e, event(10, 6, 2));
  feed(e, changed(7, p));
  (void)outgoing(e);  // mark-read of the open chat
  CHECK(e.vote(ChatId{10}, 6, {5}).code() == pb::ERROR_INVALID_ARGUMENT);
  CHECK(e.vote(ChatId{10}, 6, {0, 1}).code() == pb::ERROR_INVALID_ARGUMENT);  // single choice
  CHECK(e.vote(ChatId{10}, 4, {0}).code() == pb::ERROR_INVALID_ARGUMENT);     // not a poll
  REQUIRE(e.vote(ChatId{10}, 6, {1}).is_ok());
  auto out = outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].vote_poll().choices(0) == 1);
  *p.mutable_poll() = poll({0, 1}, {1});
  p.mutable_poll()->set_allow_change(false);
  p.set_changed_seq(8);
  feed(e, sent_reply(p), out[0].request_id());
  const ChatMessage* m = e.state().find_chat(ChatId{10})->find_message(6);
  REQUIRE(m->poll);
  CHECK(m->poll->my_choices_size() == 1);
  CHECK(e.vote(ChatId{10}, 6, {0}).code() == pb::ERROR_ALREADY_VOTED);
  CHECK(e.close_poll(ChatId{10}, 6).code() == pb::ERROR_PERMISSION_DENIED);  // not the creator
}

TEST_CASE("[sync-chats] changes made offline wait for the session; in-flight ones are resent") {
  SyncEngine e;
  online(e, {.chat_role = pb::CHAT_ROLE_MODERATOR});
  REQUIRE(e.pin_message(ChatId{10}, 2, true).is_ok());
  auto first = outgoing(e);
  REQUIRE(first.size() == 1);
  e.on_disconnected();
  REQUIRE(e.delete_message(ChatId{10}, 3, 1).is_ok());
  CHECK(outgoing(e).empty());
  e.on_connecting();
  e.on_connected();
  auto resume = outgoing(e);
  REQUIRE(resume.size() == 1);
  CHECK(outgoing(e).empty());  // nothing before the session
  feed(e, login_ok(1, 0, "token-1"), resume[0].request_id());
  auto after = outgoing(e);
  REQUIRE(after.size() == 3);
  CHECK(after[0].has_list_chats());
  CHECK(after[1].pin_message().seq() == 2);  // the one in flight when the connection dropped
  CHECK(after[2].delete_message().seq() == 3);
  // A resent vote that had landed: ALREADY_VOTED is not an error to show.
  feed(e, error(pb::ERROR_ALREADY_VOTED), after[1].request_id());
  CHECK(e.state().last_error.is_ok());
  feed(e, error(pb::ERROR_NOT_FOUND), after[2].request_id());
  CHECK(e.state().last_error.code() == pb::ERROR_NOT_FOUND);
}

TEST_CASE("[sync-chats] typing is throttled per chat; indicators expire on tick") {
  SyncEngine e;
  online(e);
  e.typing(ChatId{10}, 1000);
  e.typing(ChatId{10}, 1000 + kTypingSendIntervalMs - 1);
  e.typing(ChatId{20}, 1500);
  auto out = outgoing(e);
  REQUIRE(out.size() == 2);
  CHECK(out[0].set_typing().chat_id() == 10);
  CHECK(out[1].set_typing().chat_id() == 20);
  e.typing(ChatId{10}, 1000 + kTypingSendIntervalMs);
  CHECK(outgoing(e).size() == 1);
  e.on_disconnected();
  e.typing(ChatId{10}, 100000);
  CHECK(outgoing(e).empty());

  SyncEngine r;
  online(r);
  CHECK_FALSE(r.tick(50'000));
  feed(r, typing(10, 2));
  REQUIRE(r.state().find_chat(ChatId{10})->typing.size() == 1);
  CHECK(r.state().find_chat(ChatId{10})->typing[0].until_ms == 50'000 + kTypingShowMs);
  CHECK_FALSE(r.tick(50'000 + kTypingShowMs - 1));
  const std::uint64_t rev = r.revision();
  CHECK(r.tick(50'000 + kTypingShowMs));
  CHECK(r.revision() > rev);
  CHECK(r.state().find_chat(ChatId{10})->typing.empty());

  SyncEngine muted;
  online(muted, {.org_role = pb::ROLE_STUDENT, .verified = false, .muted = true});
  muted.typing(ChatId{10}, 1000);
  CHECK(outgoing(muted).empty());
}

TEST_CASE("[sync-chats] search: first page, more pages, stale answers, errors") {
  SyncEngine e;
  online(e);
  CHECK(e.search(ChatId{}, "   ").code() == pb::ERROR_EMPTY_TEXT);
  CHECK(e.state().search.error.code() == pb::ERROR_EMPTY_TEXT);
  CHECK(outgoing(e).empty());

  REQUIRE(e.search(ChatId{10}, "ёлка").is_ok());
  auto out = outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].search_messages().chat_id() == 10);
  CHECK(out[0].search_messages().limit() == kDefaultSearchResults);
  CHECK(out[0].search_messages().before_id() == 0);
  CHECK(e.state().search.pending);
  pb::ServerFrame page;
  for (int i = 0; i < 2; ++i) *page.mutable_search_results()->add_hits()->mutable_message() = message(10, 9 - i, 2);
  page.mutable_search_results()->set_next_before_id(777);
  feed(e, page, out[0].request_id());
  CHECK_FALSE(e.state().search.pending);
  CHECK(e.state().search.hits.size() == 2);
  CHECK(e.state().search.next_before_id == 777);

  e.search_more();
  out = outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].search_messages().before_id() == 777);
  CHECK(out[0].search_messages().query() == "ёлка");
  e.search_more();  // one page at a time
  CHECK(outgoing(e).empty());
  pb::ServerFrame last;
  *last.mutable_search_results()->add_hits()->mutable_message() = message(10, 2, 2);
  feed(e, last, out[0].request_id());
  CHECK(e.state().search.hits.size() == 3);
  CHECK(e.state().search.next_before_id == 0);
  e.search_more();  // no more
  CHECK(outgoing(e).empty());

  // A new query replaces the old one; the old answer is dropped.
  REQUIRE(e.search(ChatId{}, "first").is_ok());
  auto old = outgoing(e);
  REQUIRE(e.search(ChatId{}, "second").is_ok());
  auto fresh = outgoing(e);
  feed(e, page, old[0].request_id());
  CHECK(e.state().search.hits.empty());
  CHECK(e.state().search.pending);
  feed(e, error(pb::ERROR_RATE_LIMITED), fresh[0].request_id());
  CHECK(e.state().search.error.code() == pb::ERROR_RATE_LIMITED);
  e.clear_search();
  CHECK(e.state().search.query.empty());

  // Offline: the search waits for the session.
  e.on_disconnected();
  REQUIRE(e.search(ChatId{}, "later").is_ok());
  CHECK(outgoing(e).empty());
  e.on_connected();
  auto resume = outgoing(e);
  feed(e, login_ok(1, 0, "token-1"), resume[0].request_id());
  bool asked = false;
  for (const auto& f : outgoing(e)) asked |= f.has_search_messages() && f.search_messages().query() == "later";
  CHECK(asked);
}

TEST_CASE("[sync-chats] jump_to: in the window at once, else older pages until found (bounded)") {
  SyncEngine e;
  online(e);
  e.jump_to(ChatId{10}, 3);
  CHECK(e.state().jump_chat == ChatId{10});
  CHECK(e.state().jump_seq == 3);
  CHECK(outgoing(e).empty());
  e.clear_jump();
  CHECK(e.state().jump_seq == 0);

  // Chat 20 is not open: jump opens it, waits for the newest page, then goes back.
  pb::ServerFrame list = chat_list({{10, 5, 5, 0, 5000}, {20, 1000, 1000, 0, 9000}});
  feed(e, list);  // (a push of the list is harmless: same reducer)
  e.jump_to(ChatId{20}, 450);
  CHECK(e.state().open_chat == ChatId{20});
  auto out = outgoing(e);
  REQUIRE_FALSE(out.empty());
  REQUIRE(out[0].has_get_history());
  CHECK(out[0].get_history().before_seq() == 0);
  feed(e, history(20, 951, 1000, true), out[0].request_id());
  out = outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].get_history().before_seq() == 951);
  CHECK(out[0].get_history().limit() == kMaxHistoryPage);
  feed(e, history(20, 751, 950, true), out[0].request_id());
  out = outgoing(e);
  REQUIRE(out.size() == 1);
  CHECK(out[0].get_history().before_seq() == 751);
  CHECK_FALSE(e.state().jump_chat.valid());
  feed(e, history(20, 551, 750, true), out[0].request_id());
  out = outgoing(e);
  feed(e, history(20, 351, 550, true), out[0].request_id());
  CHECK(e.state().jump_chat == ChatId{20});
  CHECK(e.state().jump_seq == 450);
  CHECK(outgoing(e).empty());

  // Too far back: gives up after kMaxJumpPages pages.
  e.clear_jump();
  e.jump_to(ChatId{20}, 1);
  int pages = 0;
  for (std::uint64_t before = 351; pages < 100; ++pages) {
    out = outgoing(e);
    if (out.empty()) break;
    REQUIRE(out[0].get_history().before_seq() == before);
    feed(e, history(20, before - 10, before - 1, true), out[0].request_id());
    before -= 10;
  }
  CHECK(pages == kMaxJumpPages);
  CHECK_FALSE(e.state().jump_chat.valid());
}

TEST_CASE("[sync-chats] a snapshot catch-up refreshes the chat list too") {
  SyncEngine e;
  online(e);
  feed(e, event(10, 9000, 2));  // far past the cursor: a gap
  auto out = outgoing(e);
  REQUIRE_FALSE(out.empty());
  REQUIRE(out[0].get_history().after_seq() == 5);
  pb::ServerFrame snap = history(10, 8951, 9000, true);
  snap.mutable_history()->set_snapshot(true);
  feed(e, snap, out[0].request_id());
  auto next = outgoing(e);
  bool listed = false;
  for (const auto& f : next) listed |= f.has_list_chats();
  CHECK(listed);
  CHECK(e.state().find_chat(ChatId{10})->cursor == 9000);
  CHECK(e.state().find_chat(ChatId{10})->loaded_from() == 8951);
}
