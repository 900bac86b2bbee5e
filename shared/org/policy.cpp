// The permission policy; see policy.h and the role table in DESIGN.md.
#include "shared/org/policy.h"

namespace parta {

namespace {

enum class Who {
  Operator,        // platform actions
  AnyMember,       // everyone in the org
  Admin,           // org admin only
  Staff,           // admin, or a verified head or teacher
  Leadership,      // admin, or a verified head
  StaffOwner,      // admin, or verified staff acting on their own object
  Student,         // students only
};

Who who_may(Action action) {
  switch (action) {
    case Action::ReviewApplications:
    case Action::DecideApplication:
    case Action::SuspendOrg: return Who::Operator;
    case Action::ViewStructure:
    case Action::ListMembers:
    case Action::ViewProfile:
    case Action::JoinChat: return Who::AnyMember;
    case Action::EditStructure:
    case Action::AssignClassTeacher:
    case Action::SetJournalUrl:
    case Action::VerifyTeacher:
    case Action::SetMemberRole:
    case Action::CreateStaffLink: return Who::Admin;
    case Action::CreateStudentLink:
    case Action::CreateParentLink:
    case Action::CreateChatLink:
    case Action::ListLinks:
    case Action::CreateChat: return Who::Staff;
    case Action::RevokeLink: return Who::StaffOwner;
    case Action::PostToChannel: return Who::Leadership;
    case Action::InviteParent: return Who::Student;
    case Action::kCount: break;
  }
  return Who::Operator;  // unknown actions: the narrowest audience
}

Status denied(const char* why) { return {pb::ERROR_PERMISSION_DENIED, why}; }

bool is_staff_role(pb::Role role) { return role == pb::ROLE_TEACHER || role == pb::ROLE_HEAD; }

}  // namespace

const char* action_name(Action action) {
  switch (action) {
    case Action::ReviewApplications: return "ReviewApplications";
    case Action::DecideApplication: return "DecideApplication";
    case Action::SuspendOrg: return "SuspendOrg";
    case Action::ViewStructure: return "ViewStructure";
    case Action::EditStructure: return "EditStructure";
    case Action::AssignClassTeacher: return "AssignClassTeacher";
    case Action::SetJournalUrl: return "SetJournalUrl";
    case Action::ListMembers: return "ListMembers";
    case Action::ViewProfile: return "ViewProfile";
    case Action::VerifyTeacher: return "VerifyTeacher";
    case Action::SetMemberRole: return "SetMemberRole";
    case Action::CreateStaffLink: return "CreateStaffLink";
    case Action::CreateStudentLink: return "CreateStudentLink";
    case Action::CreateParentLink: return "CreateParentLink";
    case Action::CreateChatLink: return "CreateChatLink";
    case Action::ListLinks: return "ListLinks";
    case Action::RevokeLink: return "RevokeLink";
    case Action::CreateChat: return "CreateChat";
    case Action::PostToChannel: return "PostToChannel";
    case Action::InviteParent: return "InviteParent";
    case Action::JoinChat: return "JoinChat";
    case Action::kCount: break;
  }
  return "Unknown";
}

bool is_verified_staff(const pb::Membership& m) {
  return is_staff_role(m.role()) && m.verified_teacher();
}

const pb::Membership* find_membership(const std::vector<pb::Membership>& memberships, OrgId org) {
  for (const auto& m : memberships) {
    if (m.org_id() == org.get()) return &m;
  }
  return nullptr;
}

Status check(const Actor& actor, Action action, const Target& target) {
  if (!actor.authenticated) return {pb::ERROR_UNAUTHENTICATED, "log in first"};
  const Who who = who_may(action);
  if (who == Who::Operator) {
    return actor.platform_operator ? Status::ok() : denied("only the platform operator may do this");
  }
  const pb::Membership* m = actor.membership;
  // Another organization is invisible, not forbidden: don't confirm it exists.
  if (!m || (target.org.valid() && m->org_id() != target.org.get())) {
    if (action == Action::JoinChat) return {pb::ERROR_WRONG_ORG, "this link is for members of another organization"};
    return {pb::ERROR_NOT_FOUND, "no such organization"};
  }
  if (m->org_status() == pb::ORG_STATUS_SUSPENDED) return {pb::ERROR_ORG_SUSPENDED, "the organization is suspended"};

  const pb::Role role = m->role();
  const bool admin = role == pb::ROLE_ADMIN;
  const bool staff = is_staff_role(role);
  const bool verified = staff && m->verified_teacher();
  auto staff_gate = [&](bool also_needs) -> Status {
    if (admin) return Status::ok();
    if (!staff) return denied("staff only");
    if (!verified) return {pb::ERROR_PENDING_VERIFICATION, "an admin has not verified this teacher yet"};
    return also_needs ? Status::ok() : denied("not allowed for this role");
  };
  if (action == Action::ViewProfile && role == pb::ROLE_PARENT && target.subject_role == pb::ROLE_STUDENT &&
      !target.subject_is_own_child) {
    return {pb::ERROR_NOT_FOUND, "no such member"};  // parents see nothing of other children
  }
  switch (who) {
    case Who::AnyMember: return Status::ok();
    case Who::Admin: return admin ? Status::ok() : denied("org admins only");
    case Who::Staff: return staff_gate(true);
    case Who::Leadership: return staff_gate(role == pb::ROLE_HEAD);
    case Who::StaffOwner: return staff_gate(target.owner == actor.user);
    case Who::Student: return role == pb::ROLE_STUDENT ? Status::ok() : denied("students only");
    case Who::Operator: break;
  }
  return denied("not allowed");
}

}  // namespace parta
