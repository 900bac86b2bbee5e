// The chat permission policy; see chat_policy.h.
#include "shared/chat/chat_policy.h"

#include "shared/core/validation.h"

namespace parta {

namespace {

// Higher outranks lower; moderation acts only downwards.
int rank(pb::ChatRole role) {
  switch (role) {
    case pb::CHAT_ROLE_OWNER: return 3;
    case pb::CHAT_ROLE_MODERATOR: return 2;
    case pb::CHAT_ROLE_MEMBER: return 1;
    case pb::CHAT_ROLE_READ_ONLY: return 0;
    default: return -1;
  }
}

Status denied(const char* why) { return {pb::ERROR_PERMISSION_DENIED, why}; }

}  // namespace

const char* chat_action_name(ChatAction action) {
  switch (action) {
    case ChatAction::Post: return "Post";
    case ChatAction::CreatePoll: return "CreatePoll";
    case ChatAction::Vote: return "Vote";
    case ChatAction::EditMessage: return "EditMessage";
    case ChatAction::DeleteMessage: return "DeleteMessage";
    case ChatAction::Pin: return "Pin";
    case ChatAction::ClosePoll: return "ClosePoll";
    case ChatAction::EditSettings: return "EditSettings";
    case ChatAction::SetMemberRole: return "SetMemberRole";
    case ChatAction::MuteMember: return "MuteMember";
    case ChatAction::RemoveMember: return "RemoveMember";
    case ChatAction::kCount: break;
  }
  return "Unknown";
}

bool is_chat_staff(pb::Role org_role, bool verified) {
  if (org_role == pb::ROLE_ADMIN) return true;
  return (org_role == pb::ROLE_TEACHER || org_role == pb::ROLE_HEAD) && verified;
}

pb::ChatRole default_chat_role(pb::Role org_role, bool verified) {
  return is_chat_staff(org_role, verified) ? pb::CHAT_ROLE_MODERATOR : pb::CHAT_ROLE_MEMBER;
}

pb::ChatRole effective_chat_role(pb::ChatRole stored, pb::Role org_role, bool verified) {
  return stored == pb::CHAT_ROLE_UNSPECIFIED ? default_chat_role(org_role, verified) : stored;
}

Status check_chat(const ChatActor& actor, ChatAction action, const ChatTarget& target) {
  // Someone else's chat looks exactly like a chat that does not exist.
  if (rank(actor.chat_role) < 0) return {pb::ERROR_NOT_FOUND, "no such chat"};
  if (actor.org_suspended) return {pb::ERROR_ORG_SUSPENDED, "the organization is suspended"};
  const int me = rank(actor.chat_role);
  const bool direct = target.kind == pb::CHAT_KIND_DIRECT;
  const bool org_admin = actor.org_role == pb::ROLE_ADMIN;
  const bool staff = is_chat_staff(actor.org_role, actor.verified);
  const bool moderates = me >= rank(pb::CHAT_ROLE_MODERATOR) || org_admin;
  const bool author = target.author.valid() && target.author == actor.user;

  auto may_post = [&]() -> Status {
    if (actor.muted) return {pb::ERROR_MUTED, "a moderator muted you in this chat"};
    if (actor.chat_role == pb::CHAT_ROLE_READ_ONLY) return denied("read-only in this chat");
    if (target.post_policy == pb::POST_POLICY_MODERATORS && !moderates && !staff) {
      return denied("only moderators and teachers post in this chat");
    }
    return Status::ok();
  };
  // Moderation acts on members ranked below the actor (an org admin ranks as an owner).
  auto outranks = [&]() -> bool {
    const int mine = org_admin ? rank(pb::CHAT_ROLE_OWNER) : me;
    return target.subject != actor.user && rank(target.subject_role) >= 0 &&
           rank(target.subject_role) < mine && target.subject_role != pb::CHAT_ROLE_OWNER;
  };

  switch (action) {
    case ChatAction::Post: return may_post();
    case ChatAction::CreatePoll: {
      if (auto s = may_post(); !s) return s;
      if (direct || target.poll_policy == pb::POLL_POLICY_ALL || moderates || staff) return Status::ok();
      return denied("only moderators and teachers create polls in this chat");
    }
    case ChatAction::Vote: return Status::ok();
    case ChatAction::EditMessage: {
      if (!author) return denied("only the author edits a message");
      if (target.is_poll) return denied("a poll cannot be edited");
      if (actor.muted) return {pb::ERROR_MUTED, "a moderator muted you in this chat"};
      if (actor.chat_role == pb::CHAT_ROLE_READ_ONLY) return denied("read-only in this chat");
      if (target.now_ms - target.sent_at_ms > kEditWindowMs) return {pb::ERROR_TOO_LATE, "too late to edit"};
      return Status::ok();
    }
    case ChatAction::DeleteMessage: {
      if (moderates && !direct) return Status::ok();
      if (!author) return denied("only the author or a moderator deletes a message");
      if (target.now_ms - target.sent_at_ms > kDeleteWindowMs) return {pb::ERROR_TOO_LATE, "too late to delete"};
      return Status::ok();
    }
    case ChatAction::Pin:
      if (direct || moderates) return Status::ok();
      return denied("only moderators pin messages");
    case ChatAction::ClosePoll:
      if (author || (moderates && !direct)) return Status::ok();
      return denied("only the poll's creator or a moderator closes it");
    case ChatAction::EditSettings:
      if (direct) return denied("a direct chat has no settings");
      return moderates ? Status::ok() : denied("only moderators change chat settings");
    case ChatAction::SetMemberRole: {
      if (direct) return denied("a direct chat has no roles");
      if (actor.chat_role != pb::CHAT_ROLE_OWNER && !org_admin) return denied("only the owner sets roles");
      if (target.new_role == pb::CHAT_ROLE_OWNER || rank(target.new_role) < 0) {
        return {pb::ERROR_INVALID_ARGUMENT, "a role must be moderator, member or read-only"};
      }
      return outranks() ? Status::ok() : denied("cannot change this member's role");
    }
    case ChatAction::MuteMember:
    case ChatAction::RemoveMember:
      if (direct) return denied("not in a direct chat");
      if (!moderates) return denied("only moderators mute or remove members");
      return outranks() ? Status::ok() : denied("cannot act on a member of equal or higher rank");
    case ChatAction::kCount: break;
  }
  return denied("not allowed");
}

}  // namespace parta
