// One-time e-mail login codes, and a person's sessions (list; end one or all
// others, which also disconnects them).
#pragma once

#include "server/auth/session_repository.h"
#include "server/auth/user_repository.h"
#include "server/mail/mail.h"
#include "server/net/bus.h"

namespace parta::server {

inline constexpr std::int64_t kLoginCodeLifetimeMs = 15LL * 60 * 1000;
inline constexpr std::int64_t kLoginCodeCooldownMs = 30'000;  // one mail per address per 30 s
inline constexpr int kMaxLoginCodeAttempts = 5;

class SessionService {
 public:
  SessionService(SessionRepository& sessions, UserRepository& users, Bus& bus, MailService& mail)
      : sessions_(sessions), users_(users), bus_(bus), mail_(mail) {}

  // Always OK (the reply never tells whether the address is registered); a code
  // is mailed only to a registered one, in the background.
  Status request_login_code(const pb::RequestLoginCode& command);
  // The user to log in, or CODE_INVALID (wrong, expired, used up, unknown address).
  Result<UserId> check_login_code(const pb::LoginWithCode& command);

  Result<pb::Sessions> list(const Peer& peer);
  Result<pb::Sessions> end(Peer& peer, const pb::EndSessions& command);

 private:
  SessionRepository& sessions_;
  UserRepository& users_;
  Bus& bus_;
  MailService& mail_;
};

}  // namespace parta::server
