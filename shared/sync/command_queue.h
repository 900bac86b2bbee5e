// Commands sent with SyncEngine::request() (org and auth commands, and any
// other of a domain without an intent of its own): validated, numbered, kept
// until the socket (anonymous commands) or the session (the rest) is there,
// and remembered until their reply, which goes to the domain that owns the
// command. One queue for every domain, so commands go out in the order asked.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "shared/auth/session_manager.h"
#include "shared/sync/sync_core.h"

namespace parta {

class CommandQueue : public SyncManager {
 public:
  CommandQueue(SyncCore& core, const SessionManager& session);

  // The first domain added that owns a command takes it.
  void add_domain(CommandDomain& domain) { domains_.push_back(&domain); }
  // Validates the command, then sends it or keeps it; returns its request id.
  Result<std::uint64_t> request(pb::ClientFrame frame);
  // Forget the last failed command (the user moved on).
  void clear_error();

  // --- SyncManager
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override;
  void on_connected() override { flush(); }
  void on_session() override { flush(); }
  void on_session_refused() override { flush(); }
  void on_disconnected() override;
  void on_logout() override;

 private:
  CommandDomain* domain_of(Command c) const;
  bool can_send(const pb::ClientFrame& frame) const;
  void send(pb::ClientFrame frame);
  void flush();

  SyncCore& core_;
  const SessionManager& session_;
  std::vector<CommandDomain*> domains_;
  std::unordered_map<std::uint64_t, pb::ClientFrame> pending_;  // commands awaiting replies
  std::vector<pb::ClientFrame> deferred_;                       // waiting for a socket or a session
};

}  // namespace parta
