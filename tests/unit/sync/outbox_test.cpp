// Outbox: resend until acknowledged, dedupe by client id, persist across reloads.
#include <doctest/doctest.h>

#include "shared/sync/outbox.h"

using namespace parta;

namespace {

pb::ServerFrame sent(std::uint64_t request_id, std::string client_id) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  f.mutable_message_sent()->mutable_message()->set_client_id(client_id);
  return f;
}

pb::ServerFrame error(std::uint64_t request_id, pb::ErrorCode code) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  f.mutable_error()->set_code(code);
  return f;
}

}  // namespace

TEST_CASE("[outbox] send, ack, and nothing is sent twice while in flight") {
  Outbox box;
  std::uint64_t next = 1;
  box.add(ChatId{1}, "a", "c-a", 100);
  box.add(ChatId{1}, "b", "c-b", 101);
  box.add(ChatId{1}, "a again", "c-a", 102);  // same client id: ignored
  auto frames = box.take_unsent(next);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].send_message().client_id() == "c-a");
  CHECK(frames[1].request_id() == 2);
  CHECK(box.take_unsent(next).empty());
  CHECK(box.on_reply(sent(1, "c-a")));
  CHECK(box.items().size() == 1);
  CHECK_FALSE(box.on_reply(sent(99, "c-x")));
}

TEST_CASE("[outbox] a dropped connection resends with the same client id") {
  Outbox box;
  std::uint64_t next = 1;
  box.add(ChatId{1}, "a", "c-a", 100);
  auto first = box.take_unsent(next);
  box.on_disconnected();
  auto second = box.take_unsent(next);
  REQUIRE(second.size() == 1);
  CHECK(second[0].send_message().client_id() == first[0].send_message().client_id());
  CHECK(second[0].request_id() != first[0].request_id());
  CHECK_FALSE(box.on_reply(sent(first[0].request_id(), "c-a")));  // stale reply: not ours any more
  CHECK(box.on_reply(sent(second[0].request_id(), "c-a")));
  CHECK(box.empty());
}

TEST_CASE("[outbox] errors: retryable ones resend, permanent ones stop") {
  Outbox box;
  std::uint64_t next = 1;
  box.add(ChatId{1}, "a", "c-a", 100);
  box.add(ChatId{1}, "b", "c-b", 100);
  auto frames = box.take_unsent(next);
  box.on_reply(error(frames[0].request_id(), pb::ERROR_INTERNAL));
  box.on_reply(error(frames[1].request_id(), pb::ERROR_PERMISSION_DENIED));
  auto again = box.take_unsent(next);
  REQUIRE(again.size() == 1);
  CHECK(again[0].send_message().client_id() == "c-a");
  CHECK(box.items()[1].failed.code() == pb::ERROR_PERMISSION_DENIED);
  box.discard("c-b");
  CHECK(box.items().size() == 1);
}

TEST_CASE("[outbox] survives a page reload") {
  Outbox box;
  std::uint64_t next = 1;
  box.add(ChatId{3}, "Привет", "c-1", 100);
  box.add(ChatId{4}, "второе", "c-2", 101);
  (void)box.take_unsent(next);  // in flight when the page died
  Outbox restored;
  REQUIRE(restored.restore(box.serialize()).is_ok());
  REQUIRE(restored.items().size() == 2);
  CHECK(restored.items()[0].text == "Привет");
  CHECK(restored.items()[0].request_id == 0);
  CHECK(restored.items()[1].chat == ChatId{4});
  CHECK(restored.take_unsent(next).size() == 2);
  CHECK(Outbox{}.restore("\xFF\xFF\xFF").code() == pb::ERROR_MALFORMED_FRAME);
}

TEST_CASE("[outbox] replies, mentions and polls are sent and persisted whole") {
  Outbox box;
  pb::SendMessage cmd;
  cmd.set_chat_id(3);
  cmd.set_client_id("c-poll");
  cmd.set_text("Когда собрание?");
  cmd.set_reply_to_seq(41);
  cmd.add_mention_ids(7);
  cmd.add_mention_ids(8);
  cmd.mutable_poll()->add_options("Вторник");
  cmd.mutable_poll()->add_options("Среда");
  cmd.mutable_poll()->set_anonymous(true);
  box.add(cmd, 100);
  std::uint64_t next = 1;
  auto frames = box.take_unsent(next);
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].send_message().SerializeAsString() == cmd.SerializeAsString());

  Outbox restored;
  REQUIRE(restored.restore(box.serialize()).is_ok());
  REQUIRE(restored.items().size() == 1);
  const OutboxItem& item = restored.items()[0];
  CHECK(item.reply_to_seq == 41);
  CHECK(item.mention_ids == std::vector<std::int64_t>{7, 8});
  REQUIRE(item.poll.has_value());
  CHECK(item.poll->anonymous());
  CHECK(item.created_at_ms == 100);
  auto again = restored.take_unsent(next);
  REQUIRE(again.size() == 1);
  CHECK(again[0].send_message().SerializeAsString() == cmd.SerializeAsString());
}

TEST_CASE("[outbox] a snapshot written before replies existed still restores") {
  // The old writer set only chat_id, client_id and text (same field numbers).
  pb::OutboxSnapshot old;
  auto* entry = old.add_entries();
  entry->set_created_at_ms(5);
  entry->mutable_command()->set_chat_id(9);
  entry->mutable_command()->set_client_id("c-old");
  entry->mutable_command()->set_text("old");
  Outbox box;
  REQUIRE(box.restore(old.SerializeAsString()).is_ok());
  REQUIRE(box.items().size() == 1);
  CHECK(box.items()[0].text == "old");
  CHECK(box.items()[0].reply_to_seq == 0);
  CHECK_FALSE(box.items()[0].poll.has_value());
}
