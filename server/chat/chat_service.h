// Chats and messages: the caller's chat list, history pages and catch-up,
// sending (replies, mentions, polls; durable, then fanned out to every member's
// sessions), read positions and typing.
#pragma once

#include <functional>

#include "server/auth/user_repository.h"
#include "server/chat/chat_fanout.h"
#include "server/chat/chat_repository.h"
#include "server/chat/chat_writer.h"
#include "server/chat/message_repository.h"
#include "server/net/bus.h"

namespace parta::server {

struct SendOutcome {
  pb::MessageSent reply;
  MessageRecord stored;
  bool created = false;         // false for a retried client_id: nothing new to announce
  std::vector<UserId> members;  // the chat's members, when created
};

inline constexpr std::int64_t kTypingMinIntervalMs = 1000;  // per session and chat; more are ignored

class ChatService {
 public:
  // With `commits`, messages are stored by the group-commit writer (its own
  // connection and thread); without, at once through `messages`.
  ChatService(ChatRepository& chats, MessageRepository& messages, UserRepository& users, Bus& bus,
              ChatCommitWriter* commits = nullptr)
      : chats_(chats), messages_(messages), users_(users), fanout_(bus), writer_(chats, messages, commits) {}

  Result<pb::ChatList> list_chats(UserId user);
  // Pages (before_seq), or catch-up (after_seq): events, or a snapshot when too much was missed.
  Result<pb::History> history(UserId user, const pb::GetHistory& command);
  // Checks and stores the message (or finds the stored one for a retried
  // client_id) on the storage thread; `done` runs on the I/O thread once it is
  // durable (at once, synchronously, without a queue).
  using SendDone = std::function<void(Result<SendOutcome>)>;
  void send_message_durable(UserId sender, const pb::SendMessage& command, std::int64_t now_ms, SendDone done);
  // Pushes MessageAdded to every session of every member except `origin`.
  void announce_message(const MessageRecord& message, const std::vector<UserId>& members, const Peer* origin);
  // Moves the read position; the caller's other sessions and the chat's other
  // members hear about it (ReadPositionChanged with user_id).
  Status mark_read(Peer& peer, const pb::MarkRead& command);
  // Typing{chat, user, name} to the chat's other members online (not stored).
  Status set_typing(Peer& peer, const pb::SetTyping& command, std::int64_t now_ms);

  ChatFanout& fanout() { return fanout_; }
  ChatWriter& writer() { return writer_; }

 private:
  Status require_member(ChatId chat, UserId user);
  void to_wire_chat(const ChatSummary& summary, UserId user, std::int64_t now_ms, pb::Chat* chat);

  ChatRepository& chats_;
  MessageRepository& messages_;  // reads on the I/O thread; writes go through writer_
  UserRepository& users_;
  ChatFanout fanout_;
  ChatWriter writer_;
};

}  // namespace parta::server
