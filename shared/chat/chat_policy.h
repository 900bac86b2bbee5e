// Who may do what inside one chat: post, reply, edit, delete, pin, polls, and
// chat moderation. The server enforces it on every chat command; the client asks
// it what to show (a composer, a menu item, a button). Pure, like policy.h: the
// caller describes the actor (their org role and chat role) and the target.
#pragma once

#include <cstdint>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta {

enum class ChatAction {
  Post,           // send a message or a reply
  CreatePoll,
  Vote,
  EditMessage,    // target.author, target.sent_at_ms
  DeleteMessage,  // target.author, target.sent_at_ms
  Pin,
  ClosePoll,      // target.author: the poll's creator
  EditSettings,   // who may post, who may create polls
  SetMemberRole,  // target.subject_role -> target.new_role
  MuteMember,     // target.subject_role
  RemoveMember,   // target.subject_role
  kCount
};

const char* chat_action_name(ChatAction action);

struct ChatActor {
  UserId user;
  pb::Role org_role = pb::ROLE_UNSPECIFIED;  // in the chat's organization
  bool verified = false;                      // a verified teacher or head
  pb::ChatRole chat_role = pb::CHAT_ROLE_UNSPECIFIED;  // effective; UNSPECIFIED: not a member
  bool muted = false;
  bool org_suspended = false;
};

struct ChatTarget {
  pb::ChatKind kind = pb::CHAT_KIND_GROUP;
  pb::PostPolicy post_policy = pb::POST_POLICY_ALL;
  pb::PollPolicy poll_policy = pb::POLL_POLICY_MODERATORS;
  // A message (Edit/Delete) or a poll (ClosePoll).
  UserId author;
  std::int64_t sent_at_ms = 0;
  std::int64_t now_ms = 0;
  bool is_poll = false;
  // A member acted on (SetMemberRole, MuteMember, RemoveMember).
  UserId subject;
  pb::ChatRole subject_role = pb::CHAT_ROLE_UNSPECIFIED;
  pb::ChatRole new_role = pb::CHAT_ROLE_UNSPECIFIED;
};

// The role a member has when none was stored: staff (admin, verified teacher or
// head) moderate, everyone else is a member.
pb::ChatRole default_chat_role(pb::Role org_role, bool verified);
// The stored role, or the default when none was stored.
pb::ChatRole effective_chat_role(pb::ChatRole stored, pb::Role org_role, bool verified);
// Staff in the sense of chat rules: an admin, or a verified teacher or head.
bool is_chat_staff(pb::Role org_role, bool verified);

// OK, or: NOT_FOUND (not a member: the chat is invisible), ORG_SUSPENDED,
// MUTED (posting while muted), TOO_LATE (the edit/delete window passed),
// PERMISSION_DENIED (not your role in this chat).
Status check_chat(const ChatActor& actor, ChatAction action, const ChatTarget& target = {});
inline bool chat_allowed(const ChatActor& actor, ChatAction action, const ChatTarget& target = {}) {
  return check_chat(actor, action, target).is_ok();
}

}  // namespace parta
