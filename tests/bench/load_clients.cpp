// LoadClients: connect, upgrade, resume sessions, send stamped messages, and
// count/time every delivery. Non-blocking sockets on one level-triggered epoll.
#include "load_clients.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <unordered_map>

namespace parta::bench {

namespace {
constexpr std::size_t kScratchBytes = 256 * 1024;
constexpr std::size_t kMaxConnecting = 256;
constexpr std::int64_t kNapNs = 200'000;  // idle poll period  // handshakes in flight (the accept backlog is finite)
thread_local char g_scratch[kScratchBytes];

// "b <step> <send_ns>": the stamp every bench message carries.
bool parse_stamp(const std::string& text, std::uint32_t& step, std::int64_t& sent_ns) {
  if (text.size() < 5 || text[0] != 'b' || text[1] != ' ') return false;
  const char* p = text.data() + 2;
  const char* end = text.data() + text.size();
  auto r1 = std::from_chars(p, end, step);
  if (r1.ec != std::errc() || r1.ptr == end) return false;
  auto r2 = std::from_chars(r1.ptr + 1, end, sent_ns);
  return r2.ec == std::errc();
}
}  // namespace

struct LoadClients::Conn {
  enum State { kIdle, kConnecting, kHandshake, kAuth, kReady, kDead };
  int fd = -1;
  std::size_t index = 0;
  State state = kIdle;
  std::int64_t chat_id = 0;
  std::string token;
  std::string in;   // a partial frame
  std::string out;  // bytes not yet accepted by the kernel
  std::size_t out_pos = 0;
  std::uint64_t next_request = 1;
  std::uint64_t messages = 0;
  bool watching_write = false;
};

LoadClients::LoadClients(std::string host_header, std::vector<std::string> sources, std::uint16_t port)
    : host_header_(std::move(host_header)), sources_(std::move(sources)), port_(port) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  nonce_ = static_cast<std::uint64_t>(now_ns()) % 1'000'000'007ULL;
}

LoadClients::~LoadClients() {
  for (Conn* c : conns_) {
    if (c->fd >= 0) ::close(c->fd);
    delete c;
  }
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
}

std::size_t LoadClients::room_size_of(std::size_t index) const { return room_sizes_[index]; }

bool LoadClients::connect_all(const std::vector<Account>& accounts, std::int64_t deadline_ns) {
  std::unordered_map<std::int64_t, std::uint32_t> per_room;
  for (const Account& a : accounts) ++per_room[a.chat_id];
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    auto* c = new Conn;
    c->index = i;
    c->chat_id = accounts[i].chat_id;
    c->token = accounts[i].token;
    conns_.push_back(c);
    room_sizes_.push_back(per_room[c->chat_id]);
  }
  std::size_t next = 0;
  std::size_t in_flight = 0;
  // Keep kMaxConnecting handshakes going until every connection is logged in.
  while (ready_ + dead_ < conns_.size() && now_ns() < deadline_ns) {
    in_flight = 0;
    for (std::size_t i = next >= kMaxConnecting * 4 ? next - kMaxConnecting * 4 : 0; i < next; ++i) {
      const auto s = conns_[i]->state;
      if (s == Conn::kConnecting || s == Conn::kHandshake || s == Conn::kAuth) ++in_flight;
    }
    while (next < conns_.size() && in_flight < kMaxConnecting) {
      start_connect(*conns_[next++]);
      ++in_flight;
    }
    poll_until(now_ns() + 5'000'000);
  }
  return ready_ == conns_.size();
}

void LoadClients::start_connect(Conn& c) {
  c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c.fd < 0) return kill(c, "socket() failed (raise ulimit -n)");
  const int one = 1;
  ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // Several source addresses: ~28k ephemeral ports each. Ports are picked at
  // connect() time (IP_BIND_ADDRESS_NO_PORT), per destination.
  if (!sources_.empty()) {
    ::setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    ::inet_pton(AF_INET, sources_[c.index % sources_.size()].c_str(), &src.sin_addr);
    if (::bind(c.fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) return kill(c, "bind failed");
  }
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(port_);
  ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (::connect(c.fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0 && errno != EINPROGRESS) {
    return kill(c, "connect failed");
  }
  c.state = Conn::kConnecting;
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLOUT;
  ev.data.ptr = &c;
  c.watching_write = true;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c.fd, &ev);
}

void LoadClients::watch(Conn& c, bool want_write) {
  if (c.watching_write == want_write || c.fd < 0) return;
  c.watching_write = want_write;
  epoll_event ev{};
  ev.events = EPOLLIN | (want_write ? EPOLLOUT : 0u);
  ev.data.ptr = &c;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev);
}

void LoadClients::kill(Conn& c, const char* why) {
  if (c.state == Conn::kDead) return;
  if (dead_ < 5) std::fprintf(stderr, "loadgen: connection %zu: %s (errno %d)\n", c.index, why, errno);
  if (c.state == Conn::kReady) --ready_;
  c.state = Conn::kDead;
  ++dead_;
  if (c.fd >= 0) ::close(c.fd);
  c.fd = -1;
}

void LoadClients::queue_frame(Conn& c, std::uint8_t opcode, const std::string& payload) {
  // Client frames are masked (RFC 6455); the key only needs to vary.
  mask_state_ ^= mask_state_ << 13;
  mask_state_ ^= mask_state_ >> 17;
  mask_state_ ^= mask_state_ << 5;
  std::uint8_t mask[4];
  std::memcpy(mask, &mask_state_, 4);
  c.out.push_back(static_cast<char>(0x80 | opcode));
  const std::size_t n = payload.size();
  if (n < 126) {
    c.out.push_back(static_cast<char>(0x80 | n));
  } else {
    c.out.push_back(static_cast<char>(0x80 | 126));
    c.out.push_back(static_cast<char>(n >> 8));
    c.out.push_back(static_cast<char>(n & 0xFF));
  }
  c.out.append(reinterpret_cast<const char*>(mask), 4);
  const std::size_t start = c.out.size();
  c.out.append(payload);
  for (std::size_t i = 0; i < n; ++i) c.out[start + i] = static_cast<char>(c.out[start + i] ^ mask[i & 3]);
}

void LoadClients::flush(Conn& c) {
  while (c.out_pos < c.out.size()) {
    const ssize_t n = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return watch(c, true);
      return kill(c, "send failed");
    }
    c.out_pos += static_cast<std::size_t>(n);
  }
  c.out.clear();
  c.out_pos = 0;
  watch(c, false);
}

void LoadClients::on_writable(Conn& c) {
  if (c.state == Conn::kConnecting) {
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      errno = err;
      return kill(c, "connect failed");
    }
    c.state = Conn::kHandshake;
    c.out += "GET /ws HTTP/1.1\r\nHost: " + host_header_ +
             "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }
  flush(c);
}

void LoadClients::on_readable(Conn& c) {
  for (int round = 0; round < 8 && c.state != Conn::kDead; ++round) {
    const ssize_t n = ::recv(c.fd, g_scratch, kScratchBytes, 0);
    if (n == 0) return kill(c, "closed by the server");
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      return kill(c, "recv failed");
    }
    char* data = g_scratch;
    std::size_t size = static_cast<std::size_t>(n);
    if (!c.in.empty()) {
      c.in.append(data, size);
      data = c.in.data();
      size = c.in.size();
    }
    std::size_t pos = 0;
    if (c.state == Conn::kHandshake) {
      const std::string_view view(data, size);
      const auto end = view.find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (c.in.empty()) c.in.assign(data, size);
        continue;
      }
      if (view.substr(0, 12) != "HTTP/1.1 101") return kill(c, "upgrade refused");
      pos = end + 4;
      c.state = Conn::kAuth;
      pb::ClientFrame resume;
      resume.set_request_id(c.next_request++);
      resume.mutable_resume_session()->set_token(c.token);
      resume.mutable_resume_session()->set_protocol_version(kProtocolVersion);
      queue_frame(c, 0x2, encode_frame(resume));
      flush(c);
    }
    // Whole server frames (never masked); keep a partial one for later.
    while (c.state != Conn::kDead && size - pos >= 2) {
      const auto b0 = static_cast<std::uint8_t>(data[pos]);
      std::uint64_t len = static_cast<std::uint8_t>(data[pos + 1]) & 0x7F;
      std::size_t header = 2;
      if (len == 126) {
        if (size - pos < 4) break;
        len = (std::uint64_t(std::uint8_t(data[pos + 2])) << 8) | std::uint8_t(data[pos + 3]);
        header = 4;
      } else if (len == 127) {
        if (size - pos < 10) break;
        len = 0;
        for (int i = 0; i < 8; ++i) len = (len << 8) | std::uint8_t(data[pos + 2 + i]);
        header = 10;
      }
      if (size - pos - header < len) break;
      const char* payload = data + pos + header;
      pos += header + len;
      const auto opcode = b0 & 0x0F;
      if (opcode == 0x2 || opcode == 0x1) {
        handle_frame(c, payload, len);
      } else if (opcode == 0x9) {
        queue_frame(c, 0xA, std::string(payload, len));
        flush(c);
      } else if (opcode == 0x8) {
        return kill(c, "close frame from the server");
      }
    }
    if (c.state == Conn::kDead) return;
    if (c.in.empty()) {
      if (pos < size) c.in.assign(data + pos, size - pos);
    } else {
      c.in.erase(0, pos);
    }
  }
}

void LoadClients::handle_frame(Conn& c, const char* data, std::size_t size) {
  if (!rx_.ParseFromArray(data, static_cast<int>(size))) return kill(c, "unparsable server frame");
  std::uint32_t step = 0;
  std::int64_t sent_ns = 0;
  switch (rx_.body_case()) {
    case pb::ServerFrame::kLoginOk:
      if (c.state == Conn::kAuth) {
        c.state = Conn::kReady;
        ++ready_;
      }
      return;
    case pb::ServerFrame::kError:
      if (errors_logged_++ < 5) {
        std::fprintf(stderr, "loadgen: connection %zu: %s: %s\n", c.index, error_code_name(rx_.error().code()),
                     rx_.error().message().c_str());
      }
      if (c.state == Conn::kAuth) return kill(c, "login refused");
      if (steps_ && !steps_->empty()) ++steps_->back().errors;
      return;
    case pb::ServerFrame::kMessageSent:
      if (steps_ && parse_stamp(rx_.message_sent().message().text(), step, sent_ns) && step < steps_->size()) {
        auto& s = (*steps_)[step];
        ++s.acked;
        s.ack_latency.add((now_ns() - sent_ns) / 1000);
      }
      return;
    case pb::ServerFrame::kChatEvent:
      if (steps_ && rx_.chat_event().has_message_added() &&
          parse_stamp(rx_.chat_event().message_added().text(), step, sent_ns) && step < steps_->size()) {
        auto& s = (*steps_)[step];
        ++s.delivered;
        s.latency.add((now_ns() - sent_ns) / 1000);
      }
      return;
    default:
      return;
  }
}

void LoadClients::send_message(std::size_t index, std::uint32_t step, StepCounters& counters) {
  Conn& c = *conns_[index];
  if (c.state != Conn::kReady) return;
  tx_.Clear();
  tx_.set_request_id(c.next_request++);
  auto* m = tx_.mutable_send_message();
  m->set_chat_id(c.chat_id);
  m->set_client_id("lg" + std::to_string(nonce_) + "-" + std::to_string(index) + "-" + std::to_string(c.messages++));
  m->set_text("b " + std::to_string(step) + " " + std::to_string(now_ns()));
  queue_frame(c, 0x2, encode_frame(tx_));
  flush(c);
  ++counters.sent;
  counters.expected += room_sizes_[index] - 1;
}

void LoadClients::poll_until(std::int64_t until_ns, const std::function<bool()>& stop) {
  epoll_event events[512];
  for (;;) {
    const std::int64_t left = until_ns - now_ns();
    if (left <= 0) return;
    // Poll, and nap briefly when idle, instead of blocking in epoll_wait: a
    // blocked receiver makes every server send pay for waking it up (an IPI,
    // costly in a VM), which a real server's remote clients never cost it.
    const int n = ::epoll_wait(epoll_fd_, events, 512, 0);
    if (n == 0) {
      if (stop && stop()) return;
      const timespec nap{0, static_cast<long>(std::min<std::int64_t>(left, kNapNs))};
      ::nanosleep(&nap, nullptr);
      continue;
    }
    for (int i = 0; i < n; ++i) {
      Conn& c = *static_cast<Conn*>(events[i].data.ptr);
      if (c.state == Conn::kDead) continue;
      if (events[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) on_writable(c);
      if (c.state != Conn::kDead && (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) on_readable(c);
    }
    if (stop && stop()) return;
  }
}

}  // namespace parta::bench
