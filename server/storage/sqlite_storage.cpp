// SqliteStorage: schema migrations, organizations, users and sessions.
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

Result<std::int64_t> SqliteStorage::count_orgs() {
  auto q = db_->query("SELECT COUNT(*) FROM orgs");
  if (!q) return q.status();
  auto row = q->step();
  if (!row) return row.status();
  return q->column_int(0);
}

Result<OrgId> SqliteStorage::create_org(const std::string& name) {
  auto q = db_->query("INSERT INTO orgs(name) VALUES(?)");
  if (!q) return q.status();
  if (auto s = q->bind_text(1, name).run(); !s) return s;
  return OrgId(db_->last_insert_rowid());
}

Result<ClassId> SqliteStorage::create_class(OrgId org, const std::string& name) {
  auto q = db_->query("INSERT INTO groups(org_id, kind, name) VALUES(?, 1, ?)");
  if (!q) return q.status();
  if (auto s = q->bind(1, org.get()).bind_text(2, name).run(); !s) return s;
  return ClassId(db_->last_insert_rowid());
}

Result<UserId> SqliteStorage::create_user(const NewUser& user) {
  // The person, their login and their membership in `user.org`, all or nothing.
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s;
  UserId id;
  {
    auto q = db_->query("INSERT INTO users(display_name, password_hash) VALUES(?, ?)");
    if (!q) return q.status();
    if (auto s = q->bind_text(1, user.display_name).bind_text(2, user.password_hash).run(); !s) return s;
    id = UserId(db_->last_insert_rowid());
  }
  {
    auto q = db_->query("INSERT INTO logins(login, user_id, is_email) VALUES(?, ?, ?)");
    if (!q) return q.status();
    const bool is_email = user.login.find('@') != std::string::npos;
    if (auto s = q->bind_text(1, user.login).bind(2, id.get()).bind(3, is_email ? 1 : 0).run(); !s) return s;
  }
  {
    auto q = db_->query(
        "INSERT INTO memberships(user_id, org_id, role, group_id, verified_teacher) VALUES(?, ?, ?, ?, ?)");
    if (!q) return q.status();
    q->bind(1, id.get()).bind(2, user.org.get()).bind(3, user.role);
    if (user.class_id) {
      q->bind(4, user.class_id->get());
    } else {
      q->bind_null(4);
    }
    if (auto s = q->bind(5, user.verified_teacher ? 1 : 0).run(); !s) return s;
  }
  if (auto s = tx.commit(); !s) return s;
  return id;
}

Result<std::optional<Credentials>> SqliteStorage::find_credentials(const std::string& normalized_login) {
  auto q = db_->query("SELECT u.id, u.password_hash FROM logins l JOIN users u ON u.id = l.user_id WHERE l.login = ?");
  if (!q) return q.status();
  q->bind_text(1, normalized_login);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<Credentials>();
  return std::optional<Credentials>(Credentials{UserId(q->column_int(0)), q->column_text(1)});
}

Result<std::optional<UserRecord>> SqliteStorage::find_user(UserId user) {
  // As seen in their first organization (none: the operator, role unspecified).
  auto q = db_->query(
      "SELECT u.id, COALESCE(m.org_id, 0), COALESCE(m.role, 0), u.display_name, COALESCE(m.verified_teacher, 0), "
      "COALESCE(CASE WHEN m.role = 4 THEN g.name END, '') FROM users u "
      "LEFT JOIN memberships m ON m.user_id = u.id "
      "AND m.org_id = (SELECT MIN(org_id) FROM memberships WHERE user_id = u.id) "
      "LEFT JOIN groups g ON g.id = m.group_id WHERE u.id = ?");
  if (!q) return q.status();
  q->bind(1, user.get());
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<UserRecord>();
  UserRecord rec;
  rec.id = UserId(q->column_int(0));
  rec.org = OrgId(q->column_int(1));
  rec.role = static_cast<pb::Role>(q->column_int(2));
  rec.display_name = q->column_text(3);
  rec.verified_teacher = q->column_int(4) != 0;
  rec.class_name = q->column_text(5);
  return std::optional<UserRecord>(std::move(rec));
}

Status SqliteStorage::create_session(const std::string& token_hash, UserId user, std::int64_t now_ms,
                                     std::int64_t expires_at_ms) {
  // public_id names the session in ListSessions; it is not a credential.
  auto q = db_->query(
      "INSERT INTO sessions(token_hash, user_id, created_at_ms, expires_at_ms, public_id, last_seen_ms) "
      "VALUES(?, ?, ?, ?, lower(hex(randomblob(16))), ?)");
  if (!q) return q.status();
  return q->bind_blob(1, token_hash).bind(2, user.get()).bind(3, now_ms).bind(4, expires_at_ms).bind(5, now_ms).run();
}

Result<std::optional<UserId>> SqliteStorage::find_session(const std::string& token_hash, std::int64_t now_ms) {
  auto q = db_->query("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at_ms > ?");
  if (!q) return q.status();
  q->bind_blob(1, token_hash).bind(2, now_ms);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<UserId>();
  return std::optional<UserId>(UserId(q->column_int(0)));
}

Status SqliteStorage::delete_session(const std::string& token_hash) {
  auto q = db_->query("DELETE FROM sessions WHERE token_hash = ?");
  if (!q) return q.status();
  return q->bind_blob(1, token_hash).run();
}

Status SqliteStorage::delete_expired_sessions(std::int64_t now_ms) {
  auto q = db_->query("DELETE FROM sessions WHERE expires_at_ms <= ?");
  if (!q) return q.status();
  return q->bind(1, now_ms).run();
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
