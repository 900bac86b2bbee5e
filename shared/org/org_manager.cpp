// The sync engine's org manager; see org_manager.h.
#include "shared/org/org_manager.h"

#include <algorithm>

#include "shared/core/validation.h"
#include "shared/proto/protocol.h"

namespace parta {

namespace {

// Each command's state is reduced by its own domain.
void reduce_sent(OrgState& s, std::uint64_t id, const pb::ClientFrame& command) {
  if (find_auth_command(command.command_case()))
    reduce_auth_sent(s, s, id, command);
  else
    reduce_org_sent(s, id, command);
}

void reduce_reply(OrgState& s, std::uint64_t id, const pb::ClientFrame& command, const pb::ServerFrame& reply) {
  if (find_auth_command(command.command_case()))
    reduce_auth_reply(s, s, id, command, reply);
  else
    reduce_org_reply(s, id, command, reply);
}

}  // namespace

OrgManager::OrgManager(SyncCore& core, SessionManager& session, ChatManager& chats)
    : core_(core), org_(core.org), session_(session), chats_(chats) {}

// Commands that need a session wait until there is one; anonymous ones (apply,
// register, code login) wait only for the socket.
Result<std::uint64_t> OrgManager::request(pb::ClientFrame frame) {
  if (auto s = validate_command(frame); !s) return s;
  const std::uint64_t id = core_.next_request_id()++;
  frame.set_request_id(id);
  reduce_sent(org_, id, frame);
  core_.changed();
  if (can_send(frame))
    send(std::move(frame));
  else
    deferred_.push_back(std::move(frame));
  return id;
}

void OrgManager::select_org(OrgId org) {
  if (org == org_.org) return;
  reduce_select_org(org_, org);
  core_.changed();
}

void OrgManager::clear_error() {
  if (org_.last_error.is_ok()) return;
  org_.last_error = Status::ok();
  org_.last_error_command = pb::ClientFrame::COMMAND_NOT_SET;
  core_.changed();
}

bool OrgManager::can_send(const pb::ClientFrame& frame) const {
  const Connection connection = core_.state.connection;
  if (connection == Connection::Offline || connection == Connection::Connecting) return false;
  if (connection == Connection::Online || is_anonymous_command(frame)) return true;
  return !session_.resuming();  // no session is coming: the server answers UNAUTHENTICATED
}

void OrgManager::send(pb::ClientFrame frame) {
  core_.send_with_id(frame, *this);
  const std::uint64_t id = frame.request_id();
  pending_.emplace(id, std::move(frame));
}

void OrgManager::flush_deferred() {
  if (deferred_.empty()) return;
  std::vector<pb::ClientFrame> waiting;
  waiting.swap(deferred_);
  for (auto& frame : waiting) {
    if (can_send(frame)) {
      // A disconnect in between cleared the op's in-flight mark: it is on its way again.
      OpStatus& op = org_.op(frame.command_case());
      if (op.latest == frame.request_id()) op.in_flight = true;
      send(std::move(frame));
    } else {
      deferred_.push_back(std::move(frame));
    }
  }
}

void OrgManager::on_reply(const pb::ServerFrame& frame, int, ChatId) {
  auto it = pending_.find(frame.request_id());
  if (it == pending_.end()) return;
  const pb::ClientFrame command = std::move(it->second);
  pending_.erase(it);
  ChatId joined;
  if (frame.has_login_ok()) {
    // Register, ConfirmRegistration, LoginWithCode: a session, exactly as after Login.
    session_.establish(frame);
  } else if (frame.has_chat_list()) {
    // JoinChat: the new list has the chat we joined (or already were in).
    const ClientState& state = core_.state;
    std::vector<ChatId> before;
    for (const auto& chat : state.chats) before.push_back(chat.id);
    chats_.on_chat_list(frame);
    for (const auto& chat : state.chats) {
      if (std::find(before.begin(), before.end(), chat.id) == before.end()) joined = chat.id;
    }
    if (!joined.valid() && org_.invite) {
      for (const auto& chat : state.chats) {
        if (chat.title == org_.invite->chat_title()) joined = chat.id;
      }
    }
  } else if (frame.has_chat_created()) {
    chats_.list_chats();
  }
  reduce_reply(org_, frame.request_id(), command, frame);
  if (joined.valid()) org_.joined_chat = joined;
}

void OrgManager::on_disconnected() {
  pending_.clear();  // no replies will come: the views may resend
  reduce_org_disconnected(org_);
}

void OrgManager::on_logout() {
  org_ = OrgState{};
  pending_.clear();
  deferred_.clear();
}

}  // namespace parta
