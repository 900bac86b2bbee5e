// Invite and registration links of an organization. SQLite implements it
// (SqliteOrgStore, sqlite_links.cpp). Using a link: registration_repository.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta::server {

struct LinkRecord {
  LinkId id;
  std::string token;
  OrgId org;
  pb::LinkKind kind = pb::LINK_KIND_UNSPECIFIED;
  GroupId group;  // STUDENTS, PARENTS
  ChatId chat;    // CHAT
  UserId child;   // PARENTS sent by a student (InviteParent)
  UserId created_by;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::uint32_t max_uses = 0;  // 0 = unlimited
  std::uint32_t uses = 0;
  bool revoked = false;
  // Read with the link, for display.
  std::string org_name;
  pb::OrgStatus org_status = pb::ORG_STATUS_ACTIVE;
  std::string group_name;
  std::string chat_title;
  std::string created_by_name;
  std::string child_name;
};

class LinkRepository {
 public:
  virtual ~LinkRepository() = default;

  virtual Result<LinkId> create_link(const LinkRecord& link) = 0;
  virtual Result<std::optional<LinkRecord>> find_link(LinkId id) = 0;
  virtual Result<std::optional<LinkRecord>> find_link_by_token(const std::string& token) = 0;
  // Newest first; an invalid creator lists every link of the org.
  virtual Result<std::vector<LinkRecord>> list_links(OrgId org, UserId created_by) = 0;
  virtual Status revoke_link(LinkId id) = 0;
  // Forgets a link nobody used (an invitation whose mail never left).
  virtual Status delete_unused_link(LinkId id) = 0;
};

}  // namespace parta::server
