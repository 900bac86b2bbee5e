// Field checks of chats.proto's commands (all of them need a session).
#include "shared/chat/chat_validation.h"

#include "shared/chat/polls.h"
#include "shared/core/validation.h"

namespace parta {

namespace {

Status require_chat(std::int64_t chat_id) {
  if (chat_id <= 0) return {pb::ERROR_INVALID_ARGUMENT, "chat_id is required"};
  return Status::ok();
}

Status require_message(std::int64_t chat_id, std::uint64_t seq) {
  if (auto s = require_chat(chat_id); !s) return s;
  if (seq == 0) return {pb::ERROR_INVALID_ARGUMENT, "seq is required"};
  return Status::ok();
}

Status require_member(std::int64_t chat_id, std::int64_t user_id) {
  if (auto s = require_chat(chat_id); !s) return s;
  return require_id(user_id, "user_id");
}

Status check_get_history(const pb::ClientFrame& f) {
  const auto& c = f.get_history();
  if (auto s = require_chat(c.chat_id()); !s) return s;
  if (c.limit() > kMaxHistoryPage) return {pb::ERROR_INVALID_ARGUMENT, "history page too large"};
  if (c.before_seq() != 0 && c.after_seq() != 0)
    return {pb::ERROR_INVALID_ARGUMENT, "before_seq and after_seq are exclusive"};
  return Status::ok();
}

Status check_send_message(const pb::ClientFrame& f) {
  const auto& c = f.send_message();
  if (auto s = require_chat(c.chat_id()); !s) return s;
  if (auto s = validate_client_id(c.client_id()); !s) return s;
  if (auto s = validate_message_text(c.text()); !s) return s;
  if (auto s = validate_mentions(c.mention_ids()); !s) return s;
  // The deadline is checked against the server's clock when the poll is stored.
  if (c.has_poll()) return validate_poll_draft(c.poll(), c.text(), 0);
  return Status::ok();
}

Status check_mark_read(const pb::ClientFrame& f) { return require_chat(f.mark_read().chat_id()); }

Status check_edit_message(const pb::ClientFrame& f) {
  const auto& c = f.edit_message();
  if (auto s = require_message(c.chat_id(), c.seq()); !s) return s;
  if (auto s = validate_message_text(c.text()); !s) return s;
  return validate_mentions(c.mention_ids());
}

Status check_delete_message(const pb::ClientFrame& f) {
  return require_message(f.delete_message().chat_id(), f.delete_message().seq());
}

Status check_pin_message(const pb::ClientFrame& f) {
  return require_message(f.pin_message().chat_id(), f.pin_message().seq());
}

Status check_vote_poll(const pb::ClientFrame& f) {
  const auto& c = f.vote_poll();
  if (auto s = require_message(c.chat_id(), c.seq()); !s) return s;
  if (static_cast<std::size_t>(c.choices_size()) > kMaxPollOptions)
    return {pb::ERROR_INVALID_ARGUMENT, "too many choices"};
  return Status::ok();
}

Status check_close_poll(const pb::ClientFrame& f) {
  return require_message(f.close_poll().chat_id(), f.close_poll().seq());
}

Status check_set_typing(const pb::ClientFrame& f) { return require_chat(f.set_typing().chat_id()); }

Status check_search_messages(const pb::ClientFrame& f) {
  const auto& c = f.search_messages();
  if (c.chat_id() < 0 || c.before_id() < 0) return {pb::ERROR_INVALID_ARGUMENT, "bad id"};
  if (c.limit() > kMaxSearchResults) return {pb::ERROR_INVALID_ARGUMENT, "too many results asked"};
  return validate_line(c.query(), kMaxSearchQueryChars, "query");
}

Status check_set_chat_settings(const pb::ClientFrame& f) {
  const auto& c = f.set_chat_settings();
  if (auto s = require_chat(c.chat_id()); !s) return s;
  if (!pb::PostPolicy_IsValid(c.settings().post_policy()) || !pb::PollPolicy_IsValid(c.settings().poll_policy())) {
    return {pb::ERROR_INVALID_ARGUMENT, "unknown policy"};
  }
  return Status::ok();
}

Status check_set_chat_member_role(const pb::ClientFrame& f) {
  const auto& c = f.set_chat_member_role();
  if (auto s = require_member(c.chat_id(), c.user_id()); !s) return s;
  if (c.role() < pb::CHAT_ROLE_MODERATOR || c.role() > pb::CHAT_ROLE_READ_ONLY) {
    return {pb::ERROR_INVALID_ARGUMENT, "a role must be moderator, member or read-only"};
  }
  return Status::ok();
}

Status check_mute_chat_member(const pb::ClientFrame& f) {
  return require_member(f.mute_chat_member().chat_id(), f.mute_chat_member().user_id());
}

Status check_remove_chat_member(const pb::ClientFrame& f) {
  return require_member(f.remove_chat_member().chat_id(), f.remove_chat_member().user_id());
}

constexpr CommandSpec kCommands[] = {
    {pb::ClientFrame::kListChats, no_fields},
    {pb::ClientFrame::kGetHistory, check_get_history},
    {pb::ClientFrame::kSendMessage, check_send_message},
    {pb::ClientFrame::kMarkRead, check_mark_read},
    {pb::ClientFrame::kEditMessage, check_edit_message},
    {pb::ClientFrame::kDeleteMessage, check_delete_message},
    {pb::ClientFrame::kPinMessage, check_pin_message},
    {pb::ClientFrame::kVotePoll, check_vote_poll},
    {pb::ClientFrame::kClosePoll, check_close_poll},
    {pb::ClientFrame::kSetTyping, check_set_typing},
    {pb::ClientFrame::kSearchMessages, check_search_messages},
    {pb::ClientFrame::kSetChatSettings, check_set_chat_settings},
    {pb::ClientFrame::kSetChatMemberRole, check_set_chat_member_role},
    {pb::ClientFrame::kMuteChatMember, check_mute_chat_member},
    {pb::ClientFrame::kRemoveChatMember, check_remove_chat_member},
};

}  // namespace

std::span<const CommandSpec> chat_command_specs() { return kCommands; }

}  // namespace parta
