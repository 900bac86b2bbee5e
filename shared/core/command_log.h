// Per kind of command: whether one is on its way and how the newest one ended,
// plus the last failure for the toast. Kept for every command sent through
// SyncEngine::request(), whatever its domain; each domain's reducer (org_state,
// auth_state) logs its commands here before folding the result into its state.
#pragma once

#include <cstdint>
#include <map>

#include "shared/core/result.h"

namespace parta {

using Command = pb::ClientFrame::CommandCase;

// One kind of command: whether one is on its way and how the newest one ended.
struct OpStatus {
  std::uint64_t latest = 0;     // request id of the newest command of this kind
  bool in_flight = false;       // the newest one has no reply yet
  Status error;                 // the newest reply's error (ok after a success)
  std::uint32_t succeeded = 0;  // successful replies so far (views watch it change)
};

struct CommandLog {
  // Per command kind (the ClientFrame oneof field number), created when one is
  // sent: every domain's field range fits, however high.
  std::map<int, OpStatus> ops;
  const OpStatus& op(Command c) const {
    auto it = ops.find(c);
    return it == ops.end() ? never_sent_ : it->second;
  }
  OpStatus& op(Command c) { return ops[c]; }
  bool busy(Command c) const { return op(c).in_flight; }

  // The last command that failed, for the toast and the test hook; cleared by the app.
  Status last_error;
  Command last_error_command = pb::ClientFrame::COMMAND_NOT_SET;

 private:
  OpStatus never_sent_;  // what op() shows for a kind not sent yet
};

// A command of kind `c` went out with this request id.
void log_sent(CommandLog& log, std::uint64_t request_id, Command c);
// Its reply arrived: an error is recorded. Returns whether it answers the newest
// command of its kind (older replies may be stale).
bool log_reply(CommandLog& log, std::uint64_t request_id, Command c, const pb::ServerFrame& reply);
// The reply is a success the domain keeps (after its own staleness checks).
void log_success(CommandLog& log, Command c, bool newest);
// The connection dropped: commands in flight will get no reply.
void log_disconnected(CommandLog& log);

}  // namespace parta
