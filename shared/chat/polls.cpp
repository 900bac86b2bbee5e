// Poll rules and tally; see polls.h.
#include "shared/chat/polls.h"

#include <algorithm>
#include <set>
#include <string>

#include "shared/core/text.h"
#include "shared/core/validation.h"

namespace parta {

Status validate_poll_draft(const pb::PollDraft& draft, std::string_view question, std::int64_t now_ms) {
  if (auto s = validate_line(question, kMaxPollQuestionChars, "question"); !s) return s;
  const std::size_t n = static_cast<std::size_t>(draft.options_size());
  if (n < kMinPollOptions || n > kMaxPollOptions) {
    return {pb::ERROR_INVALID_ARGUMENT, "a poll has 2 to 10 options"};
  }
  std::set<std::string> seen;
  for (const auto& option : draft.options()) {
    if (auto s = validate_line(option, kMaxPollOptionChars, "option"); !s) return s;
    if (!seen.insert(fold_for_search(option)).second) return {pb::ERROR_INVALID_ARGUMENT, "two options are the same"};
  }
  if (draft.quiz()) {
    if (draft.multiple()) return {pb::ERROR_INVALID_ARGUMENT, "a quiz has one correct answer: single choice"};
    if (draft.correct_option() >= n) return {pb::ERROR_INVALID_ARGUMENT, "the correct option is out of range"};
  } else if (draft.correct_option() != 0) {
    return {pb::ERROR_INVALID_ARGUMENT, "only a quiz has a correct option"};
  }
  if (draft.deadline_ms() < 0 || (draft.deadline_ms() > 0 && draft.deadline_ms() <= now_ms)) {
    return {pb::ERROR_INVALID_ARGUMENT, "the deadline must be in the future"};
  }
  if (now_ms > 0 && draft.deadline_ms() > 0 && draft.deadline_ms() - now_ms > kMaxPollLifetimeMs) {
    return {pb::ERROR_INVALID_ARGUMENT, "the deadline is too far away"};
  }
  return Status::ok();
}

bool poll_closed(bool closed_by_hand, std::int64_t deadline_ms, std::int64_t now_ms) {
  return closed_by_hand || (deadline_ms > 0 && now_ms >= deadline_ms);
}

pb::Poll tally_poll(const pb::PollDraft& draft, bool closed_by_hand, const std::vector<PollVote>& votes,
                    UserId viewer, UserId creator, std::int64_t now_ms) {
  pb::Poll poll;
  poll.set_multiple(draft.multiple());
  poll.set_anonymous(draft.anonymous());
  poll.set_allow_change(draft.allow_change());
  poll.set_deadline_ms(draft.deadline_ms());
  poll.set_closed(poll_closed(closed_by_hand, draft.deadline_ms(), now_ms));
  poll.set_quiz(draft.quiz());
  for (const auto& text : draft.options()) poll.add_options()->set_text(text);
  const bool named_for_viewer = !draft.anonymous() && viewer.valid() && viewer == creator;
  std::set<std::int64_t> voters;
  for (const PollVote& vote : votes) {
    if (vote.option >= static_cast<std::uint32_t>(poll.options_size())) continue;  // never trust stored input blindly
    pb::PollOption* option = poll.mutable_options(static_cast<int>(vote.option));
    option->set_votes(option->votes() + 1);
    if (named_for_viewer) option->add_voter_ids(vote.user.get());
    voters.insert(vote.user.get());
    if (viewer.valid() && vote.user == viewer) poll.add_my_choices(vote.option);
  }
  poll.set_voters(static_cast<std::uint32_t>(voters.size()));
  std::sort(poll.mutable_my_choices()->begin(), poll.mutable_my_choices()->end());
  const bool reveal = draft.quiz() && ((viewer.valid() && viewer == creator) || poll.my_choices_size() > 0 || poll.closed());
  poll.set_correct_option(reveal ? static_cast<std::int32_t>(draft.correct_option()) : -1);
  return poll;
}

Status validate_vote(const pb::Poll& poll, const std::vector<std::uint32_t>& choices) {
  if (poll.closed()) return {pb::ERROR_POLL_CLOSED, "the poll is closed"};
  const bool voted = poll.my_choices_size() > 0;
  if (voted && !poll.allow_change()) return {pb::ERROR_ALREADY_VOTED, "this poll does not allow changing a vote"};
  if (choices.empty()) {
    if (!voted) return {pb::ERROR_INVALID_ARGUMENT, "choose an option"};
    return Status::ok();  // withdraw
  }
  if (!poll.multiple() && choices.size() > 1) return {pb::ERROR_INVALID_ARGUMENT, "one option only"};
  std::set<std::uint32_t> seen;
  for (std::uint32_t c : choices) {
    if (c >= static_cast<std::uint32_t>(poll.options_size())) return {pb::ERROR_INVALID_ARGUMENT, "no such option"};
    if (!seen.insert(c).second) return {pb::ERROR_INVALID_ARGUMENT, "an option chosen twice"};
  }
  return Status::ok();
}

std::vector<int> poll_percentages(const pb::Poll& poll) {
  const int n = poll.options_size();
  std::vector<int> out(static_cast<std::size_t>(n), 0);
  if (poll.voters() == 0) return out;
  if (poll.multiple()) {
    for (int i = 0; i < n; ++i) {
      out[i] = static_cast<int>((100ULL * poll.options(i).votes() + poll.voters() / 2) / poll.voters());
    }
    return out;
  }
  // Largest remainder: floors first, then the biggest remainders get +1 until 100.
  std::uint64_t total = 0;
  for (int i = 0; i < n; ++i) total += poll.options(i).votes();
  if (total == 0) return out;
  std::vector<std::pair<std::uint64_t, int>> remainders;
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    const std::uint64_t scaled = 100ULL * poll.options(i).votes();
    out[i] = static_cast<int>(scaled / total);
    sum += out[i];
    remainders.emplace_back(scaled % total, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; sum < 100 && k < remainders.size(); ++k, ++sum) ++out[remainders[k].second];
  return out;
}

}  // namespace parta
