// WsSocket: one client WebSocket to 127.0.0.1:port on a caller-owned epoll, for
// the durability benchmark. Non-blocking connect, the HTTP upgrade, masked binary
// frames out, unmasked server frames in (ping answered, close = end). Unlike
// LoadClients it knows nothing of the protocol: it only moves bytes, so a
// SyncEngine can sit on top of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parta::bench {

class WsSocket {
 public:
  enum class State { kClosed, kConnecting, kHandshake, kOpen };

  WsSocket() = default;
  WsSocket(const WsSocket&) = delete;
  WsSocket& operator=(const WsSocket&) = delete;
  ~WsSocket() { close(); }

  // Starts a non-blocking connect and registers with `epoll_fd` (data.ptr = tag).
  // False (state kClosed, error() says why) if it failed at once.
  bool open(int epoll_fd, std::uint16_t port, void* tag);
  void close();

  // Handles epoll events. Appends every whole binary message to `messages`; sets
  // `opened` when the upgrade completed in this call. False when the connection
  // ended (reset, EOF, close frame, bad bytes): the caller closes and reconnects.
  bool on_events(std::uint32_t events, std::vector<std::string>& messages, bool& opened);

  // Queues one binary message (masked) and writes what the kernel takes. False
  // if the socket is not open or the write failed.
  bool send_binary(std::string_view payload);

  State state() const { return state_; }
  const std::string& error() const { return error_; }
  std::size_t bytes_out_pending() const { return out_.size() - out_pos_; }
  // Bytes read from the kernel over the object's life (every connection: the
  // upgrade reply, frame headers and payloads).
  std::uint64_t bytes_in() const { return bytes_in_; }

 private:
  bool fail(const char* why);
  bool flush();
  void watch(bool want_write);
  void queue_frame(std::uint8_t opcode, std::string_view payload);
  bool on_readable(std::vector<std::string>& messages, bool& opened);
  bool parse_frames(std::vector<std::string>& messages);

  int epoll_fd_ = -1;
  int fd_ = -1;
  void* tag_ = nullptr;
  State state_ = State::kClosed;
  bool watching_write_ = false;
  std::uint16_t port_ = 0;
  std::string in_;   // bytes not yet parsed (a partial frame or the upgrade reply)
  std::string out_;  // bytes not yet accepted by the kernel
  std::size_t out_pos_ = 0;
  std::uint64_t bytes_in_ = 0;
  std::uint32_t mask_state_ = 0x9E3779B9u;
  std::string error_;
};

}  // namespace parta::bench
