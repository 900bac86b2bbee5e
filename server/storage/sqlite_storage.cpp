// SqliteStorage: opening, schema migrations and group-commit batches.
// Chats are in sqlite_chats.cpp, messages in sqlite_messages.cpp, polls in
// sqlite_polls.cpp, the search index in sqlite_search.cpp.
#include "server/storage/sqlite_storage.h"

#include "server/app/log.h"
#include "server/storage/sqlite_schema_v2.h"
#include "server/storage/sqlite_schema_v3.h"
#include "server/storage/sqlite_schema_v4.h"

namespace parta::server {

namespace {

// Migration N brings the schema from version N-1 to N. Never edit a shipped one.
const char* const kMigrations[] = {
    // v1: organizations, classes, people, sessions, chats, members, messages.
    R"sql(
CREATE TABLE orgs(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL);
CREATE TABLE classes(
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  name TEXT NOT NULL);
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  class_id INTEGER REFERENCES classes(id),
  role INTEGER NOT NULL,
  display_name TEXT NOT NULL,
  login TEXT NOT NULL UNIQUE,          -- normalized e-mail or phone; never sent to clients
  password_hash TEXT NOT NULL,
  verified_teacher INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sessions(
  token_hash BLOB PRIMARY KEY,         -- BLAKE2b of the token; the token itself is not kept
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE chats(
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '');
CREATE TABLE chat_members(
  chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(chat_id, user_id)) WITHOUT ROWID;
CREATE INDEX chat_members_by_user ON chat_members(user_id, chat_id);
CREATE TABLE messages(
  chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  sender_id INTEGER NOT NULL REFERENCES users(id),
  client_id TEXT NOT NULL,
  text TEXT NOT NULL,
  sent_at_ms INTEGER NOT NULL,
  PRIMARY KEY(chat_id, seq),
  UNIQUE(sender_id, client_id)) WITHOUT ROWID;
)sql",
    // v2: closed school spaces (sqlite_schema_v2.h).
    kSchemaV2,
    // v3: rich chats and polls (sqlite_schema_v3.h).
    kSchemaV3,
    // v4: a contentless search index (sqlite_schema_v4.h).
    kSchemaV4,
};

}  // namespace

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const std::string& path) {
  auto db = SqliteDb::open(path);
  if (!db) return db.status();
  std::unique_ptr<SqliteStorage> storage(new SqliteStorage(std::move(db).value()));
  if (auto s = storage->migrate(); !s) return s;
  return storage;
}

Status SqliteStorage::migrate() {
  if (auto s = db_->exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"); !s) return s;
  std::int64_t version = 0;
  {
    auto q = db_->query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!q) return q.status();
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) version = q->column_int(0);
  }
  const auto newest = static_cast<std::int64_t>(std::size(kMigrations));
  if (version > newest) {
    log_error("database schema v", version, " is newer than this server (v", newest, ")");
    return Status(pb::ERROR_INTERNAL, "database from a newer server");
  }
  if (version == newest) return Status::ok();
  // Foreign keys are off while tables are rebuilt (a DROP would otherwise cascade)
  // and checked as a whole before each step commits. The pragma is a no-op
  // inside a transaction, hence out here.
  if (auto s = db_->exec("PRAGMA foreign_keys=OFF"); !s) return s;
  // Each step runs in its own transaction, together with its version bump.
  for (auto next = version + 1; next <= newest; ++next) {
    Transaction tx(*db_);
    if (auto s = tx.begin(); !s) return s;
    if (auto s = db_->exec(kMigrations[next - 1]); !s) return s;
    if (next == 3) {
      if (auto s = backfill_search_ids(); !s) return s;
    }
    if (next == 4) {
      if (auto s = rebuild_search_index(); !s) return s;
    }
    {
      auto check = db_->query("PRAGMA foreign_key_check");
      if (!check) return check.status();
      auto row = check->step();
      if (!row) return row.status();
      if (row.value()) {
        log_error("schema v", next, ": foreign key violation in table ", check->column_text(0));
        return Status(pb::ERROR_INTERNAL, "migration broke a foreign key");
      }
    }
    auto q = db_->query("INSERT INTO schema_version(version) VALUES(?)");
    if (!q) return q.status();
    if (auto s = q->bind(1, next).run(); !s) return s;
    if (auto s = tx.commit(); !s) return s;
    log_info("database migrated to schema v", next);
  }
  return db_->exec("PRAGMA foreign_keys=ON");
}

Status SqliteStorage::run_batch(const std::function<void()>& body) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) {
    pending_index_.clear();
    return s;
  }
  // The write lock is ours until the commit: search ids are read once per batch.
  in_batch_ = true;
  search_id_known_ = false;
  body();
  // Outside every piece's savepoint: one FTS segment for the whole batch.
  Status s = flush_search_index();
  if (s) s = tx.commit();
  in_batch_ = false;
  pending_index_.clear();  // a failed batch rolled back every row they named
  return s;
}

}  // namespace parta::server
