// Frame encoding/decoding, validation by the command table, error frames.
#include "shared/proto/protocol.h"

#include "shared/core/validation.h"
#include "shared/proto/command_spec.h"

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
  const CommandSpec* spec = find_command_spec(frame.command_case());
  if (!spec) return {pb::ERROR_MALFORMED_FRAME, "unknown or missing command"};
  return spec->validate(frame);
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
  // "OK" rather than ERROR_UNSPECIFIED: logs, tests and the client's
  // translation keys name a success that way.
  if (code == pb::ERROR_UNSPECIFIED) return "OK";
  if (!pb::ErrorCode_IsValid(code)) return "ERROR_UNKNOWN";
  return pb::ErrorCode_Name(code).c_str();  // a static string of the generated code
}

bool is_retryable(ErrorCode code) {
  return code == pb::ERROR_INTERNAL || code == pb::ERROR_RATE_LIMITED || code == pb::ERROR_UNAUTHENTICATED ||
         code == pb::ERROR_MAIL_FAILED;
}

}  // namespace parta
