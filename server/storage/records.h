// Records that several domains read: a person as the platform may show them.
// Each domain's own records live with its repository interfaces (e.g.
// server/chat/chat_records.h, server/org/org_repository.h).
#pragma once

#include <string>

#include "shared/core/ids.h"
#include "shared/core/result.h"

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

}  // namespace parta::server
