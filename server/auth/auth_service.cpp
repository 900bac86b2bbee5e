// AuthService: credentials, session tokens (only their hash is stored), throttling.
#include "server/auth/auth_service.h"

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/app/wire.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

Status bad_credentials() { return {pb::ERROR_BAD_CREDENTIALS, "wrong login or password"}; }
Status rate_limited() { return {pb::ERROR_RATE_LIMITED, "too many failed attempts on this connection"}; }
Status session_expired() { return {pb::ERROR_SESSION_EXPIRED, "unknown or expired session"}; }

}  // namespace

AuthService::AuthService(SessionRepository& sessions, UserRepository& users, Bus& bus, Offload offload)
    : sessions_(sessions), users_(users), bus_(bus), offload_(std::move(offload)) {
  dummy_hash_ = hash_password("parta-dummy-password").value_or("");
}

void AuthService::login(const std::shared_ptr<Peer>& peer, const pb::Login& command, LoginDone done) {
  if (peer->failed_logins >= kMaxFailedLogins) return done(rate_limited());
  auto creds = sessions_.find_credentials(normalize_login(command.login()));
  if (!creds) return done(creds.status());

  // The slow part runs on a worker; it only touches the copies captured here.
  struct Check {
    std::string hash;
    std::string password;
    bool known = false;
    bool ok = false;
  };
  auto check = std::make_shared<Check>();
  check->known = creds.value().has_value();
  check->hash = check->known ? creds.value()->password_hash : dummy_hash_;
  check->password = command.password();
  const UserId user = check->known ? creds.value()->user : UserId();

  offload_(
      [check] {
        check->ok = !check->hash.empty() && verify_password(check->hash, check->password);
        check->password.assign(check->password.size(), '\0');
      },
      [this, peer, check, user, done = std::move(done)]() mutable {
        if (!check->known || !check->ok) {
          ++peer->failed_logins;
          log_info("conn ", peer->id, ": failed login (", peer->failed_logins, ")");
          return done(bad_credentials());
        }
        finish_login(*peer, user, done);
      });
}

void AuthService::finish_login(Peer& peer, UserId user, LoginDone& done) {
  done(start_session(peer, user, new_session_token(), true));
}

Result<pb::LoginOk> AuthService::open_session(Peer& peer, UserId user) {
  return start_session(peer, user, new_session_token(), true);
}

Result<pb::LoginOk> AuthService::start_session(Peer& peer, UserId user, std::string token, bool is_new) {
  auto record = users_.find_user(user);
  if (!record) return record.status();
  if (!record.value()) return session_expired();  // the user was deleted
  auto memberships = users_.memberships_of(user);
  if (!memberships) return memberships.status();
  auto platform_operator = users_.is_platform_operator(user);
  if (!platform_operator) return platform_operator.status();
  const std::int64_t now = now_ms();
  std::string token_hash = hash_session_token(token);
  if (is_new) {
    if (auto s = sessions_.create_session(token_hash, user, now, now + kSessionLifetimeMs); !s) return s;
  }
  // Last seen and the client, for ListSessions.
  if (auto s = sessions_.touch_session(token_hash, now, peer.client); !s) return s;
  peer.token_hash = std::move(token_hash);
  bus_.bind(peer, user);
  log_info("conn ", peer.id, ": user ", user.get(), is_new ? " logged in" : " resumed a session");

  pb::LoginOk ok;
  ok.set_token(std::move(token));
  to_wire(*record.value(), ok.mutable_me());  // as seen in their first organization
  for (auto& m : memberships.value()) *ok.add_memberships() = std::move(m);
  ok.set_platform_operator(platform_operator.value());
  return ok;
}

Result<pb::LoginOk> AuthService::resume(Peer& peer, const pb::ResumeSession& command) {
  if (peer.failed_logins >= kMaxFailedLogins) return rate_limited();
  const std::string& token = command.token();
  if (!is_token_shaped(token)) {
    ++peer.failed_logins;
    return session_expired();
  }
  auto found = sessions_.find_session(hash_session_token(token), now_ms());
  if (!found) return found.status();
  if (!found.value()) {
    ++peer.failed_logins;
    return session_expired();
  }
  return start_session(peer, *found.value(), token, false);
}

Status AuthService::logout(Peer& peer) {
  if (!peer.token_hash.empty()) {
    if (auto s = sessions_.delete_session(peer.token_hash); !s) return s;
  }
  log_info("conn ", peer.id, ": user ", peer.user.get(), " logged out");
  peer.token_hash.clear();
  bus_.bind(peer, UserId());
  return Status::ok();
}

}  // namespace parta::server
