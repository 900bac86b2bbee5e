// WsSocket: RFC 6455 client framing over a non-blocking socket; see durability_ws.h.
#include "durability_ws.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace parta::bench {

namespace {
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxMessageBytes = 16 * 1024 * 1024;  // server frames are at most 8 MiB
constexpr std::size_t kMaxUpgradeBytes = 16 * 1024;
}  // namespace

bool WsSocket::open(int epoll_fd, std::uint16_t port, void* tag) {
  close();
  epoll_fd_ = epoll_fd;
  tag_ = tag;
  port_ = port;
  error_.clear();
  mask_state_ ^= static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(this) >> 4) | 1u;
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return fail("socket() failed");
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0 && errno != EINPROGRESS) {
    return fail("connect failed");
  }
  state_ = State::kConnecting;
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLOUT;
  ev.data.ptr = tag_;
  watching_write_ = true;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd_, &ev) != 0) return fail("epoll_ctl failed");
  return true;
}

void WsSocket::close() {
  if (fd_ >= 0) {
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd_, nullptr);
    ::close(fd_);
  }
  fd_ = -1;
  state_ = State::kClosed;
  watching_write_ = false;
  in_.clear();
  out_.clear();
  out_pos_ = 0;
}

bool WsSocket::fail(const char* why) {
  if (error_.empty()) {
    error_ = why;
    if (errno != 0) error_ += std::string(" (") + std::strerror(errno) + ")";
  }
  close();
  return false;
}

void WsSocket::watch(bool want_write) {
  if (watching_write_ == want_write || fd_ < 0) return;
  watching_write_ = want_write;
  epoll_event ev{};
  ev.events = EPOLLIN | (want_write ? EPOLLOUT : 0u);
  ev.data.ptr = tag_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd_, &ev);
}

void WsSocket::queue_frame(std::uint8_t opcode, std::string_view payload) {
  // Client frames are masked (RFC 6455); the key only needs to vary.
  mask_state_ ^= mask_state_ << 13;
  mask_state_ ^= mask_state_ >> 17;
  mask_state_ ^= mask_state_ << 5;
  std::uint8_t mask[4];
  std::memcpy(mask, &mask_state_, 4);
  out_.push_back(static_cast<char>(0x80 | opcode));
  const std::size_t n = payload.size();
  if (n < 126) {
    out_.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xFFFF) {
    out_.push_back(static_cast<char>(0x80 | 126));
    out_.push_back(static_cast<char>(n >> 8));
    out_.push_back(static_cast<char>(n & 0xFF));
  } else {
    out_.push_back(static_cast<char>(0x80 | 127));
    for (int i = 7; i >= 0; --i) out_.push_back(static_cast<char>((static_cast<std::uint64_t>(n) >> (8 * i)) & 0xFF));
  }
  out_.append(reinterpret_cast<const char*>(mask), 4);
  const std::size_t start = out_.size();
  out_.append(payload);
  for (std::size_t i = 0; i < n; ++i) out_[start + i] = static_cast<char>(out_[start + i] ^ mask[i & 3]);
}

bool WsSocket::flush() {
  while (out_pos_ < out_.size()) {
    const ssize_t n = ::send(fd_, out_.data() + out_pos_, out_.size() - out_pos_, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        watch(true);
        return true;
      }
      return fail("send failed");
    }
    out_pos_ += static_cast<std::size_t>(n);
  }
  out_.clear();
  out_pos_ = 0;
  watch(false);
  return true;
}

bool WsSocket::send_binary(std::string_view payload) {
  if (state_ != State::kOpen) return false;
  queue_frame(0x2, payload);
  return flush();
}

bool WsSocket::on_events(std::uint32_t events, std::vector<std::string>& messages, bool& opened) {
  opened = false;
  if (fd_ < 0) return false;
  if (state_ == State::kConnecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      errno = err;
      return fail("connect failed");
    }
    // The upgrade request; the key is fixed (the server only checks its form).
    state_ = State::kHandshake;
    out_ += "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nUser-Agent: parta-bench-durability\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (!flush()) return false;
  } else if (events & EPOLLOUT) {
    if (!flush()) return false;
  }
  if (events & (EPOLLIN | EPOLLERR | EPOLLHUP)) return on_readable(messages, opened);
  return true;
}

bool WsSocket::on_readable(std::vector<std::string>& messages, bool& opened) {
  char chunk[kReadChunk];
  // Bounded: a few reads per wake-up, level-triggered epoll brings us back.
  for (int round = 0; round < 8; ++round) {
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n == 0) {
      errno = 0;
      return fail("closed by the server");
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
      return fail("recv failed");
    }
    bytes_in_ += static_cast<std::uint64_t>(n);
    in_.append(chunk, static_cast<std::size_t>(n));
    if (state_ == State::kHandshake) {
      const auto end = in_.find("\r\n\r\n");
      if (end == std::string::npos) {
        if (in_.size() > kMaxUpgradeBytes) return fail("upgrade reply too long");
        continue;
      }
      errno = 0;
      if (in_.compare(0, 12, "HTTP/1.1 101") != 0) return fail("upgrade refused");
      in_.erase(0, end + 4);
      state_ = State::kOpen;
      opened = true;
    }
    if (!parse_frames(messages)) return false;
  }
  return true;
}

// Whole server frames (never masked, never fragmented); a partial one stays in in_.
bool WsSocket::parse_frames(std::vector<std::string>& messages) {
  std::size_t pos = 0;
  errno = 0;
  while (in_.size() - pos >= 2) {
    const auto b0 = static_cast<std::uint8_t>(in_[pos]);
    const auto b1 = static_cast<std::uint8_t>(in_[pos + 1]);
    if (b1 & 0x80) return fail("masked server frame");
    std::uint64_t len = b1 & 0x7F;
    std::size_t header = 2;
    if (len == 126) {
      if (in_.size() - pos < 4) break;
      len = (std::uint64_t(std::uint8_t(in_[pos + 2])) << 8) | std::uint8_t(in_[pos + 3]);
      header = 4;
    } else if (len == 127) {
      if (in_.size() - pos < 10) break;
      len = 0;
      for (int i = 0; i < 8; ++i) len = (len << 8) | std::uint8_t(in_[pos + 2 + i]);
      header = 10;
    }
    if (len > kMaxMessageBytes) return fail("server frame too large");
    if (in_.size() - pos - header < len) break;
    const std::string_view payload(in_.data() + pos + header, len);
    pos += header + len;
    const auto opcode = b0 & 0x0F;
    if (!(b0 & 0x80)) return fail("fragmented server frame");
    if (opcode == 0x2 || opcode == 0x1) {
      messages.emplace_back(payload);
    } else if (opcode == 0x9) {
      queue_frame(0xA, payload);
      if (!flush()) return false;
    } else if (opcode == 0x8) {
      return fail("close frame from the server");
    }
  }
  in_.erase(0, pos);
  return true;
}

}  // namespace parta::bench
