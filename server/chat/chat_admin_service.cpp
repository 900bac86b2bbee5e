// ChatAdminService: settings, roles, mutes, removal (see chat_admin_service.h).
#include "server/chat/chat_admin_service.h"

#include "server/app/log.h"
#include "server/chat/chat_writer.h"

namespace parta::server {

Result<ChatAccess> ChatAdminService::check(ChatId chat, UserId user, int action, UserId subject, pb::ChatRole new_role,
                                           std::int64_t now_ms) {
  auto access = chats_.chat_access(chat);
  if (!access) return access.status();
  // Someone else's chat looks exactly like a chat that does not exist.
  if (!access.value() || !access.value()->find(user)) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  const ChatAccess& c = *access.value();
  ChatTarget target = target_of(c, now_ms);
  if (subject.valid()) {
    target.subject = subject;
    if (const ChatMemberRecord* m = c.find(subject)) {
      target.subject_role = effective_chat_role(m->role, m->user.role, m->user.verified_teacher);
    }
    target.new_role = new_role;
  }
  // Every member sees who else is in the chat: naming someone who is not is NOT_FOUND.
  if (subject.valid() && !c.find(subject)) return Status(pb::ERROR_NOT_FOUND, "no such member in this chat");
  if (auto s = check_chat(actor_in(c, user), static_cast<ChatAction>(action), target); !s) return s;
  return std::move(*access.value());
}

Result<AdminOutcome> ChatAdminService::finish(ChatId chat, Result<std::uint64_t> seq) {
  if (!seq) return seq.status();
  auto after = chats_.chat_access(chat);
  if (!after) return after.status();
  if (!after.value()) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  AdminOutcome out;
  out.seq = seq.value();
  out.chat = std::move(*after.value());
  return out;
}

Result<AdminOutcome> ChatAdminService::set_settings(UserId user, const pb::SetChatSettings& command,
                                                    std::int64_t now_ms) {
  const ChatId chat(command.chat_id());
  auto access =
      check(chat, user, static_cast<int>(ChatAction::EditSettings), UserId(), pb::CHAT_ROLE_UNSPECIFIED, now_ms);
  if (!access) return access.status();
  log_info("chat ", chat.get(), ": settings changed by ", user.get());
  return finish(chat,
                chats_.set_chat_settings(chat, command.settings().post_policy(), command.settings().poll_policy()));
}

Result<AdminOutcome> ChatAdminService::set_role(UserId user, const pb::SetChatMemberRole& command,
                                                std::int64_t now_ms) {
  const ChatId chat(command.chat_id());
  const UserId subject(command.user_id());
  auto access = check(chat, user, static_cast<int>(ChatAction::SetMemberRole), subject, command.role(), now_ms);
  if (!access) return access.status();
  return finish(chat, chats_.set_chat_member_role(chat, subject, command.role()));
}

Result<AdminOutcome> ChatAdminService::mute(UserId user, const pb::MuteChatMember& command, std::int64_t now_ms) {
  const ChatId chat(command.chat_id());
  const UserId subject(command.user_id());
  auto access = check(chat, user, static_cast<int>(ChatAction::MuteMember), subject, pb::CHAT_ROLE_UNSPECIFIED, now_ms);
  if (!access) return access.status();
  return finish(chat, chats_.set_chat_member_muted(chat, subject, command.muted()));
}

Result<AdminOutcome> ChatAdminService::remove(UserId user, const pb::RemoveChatMember& command, std::int64_t now_ms) {
  const ChatId chat(command.chat_id());
  const UserId subject(command.user_id());
  auto access =
      check(chat, user, static_cast<int>(ChatAction::RemoveMember), subject, pb::CHAT_ROLE_UNSPECIFIED, now_ms);
  if (!access) return access.status();
  auto out = finish(chat, chats_.remove_chat_member(chat, subject));
  if (out) {
    out->removed = subject;
    log_info("chat ", chat.get(), ": member ", subject.get(), " removed by ", user.get());
  }
  return out;
}

}  // namespace parta::server
