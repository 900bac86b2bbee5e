// Changes to stored messages: edit, delete, pin (message_service.cpp) and poll
// votes and closing (poll_service.cpp). Each is checked with parta::check_chat
// (votes also with parta::validate_vote), stored durably through ChatWriter
// with the chat's next event seq, and answered with the message's new state;
// the caller fans out ChatEvent.message_changed after the reply.
#pragma once

#include <functional>

#include "server/chat/chat_writer.h"

namespace parta::server {

struct ChangeOutcome {
  MessageRecord message;        // the current state
  std::uint64_t event_seq = 0;  // the change's seq (0: nothing changed, e.g. a repeated delete)
  std::vector<UserId> members;  // when changed: who hears about it
};

class MessageService {
 public:
  explicit MessageService(ChatWriter& writer) : writer_(writer) {}

  using Done = std::function<void(Result<ChangeOutcome>)>;
  void edit(UserId user, const pb::EditMessage& command, std::int64_t now_ms, Done done);
  void remove(UserId user, const pb::DeleteMessage& command, std::int64_t now_ms, Done done);
  void pin(UserId user, const pb::PinMessage& command, std::int64_t now_ms, Done done);
  // poll_service.cpp
  void vote(UserId user, const pb::VotePoll& command, std::int64_t now_ms, Done done);
  void close_poll(UserId user, const pb::ClosePoll& command, std::int64_t now_ms, Done done);

  // What every change starts with: a member acting on a message that exists.
  struct Subject {
    ChatActor actor;
    ChatTarget target;  // with the message's author, time and kind
    MessageRecord message;
  };
  static Result<Subject> load(MessageRepository& storage, const ChatAccess* chat, UserId user, std::uint64_t seq,
                              std::int64_t now_ms);
  // The outcome of a stored change (or of none, when `changed` is empty).
  static Result<ChangeOutcome> outcome(const ChatAccess& chat, Result<MessageRecord> changed);
  static ChangeOutcome unchanged(MessageRecord message);

 private:
  ChatWriter& writer_;
};

}  // namespace parta::server
