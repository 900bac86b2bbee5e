// The permission policy, cell by cell: role x action -> expected code.
// The expected table is written out by hand (not derived from policy.cpp).
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "shared/org/policy.h"

using namespace parta;

namespace {

enum Col { Admin, Head, Teacher, Pending, Student, Parent, kCols };
const char* kColNames[] = {"admin", "head", "teacher", "pending teacher", "student", "parent"};

pb::Membership membership(Col col) {
  pb::Membership m;
  m.set_org_id(1);
  m.set_org_status(pb::ORG_STATUS_ACTIVE);
  switch (col) {
    case Admin: m.set_role(pb::ROLE_ADMIN); break;
    case Head: m.set_role(pb::ROLE_HEAD); m.set_verified_teacher(true); break;
    case Teacher: m.set_role(pb::ROLE_TEACHER); m.set_verified_teacher(true); break;
    case Pending: m.set_role(pb::ROLE_TEACHER); break;
    case Student: m.set_role(pb::ROLE_STUDENT); break;
    case Parent: m.set_role(pb::ROLE_PARENT); break;
    case kCols: break;
  }
  return m;
}

constexpr auto OK = pb::ERROR_UNSPECIFIED;
constexpr auto NO = pb::ERROR_PERMISSION_DENIED;
constexpr auto PV = pb::ERROR_PENDING_VERIFICATION;

struct Row {
  Action action;
  pb::ErrorCode expected[kCols];  // admin, head, teacher, pending, student, parent
};

// clang-format off
const Row kTable[] = {
  {Action::ReviewApplications, {NO, NO, NO, NO, NO, NO}},
  {Action::DecideApplication,  {NO, NO, NO, NO, NO, NO}},
  {Action::SuspendOrg,         {NO, NO, NO, NO, NO, NO}},
  {Action::ViewStructure,      {OK, OK, OK, OK, OK, OK}},
  {Action::EditStructure,      {OK, NO, NO, NO, NO, NO}},
  {Action::AssignClassTeacher, {OK, NO, NO, NO, NO, NO}},
  {Action::SetJournalUrl,      {OK, NO, NO, NO, NO, NO}},
  {Action::ListMembers,        {OK, OK, OK, OK, OK, OK}},
  {Action::ViewProfile,        {OK, OK, OK, OK, OK, OK}},
  {Action::VerifyTeacher,      {OK, NO, NO, NO, NO, NO}},
  {Action::SetMemberRole,      {OK, NO, NO, NO, NO, NO}},
  {Action::CreateStaffLink,    {OK, NO, NO, NO, NO, NO}},
  {Action::CreateStudentLink,  {OK, OK, OK, PV, NO, NO}},
  {Action::CreateParentLink,   {OK, OK, OK, PV, NO, NO}},
  {Action::CreateChatLink,     {OK, OK, OK, PV, NO, NO}},
  {Action::ListLinks,          {OK, OK, OK, PV, NO, NO}},
  {Action::RevokeLink,         {OK, OK, OK, PV, NO, NO}},  // own links
  {Action::CreateChat,         {OK, OK, OK, PV, NO, NO}},
  {Action::PostToChannel,      {OK, OK, NO, PV, NO, NO}},
  {Action::InviteParent,       {NO, NO, NO, NO, OK, NO}},
  {Action::JoinChat,           {OK, OK, OK, OK, OK, OK}},
};
// clang-format on

}  // namespace

TEST_CASE("[policy] every role x every action in one's own org") {
  CHECK(std::size(kTable) == static_cast<std::size_t>(Action::kCount));
  for (const Row& row : kTable) {
    for (int col = 0; col < kCols; ++col) {
      const pb::Membership m = membership(static_cast<Col>(col));
      const Actor actor{true, false, UserId{7}, &m};
      CAPTURE(action_name(row.action));
      CAPTURE(kColNames[col]);
      CHECK(check(actor, row.action, Target{OrgId{1}, UserId{7}}).code() == row.expected[col]);
    }
  }
}

TEST_CASE("[policy] strangers, other orgs, suspended orgs, the operator") {
  for (const Row& row : kTable) {
    CAPTURE(action_name(row.action));
    const bool platform = row.action == Action::ReviewApplications || row.action == Action::DecideApplication ||
                          row.action == Action::SuspendOrg;
    // Not logged in: always asked to log in.
    CHECK(check(Actor{}, row.action, Target{OrgId{1}}).code() == pb::ERROR_UNAUTHENTICATED);
    // An admin of org 2 acting on org 1: org 1 is invisible.
    pb::Membership other = membership(Admin);
    other.set_org_id(2);
    const Actor outsider{true, false, UserId{8}, &other};
    // A chat link names its org, so using one of another org says so.
    const auto invisible = row.action == Action::JoinChat ? pb::ERROR_WRONG_ORG : pb::ERROR_NOT_FOUND;
    CHECK(check(outsider, row.action, Target{OrgId{1}}).code() == (platform ? NO : invisible));
    const Actor nobody{true, false, UserId{8}, nullptr};
    CHECK(check(nobody, row.action, Target{OrgId{1}}).code() == (platform ? NO : invisible));
    // A suspended org: members can do nothing there.
    pb::Membership suspended = membership(Admin);
    suspended.set_org_status(pb::ORG_STATUS_SUSPENDED);
    const Actor frozen{true, false, UserId{7}, &suspended};
    CHECK(check(frozen, row.action, Target{OrgId{1}}).code() == (platform ? NO : pb::ERROR_ORG_SUSPENDED));
    // The operator: platform actions only (unless also a member).
    const Actor op{true, true, UserId{9}, nullptr};
    CHECK(check(op, row.action, Target{OrgId{1}}).code() == (platform ? OK : invisible));
  }
}

TEST_CASE("[policy] staff revoke only their own links; admins any") {
  const pb::Membership teacher = membership(Teacher);
  const Actor t{true, false, UserId{7}, &teacher};
  CHECK(check(t, Action::RevokeLink, Target{OrgId{1}, UserId{7}}).is_ok());
  CHECK(check(t, Action::RevokeLink, Target{OrgId{1}, UserId{99}}).code() == NO);
  const pb::Membership admin = membership(Admin);
  const Actor a{true, false, UserId{7}, &admin};
  CHECK(check(a, Action::RevokeLink, Target{OrgId{1}, UserId{99}}).is_ok());
  const pb::Membership pending = membership(Pending);
  const Actor p{true, false, UserId{7}, &pending};
  CHECK(check(p, Action::RevokeLink, Target{OrgId{1}, UserId{7}}).code() == PV);
}

TEST_CASE("[policy] parents see their own children, no others") {
  const pb::Membership parent = membership(Parent);
  const Actor p{true, false, UserId{7}, &parent};
  Target child{OrgId{1}};
  child.subject_role = pb::ROLE_STUDENT;
  child.subject_is_own_child = true;
  CHECK(check(p, Action::ViewProfile, child).is_ok());
  Target other = child;
  other.subject_is_own_child = false;
  CHECK(check(p, Action::ViewProfile, other).code() == pb::ERROR_NOT_FOUND);
  Target teacher{OrgId{1}};
  teacher.subject_role = pb::ROLE_TEACHER;
  CHECK(check(p, Action::ViewProfile, teacher).is_ok());
  // Everyone else sees every student of their org.
  const pb::Membership student = membership(Student);
  const Actor s{true, false, UserId{8}, &student};
  CHECK(check(s, Action::ViewProfile, other).is_ok());
}
