// Chats and messages: the caller's chat list, history pages, sending (durable,
// then fanned out to every member's sessions) and read positions.
#pragma once

#include "server/hub.h"
#include "server/storage/storage.h"

namespace parta::server {

struct SendOutcome {
  pb::MessageSent reply;
  MessageRecord stored;
  bool created = false;  // false for a retried client_id: nothing new to announce
};

class ChatService {
 public:
  ChatService(Storage& storage, Hub& hub) : storage_(storage), hub_(hub) {}

  Result<pb::ChatList> list_chats(UserId user);
  Result<pb::History> history(UserId user, const pb::GetHistory& command);
  // Stores the message (or finds the stored one for a retried client_id).
  Result<SendOutcome> send_message(UserId sender, const pb::SendMessage& command, std::int64_t now_ms);
  // Pushes MessageAdded to every session of every member except `origin`.
  void announce_message(const MessageRecord& message, const Peer* origin);
  // Moves the read position; other sessions of the caller hear about it.
  Status mark_read(Peer& peer, const pb::MarkRead& command);

 private:
  Status require_member(ChatId chat, UserId user);

  Storage& storage_;
  Hub& hub_;
};

}  // namespace parta::server
