// HttpSession: reads requests with size and time limits, answers from
// static_files, and hands WebSocket upgrades on /ws to a WebSocketSession.
#include "server/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "server/log.h"
#include "server/static_files.h"
#include "server/websocket_session.h"

namespace parta::server {

namespace http = beast::http;

namespace {

constexpr auto kReadTimeout = std::chrono::seconds(30);
constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr std::uint32_t kHeaderLimit = 8 * 1024;
constexpr std::uint64_t kBodyLimit = 16 * 1024;  // nothing here takes a body

template <class Body>
void apply(http::response<Body>& res, const StaticReply& reply) {
  res.set(http::field::server, "parta");
  for (const auto& [name, value] : reply.headers) res.set(name, value);
}

http::message_generator make_response(const http::request<http::string_body>& req, const StaticReply& reply) {
  const unsigned version = req.version();
  const bool keep_alive = req.keep_alive();
  const auto status = static_cast<http::status>(reply.status);
  if (!reply.file_path.empty()) {
    http::file_body::value_type body;
    beast::error_code ec;
    body.open(reply.file_path.c_str(), beast::file_mode::scan, ec);
    if (!ec) {
      http::response<http::file_body> res{status, version};
      apply(res, reply);
      res.body() = std::move(body);
      res.keep_alive(keep_alive);
      res.prepare_payload();
      return res;
    }
    log_warn("cannot open ", reply.file_path, ": ", ec.message());
    http::response<http::string_body> res{http::status::not_found, version};
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "not found\n";
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
  }
  if (reply.status == 304 || (req.method() == http::verb::head && reply.status == 200 && reply.body.empty())) {
    // No body: 304, or HEAD of a file (Content-Length is the file's size).
    http::response<http::empty_body> res{status, version};
    apply(res, reply);
    if (reply.status != 304) res.content_length(reply.file_size);
    res.keep_alive(keep_alive);
    return res;
  }
  http::response<http::string_body> res{status, version};
  apply(res, reply);
  res.keep_alive(keep_alive);
  if (req.method() == http::verb::head) {
    res.content_length(reply.body.size());
  } else {
    res.body() = reply.body;
    res.prepare_payload();
  }
  return res;
}

}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, ServerContext& context)
    : stream_(std::move(socket)), context_(context), id_(context.next_connection_id++) {}

void HttpSession::run() {
  asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
  // A fresh parser per request: limits apply to each one.
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(kBodyLimit);
  stream_.expires_after(kReadTimeout);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec) return fail(ec, "http read", id_);

  auto& req = parser_->get();
  if (beast::websocket::is_upgrade(req)) {
    if (req.target() == "/ws") {
      // The WebSocket session takes over the socket and sets its own timeouts.
      stream_.expires_never();
      start_websocket_session(stream_.release_socket(), parser_->release(), context_, id_);
      return;
    }
    StaticReply reply;
    reply.status = 404;
    reply.body = "no websocket here\n";
    return send(make_response(req, reply), false);
  }

  StaticRequest request;
  request.method = req.method_string();
  request.target = req.target();
  if (auto it = req.find(http::field::accept_encoding); it != req.end()) request.accept_encoding = it->value();
  if (auto it = req.find(http::field::if_none_match); it != req.end()) request.if_none_match = it->value();
  const StaticReply reply = serve_static(context_.web_root, request);
  log_debug("conn ", id_, ": ", req.method_string(), " ", req.target(), " -> ", reply.status);
  const bool keep_alive = req.keep_alive();
  send(make_response(req, reply), keep_alive);
}

void HttpSession::send(http::message_generator&& message, bool keep_alive) {
  stream_.expires_after(kWriteTimeout);
  beast::async_write(stream_, std::move(message),
                     beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "http write", id_);
  if (!keep_alive) return do_close();
  do_read();
}

void HttpSession::do_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace parta::server
