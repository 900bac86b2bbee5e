// Storage on SQLite: data_dir/parta.db in WAL mode, schema migrations in
// schema_version. All calls are synchronous and made from the I/O thread; that
// is fine for one school at a time (each commit is a WAL append, no fsync with
// synchronous=NORMAL). Messages go through CommitQueue instead: a storage thread
// with its own connection and group commit.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "server/storage/sqlite_db.h"
#include "server/storage/storage.h"

namespace parta::server {

class SqliteStorage final : public Storage {
 public:
  // Opens or creates the database file and migrates it to the newest schema.
  static Result<std::unique_ptr<SqliteStorage>> open(const std::string& path);

  Result<std::int64_t> count_orgs() override;
  Result<OrgId> create_org(const std::string& name) override;
  Result<ClassId> create_class(OrgId org, const std::string& name) override;
  Result<UserId> create_user(const NewUser& user) override;
  Result<std::optional<Credentials>> find_credentials(const std::string& normalized_login) override;
  Result<std::optional<UserRecord>> find_user(UserId user) override;

  Status create_session(const std::string& token_hash, UserId user, std::int64_t now_ms,
                        std::int64_t expires_at_ms) override;
  Result<std::optional<UserId>> find_session(const std::string& token_hash, std::int64_t now_ms) override;
  Status delete_session(const std::string& token_hash) override;
  Status delete_expired_sessions(std::int64_t now_ms) override;

  // The connection, for the other SQLite stores of this database (SqliteOrgStore).
  SqliteDb& db() { return *db_; }

  // Group commit (commit_queue.h): runs `body` in one transaction; the calls it
  // makes nest as savepoints. Not part of Storage: a SQLite detail.
  Status run_batch(const std::function<void()>& body);

  // sqlite_chats.cpp
  Result<ChatId> create_chat(OrgId org, pb::ChatKind kind, const std::string& title,
                             const std::vector<UserId>& members) override;
  Result<bool> is_member(ChatId chat, UserId user) override;
  Result<std::vector<UserId>> chat_member_ids(ChatId chat) override;
  Result<std::vector<ChatSummary>> list_chats(UserId user) override;
  Result<AppendResult> append_message(ChatId chat, UserId sender, const std::string& client_id, const std::string& text,
                                      std::int64_t now_ms) override;
  Result<HistoryPage> history(const HistoryQuery& query) override;
  Result<ReadPosition> mark_read(ChatId chat, UserId user, std::uint64_t seq) override;

 private:
  explicit SqliteStorage(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Status migrate();
  Result<std::uint64_t> last_seq(ChatId chat);
  Result<std::optional<MessageRecord>> message_by_client_id(UserId sender, const std::string& client_id);
  Result<std::vector<UserRecord>> members_of(ChatId chat);

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace parta::server
