// The sync engine's connection core; see sync_core.h.
#include "shared/sync/sync_core.h"

#include "shared/proto/protocol.h"

namespace parta {

std::uint64_t SyncCore::send(pb::ClientFrame frame, SyncManager& owner, int kind, ChatId chat) {
  frame.set_request_id(next_request_id_++);
  send_with_id(frame, owner, kind, chat);
  return frame.request_id();
}

void SyncCore::send_with_id(const pb::ClientFrame& frame, SyncManager& owner, int kind, ChatId chat) {
  pending_[frame.request_id()] = Pending{&owner, kind, chat};
  outgoing_.push_back(encode_frame(frame));
}

bool SyncCore::is_pending(const SyncManager& owner, ChatId chat, std::initializer_list<int> kinds) const {
  for (const auto& [id, p] : pending_) {
    if (p.owner != &owner || p.chat != chat) continue;
    for (int kind : kinds) {
      if (p.kind == kind) return true;
    }
  }
  return false;
}

std::vector<std::string> SyncCore::take_outgoing() {
  std::vector<std::string> out;
  out.swap(outgoing_);
  return out;
}

void SyncCore::dispatch(const pb::ServerFrame& frame) {
  ++revision;
  if (frame.request_id() != 0) {
    auto it = pending_.find(frame.request_id());
    if (it == pending_.end()) return;  // a request we no longer wait for
    const Pending request = it->second;
    pending_.erase(it);
    request.owner->on_reply(frame, request.kind, request.chat);
    return;
  }
  if (auto it = updates_.find(frame.body_case()); it != updates_.end()) {
    it->second->on_update(frame);
    return;
  }
  reduce(state, frame);  // no domain claims it (e.g. a pushed Error): the shared reducer shows it
}

void SyncCore::connected() {
  state.connection = Connection::Connected;
  for (SyncManager* m : managers_) m->on_connected();
  ++revision;
}

void SyncCore::session_started() {
  state.connection = Connection::Online;
  ++session_generation;
  for (SyncManager* m : managers_) m->on_session();
}

void SyncCore::session_refused() {
  for (SyncManager* m : managers_) m->on_session_refused();
}

void SyncCore::disconnected() {
  state.connection = Connection::Offline;
  pending_.clear();
  outgoing_.clear();  // frames for the dead socket; each manager resends its own
  for (SyncManager* m : managers_) m->on_disconnected();
  ++revision;
}

void SyncCore::user_changed() {
  for (SyncManager* m : managers_) m->on_user_changed();
}

void SyncCore::logged_out() {
  for (SyncManager* m : managers_) m->on_logout();
}

}  // namespace parta
