// HttpSession: reads requests with size and time limits, answers from
// static_files, and hands WebSocket upgrades on /ws to a WebSocketSession.
#include "server/net/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "server/org/http_api.h"
#include "server/app/log.h"
#include "server/net/static_files.h"
#include "server/net/websocket_session.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace http = beast::http;

namespace {

constexpr auto kReadTimeout = std::chrono::seconds(30);
constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr std::uint32_t kHeaderLimit = 8 * 1024;
constexpr std::uint64_t kBodyLimit = 16 * 1024;  // nothing but /api/upload takes a body
constexpr auto kUploadTimeout = std::chrono::seconds(120);
constexpr auto kDrainTimeout = std::chrono::seconds(10);
constexpr std::size_t kMaxDrainBytes = 64 * 1024 * 1024;

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
  // A fresh parser per request: limits apply to each one. The header comes
  // first: only an upload may have a large body, so the limit depends on it.
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(kMaxUploadBytes);
  stream_.expires_after(kReadTimeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  const bool upload = (!ec || ec == http::error::body_limit) && HttpApi::takes_upload(parser_->get().target());
  if (ec == http::error::body_limit && upload) return reply_too_large();
  if (ec) return fail(ec, "http read", id_);
  if (upload) {
    stream_.expires_after(kUploadTimeout);
  } else {
    // Beast checks a Content-Length against the limit only with the header, so
    // that is done here; the lower limit still bounds chunked bodies.
    const auto length = parser_->content_length();
    if (length && *length > kBodyLimit) return fail(http::error::body_limit, "http read", id_);
    parser_->body_limit(kBodyLimit);
  }
  if (parser_->is_done()) return on_read({}, 0);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::reply_too_large() {
  // Answer 413, then read and drop what the client is still sending (bounded),
  // so it sees the answer instead of a reset connection.
  const auto& req = parser_->get();
  ApiRequest request;
  request.method = req.method_string();
  request.target = req.target();
  request.body_too_large = true;
  StaticReply reply;
  if (context_.api) {
    reply = context_.api->handle(request);
  } else {
    reply.status = 413;
    reply.body = "too large\n";
  }
  http::response<http::string_body> res{static_cast<http::status>(reply.status), req.version()};
  res.set(http::field::server, "parta");
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.body() = reply.body;
  res.keep_alive(false);
  res.prepare_payload();
  stream_.expires_after(kWriteTimeout);
  beast::async_write(stream_, http::message_generator(std::move(res)),
                     [self = shared_from_this()](beast::error_code wec, std::size_t) {
                       if (wec) return fail(wec, "http write", self->id_);
                       beast::error_code sec;
                       self->stream_.socket().shutdown(tcp::socket::shutdown_send, sec);
                       self->stream_.expires_after(kDrainTimeout);
                       self->drain(0);
                     });
}

void HttpSession::drain(std::size_t drained) {
  if (drained > kMaxDrainBytes) return;
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(64 * 1024),
                          [self = shared_from_this(), drained](beast::error_code ec, std::size_t n) {
                            if (ec) return;  // EOF or timeout: done
                            self->drain(drained + n);
                          });
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return do_close();
  if (ec == http::error::body_limit && parser_ && HttpApi::takes_upload(parser_->get().target())) {
    return reply_too_large();
  }
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

  if (context_.api && HttpApi::handles(req.target())) {
    ApiRequest api;
    api.method = req.method_string();
    api.target = req.target();
    api.body = req.body();
    if (auto it = req.find(http::field::authorization); it != req.end()) api.authorization = it->value();
    beast::error_code addr_ec;
    api.remote = stream_.socket().remote_endpoint(addr_ec).address().to_string();
    const StaticReply reply = context_.api->handle(api);
    log_debug("conn ", id_, ": ", req.method_string(), " ", req.target(), " -> ", reply.status);
    return send(make_response(req, reply), req.keep_alive());
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
