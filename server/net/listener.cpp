// Listener: the accept loop, and fail(), the transport's single error reporter.
#include "server/net/listener.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "server/net/http_session.h"
#include "server/app/log.h"

namespace parta::server {

void fail(beast::error_code ec, const char* what, std::uint64_t connection_id) {
  namespace ws = beast::websocket;
  namespace http = beast::http;
  LogLevel level = LogLevel::Warn;
  if (ec == asio::error::operation_aborted || ec == ws::error::closed || ec == http::error::end_of_stream ||
      ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
      ec == asio::error::not_connected) {
    level = LogLevel::Debug;  // the peer went away, or we cancelled
  } else if (ec == beast::error::timeout || ec == ws::error::message_too_big || ec == http::error::header_limit ||
             ec == http::error::body_limit ||
             ec.category() == http::make_error_code(http::error::bad_target).category()) {
    level = LogLevel::Info;  // a limit did its job
  }
  if (!log_enabled(level)) return;
  if (connection_id != 0) {
    log(level, "conn ", connection_id, ": ", what, ": ", ec.message());
  } else {
    log(level, what, ": ", ec.message());
  }
}

Listener::Listener(asio::io_context& ioc, ServerContext& context)
    : ioc_(ioc), context_(context), acceptor_(ioc), retry_timer_(ioc) {}

beast::error_code Listener::open(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return ec;
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return ec;
  acceptor_.bind(endpoint, ec);
  if (ec) return ec;
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  return ec;
}

std::uint16_t Listener::port() const {
  beast::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void Listener::run() { do_accept(); }

void Listener::stop() {
  stopped_ = true;
  beast::error_code ec;
  acceptor_.close(ec);
  retry_timer_.cancel();
}

void Listener::do_accept() {
  if (stopped_) return;
  // No strands: the server runs one I/O thread and the hub relies on that.
  acceptor_.async_accept(ioc_, beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (stopped_) return;
  if (ec) {
    fail(ec, "accept");
    // Out of file descriptors and the like: back off instead of spinning.
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->do_accept();
    });
    return;
  }
  std::make_shared<HttpSession>(std::move(socket), context_)->run();
  do_accept();
}

}  // namespace parta::server
