// The per-command status log; see command_log.h.
#include "shared/core/command_log.h"

namespace parta {

void log_sent(CommandLog& log, std::uint64_t request_id, Command c) {
  OpStatus& op = log.op(c);
  op.latest = request_id;
  op.in_flight = true;
  op.error = Status::ok();
}

bool log_reply(CommandLog& log, std::uint64_t request_id, Command c, const pb::ServerFrame& reply) {
  OpStatus& op = log.op(c);
  const bool newest = request_id == op.latest;
  if (newest) op.in_flight = false;
  if (reply.has_error()) {
    const Status error(reply.error().code(), reply.error().message());
    log.last_error = error;
    log.last_error_command = c;
    if (newest) op.error = error;
  }
  return newest;
}

void log_success(CommandLog& log, Command c, bool newest) {
  OpStatus& op = log.op(c);
  if (newest) op.error = Status::ok();
  ++op.succeeded;
}

void log_disconnected(CommandLog& log) {
  for (auto& [command, op] : log.ops) op.in_flight = false;
}

}  // namespace parta
