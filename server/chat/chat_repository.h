// Chats as stored: creation, membership, settings, roles, mutes and read
// positions. The chat domain's first repository; SQLite implements it
// (SqliteStorage, sqlite_chats.cpp). Failures are ERROR_INTERNAL (details go to
// the log) unless a method names another code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/chat/chat_records.h"

namespace parta::server {

class ChatRepository {
 public:
  virtual ~ChatRepository() = default;

  virtual Result<ChatId> create_chat(const NewChat& chat) = 0;
  Result<ChatId> create_chat(OrgId org, pb::ChatKind kind, const std::string& title,
                             const std::vector<UserId>& members) {
    NewChat chat;
    chat.org = org;
    chat.kind = kind;
    chat.title = title;
    chat.members = members;
    return create_chat(chat);
  }
  virtual Result<bool> is_member(ChatId chat, UserId user) = 0;
  virtual Result<std::vector<UserId>> chat_member_ids(ChatId chat) = 0;
  // The chat with settings and members; empty when there is no such chat.
  virtual Result<std::optional<ChatAccess>> chat_access(ChatId chat) = 0;
  // The chat's organization, kind and title, without its members.
  virtual Result<std::optional<ChatInfo>> find_chat(ChatId chat) = 0;
  // The user's chats, newest activity first.
  virtual Result<std::vector<ChatSummary>> list_chats(UserId user) = 0;
  // read_seq = max(read_seq, min(seq, last_seq)).
  virtual Result<ReadPosition> mark_read(ChatId chat, UserId user, std::uint64_t seq) = 0;

  // Changes to a chat's settings and members: each takes the next event seq
  // (the chat's changed_seq) and returns it.
  virtual Result<std::uint64_t> set_chat_settings(ChatId chat, pb::PostPolicy post, pb::PollPolicy poll) = 0;
  virtual Result<std::uint64_t> set_chat_member_role(ChatId chat, UserId user, pb::ChatRole role) = 0;
  virtual Result<std::uint64_t> set_chat_member_muted(ChatId chat, UserId user, bool muted) = 0;
  virtual Result<std::uint64_t> remove_chat_member(ChatId chat, UserId user) = 0;
};

}  // namespace parta::server
