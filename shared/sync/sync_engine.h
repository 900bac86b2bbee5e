// The client sync engine: one connection's protocol logic, shared by the browser
// client, the integration tests and the load tools. It owns the chat state and the
// outbox, turns intents into commands, and server frames into state.
//
// Use: feed it socket events and bytes, call intents, and after each call send
// every frame from take_outgoing(). Time and ids are passed in: call tick(now)
// every frame (before on_bytes) so typing indicators get the time they arrived.
//
// Files: sync_engine.cpp (socket, replies, session, outbox, org commands),
// sync_engine_chats.cpp (message/chat changes, typing, search, jump),
// sync_engine_cache.cpp (drafts and the browser cache).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/chat/chat_state.h"
#include "shared/org/org_state.h"
#include "shared/sync/outbox.h"

namespace parta {

// Older pages jump_to() loads at most, looking for a message.
inline constexpr int kMaxJumpPages = 20;
// Newest messages per chat kept in the browser cache.
inline constexpr std::size_t kCachedMessagesPerChat = 200;

// A message to send (SyncEngine::send_message).
struct OutgoingMessage {
  std::string text;
  std::uint64_t reply_to_seq = 0;
  std::vector<std::int64_t> mention_ids;
  std::optional<pb::PollDraft> poll;
};

class SyncEngine {
 public:
  // --- socket events
  void on_connecting();
  void on_connected();     // resumes the session if a token is known
  void on_disconnected();
  // Returns an error for bytes that are not a ServerFrame (the connection should be reset).
  Status on_bytes(std::string_view bytes);

  // --- intents
  void login(std::string_view login, std::string_view password);
  void logout();
  void open_chat(ChatId chat);
  void close_chat();  // back to the list (narrow screens show one pane)
  void load_older(ChatId chat);
  // Validates and queues a message; it is sent now if online, else after reconnecting.
  Status send_text(ChatId chat, std::string_view text, std::string client_id, std::int64_t now_ms);
  // The same with a reply, mentions or a poll (OutgoingMessage): everything that
  // creates goes through the outbox with its client id.
  Status send_message(ChatId chat, const OutgoingMessage& message, std::string client_id, std::int64_t now_ms);
  void mark_read(ChatId chat, std::uint64_t seq);
  // Changes to existing messages and chats. Checked with chat_policy first (the
  // same rules the server enforces); sent now when online, otherwise they wait
  // for the session like request() does. Errors land in state().last_error.
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
  // The composer changed: sends SetTyping at most every kTypingSendIntervalMs.
  void typing(ChatId chat, std::int64_t now_ms);
  // Full-text search (chat invalid: all chats); results in state().search.
  Status search(ChatId chat, std::string_view query);
  void search_more();
  void clear_search();
  // Show message `seq` (a reply's original, a pin, a search hit): opens the
  // chat, loads older pages until it is in the window, sets state().jump_*.
  void jump_to(ChatId chat, std::uint64_t seq);
  void clear_jump();
  // Time passes (typing indicators expire). Returns true if the state changed.
  bool tick(std::int64_t now_ms);
  // When tick() next has work (a typing indicator expires, a refused send is
  // retried); 0: nothing scheduled. The platform wakes the loop then.
  std::int64_t next_wakeup_ms() const;
  static constexpr std::int64_t kOutboxRetryMs = 2000;

  // --- drafts (kept per chat, persisted with the cache)
  void set_draft(ChatId chat, std::string text, std::uint64_t reply_to_seq);
  const pb::Draft* draft(ChatId chat) const;

  // --- the browser cache (IndexedDB): chats, recent history and drafts, so a
  // reopened app shows them at once and then syncs. Bound to the logged-in user.
  std::string serialize_cache() const;
  Status restore_cache(std::string_view bytes);
  // Sends any other command (orgs.proto), validated first; returns its request id.
  // Commands that need a session wait until there is one; anonymous ones (apply,
  // register, code login) wait only for the socket. Replies reduce into org();
  // a LoginOk (Register, ConfirmRegistration, LoginWithCode) logs in like login().
  Result<std::uint64_t> request(pb::ClientFrame frame);
  // The views show another organization (see reduce_select_org).
  void select_org(OrgId org);
  // Forget the last failed command (the user moved on).
  void clear_error();

  // --- outputs
  std::vector<std::string> take_outgoing();  // encoded ClientFrames, in order
  const ClientState& state() const { return state_; }
  const OrgState& org() const { return org_; }
  // Bumped each time a session is established (login or resume): views reload
  // their data when it changes.
  std::uint64_t session_generation() const { return session_generation_; }
  const Outbox& outbox() const { return outbox_; }
  Outbox& outbox() { return outbox_; }
  const std::string& token() const { return token_; }
  void set_token(std::string token) { token_ = std::move(token); }
  // Bumped on every change a view could show; lets the platform skip redraws.
  std::uint64_t revision() const { return revision_; }

 private:
  std::int64_t outbox_retry_at_ms_ = 0;  // tick() resends refused-but-retryable items then
  enum class Pending {
    Login, Resume, Logout, ListChats,
    History,   // the newest page
    Older,     // GetHistory.before_seq
    Catchup,   // GetHistory.after_seq
    MarkRead, Org,
    Change,    // edit, delete, pin, vote, close, settings, roles, mutes, removals
    Search, Typing, Other
  };
  struct PendingRequest {
    Pending kind = Pending::Other;
    ChatId chat;
  };
  // A change waiting for a session, or in flight (resent after a reconnect:
  // changes are idempotent, they carry the target state).
  struct Change {
    pb::ClientFrame frame;
    bool resent = false;
  };
  struct JumpTarget {
    ChatId chat;
    std::uint64_t seq = 0;
    int pages_left = kMaxJumpPages;
  };

  std::uint64_t send(pb::ClientFrame frame, Pending kind, ChatId chat = ChatId{});
  void on_authenticated();
  void handle_reply(const pb::ServerFrame& frame, const PendingRequest& request);
  void request_history(const ChatEntry& chat);
  void sync_chat(const ChatEntry& chat);
  void sync_loaded_chats();
  bool history_pending(ChatId chat) const;
  void flush_outbox();
  void send_org(pb::ClientFrame frame);
  void handle_org_reply(const pb::ServerFrame& frame, std::uint64_t request_id);
  void flush_deferred();
  // sync_engine_chats.cpp
  Status check(ChatId chat, ChatAction action, ChatTarget target) const;
  const ChatMessage* known_message(ChatId chat, std::uint64_t seq) const;
  Status send_change(pb::ClientFrame frame);
  Status send_member_change(pb::ClientFrame frame, ChatId chat, UserId user, ChatAction action,
                            pb::ChatRole new_role = pb::CHAT_ROLE_UNSPECIFIED);
  void flush_changes();
  void handle_change_reply(const pb::ServerFrame& frame);
  void send_search();
  void handle_search_reply(const pb::ServerFrame& frame);
  void request_older(const ChatEntry& chat, std::uint32_t limit);
  void advance_jump();
  void handle_history_reply(const pb::ServerFrame& frame, const PendingRequest& request);
  // sync_engine_cache.cpp
  void adopt_user(UserId user);
  void forget_user_data();

  ClientState state_;
  OrgState org_;
  std::unordered_map<std::uint64_t, pb::ClientFrame> org_pending_;  // org commands awaiting replies
  std::vector<pb::ClientFrame> deferred_;  // org commands waiting for a socket or a session
  std::uint64_t session_generation_ = 0;
  Outbox outbox_;
  std::string token_;
  std::uint64_t next_request_id_ = 1;
  std::unordered_map<std::uint64_t, PendingRequest> pending_;
  std::vector<std::string> outgoing_;
  std::uint64_t revision_ = 0;
  // Changes: waiting for a session, and in flight by request id.
  std::vector<Change> changes_waiting_;
  std::map<std::uint64_t, Change> changes_in_flight_;
  // Search: the command of the current page (paging edits before_id) and the
  // request whose answer we wait for (0: none; stale answers are dropped).
  pb::ClientFrame search_frame_;
  std::uint64_t search_request_ = 0;
  std::unordered_map<std::int64_t, std::int64_t> typing_sent_;  // chat id -> last SetTyping
  std::optional<JumpTarget> jump_;
  std::map<std::int64_t, pb::Draft> drafts_;  // by chat id
  UserId cache_user_;  // whose chats the state shows (restored cache or login)
};

}  // namespace parta
