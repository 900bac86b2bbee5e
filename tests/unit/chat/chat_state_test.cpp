// Reducer tests: given state + frames -> expected state.
#include <doctest/doctest.h>

#include "frames.h"
#include "shared/chat/chat_state.h"
#include "shared/core/validation.h"

using namespace parta;
using namespace frames;

namespace {

std::vector<std::uint64_t> seqs(const ChatEntry& chat) {
  std::vector<std::uint64_t> out;
  for (const auto& m : chat.messages) out.push_back(m.seq);
  return out;
}

ClientState logged_in_with_chats() {
  ClientState s;
  reduce(s, login_ok(1));
  reduce(s, chat_list({{10, 5, 3, 2, 5000}, {20, 0, 0, 0, 0}, {30, 9, 9, 0, 9000}}));
  return s;
}

}  // namespace

TEST_CASE("[reducer] login and chat list order by newest activity") {
  ClientState s = logged_in_with_chats();
  CHECK(s.connection == Connection::Online);
  REQUIRE(s.me.has_value());
  CHECK(s.me->id() == 1);
  CHECK(s.chats_loaded);
  REQUIRE(s.chats.size() == 3);
  CHECK(s.chats[0].id == ChatId{30});
  CHECK(s.chats[1].id == ChatId{10});
  CHECK(s.chats[2].id == ChatId{20});
  CHECK(s.total_unread() == 2);
}

TEST_CASE("[reducer] newest page, then older pages, stay contiguous") {
  ClientState s = logged_in_with_chats();
  reduce(s, history(10, 3, 5, true));
  ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->history_loaded);
  CHECK(c->has_older);
  CHECK(seqs(*c) == std::vector<std::uint64_t>{3, 4, 5});
  reduce(s, history(10, 1, 2, false));
  CHECK(seqs(*c) == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
  CHECK_FALSE(c->has_older);
  CHECK_FALSE(c->gap);
}

TEST_CASE("[reducer] events: append, duplicate, out of order, gap") {
  ClientState s = logged_in_with_chats();
  reduce(s, history(10, 1, 5, false));
  ChatEntry* c = s.find_chat(ChatId{10});

  SUBCASE("next event appends and counts unread when the chat is closed") {
    auto ev = event(10, 6, 2, "hello");
    ev.mutable_chat_event()->mutable_message_added()->set_sent_at_ms(100000);
    reduce(s, ev);
    c = s.find_chat(ChatId{10});
    CHECK(seqs(*c).back() == 6);
    CHECK(c->messages.back().text == "hello");
    CHECK(c->last_seq == 6);
    CHECK(c->unread_count == 3);
    CHECK(s.chats.front().id == ChatId{10});  // moved to the top
  }
  SUBCASE("a duplicate event changes nothing") {
    reduce(s, event(10, 6, 2));
    reduce(s, event(10, 6, 2));
    c = s.find_chat(ChatId{10});
    CHECK(seqs(*c) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6});
    CHECK(c->unread_count == 3);
  }
  SUBCASE("a missing event opens a gap; catch-up closes it") {
    reduce(s, event(10, 8, 2));
    c = s.find_chat(ChatId{10});
    CHECK(c->gap);
    CHECK(c->last_seq == 8);
    CHECK(c->loaded_until() == 5);  // 8 is not inserted past the hole
    reduce(s, catch_up_range(10, 6, 8, false, 8));
    c = s.find_chat(ChatId{10});
    CHECK_FALSE(c->gap);
    CHECK(c->loaded_until() == 8);
    CHECK(seqs(*c) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8});
  }
  SUBCASE("an old event (out of order) is ignored for counters") {
    reduce(s, event(10, 4, 2));
    c = s.find_chat(ChatId{10});
    CHECK(c->last_seq == 5);
    CHECK(c->unread_count == 2);
    CHECK(seqs(*c).size() == 5);
  }
  SUBCASE("my own message does not count as unread and moves my read position") {
    reduce(s, event(10, 6, 1));
    c = s.find_chat(ChatId{10});
    CHECK(c->unread_count == 2);
    CHECK(c->read_seq == 6);
  }
}

TEST_CASE("[reducer] an open chat has no unread messages") {
  ClientState s = logged_in_with_chats();
  reduce_open_chat(s, ChatId{10});
  CHECK(s.open_chat == ChatId{10});
  CHECK(s.find_chat(ChatId{10})->unread_count == 0);
  reduce(s, history(10, 1, 5, false));
  reduce(s, event(10, 6, 2));
  CHECK(s.find_chat(ChatId{10})->unread_count == 0);
  CHECK(s.find_chat(ChatId{10})->read_seq == 6);
  // A refreshed chat list keeps the open chat read and the loaded history.
  reduce(s, chat_list({{10, 6, 5, 1, 6000}}));
  CHECK(s.find_chat(ChatId{10})->unread_count == 0);
  CHECK(s.find_chat(ChatId{10})->messages.size() == 6);
}

TEST_CASE("[reducer] chat list after a reconnect reveals a gap in a loaded chat") {
  ClientState s = logged_in_with_chats();
  reduce(s, history(10, 1, 5, false));
  reduce(s, chat_list({{10, 12, 3, 9, 12000}}));
  const ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->gap);
  CHECK(c->loaded_until() == 5);
  CHECK(s.find_chat(ChatId{20}) == nullptr);  // gone from the list
}

TEST_CASE("[reducer] events for unknown chats and read positions") {
  ClientState s = logged_in_with_chats();
  reduce(s, event(777, 1, 2));
  CHECK(s.find_chat(ChatId{777}) == nullptr);
  reduce(s, history(10, 1, 5, false));
  pb::ServerFrame read;
  read.mutable_read_position_changed()->set_chat_id(10);
  read.mutable_read_position_changed()->set_read_seq(5);
  reduce(s, read);
  CHECK(s.find_chat(ChatId{10})->unread_count == 0);
  CHECK(s.find_chat(ChatId{10})->read_seq == 5);
}

TEST_CASE("[reducer] logout clears everything but the connection") {
  ClientState s = logged_in_with_chats();
  reduce_logged_out(s);
  CHECK_FALSE(s.me.has_value());
  CHECK(s.chats.empty());
  CHECK(s.connection == Connection::Connected);
}

// ---------------------------------------------------------------------------
// The event model: cursor, changes, gaps, catch-up, snapshots
// ---------------------------------------------------------------------------

namespace {

// Logged in as user 1; chat 10 loaded with messages 1..5 (from user 99), cursor 5.
ClientState loaded_chat() {
  ClientState s = logged_in_with_chats();
  reduce(s, history(10, 1, 5, false));
  return s;
}

pb::Message edited(std::int64_t chat, std::uint64_t seq, std::int64_t sender, std::string text) {
  pb::Message m = message(chat, seq, sender, text);
  m.set_edited_at_ms(777);
  return m;
}

pb::ServerFrame sent_reply(pb::Message m) {
  pb::ServerFrame f;
  f.set_request_id(42);
  *f.mutable_message_sent()->mutable_message() = std::move(m);
  return f;
}

}  // namespace

TEST_CASE("[reducer] the cursor counts every event, not only messages") {
  ClientState s = loaded_chat();
  const ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->cursor == 5);
  reduce(s, changed(6, edited(10, 3, 99, "fixed")));  // event 6 edits message 3
  c = s.find_chat(ChatId{10});
  CHECK(c->loaded_until() == 6);
  CHECK(c->find_message(3)->text == "fixed");
  CHECK(c->find_message(3)->edited_at_ms == 777);
  CHECK(c->find_message(3)->changed_seq == 6);
  CHECK(seqs(*c) == std::vector<std::uint64_t>{1, 2, 3, 4, 5});
  CHECK_FALSE(c->gap);
  reduce(s, event(10, 7, 2, "next"));  // the next message is seq 7
  c = s.find_chat(ChatId{10});
  CHECK(seqs(*c) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 7});
  CHECK(c->loaded_until() == 7);
  CHECK(c->last_message->seq == 7);
}

TEST_CASE("[reducer] message_changed: loaded, unloaded, duplicate, past a gap") {
  ClientState s = logged_in_with_chats();
  reduce(s, history(10, 3, 5, true));  // window 3..5, older exist
  SUBCASE("a change to a message older than the window moves only the cursor (and pins)") {
    pb::Message m = message(10, 1, 99, "old");
    m.set_pinned(true);
    reduce(s, changed(6, m));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(seqs(*c) == std::vector<std::uint64_t>{3, 4, 5});
    CHECK(c->cursor == 6);
    CHECK(c->pinned_seqs == std::vector<std::uint64_t>{1});
  }
  SUBCASE("a duplicate change is ignored") {
    reduce(s, changed(6, edited(10, 4, 99, "v2")));
    reduce(s, changed(6, edited(10, 4, 99, "v2 again")));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->find_message(4)->text == "v2");
    CHECK(c->cursor == 6);
  }
  SUBCASE("past a gap: the loaded message takes the newer state, the cursor waits") {
    reduce(s, changed(8, edited(10, 4, 99, "v8")));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->find_message(4)->text == "v8");
    CHECK(c->cursor == 5);
    CHECK(c->gap);
    CHECK(c->last_seq == 8);
    // The catch-up brings the older state of 4 (event 6) and 7: the newer one stays.
    reduce(s, catch_up(10, {changed(6, edited(10, 4, 99, "v6")), event(10, 7, 2)}, false, 8));
    c = s.find_chat(ChatId{10});
    CHECK(c->find_message(4)->text == "v8");
    CHECK(seqs(*c) == std::vector<std::uint64_t>{3, 4, 5, 7});
    CHECK(c->cursor == 8);
    CHECK_FALSE(c->gap);
  }
  SUBCASE("a new message past a gap is not inserted past the hole") {
    reduce(s, event(10, 7, 2));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(seqs(*c) == std::vector<std::uint64_t>{3, 4, 5});
    CHECK(c->gap);
    CHECK(c->last_message->seq == 7);  // the list still shows it
  }
}

TEST_CASE("[reducer] pins, deletions and the summary") {
  ClientState s = loaded_chat();  // chat 10: read_seq 3, unread 2 (messages 4, 5 from others)
  pb::Message m = message(10, 5, 99);
  m.set_pinned(true);
  reduce(s, changed(6, m));
  pb::Message other = message(10, 2, 99);
  other.set_pinned(true);
  reduce(s, changed(7, other));
  const ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->pinned_seqs == std::vector<std::uint64_t>{2, 5});  // newest pin first
  CHECK(c->last_message->pinned);
  m.set_pinned(false);
  reduce(s, changed(8, m));
  c = s.find_chat(ChatId{10});
  CHECK(c->pinned_seqs == std::vector<std::uint64_t>{2});
  CHECK_FALSE(c->last_message->pinned);
  CHECK(c->unread_count == 2);
  // An unread message from someone else is deleted: one fewer unread.
  pb::Message gone = message(10, 4, 99, "x");
  gone.set_deleted(true);
  gone.set_text("");
  reduce(s, changed(9, gone));
  c = s.find_chat(ChatId{10});
  CHECK(c->unread_count == 1);
  CHECK(c->find_message(4)->deleted);
  reduce(s, changed(10, gone));  // deleted again (e.g. unpinned): no second decrement
  CHECK(s.find_chat(ChatId{10})->unread_count == 1);
}

TEST_CASE("[reducer] chat_changed: settings and members; removed drops the chat") {
  ClientState s = loaded_chat();
  reduce_open_chat(s, ChatId{10});
  pb::ServerFrame f = chat_changed(10, 6);
  auto* cc = f.mutable_chat_event()->mutable_chat_changed();
  cc->mutable_settings()->set_post_policy(pb::POST_POLICY_MODERATORS);
  *cc->add_chat_members() = member(1, pb::CHAT_ROLE_OWNER);
  *cc->add_chat_members() = member(2, pb::CHAT_ROLE_MEMBER, 0, true);
  reduce(s, f);
  const ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->settings.post_policy() == pb::POST_POLICY_MODERATORS);
  REQUIRE(c->find_member(UserId{2}) != nullptr);
  CHECK(c->find_member(UserId{2})->muted());
  CHECK(c->cursor == 6);
  s.jump_chat = ChatId{10};
  s.jump_seq = 3;
  reduce(s, chat_changed(10, 7, true));
  CHECK(s.find_chat(ChatId{10}) == nullptr);
  CHECK_FALSE(s.open_chat.valid());
  CHECK_FALSE(s.jump_chat.valid());
  CHECK(s.chats.size() == 2);
}

TEST_CASE("[reducer] catch-up: ascending events, compacted seqs, pages, snapshot") {
  ClientState s = loaded_chat();
  SUBCASE("current-state form may skip seqs: the answer covers up to last_seq") {
    pb::Message m6 = message(10, 6, 2, "now edited");
    m6.set_changed_seq(9);
    pb::ServerFrame f = catch_up(10, {event(10, 6, 2)}, false, 9);
    *f.mutable_history()->mutable_events(0)->mutable_message_added() = m6;
    reduce_history(s, f.history(), HistoryPage::CatchUp);
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(seqs(*c) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6});
    CHECK(c->find_message(6)->text == "now edited");
    CHECK(c->cursor == 9);
    CHECK(c->last_seq == 9);
    CHECK_FALSE(c->gap);
  }
  SUBCASE("a page with more to come leaves the gap open after its last event") {
    reduce(s, event(10, 9, 2));  // reveals the gap
    reduce_history(s, catch_up_range(10, 6, 7, true, 9).history(), HistoryPage::CatchUp);
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->cursor == 7);
    CHECK(c->gap);
  }
  SUBCASE("an empty catch-up: nothing was missed") {
    reduce(s, event(10, 7, 2));  // gap: 6 is missing (it was, say, a change to an invisible chat setting)
    reduce_history(s, catch_up(10, {}, false, 7).history(), HistoryPage::CatchUp);
    CHECK(s.find_chat(ChatId{10})->cursor == 7);
    CHECK_FALSE(s.find_chat(ChatId{10})->gap);
  }
  SUBCASE("a snapshot resets the window to the newest page") {
    pb::ServerFrame f = history(10, 5001, 5050, true);
    f.mutable_history()->set_snapshot(true);
    f.mutable_history()->set_last_seq(5060);
    reduce(s, f);
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->messages.size() == 50);
    CHECK(c->loaded_from() == 5001);
    CHECK(c->cursor == 5060);
    CHECK(c->has_older);
    CHECK_FALSE(c->gap);
    CHECK(c->last_message->seq == 5050);
  }
  SUBCASE("a catch-up that removes us drops the chat") {
    reduce_history(s, catch_up(10, {event(10, 6, 2), chat_changed(10, 7, true)}, false, 7).history(),
                   HistoryPage::CatchUp);
    CHECK(s.find_chat(ChatId{10}) == nullptr);
  }
}

TEST_CASE("[reducer] history pages: newest defines the window (cursor from last_seq), older prepend") {
  ClientState s = logged_in_with_chats();
  pb::ServerFrame newest = history(10, 4, 5, true);
  newest.mutable_history()->set_last_seq(7);  // 6 and 7 were changes
  reduce_history(s, newest.history(), HistoryPage::Newest);
  ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->cursor == 7);
  CHECK(c->last_seq == 7);
  reduce_history(s, history(10, 2, 3, true).history(), HistoryPage::Older);
  c = s.find_chat(ChatId{10});
  CHECK(seqs(*c) == std::vector<std::uint64_t>{2, 3, 4, 5});
  CHECK(c->has_older);
  CHECK(c->cursor == 7);
  reduce_history(s, history(10, 0, 0, false).history(), HistoryPage::Older);  // the beginning
  CHECK_FALSE(s.find_chat(ChatId{10})->has_older);
  CHECK(s.find_chat(ChatId{10})->cursor == 7);
}

TEST_CASE("[reducer] MessageSent: our own send or change, never past a gap") {
  ClientState s = loaded_chat();
  SUBCASE("the next seq extends the window; the echoed event is a duplicate") {
    reduce(s, sent_reply(message(10, 6, 1, "mine")));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->cursor == 6);
    CHECK(c->messages.back().text == "mine");
    CHECK(c->read_seq == 6);
    reduce(s, event(10, 6, 1, "mine"));
    CHECK(s.find_chat(ChatId{10})->messages.size() == 6);
  }
  SUBCASE("a seq past cursor + 1 marks a gap and is not inserted") {
    reduce(s, sent_reply(message(10, 8, 1, "mine")));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->cursor == 5);
    CHECK(c->gap);
    CHECK(c->messages.size() == 5);
    CHECK(c->last_message->text == "mine");
  }
  SUBCASE("our edit's reply updates the loaded message") {
    pb::Message m = edited(10, 5, 1, "edited");
    m.set_changed_seq(6);
    reduce(s, sent_reply(m));
    const ChatEntry* c = s.find_chat(ChatId{10});
    CHECK(c->find_message(5)->text == "edited");
    CHECK(c->cursor == 6);
    CHECK(c->last_message->text == "edited");
  }
}

TEST_CASE("[reducer] my_choices: broadcasts keep the viewer's known vote, replies replace it") {
  ClientState s = loaded_chat();
  pb::Message p = message(10, 6, 2, "Which day?");
  *p.mutable_poll() = poll({0, 0});
  reduce(s, event(10, 6, 2, "Which day?"));
  reduce(s, changed(6, p));  // duplicate: ignored, the window has the plain message
  // Our vote: the reply is encoded for us.
  pb::Message voted = p;
  *voted.mutable_poll() = poll({1, 0}, {0});
  voted.set_changed_seq(7);
  reduce(s, sent_reply(voted));
  REQUIRE(s.find_chat(ChatId{10})->find_message(6)->poll);
  CHECK(s.find_chat(ChatId{10})->find_message(6)->poll->my_choices_size() == 1);
  SUBCASE("the broadcast of the same vote (no viewer fields) keeps my choice") {
    voted.clear_changed_seq();
    *voted.mutable_poll() = poll({1, 0});
    reduce(s, changed(7, voted));
    const auto& poll_now = *s.find_chat(ChatId{10})->find_message(6)->poll;
    CHECK(poll_now.my_choices_size() == 1);
    CHECK(poll_now.my_choices(0) == 0);
  }
  SUBCASE("someone else's vote broadcast: counts change, my choice stays") {
    *voted.mutable_poll() = poll({1, 1});
    reduce(s, changed(8, voted));
    const auto& poll_now = *s.find_chat(ChatId{10})->find_message(6)->poll;
    CHECK(poll_now.options(1).votes() == 1);
    CHECK(poll_now.voters() == 2);
    REQUIRE(poll_now.my_choices_size() == 1);
    CHECK(poll_now.my_choices(0) == 0);
  }
  SUBCASE("withdrawing (our reply with no choices) clears it") {
    *voted.mutable_poll() = poll({0, 0});
    voted.set_changed_seq(8);
    reduce(s, sent_reply(voted));
    CHECK(s.find_chat(ChatId{10})->find_message(6)->poll->my_choices_size() == 0);
  }
  SUBCASE("a quiz answer revealed to us is not hidden again by a broadcast") {
    pb::Message quiz = voted;
    quiz.mutable_poll()->set_quiz(true);
    quiz.mutable_poll()->set_correct_option(1);
    quiz.set_changed_seq(8);
    reduce(s, sent_reply(quiz));
    quiz.mutable_poll()->set_correct_option(-1);
    quiz.mutable_poll()->clear_my_choices();
    reduce(s, changed(9, quiz));
    CHECK(s.find_chat(ChatId{10})->find_message(6)->poll->correct_option() == 1);
  }
}

TEST_CASE("[reducer] typing: shown until now + kTypingShowMs, refreshed, expired, cleared by a message") {
  ClientState s = loaded_chat();
  s.now_ms = 10'000;
  reduce(s, typing(10, 2));
  reduce(s, typing(10, 1));  // ourselves on another device: not shown
  reduce(s, typing(777, 2));  // unknown chat: ignored
  const ChatEntry* c = s.find_chat(ChatId{10});
  REQUIRE(c->typing.size() == 1);
  CHECK(c->typing[0].until_ms == 10'000 + kTypingShowMs);
  CHECK(c->typing[0].name == "user2");
  s.now_ms = 12'000;
  reduce(s, typing(10, 2));
  reduce(s, typing(10, 3));
  CHECK(s.find_chat(ChatId{10})->typing.size() == 2);
  CHECK(s.find_chat(ChatId{10})->typing[0].until_ms == 12'000 + kTypingShowMs);
  CHECK_FALSE(reduce_expire_typing(s, 12'000 + kTypingShowMs - 1));
  reduce(s, event(10, 6, 3));  // user 3 sent their message: no longer typing
  CHECK(s.find_chat(ChatId{10})->typing.size() == 1);
  CHECK(reduce_expire_typing(s, 12'000 + kTypingShowMs));
  CHECK(s.find_chat(ChatId{10})->typing.empty());
}

TEST_CASE("[reducer] read positions of others: read_by N of M") {
  ClientState s = logged_in_with_chats();
  pb::ServerFrame list = chat_list({{10, 5, 5, 0, 5000}});
  auto* chat = list.mutable_chat_list()->mutable_chats(0);
  *chat->add_chat_members() = member(1, pb::CHAT_ROLE_OWNER, 5);
  *chat->add_chat_members() = member(2, pb::CHAT_ROLE_MEMBER, 2);
  *chat->add_chat_members() = member(3, pb::CHAT_ROLE_MEMBER, 0);
  reduce(s, list);
  const ChatEntry* c = s.find_chat(ChatId{10});
  ReadBy r = read_by(*c, 4, UserId{1});  // my message 4: read by neither 2 nor 3
  CHECK(r.read == 0);
  CHECK(r.of == 2);
  reduce(s, read_position(10, 4, 2));
  reduce(s, read_position(10, 3, 3));
  c = s.find_chat(ChatId{10});
  CHECK(c->find_member(UserId{2})->read_seq() == 4);
  CHECK(read_by(*c, 4, UserId{1}).read == 1);
  reduce(s, read_position(10, 2, 2));  // never backwards
  CHECK(s.find_chat(ChatId{10})->find_member(UserId{2})->read_seq() == 4);
  CHECK(s.find_chat(ChatId{10})->read_seq == 5);  // ours untouched
  ReadBy from_two = read_by(*s.find_chat(ChatId{10}), 3, UserId{2});  // 2's message 3: read by 1 and 3
  CHECK(from_two.read == 2);
  CHECK(from_two.of == 2);
}

TEST_CASE("[reducer] chat_actor, mentions_me, find_member and the wire round trip") {
  ClientState s;
  reduce(s, login_ok(1, 0, "t", pb::ROLE_STUDENT, false));
  pb::ServerFrame list = chat_list({{10, 5, 5, 0, 5000}, {20, 1, 1, 0, 1000}});
  *list.mutable_chat_list()->mutable_chats(0)->add_chat_members() = member(1, pb::CHAT_ROLE_READ_ONLY, 5, true);
  *list.mutable_chat_list()->mutable_chats(0)->add_chat_members() = member(2, pb::CHAT_ROLE_OWNER);
  reduce(s, list);
  ChatActor a = chat_actor(s, *s.find_chat(ChatId{10}));
  CHECK(a.user == UserId{1});
  CHECK(a.org_role == pb::ROLE_STUDENT);
  CHECK(a.chat_role == pb::CHAT_ROLE_READ_ONLY);
  CHECK(a.muted);
  CHECK_FALSE(a.org_suspended);
  // A chat listed without a roster: the default role for the org role.
  CHECK(chat_actor(s, *s.find_chat(ChatId{20})).chat_role == pb::CHAT_ROLE_MEMBER);
  // A roster without us: not a member (the policy answers NOT_FOUND).
  ChatEntry other = *s.find_chat(ChatId{10});
  other.chat_members.erase(other.chat_members.begin());
  CHECK(chat_actor(s, other).chat_role == pb::CHAT_ROLE_UNSPECIFIED);
  CHECK(s.find_chat(ChatId{10})->find_member(UserId{3}) == nullptr);

  pb::Message m = message(10, 6, 2, "@me look");
  m.add_mention_ids(1);
  m.set_pinned(true);
  m.mutable_reply_to()->set_seq(3);
  m.mutable_reply_to()->set_text("quoted");
  *m.mutable_poll() = poll({1, 2}, {1});
  m.set_changed_seq(9);
  const ChatMessage cm = to_chat_message(m);
  CHECK(mentions_me(s, cm));
  CHECK_FALSE(mentions_me(s, to_chat_message(message(10, 7, 2))));
  REQUIRE(cm.reply_to);
  CHECK(cm.reply_to->text() == "quoted");
  CHECK(to_wire_message(cm, ChatId{10}).SerializeAsString() == m.SerializeAsString());
  // Suspended everywhere: the actor knows.
  pb::ServerFrame suspended = login_ok(1, 0, "t", pb::ROLE_STUDENT, false);
  suspended.mutable_login_ok()->add_memberships()->set_org_status(pb::ORG_STATUS_SUSPENDED);
  reduce(s, suspended);
  CHECK(chat_actor(s, *s.find_chat(ChatId{10})).org_suspended);
}

TEST_CASE("[reducer] a chat list keeps the loaded window and its cursor") {
  ClientState s = loaded_chat();
  reduce(s, changed(6, edited(10, 2, 99, "e")));
  reduce(s, chat_list({{10, 9, 3, 4, 9000}}));
  const ChatEntry* c = s.find_chat(ChatId{10});
  CHECK(c->cursor == 6);
  CHECK(c->gap);
  CHECK(c->find_message(2)->text == "e");
  // Events pushed while the list was on its way can be newer than the list.
  reduce(s, catch_up_range(10, 7, 9, false, 9));
  reduce(s, event(10, 10, 2));
  reduce(s, chat_list({{10, 9, 3, 4, 9000}}));
  c = s.find_chat(ChatId{10});
  CHECK(c->cursor == 10);
  CHECK(c->last_seq == 10);
  CHECK_FALSE(c->gap);
  CHECK(c->last_message->seq == 10);
}
