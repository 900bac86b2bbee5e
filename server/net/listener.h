// Accepts TCP connections and hands each to an HttpSession.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "server/net/net.h"
#include "server/net/server_context.h"

namespace parta::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, ServerContext& context);

  // Binds and listens; the port is known afterwards (useful with port 0).
  beast::error_code open(const tcp::endpoint& endpoint);
  std::uint16_t port() const;
  void run();
  // Stops accepting; existing connections are left alone.
  void stop();

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);

  asio::io_context& ioc_;
  ServerContext& context_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  bool stopped_ = false;
};

}  // namespace parta::server
