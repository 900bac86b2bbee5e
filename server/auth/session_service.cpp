// SessionService: login codes (hashed, 6 digits, 15 minutes, 5 attempts) and
// session management.
#include "server/auth/session_service.h"

#include "server/app/clock.h"
#include "server/app/log.h"
#include "server/auth/password.h"
#include "server/mail/mail_text.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

std::string code_scope(UserId user) { return "login:" + std::to_string(user.get()); }

}  // namespace

Status SessionService::request_login_code(const pb::RequestLoginCode& command) {
  const std::string email = normalize_login(command.email());
  auto user = users_.user_by_email(email);
  if (!user) return user.status();
  if (!user.value()) return Status::ok();
  const UserId id = *user.value();
  const std::int64_t now = now_ms();
  auto previous = sessions_.find_login_code(id);
  if (!previous) return previous.status();
  if (previous.value() && now - previous.value()->created_at_ms < kLoginCodeCooldownMs) return Status::ok();
  const std::string code = new_one_time_code();
  LoginCode row;
  row.user = id;
  row.code_hash = hash_one_time_code(code_scope(id), code);
  row.created_at_ms = now;
  row.expires_at_ms = now + kLoginCodeLifetimeMs;
  if (auto s = sessions_.put_login_code(row); !s) return s;
  mail_.send(login_code_mail(email, code), [id](Status sent) {
    if (!sent) log_warn("login code for user ", id.get(), " not delivered: ", sent.message());
  });
  return Status::ok();
}

Result<UserId> SessionService::check_login_code(const pb::LoginWithCode& command) {
  const Status invalid(pb::ERROR_CODE_INVALID, "wrong or expired code");
  auto user = users_.user_by_email(normalize_login(command.email()));
  if (!user) return user.status();
  if (!user.value()) return invalid;
  const UserId id = *user.value();
  auto code = sessions_.find_login_code(id);
  if (!code) return code.status();
  if (!code.value()) return invalid;
  if (code.value()->expires_at_ms <= now_ms() || code.value()->attempts >= kMaxLoginCodeAttempts) {
    if (auto s = sessions_.delete_login_code(id); !s) return s;
    return invalid;
  }
  if (!one_time_code_matches(code.value()->code_hash, code_scope(id), command.code())) {
    auto s = code.value()->attempts + 1 >= kMaxLoginCodeAttempts ? sessions_.delete_login_code(id)
                                                                 : sessions_.count_login_code_attempt(id);
    if (!s) return s;
    return invalid;
  }
  if (auto s = sessions_.delete_login_code(id); !s) return s;  // one use
  return id;
}

Result<pb::Sessions> SessionService::list(const Peer& peer) {
  auto sessions = sessions_.list_sessions(peer.user, now_ms());
  if (!sessions) return sessions.status();
  pb::Sessions out;
  for (const auto& s : sessions.value()) {
    auto* info = out.add_sessions();
    info->set_id(s.public_id);
    info->set_created_at_ms(s.created_at_ms);
    info->set_last_seen_ms(s.last_seen_ms);
    info->set_client(s.client);
    info->set_current(s.token_hash == peer.token_hash);
  }
  return out;
}

Result<pb::Sessions> SessionService::end(Peer& peer, const pb::EndSessions& command) {
  const UserId user = peer.user;
  auto ended = sessions_.end_sessions(user, command.id(), peer.token_hash);
  if (!ended) return ended.status();
  // Connections on an ended session are logged out and closed; the client's
  // resume then fails and it shows the login screen.
  bus_.end_sessions(user, ended.value(), &peer);
  log_info("user ", user.get(), ": ", ended.value().size(), " session(s) ended");
  if (!peer.user.valid()) return pb::Sessions();  // the caller ended their own session
  return list(peer);
}

}  // namespace parta::server
