// History pages (before_seq, newest first) and catch-up (after_seq).
#include <doctest/doctest.h>

#include <vector>

#include "fixture.h"
#include "test_client.h"

using namespace parta;
using namespace parta::test;

namespace {

std::vector<std::uint64_t> seqs_of(const pb::ServerFrame& frame) {
  std::vector<std::uint64_t> out;
  for (const auto& m : frame.history().messages()) out.push_back(m.seq());
  return out;
}

// Catch-up: the seqs of the events (here: each a new message).
std::vector<std::uint64_t> event_seqs_of(const pb::ServerFrame& frame) {
  std::vector<std::uint64_t> out;
  for (const auto& e : frame.history().events()) {
    CHECK(e.has_message_added());
    CHECK_EQ(e.message_added().seq(), e.seq());
    out.push_back(e.seq());
  }
  CHECK_EQ(frame.history().messages_size(), 0);
  return out;
}

void check_ascending_without_gaps(const std::vector<std::uint64_t>& seqs) {
  for (std::size_t i = 1; i < seqs.size(); ++i) CHECK_EQ(seqs[i], seqs[i - 1] + 1);
}

}  // namespace

TEST_CASE("[history] 120 messages come back in pages of 50, then catch-up from a cursor") {
  auto ivan = logged_in(shared_port(), kStudent1, kStudentPassword);
  const auto chat = chat_id(*ivan, "Мария Иванова");
  auto start = ivan->history(chat, 0, 0, 1);
  REQUIRE(start.has_history());
  const std::uint64_t base = start.history().messages_size() ? start.history().messages(0).seq() : 0;

  // Pipelined: 120 sends, then 120 replies in order.
  constexpr int kCount = 120;
  std::vector<std::uint64_t> ids;
  for (int i = 0; i < kCount; ++i) {
    pb::ClientFrame frame;
    auto* send = frame.mutable_send_message();
    send->set_chat_id(chat);
    send->set_client_id(new_client_id());
    send->set_text("сообщение " + std::to_string(i + 1));
    ids.push_back(ivan->send(frame));
  }
  for (int i = 0; i < kCount; ++i) {
    auto reply = ivan->wait_reply(ids[i]);
    REQUIRE_EQ(error_name(reply), "OK");
    CHECK_EQ(reply.message_sent().message().seq(), base + i + 1);
  }
  const std::uint64_t last = base + kCount;

  {  // pages backwards with before_seq
    std::vector<std::uint64_t> all;
    std::uint64_t before = 0;
    std::vector<std::size_t> sizes;
    std::vector<bool> more;
    for (int page = 0; page < 10; ++page) {
      auto reply = ivan->history(chat, before, 0, 50);
      REQUIRE(reply.has_history());
      CHECK_EQ(reply.history().chat_id(), chat);
      auto seqs = seqs_of(reply);
      REQUIRE_FALSE(seqs.empty());
      check_ascending_without_gaps(seqs);
      if (before != 0) CHECK_EQ(seqs.back(), before - 1);
      sizes.push_back(seqs.size());
      more.push_back(reply.history().has_more());
      all.insert(all.begin(), seqs.begin(), seqs.end());
      before = seqs.front();
      if (!reply.history().has_more()) break;
    }
    REQUIRE(sizes.size() >= 3);
    CHECK_EQ(sizes[0], 50u);
    CHECK_EQ(sizes[1], 50u);
    CHECK(more[0]);
    CHECK(more[1]);
    CHECK_FALSE(more.back());
    CHECK_EQ(all.size(), last);  // 1..last, nothing missing
    CHECK_EQ(all.front(), 1u);
    CHECK_EQ(all.back(), last);
    check_ascending_without_gaps(all);
    if (base == 0) {
      CHECK_EQ(sizes.size(), 3u);
      CHECK_EQ(sizes[2], 20u);
    }
    // The newest page has the newest texts.
    auto newest = ivan->history(chat, 0, 0, 1);
    CHECK_EQ(newest.history().messages(0).text(), "сообщение 120");
    CHECK(newest.history().has_more());
  }

  {  // catch-up with after_seq: events, ascending
    auto tail = ivan->history(chat, 0, last - 20, 50);
    auto seqs = event_seqs_of(tail);
    REQUIRE_EQ(seqs.size(), 20u);
    CHECK_EQ(seqs.front(), last - 19);
    CHECK_EQ(seqs.back(), last);
    CHECK_FALSE(tail.history().has_more());
    CHECK_FALSE(tail.history().snapshot());
    CHECK_EQ(tail.history().last_seq(), last);

    auto partial = ivan->history(chat, 0, last - 100, 50);
    seqs = event_seqs_of(partial);
    REQUIRE_EQ(seqs.size(), 50u);
    CHECK_EQ(seqs.front(), last - 99);
    check_ascending_without_gaps(seqs);
    CHECK(partial.history().has_more());

    auto none = ivan->history(chat, 0, last, 50);
    CHECK_EQ(none.history().events_size(), 0);
    CHECK_FALSE(none.history().has_more());
  }

  {                                                                        // page size: default and limits
    CHECK_EQ(ivan->history(chat, 0, 0, 0).history().messages_size(), 50);  // kDefaultHistoryPage
    CHECK_EQ(ivan->history(chat, 0, 0, 200).history().messages_size(),
             120 + static_cast<int>(base) > 200 ? 200 : 120 + static_cast<int>(base));
    CHECK_EQ(error_name(ivan->history(chat, 0, 0, 201)), "ERROR_INVALID_ARGUMENT");
    CHECK_EQ(error_name(ivan->history(chat, 10, 5, 10)), "ERROR_INVALID_ARGUMENT");
  }
}
