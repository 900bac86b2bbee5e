// WebSocketSession: the /ws connection, framed by hand on the raw socket.
//
// Why not Beast's websocket::stream: Beast writes one message per async_write, so
// fan-out costs one sendmsg per frame per receiver, which is most of the CPU (see
// docs/BENCHMARKS.md). Here every outgoing frame is queued (the encoded payload is
// shared by all receivers, only the 2-10 byte header is per socket) and each dirty
// socket is flushed once per event-loop pass with a single gather write. Since we
// write the socket ourselves, we also own the control frames (pong, close, ping):
// nobody else ever writes to it. The handshake uses Beast's request parser
// (HttpSession) and its Sec-WebSocket-Accept helper.
//
// Reading: no per-connection read buffer while idle. The socket is waited on
// (async_wait), then drained into one scratch buffer per I/O thread; only a
// partial frame is copied into the session. Complete frames go to the
// CommandRouter one at a time: the next is parsed only when the previous one's
// reply is queued (Login and SendMessage answer later), so replies keep order.
//
// Index: [SECTION] per-thread state, [SECTION] session, [SECTION] start/stop.
#include "server/net/websocket_session.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <vector>

#include "server/app/log.h"
#include "server/net/ws_frame.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace http = beast::http;

namespace {

constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;  // a client that does not read is cut off
constexpr std::size_t kScratchBytes = 64 * 1024;          // per I/O thread
constexpr int kMaxReadRounds = 16;                        // scratch fills per readiness, then yield
constexpr std::size_t kMaxIov = 512;                      // iovecs per sendmsg (IOV_MAX is 1024)
constexpr std::int64_t kPingAfterMs = 150'000;            // idle: ping (as Beast's suggested server timeouts)
constexpr std::int64_t kIdleTimeoutMs = 300'000;          // idle: drop
constexpr std::int64_t kCloseTimeoutMs = 5'000;           // after our close frame
constexpr auto kSweepInterval = std::chrono::seconds(5);

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

class WebSocketSession;

// ---------------------------------------------------------------------------
// [SECTION] per-thread state
// ---------------------------------------------------------------------------

// One per I/O thread (sessions never change threads): the sessions to flush at
// the end of this loop pass, every session (for keep-alive), the read scratch.
struct IoThreadState {
  std::vector<std::shared_ptr<WebSocketSession>> dirty;
  std::vector<std::shared_ptr<WebSocketSession>> flushing;
  bool flush_posted = false;
  WebSocketSession* sessions = nullptr;  // intrusive list
  std::unique_ptr<asio::steady_timer> sweeper;
  std::unique_ptr<char[]> scratch = std::make_unique<char[]>(kScratchBytes);
  std::uint64_t frames_written = 0;  // logged at exit: frames per write shows
  std::uint64_t writes = 0;          // how much the gather writes coalesce
};
thread_local IoThreadState t_io;

void flush_dirty();
void start_sweeper(const asio::any_io_executor& executor);

// ---------------------------------------------------------------------------
// [SECTION] session
// ---------------------------------------------------------------------------

class WebSocketSession final : public Peer {
 public:
  WebSocketSession(tcp::socket&& socket, ServerContext& context, std::uint64_t connection_id)
      : socket_(std::move(socket)), context_(context) {
    id = connection_id;
    fd_ = socket_.native_handle();
    last_activity_ms_ = steady_ms();
    next_ = t_io.sessions;
    if (next_) next_->prev_ = this;
    t_io.sessions = this;
  }

  ~WebSocketSession() override {
    if (prev_) prev_->next_ = next_; else t_io.sessions = next_;
    if (next_) next_->prev_ = prev_;
    if (open_) {
      context_.hub.remove(this);
      log_debug("conn ", id, ": websocket closed");
    }
  }

  // Answers the upgrade request, then starts reading.
  void run(const http::request<http::string_body>& upgrade) {
    beast::error_code ec;
    socket_.non_blocking(true, ec);
    socket_.set_option(tcp::no_delay(true), ec);
    const auto version = upgrade[http::field::sec_websocket_version];
    const std::string accept = ws::accept_key(upgrade[http::field::sec_websocket_key]);
    if (version != "13" || accept.empty()) {
      queue_raw(version != "13" ? "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n"
                                  "Content-Length: 0\r\nConnection: close\r\n\r\n"
                                : "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      closing_ = true;
      close_started_ms_ = steady_ms();
      return flush();
    }
    queue_raw("HTTP/1.1 101 Switching Protocols\r\nServer: parta\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n");
    // Shown in the person's session list; kept short.
    client = std::string(upgrade[http::field::user_agent].substr(0, 120));
    open_ = true;
    context_.hub.add(this);
    log_debug("conn ", id, ": websocket open");
    if (!t_io.sweeper) start_sweeper(socket_.get_executor());
    flush();
    on_readable({});  // the client may have sent frames already
  }

  void send(Frame frame) override {
    if (closing_ || !frame) return;
    enqueue(std::move(frame), ws::kBinary);
  }

  void close_going_away() override { start_close(ws::kCloseGoingAway); }

  // Called by the per-thread flush, once per loop pass.
  void flush() {
    dirty_ = false;
    if (dead_ || write_waiting_) return;
    while (sent_ < queue_.size()) {
      iovec iov[kMaxIov];
      std::size_t n_iov = 0;
      std::size_t attempted = 0;
      for (std::size_t i = sent_; i < queue_.size() && n_iov + 2 <= kMaxIov; ++i) {
        const Outgoing& out = queue_[i];
        std::size_t skip = i == sent_ ? offset_ : 0;
        if (skip < out.header_size) {
          iov[n_iov++] = {const_cast<std::uint8_t*>(out.header) + skip, out.header_size - skip};
          attempted += out.header_size - skip;
          skip = 0;
        } else {
          skip -= out.header_size;
        }
        if (out.payload->size() > skip) {
          iov[n_iov++] = {const_cast<char*>(out.payload->data()) + skip, out.payload->size() - skip};
          attempted += out.payload->size() - skip;
        }
      }
      msghdr msg{};
      msg.msg_iov = iov;
      msg.msg_iovlen = n_iov;
      const ssize_t written = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
      ++t_io.writes;
      if (written < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return wait_writable();
        return abort("write failed");
      }
      advance(static_cast<std::size_t>(written));
      if (static_cast<std::size_t>(written) < attempted) return wait_writable();  // socket buffer full
    }
    // Everything is out: forget the frames, keep little memory while idle.
    queue_.clear();
    if (queue_.capacity() > 64) std::vector<Outgoing>().swap(queue_);
    sent_ = offset_ = queued_bytes_ = 0;
    if (closing_ && !shut_) {
      // Our close frame (or a refused handshake) is out: half-close, then wait
      // for the client's close/EOF (closing at once could reset unread data).
      shut_ = true;
      ::shutdown(fd_, SHUT_WR);
      if (!open_) return abort(nullptr);
    }
  }

  // Keep-alive and close timeouts; run every few seconds by the sweeper.
  void sweep(std::int64_t now) {
    if (dead_) return;
    if (closing_) {
      if (now - close_started_ms_ > kCloseTimeoutMs) abort(nullptr);
      return;
    }
    const std::int64_t idle = now - last_activity_ms_;
    if (idle > kIdleTimeoutMs) return abort("idle timeout");
    if (idle > kPingAfterMs && !ping_sent_) {
      ping_sent_ = true;
      enqueue(std::make_shared<const std::string>(ws::control_frame(ws::kPing, "")), kRawFrame);
    }
  }

  WebSocketSession* next_in_thread() const { return next_; }

 private:
  static constexpr std::uint8_t kRawFrame = 0xFF;  // bytes that already carry their framing

  struct Outgoing {
    Frame payload;
    std::uint8_t header[ws::kMaxHeaderBytes];
    std::uint8_t header_size;
  };

  std::shared_ptr<WebSocketSession> self() { return std::static_pointer_cast<WebSocketSession>(shared_from_this()); }

  void queue_raw(std::string bytes) { enqueue(std::make_shared<const std::string>(std::move(bytes)), kRawFrame); }

  void enqueue(Frame payload, std::uint8_t opcode) {
    if (dead_) return;
    Outgoing& out = queue_.emplace_back();
    out.header_size = opcode == kRawFrame
                          ? 0
                          : static_cast<std::uint8_t>(ws::write_header(out.header, static_cast<ws::Opcode>(opcode),
                                                                       payload->size()));
    queued_bytes_ += out.header_size + payload->size();
    out.payload = std::move(payload);
    if (queued_bytes_ > kMaxQueuedBytes) {
      log_warn("conn ", id, ": client is not reading (", queued_bytes_, " bytes queued); disconnecting");
      return abort(nullptr);
    }
    if (!dirty_ && !write_waiting_) {
      dirty_ = true;
      t_io.dirty.push_back(self());
      if (!t_io.flush_posted) {
        t_io.flush_posted = true;
        asio::post(socket_.get_executor(), [] { flush_dirty(); });
      }
    }
  }

  // Marks `n` written bytes done, releasing finished frames early.
  void advance(std::size_t n) {
    while (n > 0 && sent_ < queue_.size()) {
      Outgoing& out = queue_[sent_];
      const std::size_t left = out.header_size + out.payload->size() - offset_;
      if (n < left) {
        offset_ += n;
        return;
      }
      n -= left;
      queued_bytes_ -= out.header_size + out.payload->size();
      out.payload.reset();
      offset_ = 0;
      ++sent_;
      ++t_io.frames_written;
    }
  }

  void wait_writable() {
    // Compact a long backlog so the vector does not grow without bound.
    if (sent_ > 1024) {
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(sent_));
      sent_ = 0;
    }
    write_waiting_ = true;
    socket_.async_wait(tcp::socket::wait_write, [self = self()](beast::error_code ec) {
      self->write_waiting_ = false;
      if (ec) return self->abort(nullptr);
      self->flush();
    });
  }

  // Drains the socket into the thread's scratch buffer and parses what came.
  // Asio's epoll reactor is edge-triggered: read until EAGAIN before waiting again.
  void on_readable(beast::error_code ec) {
    reading_ = false;
    if (dead_) return;
    if (ec) return abort(nullptr);
    char* scratch = t_io.scratch.get();
    for (int round = 0; round < kMaxReadRounds; ++round) {
      if (paused_ || dead_) return;  // resume() reads again
      const ssize_t n = ::recv(fd_, scratch, kScratchBytes, 0);
      if (n == 0) return abort(nullptr);  // EOF: the client is gone (or answered our close)
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return wait_readable();
        return abort(nullptr);
      }
      last_activity_ms_ = steady_ms();
      ping_sent_ = false;
      if (closing_) continue;  // after our close frame, incoming bytes are discarded
      feed(scratch, static_cast<std::size_t>(n));
    }
    // Still more: let other sessions run first.
    asio::post(socket_.get_executor(), [self = self()] { self->on_readable({}); });
  }

  void wait_readable() {
    if (reading_ || dead_) return;
    reading_ = true;
    socket_.async_wait(tcp::socket::wait_read, [self = self()](beast::error_code ec) { self->on_readable(ec); });
  }

  // New bytes: parse frames from them (after any partial frame kept from before).
  void feed(char* data, std::size_t size) {
    if (partial_.empty()) {
      const std::size_t used = parse(data, size);
      if (used < size && !dead_ && !closing_) partial_.assign(data + used, size - used);
      return;
    }
    partial_.append(data, size);
    consume_partial();
  }

  void consume_partial() {
    const std::size_t used = parse(partial_.data(), partial_.size());
    partial_.erase(0, used);
    if (partial_.empty() && partial_.capacity() > 256) std::string().swap(partial_);
  }

  // Parses and handles whole frames; returns the bytes used. Stops early when a
  // command is pending (paused_) or the connection is closing.
  std::size_t parse(char* data, std::size_t size) {
    std::size_t pos = 0;
    while (!paused_ && !closing_ && !dead_) {
      ws::FrameHeader h;
      const auto status = ws::parse_client_header(std::string_view(data + pos, size - pos), h);
      if (status == ws::ParseStatus::kNeedMore) break;
      if (status == ws::ParseStatus::kProtocolError) {
        start_close(ws::kCloseProtocolError);
        break;
      }
      const bool is_data = h.opcode == ws::kBinary || h.opcode == ws::kText || h.opcode == ws::kContinuation;
      if (is_data && message_.size() + h.payload_size > kMaxFrameBytes) {
        log_info("conn ", id, ": frame over ", kMaxFrameBytes, " bytes; closing");
        start_close(ws::kCloseTooBig);
        break;
      }
      if (size - pos - h.header_size < h.payload_size) break;  // wait for the rest
      char* payload = data + pos + h.header_size;
      const auto payload_size = static_cast<std::size_t>(h.payload_size);
      pos += h.header_size + payload_size;
      ws::unmask(payload, payload_size, h.mask);
      on_frame(h, payload, payload_size);
    }
    return pos;
  }

  void on_frame(const ws::FrameHeader& h, const char* payload, std::size_t size) {
    switch (h.opcode) {
      case ws::kPing:
        return enqueue(std::make_shared<const std::string>(
                           ws::control_frame(ws::kPong, std::string_view(payload, size))),
                       kRawFrame);
      case ws::kPong:
        return;
      case ws::kClose:
        // Echo the client's code (RFC 6455 5.5.1), then wait for its EOF.
        return start_close(size >= 2 ? static_cast<std::uint16_t>((std::uint8_t(payload[0]) << 8) |
                                                                  std::uint8_t(payload[1]))
                                     : ws::kCloseNormal);
      case ws::kContinuation:
        if (!in_message_) return start_close(ws::kCloseProtocolError);
        break;
      default:  // text or binary
        if (in_message_) return start_close(ws::kCloseProtocolError);
        break;
    }
    if (h.fin && !in_message_) return dispatch(std::string_view(payload, size));
    // A fragmented message: collect it (bounded by kMaxFrameBytes above).
    in_message_ = true;
    message_.append(payload, size);
    if (!h.fin) return;
    in_message_ = false;
    std::string whole;
    whole.swap(message_);
    dispatch(whole);
  }

  // One client message to the router; pauses parsing until its reply is queued.
  void dispatch(std::string_view bytes) {
    in_dispatch_ = true;
    answered_ = false;
    context_.router.handle(self(), bytes, [self = self()] { self->on_answered(); });
    in_dispatch_ = false;
    if (!answered_) paused_ = true;
  }

  void on_answered() {
    if (in_dispatch_) {
      answered_ = true;
      return;
    }
    paused_ = false;
    if (dead_) return;
    // Frames that arrived meanwhile, then the socket (edge-triggered: read first).
    if (!partial_.empty()) consume_partial();
    if (!paused_) on_readable({});
  }

  // Queues a close frame with `code` after dropping frames not yet started.
  void start_close(std::uint16_t code) {
    if (closing_ || dead_) return;
    if (sent_ < queue_.size()) {
      const std::size_t keep = sent_ + (offset_ > 0 ? 1 : 0);  // a frame half written must finish
      for (std::size_t i = keep; i < queue_.size(); ++i) queued_bytes_ -= queue_[i].header_size + queue_[i].payload->size();
      queue_.resize(keep);
    }
    enqueue(std::make_shared<const std::string>(ws::close_frame(code)), kRawFrame);
    closing_ = true;
    close_started_ms_ = steady_ms();
    partial_.clear();
    message_.clear();
  }

  // Drops the TCP connection at once; pending waits fail and release the session.
  void abort(const char* why) {
    if (dead_) return;
    if (why) log_info("conn ", id, ": ", why);
    dead_ = closing_ = true;
    queue_.clear();
    sent_ = offset_ = queued_bytes_ = 0;
    beast::error_code ec;
    socket_.close(ec);
  }

  tcp::socket socket_;
  ServerContext& context_;
  int fd_ = -1;
  std::vector<Outgoing> queue_;  // [sent_, end) still to write; byte offset_ into queue_[sent_]
  std::size_t sent_ = 0;
  std::size_t offset_ = 0;
  std::size_t queued_bytes_ = 0;
  std::string partial_;  // an incomplete frame (usually empty)
  std::string message_;  // a fragmented message being collected
  std::int64_t last_activity_ms_ = 0;
  std::int64_t close_started_ms_ = 0;
  WebSocketSession* prev_ = nullptr;  // t_io.sessions list
  WebSocketSession* next_ = nullptr;
  bool open_ = false;           // handshake answered, in the hub
  bool dirty_ = false;          // in t_io.dirty
  bool write_waiting_ = false;  // socket buffer full; waiting for EPOLLOUT
  bool reading_ = false;        // async_wait(read) pending
  bool paused_ = false;         // a command is being answered
  bool in_dispatch_ = false;
  bool answered_ = false;
  bool in_message_ = false;
  bool ping_sent_ = false;
  bool closing_ = false;  // close frame queued; no more frames
  bool shut_ = false;     // close frame written, write side shut
  bool dead_ = false;     // socket closed
};

// Runs once per loop pass when any session has frames queued: one gather write each.
void flush_dirty() {
  t_io.flush_posted = false;
  t_io.flushing.swap(t_io.dirty);
  for (auto& session : t_io.flushing) session->flush();
  t_io.flushing.clear();
}

void start_sweeper(const asio::any_io_executor& executor) {
  t_io.sweeper = std::make_unique<asio::steady_timer>(executor);
  struct Tick {
    void operator()(beast::error_code ec) const {
      if (ec || !t_io.sweeper) return;
      const std::int64_t now = steady_ms();
      for (WebSocketSession* s = t_io.sessions; s; s = s->next_in_thread()) s->sweep(now);
      t_io.sweeper->expires_after(kSweepInterval);
      t_io.sweeper->async_wait(Tick{});
    }
  };
  t_io.sweeper->expires_after(kSweepInterval);
  t_io.sweeper->async_wait(Tick{});
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] start/stop
// ---------------------------------------------------------------------------

void start_websocket_session(tcp::socket&& socket, http::request<http::string_body>&& upgrade, ServerContext& context,
                             std::uint64_t connection_id) {
  std::make_shared<WebSocketSession>(std::move(socket), context, connection_id)->run(upgrade);
}

void stop_websocket_thread() {
  if (t_io.writes > 0) {
    log_info("websocket writes: ", t_io.frames_written, " frames in ", t_io.writes, " sendmsg calls (",
             static_cast<double>(t_io.frames_written) / static_cast<double>(t_io.writes), " per call)");
  }
  t_io.sweeper.reset();
  t_io.dirty.clear();
  t_io.flushing.clear();
  t_io.flush_posted = false;
}

}  // namespace parta::server
