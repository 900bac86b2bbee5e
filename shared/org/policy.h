// Who may do what: the one permission policy. The server enforces it on every
// command; the client asks it what to show. Pure: the caller describes the actor
// (from the session) and the target (from storage), the policy answers with a
// typed Status.
#pragma once

#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta {

enum class Action {
  // The platform (operator only).
  ReviewApplications,   // see the queue of organization applications
  DecideApplication,    // approve or reject one
  SuspendOrg,           // suspend or restore an organization
  // Structure of one organization.
  ViewStructure,        // classes, groups, departments, journal URL
  EditStructure,        // create classes, groups, departments
  AssignClassTeacher,
  SetJournalUrl,
  // People.
  ListMembers,          // the directory of one's own org
  ViewProfile,          // one member's name, role, badge, class
  VerifyTeacher,
  SetMemberRole,
  // Links.
  CreateStaffLink,
  CreateStudentLink,
  CreateParentLink,
  CreateChatLink,
  ListLinks,
  RevokeLink,           // target.owner: the link's creator
  // Chats.
  CreateChat,
  PostToChannel,        // the org's information channel
  InviteParent,         // a student invites their parent by e-mail
  JoinChat,             // join a chat with a CHAT link (members of the link's org only)
  kCount
};

const char* action_name(Action action);

struct Actor {
  bool authenticated = false;
  bool platform_operator = false;
  UserId user;
  // The actor's membership in the target organization; null when they have none.
  const pb::Membership* membership = nullptr;
};

struct Target {
  OrgId org;
  UserId owner;  // the object's creator, where that matters (RevokeLink)
  // ViewProfile of one member (and each row of ListMembers): who is looked at.
  // Parents see no other children: a student who is not their own is invisible.
  pb::Role subject_role = pb::ROLE_UNSPECIFIED;
  bool subject_is_own_child = false;
};

// OK, or: UNAUTHENTICATED (no session), PERMISSION_DENIED (not your role),
// NOT_FOUND (an org you are not in: it is invisible), ORG_SUSPENDED,
// PENDING_VERIFICATION (a teacher an admin has not verified yet), WRONG_ORG
// (JoinChat with a link of an org you are not in: the link already named it).
Status check(const Actor& actor, Action action, const Target& target = {});
inline bool allowed(const Actor& actor, Action action, const Target& target = {}) {
  return check(actor, action, target).is_ok();
}

// The membership in `org` among a person's memberships, or null.
const pb::Membership* find_membership(const std::vector<pb::Membership>& memberships, OrgId org);

// A teacher or head whose status an admin verified.
bool is_verified_staff(const pb::Membership& membership);

}  // namespace parta
