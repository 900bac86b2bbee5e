// Logging in: credentials, sessions (keyed by a hash of the token, with the
// metadata ListSessions shows) and one-time login codes. SQLite implements it
// (SqliteOrgStore, sqlite_accounts.cpp). Failures are ERROR_INTERNAL unless a
// method names another code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta::server {

struct Credentials {
  UserId user;
  std::string password_hash;
};

struct SessionRecord {
  std::string public_id;
  std::string token_hash;
  std::int64_t created_at_ms = 0;
  std::int64_t last_seen_ms = 0;
  std::string client;
};

struct LoginCode {
  UserId user;
  std::string code_hash;
  int attempts = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;

  virtual Result<std::optional<Credentials>> find_credentials(const std::string& normalized_login) = 0;

  // --- sessions
  virtual Status create_session(const std::string& token_hash, UserId user, std::int64_t now_ms,
                                std::int64_t expires_at_ms) = 0;
  // The session's user if it exists and has not expired at now_ms.
  virtual Result<std::optional<UserId>> find_session(const std::string& token_hash, std::int64_t now_ms) = 0;
  virtual Status delete_session(const std::string& token_hash) = 0;
  // Housekeeping at start-up: forget sessions that expired before now_ms.
  virtual Status delete_expired_sessions(std::int64_t now_ms) = 0;
  // Last seen and the client, for ListSessions.
  virtual Status touch_session(const std::string& token_hash, std::int64_t now_ms, const std::string& client) = 0;
  virtual Result<std::vector<SessionRecord>> list_sessions(UserId user, std::int64_t now_ms) = 0;
  // Ends the session with this public id (ERROR_NOT_FOUND if the user has none),
  // or with an empty id every session but `keep_token_hash`. Returns the ended token hashes.
  virtual Result<std::vector<std::string>> end_sessions(UserId user, const std::string& public_id,
                                                        const std::string& keep_token_hash) = 0;

  // --- one-time login codes
  virtual Status put_login_code(const LoginCode& code) = 0;  // replaces the user's previous one
  virtual Result<std::optional<LoginCode>> find_login_code(UserId user) = 0;
  virtual Status count_login_code_attempt(UserId user) = 0;
  virtual Status delete_login_code(UserId user) = 0;
};

}  // namespace parta::server
