// AuthCommands: validated frames of auth.proto -> AuthService / SessionService -> one reply.
#include "server/auth/auth_commands.h"

#include "shared/proto/protocol.h"

namespace parta::server {

std::span<const CommandCase> AuthCommands::commands() const {
  static constexpr CommandCase kCases[] = {
      pb::ClientFrame::kLogin,         pb::ClientFrame::kResumeSession,
      pb::ClientFrame::kLogout,        pb::ClientFrame::kRequestLoginCode,
      pb::ClientFrame::kLoginWithCode, pb::ClientFrame::kListSessions,
      pb::ClientFrame::kEndSessions,
  };
  return kCases;
}

void reply_new_session(AuthService& auth, Peer& peer, std::uint64_t request_id, const Result<UserId>& user,
                       const CommandModule::Reply& reply) {
  if (!user) return reply(make_error_frame(request_id, user.status()));
  auto ok = auth.open_session(peer, user.value());
  if (!ok) return reply(make_error_frame(request_id, ok.status()));
  pb::ServerFrame out;
  out.set_request_id(request_id);
  *out.mutable_login_ok() = std::move(ok).value();
  reply(out);
}

void AuthCommands::handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) {
  const std::uint64_t rid = frame.request_id();
  pb::ServerFrame out;
  out.set_request_id(rid);
  // Sends `out` (once its body is set) or the error.
  auto answer = [&](const Status& status) { reply(status ? out : make_error_frame(rid, status)); };

  switch (frame.command_case()) {
    // --- password login and the session of this connection
    case pb::ClientFrame::kLogin:
      // The reply comes after the hash check, on a worker thread.
      return auth_.login(peer, frame.login(), [rid, reply](Result<pb::LoginOk> ok) {
        pb::ServerFrame done;
        if (ok) {
          done.set_request_id(rid);
          *done.mutable_login_ok() = std::move(ok).value();
        } else {
          done = make_error_frame(rid, ok.status());
        }
        reply(done);
      });
    case pb::ClientFrame::kResumeSession: {
      auto ok = auth_.resume(*peer, frame.resume_session());
      if (ok) *out.mutable_login_ok() = std::move(ok).value();
      return answer(ok.status());
    }
    case pb::ClientFrame::kLogout:
      out.mutable_ack();
      return answer(auth_.logout(*peer));

    // --- one-time login codes
    case pb::ClientFrame::kRequestLoginCode:
      out.mutable_ack();
      return answer(sessions_.request_login_code(frame.request_login_code()));
    case pb::ClientFrame::kLoginWithCode: {
      if (peer->failed_logins >= kMaxFailedLogins) return answer({pb::ERROR_RATE_LIMITED, "too many wrong codes"});
      auto user = sessions_.check_login_code(frame.login_with_code());
      if (!user && user.status().code() == pb::ERROR_CODE_INVALID) ++peer->failed_logins;
      return reply_new_session(auth_, *peer, rid, user, reply);
    }

    // --- one's sessions
    case pb::ClientFrame::kListSessions: {
      auto sessions = sessions_.list(*peer);
      if (sessions) *out.mutable_sessions() = std::move(sessions).value();
      return answer(sessions.status());
    }
    case pb::ClientFrame::kEndSessions: {
      auto sessions = sessions_.end(*peer, frame.end_sessions());
      if (sessions) *out.mutable_sessions() = std::move(sessions).value();
      return answer(sessions.status());
    }

    default:
      break;
  }
  answer({pb::ERROR_MALFORMED_FRAME, "unknown command"});
}

}  // namespace parta::server
