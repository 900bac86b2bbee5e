// The auth-state reducer; see auth_state.h.
#include "shared/auth/auth_state.h"

namespace parta {

namespace {

void code_sent(AuthState& s, const pb::ServerFrame&) { s.login_code_sent = true; }
void code_used(AuthState& s, const pb::ServerFrame&) { s.login_code_sent = false; }

void sessions_listed(AuthState& s, const pb::ServerFrame& r) {
  if (!r.has_sessions()) return;
  s.sessions.assign(r.sessions().sessions().begin(), r.sessions().sessions().end());
  s.sessions_loaded = true;
}

// Every auth command. A new one is a row here (and its validation in auth's
// command checks).
const AuthCommand kAuthCommands[] = {
    {.command = pb::ClientFrame::kLogin},
    {.command = pb::ClientFrame::kResumeSession},
    {.command = pb::ClientFrame::kLogout},
    {.command = pb::ClientFrame::kRequestLoginCode, .result = code_sent},
    {.command = pb::ClientFrame::kLoginWithCode, .result = code_used},
    {.command = pb::ClientFrame::kListSessions, .result = sessions_listed},
    {.command = pb::ClientFrame::kEndSessions, .result = sessions_listed},
};

}  // namespace

const AuthCommand* find_auth_command(Command c) {
  for (const auto& command : kAuthCommands) {
    if (command.command == c) return &command;
  }
  return nullptr;
}

void reduce_auth_sent(AuthState&, CommandLog& log, std::uint64_t request_id, const pb::ClientFrame& command) {
  log_sent(log, request_id, command.command_case());
}

void reduce_auth_reply(AuthState& s, CommandLog& log, std::uint64_t request_id, const pb::ClientFrame& command,
                       const pb::ServerFrame& reply) {
  const Command c = command.command_case();
  const bool newest = log_reply(log, request_id, c, reply);
  if (reply.has_error()) return;
  log_success(log, c, newest);
  if (const AuthCommand* rule = find_auth_command(c); rule && rule->result) rule->result(s, reply);
}

}  // namespace parta
