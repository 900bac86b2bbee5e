// The sync engine's changes to existing messages and chats: edit, delete, pin,
// vote, close a poll, chat settings, member roles, mutes and removals. Each is
// checked with chat_policy first (the rules the server enforces), then sent now
// when online or kept until the session is back. Unlike sends they are not
// outbox items: they carry their target state, so a resend is harmless.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "shared/chat/chat_manager.h"
#include "shared/sync/sync_core.h"

namespace parta {

class MessageChanges : public SyncManager {
 public:
  MessageChanges(SyncCore& core, ChatManager& chats);

  // --- intents (SyncEngine forwards them); errors of the reply land in state().last_error
  Status edit_message(ChatId chat, std::uint64_t seq, std::string_view text, std::vector<std::int64_t> mention_ids,
                      std::int64_t now_ms);
  Status delete_message(ChatId chat, std::uint64_t seq, std::int64_t now_ms);
  Status pin_message(ChatId chat, std::uint64_t seq, bool pinned);
  Status vote(ChatId chat, std::uint64_t seq, std::vector<std::uint32_t> choices);
  Status close_poll(ChatId chat, std::uint64_t seq);
  Status set_chat_settings(ChatId chat, const pb::ChatSettings& settings);
  Status set_member_role(ChatId chat, UserId user, pb::ChatRole role);
  Status mute_member(ChatId chat, UserId user, bool muted);
  Status remove_member(ChatId chat, UserId user);

  // --- SyncManager
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override;
  void on_session() override;
  void on_disconnected() override;
  void on_user_changed() override;
  void on_logout() override;

 private:
  // A change waiting for a session, or in flight (resent after a reconnect).
  struct Change {
    pb::ClientFrame frame;
    bool resent = false;
  };

  Status check(ChatId chat, ChatAction action, ChatTarget target) const;
  Status send_member_change(pb::ClientFrame frame, ChatId chat, UserId user, ChatAction action,
                            pb::ChatRole new_role = pb::CHAT_ROLE_UNSPECIFIED);
  Status send_change(pb::ClientFrame frame);
  void send_now(Change change);

  SyncCore& core_;
  ClientState& state_;
  ChatManager& chats_;
  std::vector<Change> waiting_;                // for a session
  std::map<std::uint64_t, Change> in_flight_;  // by request id
};

}  // namespace parta
