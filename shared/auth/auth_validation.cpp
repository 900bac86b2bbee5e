// Field checks of auth.proto's commands, and which of them need no session.
#include "shared/auth/auth_validation.h"

#include "shared/core/validation.h"

namespace parta {

namespace {

Status check_login(const pb::ClientFrame& f) {
  const auto& c = f.login();
  if (auto s = require_protocol_version(c.protocol_version()); !s) return s;
  if (auto s = validate_login(c.login()); !s) return s;
  return validate_password(c.password());
}

Status check_resume_session(const pb::ClientFrame& f) {
  const auto& c = f.resume_session();
  if (auto s = require_protocol_version(c.protocol_version()); !s) return s;
  if (c.token().empty() || c.token().size() > 128) return {pb::ERROR_SESSION_EXPIRED, "bad session token"};
  return Status::ok();
}

Status check_request_login_code(const pb::ClientFrame& f) { return validate_email(f.request_login_code().email()); }

Status check_login_with_code(const pb::ClientFrame& f) {
  const auto& c = f.login_with_code();
  if (auto s = require_protocol_version(c.protocol_version()); !s) return s;
  return first_error({validate_email(c.email()), validate_one_time_code(c.code())});
}

Status check_end_sessions(const pb::ClientFrame& f) {
  const auto& id = f.end_sessions().id();
  return id.empty() ? Status::ok() : validate_token(id);
}

constexpr CommandSpec kCommands[] = {
    {pb::ClientFrame::kLogin, check_login, true},
    {pb::ClientFrame::kResumeSession, check_resume_session, true},
    {pb::ClientFrame::kLogout, no_fields, false},
    {pb::ClientFrame::kRequestLoginCode, check_request_login_code, true},
    {pb::ClientFrame::kLoginWithCode, check_login_with_code, true},
    {pb::ClientFrame::kListSessions, no_fields, false},
    {pb::ClientFrame::kEndSessions, check_end_sessions, false},
};

}  // namespace

std::span<const CommandSpec> auth_command_specs() { return kCommands; }

}  // namespace parta
