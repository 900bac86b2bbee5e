// Polls: draft rules, who sees what in the tally, vote checks, percentages.
#include "shared/chat/polls.h"

#include <doctest/doctest.h>

#include <numeric>
#include <string>

#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

using namespace parta;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;  // a real Unix time in ms
constexpr UserId kCreator{1};
constexpr UserId kVoter{2};
constexpr UserId kOther{3};

pb::PollDraft draft(std::initializer_list<std::string> options) {
  pb::PollDraft d;
  for (const auto& o : options) d.add_options(o);
  return d;
}

pb::Poll poll_of(std::initializer_list<std::uint32_t> votes, bool multiple = false) {
  pb::Poll p;
  std::uint32_t voters = 0;
  for (std::uint32_t v : votes) {
    p.add_options()->set_votes(v);
    voters += v;
  }
  p.set_multiple(multiple);
  p.set_voters(voters);
  return p;
}

}  // namespace

TEST_CASE("[polls] validate_poll_draft") {
  const pb::PollDraft ok = draft({"Понедельник", "Вторник"});
  CHECK(validate_poll_draft(ok, "Когда собрание?", kNow).is_ok());
  struct Case {
    std::string what;
    pb::PollDraft d;
    std::string question;
    pb::ErrorCode expected;
  };
  auto with = [&](auto edit) {
    pb::PollDraft d = ok;
    edit(d);
    return d;
  };
  const Case cases[] = {
    {"one option", draft({"Да"}), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"eleven options", draft({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"ten options", draft({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}), "Q?", pb::ERROR_UNSPECIFIED},
    {"an empty option", draft({"Да", " "}), "Q?", pb::ERROR_EMPTY_TEXT},
    {"the same option twice (case, ё = е)", draft({"Ёлка", "елка"}), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"an option too long", draft({"Да", std::string(kMaxPollOptionChars + 1, 'x')}), "Q?", pb::ERROR_TEXT_TOO_LONG},
    {"an empty question", ok, "", pb::ERROR_EMPTY_TEXT},
    {"a question too long", ok, std::string(kMaxPollQuestionChars + 1, 'q'), pb::ERROR_TEXT_TOO_LONG},
    {"a multiple-choice quiz", with([](pb::PollDraft& d) { d.set_quiz(true); d.set_multiple(true); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"a quiz answer out of range", with([](pb::PollDraft& d) { d.set_quiz(true); d.set_correct_option(2); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"a quiz", with([](pb::PollDraft& d) { d.set_quiz(true); d.set_correct_option(1); }), "Q?", pb::ERROR_UNSPECIFIED},
    {"a correct option without a quiz", with([](pb::PollDraft& d) { d.set_correct_option(1); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"a deadline in the past", with([](pb::PollDraft& d) { d.set_deadline_ms(kNow - 1); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"a deadline now", with([](pb::PollDraft& d) { d.set_deadline_ms(kNow); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"a negative deadline", with([](pb::PollDraft& d) { d.set_deadline_ms(-5); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
    {"a deadline tomorrow", with([](pb::PollDraft& d) { d.set_deadline_ms(kNow + 86'400'000); }), "Q?", pb::ERROR_UNSPECIFIED},
    {"a deadline past a year", with([](pb::PollDraft& d) { d.set_deadline_ms(kNow + kMaxPollLifetimeMs + 1); }), "Q?", pb::ERROR_INVALID_ARGUMENT},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(validate_poll_draft(c.d, c.question, kNow).code() == c.expected);
  }
}

TEST_CASE("[polls] tally: anonymous, named for the creator only, my choices, deadline") {
  pb::PollDraft d = draft({"A", "B", "C"});
  d.set_multiple(true);
  const std::vector<PollVote> votes = {{kVoter, 2}, {kVoter, 0}, {kOther, 0}, {kOther, 7} /* out of range */};
  SUBCASE("named: voter ids for the creator, nobody else") {
    const pb::Poll creator = tally_poll(d, false, votes, kCreator, kCreator, kNow);
    CHECK(creator.options(0).votes() == 2);
    CHECK(creator.options(1).votes() == 0);
    CHECK(creator.options(2).votes() == 1);
    CHECK(creator.voters() == 2);
    CHECK(creator.options(0).voter_ids_size() == 2);
    CHECK(creator.my_choices_size() == 0);
    const pb::Poll voter = tally_poll(d, false, votes, kVoter, kCreator, kNow);
    CHECK(voter.options(0).voter_ids_size() == 0);
    REQUIRE(voter.my_choices_size() == 2);
    CHECK(voter.my_choices(0) == 0);  // sorted
    CHECK(voter.my_choices(1) == 2);
    const pb::Poll broadcast = tally_poll(d, false, votes, UserId{}, kCreator, kNow);
    CHECK(broadcast.options(0).voter_ids_size() == 0);
    CHECK(broadcast.my_choices_size() == 0);
  }
  SUBCASE("anonymous: not even the creator sees names") {
    d.set_anonymous(true);
    const pb::Poll creator = tally_poll(d, false, votes, kCreator, kCreator, kNow);
    CHECK(creator.anonymous());
    for (const auto& o : creator.options()) CHECK(o.voter_ids_size() == 0);
    CHECK(creator.options(0).votes() == 2);
  }
  SUBCASE("deadline and closing") {
    d.set_deadline_ms(kNow + 10);
    CHECK_FALSE(tally_poll(d, false, votes, kVoter, kCreator, kNow).closed());
    CHECK(tally_poll(d, false, votes, kVoter, kCreator, kNow + 10).closed());
    CHECK(tally_poll(d, true, votes, kVoter, kCreator, kNow).closed());
    CHECK(poll_closed(false, 0, kNow * 2) == false);
  }
}

TEST_CASE("[polls] tally: the quiz answer is revealed to the creator, a voter, or once closed") {
  pb::PollDraft d = draft({"3", "4", "5"});
  d.set_quiz(true);
  d.set_correct_option(1);
  const std::vector<PollVote> votes = {{kVoter, 2}};
  CHECK(tally_poll(d, false, votes, kCreator, kCreator, kNow).correct_option() == 1);
  CHECK(tally_poll(d, false, votes, kVoter, kCreator, kNow).correct_option() == 1);
  CHECK(tally_poll(d, false, votes, kOther, kCreator, kNow).correct_option() == -1);
  CHECK(tally_poll(d, true, votes, kOther, kCreator, kNow).correct_option() == 1);
  CHECK(tally_poll(d, false, votes, UserId{}, kCreator, kNow).correct_option() == -1);
}

TEST_CASE("[polls] validate_vote") {
  pb::Poll single = poll_of({1, 0, 0});
  single.set_allow_change(true);
  CHECK(validate_vote(single, {1}).is_ok());
  CHECK(validate_vote(single, {0, 1}).code() == pb::ERROR_INVALID_ARGUMENT);  // one option only
  CHECK(validate_vote(single, {3}).code() == pb::ERROR_INVALID_ARGUMENT);     // no such option
  CHECK(validate_vote(single, {}).code() == pb::ERROR_INVALID_ARGUMENT);      // nothing to withdraw
  pb::Poll multi = poll_of({1, 1, 0}, true);
  CHECK(validate_vote(multi, {0, 2}).is_ok());
  CHECK(validate_vote(multi, {2, 2}).code() == pb::ERROR_INVALID_ARGUMENT);   // twice
  multi.add_my_choices(0);
  CHECK(validate_vote(multi, {1}).code() == pb::ERROR_ALREADY_VOTED);         // no changes allowed
  CHECK(validate_vote(multi, {}).code() == pb::ERROR_ALREADY_VOTED);
  multi.set_allow_change(true);
  CHECK(validate_vote(multi, {}).is_ok());                                    // withdraw
  CHECK(validate_vote(multi, {1, 2}).is_ok());
  multi.set_closed(true);
  CHECK(validate_vote(multi, {1}).code() == pb::ERROR_POLL_CLOSED);
}

TEST_CASE("[polls] percentages: single choice sums to 100, multiple is per voter") {
  auto sum = [](const std::vector<int>& v) { return std::accumulate(v.begin(), v.end(), 0); };
  CHECK(poll_percentages(poll_of({0, 0})) == std::vector<int>{0, 0});
  CHECK(poll_percentages(poll_of({1, 1, 1})) == std::vector<int>{34, 33, 33});
  CHECK(poll_percentages(poll_of({2, 1})) == std::vector<int>{67, 33});
  CHECK(poll_percentages(poll_of({1, 0, 0})) == std::vector<int>{100, 0, 0});
  const std::uint32_t tables[][5] = {{1, 1, 1, 1, 3}, {7, 7, 7, 0, 0}, {1, 2, 3, 4, 5}, {99, 1, 1, 1, 1}, {0, 0, 0, 0, 1}};
  for (const auto& t : tables) {
    pb::Poll p;
    for (std::uint32_t v : t) p.add_options()->set_votes(v);
    p.set_voters(t[0] + t[1] + t[2] + t[3] + t[4]);
    CHECK(sum(poll_percentages(p)) == 100);
  }
  // Multiple choice: each option's share of the people who voted (3 voters).
  pb::Poll multi = poll_of({3, 1, 0}, true);
  multi.set_voters(3);
  CHECK(poll_percentages(multi) == std::vector<int>{100, 33, 0});
}

// validate_command calls validate_poll_draft with now_ms = 0: the lifetime check
// waits for the server's clock.
TEST_CASE("[polls] a SendMessage with a poll deadline passes the command check") {
  // validate_command runs validate_poll_draft with now = 0 ("checked against the
  // server's clock when stored"); a real deadline must not look "too far away".
  pb::ClientFrame f;
  auto* cmd = f.mutable_send_message();
  cmd->set_chat_id(1);
  cmd->set_client_id("c-1");
  cmd->set_text("Когда?");
  *cmd->mutable_poll() = draft({"Сегодня", "Завтра"});
  cmd->mutable_poll()->set_deadline_ms(kNow + 86'400'000);
  CHECK(validate_command(f).is_ok());
}
