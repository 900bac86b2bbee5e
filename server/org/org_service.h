// Organizations: applications (submit, the operator's queue, decisions),
// suspension, and each org's structure (groups, class teachers, journal URL).
#pragma once

#include <functional>
#include <unordered_set>

#include "server/app/viewer.h"
#include "server/auth/auth_service.h"
#include "server/auth/user_repository.h"
#include "server/org/application_repository.h"
#include "server/org/member_repository.h"
#include "server/org/org_repository.h"

namespace parta::server {

inline constexpr std::int64_t kUploadLifetimeMs = 24LL * 3600 * 1000;  // unused uploads are deleted after

class OrgService {
 public:
  OrgService(OrgRepository& orgs, ApplicationRepository& applications, MemberRepository& members, UserRepository& users,
             Offload offload)
      : orgs_(orgs), applications_(applications), members_(members), users_(users), offload_(std::move(offload)) {}
  // Reads which orgs are suspended (kept in memory: SendMessage asks on every message).
  Status load();

  using SubmitDone = std::function<void(Result<pb::OrgApplicationSubmitted>)>;
  // Anyone. Hashes the password off the I/O thread; `done` runs on the I/O thread.
  void submit(const pb::SubmitOrgApplication& command, SubmitDone done);
  Result<pb::OrgApplications> list_applications(const Viewer& viewer, const pb::ListOrgApplications& command);
  Result<pb::OrgApplicationDecided> decide(const Viewer& viewer, const pb::DecideOrgApplication& command);
  Status set_suspended(const Viewer& viewer, const pb::SetOrgSuspended& command);

  Result<pb::Structure> structure(const Viewer& viewer, OrgId org);
  Result<pb::Structure> create_group(const Viewer& viewer, const pb::CreateGroup& command);
  Result<pb::Structure> assign_class_teacher(const Viewer& viewer, const pb::AssignClassTeacher& command);
  Result<pb::Structure> set_journal_url(const Viewer& viewer, const pb::SetJournalUrl& command);

  bool any_suspended() const { return !suspended_.empty(); }
  bool is_suspended(OrgId org) const { return suspended_.count(org) != 0; }

 private:
  Result<pb::Structure> read_structure(OrgId org);
  // The checks that do not need the password hash: upload, duplicates.
  Status precheck(const pb::SubmitOrgApplication& command, const std::string& email, const std::string& phone);

  OrgRepository& orgs_;
  ApplicationRepository& applications_;
  MemberRepository& members_;
  UserRepository& users_;
  Offload offload_;
  std::unordered_set<OrgId> suspended_;
};

}  // namespace parta::server
