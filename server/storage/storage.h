// The storage interface: everything the services need from a database. SQLite
// implements it today (sqlite_storage.h); PostgreSQL can later, behind the same
// calls. Failures are Status/Result values with ERROR_INTERNAL (details go to the log).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/ids.h"
#include "shared/result.h"

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

struct MessageRecord {
  ChatId chat;
  std::uint64_t seq = 0;
  UserId sender;
  std::string sender_name;
  std::string client_id;
  std::string text;
  std::int64_t sent_at_ms = 0;
};

struct AppendResult {
  MessageRecord message;
  bool created = false;  // false: the (sender, client_id) was already stored
};

// One chat as seen by one member.
struct ChatSummary {
  ChatId id;
  pb::ChatKind kind = pb::CHAT_KIND_UNSPECIFIED;
  std::string title;  // as stored; direct chats have none
  std::uint64_t last_seq = 0;
  std::uint64_t read_seq = 0;
  std::uint32_t unread_count = 0;  // from others, after read_seq
  std::optional<MessageRecord> last_message;
  std::vector<UserRecord> members;
};

struct HistoryPage {
  std::vector<MessageRecord> messages;  // ascending by seq
  bool has_more = false;
};

struct HistoryQuery {
  ChatId chat;
  std::uint64_t before_seq = 0;  // 0: from the end
  std::uint64_t after_seq = 0;   // > 0: catch-up, ascending from after_seq + 1
  std::uint32_t limit = 50;      // already clamped by the caller
};

struct ReadPosition {
  std::uint64_t read_seq = 0;
  bool changed = false;
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
  virtual Result<ChatId> create_chat(OrgId org, pb::ChatKind kind, const std::string& title,
                                     const std::vector<UserId>& members) = 0;
  virtual Result<bool> is_member(ChatId chat, UserId user) = 0;
  virtual Result<std::vector<UserId>> chat_member_ids(ChatId chat) = 0;
  // The user's chats, newest activity first.
  virtual Result<std::vector<ChatSummary>> list_chats(UserId user) = 0;

  // Messages. append_message gives the next seq in one transaction and dedupes on
  // (sender, client_id): a retry returns the stored message and adds nothing.
  virtual Result<AppendResult> append_message(ChatId chat, UserId sender, const std::string& client_id,
                                              const std::string& text, std::int64_t now_ms) = 0;
  virtual Result<HistoryPage> history(const HistoryQuery& query) = 0;
  // read_seq = max(read_seq, min(seq, last_seq)).
  virtual Result<ReadPosition> mark_read(ChatId chat, UserId user, std::uint64_t seq) = 0;
};

}  // namespace parta::server
