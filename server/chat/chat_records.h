// The chat domain's records: messages (with replies, polls, votes), chats with
// their settings and members, history pages and search rows. What the chat
// repositories (chat_repository.h, message_repository.h, search_repository.h)
// read and write, whatever database is behind them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.h"
#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta::server {

// What a reply shows of the message it answers (read with the reply).
struct ReplyRecord {
  std::uint64_t seq = 0;
  UserId sender;
  std::string sender_name;
  std::string text;  // empty once deleted
  bool deleted = false;
};

// One vote: a voter's chosen option (a multiple-choice voter has several rows).
struct VoteRecord {
  UserId user;
  std::uint32_t option = 0;
};

// A message in its current state (edited, deleted, pinned, its poll and votes).
struct MessageRecord {
  ChatId chat;
  std::uint64_t seq = 0;
  UserId sender;
  std::string sender_name;
  std::string client_id;
  std::string text;  // empty once deleted
  std::int64_t sent_at_ms = 0;
  std::uint64_t reply_to_seq = 0;
  std::optional<ReplyRecord> reply;  // when reply_to_seq names a message
  std::int64_t edited_at_ms = 0;
  bool deleted = false;
  std::uint64_t pinned_seq = 0;  // the seq of the pin event (newest pin first); 0: not pinned
  std::vector<std::int64_t> mention_ids;
  std::string poll;               // a serialized pb::PollDraft; empty: not a poll
  bool poll_closed = false;       // closed by hand (a deadline is in the draft)
  std::vector<VoteRecord> votes;  // polls: every vote
  std::uint64_t changed_seq = 0;  // the latest event that touched it (>= seq)

  bool is_poll() const { return !poll.empty(); }
};

// What append_message stores.
struct NewMessage {
  ChatId chat;
  UserId sender;
  std::string client_id;
  std::string text;
  std::int64_t now_ms = 0;
  std::uint64_t reply_to_seq = 0;  // checked by the caller: a message of the same chat
  std::vector<std::int64_t> mention_ids;
  std::string poll;  // a serialized, validated pb::PollDraft; empty: none
};

struct AppendResult {
  MessageRecord message;
  bool created = false;  // false: the (sender, client_id) was already stored
};

// One member's place in one chat, with what the platform shows of them.
struct ChatMemberRecord {
  UserRecord user;                                // as seen in the chat's organization
  pb::ChatRole role = pb::CHAT_ROLE_UNSPECIFIED;  // as stored: UNSPECIFIED = the default for the org role
  bool muted = false;
  std::uint64_t read_seq = 0;
};

// A chat with its settings and members: what permission checks and chat_changed need.
struct ChatAccess {
  ChatId id;
  OrgId org;
  pb::ChatKind kind = pb::CHAT_KIND_UNSPECIFIED;
  std::string title;  // as stored; direct chats have none
  pb::PostPolicy post_policy = pb::POST_POLICY_ALL;
  pb::PollPolicy poll_policy = pb::POLL_POLICY_MODERATORS;
  UserId owner;
  std::uint64_t last_seq = 0;             // newest event seq
  std::uint64_t changed_seq = 0;          // newest settings/members event (0: none)
  std::vector<ChatMemberRecord> members;  // by user id

  const ChatMemberRecord* find(UserId user) const {
    for (const auto& m : members) {
      if (m.user.id == user) return &m;
    }
    return nullptr;
  }
  std::vector<UserId> member_ids() const {
    std::vector<UserId> out;
    out.reserve(members.size());
    for (const auto& m : members) out.push_back(m.user.id);
    return out;
  }
};

struct NewChat {
  OrgId org;
  pb::ChatKind kind = pb::CHAT_KIND_GROUP;
  std::string title;
  std::vector<UserId> members;
  UserId owner;  // stored as CHAT_ROLE_OWNER (must be among members); invalid: none
  pb::PostPolicy post_policy = pb::POST_POLICY_ALL;
  pb::PollPolicy poll_policy = pb::POLL_POLICY_MODERATORS;
};

// One chat as seen by one member.
struct ChatSummary {
  ChatAccess chat;
  std::uint64_t read_seq = 0;
  std::uint32_t unread_count = 0;             // messages from others after read_seq (not deleted)
  std::optional<MessageRecord> last_message;  // the newest message not deleted
  std::vector<std::uint64_t> pinned_seqs;     // newest pin first
};

struct HistoryPage {
  // Pages: ascending by seq. Catch-up: ascending by changed_seq (each message once).
  std::vector<MessageRecord> messages;
  bool has_more = false;
  std::uint64_t last_seq = 0;  // the chat's newest event seq when read
  // Catch-up: the chat's settings/members event when it falls after the cursor
  // and inside this page (0: none).
  std::uint64_t chat_changed_seq = 0;
};

struct HistoryQuery {
  ChatId chat;
  std::uint64_t before_seq = 0;  // 0: from the end
  std::uint64_t after_seq = 0;   // > 0: catch-up, the events after it (collapsed per message)
  std::uint32_t limit = 50;      // already clamped by the caller
};

struct ReadPosition {
  std::uint64_t read_seq = 0;
  bool changed = false;
};

struct SearchQuery {
  UserId user;                 // only chats this user is a member of
  ChatId chat;                 // invalid: every chat of the user
  std::string match;           // an FTS5 expression over folded text (search_service builds it)
  std::int64_t before_id = 0;  // 0: from the newest
  std::uint32_t limit = 20;
};

struct SearchRow {
  std::int64_t id = 0;  // paging key (SearchResults.next_before_id)
  MessageRecord message;
};

// A chat without its members: which organization it belongs to (find_chat).
struct ChatInfo {
  ChatId id;
  OrgId org;
  pb::ChatKind kind = pb::CHAT_KIND_UNSPECIFIED;
  std::string title;
};

}  // namespace parta::server
