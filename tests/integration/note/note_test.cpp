// The toy note domain end to end: a logged-in ping with a note, bad input, no session.
#include <doctest/doctest.h>

#include "fixture.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

namespace {

pb::ClientFrame ping_note(const std::string& note) {
  pb::ClientFrame frame;
  frame.mutable_ping_note()->set_note(note);
  return frame;
}

}  // namespace

TEST_CASE("[note] a note comes back with the sender's id") {
  auto client = logged_in(shared_port(), kStudent1, kStudentPassword);
  const auto reply = client->call(ping_note("привет"));
  REQUIRE_EQ(error_name(reply), "OK");
  REQUIRE(reply.has_note_pong());
  CHECK_EQ(reply.note_pong().note(), "привет");
  CHECK(reply.note_pong().user_id() > 0);
}

TEST_CASE("[note] bad notes and strangers get typed errors") {
  SUBCASE("invalid UTF-8") {
    auto client = logged_in(shared_port(), kStudent1, kStudentPassword);
    CHECK_EQ(error_name(client->call(ping_note("\xff\xfe"))), "ERROR_INVALID_UTF8");
  }
  SUBCASE("no session") {
    WsClient client(shared_port());
    CHECK_EQ(error_name(client.call(ping_note("hi"))), "ERROR_UNAUTHENTICATED");
  }
}
