// The sync engine's rich-chat intents: sending with replies, mentions and polls;
// changes to messages and chats (checked with chat_policy first, waiting for a
// session when offline); typing; search; jumping to a message; history replies.
#include <algorithm>

#include "shared/chat/chat_policy.h"
#include "shared/chat/polls.h"
#include "shared/proto/protocol.h"
#include "shared/sync/sync_engine.h"
#include "shared/core/validation.h"

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

// ---------------------------------------------------------------------------
// Policy and lookups
// ---------------------------------------------------------------------------

// The same check the server runs, for the chat as this client knows it. Before
// the session is back (cached chats) we do not know who we are: the server decides.
Status SyncEngine::check(ChatId chat_id, ChatAction action, ChatTarget target) const {
  const ChatEntry* chat = state_.find_chat(chat_id);
  if (!chat) return {pb::ERROR_NOT_FOUND, "no such chat"};
  if (!state_.me) return Status::ok();
  // The chat's own kind and settings, whatever the caller filled in.
  const ChatTarget base = chat_target(*chat, target.now_ms);
  target.kind = base.kind;
  target.post_policy = base.post_policy;
  target.poll_policy = base.poll_policy;
  return check_chat(chat_actor(state_, *chat), action, target);
}

// A message of the loaded window, or the chat's last message.
const ChatMessage* SyncEngine::known_message(ChatId chat_id, std::uint64_t seq) const {
  const ChatEntry* chat = state_.find_chat(chat_id);
  if (!chat) return nullptr;
  if (const ChatMessage* m = chat->find_message(seq)) return m;
  if (chat->last_message && chat->last_message->seq == seq) return &*chat->last_message;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Sending (the outbox)
// ---------------------------------------------------------------------------

Status SyncEngine::send_message(ChatId chat, const OutgoingMessage& message, std::string client_id, std::int64_t now_ms) {
  pb::ClientFrame frame;
  pb::SendMessage* cmd = frame.mutable_send_message();
  cmd->set_chat_id(chat.get());
  cmd->set_client_id(std::move(client_id));
  cmd->set_text(message.text);
  cmd->set_reply_to_seq(message.reply_to_seq);
  for (std::int64_t id : message.mention_ids) cmd->add_mention_ids(id);
  if (message.poll) *cmd->mutable_poll() = *message.poll;
  // The poll is checked against our clock (validate_command has none: it would
  // skip the deadline rules, or with a deadline refuse it as too far away).
  pb::ClientFrame fields = frame;
  fields.mutable_send_message()->clear_poll();
  if (auto s = validate_command(fields); !s) return s;
  if (message.poll) {
    if (auto s = validate_poll_draft(*message.poll, message.text, now_ms); !s) return s;
  }
  // A chat not listed yet (typed before the list arrived): the server decides.
  if (state_.find_chat(chat)) {
    if (auto s = check(chat, message.poll ? ChatAction::CreatePoll : ChatAction::Post, {}); !s) return s;
  }
  outbox_.add(*cmd, now_ms);
  ++revision_;
  flush_outbox();
  return Status::ok();
}

// ---------------------------------------------------------------------------
// Changes: not outbox items (they carry a target state, so a resend is harmless)
// ---------------------------------------------------------------------------

Status SyncEngine::edit_message(ChatId chat, std::uint64_t seq, std::string_view text,
                                std::vector<std::int64_t> mention_ids, std::int64_t now_ms) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_edit_message();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  cmd->set_text(std::string(text));
  for (std::int64_t id : mention_ids) cmd->add_mention_ids(id);
  if (auto s = validate_command(frame); !s) return s;
  const ChatMessage* m = known_message(chat, seq);
  if (!m) return {pb::ERROR_NOT_FOUND, "no such message"};
  if (auto s = check(chat, ChatAction::EditMessage, message_target(*state_.find_chat(chat), *m, now_ms)); !s) return s;
  return send_change(std::move(frame));
}

Status SyncEngine::delete_message(ChatId chat, std::uint64_t seq, std::int64_t now_ms) {
  pb::ClientFrame frame;
  frame.mutable_delete_message()->set_chat_id(chat.get());
  frame.mutable_delete_message()->set_seq(seq);
  if (auto s = validate_command(frame); !s) return s;
  const ChatMessage* m = known_message(chat, seq);
  if (!m) return {pb::ERROR_NOT_FOUND, "no such message"};
  if (auto s = check(chat, ChatAction::DeleteMessage, message_target(*state_.find_chat(chat), *m, now_ms)); !s) return s;
  return send_change(std::move(frame));
}

Status SyncEngine::pin_message(ChatId chat, std::uint64_t seq, bool pinned) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_pin_message();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  cmd->set_pinned(pinned);
  if (auto s = validate_command(frame); !s) return s;
  if (auto s = check(chat, ChatAction::Pin, {}); !s) return s;
  return send_change(std::move(frame));
}

Status SyncEngine::vote(ChatId chat, std::uint64_t seq, std::vector<std::uint32_t> choices) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_vote_poll();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  for (std::uint32_t c : choices) cmd->add_choices(c);
  if (auto s = validate_command(frame); !s) return s;
  if (auto s = check(chat, ChatAction::Vote, {}); !s) return s;
  if (const ChatMessage* m = known_message(chat, seq)) {
    if (!m->poll) return {pb::ERROR_INVALID_ARGUMENT, "not a poll"};
    if (auto s = validate_vote(*m->poll, choices); !s) return s;
  }
  return send_change(std::move(frame));
}

Status SyncEngine::close_poll(ChatId chat, std::uint64_t seq) {
  pb::ClientFrame frame;
  frame.mutable_close_poll()->set_chat_id(chat.get());
  frame.mutable_close_poll()->set_seq(seq);
  if (auto s = validate_command(frame); !s) return s;
  const ChatMessage* m = known_message(chat, seq);
  if (!m) return {pb::ERROR_NOT_FOUND, "no such message"};
  if (!m->poll) return {pb::ERROR_INVALID_ARGUMENT, "not a poll"};
  ChatTarget target;
  target.author = m->sender;
  target.is_poll = true;
  if (auto s = check(chat, ChatAction::ClosePoll, target); !s) return s;
  if (m->poll->closed()) return {pb::ERROR_POLL_CLOSED, "the poll is closed"};
  return send_change(std::move(frame));
}

Status SyncEngine::set_chat_settings(ChatId chat, const pb::ChatSettings& settings) {
  pb::ClientFrame frame;
  frame.mutable_set_chat_settings()->set_chat_id(chat.get());
  *frame.mutable_set_chat_settings()->mutable_settings() = settings;
  if (auto s = validate_command(frame); !s) return s;
  if (auto s = check(chat, ChatAction::EditSettings, {}); !s) return s;
  return send_change(std::move(frame));
}

Status SyncEngine::set_member_role(ChatId chat, UserId user, pb::ChatRole role) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_set_chat_member_role();
  cmd->set_chat_id(chat.get());
  cmd->set_user_id(user.get());
  cmd->set_role(role);
  return send_member_change(std::move(frame), chat, user, ChatAction::SetMemberRole, role);
}

Status SyncEngine::mute_member(ChatId chat, UserId user, bool muted) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_mute_chat_member();
  cmd->set_chat_id(chat.get());
  cmd->set_user_id(user.get());
  cmd->set_muted(muted);
  return send_member_change(std::move(frame), chat, user, ChatAction::MuteMember);
}

Status SyncEngine::remove_member(ChatId chat, UserId user) {
  pb::ClientFrame frame;
  frame.mutable_remove_chat_member()->set_chat_id(chat.get());
  frame.mutable_remove_chat_member()->set_user_id(user.get());
  return send_member_change(std::move(frame), chat, user, ChatAction::RemoveMember);
}

// A moderation command on one member: validated, checked against the member's
// current role (chat_policy), then sent like any change.
Status SyncEngine::send_member_change(pb::ClientFrame frame, ChatId chat, UserId user, ChatAction action,
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
Status SyncEngine::send_change(pb::ClientFrame frame) {
  ++revision_;
  if (state_.connection != Connection::Online) {
    changes_waiting_.push_back(Change{std::move(frame), false});
    return Status::ok();
  }
  const std::uint64_t id = send(frame, Pending::Change);
  frame.set_request_id(id);
  changes_in_flight_.emplace(id, Change{std::move(frame), false});
  return Status::ok();
}

void SyncEngine::flush_changes() {
  if (state_.connection != Connection::Online || changes_waiting_.empty()) return;
  std::vector<Change> waiting;
  waiting.swap(changes_waiting_);
  for (auto& change : waiting) {
    const std::uint64_t id = send(change.frame, Pending::Change);
    change.frame.set_request_id(id);
    changes_in_flight_.emplace(id, std::move(change));
  }
}

void SyncEngine::handle_change_reply(const pb::ServerFrame& frame) {
  bool resent = false;
  if (auto it = changes_in_flight_.find(frame.request_id()); it != changes_in_flight_.end()) {
    resent = it->second.resent;
    changes_in_flight_.erase(it);
  }
  if (frame.has_message_sent()) {
    reduce(state_, frame);
    if (const ChatEntry* chat = state_.find_chat(ChatId{frame.message_sent().message().chat_id()})) sync_chat(*chat);
  } else if (frame.has_error()) {
    // A vote resent after a dropped connection: the first one landed.
    if (resent && frame.error().code() == pb::ERROR_ALREADY_VOTED) return;
    reduce(state_, frame);
  }
}

// ---------------------------------------------------------------------------
// Typing, time
// ---------------------------------------------------------------------------

void SyncEngine::typing(ChatId chat, std::int64_t now_ms) {
  state_.now_ms = now_ms;
  if (state_.connection != Connection::Online || !state_.find_chat(chat)) return;
  if (!check(chat, ChatAction::Post, {}).is_ok()) return;  // who may not post is not "typing"
  auto it = typing_sent_.find(chat.get());
  if (it != typing_sent_.end() && now_ms - it->second < kTypingSendIntervalMs && now_ms >= it->second) return;
  typing_sent_[chat.get()] = now_ms;
  pb::ClientFrame frame;
  frame.mutable_set_typing()->set_chat_id(chat.get());
  send(std::move(frame), Pending::Typing, chat);
}

bool SyncEngine::tick(std::int64_t now_ms) {
  state_.now_ms = now_ms;
  // A send the server refused with a retryable error (RATE_LIMITED, INTERNAL)
  // waits in the outbox; resend it after kOutboxRetryMs rather than only on the
  // next send or reconnect.
  if (state_.connection == Connection::Online && outbox_.has_unsent() && now_ms >= outbox_retry_at_ms_) {
    if (outbox_retry_at_ms_ != 0) flush_outbox();
    outbox_retry_at_ms_ = now_ms + kOutboxRetryMs;
  } else if (!outbox_.has_unsent()) {
    outbox_retry_at_ms_ = 0;
  }
  if (!reduce_expire_typing(state_, now_ms)) return false;
  ++revision_;
  return true;
}

std::int64_t SyncEngine::next_wakeup_ms() const {
  std::int64_t at = 0;
  auto earliest = [&at](std::int64_t t) {
    if (t > 0 && (at == 0 || t < at)) at = t;
  };
  if (state_.connection == Connection::Online && outbox_.has_unsent()) {
    earliest(outbox_retry_at_ms_ ? outbox_retry_at_ms_ : state_.now_ms + kOutboxRetryMs);
  }
  for (const auto& chat : state_.chats) {
    for (const auto& t : chat.typing) earliest(t.until_ms);
  }
  return at;
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

Status SyncEngine::search(ChatId chat, std::string_view query) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_search_messages();
  cmd->set_chat_id(chat.valid() ? chat.get() : 0);
  cmd->set_query(std::string(query));
  cmd->set_limit(kDefaultSearchResults);
  state_.search = SearchState{};
  state_.search.query = std::string(query);
  state_.search.chat = chat.valid() ? chat : ChatId{};
  search_request_ = 0;
  ++revision_;
  if (auto s = validate_command(frame); !s) {
    search_frame_.Clear();
    state_.search.error = s;
    return s;
  }
  search_frame_ = std::move(frame);
  state_.search.pending = true;
  send_search();
  return Status::ok();
}

void SyncEngine::search_more() {
  if (state_.search.pending || state_.search.next_before_id == 0 || !search_frame_.has_search_messages()) return;
  search_frame_.mutable_search_messages()->set_before_id(state_.search.next_before_id);
  state_.search.pending = true;
  ++revision_;
  send_search();
}

void SyncEngine::clear_search() {
  state_.search = SearchState{};
  search_frame_.Clear();
  search_request_ = 0;
  ++revision_;
}

// Asks for the current page now, or once the session is back (on_authenticated).
void SyncEngine::send_search() {
  if (state_.connection != Connection::Online || !search_frame_.has_search_messages()) return;
  search_request_ = send(search_frame_, Pending::Search);
}

void SyncEngine::handle_search_reply(const pb::ServerFrame& frame) {
  if (frame.request_id() != search_request_) return;  // a search the user replaced
  search_request_ = 0;
  SearchState& s = state_.search;
  s.pending = false;
  if (frame.has_error()) {
    s.error = Status(frame.error().code(), frame.error().message());
    return;
  }
  if (!frame.has_search_results()) return;
  if (search_frame_.search_messages().before_id() == 0) s.hits.clear();  // the first page
  for (const auto& hit : frame.search_results().hits()) s.hits.push_back(hit);
  s.next_before_id = frame.search_results().next_before_id();
  s.error = Status::ok();
}

// ---------------------------------------------------------------------------
// History replies and jumping to a message
// ---------------------------------------------------------------------------

void SyncEngine::request_older(const ChatEntry& chat, std::uint32_t limit) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_get_history();
  cmd->set_chat_id(chat.id.get());
  cmd->set_before_seq(chat.messages.empty() ? chat.cursor + 1 : chat.loaded_from());
  cmd->set_limit(limit);
  send(std::move(frame), Pending::Older, chat.id);
}

void SyncEngine::handle_history_reply(const pb::ServerFrame& frame, const PendingRequest& request) {
  const ChatEntry* before = state_.find_chat(request.chat);
  const std::uint64_t cursor_before = before ? before->cursor : 0;
  bool snapshot = false;
  if (frame.has_history()) {
    const HistoryPage page = request.kind == Pending::Older     ? HistoryPage::Older
                             : request.kind == Pending::Catchup ? HistoryPage::CatchUp
                                                                : HistoryPage::Newest;
    snapshot = page == HistoryPage::CatchUp && frame.history().snapshot();
    reduce_history(state_, frame.history(), page);
  } else {
    reduce(state_, frame);  // an error: shown like any failed command
  }
  if (snapshot) {
    // Too much was missed: pins, settings and unread counts moved on too.
    pb::ClientFrame list;
    list.mutable_list_chats();
    send(std::move(list), Pending::ListChats);
  }
  // Keep catching up while pages bring progress (never loop on a stuck window);
  // a first page may already be behind the events pushed while it was read.
  if (const ChatEntry* chat = state_.find_chat(request.chat); chat && frame.has_history()) {
    if (request.kind != Pending::Catchup || chat->cursor > cursor_before) sync_chat(*chat);
  }
  advance_jump();
}

void SyncEngine::jump_to(ChatId chat, std::uint64_t seq) {
  if (!state_.find_chat(chat) || seq == 0) return;
  if (state_.open_chat != chat) open_chat(chat);
  state_.jump_chat = ChatId{};
  state_.jump_seq = 0;
  jump_ = JumpTarget{chat, seq, kMaxJumpPages};
  ++revision_;
  advance_jump();
}

void SyncEngine::clear_jump() {
  jump_.reset();
  if (!state_.jump_chat.valid() && state_.jump_seq == 0) return;
  state_.jump_chat = ChatId{};
  state_.jump_seq = 0;
  ++revision_;
}

// One step towards the jump target: done when the message is in the window;
// otherwise the next older page (at most kMaxJumpPages), or wait for the newest
// page or a catch-up that is on its way.
void SyncEngine::advance_jump() {
  if (!jump_) return;
  const ChatEntry* chat = state_.find_chat(jump_->chat);
  if (!chat) {
    jump_.reset();
    return;
  }
  if (!chat->history_loaded) return;  // the newest page comes first (open_chat asked for it)
  const std::uint64_t seq = jump_->seq;
  if (seq <= chat->cursor && (chat->messages.empty() || seq >= chat->loaded_from())) {
    state_.jump_chat = chat->id;
    state_.jump_seq = seq;
    jump_.reset();
    ++revision_;
    return;
  }
  if (seq > chat->cursor) {
    if (!chat->gap) jump_.reset();  // past the end of the chat: nothing to show
    return;                         // else the catch-up brings it
  }
  if (!chat->has_older || jump_->pages_left <= 0) {
    jump_.reset();  // not reachable: deleted history or too far back
    return;
  }
  if (state_.connection != Connection::Online || history_pending(chat->id)) return;
  --jump_->pages_left;
  request_older(*chat, kMaxHistoryPage);
}

}  // namespace parta
