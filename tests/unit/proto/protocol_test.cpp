// Frame round trips, decoding limits and per-command validation.
#include <doctest/doctest.h>

#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

using namespace parta;

TEST_CASE("[protocol] client frame round trip") {
  pb::ClientFrame frame;
  frame.set_request_id(42);
  auto* send = frame.mutable_send_message();
  send->set_chat_id(7);
  send->set_client_id("c-1");
  send->set_text("Привет, 5А!");
  auto decoded = decode_client_frame(encode_frame(frame));
  REQUIRE(decoded.is_ok());
  CHECK(decoded->request_id() == 42);
  REQUIRE(decoded->has_send_message());
  CHECK(decoded->send_message().chat_id() == 7);
  CHECK(decoded->send_message().text() == "Привет, 5А!");
  CHECK(validate_command(decoded.value()).is_ok());
}

TEST_CASE("[protocol] server frame round trip") {
  pb::ServerFrame frame;
  auto* ev = frame.mutable_chat_event();
  ev->set_chat_id(3);
  ev->set_seq(9);
  ev->mutable_message_added()->set_text("ё");
  auto decoded = decode_server_frame(encode_frame(frame));
  REQUIRE(decoded.is_ok());
  CHECK(decoded->request_id() == 0);
  CHECK(decoded->chat_event().seq() == 9);
  CHECK(decoded->chat_event().message_added().text() == "ё");

  const auto error = make_error_frame(5, Status(pb::ERROR_NOT_FOUND, "no"));
  auto decoded_error = decode_server_frame(encode_frame(error));
  REQUIRE(decoded_error.is_ok());
  CHECK(decoded_error->error().code() == pb::ERROR_NOT_FOUND);
  CHECK(std::string(error_code_name(pb::ERROR_NOT_FOUND)) == "ERROR_NOT_FOUND");
}

TEST_CASE("[protocol] decoding refuses bad frames with typed errors") {
  SUBCASE("garbage") {
    auto r = decode_client_frame(std::string("\xFF\xFF\xFF\xFF\xFF", 5));
    CHECK(r.status().code() == pb::ERROR_MALFORMED_FRAME);
  }
  SUBCASE("too large") {
    auto r = decode_client_frame(std::string(kMaxFrameBytes + 1, 'a'));
    CHECK(r.status().code() == pb::ERROR_FRAME_TOO_LARGE);
  }
  SUBCASE("no request id") {
    pb::ClientFrame f;
    f.mutable_ping();
    CHECK(decode_client_frame(encode_frame(f)).status().code() == pb::ERROR_MALFORMED_FRAME);
  }
  SUBCASE("no command") {
    pb::ClientFrame f;
    f.set_request_id(1);
    CHECK(decode_client_frame(encode_frame(f)).status().code() == pb::ERROR_MALFORMED_FRAME);
  }
  SUBCASE("empty bytes") {
    CHECK(decode_client_frame("").status().code() == pb::ERROR_MALFORMED_FRAME);
  }
}

TEST_CASE("[protocol] invalid UTF-8 parses, then validation names it") {
  pb::ClientFrame frame;
  frame.set_request_id(1);
  auto* send = frame.mutable_send_message();
  send->set_chat_id(1);
  send->set_client_id("c-1");
  send->set_text(std::string("\xC3\x28"));
  auto decoded = decode_client_frame(encode_frame(frame));
  REQUIRE(decoded.is_ok());
  CHECK(validate_command(decoded.value()).code() == pb::ERROR_INVALID_UTF8);
}

TEST_CASE("[protocol] command validation table") {
  auto login = [](std::string l, std::string p, std::uint32_t v) {
    pb::ClientFrame f;
    f.set_request_id(1);
    auto* c = f.mutable_login();
    c->set_login(l);
    c->set_password(p);
    c->set_protocol_version(v);
    return validate_command(f).code();
  };
  CHECK(login("a@b.c", "secret12", kProtocolVersion) == pb::ERROR_UNSPECIFIED);
  CHECK(login("a@b.c", "secret12", 99) == pb::ERROR_UNSUPPORTED_VERSION);
  CHECK(login("", "secret12", kProtocolVersion) == pb::ERROR_EMPTY_TEXT);
  CHECK(login("a@b.c", "", kProtocolVersion) == pb::ERROR_EMPTY_TEXT);

  pb::ClientFrame history;
  history.set_request_id(1);
  history.mutable_get_history()->set_chat_id(1);
  CHECK(validate_command(history).is_ok());
  history.mutable_get_history()->set_limit(kMaxHistoryPage + 1);
  CHECK(validate_command(history).code() == pb::ERROR_INVALID_ARGUMENT);
  history.mutable_get_history()->set_limit(10);
  history.mutable_get_history()->set_before_seq(5);
  history.mutable_get_history()->set_after_seq(2);
  CHECK(validate_command(history).code() == pb::ERROR_INVALID_ARGUMENT);
  history.mutable_get_history()->set_chat_id(0);
  CHECK(validate_command(history).code() == pb::ERROR_INVALID_ARGUMENT);

  pb::ClientFrame send;
  send.set_request_id(1);
  send.mutable_send_message()->set_chat_id(1);
  send.mutable_send_message()->set_text("hi");
  CHECK(validate_command(send).code() == pb::ERROR_INVALID_ARGUMENT);  // no client id
}
