// The sync engine's chat manager: the chat list, history (newest page, older
// pages, catch-up after a gap), jumping to a message, sending through the
// outbox, marking read, typing, and the chat events the server pushes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/chat/chat_policy.h"
#include "shared/sync/outbox.h"
#include "shared/sync/sync_core.h"

namespace parta {

// Older pages jump_to() loads at most, looking for a message.
inline constexpr int kMaxJumpPages = 20;
// A send the server refused with a retryable error is tried again after this.
inline constexpr std::int64_t kOutboxRetryMs = 2000;

// A message to send (SyncEngine::send_message).
struct OutgoingMessage {
  std::string text;
  std::uint64_t reply_to_seq = 0;
  std::vector<std::int64_t> mention_ids;
  std::optional<pb::PollDraft> poll;
};

// The same check the server runs (chat_policy), for the chat as this client
// knows it. Before the session is back (cached chats) the server decides.
Status check_chat_action(const ClientState& state, ChatId chat, ChatAction action, ChatTarget target);
// A message of the loaded window, or the chat's last message.
const ChatMessage* known_message(const ClientState& state, ChatId chat, std::uint64_t seq);

class ChatManager : public SyncManager {
 public:
  explicit ChatManager(SyncCore& core);

  // --- intents (SyncEngine forwards them)
  void open_chat(ChatId chat);
  void close_chat();
  void load_older(ChatId chat);
  Status send_message(ChatId chat, const OutgoingMessage& message, std::string client_id, std::int64_t now_ms);
  void mark_read(ChatId chat, std::uint64_t seq);
  void typing(ChatId chat, std::int64_t now_ms);
  void jump_to(ChatId chat, std::uint64_t seq);
  void clear_jump();
  bool tick(std::int64_t now_ms);
  std::int64_t next_wakeup_ms() const;
  Outbox& outbox() { return outbox_; }
  const Outbox& outbox() const { return outbox_; }

  // --- for other managers
  void list_chats();                                // asks for the chat list again
  void sync_chat(const ChatEntry& chat);            // brings one chat's window up to date
  void on_chat_list(const pb::ServerFrame& frame);  // a ChatList reply, whoever asked

  // --- SyncManager
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override;
  void on_update(const pb::ServerFrame& frame) override;
  void on_session() override;
  void on_disconnected() override;
  void on_user_changed() override;
  void on_logout() override;

 private:
  enum Kind : int {
    ListChats,
    History,  // the newest page
    Older,    // GetHistory.before_seq
    Catchup,  // GetHistory.after_seq
    MarkRead,
    Typing,
    Send,  // an outbox item
  };
  struct JumpTarget {
    ChatId chat;
    std::uint64_t seq = 0;
    int pages_left = kMaxJumpPages;
  };

  bool history_pending(ChatId chat) const;
  void request_history(const ChatEntry& chat);
  void request_older(const ChatEntry& chat, std::uint32_t limit);
  void sync_loaded_chats();
  void flush_outbox();
  void on_history(const pb::ServerFrame& frame, int kind, ChatId chat);
  void advance_jump();

  SyncCore& core_;
  ClientState& state_;
  Outbox outbox_;
  std::int64_t outbox_retry_at_ms_ = 0;                         // tick() resends refused-but-retryable items then
  std::unordered_map<std::int64_t, std::int64_t> typing_sent_;  // chat id -> last SetTyping
  std::optional<JumpTarget> jump_;
};

}  // namespace parta
