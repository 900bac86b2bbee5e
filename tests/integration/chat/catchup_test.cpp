// Catch-up after a cursor: events in their current state, collapsed per
// message, chat changes in place, paging, and a snapshot when too much was missed.
#include <doctest/doctest.h>

#include <thread>

#include "org/org_client.h"
#include "rich_client.h"
#include "shared/core/validation.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[catch-up] the events after a cursor collapse to each message's current state") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = new_group(teacher, "Догонялки", {&ivan});
  const auto a = sent(teacher->call(rich::send(chat, "первое")));
  const auto b = sent(teacher->call(rich::send(chat, "второе")));
  const auto cursor = chat_of(*ivan.c, chat).last_seq();
  CHECK_EQ(cursor, b.seq());

  // Ivan is away: a is edited twice and pinned, b deleted, c sent, the settings change.
  sent(teacher->call(rich::edit(chat, a.seq(), "первое, правка 1")));
  sent(teacher->call(rich::pin(chat, a.seq(), true)));
  const auto a_final = sent(teacher->call(rich::edit(chat, a.seq(), "первое, правка 2")));
  const auto b_deleted = sent(teacher->call(rich::remove(chat, b.seq())));
  const auto c = sent(teacher->call(rich::send(chat, "третье")));
  REQUIRE(teacher->call(rich::settings(chat, pb::POST_POLICY_ALL, pb::POLL_POLICY_ALL)).has_ack());
  const auto last = chat_of(*ivan.c, chat).last_seq();
  CHECK_EQ(last, cursor + 6);  // edit, pin, edit, delete, send, settings

  auto reply = ivan->history(chat, 0, cursor, 50);
  REQUIRE(reply.has_history());
  const auto& h = reply.history();
  CHECK_FALSE(h.snapshot());
  CHECK_FALSE(h.has_more());
  CHECK_EQ(h.last_seq(), last);
  CHECK_EQ(h.messages_size(), 0);
  REQUIRE_EQ(h.events_size(), 4);
  // Ascending event seqs; each message once, as it is now.
  CHECK_EQ(h.events(0).seq(), a_final.changed_seq());
  REQUIRE(h.events(0).has_message_changed());
  CHECK_EQ(h.events(0).message_changed().text(), "первое, правка 2");
  CHECK(h.events(0).message_changed().pinned());
  CHECK(h.events(0).message_changed().edited_at_ms() > 0);
  CHECK_EQ(h.events(1).seq(), b_deleted.changed_seq());
  CHECK(h.events(1).message_changed().deleted());
  CHECK(h.events(1).message_changed().text().empty());
  CHECK_EQ(h.events(2).seq(), c.seq());
  REQUIRE(h.events(2).has_message_added());
  CHECK_EQ(h.events(2).message_added().text(), "третье");
  CHECK_EQ(h.events(3).seq(), last);
  REQUIRE(h.events(3).has_chat_changed());
  CHECK_EQ(h.events(3).chat_changed().settings().poll_policy(), pb::POLL_POLICY_ALL);
  CHECK_EQ(h.events(3).chat_changed().chat_members_size(), 2);

  // Pages of events: two, then the rest from the new cursor.
  auto first = ivan->history(chat, 0, cursor, 2);
  REQUIRE_EQ(first.history().events_size(), 2);
  CHECK(first.history().has_more());
  auto rest = ivan->history(chat, 0, first.history().events(1).seq(), 2);
  REQUIRE_EQ(rest.history().events_size(), 2);
  CHECK_FALSE(rest.history().has_more());
  CHECK(rest.history().events(1).has_chat_changed());
  // A cursor past the end: nothing, no error.
  auto beyond = ivan->history(chat, 0, last + 1000, 50);
  CHECK_EQ(beyond.history().events_size(), 0);
  CHECK_FALSE(beyond.history().snapshot());
  // Older pages show the current state too.
  auto page = ivan->history(chat, 0, 0, 50);
  REQUIRE_EQ(page.history().messages_size(), 3);
  CHECK_EQ(page.history().messages(0).text(), "первое, правка 2");
  CHECK(page.history().messages(1).deleted());
  CHECK_EQ(page.history().last_seq(), last);
}

TEST_CASE("[catch-up] more than kSnapshotAfterEvents missed: a snapshot of the newest page instead") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Лавина", {&maria});
  const auto cursor = sent(maria->call(rich::send(chat, "начало"))).seq();

  // Each connection may burst ~400 commands: 13 sessions of the teacher send 390 each.
  constexpr int kSessions = 13;
  constexpr int kPerSession = 390;
  static_assert(kSessions * kPerSession > static_cast<int>(kSnapshotAfterEvents));
  std::vector<Person> sessions;
  for (int s = 0; s < kSessions; ++s) sessions.push_back(another_session(teacher));
  std::vector<std::thread> threads;
  std::vector<int> failures(kSessions, 0);
  for (int s = 0; s < kSessions; ++s) {
    threads.emplace_back([&, s] {
      try {
        std::vector<std::uint64_t> ids;
        for (int i = 0; i < kPerSession; ++i)
          ids.push_back(sessions[s]->send(rich::send(chat, "лавина " + std::to_string(i))));
        for (auto id : ids) {
          if (!sessions[s]->wait_reply(id, std::chrono::seconds(60)).has_message_sent()) ++failures[s];
        }
      } catch (const std::exception&) {
        failures[s] = -1;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int f : failures) CHECK_EQ(f, 0);

  auto reply = maria->history(chat, 0, cursor, 30);
  REQUIRE(reply.has_history());
  const auto& h = reply.history();
  CHECK(h.snapshot());
  CHECK_EQ(h.events_size(), 0);
  REQUIRE_EQ(h.messages_size(), 30);
  CHECK(h.has_more());
  CHECK_EQ(h.last_seq(), cursor + kSessions * kPerSession);
  CHECK_EQ(h.messages(29).seq(), h.last_seq());
  // Just under the limit: events again.
  auto near = maria->history(chat, 0, h.last_seq() - 10, 50);
  CHECK_FALSE(near.history().snapshot());
  CHECK_EQ(near.history().events_size(), 10);
}

TEST_CASE("[catch-up] someone joining by a chat link is a chat event: catch-up brings the new roster") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Кружок", {&ivan});
  sent(teacher->call(rich::send(chat, "Добро пожаловать в кружок")));  // a cursor > 0: catch-up starts after it
  const auto cursor = chat_of(*ivan.c, chat).last_seq();

  auto link = teacher->call(cmd::create_link(teacher.org(), pb::LINK_KIND_CHAT, 0, chat));
  REQUIRE_MESSAGE(link.has_invite_link_created(), link.DebugString());
  REQUIRE(maria->call(cmd::join_chat(link.invite_link_created().link().token())).has_chat_list());

  // Ivan, who was away, sees the event and the three members in it.
  const auto last = chat_of(*ivan.c, chat).last_seq();
  CHECK_EQ(last, cursor + 1);
  auto reply = ivan->history(chat, 0, cursor, 50);
  REQUIRE(reply.has_history());
  REQUIRE_EQ(reply.history().events_size(), 1);
  const auto& ev = reply.history().events(0);
  CHECK_EQ(ev.seq(), last);
  REQUIRE(ev.has_chat_changed());
  CHECK_EQ(ev.chat_changed().chat_members_size(), 3);
  // Joining again changes nothing.
  REQUIRE(maria->call(cmd::join_chat(link.invite_link_created().link().token())).has_chat_list());
  CHECK_EQ(chat_of(*ivan.c, chat).last_seq(), last);
}
