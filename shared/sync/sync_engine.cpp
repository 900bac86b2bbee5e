// The client sync engine; see sync_engine.h.
#include "shared/sync/sync_engine.h"

#include <algorithm>

#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta {

// ---------------------------------------------------------------------------
// Socket events
// ---------------------------------------------------------------------------

void SyncEngine::on_connecting() {
  state_.connection = Connection::Connecting;
  ++revision_;
}

void SyncEngine::on_connected() {
  state_.connection = Connection::Connected;
  if (!token_.empty()) {
    pb::ClientFrame frame;
    auto* resume = frame.mutable_resume_session();
    resume->set_token(token_);
    resume->set_protocol_version(kProtocolVersion);
    send(std::move(frame), Pending::Resume);
  }
  flush_deferred();
  ++revision_;
}

void SyncEngine::on_disconnected() {
  state_.connection = Connection::Offline;
  pending_.clear();
  org_pending_.clear();        // no replies will come: the views may resend
  reduce_org_disconnected(org_);
  outgoing_.clear();           // frames for the dead socket; the outbox resends its own
  outbox_.on_disconnected();
  // Changes in flight may or may not have been applied: they are idempotent, so
  // they go again after the session is back (in their original order).
  std::vector<Change> again;
  for (auto& [id, change] : changes_in_flight_) {
    change.resent = true;
    again.push_back(std::move(change));
  }
  changes_in_flight_.clear();
  changes_waiting_.insert(changes_waiting_.begin(), std::make_move_iterator(again.begin()),
                          std::make_move_iterator(again.end()));
  search_request_ = 0;  // a pending search is asked again
  ++revision_;
}

Status SyncEngine::on_bytes(std::string_view bytes) {
  auto decoded = decode_server_frame(bytes);
  if (!decoded) return decoded.status();
  const pb::ServerFrame& frame = decoded.value();
  ++revision_;
  if (frame.request_id() != 0) {
    auto it = pending_.find(frame.request_id());
    if (it != pending_.end()) {
      const PendingRequest request = it->second;
      pending_.erase(it);
      handle_reply(frame, request);
    } else if (outbox_.on_reply(frame)) {
      reduce(state_, frame);
      if (frame.has_message_sent()) {
        if (const ChatEntry* chat = state_.find_chat(ChatId{frame.message_sent().message().chat_id()})) sync_chat(*chat);
      }
    }
    return Status::ok();
  }
  // A pushed update.
  if (frame.has_chat_event() && !state_.find_chat(ChatId{frame.chat_event().chat_id()})) {
    if (frame.chat_event().has_chat_changed() && frame.chat_event().chat_changed().removed()) return Status::ok();
    pb::ClientFrame list;
    list.mutable_list_chats();
    send(std::move(list), Pending::ListChats);  // a chat we were just added to
    return Status::ok();
  }
  const ChatEntry* before = state_.find_chat(state_.open_chat);
  const std::uint64_t read_before = before ? before->read_seq : 0;
  reduce(state_, frame);
  if (frame.has_chat_event()) {
    if (const ChatEntry* chat = state_.find_chat(ChatId{frame.chat_event().chat_id()})) sync_chat(*chat);
    // Messages arriving in the open chat are read at once.
    const ChatEntry* open = state_.find_chat(state_.open_chat);
    if (open && open->read_seq > read_before && open->id.get() == frame.chat_event().chat_id()) {
      mark_read(open->id, open->read_seq);
    }
  }
  return Status::ok();
}

void SyncEngine::handle_reply(const pb::ServerFrame& frame, const PendingRequest& request) {
  switch (request.kind) {
    case Pending::Login:
    case Pending::Resume:
      if (frame.has_login_ok()) {
        token_ = frame.login_ok().token();
        adopt_user(UserId{frame.login_ok().me().id()});
        reduce(state_, frame);
        on_authenticated();
      } else if (frame.has_error()) {
        if (request.kind == Pending::Login) {
          state_.login_error = Status(frame.error().code(), frame.error().message());
        } else if (!is_retryable(frame.error().code())) {
          token_.clear();  // the session is gone: back to the login screen
          reduce_logged_out(state_);
          flush_deferred();  // anonymous commands that waited for the resume
        }
      }
      return;
    case Pending::ListChats:
      reduce(state_, frame);
      if (frame.has_chat_list()) sync_loaded_chats();
      return;
    case Pending::History:
    case Pending::Older:
    case Pending::Catchup:
      handle_history_reply(frame, request);
      return;
    case Pending::Change:
      handle_change_reply(frame);
      return;
    case Pending::Search:
      handle_search_reply(frame);
      return;
    case Pending::Typing:
      return;  // an indicator that did not go out is not worth a toast
    case Pending::Org:
      handle_org_reply(frame, frame.request_id());
      return;
    case Pending::Logout:
    case Pending::MarkRead:
    case Pending::Other:
      if (frame.has_error()) reduce(state_, frame);
      return;
  }
}

// ---------------------------------------------------------------------------
// Intents
// ---------------------------------------------------------------------------

void SyncEngine::login(std::string_view login, std::string_view password) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_login();
  cmd->set_login(std::string(login));
  cmd->set_password(std::string(password));
  cmd->set_protocol_version(kProtocolVersion);
  state_.login_error = validate_command(frame);
  ++revision_;
  if (!state_.login_error.is_ok()) return;
  send(std::move(frame), Pending::Login);
}

void SyncEngine::logout() {
  if (state_.connection == Connection::Online) {
    pb::ClientFrame frame;
    frame.mutable_logout();
    send(std::move(frame), Pending::Logout);
  }
  token_.clear();
  outbox_ = Outbox{};  // a shared computer must not keep the last user's drafts
  forget_user_data();
  reduce_logged_out(state_);
  org_ = OrgState{};
  org_pending_.clear();
  deferred_.clear();
  ++revision_;
}

void SyncEngine::open_chat(ChatId chat_id) {
  reduce_open_chat(state_, chat_id);
  ++revision_;
  const ChatEntry* chat = state_.find_chat(chat_id);
  if (!chat) return;
  sync_chat(*chat);
  if (chat->last_seq > 0) mark_read(chat_id, chat->last_seq);
}

void SyncEngine::close_chat() {
  state_.open_chat = ChatId{};
  ++revision_;
}

void SyncEngine::load_older(ChatId chat_id) {
  const ChatEntry* chat = state_.find_chat(chat_id);
  if (!chat || !chat->history_loaded || !chat->has_older || history_pending(chat_id)) return;
  if (state_.connection != Connection::Online) return;
  request_older(*chat, kDefaultHistoryPage);
}

Status SyncEngine::send_text(ChatId chat, std::string_view text, std::string client_id, std::int64_t now_ms) {
  OutgoingMessage message;
  message.text = std::string(text);
  return send_message(chat, message, std::move(client_id), now_ms);
}

void SyncEngine::mark_read(ChatId chat, std::uint64_t seq) {
  if (state_.connection != Connection::Online) return;
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_mark_read();
  cmd->set_chat_id(chat.get());
  cmd->set_seq(seq);
  send(std::move(frame), Pending::MarkRead, chat);
}

std::vector<std::string> SyncEngine::take_outgoing() {
  std::vector<std::string> out;
  out.swap(outgoing_);
  return out;
}

// ---------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------

std::uint64_t SyncEngine::send(pb::ClientFrame frame, Pending kind, ChatId chat) {
  const std::uint64_t id = next_request_id_++;
  frame.set_request_id(id);
  pending_[id] = PendingRequest{kind, chat};
  outgoing_.push_back(encode_frame(frame));
  return id;
}

void SyncEngine::on_authenticated() {
  state_.connection = Connection::Online;
  ++session_generation_;
  pb::ClientFrame frame;
  frame.mutable_list_chats();
  send(std::move(frame), Pending::ListChats);
  flush_outbox();
  flush_deferred();
  flush_changes();
  if (state_.search.pending && search_request_ == 0) send_search();
}

bool SyncEngine::history_pending(ChatId chat) const {
  for (const auto& [id, request] : pending_) {
    if (request.chat != chat) continue;
    if (request.kind == Pending::History || request.kind == Pending::Older || request.kind == Pending::Catchup) return true;
  }
  return false;
}

void SyncEngine::request_history(const ChatEntry& chat) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_get_history();
  cmd->set_chat_id(chat.id.get());
  cmd->set_limit(kDefaultHistoryPage);
  send(std::move(frame), Pending::History, chat.id);
}

// Brings one chat's loaded window up to date: the first page for the open chat,
// or what was missed after the window.
void SyncEngine::sync_chat(const ChatEntry& chat) {
  if (state_.connection != Connection::Online || history_pending(chat.id)) return;
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
  send(std::move(frame), Pending::Catchup, chat.id);
}

void SyncEngine::sync_loaded_chats() {
  for (const auto& chat : state_.chats) sync_chat(chat);
  advance_jump();
  if (const ChatEntry* open = state_.find_chat(state_.open_chat); open && open->last_seq > open->read_seq) {
    mark_read(open->id, open->last_seq);
  }
}

void SyncEngine::flush_outbox() {
  if (state_.connection != Connection::Online) return;
  for (auto& frame : outbox_.take_unsent(next_request_id_)) outgoing_.push_back(encode_frame(frame));
}

}  // namespace parta

// ---------------------------------------------------------------------------
// Organization commands
// ---------------------------------------------------------------------------

namespace parta {

namespace {

bool can_send(Connection connection, bool resuming, const pb::ClientFrame& frame) {
  if (connection == Connection::Offline || connection == Connection::Connecting) return false;
  if (connection == Connection::Online || is_anonymous_command(frame)) return true;
  return !resuming;  // no session is coming: the server answers UNAUTHENTICATED
}

}  // namespace

Result<std::uint64_t> SyncEngine::request(pb::ClientFrame frame) {
  if (auto s = validate_command(frame); !s) return s;
  const std::uint64_t id = next_request_id_++;
  frame.set_request_id(id);
  reduce_org_sent(org_, id, frame);
  ++revision_;
  const bool resuming = !token_.empty() && state_.connection != Connection::Online;
  if (can_send(state_.connection, resuming, frame)) send_org(std::move(frame));
  else deferred_.push_back(std::move(frame));
  return id;
}

void SyncEngine::select_org(OrgId org) {
  if (org == org_.org) return;
  reduce_select_org(org_, org);
  ++revision_;
}

void SyncEngine::clear_error() {
  if (org_.last_error.is_ok()) return;
  org_.last_error = Status::ok();
  org_.last_error_command = pb::ClientFrame::COMMAND_NOT_SET;
  ++revision_;
}

void SyncEngine::send_org(pb::ClientFrame frame) {
  const std::uint64_t id = frame.request_id();
  pending_[id] = PendingRequest{Pending::Org, ChatId{}};
  outgoing_.push_back(encode_frame(frame));
  org_pending_.emplace(id, std::move(frame));
}

void SyncEngine::flush_deferred() {
  if (deferred_.empty()) return;
  std::vector<pb::ClientFrame> waiting;
  waiting.swap(deferred_);
  const bool resuming = !token_.empty() && state_.connection != Connection::Online;
  for (auto& frame : waiting) {
    if (can_send(state_.connection, resuming, frame)) {
      // A disconnect in between cleared the op's in-flight mark: it is on its way again.
      OpStatus& op = org_.op(frame.command_case());
      if (op.latest == frame.request_id()) op.in_flight = true;
      send_org(std::move(frame));
    } else {
      deferred_.push_back(std::move(frame));
    }
  }
}

void SyncEngine::handle_org_reply(const pb::ServerFrame& frame, std::uint64_t request_id) {
  auto it = org_pending_.find(request_id);
  if (it == org_pending_.end()) return;
  const pb::ClientFrame command = std::move(it->second);
  org_pending_.erase(it);
  ChatId joined;
  if (frame.has_login_ok()) {
    // Register, ConfirmRegistration, LoginWithCode: a session, exactly as after Login.
    token_ = frame.login_ok().token();
    adopt_user(UserId{frame.login_ok().me().id()});
    reduce(state_, frame);
    on_authenticated();
  } else if (frame.has_chat_list()) {
    // JoinChat: the new list has the chat we joined (or already were in).
    std::vector<ChatId> before;
    for (const auto& chat : state_.chats) before.push_back(chat.id);
    reduce(state_, frame);
    for (const auto& chat : state_.chats) {
      if (std::find(before.begin(), before.end(), chat.id) == before.end()) joined = chat.id;
    }
    if (!joined.valid() && org_.invite) {
      for (const auto& chat : state_.chats) {
        if (chat.title == org_.invite->chat_title()) joined = chat.id;
      }
    }
    sync_loaded_chats();
  } else if (frame.has_chat_created()) {
    pb::ClientFrame list;
    list.mutable_list_chats();
    send(std::move(list), Pending::ListChats);
  }
  reduce_org_reply(org_, request_id, command, frame);
  if (joined.valid()) org_.joined_chat = joined;
}

}  // namespace parta
