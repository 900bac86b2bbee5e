// The sync engine's org manager; see org_manager.h.
#include "shared/org/org_manager.h"

#include <algorithm>
#include <vector>

namespace parta {

OrgManager::OrgManager(SyncCore& core, SessionManager& session, ChatManager& chats)
    : core_(core), org_(core.org), session_(session), chats_(chats) {}

void OrgManager::select_org(OrgId org) {
  if (org == org_.org) return;
  reduce_select_org(org_, org);
  core_.changed();
}

void OrgManager::on_command_sent(std::uint64_t request_id, const pb::ClientFrame& command) {
  reduce_org_sent(org_, request_id, command);
}

void OrgManager::on_command_reply(std::uint64_t request_id, const pb::ClientFrame& command,
                                  const pb::ServerFrame& frame) {
  ChatId joined;
  if (frame.has_login_ok()) {
    // Register, ConfirmRegistration: a session, exactly as after Login.
    session_.establish(frame);
  } else if (frame.has_chat_list()) {
    // JoinChat: the new list has the chat we joined (or already were in).
    const ClientState& state = core_.state;
    std::vector<ChatId> before;
    for (const auto& chat : state.chats) before.push_back(chat.id);
    chats_.on_chat_list(frame);
    for (const auto& chat : state.chats) {
      if (std::find(before.begin(), before.end(), chat.id) == before.end()) joined = chat.id;
    }
    if (!joined.valid() && org_.invite) {
      for (const auto& chat : state.chats) {
        if (chat.title == org_.invite->chat_title()) joined = chat.id;
      }
    }
  } else if (frame.has_chat_created()) {
    chats_.list_chats();
  }
  reduce_org_reply(org_, request_id, command, frame);
  if (joined.valid()) org_.joined_chat = joined;
}

// OrgState also holds the command log and auth's state: all of it goes.
void OrgManager::on_logout() { org_ = OrgState{}; }

}  // namespace parta
