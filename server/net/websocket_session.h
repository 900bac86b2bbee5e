// Starts a WebSocket session on an upgraded HTTP connection. The session class
// itself lives in websocket_session.cpp, so including this stays cheap.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>

#include "server/net/net.h"
#include "server/net/server_context.h"

namespace parta::server {

void start_websocket_session(tcp::socket&& socket, beast::http::request<beast::http::string_body>&& upgrade,
                             ServerContext& context, std::uint64_t connection_id);

// Releases this I/O thread's transport state (pending flushes, the keep-alive
// timer). Call on the I/O thread after its io_context stopped, before it is destroyed.
void stop_websocket_thread();

}  // namespace parta::server
