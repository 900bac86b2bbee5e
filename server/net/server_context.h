// What every connection needs from the server: the hub, the command router and
// the web root. Owned by main(); outlives every session.
#pragma once

#include <cstdint>
#include <string>

#include "server/app/command_router.h"
#include "server/net/hub.h"

namespace parta::server {

class HttpApi;

struct ServerContext {
  Hub& hub;
  CommandRouter& router;
  std::string web_root;  // absolute path
  std::uint64_t next_connection_id = 1;
  HttpApi* api = nullptr;  // /api/ requests; null: 404 from the static files
};

}  // namespace parta::server
