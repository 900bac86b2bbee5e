// Polls: the rules and the tally, shared by the server (which stores drafts and
// votes and builds each viewer's Poll) and the client (which validates before
// sending and draws the bars). Pure: time and viewers are passed in.
#pragma once

#include <cstdint>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta {

struct PollVote {
  UserId user;
  std::uint32_t option = 0;
};

// Options (2..kMaxPollOptions non-empty lines, no duplicates after case
// folding), the question (the message text), quiz rules (single choice, a
// correct option in range), and a deadline in the future (or 0).
Status validate_poll_draft(const pb::PollDraft& draft, std::string_view question, std::int64_t now_ms);

// Closed by hand, or past its deadline at now_ms.
bool poll_closed(bool closed_by_hand, std::int64_t deadline_ms, std::int64_t now_ms);

// The viewer's Poll: counts per option, distinct voters, the viewer's own
// choices, voter ids per option (named polls, the creator only), and the quiz
// answer (for the creator, after the viewer voted, or once closed).
pb::Poll tally_poll(const pb::PollDraft& draft, bool closed_by_hand, const std::vector<PollVote>& votes,
                    UserId viewer, UserId creator, std::int64_t now_ms);

// Checks one vote against the poll as the voter sees it (tally_poll for them):
// POLL_CLOSED, ALREADY_VOTED (a vote that may not change), INVALID_ARGUMENT
// (an option out of range, a repeated option, several options in a
// single-choice poll, or withdrawing a vote that may not change).
Status validate_vote(const pb::Poll& poll, const std::vector<std::uint32_t>& choices);

// Each option's share of the voters, in whole percent (bars and labels). For
// single-choice polls the shares add up to 100 (largest remainder).
std::vector<int> poll_percentages(const pb::Poll& poll);

}  // namespace parta
