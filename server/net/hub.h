// The hub: every open connection, and the logged-in ones by user, for fan-out.
// Single-threaded by design (the I/O thread), so no locks: with several I/O
// threads this needs a strand or a mutex (copy the receivers, send outside it).
// The services reach it only through the Bus (bus.h); HubBus is the in-process one.
#pragma once

#include <cstddef>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/net/bus.h"
#include "server/net/peer.h"

namespace parta::server {

class Hub {
 public:
  void add(Peer* peer);
  // Also unbinds its user. Called from the peer's destructor.
  void remove(Peer* peer);

  // Moves the peer to `user` (after a login); an invalid id just unbinds it.
  void bind_user(Peer* peer, UserId user);

  // Sends the same buffer to every session of `user` except `except`.
  void send_to_user(UserId user, const Frame& frame, const Peer* except);
  // Number of sessions `user` has open.
  std::size_t sessions_of(UserId user) const;
  // A copy of `user`'s sessions (ending sessions closes some of them while iterating).
  std::vector<Peer*> peers_of(UserId user) const;

  // Graceful close of every connection (shutdown).
  void close_all();
  std::size_t size() const { return all_.size(); }

 private:
  std::unordered_set<Peer*> all_;
  std::unordered_map<UserId, std::vector<Peer*>> by_user_;
};

// The in-process Bus: publishes to this process's hub.
class HubBus final : public Bus {
 public:
  explicit HubBus(Hub& hub) : hub_(hub) {}

  void publish(UserId user, const Frame& frame, const Peer* except) override { hub_.send_to_user(user, frame, except); }
  bool online(UserId user) const override { return hub_.sessions_of(user) != 0; }
  void bind(Peer& peer, UserId user) override { hub_.bind_user(&peer, user); }
  void end_sessions(UserId user, const std::vector<std::string>& token_hashes, Peer* caller) override;

 private:
  Hub& hub_;
};

}  // namespace parta::server
