// People as accounts: who someone is (as the platform may show them), their
// logins, every membership, and the platform operators. What login, session
// resume and "who is asking" (viewer.h) read. SQLite implements it
// (SqliteOrgStore, sqlite_accounts.cpp and sqlite_orgs.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.h"

namespace parta::server {

struct NewUser {
  OrgId org;
  std::optional<ClassId> class_id;
  pb::Role role = pb::ROLE_UNSPECIFIED;
  std::string display_name;
  std::string login;          // normalized (normalize_login)
  std::string password_hash;  // argon2id string
  bool verified_teacher = false;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // The person, their login and their membership in `user.org`, all or nothing.
  virtual Result<UserId> create_user(const NewUser& user) = 0;
  // As seen in their first organization (none: the operator, role unspecified).
  virtual Result<std::optional<UserRecord>> find_user(UserId user) = 0;
  // Every membership of a person (org name and status, class, children), by org id.
  virtual Result<std::vector<pb::Membership>> memberships_of(UserId user) = 0;
  virtual Result<bool> is_platform_operator(UserId user) = 0;
  // Creates the operator (or makes an existing login one) and sets the password.
  virtual Result<UserId> ensure_operator(const std::string& email, const std::string& display_name,
                                         const std::string& password_hash, std::int64_t now_ms) = 0;
  virtual Result<bool> login_exists(const std::string& normalized_login) = 0;
  virtual Result<std::optional<UserId>> user_by_email(const std::string& normalized_email) = 0;
};

}  // namespace parta::server
