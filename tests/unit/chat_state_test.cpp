// Reducer tests: given state + frames -> expected state.
#include <doctest/doctest.h>

#include "frames.h"
#include "shared/chat_state.h"

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
    reduce(s, history(10, 6, 8, false));
    c = s.find_chat(ChatId{10});
    CHECK_FALSE(c->gap);
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
