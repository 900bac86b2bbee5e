// WebSocketSession: the /ws connection. Reads one binary frame at a time (max
// kMaxFrameBytes), hands it to the CommandRouter, and writes queued frames in
// order. Lives as long as it has a pending operation (shared_from_this).
#include "server/websocket_session.h"

#include <boost/beast/websocket.hpp>
#include <deque>

#include "server/log.h"
#include "shared/validation.h"

namespace parta::server {

namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

// A client that does not read its frames is cut off past this much backlog.
constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;

class WebSocketSession final : public Peer {
 public:
  WebSocketSession(tcp::socket&& socket, ServerContext& context, std::uint64_t connection_id)
      : ws_(std::move(socket)), context_(context) {
    id = connection_id;
  }

  ~WebSocketSession() override {
    context_.hub.remove(this);
    log_info("conn ", id, ": websocket closed");
  }

  void run(http::request<http::string_body> upgrade) {
    // Handshake/idle timeouts and keep-alive pings, as Beast suggests for servers.
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "parta"); }));
    ws_.read_message_max(kMaxFrameBytes);
    ws_.binary(true);
    ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept, self()));
  }

  void send(Frame frame) override {
    if (closing_) return;
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    if (queued_bytes_ > kMaxQueuedBytes) {
      log_warn("conn ", id, ": client is not reading (", queued_bytes_, " bytes queued); disconnecting");
      return abort();
    }
    if (!writing_) do_write();
  }

  void close_going_away() override {
    if (closing_) return;
    closing_ = true;
    // A close frame is a write: it waits for the write in flight, if any.
    drop_queue();
    if (!writing_) do_close();
  }

 private:
  std::shared_ptr<WebSocketSession> self() { return std::static_pointer_cast<WebSocketSession>(shared_from_this()); }

  void on_accept(beast::error_code ec) {
    if (ec) return fail(ec, "websocket accept", id);
    context_.hub.add(this);
    log_info("conn ", id, ": websocket open");
    do_read();
  }

  void do_read() {
    if (closing_) return;
    ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, self()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    // An oversized frame ends here: Beast has already sent close code 1009.
    if (ec) return fail(ec, "websocket read", id);
    const auto data = buffer_.cdata();
    const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
    // The next read starts once the reply is queued, so replies keep request order.
    context_.router.handle(self(), bytes, [self = self()] {
      self->buffer_.consume(self->buffer_.size());
      self->do_read();
    });
  }

  // The frame being written stays in writing_ until the write completes.
  void do_write() {
    writing_ = std::move(queue_.front());
    queue_.pop_front();
    ws_.async_write(asio::buffer(*writing_), beast::bind_front_handler(&WebSocketSession::on_write, self()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    queued_bytes_ -= writing_->size();
    writing_.reset();
    if (ec) {
      closing_ = true;  // the socket is gone; the pending read will end too
      drop_queue();
      return fail(ec, "websocket write", id);
    }
    if (!queue_.empty()) return do_write();
    if (closing_) do_close();
  }

  void do_close() {
    ws_.async_close(websocket::close_code::going_away, [self = self()](beast::error_code ec) {
      if (ec) fail(ec, "websocket close", self->id);
    });
  }

  // Forgets frames not yet written (the one in flight must stay alive).
  void drop_queue() {
    queue_.clear();
    queued_bytes_ = writing_ ? writing_->size() : 0;
  }

  // Drops the TCP connection at once; pending operations fail and release us.
  void abort() {
    closing_ = true;
    drop_queue();
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  ServerContext& context_;
  std::deque<Frame> queue_;  // waiting to be written
  Frame writing_;            // being written
  std::size_t queued_bytes_ = 0;
  bool closing_ = false;
};

}  // namespace

void start_websocket_session(tcp::socket&& socket, http::request<http::string_body>&& upgrade, ServerContext& context,
                             std::uint64_t connection_id) {
  std::make_shared<WebSocketSession>(std::move(socket), context, connection_id)->run(std::move(upgrade));
}

}  // namespace parta::server
