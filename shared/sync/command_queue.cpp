// The request() command queue; see command_queue.h.
#include "shared/sync/command_queue.h"

#include "shared/core/validation.h"
#include "shared/proto/command_spec.h"
#include "shared/proto/protocol.h"

namespace parta {

CommandQueue::CommandQueue(SyncCore& core, const SessionManager& session) : core_(core), session_(session) {}

CommandDomain* CommandQueue::domain_of(Command c) const {
  for (CommandDomain* domain : domains_) {
    if (domain->owns(c)) return domain;
  }
  return nullptr;
}

Result<std::uint64_t> CommandQueue::request(pb::ClientFrame frame) {
  if (auto s = validate_command(frame); !s) return s;
  CommandDomain* domain = domain_of(frame.command_case());
  if (!domain) return Status(pb::ERROR_INVALID_ARGUMENT, "no domain takes this command");
  const std::uint64_t id = core_.next_request_id()++;
  frame.set_request_id(id);
  domain->on_command_sent(id, frame);
  core_.changed();
  if (can_send(frame))
    send(std::move(frame));
  else
    deferred_.push_back(std::move(frame));
  return id;
}

void CommandQueue::clear_error() {
  CommandLog& log = core_.org;
  if (log.last_error.is_ok()) return;
  log.last_error = Status::ok();
  log.last_error_command = pb::ClientFrame::COMMAND_NOT_SET;
  core_.changed();
}

// Anonymous commands (apply, register, code login) wait only for the socket;
// the rest for the session, if one is being resumed. Which commands are
// anonymous is the shared command table's rule, the one the server enforces.
bool CommandQueue::can_send(const pb::ClientFrame& frame) const {
  const Connection connection = core_.state.connection;
  if (connection == Connection::Offline || connection == Connection::Connecting) return false;
  if (connection == Connection::Online) return true;
  if (command_allowed_anonymously(frame.command_case())) return true;
  return !session_.resuming();  // no session is coming: the server answers UNAUTHENTICATED
}

void CommandQueue::send(pb::ClientFrame frame) {
  core_.send_with_id(frame, *this);
  const std::uint64_t id = frame.request_id();
  pending_.emplace(id, std::move(frame));
}

void CommandQueue::flush() {
  if (deferred_.empty()) return;
  std::vector<pb::ClientFrame> waiting;
  waiting.swap(deferred_);
  for (auto& frame : waiting) {
    if (can_send(frame)) {
      // A disconnect in between cleared the op's in-flight mark: it is on its way again.
      OpStatus& op = core_.org.op(frame.command_case());
      if (op.latest == frame.request_id()) op.in_flight = true;
      send(std::move(frame));
    } else {
      deferred_.push_back(std::move(frame));
    }
  }
}

void CommandQueue::on_reply(const pb::ServerFrame& frame, int, ChatId) {
  auto it = pending_.find(frame.request_id());
  if (it == pending_.end()) return;
  const pb::ClientFrame command = std::move(it->second);
  pending_.erase(it);
  if (CommandDomain* domain = domain_of(command.command_case())) {
    domain->on_command_reply(frame.request_id(), command, frame);
  }
}

void CommandQueue::on_disconnected() {
  pending_.clear();  // no replies will come: the views may resend
  log_disconnected(core_.org);
}

void CommandQueue::on_logout() {
  pending_.clear();
  deferred_.clear();
}

}  // namespace parta
