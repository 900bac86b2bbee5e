// Login, session resume and logout. Password checks (argon2id, ~0.1 s each) run
// off the I/O thread through `Offload`; storage calls stay on the I/O thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "server/auth/session_repository.h"
#include "server/auth/user_repository.h"
#include "server/net/bus.h"

namespace parta::server {

// Runs `work` on a worker thread, then `then` on the I/O thread.
using Offload = std::function<void(std::function<void()> work, std::function<void()> then)>;

inline constexpr int kMaxFailedLogins = 10;                                  // per connection
inline constexpr std::int64_t kSessionLifetimeMs = 30LL * 24 * 3600 * 1000;  // 30 days

class AuthService {
 public:
  AuthService(SessionRepository& sessions, UserRepository& users, Bus& bus, Offload offload);

  using LoginDone = std::function<void(Result<pb::LoginOk>)>;
  // Calls `done` exactly once, on the I/O thread (later: the hash check is slow).
  void login(const std::shared_ptr<Peer>& peer, const pb::Login& command, LoginDone done);
  Result<pb::LoginOk> resume(Peer& peer, const pb::ResumeSession& command);
  Status logout(Peer& peer);
  // A new session for `user` on this connection (after Register, ConfirmRegistration,
  // LoginWithCode): the token is made and stored here.
  Result<pb::LoginOk> open_session(Peer& peer, UserId user);

 private:
  void finish_login(Peer& peer, UserId user, LoginDone& done);
  // Binds the connection to `user`; a new token (Login) is stored first. A
  // connection that logs in again simply switches; its old session stays valid.
  Result<pb::LoginOk> start_session(Peer& peer, UserId user, std::string token, bool is_new);

  SessionRepository& sessions_;
  UserRepository& users_;
  Bus& bus_;
  Offload offload_;
  // Checked against when the login is unknown, so both cases take the same time.
  std::string dummy_hash_;
};

}  // namespace parta::server
