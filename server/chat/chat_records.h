// The storage interface: everything the services need from a database. SQLite
// implements it today (sqlite_storage.h); PostgreSQL can later, behind the same
// calls. Failures are Status/Result values with ERROR_INTERNAL (details go to the log).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta::server {

// What the platform may show about a person (never the login).
struct UserRecord {
  UserId id;
  OrgId org;
  pb::Role role = pb::ROLE_UNSPECIFIED;
  std::string display_name;
  bool verified_teacher = false;
  std::string class_name;  // empty when the user has no class
};

struct NewUser {
  OrgId org;
  std::optional<ClassId> class_id;
  pb::Role role = pb::ROLE_UNSPECIFIED;
  std::string display_name;
  std::string login;          // normalized (normalize_login)
  std::string password_hash;  // argon2id string
  bool verified_teacher = false;
};

struct Credentials {
  UserId user;
  std::string password_hash;
};

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

class Storage {
 public:
  virtual ~Storage() = default;

  // Organizations and people.
  virtual Result<std::int64_t> count_orgs() = 0;
  virtual Result<OrgId> create_org(const std::string& name) = 0;
  virtual Result<ClassId> create_class(OrgId org, const std::string& name) = 0;
  virtual Result<UserId> create_user(const NewUser& user) = 0;
  virtual Result<std::optional<Credentials>> find_credentials(const std::string& normalized_login) = 0;
  virtual Result<std::optional<UserRecord>> find_user(UserId user) = 0;

  // Sessions, keyed by a hash of the token.
  virtual Status create_session(const std::string& token_hash, UserId user, std::int64_t now_ms,
                                std::int64_t expires_at_ms) = 0;
  // The session's user if it exists and has not expired at now_ms.
  virtual Result<std::optional<UserId>> find_session(const std::string& token_hash, std::int64_t now_ms) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  // Housekeeping at start-up: forget sessions that expired before now_ms.
  virtual Status delete_expired_sessions(std::int64_t now_ms) = 0;

  // Chats.
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
  // The user's chats, newest activity first.
  virtual Result<std::vector<ChatSummary>> list_chats(UserId user) = 0;

  // Messages. append_message gives the next seq in one transaction and dedupes on
  // (sender, client_id): a retry returns the stored message and adds nothing.
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
  // read_seq = max(read_seq, min(seq, last_seq)).
  virtual Result<ReadPosition> mark_read(ChatId chat, UserId user, std::uint64_t seq) = 0;

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

  // Changes to a chat's settings and members: each takes the next event seq
  // (the chat's changed_seq) and returns it.
  virtual Result<std::uint64_t> set_chat_settings(ChatId chat, pb::PostPolicy post, pb::PollPolicy poll) = 0;
  virtual Result<std::uint64_t> set_chat_member_role(ChatId chat, UserId user, pb::ChatRole role) = 0;
  virtual Result<std::uint64_t> set_chat_member_muted(ChatId chat, UserId user, bool muted) = 0;
  virtual Result<std::uint64_t> remove_chat_member(ChatId chat, UserId user) = 0;

  // Full-text search over folded text, newest first, in the user's chats only.
  virtual Result<std::vector<SearchRow>> search_messages(const SearchQuery& query) = 0;
};

}  // namespace parta::server
