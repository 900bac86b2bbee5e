// MessageService: poll votes and closing a poll. Every Poll is built with
// parta::tally_poll and every vote checked with parta::validate_vote.
#include "server/chat/message_service.h"
#include "shared/chat/polls.h"

namespace parta::server {

namespace {

// The poll as `viewer` sees it now (what validate_vote checks against).
Result<pb::Poll> poll_for(const MessageRecord& message, UserId viewer, std::int64_t now_ms) {
  if (!message.is_poll() || message.deleted) return Status(pb::ERROR_INVALID_ARGUMENT, "not a poll");
  pb::PollDraft draft;
  if (!draft.ParseFromString(message.poll)) return Status(pb::ERROR_INTERNAL, "stored poll does not parse");
  std::vector<PollVote> votes;
  votes.reserve(message.votes.size());
  for (const VoteRecord& v : message.votes) votes.push_back(PollVote{v.user, v.option});
  return tally_poll(draft, message.poll_closed, votes, viewer, message.sender, now_ms);
}

}  // namespace

void MessageService::vote(UserId user, const pb::VotePoll& command, std::int64_t now_ms, Done done) {
  const std::uint64_t seq = command.seq();
  std::vector<std::uint32_t> choices(command.choices().begin(), command.choices().end());
  writer_.run<ChangeOutcome>(
      ChatId(command.chat_id()),
      [seq, choices = std::move(choices), user, now_ms](MessageRepository& storage,
                                                        const ChatAccess* chat) -> Result<ChangeOutcome> {
        auto subject = load(storage, chat, user, seq, now_ms);
        if (!subject) return subject.status();
        if (auto s = check_chat(subject->actor, ChatAction::Vote, subject->target); !s) return s;
        auto poll = poll_for(subject->message, user, now_ms);
        if (!poll) return poll.status();
        if (auto s = validate_vote(poll.value(), choices); !s) return s;
        return outcome(*chat, storage.set_vote(chat->id, seq, user, choices));
      },
      std::move(done));
}

void MessageService::close_poll(UserId user, const pb::ClosePoll& command, std::int64_t now_ms, Done done) {
  const std::uint64_t seq = command.seq();
  writer_.run<ChangeOutcome>(
      ChatId(command.chat_id()),
      [seq, user, now_ms](MessageRepository& storage, const ChatAccess* chat) -> Result<ChangeOutcome> {
        auto subject = load(storage, chat, user, seq, now_ms);
        if (!subject) return subject.status();
        if (auto s = check_chat(subject->actor, ChatAction::ClosePoll, subject->target); !s) return s;
        auto poll = poll_for(subject->message, user, now_ms);
        if (!poll) return poll.status();
        if (poll->closed()) return unchanged(std::move(subject->message));  // by hand before, or past its deadline
        return outcome(*chat, storage.close_poll(chat->id, seq));
      },
      std::move(done));
}

}  // namespace parta::server
