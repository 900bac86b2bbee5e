// RFC 6455 frame headers, masks, control frames and the handshake key.
#include "server/net/ws_frame.h"

#include <boost/beast/websocket/detail/hybi13.hpp>
#include <cstring>

namespace parta::server::ws {

std::size_t write_header(std::uint8_t* out, Opcode opcode, std::uint64_t payload_size) {
  out[0] = static_cast<std::uint8_t>(0x80 | opcode);  // FIN, no RSV bits
  if (payload_size < 126) {
    out[1] = static_cast<std::uint8_t>(payload_size);
    return 2;
  }
  if (payload_size <= 0xFFFF) {
    out[1] = 126;
    out[2] = static_cast<std::uint8_t>(payload_size >> 8);
    out[3] = static_cast<std::uint8_t>(payload_size);
    return 4;
  }
  out[1] = 127;
  for (int i = 0; i < 8; ++i) out[2 + i] = static_cast<std::uint8_t>(payload_size >> (56 - 8 * i));
  return 10;
}

std::string control_frame(Opcode opcode, std::string_view payload) {
  if (payload.size() > 125) payload = payload.substr(0, 125);  // control frames are small by rule
  std::uint8_t header[kMaxHeaderBytes];
  const std::size_t n = write_header(header, opcode, payload.size());
  std::string out(reinterpret_cast<const char*>(header), n);
  out.append(payload);
  return out;
}

std::string close_frame(std::uint16_t code) {
  const char payload[2] = {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  return control_frame(kClose, std::string_view(payload, 2));
}

ParseStatus parse_client_header(std::string_view bytes, FrameHeader& out) {
  if (bytes.size() < 2) return ParseStatus::kNeedMore;
  const auto b0 = static_cast<std::uint8_t>(bytes[0]);
  const auto b1 = static_cast<std::uint8_t>(bytes[1]);
  if (b0 & 0x70) return ParseStatus::kProtocolError;  // no extensions were negotiated
  if (!(b1 & 0x80)) return ParseStatus::kProtocolError;  // clients must mask
  out.fin = (b0 & 0x80) != 0;
  out.opcode = static_cast<Opcode>(b0 & 0x0F);
  switch (out.opcode) {
    case kContinuation:
    case kText:
    case kBinary:
      break;
    case kClose:
    case kPing:
    case kPong:
      if (!out.fin || (b1 & 0x7F) > 125) return ParseStatus::kProtocolError;
      break;
    default:
      return ParseStatus::kProtocolError;
  }
  std::size_t pos = 2;
  std::uint64_t size = b1 & 0x7F;
  if (size == 126) {
    if (bytes.size() < 4) return ParseStatus::kNeedMore;
    size = (std::uint64_t(std::uint8_t(bytes[2])) << 8) | std::uint8_t(bytes[3]);
    pos = 4;
  } else if (size == 127) {
    if (bytes.size() < 10) return ParseStatus::kNeedMore;
    size = 0;
    for (int i = 0; i < 8; ++i) size = (size << 8) | std::uint8_t(bytes[2 + i]);
    if (size >> 63) return ParseStatus::kProtocolError;
    pos = 10;
  }
  if (bytes.size() < pos + 4) return ParseStatus::kNeedMore;
  std::memcpy(out.mask, bytes.data() + pos, 4);
  out.payload_size = size;
  out.header_size = pos + 4;
  return ParseStatus::kOk;
}

void unmask(char* data, std::size_t size, const std::uint8_t mask[4]) {
  // Eight bytes at a time, then the tail.
  std::uint8_t m8[8];
  for (int i = 0; i < 8; ++i) m8[i] = mask[i & 3];
  std::uint64_t key;
  std::memcpy(&key, m8, 8);
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, 8);
    word ^= key;
    std::memcpy(data + i, &word, 8);
  }
  for (; i < size; ++i) data[i] = static_cast<char>(data[i] ^ mask[i & 3]);
}

std::string accept_key(std::string_view client_key) {
  // The key is base64 of 16 random bytes: exactly 24 characters.
  if (client_key.size() != 24) return {};
  boost::beast::websocket::detail::sec_ws_accept_type accept;
  boost::beast::websocket::detail::make_sec_ws_accept(accept, client_key);
  return std::string(accept.data(), accept.size());
}

}  // namespace parta::server::ws
