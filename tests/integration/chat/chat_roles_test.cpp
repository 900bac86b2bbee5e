// Chat roles and moderation: announcements (only teachers post), settings,
// roles, mutes, removal, owners of class chats and created chats.
#include <doctest/doctest.h>

#include "rich_client.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[chat roles] the announcements chat: students may not post, and nothing is stored") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = chat_id(*ivan.c, "Объявления 5А");
  const auto listed = chat_of(*ivan.c, chat);
  CHECK_EQ(listed.settings().post_policy(), pb::POST_POLICY_MODERATORS);
  const auto before = ivan->history(chat, 0, 0, 200).history().messages_size();
  const auto last = listed.last_seq();

  CHECK_EQ(error_name(ivan->call(rich::send(chat, "Можно спросить?"))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(ivan->history(chat, 0, 0, 200).history().messages_size(), before);
  CHECK_EQ(chat_of(*ivan.c, chat).last_seq(), last);
  // The teacher posts; the students read it.
  const auto posted = sent(teacher->call(rich::send(chat, "Завтра уроки до 13:00.")));
  auto event = wait_chat_event(*ivan.c, chat);
  CHECK_EQ(event.message_added().seq(), posted.seq());
  // Students still vote in its polls.
  const auto poll = sent(teacher->call(rich::poll(chat, "Придёте на субботник?", {"Да", "Нет"})));
  CHECK_EQ(error_name(ivan->call(rich::vote(chat, poll.seq(), {0}))), "OK");
}

TEST_CASE("[chat roles] owners: the class teacher owns the class chat, a creator owns their chat") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto klass = chat_of(*ivan.c, chat_id(*ivan.c, "5А"));
  for (const auto& m : klass.chat_members()) {
    CHECK(m.role() != pb::CHAT_ROLE_UNSPECIFIED);
    if (m.user_id() == teacher.id()) CHECK_EQ(m.role(), pb::CHAT_ROLE_OWNER);
    if (m.user_id() == ivan.id()) CHECK_EQ(m.role(), pb::CHAT_ROLE_MEMBER);
  }
  // CreateChat honours its settings.
  const auto chat = new_group(teacher, "Только учителя", {&ivan}, pb::POST_POLICY_MODERATORS);
  CHECK_EQ(chat_of(*ivan.c, chat).settings().post_policy(), pb::POST_POLICY_MODERATORS);
  CHECK_EQ(error_name(ivan->call(rich::send(chat, "привет"))), "ERROR_PERMISSION_DENIED");
}

TEST_CASE("[chat roles] settings, roles and mutes: checked, stored, announced as chat_changed") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Модерация", {&ivan, &maria});

  // Members change nothing.
  CHECK_EQ(error_name(ivan->call(rich::settings(chat, pb::POST_POLICY_MODERATORS))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(error_name(ivan->call(rich::mute(chat, maria.id(), true))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(error_name(ivan->call(rich::role(chat, maria.id(), pb::CHAT_ROLE_READ_ONLY))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(error_name(teacher->call(rich::mute(chat, teacher.id(), true))), "ERROR_PERMISSION_DENIED");

  // Mute: Ivan cannot post until unmuted; everyone hears chat_changed.
  drain(*maria.c);
  drain(*ivan.c);
  REQUIRE(teacher->call(rich::mute(chat, ivan.id(), true)).has_ack());
  for (Person* p : {&ivan, &maria}) {
    auto changed = wait_chat_event(*p->c, chat);
    REQUIRE(changed.has_chat_changed());
    CHECK_FALSE(changed.chat_changed().removed());
    bool muted = false;
    for (const auto& m : changed.chat_changed().chat_members())
      muted = muted || (m.user_id() == ivan.id() && m.muted());
    CHECK(muted);
    CHECK_EQ(changed.chat_changed().members_size(), 3);
  }
  CHECK_EQ(error_name(ivan->call(rich::send(chat, "а я всё равно"))), "ERROR_MUTED");
  REQUIRE(teacher->call(rich::mute(chat, ivan.id(), false)).has_ack());
  CHECK_EQ(error_name(ivan->call(rich::send(chat, "спасибо"))), "OK");

  // Read-only: reads and votes, does not post.
  REQUIRE(teacher->call(rich::role(chat, maria.id(), pb::CHAT_ROLE_READ_ONLY)).has_ack());
  CHECK_EQ(error_name(maria->call(rich::send(chat, "ой"))), "ERROR_PERMISSION_DENIED");
  REQUIRE(teacher->call(rich::role(chat, maria.id(), pb::CHAT_ROLE_MODERATOR)).has_ack());
  // A moderator now: pins, but cannot touch the owner.
  const auto m = sent(ivan->call(rich::send(chat, "важное")));
  CHECK_EQ(error_name(maria->call(rich::pin(chat, m.seq(), true))), "OK");
  CHECK_EQ(error_name(maria->call(rich::mute(chat, teacher.id(), true))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(error_name(maria->call(rich::role(chat, ivan.id(), pb::CHAT_ROLE_MODERATOR))), "ERROR_PERMISSION_DENIED");

  // Settings: announcements mode.
  REQUIRE(teacher->call(rich::settings(chat, pb::POST_POLICY_MODERATORS)).has_ack());
  CHECK_EQ(error_name(ivan->call(rich::send(chat, "можно?"))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(error_name(maria->call(rich::send(chat, "я модератор"))), "OK");
  CHECK_EQ(chat_of(*ivan.c, chat).settings().post_policy(), pb::POST_POLICY_MODERATORS);
}

TEST_CASE("[chat roles] a removed member hears removed=true and loses access at once") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto ivan_tab2 = another_session(ivan);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Исключение", {&ivan, &maria});
  const auto m = sent(ivan->call(rich::send(chat, "до удаления")));
  drain(*ivan.c);
  drain(*ivan_tab2.c);
  drain(*maria.c);

  CHECK_EQ(error_name(maria->call(rich::kick(chat, ivan.id()))), "ERROR_PERMISSION_DENIED");
  REQUIRE(teacher->call(rich::kick(chat, ivan.id())).has_ack());
  for (Person* p : {&ivan, &ivan_tab2}) {
    auto gone = wait_chat_event(*p->c, chat);
    REQUIRE(gone.has_chat_changed());
    CHECK(gone.chat_changed().removed());
    CHECK_EQ(gone.chat_changed().chat_members_size(), 0);
  }
  auto stays = wait_chat_event(*maria.c, chat);
  REQUIRE(stays.has_chat_changed());
  CHECK_FALSE(stays.chat_changed().removed());
  CHECK_EQ(stays.chat_changed().chat_members_size(), 2);

  CHECK_EQ(error_name(ivan->call(rich::send(chat, "я тут?"))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->history(chat, 0, 0, 10)), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::edit(chat, m.seq(), "правка"))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::search(chat, "удаления"))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::typing(chat))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->mark_read(chat, 1)), "ERROR_NOT_FOUND");
  {
    auto found = ivan->call(rich::search(0, "удаления"));
    REQUIRE(found.has_search_results());
    for (const auto& hit : found.search_results().hits()) CHECK(hit.message().chat_id() != chat);
  }
  // New messages no longer reach him.
  sent(maria->call(rich::send(chat, "после удаления")));
  ivan->sync();
  CHECK_EQ(ivan->pending_events(), 0u);
  CHECK_EQ(error_name(teacher->call(rich::kick(chat, ivan.id()))), "ERROR_NOT_FOUND");
}
