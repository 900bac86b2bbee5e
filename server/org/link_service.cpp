// LinkService: which link kinds a person may make is the policy's call
// (CreateStaffLink, CreateStudentLink, ...); the data checks are here.
#include "server/org/link_service.h"

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/org/org_wire.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

constexpr std::uint32_t kMaxLinkUses = 10'000;

Action action_for(pb::LinkKind kind) {
  switch (kind) {
    case pb::LINK_KIND_STAFF:
      return Action::CreateStaffLink;
    case pb::LINK_KIND_STUDENTS:
      return Action::CreateStudentLink;
    case pb::LINK_KIND_PARENTS:
      return Action::CreateParentLink;
    default:
      return Action::CreateChatLink;
  }
}

}  // namespace

Result<LinkRecord> LinkService::store_new(LinkRecord draft) {
  draft.token = new_session_token();  // 256 random bits
  auto id = links_.create_link(draft);
  if (!id) return id.status();
  auto stored = links_.find_link(id.value());
  if (!stored) return stored.status();
  if (!stored.value()) return Status(pb::ERROR_INTERNAL, "link vanished");
  return std::move(*stored.value());
}

Result<pb::InviteLinkCreated> LinkService::create(const Viewer& viewer, const pb::CreateInviteLink& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(action_for(command.kind()), org); !s) return s;
  const std::int64_t now = now_ms();
  LinkRecord draft;
  draft.org = org;
  draft.kind = command.kind();
  draft.created_by = viewer.user;
  draft.created_at_ms = now;
  draft.expires_at_ms = command.expires_at_ms() == 0 ? now + kDefaultLinkLifetimeMs : command.expires_at_ms();
  if (draft.expires_at_ms <= now || draft.expires_at_ms > now + kMaxLinkLifetimeMs) {
    return Status(pb::ERROR_INVALID_ARGUMENT, "the expiry must be in the future, at most 90 days ahead");
  }
  if (command.max_uses() > kMaxLinkUses) return Status(pb::ERROR_INVALID_ARGUMENT, "too many uses");
  draft.max_uses = command.max_uses();
  if (command.kind() == pb::LINK_KIND_STUDENTS || command.kind() == pb::LINK_KIND_PARENTS) {
    auto group = orgs_.find_group(GroupId(command.group_id()));
    if (!group) return group.status();
    if (!group.value() || group.value()->org != org) return Status(pb::ERROR_NOT_FOUND, "no such class");
    if (group.value()->kind != pb::GROUP_KIND_CLASS) return Status(pb::ERROR_INVALID_ARGUMENT, "not a class");
    draft.group = group.value()->id;
  } else if (command.kind() == pb::LINK_KIND_CHAT) {
    // Only a group chat of this org that the creator is in.
    auto chat = chats_.find_chat(ChatId(command.chat_id()));
    if (!chat) return chat.status();
    if (!chat.value() || chat.value()->org != org) return Status(pb::ERROR_NOT_FOUND, "no such chat");
    auto member = chats_.is_member(chat.value()->id, viewer.user);
    if (!member) return member.status();
    if (!member.value()) return Status(pb::ERROR_NOT_FOUND, "no such chat");  // others' chats are invisible
    if (chat.value()->kind != pb::CHAT_KIND_GROUP) return Status(pb::ERROR_INVALID_ARGUMENT, "not a group chat");
    draft.chat = chat.value()->id;
  }
  auto stored = store_new(std::move(draft));
  if (!stored) return stored.status();
  log_info("org ", org.get(), ": link ", stored->id.get(), " (kind ", static_cast<int>(stored->kind), ") created by ",
           viewer.user.get());
  pb::InviteLinkCreated out;
  to_wire(stored.value(), out.mutable_link());
  return out;
}

Result<pb::InviteLinks> LinkService::list(const Viewer& viewer, const pb::ListInviteLinks& command) {
  const OrgId org(command.org_id());
  if (auto s = viewer.check(Action::ListLinks, org); !s) return s;
  // Whoever may revoke anyone's link (the policy says: admins) sees every link;
  // everyone else sees the links they made.
  const bool all = viewer.check_owned(Action::RevokeLink, org, UserId()).is_ok();
  auto links = links_.list_links(org, all ? UserId() : viewer.user);
  if (!links) return links.status();
  pb::InviteLinks out;
  for (const auto& l : links.value()) to_wire(l, out.add_links());
  return out;
}

Status LinkService::revoke(const Viewer& viewer, const pb::RevokeInviteLink& command) {
  const OrgId org(command.org_id());
  auto link = links_.find_link(LinkId(command.link_id()));
  if (!link) return link.status();
  if (!link.value() || link.value()->org != org) {
    // Say "not found" only to someone who could revoke their own links there.
    if (auto s = viewer.check_owned(Action::RevokeLink, org, viewer.user); !s) return s;
    return {pb::ERROR_NOT_FOUND, "no such link"};
  }
  if (auto s = viewer.check_owned(Action::RevokeLink, org, link.value()->created_by); !s) return s;
  if (auto s = links_.revoke_link(link.value()->id); !s) return s;
  log_info("org ", org.get(), ": link ", link.value()->id.get(), " revoked by ", viewer.user.get());
  return Status::ok();
}

Result<LinkRecord> LinkService::usable(const std::string& token) {
  auto link = links_.find_link_by_token(token);
  if (!link) return link.status();
  if (!link.value()) return Status(pb::ERROR_NOT_FOUND, "no such link");
  const LinkRecord& l = *link.value();
  if (l.revoked) return Status(pb::ERROR_LINK_REVOKED, "the link was revoked");
  if (l.expires_at_ms <= now_ms()) return Status(pb::ERROR_LINK_EXPIRED, "the link has expired");
  if (l.max_uses != 0 && l.uses >= l.max_uses) return Status(pb::ERROR_LINK_USED_UP, "the link is used up");
  if (l.org_status == pb::ORG_STATUS_SUSPENDED) return Status(pb::ERROR_ORG_SUSPENDED, "the organization is suspended");
  return std::move(*link.value());
}

Result<pb::InviteInfo> LinkService::inspect(const std::string& token) {
  auto link = usable(token);
  if (!link) return link.status();
  pb::InviteInfo out;
  out.set_kind(link->kind);
  out.set_org_name(link->org_name);
  out.set_group_name(link->group_name);
  out.set_chat_title(link->chat_title);
  out.set_child_name(link->child_name);
  return out;
}

Result<LinkRecord> LinkService::create_parent_invite(const pb::Membership& child_membership, UserId child) {
  const std::int64_t now = now_ms();
  LinkRecord draft;
  draft.org = OrgId(child_membership.org_id());
  draft.kind = pb::LINK_KIND_PARENTS;
  draft.group = GroupId(child_membership.class_id());
  draft.child = child;
  draft.created_by = child;
  draft.created_at_ms = now;
  draft.expires_at_ms = now + kDefaultLinkLifetimeMs;
  draft.max_uses = 1;
  if (!draft.group.valid()) return Status(pb::ERROR_INVALID_ARGUMENT, "the student has no class");
  return store_new(std::move(draft));
}

}  // namespace parta::server
