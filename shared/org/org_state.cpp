// The organization-state reducer: one table row per org command; see org_state.h.
#include "shared/org/org_state.h"

#include <algorithm>

namespace parta {

namespace {

template <class T, class Id>
T* find_by(std::vector<T>& items, Id id, std::int64_t (T::*get)() const) {
  for (auto& item : items) {
    if ((item.*get)() == id) return &item;
  }
  return nullptr;
}

// Pending applications first, then the newest first.
void sort_applications(std::vector<pb::OrgApplication>& apps) {
  std::stable_sort(apps.begin(), apps.end(), [](const pb::OrgApplication& a, const pb::OrgApplication& b) {
    const bool pa = a.status() == pb::APPLICATION_PENDING, pb_ = b.status() == pb::APPLICATION_PENDING;
    if (pa != pb_) return pa;
    if (a.submitted_at_ms() != b.submitted_at_ms()) return a.submitted_at_ms() > b.submitted_at_ms();
    return a.id() > b.id();
  });
}

bool is_staff(const pb::Member& m) { return m.user().role() == pb::ROLE_TEACHER || m.user().role() == pb::ROLE_HEAD; }

// Keeps the staff roster: every teacher and head any reply showed, updated in place.
void remember_staff(OrgState& s, const pb::Member& m) {
  auto it =
      std::find_if(s.staff.begin(), s.staff.end(), [&](const pb::Member& x) { return x.user().id() == m.user().id(); });
  if (!is_staff(m)) {
    if (it != s.staff.end()) s.staff.erase(it);  // e.g. an admin changed the role
    return;
  }
  if (it != s.staff.end())
    *it = m;
  else
    s.staff.push_back(m);
}

// Applies a change to one member everywhere it is shown.
template <class F>
void update_member(OrgState& s, std::int64_t user_id, F change) {
  for (auto& m : s.members) {
    if (m.user().id() == user_id) change(m);
  }
  if (s.profile && s.profile->user().id() == user_id) change(*s.profile);
  for (auto& m : s.staff) {
    if (m.user().id() == user_id) {
      change(m);
      pb::Member copy = m;
      remember_staff(s, copy);
      break;
    }
  }
}

void reset_org_data(OrgState& s) {
  s.structure.reset();
  s.members.clear();
  s.members_loaded = false;
  s.staff.clear();
  s.links.clear();
  s.links_loaded = false;
  s.created_link = 0;
  s.profile.reset();
}

// ---------------------------------------------------------------------------
// What each command does: sent, succeeded, failed
// ---------------------------------------------------------------------------

void set_structure(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (r.has_structure() && r.structure().org_id() == s.org.get()) s.structure = r.structure();
}

void application_submitted(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (r.has_org_application_submitted()) s.submitted_application = r.org_application_submitted().application_id();
}

void applications_listed(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (!r.has_org_applications()) return;
  s.applications.assign(r.org_applications().applications().begin(), r.org_applications().applications().end());
  sort_applications(s.applications);
  s.applications_loaded = true;
}

void application_decided(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (!r.has_org_application_decided()) return;
  const pb::OrgApplication& decided = r.org_application_decided().application();
  if (auto* a = find_by(s.applications, decided.id(), &pb::OrgApplication::id))
    *a = decided;
  else
    s.applications.push_back(decided);
  sort_applications(s.applications);
}

void org_suspended(OrgState& s, const pb::ClientFrame& cmd, const pb::ServerFrame&) {
  const auto& c = cmd.set_org_suspended();
  auto it = std::find_if(s.org_suspended.begin(), s.org_suspended.end(),
                         [&](const auto& p) { return p.first == c.org_id(); });
  if (it != s.org_suspended.end())
    it->second = c.suspended();
  else
    s.org_suspended.emplace_back(c.org_id(), c.suspended());
  if (s.structure && s.structure->org_id() == c.org_id()) {
    s.structure->set_status(c.suspended() ? pb::ORG_STATUS_SUSPENDED : pb::ORG_STATUS_ACTIVE);
  }
}

void link_created(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (!r.has_invite_link_created()) return;
  s.links.insert(s.links.begin(), r.invite_link_created().link());
  s.created_link = r.invite_link_created().link().id();
}

void links_listed(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (!r.has_invite_links()) return;
  s.links.assign(r.invite_links().links().begin(), r.invite_links().links().end());
  std::stable_sort(s.links.begin(), s.links.end(),
                   [](const pb::InviteLink& a, const pb::InviteLink& b) { return a.id() > b.id(); });
  s.links_loaded = true;
}

void link_revoked(OrgState& s, const pb::ClientFrame& cmd, const pb::ServerFrame&) {
  if (auto* l = find_by(s.links, cmd.revoke_invite_link().link_id(), &pb::InviteLink::id)) l->set_revoked(true);
}

void invite_asked(OrgState& s, const pb::ClientFrame& cmd) {
  if (cmd.inspect_invite().token() == s.invite_token) return;
  s.invite_token = cmd.inspect_invite().token();
  s.invite.reset();
  s.invite_error = Status::ok();
}

void invite_inspected(OrgState& s, const pb::ClientFrame& cmd, const pb::ServerFrame& r) {
  if (!r.has_invite_info() || cmd.inspect_invite().token() != s.invite_token) return;
  s.invite = r.invite_info();
  s.invite_error = Status::ok();
}

void invite_refused(OrgState& s, const pb::ClientFrame& cmd, const Status& error, bool newest) {
  if (!newest || cmd.inspect_invite().token() != s.invite_token) return;
  s.invite.reset();
  s.invite_error = error;
}

void registration_answered(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (r.has_registration_pending()) {
    s.registration_pending = true;
    s.registration_id = r.registration_pending().registration_id();
    s.registration_sent_to = r.registration_pending().sent_to_masked();
  } else if (r.has_login_ok()) {
    s.registration_pending = false;
    s.registration_id.clear();
  }
}

void confirmation_refused(OrgState& s, const pb::ClientFrame&, const Status& error, bool) {
  // A wrong code may be typed again; otherwise the pending registration itself
  // is gone (expired): start over.
  if (error.code() != pb::ERROR_CODE_INVALID) s.registration_pending = false;
}

void teacher_verified(OrgState& s, const pb::ClientFrame& cmd, const pb::ServerFrame&) {
  const bool verified = cmd.verify_teacher().verified();
  update_member(s, cmd.verify_teacher().user_id(), [&](pb::Member& m) {
    m.mutable_user()->set_verified_teacher(verified);
    m.set_pending_verification(!verified);
  });
}

void member_role_set(OrgState& s, const pb::ClientFrame& cmd, const pb::ServerFrame&) {
  const pb::Role role = cmd.set_member_role().role();
  update_member(s, cmd.set_member_role().user_id(), [&](pb::Member& m) { m.mutable_user()->set_role(role); });
}

void members_listed(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (!r.has_members()) return;
  for (const auto& m : r.members().members()) remember_staff(s, m);
  s.members.assign(r.members().members().begin(), r.members().members().end());
  s.members_loaded = true;
}

void profile_got(OrgState& s, const pb::ClientFrame&, const pb::ServerFrame& r) {
  if (r.has_members() && r.members().members_size() > 0) s.profile = r.members().members(0);
}

// The org of a command with an org_id field (`Get`: the oneof accessor).
template <auto Get>
OrgId org_of(const pb::ClientFrame& f) {
  return OrgId{(f.*Get)().org_id()};
}

// Every org command. A new one is a row here (and its validation and server module).
// JoinChat and CreateChat change the chat list: OrgManager hands their replies on.
const OrgCommand kOrgCommands[] = {
    // the platform operator
    {.command = pb::ClientFrame::kSubmitOrgApplication,
     .sent = [](OrgState& s, const pb::ClientFrame&) { s.submitted_application = 0; },
     .result = application_submitted},
    {.command = pb::ClientFrame::kListOrgApplications, .newest_only = true, .result = applications_listed},
    {.command = pb::ClientFrame::kDecideOrgApplication, .result = application_decided},
    {.command = pb::ClientFrame::kSetOrgSuspended, .result = org_suspended},
    // structure
    {.command = pb::ClientFrame::kGetStructure,
     .org = org_of<&pb::ClientFrame::get_structure>,
     .result = set_structure},
    {.command = pb::ClientFrame::kCreateGroup, .org = org_of<&pb::ClientFrame::create_group>, .result = set_structure},
    {.command = pb::ClientFrame::kAssignClassTeacher,
     .org = org_of<&pb::ClientFrame::assign_class_teacher>,
     .result = set_structure},
    {.command = pb::ClientFrame::kSetJournalUrl,
     .org = org_of<&pb::ClientFrame::set_journal_url>,
     .result = set_structure},
    // invite links
    {.command = pb::ClientFrame::kCreateInviteLink,
     .org = org_of<&pb::ClientFrame::create_invite_link>,
     .result = link_created},
    {.command = pb::ClientFrame::kListInviteLinks,
     .org = org_of<&pb::ClientFrame::list_invite_links>,
     .result = links_listed},
    {.command = pb::ClientFrame::kRevokeInviteLink,
     .org = org_of<&pb::ClientFrame::revoke_invite_link>,
     .result = link_revoked},
    {.command = pb::ClientFrame::kInspectInvite,
     .newest_only = true,
     .sent = invite_asked,
     .result = invite_inspected,
     .failed = invite_refused},
    {.command = pb::ClientFrame::kJoinChat, .sent = [](OrgState& s, const pb::ClientFrame&) { s.joined_chat = {}; }},
    // registration by a link
    {.command = pb::ClientFrame::kRegister,
     .sent = [](OrgState& s, const pb::ClientFrame&) { s.registration_pending = false; },
     .result = registration_answered},
    {.command = pb::ClientFrame::kConfirmRegistration,
     .result = registration_answered,
     .failed = confirmation_refused},
    // members
    {.command = pb::ClientFrame::kVerifyTeacher,
     .org = org_of<&pb::ClientFrame::verify_teacher>,
     .result = teacher_verified},
    {.command = pb::ClientFrame::kSetMemberRole,
     .org = org_of<&pb::ClientFrame::set_member_role>,
     .result = member_role_set},
    {.command = pb::ClientFrame::kListMembers,
     .newest_only = true,
     .org = org_of<&pb::ClientFrame::list_members>,
     .result = members_listed},
    {.command = pb::ClientFrame::kGetProfile,
     .newest_only = true,
     .org = org_of<&pb::ClientFrame::get_profile>,
     .result = profile_got},
    {.command = pb::ClientFrame::kInviteParent,
     .sent = [](OrgState& s, const pb::ClientFrame&) { s.parent_invited = false; },
     .result = [](OrgState& s, const pb::ClientFrame&, const pb::ServerFrame&) { s.parent_invited = true; }},
    // chats of an org
    {.command = pb::ClientFrame::kCreateChat, .org = org_of<&pb::ClientFrame::create_chat>},
};

}  // namespace

const pb::InviteLink* OrgState::find_link(std::int64_t id) const {
  for (const auto& l : links) {
    if (l.id() == id) return &l;
  }
  return nullptr;
}

const pb::Member* OrgState::find_member(std::int64_t user_id) const {
  for (const auto& m : members) {
    if (m.user().id() == user_id) return &m;
  }
  for (const auto& m : staff) {
    if (m.user().id() == user_id) return &m;
  }
  return nullptr;
}

const pb::OrgApplication* OrgState::find_application(std::int64_t id) const {
  for (const auto& a : applications) {
    if (a.id() == id) return &a;
  }
  return nullptr;
}

std::optional<bool> OrgState::suspended(std::int64_t org_id) const {
  for (const auto& [id, value] : org_suspended) {
    if (id == org_id) return value;
  }
  return std::nullopt;
}

const OrgCommand* find_org_command(Command c) {
  for (const auto& command : kOrgCommands) {
    if (command.command == c) return &command;
  }
  return nullptr;
}

OrgId command_org(const pb::ClientFrame& f) {
  const OrgCommand* command = find_org_command(f.command_case());
  return command && command->org ? command->org(f) : OrgId{};
}

void reduce_org_sent(OrgState& s, std::uint64_t request_id, const pb::ClientFrame& cmd) {
  log_sent(s, request_id, cmd.command_case());
  if (const OrgCommand* command = find_org_command(cmd.command_case()); command && command->sent) command->sent(s, cmd);
  // Data of another org than the one shown: the views switched orgs.
  if (const OrgId org = command_org(cmd); org.valid() && org != s.org) reduce_select_org(s, org);
}

void reduce_org_reply(OrgState& s, std::uint64_t request_id, const pb::ClientFrame& cmd, const pb::ServerFrame& r) {
  const Command c = cmd.command_case();
  const OrgCommand* command = find_org_command(c);
  const bool newest = log_reply(s, request_id, c, r);
  if (r.has_error()) {
    if (command && command->failed) command->failed(s, cmd, Status(r.error().code(), r.error().message()), newest);
    return;
  }
  if (command && command->newest_only && !newest) return;
  // Org data for an org no longer shown is dropped.
  if (const OrgId org = command_org(cmd); org.valid() && org != s.org) return;
  log_success(s, c, newest);
  if (command && command->result) command->result(s, cmd, r);
}

void reduce_org_disconnected(OrgState& s) { log_disconnected(s); }

void reduce_select_org(OrgState& s, OrgId org) {
  if (org == s.org) return;
  s.org = org;
  reset_org_data(s);
}

}  // namespace parta
