// The fan-out bus between the services and the connections: the services
// publish encoded frames addressed to users, and bind or end the sessions of
// connections; they never see the hub. In-process today (HubBus, over the
// Hub of this process); the seam where Redis (or another broker) goes when
// several server processes share the users.
//
// What crosses it: a user id and an encoded ServerFrame (Frame: shared,
// immutable bytes; every receiver gets the same buffer), and the token hashes
// of ended sessions. What does not: Peer objects (a connection is local; the
// `except`/`caller` pointers only name a local connection to skip), replies to
// commands (those go straight back on the connection that asked), and
// anything about storage (a receiver re-reads nothing: the frame is complete).
//
// Cost: one virtual call per publish, no allocation; the in-process bus sends
// the same buffer to each of the user's sessions (Peer::send queues it).
#pragma once

#include <string>
#include <vector>

#include "server/net/peer.h"

namespace parta::server {

class Bus {
 public:
  virtual ~Bus() = default;

  // `frame` to every session of `user`, except the connection `except` (may be null).
  virtual void publish(UserId user, const Frame& frame, const Peer* except) = 0;
  // Whether `user` may have a session open: false lets a publisher skip
  // encoding a frame nobody would receive. (A distributed bus may answer true.)
  virtual bool online(UserId user) const = 0;

  // This connection now receives `user`'s frames (after a login); an invalid
  // id stops that (logout).
  virtual void bind(Peer& peer, UserId user) = 0;
  // Sessions of `user` ended (EndSessions): every connection on one of these
  // token hashes is logged out, and closed unless it is `caller` (which answers
  // the command first).
  virtual void end_sessions(UserId user, const std::vector<std::string>& token_hashes, Peer* caller) = 0;
};

}  // namespace parta::server
