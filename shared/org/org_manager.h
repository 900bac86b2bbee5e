// The sync engine's org manager: the org commands of orgs.proto (sent with
// SyncEngine::request() through the CommandQueue), reduced into OrgState by
// org_state's per-command table. It also takes commands no other domain owns
// (their status is logged, nothing else). A reply that logs in (registration)
// or changes the chat list (JoinChat, CreateChat) goes on to SessionManager or
// ChatManager.
#pragma once

#include <cstdint>

#include "shared/auth/session_manager.h"
#include "shared/chat/chat_manager.h"
#include "shared/sync/command_queue.h"
#include "shared/sync/sync_core.h"

namespace parta {

class OrgManager : public SyncManager, public CommandDomain {
 public:
  OrgManager(SyncCore& core, SessionManager& session, ChatManager& chats);

  // The views show another organization (see reduce_select_org).
  void select_org(OrgId org);

  // --- CommandDomain: the fallback, so added last
  bool owns(Command) const override { return true; }
  void on_command_sent(std::uint64_t request_id, const pb::ClientFrame& command) override;
  void on_command_reply(std::uint64_t request_id, const pb::ClientFrame& command,
                        const pb::ServerFrame& reply) override;

  // --- SyncManager
  void on_reply(const pb::ServerFrame&, int, ChatId) override {}  // sends nothing itself
  void on_logout() override;

 private:
  SyncCore& core_;
  OrgState& org_;
  SessionManager& session_;
  ChatManager& chats_;
};

}  // namespace parta
