// Messages as stored: append (deduped on the sender's client_id), reads,
// history pages and catch-up, edits, deletes, pins, poll votes and closing.
// SQLite implements it (SqliteStorage, sqlite_messages.cpp, sqlite_polls.cpp).
// Writes normally run inside a group commit (ChatWriter, chat_writer.h), where
// a ChatWriteScope hands out the writer connection's repository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/chat/chat_records.h"

namespace parta::server {

class MessageRepository {
 public:
  virtual ~MessageRepository() = default;

  // Gives the next seq in one transaction and dedupes on (sender, client_id):
  // a retry returns the stored message and adds nothing.
  virtual Result<AppendResult> append_message(const NewMessage& message) = 0;
  Result<AppendResult> append_message(ChatId chat, UserId sender, const std::string& client_id, const std::string& text,
                                      std::int64_t now_ms) {
    NewMessage m;
    m.chat = chat;
    m.sender = sender;
    m.client_id = client_id;
    m.text = text;
    m.now_ms = now_ms;
    return append_message(m);
  }
  virtual Result<std::optional<MessageRecord>> message_by_client_id(UserId sender, const std::string& client_id) = 0;
  virtual Result<std::optional<MessageRecord>> find_message(ChatId chat, std::uint64_t seq) = 0;
  virtual Result<HistoryPage> history(const HistoryQuery& query) = 0;

  // Changes to a stored message. Each takes the chat's next event seq (the
  // message's changed_seq) and returns the message's new state. The caller has
  // checked the permission and that the message exists.
  virtual Result<MessageRecord> edit_message(ChatId chat, std::uint64_t seq, const std::string& text,
                                             const std::vector<std::int64_t>& mention_ids, std::int64_t now_ms) = 0;
  // Drops the text, the mentions, the pin and the search entry.
  virtual Result<MessageRecord> delete_message(ChatId chat, std::uint64_t seq) = 0;
  virtual Result<MessageRecord> set_pinned(ChatId chat, std::uint64_t seq, bool pinned) = 0;
  // Replaces the user's vote (empty choices: withdraws it).
  virtual Result<MessageRecord> set_vote(ChatId chat, std::uint64_t seq, UserId user,
                                         const std::vector<std::uint32_t>& choices) = 0;
  virtual Result<MessageRecord> close_poll(ChatId chat, std::uint64_t seq) = 0;
};

// What a piece of a group commit sees (CommitWriter<ChatWriteScope>,
// server/storage/commit_writer.h): the writer connection's messages, inside the
// batch's transaction, and the chats it reads, cached by the writer.
class ChatWriteScope {
 public:
  virtual MessageRepository& messages() = 0;
  // The chat's settings, members, roles and mutes (null: no such chat, or it
  // cannot be read). Cached across batches while no other connection has
  // committed anything, so changes made elsewhere are always seen. Pieces must
  // not change these themselves.
  virtual const ChatAccess* chat_access(ChatId chat) = 0;

 protected:
  ~ChatWriteScope() = default;
};

}  // namespace parta::server
