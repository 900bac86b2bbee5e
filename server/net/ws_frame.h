// RFC 6455 framing, without Beast: the server's WebSocket session parses client
// frames and writes pre-built server frames itself (see websocket_session.cpp for
// why). Pure functions over bytes; no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace parta::server::ws {

enum Opcode : std::uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// Close codes we send.
inline constexpr std::uint16_t kCloseNormal = 1000;
inline constexpr std::uint16_t kCloseGoingAway = 1001;
inline constexpr std::uint16_t kCloseProtocolError = 1002;
inline constexpr std::uint16_t kCloseTooBig = 1009;

inline constexpr std::size_t kMaxHeaderBytes = 10;  // server frames are never masked

// Writes the header of an unmasked, final frame of `payload_size` bytes into
// `out` (kMaxHeaderBytes at least); returns its length.
std::size_t write_header(std::uint8_t* out, Opcode opcode, std::uint64_t payload_size);

// A whole control frame (close/ping/pong), header included. Close carries a code.
std::string control_frame(Opcode opcode, std::string_view payload);
std::string close_frame(std::uint16_t code);

struct FrameHeader {
  bool fin = false;
  Opcode opcode = kContinuation;
  std::uint64_t payload_size = 0;
  std::uint8_t mask[4] = {0, 0, 0, 0};
  std::size_t header_size = 0;  // bytes before the payload
};

enum class ParseStatus {
  kNeedMore,       // not even the whole header yet
  kOk,             // header parsed (the payload may still be incomplete)
  kProtocolError,  // unmasked client frame, reserved bits or opcodes, bad control frame
};

// Parses a client frame header at the start of `bytes`.
ParseStatus parse_client_header(std::string_view bytes, FrameHeader& out);

// XORs the client's mask over `data` in place.
void unmask(char* data, std::size_t size, const std::uint8_t mask[4]);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key; empty if the key is malformed.
std::string accept_key(std::string_view client_key);

}  // namespace parta::server::ws
