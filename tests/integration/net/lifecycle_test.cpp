// Process lifecycle: durability across kill -9, idempotent seeding, clean SIGTERM.
#include <doctest/doctest.h>

#include "server_process.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

TEST_CASE("[lifecycle] an acknowledged message survives kill -9; restart keeps the data") {
  TempDir data("parta-it-durable-");
  TempDir web("parta-it-web-");
  write_test_web_root(web.path());
  ServerProcess server(data.path(), web.path());
  server.start();

  const std::string client_id = new_client_id();
  std::uint64_t seq = 0;
  std::int64_t chat = 0;
  int chats_before = 0;
  {
    auto teacher = logged_in(server.port(), kTeacher, kTeacherPassword);
    chats_before = teacher->list_chats().chat_list().chats_size();
    chat = chat_id(*teacher, "5А");
    auto sent = teacher->send_message(chat, client_id, "Это сообщение переживёт kill -9");
    REQUIRE(sent.has_message_sent());
    seq = sent.message_sent().message().seq();
    // kill -9 right after the acknowledgement, with the connection still open.
    server.kill9();
  }

  server.start();  // same data dir; --seed-demo again must not duplicate the school
  auto teacher = logged_in(server.port(), kTeacher, kTeacherPassword);
  auto list = teacher->list_chats();
  CHECK_EQ(list.chat_list().chats_size(), chats_before);
  auto history = teacher->history(chat, 0, 0, 50);
  REQUIRE(history.has_history());
  REQUIRE(history.history().messages_size() > 0);
  const auto& newest = history.history().messages(history.history().messages_size() - 1);
  CHECK_EQ(newest.seq(), seq);
  CHECK_EQ(newest.text(), "Это сообщение переживёт kill -9");
  CHECK_EQ(newest.client_id(), client_id);
  // The retry after a crash still dedupes.
  auto retry = teacher->send_message(chat, client_id, "Это сообщение переживёт kill -9");
  CHECK_EQ(retry.message_sent().message().seq(), seq);
  teacher.reset();

  CHECK_EQ(server.terminate(), 0);
}

TEST_CASE("[lifecycle] SIGTERM closes open sessions and exits 0") {
  TempDir data("parta-it-term-");
  TempDir web("parta-it-web-");
  write_test_web_root(web.path());
  ServerProcess server(data.path(), web.path());
  server.start();
  auto student = logged_in(server.port(), kStudent1, kStudentPassword);
  WsClient anonymous(server.port());

  CHECK_EQ(server.terminate(), 0);
  // The logged-in client was told goodbye (1001) or at least disconnected.
  std::optional<std::string> frame;
  REQUIRE_NOTHROW(frame = student->read_raw());
  CHECK_FALSE(frame.has_value());
  CHECK_EQ(student->closed_code(), 1001);
  const std::string log = server.log();
  CHECK(log.find("listening on http://127.0.0.1:") != std::string::npos);
  CHECK(log.find("database closed") != std::string::npos);
  CHECK(log.find("ERROR") == std::string::npos);
}
