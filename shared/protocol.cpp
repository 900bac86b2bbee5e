// Frame encoding/decoding and per-command validation.
#include "shared/protocol.h"

#include "shared/validation.h"

namespace parta {

namespace {

template <class Frame>
Result<Frame> decode(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) return Result<Frame>(pb::ERROR_FRAME_TOO_LARGE, "frame too large");
  Frame frame;
  if (!frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Result<Frame>(pb::ERROR_MALFORMED_FRAME, "frame does not parse");
  }
  return frame;
}

Status require_chat(std::int64_t chat_id) {
  if (chat_id <= 0) return {pb::ERROR_INVALID_ARGUMENT, "chat_id is required"};
  return Status::ok();
}

}  // namespace

Result<pb::ClientFrame> decode_client_frame(std::string_view bytes) {
  auto frame = decode<pb::ClientFrame>(bytes, kMaxFrameBytes);
  if (!frame) return frame;
  if (frame->request_id() == 0) return Result<pb::ClientFrame>(pb::ERROR_MALFORMED_FRAME, "request_id is required");
  if (frame->command_case() == pb::ClientFrame::COMMAND_NOT_SET) {
    return Result<pb::ClientFrame>(pb::ERROR_MALFORMED_FRAME, "unknown or missing command");
  }
  return frame;
}

Result<pb::ServerFrame> decode_server_frame(std::string_view bytes) {
  return decode<pb::ServerFrame>(bytes, kMaxServerFrameBytes);
}

std::string encode_frame(const pb::ClientFrame& frame) { return frame.SerializeAsString(); }
std::string encode_frame(const pb::ServerFrame& frame) { return frame.SerializeAsString(); }

Status validate_command(const pb::ClientFrame& frame) {
  switch (frame.command_case()) {
    case pb::ClientFrame::kLogin: {
      const auto& c = frame.login();
      if (c.protocol_version() != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
      if (auto s = validate_login(c.login()); !s) return s;
      return validate_password(c.password());
    }
    case pb::ClientFrame::kResumeSession: {
      const auto& c = frame.resume_session();
      if (c.protocol_version() != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
      if (c.token().empty() || c.token().size() > 128) return {pb::ERROR_SESSION_EXPIRED, "bad session token"};
      return Status::ok();
    }
    case pb::ClientFrame::kGetHistory: {
      const auto& c = frame.get_history();
      if (auto s = require_chat(c.chat_id()); !s) return s;
      if (c.limit() > kMaxHistoryPage) return {pb::ERROR_INVALID_ARGUMENT, "history page too large"};
      if (c.before_seq() != 0 && c.after_seq() != 0) return {pb::ERROR_INVALID_ARGUMENT, "before_seq and after_seq are exclusive"};
      return Status::ok();
    }
    case pb::ClientFrame::kSendMessage: {
      const auto& c = frame.send_message();
      if (auto s = require_chat(c.chat_id()); !s) return s;
      if (auto s = validate_client_id(c.client_id()); !s) return s;
      return validate_message_text(c.text());
    }
    case pb::ClientFrame::kMarkRead:
      return require_chat(frame.mark_read().chat_id());
    case pb::ClientFrame::kLogout:
    case pb::ClientFrame::kListChats:
    case pb::ClientFrame::kPing:
      return Status::ok();
    case pb::ClientFrame::COMMAND_NOT_SET:
      break;
  }
  return {pb::ERROR_MALFORMED_FRAME, "unknown or missing command"};
}

pb::ServerFrame make_error_frame(std::uint64_t request_id, const Status& status) {
  pb::ServerFrame frame;
  frame.set_request_id(request_id);
  auto* error = frame.mutable_error();
  error->set_code(status.code());
  error->set_message(status.message());
  return frame;
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case pb::ERROR_UNSPECIFIED: return "OK";
    case pb::ERROR_MALFORMED_FRAME: return "ERROR_MALFORMED_FRAME";
    case pb::ERROR_FRAME_TOO_LARGE: return "ERROR_FRAME_TOO_LARGE";
    case pb::ERROR_INVALID_UTF8: return "ERROR_INVALID_UTF8";
    case pb::ERROR_TEXT_TOO_LONG: return "ERROR_TEXT_TOO_LONG";
    case pb::ERROR_EMPTY_TEXT: return "ERROR_EMPTY_TEXT";
    case pb::ERROR_UNAUTHENTICATED: return "ERROR_UNAUTHENTICATED";
    case pb::ERROR_BAD_CREDENTIALS: return "ERROR_BAD_CREDENTIALS";
    case pb::ERROR_SESSION_EXPIRED: return "ERROR_SESSION_EXPIRED";
    case pb::ERROR_NOT_FOUND: return "ERROR_NOT_FOUND";
    case pb::ERROR_PERMISSION_DENIED: return "ERROR_PERMISSION_DENIED";
    case pb::ERROR_INVALID_ARGUMENT: return "ERROR_INVALID_ARGUMENT";
    case pb::ERROR_RATE_LIMITED: return "ERROR_RATE_LIMITED";
    case pb::ERROR_UNSUPPORTED_VERSION: return "ERROR_UNSUPPORTED_VERSION";
    case pb::ERROR_INTERNAL: return "ERROR_INTERNAL";
    default: return "ERROR_UNKNOWN";
  }
}

bool is_retryable(ErrorCode code) {
  return code == pb::ERROR_INTERNAL || code == pb::ERROR_RATE_LIMITED || code == pb::ERROR_UNAUTHENTICATED;
}

}  // namespace parta
