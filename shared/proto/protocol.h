// Wire helpers: frame encoding/decoding with limits, per-command validation, and
// constructors for common replies. Shared by the server, the client and tools.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/result.h"

namespace parta {

inline constexpr std::uint32_t kProtocolVersion = 1;

// Decoding refuses frames over kMaxFrameBytes (client frames) or
// kMaxServerFrameBytes (server frames) with ERROR_FRAME_TOO_LARGE, and bytes
// that do not parse (ERROR_MALFORMED_FRAME). A ClientFrame must also carry a
// request_id and a command.
Result<pb::ClientFrame> decode_client_frame(std::string_view bytes);
Result<pb::ServerFrame> decode_server_frame(std::string_view bytes);
std::string encode_frame(const pb::ClientFrame& frame);
std::string encode_frame(const pb::ServerFrame& frame);

// Field-level checks of a decoded command (UTF-8, lengths, ids, page sizes):
// the check its domain registered (command_spec.h); MALFORMED_FRAME for a
// command no domain lists. The server runs this before any handler; the
// client before it sends.
Status validate_command(const pb::ClientFrame& frame);

pb::ServerFrame make_error_frame(std::uint64_t request_id, const Status& status);
// Stable name of a code, e.g. "ERROR_INVALID_UTF8" (protoc's ErrorCode_Name),
// "OK" for ERROR_UNSPECIFIED and "ERROR_UNKNOWN" for a number this build lacks.
const char* error_code_name(ErrorCode code);
// Whether a command that failed with this code may succeed if simply resent.
bool is_retryable(ErrorCode code);

}  // namespace parta
