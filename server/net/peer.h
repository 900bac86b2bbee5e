// One client connection as the services see it: who is logged in on it and how
// to send it a frame. The WebSocket session implements it; the services never
// see Beast. Everything here is touched on the I/O thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "shared/core/ids.h"

namespace parta::server {

using Frame = std::shared_ptr<const std::string>;  // an encoded ServerFrame, shared by all receivers

class Peer : public std::enable_shared_from_this<Peer> {
 public:
  virtual ~Peer() = default;

  // Queues a frame; it goes out after every frame queued before it.
  virtual void send(Frame frame) = 0;
  // Starts a graceful close (server shutting down).
  virtual void close_going_away() = 0;

  // Authentication state of this connection.
  UserId user;             // invalid until Login / ResumeSession succeeds
  std::string token_hash;  // hash of this connection's session token
  int failed_logins = 0;   // per-connection throttle
  std::uint64_t id = 0;    // for logs
  std::string client;      // the User-Agent of the upgrade request, shortened (ListSessions)

  // Flood control (command_router.cpp): a token bucket per connection.
  double bucket_tokens = 0;
  std::int64_t bucket_updated_ms = 0;
  // Typing pushes (ChatService::set_typing): when this session last sent one, per chat.
  std::unordered_map<std::int64_t, std::int64_t> typing_sent_ms;
};

}  // namespace parta::server
