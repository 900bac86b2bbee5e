// Chats and messages: the caller's chat list, history pages, sending (durable,
// then fanned out to every member's sessions) and read positions.
#pragma once

#include <functional>

#include "server/hub.h"
#include "server/storage/commit_queue.h"
#include "server/storage/storage.h"

namespace parta::server {

struct SendOutcome {
  pb::MessageSent reply;
  MessageRecord stored;
  bool created = false;  // false for a retried client_id: nothing new to announce
  std::vector<UserId> members;  // the chat's members, when created (send_message_durable)
};

class ChatService {
 public:
  // With `commits`, messages are stored by the storage thread (group commit).
  ChatService(Storage& storage, Hub& hub, CommitQueue* commits = nullptr)
      : storage_(storage), hub_(hub), commits_(commits) {}

  Result<pb::ChatList> list_chats(UserId user);
  Result<pb::History> history(UserId user, const pb::GetHistory& command);
  // Stores the message (or finds the stored one for a retried client_id).
  Result<SendOutcome> send_message(UserId sender, const pb::SendMessage& command, std::int64_t now_ms);
  // The same through the commit queue: the membership check and the append run
  // on the storage thread, and `done` runs on the I/O thread once the message is
  // durable (at once, synchronously, without a queue).
  using SendDone = std::function<void(Result<SendOutcome>)>;
  void send_message_durable(UserId sender, const pb::SendMessage& command, std::int64_t now_ms, SendDone done);
  // Pushes MessageAdded to every session of every member except `origin`.
  void announce_message(const MessageRecord& message, const Peer* origin);
  void announce_message(const MessageRecord& message, const std::vector<UserId>& members, const Peer* origin);
  // Moves the read position; other sessions of the caller hear about it.
  Status mark_read(Peer& peer, const pb::MarkRead& command);

 private:
  Status require_member(ChatId chat, UserId user);

  Storage& storage_;
  Hub& hub_;
  CommitQueue* commits_;
};

}  // namespace parta::server
