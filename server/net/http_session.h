// One HTTP connection: static files, /healthz and /api/ (http_api.h), or the upgrade to /ws.
#pragma once

#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "server/net/net.h"
#include "server/net/server_context.h"

namespace parta::server {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerContext& context);
  void run();

 private:
  void do_read();
  void on_header(beast::error_code ec, std::size_t bytes);
  void on_read(beast::error_code ec, std::size_t bytes);
  void reply_too_large();
  void drain(std::size_t drained);
  void send(beast::http::message_generator&& message, bool keep_alive);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void do_close();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  ServerContext& context_;
  std::uint64_t id_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
};

}  // namespace parta::server
