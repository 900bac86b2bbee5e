// Hostile input: garbage frames, oversized frames, invalid UTF-8, blank text,
// bad ids. Each gets a typed error (or, for oversized frames, a close), and the
// server keeps serving.
#include <doctest/doctest.h>

#include "fixture.h"
#include "shared/core/validation.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

namespace {

// The next frame, decoded; throws if the connection closed.
pb::ServerFrame read_frame(WsClient& client) {
  auto raw = client.read_raw();
  REQUIRE(raw.has_value());
  auto frame = decode_server_frame(*raw);
  REQUIRE(frame.is_ok());
  return std::move(frame).value();
}

std::uint64_t last_seq(WsClient& client, std::int64_t chat) {
  auto page = client.history(chat, 0, 0, 1);
  REQUIRE(page.has_history());
  return page.history().messages_size() ? page.history().messages(0).seq() : 0;
}

}  // namespace

TEST_CASE("[bad input] garbage bytes get ERROR_MALFORMED_FRAME and the connection lives on") {
  auto client = logged_in(shared_port(), kStudent3, kStudentPassword);
  const std::string garbage_frames[] = {
      std::string("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 12),
      std::string("\x0a\x80", 2),    // truncated length-delimited field
      std::string("hello, server"),  // text, not protobuf
  };
  for (const auto& garbage : garbage_frames) {
    REQUIRE(client->send_raw(garbage));
    auto reply = read_frame(*client);
    REQUIRE(reply.has_error());
    CHECK_EQ(error_name(reply), "ERROR_MALFORMED_FRAME");
    CHECK_EQ(reply.request_id(), 0u);
  }
  SUBCASE("a frame without a request id") {
    pb::ClientFrame frame;
    frame.mutable_ping();
    REQUIRE(client->send_raw(encode_frame(frame)));
    CHECK_EQ(error_name(read_frame(*client)), "ERROR_MALFORMED_FRAME");
  }
  SUBCASE("a frame without a command keeps its request id") {
    pb::ClientFrame frame;
    frame.set_request_id(77);
    REQUIRE(client->send_raw(encode_frame(frame)));
    auto reply = read_frame(*client);
    CHECK_EQ(error_name(reply), "ERROR_MALFORMED_FRAME");
    CHECK_EQ(reply.request_id(), 77u);
  }
  SUBCASE("an empty message") {
    REQUIRE(client->send_raw(std::string()));
    CHECK_EQ(error_name(read_frame(*client)), "ERROR_MALFORMED_FRAME");
  }
  // Same connection, still logged in.
  client->sync();
  CHECK(client->list_chats().has_chat_list());
}

TEST_CASE("[bad input] a frame over 64 KiB closes the connection with 1009; others carry on") {
  auto client = logged_in(shared_port(), kStudent3, kStudentPassword);
  auto bystander = logged_in(shared_port(), kStudent1, kStudentPassword);
  pb::ClientFrame frame;
  frame.set_request_id(1);
  frame.mutable_send_message()->set_chat_id(1);
  frame.mutable_send_message()->set_client_id(new_client_id());
  frame.mutable_send_message()->set_text(std::string(kMaxFrameBytes + 1024, 'a'));
  const std::string bytes = encode_frame(frame);
  REQUIRE(bytes.size() > kMaxFrameBytes);

  // The write may already fail if the server closed first; either way the next read must fail.
  client->send_raw(bytes);
  std::optional<std::string> reply;
  REQUIRE_NOTHROW(reply = client->read_raw());
  CHECK_FALSE(reply.has_value());
  CHECK_FALSE(client->is_open());
  CHECK_EQ(client->closed_code(), 1009);

  // Another connection still works, and so does a brand new one.
  bystander->sync();
  WsClient fresh(shared_port());
  CHECK_EQ(error_name(fresh.login(kStudent3, kStudentPassword)), "OK");
}

TEST_CASE("[bad input] invalid UTF-8 is refused and nothing is stored") {
  auto client = logged_in(shared_port(), kStudent3, kStudentPassword);
  const auto chat = chat_id(*client, "5А");
  const auto before = last_seq(*client, chat);
  const std::string bad_texts[] = {
      std::string("\xC3\x28", 2),      // bad continuation
      std::string("\xED\xA0\x80", 3),  // UTF-16 surrogate
      std::string("\xC0\xAF", 2),      // overlong '/'
      std::string("Привет \xFF мир"),  // stray byte in the middle
  };
  for (const auto& text : bad_texts) {
    CHECK_EQ(error_name(client->send_message(chat, new_client_id(), text)), "ERROR_INVALID_UTF8");
  }
  CHECK_EQ(last_seq(*client, chat), before);
  CHECK_EQ(error_name(client->login(std::string("\xC3\x28@demo.school"), kStudentPassword)), "ERROR_INVALID_UTF8");
}

TEST_CASE("[bad input] empty and blank messages are refused") {
  auto client = logged_in(shared_port(), kStudent3, kStudentPassword);
  const auto chat = chat_id(*client, "5А");
  const auto before = last_seq(*client, chat);
  for (const std::string text : {"", " ", "  \n\t\r\n "}) {
    CHECK_EQ(error_name(client->send_message(chat, new_client_id(), text)), "ERROR_EMPTY_TEXT");
  }
  CHECK_EQ(error_name(client->send_message(chat, new_client_id(), std::string(kMaxMessageChars + 1, 'x'))),
           "ERROR_TEXT_TOO_LONG");
  CHECK_EQ(error_name(client->send_message(chat, "", "no client id")), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(client->send_message(chat, "bad id with spaces", "text")), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(error_name(client->send_message(0, new_client_id(), "no chat")), "ERROR_INVALID_ARGUMENT");
  CHECK_EQ(last_seq(*client, chat), before);
}
