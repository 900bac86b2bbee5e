// Chat moderation: settings (who posts, who creates polls), member roles, mutes
// and removal. Rare, so they run on the I/O thread's connection (the commit
// queue sees the change at its next batch, PRAGMA data_version). Permissions:
// parta::check_chat only. Each change takes the chat's next event seq.
#pragma once

#include "server/chat/chat_repository.h"

namespace parta::server {

struct AdminOutcome {
  std::uint64_t seq = 0;  // the chat_changed event
  ChatAccess chat;        // the chat after the change (settings, members)
  UserId removed;         // RemoveChatMember: who lost access
};

class ChatAdminService {
 public:
  explicit ChatAdminService(ChatRepository& chats) : chats_(chats) {}

  Result<AdminOutcome> set_settings(UserId user, const pb::SetChatSettings& command, std::int64_t now_ms);
  Result<AdminOutcome> set_role(UserId user, const pb::SetChatMemberRole& command, std::int64_t now_ms);
  Result<AdminOutcome> mute(UserId user, const pb::MuteChatMember& command, std::int64_t now_ms);
  Result<AdminOutcome> remove(UserId user, const pb::RemoveChatMember& command, std::int64_t now_ms);

 private:
  // Reads the chat and checks `action` by `user` (on `subject`, when valid).
  Result<ChatAccess> check(ChatId chat, UserId user, int action, UserId subject, pb::ChatRole new_role,
                           std::int64_t now_ms);
  Result<AdminOutcome> finish(ChatId chat, Result<std::uint64_t> seq);

  ChatRepository& chats_;
};

}  // namespace parta::server
