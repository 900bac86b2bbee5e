// The sync engine's chat manager; see chat_manager.h.
#include "shared/chat/chat_manager.h"

#include "shared/chat/polls.h"
#include "shared/core/validation.h"
#include "shared/proto/protocol.h"

namespace parta {

Status check_chat_action(const ClientState& state, ChatId chat_id, ChatAction action, ChatTarget target) {
  const ChatEntry* chat = state.find_chat(chat_id);
  if (!chat) return {pb::ERROR_NOT_FOUND, "no such chat"};
  if (!state.me) return Status::ok();
  // The chat's own kind and settings, whatever the caller filled in.
  const ChatTarget base = chat_target(*chat, target.now_ms);
  target.kind = base.kind;
  target.post_policy = base.post_policy;
  target.poll_policy = base.poll_policy;
  return check_chat(chat_actor(state, *chat), action, target);
}

const ChatMessage* known_message(const ClientState& state, ChatId chat_id, std::uint64_t seq) {
  const ChatEntry* chat = state.find_chat(chat_id);
  if (!chat) return nullptr;
  if (const ChatMessage* m = chat->find_message(seq)) return m;
  if (chat->last_message && chat->last_message->seq == seq) return &*chat->last_message;
  return nullptr;
}

ChatManager::ChatManager(SyncCore& core) : core_(core), state_(core.state) {}

// ---------------------------------------------------------------------------
// Intents
// ---------------------------------------------------------------------------

void ChatManager::open_chat(ChatId chat_id) {
  reduce_open_chat(state_, chat_id);
  core_.changed();
  const ChatEntry* chat = state_.find_chat(chat_id);
  if (!chat) return;
  sync_chat(*chat);
  if (chat->last_seq > 0) mark_read(chat_id, chat->last_seq);
}

void ChatManager::close_chat() {
  state_.open_chat = ChatId{};
  core_.changed();
}

void ChatManager::load_older(ChatId chat_id) {
  const ChatEntry* chat = state_.find_chat(chat_id);
  if (!chat || !chat->history_loaded || !chat->has_older || history_pending(chat_id)) return;
  if (!core_.online()) return;
  request_older(*chat, kDefaultHistoryPage);
}

// Everything that creates a message goes through the outbox with its client id,
// so a resend after a reconnect never duplicates it.
Status ChatManager::send_message(ChatId chat, const OutgoingMessage& message, std::string client_id,
                                 std::int64_t now_ms) {
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
    const ChatAction action = message.poll ? ChatAction::CreatePoll : ChatAction::Post;
    if (auto s = check_chat_action(state_, chat, action, {}); !s) return s;
  }
  outbox_.add(*cmd, now_ms);
  core_.changed();
  flush_outbox();
  return Status::ok();
}

void ChatManager::mark_read(ChatId chat, std::uint64_t seq) {
  if (!core_.online()) return;
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_mark_read();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  core_.send(std::move(frame), *this, MarkRead, chat);
}

// The composer changed: SetTyping at most every kTypingSendIntervalMs.
void ChatManager::typing(ChatId chat, std::int64_t now_ms) {
  state_.now_ms = now_ms;
  if (!core_.online() || !state_.find_chat(chat)) return;
  if (!check_chat_action(state_, chat, ChatAction::Post, {}).is_ok()) return;  // who may not post is not "typing"
  auto it = typing_sent_.find(chat.get());
  if (it != typing_sent_.end() && now_ms - it->second < kTypingSendIntervalMs && now_ms >= it->second) return;
  typing_sent_[chat.get()] = now_ms;
  pb::ClientFrame frame;
  frame.mutable_set_typing()->set_chat_id(chat.get());
  core_.send(std::move(frame), *this, Typing, chat);
}

bool ChatManager::tick(std::int64_t now_ms) {
  state_.now_ms = now_ms;
  // A send the server refused with a retryable error (RATE_LIMITED, INTERNAL)
  // waits in the outbox; resend it after kOutboxRetryMs rather than only on the
  // next send or reconnect.
  if (core_.online() && outbox_.has_unsent() && now_ms >= outbox_retry_at_ms_) {
    if (outbox_retry_at_ms_ != 0) flush_outbox();
    outbox_retry_at_ms_ = now_ms + kOutboxRetryMs;
  } else if (!outbox_.has_unsent()) {
    outbox_retry_at_ms_ = 0;
  }
  if (!reduce_expire_typing(state_, now_ms)) return false;
  core_.changed();
  return true;
}

std::int64_t ChatManager::next_wakeup_ms() const {
  std::int64_t at = 0;
  auto earliest = [&at](std::int64_t t) {
    if (t > 0 && (at == 0 || t < at)) at = t;
  };
  if (core_.online() && outbox_.has_unsent()) {
    earliest(outbox_retry_at_ms_ ? outbox_retry_at_ms_ : state_.now_ms + kOutboxRetryMs);
  }
  for (const auto& chat : state_.chats) {
    for (const auto& t : chat.typing) earliest(t.until_ms);
  }
  return at;
}

// ---------------------------------------------------------------------------
// Replies and pushed updates
// ---------------------------------------------------------------------------

void ChatManager::on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) {
  switch (kind) {
    case ListChats:
      on_chat_list(frame);
      return;
    case History:
    case Older:
    case Catchup:
      on_history(frame, kind, chat);
      return;
    case Send:
      if (!outbox_.on_reply(frame)) return;
      reduce(state_, frame);
      if (frame.has_message_sent()) {
        if (const ChatEntry* c = state_.find_chat(ChatId{frame.message_sent().message().chat_id()})) sync_chat(*c);
      }
      return;
    case Typing:
      return;  // an indicator that did not go out is not worth a toast
    default:   // MarkRead
      if (frame.has_error()) reduce(state_, frame);
      return;
  }
}

void ChatManager::on_chat_list(const pb::ServerFrame& frame) {
  reduce(state_, frame);
  if (frame.has_chat_list()) sync_loaded_chats();
}

// ChatEvent, Typing, ReadPositionChanged.
void ChatManager::on_update(const pb::ServerFrame& frame) {
  if (frame.has_chat_event() && !state_.find_chat(ChatId{frame.chat_event().chat_id()})) {
    if (frame.chat_event().has_chat_changed() && frame.chat_event().chat_changed().removed()) return;
    list_chats();  // a chat we were just added to
    return;
  }
  const ChatEntry* before = state_.find_chat(state_.open_chat);
  const std::uint64_t read_before = before ? before->read_seq : 0;
  reduce(state_, frame);
  if (!frame.has_chat_event()) return;
  if (const ChatEntry* chat = state_.find_chat(ChatId{frame.chat_event().chat_id()})) sync_chat(*chat);
  // Messages arriving in the open chat are read at once.
  const ChatEntry* open = state_.find_chat(state_.open_chat);
  if (open && open->read_seq > read_before && open->id.get() == frame.chat_event().chat_id()) {
    mark_read(open->id, open->read_seq);
  }
}

void ChatManager::on_session() {
  list_chats();
  flush_outbox();
}

void ChatManager::on_disconnected() { outbox_.on_disconnected(); }

void ChatManager::on_user_changed() {
  state_.chats.clear();
  state_.chats_loaded = false;
  state_.from_cache = false;
  state_.open_chat = ChatId{};
  state_.jump_chat = ChatId{};
  state_.jump_seq = 0;
  jump_.reset();
}

void ChatManager::on_logout() {
  outbox_ = Outbox{};  // a shared computer must not keep the last user's messages
  typing_sent_.clear();
  jump_.reset();
}

// ---------------------------------------------------------------------------
// Chat list, history and catch-up
// ---------------------------------------------------------------------------

void ChatManager::list_chats() {
  pb::ClientFrame frame;
  frame.mutable_list_chats();
  core_.send(std::move(frame), *this, ListChats);
}

bool ChatManager::history_pending(ChatId chat) const {
  return core_.is_pending(*this, chat, {History, Older, Catchup});
}

void ChatManager::request_history(const ChatEntry& chat) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_get_history();
  cmd->set_chat_id(chat.id.get());
  cmd->set_limit(kDefaultHistoryPage);
  core_.send(std::move(frame), *this, History, chat.id);
}

void ChatManager::request_older(const ChatEntry& chat, std::uint32_t limit) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_get_history();
  cmd->set_chat_id(chat.id.get());
  cmd->set_before_seq(chat.messages.empty() ? chat.cursor + 1 : chat.loaded_from());
  cmd->set_limit(limit);
  core_.send(std::move(frame), *this, Older, chat.id);
}

// Brings one chat's loaded window up to date: the first page for the open chat,
// or what was missed after the window.
void ChatManager::sync_chat(const ChatEntry& chat) {
  if (!core_.online() || history_pending(chat.id)) return;
  if (!chat.history_loaded) {
    if (chat.id == state_.open_chat) request_history(chat);
    return;
  }
  if (!chat.gap) return;
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_get_history();
  cmd->set_chat_id(chat.id.get());
  cmd->set_after_seq(chat.loaded_until());
  cmd->set_limit(kMaxHistoryPage);
  core_.send(std::move(frame), *this, Catchup, chat.id);
}

void ChatManager::sync_loaded_chats() {
  for (const auto& chat : state_.chats) sync_chat(chat);
  advance_jump();
  if (const ChatEntry* open = state_.find_chat(state_.open_chat); open && open->last_seq > open->read_seq) {
    mark_read(open->id, open->last_seq);
  }
}

void ChatManager::flush_outbox() {
  if (!core_.online()) return;
  for (auto& frame : outbox_.take_unsent(core_.next_request_id())) core_.send_with_id(frame, *this, Send);
}

void ChatManager::on_history(const pb::ServerFrame& frame, int kind, ChatId chat_id) {
  const ChatEntry* before = state_.find_chat(chat_id);
  const std::uint64_t cursor_before = before ? before->cursor : 0;
  bool snapshot = false;
  if (frame.has_history()) {
    const HistoryPage page = kind == Older     ? HistoryPage::Older
                             : kind == Catchup ? HistoryPage::CatchUp
                                               : HistoryPage::Newest;
    snapshot = page == HistoryPage::CatchUp && frame.history().snapshot();
    reduce_history(state_, frame.history(), page);
  } else {
    reduce(state_, frame);  // an error: shown like any failed command
  }
  // Too much was missed: pins, settings and unread counts moved on too.
  if (snapshot) list_chats();
  // Keep catching up while pages bring progress (never loop on a stuck window);
  // a first page may already be behind the events pushed while it was read.
  if (const ChatEntry* chat = state_.find_chat(chat_id); chat && frame.has_history()) {
    if (kind != Catchup || chat->cursor > cursor_before) sync_chat(*chat);
  }
  advance_jump();
}

// ---------------------------------------------------------------------------
// Jumping to a message
// ---------------------------------------------------------------------------

void ChatManager::jump_to(ChatId chat, std::uint64_t seq) {
  if (!state_.find_chat(chat) || seq == 0) return;
  if (state_.open_chat != chat) open_chat(chat);
  state_.jump_chat = ChatId{};
  state_.jump_seq = 0;
  jump_ = JumpTarget{chat, seq, kMaxJumpPages};
  core_.changed();
  advance_jump();
}

void ChatManager::clear_jump() {
  jump_.reset();
  if (!state_.jump_chat.valid() && state_.jump_seq == 0) return;
  state_.jump_chat = ChatId{};
  state_.jump_seq = 0;
  core_.changed();
}

// One step towards the jump target: done when the message is in the window;
// otherwise the next older page (at most kMaxJumpPages), or wait for the newest
// page or a catch-up that is on its way.
void ChatManager::advance_jump() {
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
    core_.changed();
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
  if (!core_.online() || history_pending(chat->id)) return;
  --jump_->pages_left;
  request_older(*chat, kMaxHistoryPage);
}

}  // namespace parta
