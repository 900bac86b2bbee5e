// Beast/Asio basics for the transport units (listener, http_session,
// websocket_session, main). Keep it out of Beast-free code: it costs compile time.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

namespace parta::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Logs a failed operation. Ordinary disconnects, timeouts and refusals (oversized
// frames) are logged at debug/info, never as errors. Defined in listener.cpp.
void fail(beast::error_code ec, const char* what, std::uint64_t connection_id = 0);

}  // namespace parta::server
