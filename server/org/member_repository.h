// The people of one organization: the directory, roles, teacher verification
// and parents' links to their children. SQLite implements it (SqliteOrgStore,
// sqlite_orgs.cpp). Accounts themselves (logins, memberships of a person):
// server/auth/user_repository.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.h"

namespace parta::server {

// One person in one organization, as the directory shows them.
struct MemberRecord {
  UserRecord user;  // user.org is the organization
  GroupId group;    // students and parents: the class
};

class MemberRepository {
 public:
  virtual ~MemberRepository() = default;

  virtual Result<std::optional<MemberRecord>> find_member(OrgId org, UserId user) = 0;
  virtual Result<std::vector<MemberRecord>> list_members(OrgId org) = 0;
  virtual Result<std::vector<UserId>> children_of(UserId parent, OrgId org) = 0;
  virtual Result<std::int64_t> count_role(OrgId org, pb::Role role) = 0;
  // Un-verifying a head also makes them a teacher again.
  virtual Status set_verified(OrgId org, UserId user, bool verified) = 0;
  virtual Status set_role(OrgId org, UserId user, pb::Role role) = 0;
  virtual Status link_guardian(UserId parent, UserId child, OrgId org) = 0;
};

}  // namespace parta::server
