// Chat list, sending with fan-out, retries, membership and read positions.
#include <doctest/doctest.h>

#include <cstdint>

#include "fixture.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[chats] a student's chat list shows names and roles, never contacts") {
  WsClient client(shared_port());
  REQUIRE(client.login(kStudent1, kStudentPassword).has_login_ok());
  pb::ClientFrame frame;
  frame.mutable_list_chats();
  const auto id = client.send(frame);
  // Read the raw bytes of the reply to search them for e-mail addresses.
  auto raw = client.read_raw();
  REQUIRE(raw.has_value());
  CHECK(raw->find("@demo.school") == std::string::npos);
  CHECK(raw->find("demo.school") == std::string::npos);
  auto reply = decode_server_frame(*raw);
  REQUIRE(reply.is_ok());
  CHECK_EQ(reply->request_id(), id);
  REQUIRE(reply->has_chat_list());

  const pb::Chat* group = find_chat(reply.value(), "5А");
  REQUIRE(group != nullptr);
  CHECK_EQ(group->kind(), pb::CHAT_KIND_GROUP);
  CHECK_EQ(group->members_size(), 4);
  CHECK(group->has_last_message());
  CHECK(group->last_seq() >= 4);
  const pb::Chat* direct = find_chat(reply.value(), "Анна Сергеевна Смирнова");
  REQUIRE(direct != nullptr);
  CHECK_EQ(direct->kind(), pb::CHAT_KIND_DIRECT);
  CHECK_EQ(direct->members_size(), 2);
  CHECK(find_chat(reply.value(), "Мария Иванова") != nullptr);
  // Not a member of the parents' chat; a member of the class announcements.
  CHECK(find_chat(reply.value(), "Родители 5А") == nullptr);
  CHECK(find_chat(reply.value(), "Объявления 5А") != nullptr);
  CHECK_EQ(reply->chat_list().chats_size(), 4);

  bool saw_teacher = false;
  for (const auto& member : group->members()) {
    CHECK_FALSE(member.display_name().empty());
    if (member.role() == pb::ROLE_TEACHER) {
      saw_teacher = true;
      CHECK(member.verified_teacher());
      CHECK(member.class_name().empty());
    } else {
      CHECK_EQ(member.class_name(), "5А");
    }
  }
  CHECK(saw_teacher);
  // Newest activity first; chats without messages last.
  std::int64_t previous = INT64_MAX;
  for (const auto& chat : reply->chat_list().chats()) {
    const std::int64_t at = chat.has_last_message() ? chat.last_message().sent_at_ms() : -1;
    CHECK(at <= previous);
    previous = at;
  }
}

TEST_CASE("[chats] a message reaches every member's sessions once, with the same seq") {
  auto teacher = logged_in(shared_port(), kTeacher, kTeacherPassword);
  auto teacher_tab2 = logged_in(shared_port(), kTeacher, kTeacherPassword);
  auto ivan = logged_in(shared_port(), kStudent1, kStudentPassword);
  auto maria = logged_in(shared_port(), kStudent2, kStudentPassword);
  auto olga = logged_in(shared_port(), kParent, kParentPassword);  // not in 5А
  const auto chat = chat_id(*teacher, "5А");

  const std::string client_id = new_client_id();
  auto sent = teacher->send_message(chat, client_id, "Привет, 5А!");
  REQUIRE_EQ(error_name(sent), "OK");
  REQUIRE(sent.has_message_sent());
  const auto& message = sent.message_sent().message();
  CHECK(message.seq() > 0);
  CHECK_EQ(message.chat_id(), chat);
  CHECK_EQ(message.text(), "Привет, 5А!");
  CHECK_EQ(message.client_id(), client_id);
  CHECK_EQ(message.sender_name(), "Анна Сергеевна Смирнова");
  CHECK(message.sent_at_ms() > 0);

  for (WsClient* student : {ivan.get(), maria.get()}) {
    auto event = student->next_event();
    REQUIRE(event.has_chat_event());
    CHECK_EQ(event.request_id(), 0u);
    CHECK_EQ(event.chat_event().chat_id(), chat);
    CHECK_EQ(event.chat_event().seq(), message.seq());
    REQUIRE(event.chat_event().has_message_added());
    CHECK_EQ(event.chat_event().message_added().text(), "Привет, 5А!");
    CHECK_EQ(event.chat_event().message_added().sender_id(), message.sender_id());
    CHECK(event.chat_event().message_added().client_id().empty());  // the sender's id stays private
  }
  // The sender's other session hears about it too, with its client_id.
  auto echo = teacher_tab2->next_event();
  REQUIRE(echo.has_chat_event());
  CHECK_EQ(echo.chat_event().seq(), message.seq());
  CHECK_EQ(echo.chat_event().message_added().client_id(), client_id);

  // Nothing else arrived: not a second copy, not at the sending session, not at a non-member.
  for (WsClient* c : {teacher.get(), teacher_tab2.get(), ivan.get(), maria.get(), olga.get()}) {
    c->sync();
    CHECK_EQ(c->pending_events(), 0u);
  }
}

TEST_CASE("[chats] retrying a client_id returns the stored message and stores nothing new") {
  auto teacher = logged_in(shared_port(), kTeacher, kTeacherPassword);
  auto maria = logged_in(shared_port(), kStudent2, kStudentPassword);
  const auto chat = chat_id(*teacher, "Мария Иванова");
  const std::string client_id = new_client_id();

  auto first = teacher->send_message(chat, client_id, "Проверка повтора");
  REQUIRE(first.has_message_sent());
  auto retry = teacher->send_message(chat, client_id, "Проверка повтора");
  REQUIRE(retry.has_message_sent());
  CHECK_EQ(retry.message_sent().message().seq(), first.message_sent().message().seq());
  CHECK_EQ(retry.message_sent().message().sent_at_ms(), first.message_sent().message().sent_at_ms());

  auto history = teacher->history(chat, 0, 0, 200);
  REQUIRE(history.has_history());
  int copies = 0;
  for (const auto& m : history.history().messages()) copies += m.client_id() == client_id;
  CHECK_EQ(copies, 1);

  // Maria heard about it once.
  auto event = maria->next_event();
  CHECK_EQ(event.chat_event().seq(), first.message_sent().message().seq());
  maria->sync();
  CHECK_EQ(maria->pending_events(), 0u);
}

TEST_CASE("[chats] someone else's chat does not exist for you") {
  auto teacher = logged_in(shared_port(), kTeacher, kTeacherPassword);
  const auto parents_chat = chat_id(*teacher, "Родители 5А");
  auto ivan = logged_in(shared_port(), kStudent1, kStudentPassword);
  const auto before = teacher->history(parents_chat, 0, 0, 0);
  REQUIRE(before.has_history());

  CHECK_EQ(error_name(ivan->history(parents_chat, 0, 0, 10)), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->send_message(parents_chat, new_client_id(), "hi")), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->mark_read(parents_chat, 1)), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->history(987654321, 0, 0, 10)), "ERROR_NOT_FOUND");
  CHECK_EQ(error_name(ivan->send_message(987654321, new_client_id(), "hi")), "ERROR_NOT_FOUND");

  const auto after = teacher->history(parents_chat, 0, 0, 0);
  CHECK_EQ(after.history().messages_size(), before.history().messages_size());
}

TEST_CASE("[chats] MarkRead lowers the unread count and tells the reader's other sessions") {
  auto teacher = logged_in(shared_port(), kTeacher, kTeacherPassword);
  auto parent = logged_in(shared_port(), kParent, kParentPassword);
  auto parent_tab2 = logged_in(shared_port(), kParent, kParentPassword);
  const auto chat = chat_id(*teacher, "Ольга Петрова");

  REQUIRE(teacher->send_message(chat, new_client_id(), "Ольга, добрый день!").has_message_sent());
  auto second = teacher->send_message(chat, new_client_id(), "Завтра родительское собрание.");
  REQUIRE(second.has_message_sent());
  const auto last = second.message_sent().message().seq();

  auto list = parent->list_chats();
  const pb::Chat* seen = find_chat(list, "Анна Сергеевна Смирнова");
  REQUIRE(seen != nullptr);
  CHECK(seen->unread_count() >= 2);
  CHECK_EQ(seen->last_seq(), last);
  CHECK_EQ(seen->last_message().text(), "Завтра родительское собрание.");
  CHECK(seen->last_message().client_id().empty());

  // Read up to the first of the two: one left.
  REQUIRE(parent->mark_read(chat, last - 1).has_ack());
  list = parent->list_chats();
  CHECK_EQ(find_chat(list, "Анна Сергеевна Смирнова")->unread_count(), 1u);
  // A read position past the end is clamped to the last message.
  REQUIRE(parent->mark_read(chat, last + 1000).has_ack());
  list = parent->list_chats();
  CHECK_EQ(find_chat(list, "Анна Сергеевна Смирнова")->unread_count(), 0u);
  CHECK_EQ(find_chat(list, "Анна Сергеевна Смирнова")->read_seq(), last);
  // Moving backwards does nothing.
  REQUIRE(parent->mark_read(chat, 1).has_ack());
  CHECK_EQ(find_chat(parent->list_chats(), "Анна Сергеевна Смирнова")->read_seq(), last);

  // The other tab: two new-message events, then two read position changes.
  std::vector<pb::ServerFrame> events;
  for (int i = 0; i < 4; ++i) events.push_back(parent_tab2->next_event());
  CHECK(events[0].has_chat_event());
  CHECK(events[1].has_chat_event());
  REQUIRE(events[2].has_read_position_changed());
  CHECK_EQ(events[2].read_position_changed().read_seq(), last - 1);
  REQUIRE(events[3].has_read_position_changed());
  CHECK_EQ(events[3].read_position_changed().read_seq(), last);
  parent_tab2->sync();
  CHECK_EQ(parent_tab2->pending_events(), 0u);

  // Own messages never count as unread.
  CHECK_EQ(find_chat(teacher->list_chats(), "Ольга Петрова")->unread_count(), 0u);
}
