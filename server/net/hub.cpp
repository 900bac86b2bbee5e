// Connection registry and per-user fan-out; the in-process bus over it.
#include "server/net/hub.h"

#include <algorithm>

namespace parta::server {

void Hub::add(Peer* peer) { all_.insert(peer); }

void Hub::remove(Peer* peer) {
  bind_user(peer, UserId());
  all_.erase(peer);
}

void Hub::bind_user(Peer* peer, UserId user) {
  if (peer->user.valid()) {
    auto it = by_user_.find(peer->user);
    if (it != by_user_.end()) {
      auto& list = it->second;
      list.erase(std::remove(list.begin(), list.end(), peer), list.end());
      if (list.empty()) by_user_.erase(it);
    }
  }
  peer->user = user;
  if (user.valid()) by_user_[user].push_back(peer);
}

void Hub::send_to_user(UserId user, const Frame& frame, const Peer* except) {
  auto it = by_user_.find(user);
  if (it == by_user_.end()) return;
  // send() only queues (a session leaves the hub in its destructor, never inside
  // send()), so the list cannot change under us: no copy on this hot path.
  for (Peer* peer : it->second) {
    if (peer != except) peer->send(frame);
  }
}

std::size_t Hub::sessions_of(UserId user) const {
  auto it = by_user_.find(user);
  return it == by_user_.end() ? 0 : it->second.size();
}

std::vector<Peer*> Hub::peers_of(UserId user) const {
  auto it = by_user_.find(user);
  return it == by_user_.end() ? std::vector<Peer*>() : it->second;
}

void HubBus::end_sessions(UserId user, const std::vector<std::string>& token_hashes, Peer* caller) {
  // A copy: closing and unbinding change the user's list.
  for (Peer* other : hub_.peers_of(user)) {
    for (const auto& hash : token_hashes) {
      if (other->token_hash != hash) continue;
      other->token_hash.clear();
      hub_.bind_user(other, UserId());
      if (other != caller) other->close_going_away();
      break;
    }
  }
}

void Hub::close_all() {
  const std::vector<Peer*> peers(all_.begin(), all_.end());
  for (Peer* peer : peers) peer->close_going_away();
}

}  // namespace parta::server
