// OrgService: applications, suspension, structure. Permissions: parta::check only.
#include "server/org/org_service.h"

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/org/org_wire.h"
#include "shared/core/validation.h"

namespace parta::server {

Status OrgService::load() {
  auto ids = orgs_.suspended_orgs();
  if (!ids) return ids.status();
  suspended_.clear();
  suspended_.insert(ids.value().begin(), ids.value().end());
  return Status::ok();
}

// ---------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------

Status OrgService::precheck(const pb::SubmitOrgApplication& command, const std::string& email,
                            const std::string& phone) {
  auto upload = applications_.find_upload(command.document_upload_id());
  if (!upload) return upload.status();
  if (!upload.value() || upload.value()->used || upload.value()->expires_at_ms <= now_ms()) {
    return {pb::ERROR_NOT_FOUND, "no such upload: upload the document first"};
  }
  auto taken = users_.login_exists(email);
  if (!taken) return taken.status();
  if (taken.value()) return {pb::ERROR_ALREADY_EXISTS, "this e-mail is already registered"};
  auto pending = applications_.pending_application_for(email, phone);
  if (!pending) return pending.status();
  if (pending.value()) return {pb::ERROR_ALREADY_EXISTS, "an application with this e-mail or phone is pending"};
  return Status::ok();
}

void OrgService::submit(const pb::SubmitOrgApplication& command, SubmitDone done) {
  ApplicationRecord draft;
  draft.org_name = command.org_name();
  draft.region = command.region();
  draft.address = command.address();
  draft.type = command.type();
  draft.admin_name = command.admin_name();
  draft.admin_phone = normalize_login(command.admin_phone());
  draft.admin_email = normalize_login(command.admin_email());
  draft.document_id = command.document_upload_id();
  if (auto s = precheck(command, draft.admin_email, draft.admin_phone); !s) return done(s);

  // argon2id takes ~0.1 s: a worker hashes, the I/O thread stores.
  struct Work {
    ApplicationRecord draft;
    std::string password;
    std::optional<std::string> hash;
  };
  auto work = std::make_shared<Work>();
  work->draft = std::move(draft);
  work->password = command.admin_password();
  offload_(
      [work] {
        work->hash = hash_password(work->password);
        work->password.assign(work->password.size(), '\0');
      },
      [this, work, done = std::move(done), upload_id = command.document_upload_id()] {
        if (!work->hash) return done(Status(pb::ERROR_INTERNAL, "password hashing failed"));
        ApplicationRecord& a = work->draft;
        // Checked again: another application may have come in while hashing.
        pb::SubmitOrgApplication again;
        again.set_document_upload_id(upload_id);
        if (auto s = precheck(again, a.admin_email, a.admin_phone); !s) return done(s);
        auto upload = applications_.find_upload(upload_id);
        if (!upload) return done(upload.status());
        a.document_type = upload.value() ? upload.value()->content_type : "";
        a.admin_password_hash = *work->hash;
        a.submitted_at_ms = now_ms();
        auto id = applications_.create_application(a, a.submitted_at_ms);
        if (!id) return done(id.status());
        log_info("organization application ", id.value().get(), " submitted");
        pb::OrgApplicationSubmitted out;
        out.set_application_id(id.value().get());
        done(std::move(out));
      });
}

Result<pb::OrgApplications> OrgService::list_applications(const Viewer& viewer,
                                                          const pb::ListOrgApplications& command) {
  if (auto s = viewer.check(Action::ReviewApplications, OrgId()); !s) return s;
  auto rows = applications_.list_applications(command.status());
  if (!rows) return rows.status();
  pb::OrgApplications out;
  for (const auto& a : rows.value()) to_wire(a, out.add_applications());
  return out;
}

Result<pb::OrgApplicationDecided> OrgService::decide(const Viewer& viewer, const pb::DecideOrgApplication& command) {
  if (auto s = viewer.check(Action::DecideApplication, OrgId()); !s) return s;
  const ApplicationId id(command.application_id());
  if (command.approve()) {
    auto org = applications_.approve_application(id, now_ms());
    if (!org) return org.status();
  } else {
    auto found = applications_.find_application(id);
    if (!found) return found.status();
    if (!found.value()) return Status(pb::ERROR_NOT_FOUND, "no such application");
    if (auto s = applications_.reject_application(id, command.reason(), now_ms()); !s) return s;
    log_info("application ", id.get(), " rejected");
  }
  auto updated = applications_.find_application(id);
  if (!updated) return updated.status();
  if (!updated.value()) return Status(pb::ERROR_INTERNAL, "application vanished");
  pb::OrgApplicationDecided out;
  to_wire(*updated.value(), out.mutable_application());
  return out;
}

Status OrgService::set_suspended(const Viewer& viewer, const pb::SetOrgSuspended& command) {
  if (auto s = viewer.check(Action::SuspendOrg, OrgId()); !s) return s;
  const OrgId org(command.org_id());
  auto found = orgs_.find_org(org);
  if (!found) return found.status();
  if (!found.value()) return {pb::ERROR_NOT_FOUND, "no such organization"};
  if (auto s = orgs_.set_org_status(org, command.suspended() ? pb::ORG_STATUS_SUSPENDED : pb::ORG_STATUS_ACTIVE); !s) {
    return s;
  }
  if (command.suspended()) {
    suspended_.insert(org);
  } else {
    suspended_.erase(org);
  }
  log_info("organization ", org.get(), command.suspended() ? " suspended" : " restored");
  return Status::ok();
}

// ---------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------

Result<pb::Structure> OrgService::read_structure(OrgId org) {
  auto found = orgs_.find_org(org);
  if (!found) return found.status();
  if (!found.value()) return Status(pb::ERROR_NOT_FOUND, "no such organization");
  auto groups = orgs_.list_groups(org);
  if (!groups) return groups.status();
  pb::Structure out;
  out.set_org_id(org.get());
  out.set_org_name(found.value()->name);
  out.set_journal_url(found.value()->journal_url);
  out.set_status(found.value()->status);
  for (const auto& g : groups.value()) to_wire(g, out.add_groups());
  return out;
}

Result<pb::Structure> OrgService::structure(const Viewer& viewer, OrgId org) {
  if (auto s = viewer.check(Action::ViewStructure, org); !s) return s;
  return read_structure(org);
}

Result<pb::Structure> OrgService::create_group(const Viewer& viewer, const pb::CreateGroup& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::EditStructure, org); !s) return s;
  auto id = orgs_.create_group(org, command.kind(), command.name());
  if (!id) return id.status();
  log_info("org ", org.get(), ": group ", id.value().get(), " created");
  return read_structure(org);
}

Result<pb::Structure> OrgService::assign_class_teacher(const Viewer& viewer, const pb::AssignClassTeacher& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::AssignClassTeacher, org); !s) return s;
  auto group = orgs_.find_group(GroupId(command.group_id()));
  if (!group) return group.status();
  if (!group.value() || group.value()->org != org) return Status(pb::ERROR_NOT_FOUND, "no such class");
  if (group.value()->kind != pb::GROUP_KIND_CLASS) return Status(pb::ERROR_INVALID_ARGUMENT, "not a class");
  const UserId teacher(command.teacher_id());
  if (teacher.valid()) {
    auto member = members_.find_member(org, teacher);
    if (!member) return member.status();
    if (!member.value()) return Status(pb::ERROR_NOT_FOUND, "no such member");
    const pb::Role role = member.value()->user.role;
    if (role != pb::ROLE_TEACHER && role != pb::ROLE_HEAD) return Status(pb::ERROR_INVALID_ARGUMENT, "not a teacher");
    if (!member.value()->user.verified_teacher) {
      return Status(pb::ERROR_PENDING_VERIFICATION, "verify the teacher first");
    }
  }
  if (auto s = orgs_.set_class_teacher(group.value()->id, teacher); !s) return s;
  return read_structure(org);
}

Result<pb::Structure> OrgService::set_journal_url(const Viewer& viewer, const pb::SetJournalUrl& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::SetJournalUrl, org); !s) return s;
  if (auto s = orgs_.set_journal_url(org, command.url()); !s) return s;
  return read_structure(org);
}

}  // namespace parta::server
