// MemberService: permissions by parta::check; contacts never leave storage
// (members become pb::User through wire.h only).
#include "server/org/member_service.h"

#include <algorithm>
#include <unordered_set>

#include "server/app/log.h"
#include "server/org/org_wire.h"
#include "shared/core/text.h"

namespace parta::server {

namespace {

constexpr int kMaxMembersPage = 1000;

bool is_staff(pb::Role role) { return role == pb::ROLE_ADMIN || role == pb::ROLE_HEAD || role == pb::ROLE_TEACHER; }

}  // namespace

Target MemberService::subject(const Viewer& viewer, OrgId org, const MemberRecord& member,
                              const std::vector<UserId>& children) const {
  Target t;
  t.org = org;
  t.subject_role = member.user.role;
  t.subject_is_own_child =
      member.user.id == viewer.user || std::find(children.begin(), children.end(), member.user.id) != children.end();
  return t;
}

Result<std::vector<UserId>> MemberService::children_of_viewer(const Viewer& viewer, OrgId org) {
  const pb::Membership* m = find_membership(viewer.memberships, org);
  std::vector<UserId> out;
  if (m) {
    for (auto id : m->children()) out.emplace_back(id);
  }
  return out;
}

Status MemberService::verify_teacher(const Viewer& viewer, const pb::VerifyTeacher& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::VerifyTeacher, org); !s) return s;
  auto member = members_.find_member(org, UserId(command.user_id()));
  if (!member) return member.status();
  if (!member.value()) return {pb::ERROR_NOT_FOUND, "no such member"};
  const pb::Role role = member.value()->user.role;
  if (role != pb::ROLE_TEACHER && role != pb::ROLE_HEAD) return {pb::ERROR_INVALID_ARGUMENT, "not a teacher"};
  if (auto s = members_.set_verified(org, member.value()->user.id, command.verified()); !s) return s;
  log_info("org ", org.get(), ": teacher ", command.user_id(), command.verified() ? " verified" : " un-verified");
  return Status::ok();
}

Status MemberService::set_role(const Viewer& viewer, const pb::SetMemberRole& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::SetMemberRole, org); !s) return s;
  auto member = members_.find_member(org, UserId(command.user_id()));
  if (!member) return member.status();
  if (!member.value()) return {pb::ERROR_NOT_FOUND, "no such member"};
  const UserRecord& u = member.value()->user;
  const pb::Role to = command.role();
  if (u.role == to) return Status::ok();
  // Students and parents are who they registered as; staff move between staff roles.
  if (!is_staff(u.role) || !is_staff(to)) return {pb::ERROR_INVALID_ARGUMENT, "only staff roles can change"};
  if (to == pb::ROLE_HEAD && !u.verified_teacher) {
    return {pb::ERROR_PENDING_VERIFICATION, "a head must be a verified teacher"};
  }
  if (u.role == pb::ROLE_ADMIN) {
    auto admins = members_.count_role(org, pb::ROLE_ADMIN);
    if (!admins) return admins.status();
    if (admins.value() <= 1) return {pb::ERROR_INVALID_ARGUMENT, "the organization needs an admin"};
  }
  if (auto s = members_.set_role(org, u.id, to); !s) return s;
  log_info("org ", org.get(), ": member ", u.id.get(), " is now role ", static_cast<int>(to));
  return Status::ok();
}

Result<pb::Members> MemberService::list(const Viewer& viewer, const pb::ListMembers& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::ListMembers, org); !s) return s;
  auto children = children_of_viewer(viewer, org);
  if (!children) return children.status();
  auto all = members_.list_members(org);
  if (!all) return all.status();
  pb::Members out;
  for (const MemberRecord& m : all.value()) {
    if (command.role() != pb::ROLE_UNSPECIFIED && m.user.role != command.role()) continue;
    if (command.group_id() != 0 && m.group.get() != command.group_id()) continue;
    const bool pending = (m.user.role == pb::ROLE_TEACHER || m.user.role == pb::ROLE_HEAD) && !m.user.verified_teacher;
    if (command.pending_only() && !pending) continue;
    if (!matches_search(m.user.display_name, command.query())) continue;
    if (!viewer.check(Action::ViewProfile, subject(viewer, org, m, children.value()))) continue;
    to_wire(m, out.add_members());
    if (out.members_size() >= kMaxMembersPage) break;
  }
  return out;
}

Result<pb::Members> MemberService::profile(const Viewer& viewer, const pb::GetProfile& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::ViewProfile, org); !s) return s;
  auto member = members_.find_member(org, UserId(command.user_id()));
  if (!member) return member.status();
  if (!member.value()) return Status(pb::ERROR_NOT_FOUND, "no such member");
  auto children = children_of_viewer(viewer, org);
  if (!children) return children.status();
  if (auto s = viewer.check(Action::ViewProfile, subject(viewer, org, *member.value(), children.value())); !s) return s;
  pb::Members out;
  to_wire(*member.value(), out.add_members());
  return out;
}

Result<ChatId> MemberService::create_chat(const Viewer& viewer, const pb::CreateChat& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::CreateChat, org); !s) return s;
  std::vector<UserId> members{viewer.user};
  std::unordered_set<std::int64_t> seen{viewer.user.get()};
  for (auto id : command.member_ids()) {
    if (!seen.insert(id).second) continue;
    auto member = members_.find_member(org, UserId(id));
    if (!member) return member.status();
    if (!member.value()) return Status(pb::ERROR_NOT_FOUND, "no such member in this organization");
    members.emplace_back(id);
  }
  const auto& settings = command.settings();
  if (!pb::PostPolicy_IsValid(settings.post_policy()) || !pb::PollPolicy_IsValid(settings.poll_policy())) {
    return Status(pb::ERROR_INVALID_ARGUMENT, "unknown policy");
  }
  NewChat chat_spec;
  chat_spec.org = org;
  chat_spec.kind = pb::CHAT_KIND_GROUP;
  chat_spec.title = command.title();
  chat_spec.members = std::move(members);
  chat_spec.owner = viewer.user;  // the creator owns it
  chat_spec.post_policy = settings.post_policy();
  chat_spec.poll_policy = settings.poll_policy();
  const std::size_t member_count = chat_spec.members.size();
  auto chat = chats_.create_chat(chat_spec);
  if (!chat) return chat.status();
  log_info("org ", org.get(), ": chat ", chat.value().get(), " created by ", viewer.user.get(), " with ",
           member_count, " members");
  return chat.value();
}

}  // namespace parta::server
