// The sync engine's session manager; see session_manager.h.
#include "shared/auth/session_manager.h"

#include "shared/core/validation.h"
#include "shared/proto/protocol.h"

namespace parta {

SessionManager::SessionManager(SyncCore& core, DraftsCache& cache) : core_(core), cache_(cache) {}

void SessionManager::on_connected() {
  if (token_.empty()) return;
  pb::ClientFrame frame;
  auto* resume = frame.mutable_resume_session();
  resume->set_token(token_);
  resume->set_protocol_version(kProtocolVersion);
  core_.send(std::move(frame), *this, Resume);
}

void SessionManager::login(std::string_view login, std::string_view password) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_login();
  cmd->set_login(std::string(login));
  cmd->set_password(std::string(password));
  cmd->set_protocol_version(kProtocolVersion);
  core_.state.login_error = validate_command(frame);
  core_.changed();
  if (!core_.state.login_error.is_ok()) return;
  core_.send(std::move(frame), *this, Login);
}

// Every manager forgets the user: a shared computer must not keep the last
// user's chats, drafts or messages.
void SessionManager::logout() {
  if (core_.online()) {
    pb::ClientFrame frame;
    frame.mutable_logout();
    core_.send(std::move(frame), *this, Logout);
  }
  token_.clear();
  core_.logged_out();
  reduce_logged_out(core_.state);
  core_.changed();
}

void SessionManager::establish(const pb::ServerFrame& frame) {
  token_ = frame.login_ok().token();
  cache_.adopt_user(UserId{frame.login_ok().me().id()});
  reduce(core_.state, frame);
  core_.session_started();
}

void SessionManager::on_reply(const pb::ServerFrame& frame, int kind, ChatId) {
  if (kind == Logout) {
    if (frame.has_error()) reduce(core_.state, frame);
    return;
  }
  if (frame.has_login_ok()) {
    establish(frame);
  } else if (frame.has_error()) {
    if (kind == Login) {
      core_.state.login_error = Status(frame.error().code(), frame.error().message());
    } else if (!is_retryable(frame.error().code())) {
      token_.clear();  // the session is gone: back to the login screen
      reduce_logged_out(core_.state);
      core_.session_refused();  // anonymous commands that waited for the resume go now
    }
  }
}

void SessionManager::on_command_sent(std::uint64_t request_id, const pb::ClientFrame& command) {
  reduce_auth_sent(core_.org, core_.org, request_id, command);
}

void SessionManager::on_command_reply(std::uint64_t request_id, const pb::ClientFrame& command,
                                      const pb::ServerFrame& reply) {
  if (reply.has_login_ok()) establish(reply);  // LoginWithCode: exactly as after Login
  reduce_auth_reply(core_.org, core_.org, request_id, command, reply);
}

}  // namespace parta
