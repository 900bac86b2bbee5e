// The sync engine's session manager: password login, resuming a saved session
// on every connect, logout and the session token; and, through request() (the
// CommandQueue), auth's other commands: one-time login codes and the list of
// one's sessions, reduced by auth_state. Commands of other domains that log in
// (registration) hand their LoginOk to establish().
#pragma once

#include <string>
#include <string_view>

#include "shared/auth/auth_state.h"
#include "shared/sync/drafts_cache.h"
#include "shared/sync/sync_core.h"

namespace parta {

class SessionManager : public SyncManager, public CommandDomain {
 public:
  SessionManager(SyncCore& core, DraftsCache& cache);

  void login(std::string_view login, std::string_view password);
  void logout();
  // A LoginOk: the token, the user (another user's cache goes), then every
  // manager's on_session().
  void establish(const pb::ServerFrame& login_ok);

  const std::string& token() const { return token_; }
  void set_token(std::string token) { token_ = std::move(token); }
  // A saved session exists but is not back yet (commands that need one wait).
  bool resuming() const { return !token_.empty() && !core_.online(); }

  // --- CommandDomain: code login and sessions (auth_state's table)
  bool owns(Command c) const override { return find_auth_command(c) != nullptr; }
  void on_command_sent(std::uint64_t request_id, const pb::ClientFrame& command) override;
  void on_command_reply(std::uint64_t request_id, const pb::ClientFrame& command,
                        const pb::ServerFrame& reply) override;

  // --- SyncManager
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override;
  void on_connected() override;  // resumes the session if a token is known

 private:
  enum Kind : int { Login, Resume, Logout };

  SyncCore& core_;
  DraftsCache& cache_;
  std::string token_;
};

}  // namespace parta
