// The commands of auth.proto, in one place: password login, session resume and
// logout, one-time e-mail login codes, and the list of one's sessions. Each
// command gets exactly one reply (Login's after the hash check on a worker).
#pragma once

#include "server/app/command_module.h"
#include "server/auth/auth_service.h"
#include "server/auth/session_service.h"

namespace parta::server {

class AuthCommands final : public CommandModule {
 public:
  AuthCommands(AuthService& auth, SessionService& sessions) : auth_(auth), sessions_(sessions) {}

  std::span<const CommandCase> commands() const override;
  void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) override;

 private:
  AuthService& auth_;
  SessionService& sessions_;
};

// Replies LoginOk for a new session of `user` on `peer` (or the error): after
// LoginWithCode here, Register and ConfirmRegistration in the org domain.
void reply_new_session(AuthService& auth, Peer& peer, std::uint64_t request_id, const Result<UserId>& user,
                       const CommandModule::Reply& reply);

}  // namespace parta::server
