// The sync engine's org manager: commands sent with SyncEngine::request() (the
// org commands of orgs.proto, and auth's code login and session list), each
// validated, kept until the socket or the session it needs is there, and its
// reply reduced into OrgState by its domain's reducer (org_state, auth_state).
// A reply that logs in or changes the chat list goes on to SessionManager or
// ChatManager.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "shared/auth/session_manager.h"
#include "shared/chat/chat_manager.h"
#include "shared/sync/sync_core.h"

namespace parta {

class OrgManager : public SyncManager {
 public:
  OrgManager(SyncCore& core, SessionManager& session, ChatManager& chats);

  // Validates and sends the command (or keeps it); returns its request id.
  Result<std::uint64_t> request(pb::ClientFrame frame);
  void select_org(OrgId org);
  void clear_error();

  // --- SyncManager
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override;
  void on_connected() override { flush_deferred(); }
  void on_session() override { flush_deferred(); }
  void on_session_refused() override { flush_deferred(); }
  void on_disconnected() override;
  void on_logout() override;

 private:
  bool can_send(const pb::ClientFrame& frame) const;
  void send(pb::ClientFrame frame);
  void flush_deferred();

  SyncCore& core_;
  OrgState& org_;
  SessionManager& session_;
  ChatManager& chats_;
  std::unordered_map<std::uint64_t, pb::ClientFrame> pending_;  // commands awaiting replies
  std::vector<pb::ClientFrame> deferred_;                       // commands waiting for a socket or a session
};

}  // namespace parta
