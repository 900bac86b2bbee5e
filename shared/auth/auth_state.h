// The client's auth state and its reducer: one-time login codes and the list of
// one's sessions (commands sent through SyncEngine::request(); password login,
// resume and logout are SessionManager's). Pure: command + reply in, state out.
#pragma once

#include <cstdint>
#include <vector>

#include "shared/core/command_log.h"

namespace parta {

struct AuthState {
  bool login_code_sent = false;  // RequestLoginCode acknowledged (the code form shows)
  std::vector<pb::SessionInfo> sessions;
  bool sessions_loaded = false;
};

// One auth command: how a successful reply changes the state (null: it does not).
// Whether it works without a session is the shared command table's (command_spec.h).
struct AuthCommand {
  Command command;
  void (*result)(AuthState&, const pb::ServerFrame&) = nullptr;
};

// The auth command of this kind, or null (a command of another domain).
const AuthCommand* find_auth_command(Command c);

// A command went out with this request id.
void reduce_auth_sent(AuthState& state, CommandLog& log, std::uint64_t request_id, const pb::ClientFrame& command);
// Its reply (a result or an Error) arrived.
void reduce_auth_reply(AuthState& state, CommandLog& log, std::uint64_t request_id, const pb::ClientFrame& command,
                       const pb::ServerFrame& reply);

}  // namespace parta
