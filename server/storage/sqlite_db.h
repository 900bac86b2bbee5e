// A thin SQLite wrapper: one connection, a cache of prepared statements, RAII
// queries (reset on scope exit) and transactions (rolled back unless committed).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/core/result.h"

struct sqlite3;
struct sqlite3_stmt;

// `if (!status) return status;` for an expression of type Status.
#define PARTA_TRY(expr)                                                      \
  do {                                                                       \
    if (::parta::Status parta_try_ = (expr); !parta_try_) return parta_try_; \
  } while (0)

namespace parta::server {

class SqliteDb;

// A cached statement in use. Bind, then step; destroying it resets the statement.
class Query {
 public:
  Query(SqliteDb& db, sqlite3_stmt* stmt, bool* in_use);
  Query(Query&& other) noexcept;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query();

  // Parameters are 1-based, as in SQLite. A failing bind is reported by step().
  Query& bind(int index, std::int64_t value);
  Query& bind_text(int index, std::string_view value);
  Query& bind_blob(int index, std::string_view value);
  Query& bind_null(int index);

  // true: a row is ready; false: done. Errors become ERROR_INTERNAL.
  Result<bool> step();
  // Steps to the end, for statements without rows.
  Status run();

  // Columns are 0-based.
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  void note_bind(int rc);

  SqliteDb* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  int bind_error_ = 0;
};

class SqliteDb {
 public:
  // Opens (creating) the file and applies the connection pragmas.
  static Result<std::unique_ptr<SqliteDb>> open(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements without parameters or rows (schema, pragmas).
  Status exec(const char* sql);
  // A cached prepared statement for this SQL text.
  Result<Query> query(const std::string& sql);
  std::int64_t last_insert_rowid() const;
  // True inside BEGIN ... COMMIT (a Transaction then nests as a savepoint).
  bool in_transaction() const;
  Status error_status(const char* what) const;  // ERROR_INTERNAL with sqlite's message, logged

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    std::unique_ptr<bool> in_use;
  };
  sqlite3* db_;
  std::unordered_map<std::string, Cached> cache_;
};

// BEGIN IMMEDIATE on begin(); ROLLBACK in the destructor unless commit() succeeded.
// Inside an open transaction (a group commit batch) it is a SAVEPOINT instead:
// commit() releases it, the destructor rolls back only its own changes.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status begin();
  Status commit();
  bool nested() const { return nested_; }  // a savepoint inside an outer transaction

 private:
  SqliteDb& db_;
  bool active_ = false;
  bool nested_ = false;
};

}  // namespace parta::server
