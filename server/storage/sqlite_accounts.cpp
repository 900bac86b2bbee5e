// SqliteOrgStore, part 1: accounts (users, credentials), sessions and one-time
// login codes. Memberships and organizations: sqlite_orgs.cpp; links and
// registration: sqlite_links.cpp.
#include "server/storage/sqlite_org_store.h"

namespace parta::server {

// ---------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------

Result<UserId> SqliteOrgStore::create_user(const NewUser& user) {
  // The person, their login and their membership in `user.org`, all or nothing.
  Transaction tx(db_);
  if (auto s = tx.begin(); !s) return s;
  UserId id;
  {
    auto q = db_.query("INSERT INTO users(display_name, password_hash) VALUES(?, ?)");
    if (!q) return q.status();
    if (auto s = q->bind_text(1, user.display_name).bind_text(2, user.password_hash).run(); !s) return s;
    id = UserId(db_.last_insert_rowid());
  }
  {
    auto q = db_.query("INSERT INTO logins(login, user_id, is_email) VALUES(?, ?, ?)");
    if (!q) return q.status();
    const bool is_email = user.login.find('@') != std::string::npos;
    if (auto s = q->bind_text(1, user.login).bind(2, id.get()).bind(3, is_email ? 1 : 0).run(); !s) return s;
  }
  {
    auto q =
        db_.query("INSERT INTO memberships(user_id, org_id, role, group_id, verified_teacher) VALUES(?, ?, ?, ?, ?)");
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

Result<std::optional<Credentials>> SqliteOrgStore::find_credentials(const std::string& normalized_login) {
  auto q = db_.query("SELECT u.id, u.password_hash FROM logins l JOIN users u ON u.id = l.user_id WHERE l.login = ?");
  if (!q) return q.status();
  q->bind_text(1, normalized_login);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<Credentials>();
  return std::optional<Credentials>(Credentials{UserId(q->column_int(0)), q->column_text(1)});
}

Result<std::optional<UserRecord>> SqliteOrgStore::find_user(UserId user) {
  // As seen in their first organization (none: the operator, role unspecified).
  auto q = db_.query(
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

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

Status SqliteOrgStore::create_session(const std::string& token_hash, UserId user, std::int64_t now_ms,
                                      std::int64_t expires_at_ms) {
  // public_id names the session in ListSessions; it is not a credential.
  auto q = db_.query(
      "INSERT INTO sessions(token_hash, user_id, created_at_ms, expires_at_ms, public_id, last_seen_ms) "
      "VALUES(?, ?, ?, ?, lower(hex(randomblob(16))), ?)");
  if (!q) return q.status();
  return q->bind_blob(1, token_hash).bind(2, user.get()).bind(3, now_ms).bind(4, expires_at_ms).bind(5, now_ms).run();
}

Result<std::optional<UserId>> SqliteOrgStore::find_session(const std::string& token_hash, std::int64_t now_ms) {
  auto q = db_.query("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at_ms > ?");
  if (!q) return q.status();
  q->bind_blob(1, token_hash).bind(2, now_ms);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<UserId>();
  return std::optional<UserId>(UserId(q->column_int(0)));
}

Status SqliteOrgStore::delete_session(const std::string& token_hash) {
  auto q = db_.query("DELETE FROM sessions WHERE token_hash = ?");
  if (!q) return q.status();
  return q->bind_blob(1, token_hash).run();
}

Status SqliteOrgStore::delete_expired_sessions(std::int64_t now_ms) {
  auto q = db_.query("DELETE FROM sessions WHERE expires_at_ms <= ?");
  if (!q) return q.status();
  return q->bind(1, now_ms).run();
}

Status SqliteOrgStore::touch_session(const std::string& token_hash, std::int64_t now_ms, const std::string& client) {
  auto q = db_.query(
      "UPDATE sessions SET last_seen_ms = ?, client = CASE WHEN ? = '' THEN client ELSE ? END WHERE token_hash = ?");
  if (!q) return q.status();
  return q->bind(1, now_ms).bind_text(2, client).bind_text(3, client).bind_blob(4, token_hash).run();
}

Result<std::vector<SessionRecord>> SqliteOrgStore::list_sessions(UserId user, std::int64_t now_ms) {
  auto q = db_.query(
      "SELECT public_id, token_hash, created_at_ms, last_seen_ms, client FROM sessions "
      "WHERE user_id = ? AND expires_at_ms > ? ORDER BY last_seen_ms DESC LIMIT 200");
  if (!q) return q.status();
  q->bind(1, user.get()).bind(2, now_ms);
  std::vector<SessionRecord> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return out;
    SessionRecord s;
    s.public_id = q->column_text(0);
    s.token_hash = q->column_text(1);
    s.created_at_ms = q->column_int(2);
    s.last_seen_ms = q->column_int(3);
    s.client = q->column_text(4);
    out.push_back(std::move(s));
  }
}

Result<std::vector<std::string>> SqliteOrgStore::end_sessions(UserId user, const std::string& public_id,
                                                              const std::string& keep_token_hash) {
  auto q = public_id.empty()
               ? db_.query("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ? RETURNING token_hash")
               : db_.query("DELETE FROM sessions WHERE user_id = ? AND public_id = ? RETURNING token_hash");
  if (!q) return q.status();
  q->bind(1, user.get());
  if (public_id.empty()) {
    q->bind_blob(2, keep_token_hash);
  } else {
    q->bind_text(2, public_id);
  }
  std::vector<std::string> ended;
  for (;;) {
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) break;
    ended.push_back(q->column_text(0));
  }
  if (!public_id.empty() && ended.empty()) return Status(pb::ERROR_NOT_FOUND, "no such session");
  return ended;
}

// ---------------------------------------------------------------------------
// Login codes
// ---------------------------------------------------------------------------

Status SqliteOrgStore::put_login_code(const LoginCode& c) {
  auto q = db_.query(
      "INSERT OR REPLACE INTO login_codes(user_id, code_hash, attempts, created_at_ms, expires_at_ms) "
      "VALUES(?, ?, 0, ?, ?)");
  if (!q) return q.status();
  return q->bind(1, c.user.get()).bind_blob(2, c.code_hash).bind(3, c.created_at_ms).bind(4, c.expires_at_ms).run();
}

Result<std::optional<LoginCode>> SqliteOrgStore::find_login_code(UserId user) {
  auto q =
      db_.query("SELECT user_id, code_hash, attempts, created_at_ms, expires_at_ms FROM login_codes WHERE user_id = ?");
  if (!q) return q.status();
  q->bind(1, user.get());
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<LoginCode>();
  LoginCode c;
  c.user = UserId(q->column_int(0));
  c.code_hash = q->column_text(1);
  c.attempts = static_cast<int>(q->column_int(2));
  c.created_at_ms = q->column_int(3);
  c.expires_at_ms = q->column_int(4);
  return std::optional<LoginCode>(std::move(c));
}

Status SqliteOrgStore::count_login_code_attempt(UserId user) {
  auto q = db_.query("UPDATE login_codes SET attempts = attempts + 1 WHERE user_id = ?");
  if (!q) return q.status();
  return q->bind(1, user.get()).run();
}

Status SqliteOrgStore::delete_login_code(UserId user) {
  auto q = db_.query("DELETE FROM login_codes WHERE user_id = ?");
  if (!q) return q.status();
  return q->bind(1, user.get()).run();
}

}  // namespace parta::server
