// The organization-state reducer; see org_state.h.
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

// A successful reply: fold it into the state.
void apply_result(OrgState& s, const pb::ClientFrame& cmd, const pb::ServerFrame& r) {
  switch (cmd.command_case()) {
    case pb::ClientFrame::kSubmitOrgApplication:
      if (r.has_org_application_submitted()) s.submitted_application = r.org_application_submitted().application_id();
      break;
    case pb::ClientFrame::kListOrgApplications:
      if (!r.has_org_applications()) break;
      s.applications.assign(r.org_applications().applications().begin(), r.org_applications().applications().end());
      sort_applications(s.applications);
      s.applications_loaded = true;
      break;
    case pb::ClientFrame::kDecideOrgApplication: {
      if (!r.has_org_application_decided()) break;
      const pb::OrgApplication& decided = r.org_application_decided().application();
      if (auto* a = find_by(s.applications, decided.id(), &pb::OrgApplication::id))
        *a = decided;
      else
        s.applications.push_back(decided);
      sort_applications(s.applications);
      break;
    }
    case pb::ClientFrame::kSetOrgSuspended: {
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
      break;
    }
    case pb::ClientFrame::kGetStructure:
    case pb::ClientFrame::kCreateGroup:
    case pb::ClientFrame::kAssignClassTeacher:
    case pb::ClientFrame::kSetJournalUrl:
      if (r.has_structure() && r.structure().org_id() == s.org.get()) s.structure = r.structure();
      break;
    case pb::ClientFrame::kCreateInviteLink:
      if (!r.has_invite_link_created()) break;
      s.links.insert(s.links.begin(), r.invite_link_created().link());
      s.created_link = r.invite_link_created().link().id();
      break;
    case pb::ClientFrame::kListInviteLinks:
      if (!r.has_invite_links()) break;
      s.links.assign(r.invite_links().links().begin(), r.invite_links().links().end());
      std::stable_sort(s.links.begin(), s.links.end(),
                       [](const pb::InviteLink& a, const pb::InviteLink& b) { return a.id() > b.id(); });
      s.links_loaded = true;
      break;
    case pb::ClientFrame::kRevokeInviteLink:
      if (auto* l = find_by(s.links, cmd.revoke_invite_link().link_id(), &pb::InviteLink::id)) l->set_revoked(true);
      break;
    case pb::ClientFrame::kInspectInvite:
      if (!r.has_invite_info() || cmd.inspect_invite().token() != s.invite_token) break;
      s.invite = r.invite_info();
      s.invite_error = Status::ok();
      break;
    case pb::ClientFrame::kRegister:
    case pb::ClientFrame::kConfirmRegistration:
      if (r.has_registration_pending()) {
        s.registration_pending = true;
        s.registration_id = r.registration_pending().registration_id();
        s.registration_sent_to = r.registration_pending().sent_to_masked();
      } else if (r.has_login_ok()) {
        s.registration_pending = false;
        s.registration_id.clear();
      }
      break;
    case pb::ClientFrame::kVerifyTeacher: {
      const bool verified = cmd.verify_teacher().verified();
      update_member(s, cmd.verify_teacher().user_id(), [&](pb::Member& m) {
        m.mutable_user()->set_verified_teacher(verified);
        m.set_pending_verification(!verified);
      });
      break;
    }
    case pb::ClientFrame::kSetMemberRole: {
      const pb::Role role = cmd.set_member_role().role();
      update_member(s, cmd.set_member_role().user_id(), [&](pb::Member& m) { m.mutable_user()->set_role(role); });
      break;
    }
    case pb::ClientFrame::kListMembers:
      if (!r.has_members()) break;
      for (const auto& m : r.members().members()) remember_staff(s, m);
      s.members.assign(r.members().members().begin(), r.members().members().end());
      s.members_loaded = true;
      break;
    case pb::ClientFrame::kGetProfile:
      if (r.has_members() && r.members().members_size() > 0) s.profile = r.members().members(0);
      break;
    case pb::ClientFrame::kInviteParent:
      s.parent_invited = true;
      break;
    case pb::ClientFrame::kRequestLoginCode:
      s.login_code_sent = true;
      break;
    case pb::ClientFrame::kLoginWithCode:
      s.login_code_sent = false;
      break;
    case pb::ClientFrame::kListSessions:
    case pb::ClientFrame::kEndSessions:
      if (!r.has_sessions()) break;
      s.sessions.assign(r.sessions().sessions().begin(), r.sessions().sessions().end());
      s.sessions_loaded = true;
      break;
    default:
      break;  // JoinChat, CreateChat: the chat state takes them (sync engine)
  }
}

// Replies to these replace what the previous one showed: only the newest counts.
bool newest_only(Command c) {
  return c == pb::ClientFrame::kListMembers || c == pb::ClientFrame::kGetProfile ||
         c == pb::ClientFrame::kListOrgApplications || c == pb::ClientFrame::kInspectInvite;
}

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

bool is_anonymous_command(const pb::ClientFrame& f) {
  switch (f.command_case()) {
    case pb::ClientFrame::kLogin:
    case pb::ClientFrame::kResumeSession:
    case pb::ClientFrame::kPing:
    case pb::ClientFrame::kSubmitOrgApplication:
    case pb::ClientFrame::kInspectInvite:
    case pb::ClientFrame::kRegister:
    case pb::ClientFrame::kConfirmRegistration:
    case pb::ClientFrame::kRequestLoginCode:
    case pb::ClientFrame::kLoginWithCode:
      return true;
    default:
      return false;
  }
}

OrgId command_org(const pb::ClientFrame& f) {
  switch (f.command_case()) {
    case pb::ClientFrame::kGetStructure:
      return OrgId{f.get_structure().org_id()};
    case pb::ClientFrame::kCreateGroup:
      return OrgId{f.create_group().org_id()};
    case pb::ClientFrame::kAssignClassTeacher:
      return OrgId{f.assign_class_teacher().org_id()};
    case pb::ClientFrame::kSetJournalUrl:
      return OrgId{f.set_journal_url().org_id()};
    case pb::ClientFrame::kCreateInviteLink:
      return OrgId{f.create_invite_link().org_id()};
    case pb::ClientFrame::kListInviteLinks:
      return OrgId{f.list_invite_links().org_id()};
    case pb::ClientFrame::kRevokeInviteLink:
      return OrgId{f.revoke_invite_link().org_id()};
    case pb::ClientFrame::kVerifyTeacher:
      return OrgId{f.verify_teacher().org_id()};
    case pb::ClientFrame::kSetMemberRole:
      return OrgId{f.set_member_role().org_id()};
    case pb::ClientFrame::kListMembers:
      return OrgId{f.list_members().org_id()};
    case pb::ClientFrame::kGetProfile:
      return OrgId{f.get_profile().org_id()};
    case pb::ClientFrame::kCreateChat:
      return OrgId{f.create_chat().org_id()};
    default:
      return OrgId{};
  }
}

void reduce_org_sent(OrgState& s, std::uint64_t request_id, const pb::ClientFrame& cmd) {
  OpStatus& op = s.op(cmd.command_case());
  op.latest = request_id;
  op.in_flight = true;
  op.error = Status::ok();
  switch (cmd.command_case()) {
    case pb::ClientFrame::kInspectInvite:
      if (cmd.inspect_invite().token() != s.invite_token) {
        s.invite_token = cmd.inspect_invite().token();
        s.invite.reset();
        s.invite_error = Status::ok();
      }
      break;
    case pb::ClientFrame::kJoinChat:
      s.joined_chat = ChatId{};
      break;
    case pb::ClientFrame::kSubmitOrgApplication:
      s.submitted_application = 0;
      break;
    case pb::ClientFrame::kInviteParent:
      s.parent_invited = false;
      break;
    case pb::ClientFrame::kRegister:
      s.registration_pending = false;
      break;
    default:
      break;
  }
  // Data of another org than the one shown: the views switched orgs.
  if (const OrgId org = command_org(cmd); org.valid() && org != s.org) reduce_select_org(s, org);
}

void reduce_org_reply(OrgState& s, std::uint64_t request_id, const pb::ClientFrame& cmd, const pb::ServerFrame& r) {
  const Command c = cmd.command_case();
  OpStatus& op = s.op(c);
  const bool newest = request_id == op.latest;
  if (newest) op.in_flight = false;
  if (r.has_error()) {
    const Status error(r.error().code(), r.error().message());
    s.last_error = error;
    s.last_error_command = c;
    if (newest) op.error = error;
    if (c == pb::ClientFrame::kInspectInvite && cmd.inspect_invite().token() == s.invite_token && newest) {
      s.invite.reset();
      s.invite_error = error;
    }
    if (c == pb::ClientFrame::kConfirmRegistration && r.error().code() != pb::ERROR_CODE_INVALID) {
      // The pending registration itself is gone (expired): start over.
      s.registration_pending = false;
    }
    return;
  }
  if (newest_only(c) && !newest) return;
  // Org data for an org no longer shown is dropped.
  if (const OrgId org = command_org(cmd); org.valid() && org != s.org) return;
  if (newest) op.error = Status::ok();
  ++op.succeeded;
  apply_result(s, cmd, r);
}

void reduce_org_disconnected(OrgState& s) {
  for (auto& op : s.ops) op.in_flight = false;
}

void reduce_select_org(OrgState& s, OrgId org) {
  if (org == s.org) return;
  s.org = org;
  reset_org_data(s);
}

}  // namespace parta
