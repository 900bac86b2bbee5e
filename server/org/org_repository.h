// Organizations and their structure: the orgs themselves (status, journal
// URL), classes and other groups, class teachers and class chats. SQLite
// implements it (SqliteOrgStore, sqlite_orgs.cpp). Applications and uploads:
// application_repository.h; people: member_repository.h; links and
// registration: link_repository.h, registration_repository.h. Failures are
// ERROR_INTERNAL unless a method names another code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.h"

namespace parta::server {

struct OrgRecord {
  OrgId id;
  std::string name;
  std::string region;
  std::string address;
  std::string journal_url;
  pb::OrgType type = pb::ORG_TYPE_SCHOOL;
  pb::OrgStatus status = pb::ORG_STATUS_ACTIVE;
};

struct GroupRecord {
  GroupId id;
  OrgId org;
  pb::GroupKind kind = pb::GROUP_KIND_UNSPECIFIED;
  std::string name;
  UserId class_teacher;
  std::string class_teacher_name;
  std::uint32_t member_count = 0;  // students in it
};

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;

  // --- organizations
  virtual Result<std::int64_t> count_orgs() = 0;
  virtual Result<OrgId> create_org(const std::string& name) = 0;
  virtual Result<std::optional<OrgRecord>> find_org(OrgId org) = 0;
  virtual Result<std::optional<OrgId>> find_org_by_name(const std::string& name) = 0;
  virtual Status set_org_status(OrgId org, pb::OrgStatus status) = 0;
  virtual Status set_journal_url(OrgId org, const std::string& url) = 0;
  virtual Result<std::vector<OrgId>> suspended_orgs() = 0;

  // --- structure
  virtual Result<std::vector<GroupRecord>> list_groups(OrgId org) = 0;
  // A class (GROUP_KIND_CLASS); no name check (the demo seed, tests).
  virtual Result<ClassId> create_class(OrgId org, const std::string& name) = 0;
  // ERROR_ALREADY_EXISTS when the org has a group of that name.
  virtual Result<GroupId> create_group(OrgId org, pb::GroupKind kind, const std::string& name) = 0;
  virtual Result<std::optional<GroupRecord>> find_group(GroupId group) = 0;
  // Also adds the teacher to the class's chats. An invalid id clears it.
  virtual Status set_class_teacher(GroupId group, UserId teacher) = 0;
  // Marks a chat as the class chat (or the parents' chat) of a class, which
  // registration then joins people to (the demo seed; migrated v1 chats).
  virtual Status bind_class_chat(ChatId chat, GroupId group, bool parents) = 0;
};

}  // namespace parta::server
