// SQLite connection, statement cache, queries and transactions.
#include "server/storage/sqlite_db.h"

#include <sqlite3.h>

#include "server/app/log.h"

namespace parta::server {

// ---------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------

Query::Query(SqliteDb& db, sqlite3_stmt* stmt, bool* in_use) : db_(&db), stmt_(stmt), in_use_(in_use) {
  *in_use_ = true;
}

Query::Query(Query&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_), bind_error_(other.bind_error_) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Query::~Query() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

void Query::note_bind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

Query& Query::bind(int index, std::int64_t value) {
  note_bind(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Query& Query::bind_text(int index, std::string_view value) {
  note_bind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Query& Query::bind_blob(int index, std::string_view value) {
  note_bind(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT));
  return *this;
}

Query& Query::bind_null(int index) {
  note_bind(sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Query::step() {
  if (bind_error_ != 0) {
    log_error("sqlite bind failed: ", sqlite3_errstr(bind_error_), " in ", sqlite3_sql(stmt_));
    return Status(pb::ERROR_INTERNAL, "storage failure");
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  log_error("sqlite step failed: ", sqlite3_errstr(rc), " in ", sqlite3_sql(stmt_));
  return Status(pb::ERROR_INTERNAL, "storage failure");
}

Status Query::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.status();
    if (!row.value()) return Status::ok();
  }
}

std::int64_t Query::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Query::column_text(int index) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, index));
  const int size = sqlite3_column_bytes(stmt_, index);
  return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

bool Query::column_is_null(int index) const { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }

// ---------------------------------------------------------------------------
// SqliteDb
// ---------------------------------------------------------------------------

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::string& path) {
  sqlite3* raw = nullptr;
  // One connection used from the I/O thread only: no SQLite mutexes needed.
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    log_error("cannot open ", path, ": ", raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    sqlite3_close(raw);
    return Status(pb::ERROR_INTERNAL, "cannot open database");
  }
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
  // WAL + synchronous=NORMAL: a committed transaction is in the WAL file before
  // COMMIT returns, so it survives kill -9 (not necessarily a power cut).
  if (auto s = db->exec("PRAGMA journal_mode=WAL;"
                        "PRAGMA synchronous=NORMAL;"
                        "PRAGMA foreign_keys=ON;"
                        "PRAGMA busy_timeout=5000;"
                        // Room for the hot pages of a busy school (used only as needed);
                        // reads of the main file through mmap instead of a copy per page.
                        "PRAGMA cache_size=-65536;"
                        "PRAGMA mmap_size=268435456;");
      !s) {
    return s;
  }
  return db;
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  cache_.clear();
  if (sqlite3_close(db_) != SQLITE_OK) log_warn("sqlite close: ", sqlite3_errmsg(db_));
}

Status SqliteDb::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    log_error("sqlite exec failed: ", message ? message : "?");
    sqlite3_free(message);
    return Status(pb::ERROR_INTERNAL, "storage failure");
  }
  return Status::ok();
}

Result<Query> SqliteDb::query(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK) {
      return error_status("prepare");
    }
    it = cache_.emplace(sql, Cached{stmt, std::make_unique<bool>(false)}).first;
  }
  if (*it->second.in_use) {
    log_error("sqlite statement already in use: ", sql);
    return Status(pb::ERROR_INTERNAL, "storage failure");
  }
  return Query(*this, it->second.stmt, it->second.in_use.get());
}

std::int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

bool SqliteDb::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status SqliteDb::error_status(const char* what) const {
  log_error("sqlite ", what, " failed: ", sqlite3_errmsg(db_));
  return Status(pb::ERROR_INTERNAL, "storage failure");
}

// ---------------------------------------------------------------------------
// Transaction
// ---------------------------------------------------------------------------

Transaction::~Transaction() {
  if (!active_) return;
  if (nested_) {
    if (auto q = db_.query("ROLLBACK TO parta_tx")) {
      if (!q->run()) log_error("rollback to savepoint failed");
    }
    if (auto q = db_.query("RELEASE parta_tx")) {
      if (!q->run()) log_error("savepoint release failed");
    }
    return;
  }
  if (auto q = db_.query("ROLLBACK")) {
    if (!q->run()) log_error("rollback failed");
  }
}

Status Transaction::begin() {
  nested_ = db_.in_transaction();
  auto q = db_.query(nested_ ? "SAVEPOINT parta_tx" : "BEGIN IMMEDIATE");
  if (!q) return q.status();
  if (auto s = q->run(); !s) return s;
  active_ = true;
  return Status::ok();
}

Status Transaction::commit() {
  auto q = db_.query(nested_ ? "RELEASE parta_tx" : "COMMIT");
  if (!q) return q.status();
  if (auto s = q->run(); !s) return s;
  active_ = false;
  return Status::ok();
}

}  // namespace parta::server
