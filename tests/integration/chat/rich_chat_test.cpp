// Replies, edits, deletes, pins, mentions, typing and read positions, plus bad
// input on the new commands: against the real server.
#include <doctest/doctest.h>

#include "rich_client.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[rich] a reply carries a preview of the message it answers") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = new_group(teacher, "Ответы", {&ivan});
  const std::string long_text = "Вопрос: " + std::string(300, 'x');
  const auto question = sent(ivan->call(rich::send(chat, long_text)));
  const auto answer = sent(teacher->call(rich::send(chat, "Ответ на вопрос", question.seq())));
  REQUIRE(answer.has_reply_to());
  CHECK_EQ(answer.reply_to().seq(), question.seq());
  CHECK_EQ(answer.reply_to().sender_id(), ivan.id());
  CHECK_EQ(answer.reply_to().sender_name(), "Иван Петров");
  CHECK_EQ(answer.reply_to().text().size(), std::string("Вопрос: ").size() + (100 - 8));  // 100 code points
  CHECK_FALSE(answer.reply_to().deleted());
  // Ivan gets it with the preview too.
  auto event = wait_chat_event(*ivan.c, chat);
  REQUIRE(event.has_message_added());
  CHECK_EQ(event.message_added().reply_to().seq(), question.seq());

  // Replying to a message that does not exist in this chat.
  CHECK_EQ(error_name(teacher->call(rich::send(chat, "мимо", 9999))), "ERROR_INVALID_ARGUMENT");

  // Once the question is deleted, the preview says so and shows no text.
  sent(ivan->call(rich::remove(chat, question.seq())));
  auto page = teacher->history(chat, 0, 0, 10);
  bool found = false;
  for (const auto& m : page.history().messages()) {
    if (m.seq() == answer.seq()) {
      found = true;
      CHECK(m.reply_to().deleted());
      CHECK(m.reply_to().text().empty());
    }
  }
  CHECK(found);
}

TEST_CASE("[rich] the author edits: marked edited, others get message_changed; nobody else may") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Правки", {&ivan, &maria});
  const auto original = sent(ivan->call(rich::send(chat, "Домашка на завтра?")));
  drain(*maria.c);
  drain(*teacher.c);

  auto edited = sent(ivan->call(rich::edit(chat, original.seq(), "Домашка на пятницу?")));
  CHECK_EQ(edited.seq(), original.seq());
  CHECK_EQ(edited.text(), "Домашка на пятницу?");
  CHECK(edited.edited_at_ms() > 0);
  CHECK(edited.changed_seq() > original.seq());
  CHECK_EQ(edited.client_id(), original.client_id());

  for (Person* other : {&maria, &teacher}) {
    auto event = wait_chat_event(*other->c, chat);
    REQUIRE(event.has_message_changed());
    CHECK_EQ(event.seq(), edited.changed_seq());
    CHECK_EQ(event.message_changed().seq(), original.seq());
    CHECK_EQ(event.message_changed().text(), "Домашка на пятницу?");
    CHECK(event.message_changed().client_id().empty());
  }
  // Not the author: not even a moderator edits someone else's words.
  CHECK_EQ(error_name(maria->call(rich::edit(chat, original.seq(), "взлом"))), "ERROR_PERMISSION_DENIED");
  CHECK_EQ(error_name(teacher->call(rich::edit(chat, original.seq(), "взлом"))), "ERROR_PERMISSION_DENIED");
  // The chat's last_seq counts the edit as an event.
  CHECK_EQ(chat_of(*ivan.c, chat).last_seq(), edited.changed_seq());
}

TEST_CASE("[rich] delete: by the author, by a moderator; a member may not delete others' messages") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Удаления", {&ivan, &maria});
  const auto first = sent(ivan->call(rich::send(chat, "Ошибся чатом")));
  const auto second = sent(ivan->call(rich::send(chat, "Грубое слово")));
  const auto third = sent(maria->call(rich::send(chat, "Моё сообщение")));

  auto own = sent(ivan->call(rich::remove(chat, first.seq())));
  CHECK(own.deleted());
  CHECK(own.text().empty());
  auto by_moderator = sent(teacher->call(rich::remove(chat, second.seq())));
  CHECK(by_moderator.deleted());
  CHECK_EQ(error_name(ivan->call(rich::remove(chat, third.seq()))), "ERROR_PERMISSION_DENIED");
  // Deleting again changes nothing.
  auto again = sent(ivan->call(rich::remove(chat, first.seq())));
  CHECK_EQ(again.changed_seq(), own.changed_seq());

  // History shows them as deleted, without text; the newest visible message is Maria's.
  auto page = maria->history(chat, 0, 0, 10);
  int deleted = 0;
  for (const auto& m : page.history().messages()) {
    if (m.deleted()) {
      ++deleted;
      CHECK(m.text().empty());
    }
  }
  CHECK_EQ(deleted, 2);
  CHECK_EQ(chat_of(*maria.c, chat).last_message().seq(), third.seq());
  CHECK_EQ(error_name(ivan->call(rich::edit(chat, first.seq(), "воскрешение"))), "ERROR_INVALID_ARGUMENT");
}

TEST_CASE("[rich] moderators pin and unpin; pinned_seqs lists the newest pin first") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = new_group(teacher, "Закрепы", {&ivan});
  const auto a = sent(teacher->call(rich::send(chat, "Расписание")));
  const auto b = sent(teacher->call(rich::send(chat, "Правила")));
  drain(*ivan.c);

  CHECK(sent(teacher->call(rich::pin(chat, a.seq(), true))).pinned());
  CHECK(sent(teacher->call(rich::pin(chat, b.seq(), true))).pinned());
  auto event = wait_chat_event(*ivan.c, chat);
  REQUIRE(event.has_message_changed());
  CHECK(event.message_changed().pinned());
  auto listed = chat_of(*ivan.c, chat);
  REQUIRE_EQ(listed.pinned_seqs_size(), 2);
  CHECK_EQ(listed.pinned_seqs(0), b.seq());
  CHECK_EQ(listed.pinned_seqs(1), a.seq());

  CHECK_EQ(error_name(ivan->call(rich::pin(chat, a.seq(), false))), "ERROR_PERMISSION_DENIED");
  CHECK_FALSE(sent(teacher->call(rich::pin(chat, b.seq(), false))).pinned());
  listed = chat_of(*ivan.c, chat);
  REQUIRE_EQ(listed.pinned_seqs_size(), 1);
  CHECK_EQ(listed.pinned_seqs(0), a.seq());
}

TEST_CASE("[rich] mentions must name members of the chat") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto olga = person(kParent, kParentPassword);
  const auto chat = new_group(teacher, "Упоминания", {&ivan});
  const auto before = chat_of(*teacher.c, chat).last_seq();
  CHECK_EQ(error_name(teacher->call(rich::send(chat, "@Ольга", 0, {olga.id()}))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(teacher->call(rich::send(chat, "@кто-то", 0, {987654}))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(chat_of(*teacher.c, chat).last_seq(), before);
  auto ok = sent(teacher->call(rich::send(chat, "@Иван, зайди", 0, {ivan.id()})));
  REQUIRE_EQ(ok.mention_ids_size(), 1);
  CHECK_EQ(ok.mention_ids(0), ivan.id());
  CHECK_EQ(error_name(teacher->call(rich::edit(chat, ok.seq(), "@Ольга", {olga.id()}))), "ERROR_INVALID_ARGUMENT");
}

TEST_CASE("[rich] typing reaches the other members once per second, not the typist's own sessions") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto teacher_tab2 = another_session(teacher);
  auto olga = person(kParent, kParentPassword);
  const auto chat = new_group(teacher, "Набор", {&ivan});
  drain(*ivan.c);

  CHECK(teacher->call(rich::typing(chat)).has_ack());
  CHECK(teacher->call(rich::typing(chat)).has_ack());  // within a second: dropped
  auto typing = wait_event(*ivan.c, [](const pb::ServerFrame& f) { return f.has_typing(); });
  CHECK_EQ(typing.request_id(), 0u);
  CHECK_EQ(typing.typing().chat_id(), chat);
  CHECK_EQ(typing.typing().user_id(), teacher.id());
  CHECK_EQ(typing.typing().display_name(), "Анна Сергеевна Смирнова");
  ivan->sync();
  CHECK_EQ(ivan->pending_events(), 0u);
  teacher_tab2->sync();
  CHECK_EQ(teacher_tab2->pending_events(), 0u);
  // Not a member: the chat does not exist.
  CHECK_EQ(error_name(olga->call(rich::typing(chat))), "ERROR_NOT_FOUND");
}

TEST_CASE("[rich] read positions reach the other members with who read") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  auto maria = person(kStudent2, kStudentPassword);
  const auto chat = new_group(teacher, "Прочитано", {&ivan, &maria});
  const auto m = sent(teacher->call(rich::send(chat, "Все прочитали?")));
  drain(*maria.c);
  drain(*teacher.c);

  REQUIRE(ivan->mark_read(chat, m.seq()).has_ack());
  for (Person* other : {&teacher, &maria}) {
    auto read = wait_event(*other->c, [](const pb::ServerFrame& f) { return f.has_read_position_changed(); });
    CHECK_EQ(read.read_position_changed().chat_id(), chat);
    CHECK_EQ(read.read_position_changed().read_seq(), m.seq());
    CHECK_EQ(read.read_position_changed().user_id(), ivan.id());
  }
  // ListChats: everyone's read position ("read by N of M") and effective roles.
  auto listed = chat_of(*teacher.c, chat);
  CHECK_EQ(listed.chat_members_size(), 3);
  for (const auto& member : listed.chat_members()) {
    if (member.user_id() == ivan.id()) CHECK_EQ(member.read_seq(), m.seq());
    if (member.user_id() == maria.id()) CHECK_EQ(member.read_seq(), 0u);
    if (member.user_id() == teacher.id()) CHECK_EQ(member.role(), pb::CHAT_ROLE_OWNER);
    if (member.user_id() == ivan.id()) CHECK_EQ(member.role(), pb::CHAT_ROLE_MEMBER);
  }
}

TEST_CASE("[rich] bad input on the new commands gets typed errors and the server keeps going") {
  auto teacher = person(kTeacher, kTeacherPassword);
  auto ivan = person(kStudent1, kStudentPassword);
  const auto chat = new_group(teacher, "Плохой ввод", {&ivan});
  const auto m = sent(ivan->call(rich::send(chat, "нормальный текст")));

  CHECK_EQ(error_name(ivan->call(rich::edit(chat, m.seq(), std::string("\xC3\x28", 2)))), "ERROR_INVALID_UTF8");
  CHECK_EQ(error_name(ivan->call(rich::edit(chat, m.seq(), "   "))), "ERROR_EMPTY_TEXT");
  CHECK_EQ(error_name(ivan->call(rich::edit(chat, 0, "seq 0"))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(ivan->call(rich::edit(chat, UINT64_MAX, "huge"))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::remove(chat, UINT64_MAX))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::pin(chat, 0, true))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(ivan->call(rich::vote(chat, m.seq(), {0}))), "ERROR_INVALID_ARGUMENT");  // not a poll
  CHECK_EQ(error_name(ivan->call(rich::edit(987654321, 1, "нет чата"))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::remove(0, 1))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(ivan->call(rich::settings(987654321, pb::POST_POLICY_ALL))), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->call(rich::mute(chat, 0, true))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(ivan->call(rich::role(chat, teacher.id(), pb::CHAT_ROLE_OWNER))), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(ivan->call(rich::search(0, std::string(300, 'a')))), "ERROR_TEXT_TOO_LONG");
  {
    pb::ClientFrame f = rich::settings(chat, pb::POST_POLICY_ALL);
    f.mutable_set_chat_settings()->mutable_settings()->set_post_policy(static_cast<pb::PostPolicy>(77));
    CHECK_EQ(error_name(teacher->call(f)), "ERROR_INVALID_ARGUMENT");
  }
  // Still serving, the message intact.
  ivan->sync();
  auto page = ivan->history(chat, 0, 0, 5);
  REQUIRE(page.has_history());
  CHECK_EQ(page.history().messages(page.history().messages_size() - 1).text(), "нормальный текст");
}
