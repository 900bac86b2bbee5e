// The sync engine's changes to existing messages and chats; see message_changes.h.
#include "shared/chat/message_changes.h"

#include <iterator>

#include "shared/chat/polls.h"
#include "shared/core/validation.h"
#include "shared/proto/protocol.h"

namespace parta {

namespace {

// A member's chat role as the policy compares it (the wire sends effective roles;
// an older roster without one falls back to the org role's default).
pb::ChatRole role_of(const ChatEntry& chat, UserId user) {
  const pb::ChatMember* member = chat.find_member(user);
  if (!member) return pb::CHAT_ROLE_UNSPECIFIED;
  if (member->role() != pb::CHAT_ROLE_UNSPECIFIED) return member->role();
  for (const auto& u : chat.members) {
    if (u.id() == user.get()) return default_chat_role(u.role(), u.verified_teacher());
  }
  return pb::CHAT_ROLE_MEMBER;
}

}  // namespace

MessageChanges::MessageChanges(SyncCore& core, ChatManager& chats) : core_(core), state_(core.state), chats_(chats) {}

Status MessageChanges::check(ChatId chat, ChatAction action, ChatTarget target) const {
  return check_chat_action(state_, chat, action, target);
}

// ---------------------------------------------------------------------------
// Changes: not outbox items (they carry a target state, so a resend is harmless)
// ---------------------------------------------------------------------------

Status MessageChanges::edit_message(ChatId chat, std::uint64_t seq, std::string_view text,
                                    std::vector<std::int64_t> mention_ids, std::int64_t now_ms) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_edit_message();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  cmd->set_text(std::string(text));
  for (std::int64_t id : mention_ids) cmd->add_mention_ids(id);
  if (auto s = validate_command(frame); !s) return s;
  const ChatMessage* m = known_message(state_, chat, seq);
  if (!m) return {pb::ERROR_NOT_FOUND, "no such message"};
  if (auto s = check(chat, ChatAction::EditMessage, message_target(*state_.find_chat(chat), *m, now_ms)); !s) return s;
  return send_change(std::move(frame));
}

Status MessageChanges::delete_message(ChatId chat, std::uint64_t seq, std::int64_t now_ms) {
  pb::ClientFrame frame;
  frame.mutable_delete_message()->set_chat_id(chat.get());
  frame.mutable_delete_message()->set_seq(seq);
  if (auto s = validate_command(frame); !s) return s;
  const ChatMessage* m = known_message(state_, chat, seq);
  if (!m) return {pb::ERROR_NOT_FOUND, "no such message"};
  if (auto s = check(chat, ChatAction::DeleteMessage, message_target(*state_.find_chat(chat), *m, now_ms)); !s)
    return s;
  return send_change(std::move(frame));
}

Status MessageChanges::pin_message(ChatId chat, std::uint64_t seq, bool pinned) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_pin_message();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  cmd->set_pinned(pinned);
  if (auto s = validate_command(frame); !s) return s;
  if (auto s = check(chat, ChatAction::Pin, {}); !s) return s;
  return send_change(std::move(frame));
}

Status MessageChanges::vote(ChatId chat, std::uint64_t seq, std::vector<std::uint32_t> choices) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_vote_poll();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  for (std::uint32_t c : choices) cmd->add_choices(c);
  if (auto s = validate_command(frame); !s) return s;
  if (auto s = check(chat, ChatAction::Vote, {}); !s) return s;
  if (const ChatMessage* m = known_message(state_, chat, seq)) {
    if (!m->poll) return {pb::ERROR_INVALID_ARGUMENT, "not a poll"};
    if (auto s = validate_vote(*m->poll, choices); !s) return s;
  }
  return send_change(std::move(frame));
}

Status MessageChanges::close_poll(ChatId chat, std::uint64_t seq) {
  pb::ClientFrame frame;
  frame.mutable_close_poll()->set_chat_id(chat.get());
  frame.mutable_close_poll()->set_seq(seq);
  if (auto s = validate_command(frame); !s) return s;
  const ChatMessage* m = known_message(state_, chat, seq);
  if (!m) return {pb::ERROR_NOT_FOUND, "no such message"};
  if (!m->poll) return {pb::ERROR_INVALID_ARGUMENT, "not a poll"};
  ChatTarget target;
  target.author = m->sender;
  target.is_poll = true;
  if (auto s = check(chat, ChatAction::ClosePoll, target); !s) return s;
  if (m->poll->closed()) return {pb::ERROR_POLL_CLOSED, "the poll is closed"};
  return send_change(std::move(frame));
}

Status MessageChanges::set_chat_settings(ChatId chat, const pb::ChatSettings& settings) {
  pb::ClientFrame frame;
  frame.mutable_set_chat_settings()->set_chat_id(chat.get());
  *frame.mutable_set_chat_settings()->mutable_settings() = settings;
  if (auto s = validate_command(frame); !s) return s;
  if (auto s = check(chat, ChatAction::EditSettings, {}); !s) return s;
  return send_change(std::move(frame));
}

Status MessageChanges::set_member_role(ChatId chat, UserId user, pb::ChatRole role) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_set_chat_member_role();
  cmd->set_chat_id(chat.get());
  cmd->set_user_id(user.get());
  cmd->set_role(role);
  return send_member_change(std::move(frame), chat, user, ChatAction::SetMemberRole, role);
}

Status MessageChanges::mute_member(ChatId chat, UserId user, bool muted) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_mute_chat_member();
  cmd->set_chat_id(chat.get());
  cmd->set_user_id(user.get());
  cmd->set_muted(muted);
  return send_member_change(std::move(frame), chat, user, ChatAction::MuteMember);
}

Status MessageChanges::remove_member(ChatId chat, UserId user) {
  pb::ClientFrame frame;
  frame.mutable_remove_chat_member()->set_chat_id(chat.get());
  frame.mutable_remove_chat_member()->set_user_id(user.get());
  return send_member_change(std::move(frame), chat, user, ChatAction::RemoveMember);
}

// A moderation command on one member: validated, checked against the member's
// current role (chat_policy), then sent like any change.
Status MessageChanges::send_member_change(pb::ClientFrame frame, ChatId chat, UserId user, ChatAction action,
                                          pb::ChatRole new_role) {
  if (auto s = validate_command(frame); !s) return s;
  const ChatEntry* c = state_.find_chat(chat);
  if (!c) return {pb::ERROR_NOT_FOUND, "no such chat"};
  ChatTarget target;
  target.subject = user;
  target.subject_role = role_of(*c, user);
  target.new_role = new_role;
  if (auto s = check(chat, action, target); !s) return s;
  return send_change(std::move(frame));
}

// Sent now when online; otherwise it waits for the session (like request()).
Status MessageChanges::send_change(pb::ClientFrame frame) {
  core_.changed();
  if (!core_.online()) {
    waiting_.push_back(Change{std::move(frame), false});
    return Status::ok();
  }
  send_now(Change{std::move(frame), false});
  return Status::ok();
}

void MessageChanges::send_now(Change change) {
  const std::uint64_t id = core_.send(change.frame, *this);
  change.frame.set_request_id(id);
  in_flight_.emplace(id, std::move(change));
}

void MessageChanges::on_reply(const pb::ServerFrame& frame, int, ChatId) {
  bool resent = false;
  if (auto it = in_flight_.find(frame.request_id()); it != in_flight_.end()) {
    resent = it->second.resent;
    in_flight_.erase(it);
  }
  if (frame.has_message_sent()) {
    reduce(state_, frame);
    if (const ChatEntry* chat = state_.find_chat(ChatId{frame.message_sent().message().chat_id()})) {
      chats_.sync_chat(*chat);
    }
  } else if (frame.has_error()) {
    // A vote resent after a dropped connection: the first one landed.
    if (resent && frame.error().code() == pb::ERROR_ALREADY_VOTED) return;
    reduce(state_, frame);
  }
}

// The session is back: what waited goes, in its original order.
void MessageChanges::on_session() {
  if (waiting_.empty()) return;
  std::vector<Change> waiting;
  waiting.swap(waiting_);
  for (auto& change : waiting) send_now(std::move(change));
}

// Changes in flight may or may not have been applied: they are idempotent, so
// they go again after the session is back (in their original order, first).
void MessageChanges::on_disconnected() {
  std::vector<Change> again;
  for (auto& [id, change] : in_flight_) {
    change.resent = true;
    again.push_back(std::move(change));
  }
  in_flight_.clear();
  waiting_.insert(waiting_.begin(), std::make_move_iterator(again.begin()), std::make_move_iterator(again.end()));
}

void MessageChanges::on_user_changed() { waiting_.clear(); }

void MessageChanges::on_logout() {
  waiting_.clear();
  in_flight_.clear();
}

}  // namespace parta
