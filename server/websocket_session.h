// Starts a WebSocket session on an upgraded HTTP connection. The session class
// itself lives in websocket_session.cpp, so including this stays cheap.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>

#include "server/net.h"
#include "server/server_context.h"

namespace parta::server {

void start_websocket_session(tcp::socket&& socket, beast::http::request<beast::http::string_body>&& upgrade,
                             ServerContext& context, std::uint64_t connection_id);

}  // namespace parta::server
