// The sync engine's session manager: password login, resuming a saved session
// on every connect, logout, and the session token. Commands of other domains
// that log in (registration, code login) hand their LoginOk to establish().
#pragma once

#include <string>
#include <string_view>

#include "shared/sync/drafts_cache.h"
#include "shared/sync/sync_core.h"

namespace parta {

class SessionManager : public SyncManager {
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
