// The client sync engine: one connection's protocol logic, shared by the browser
// client, the integration tests and the load tools. It turns intents into
// commands, and server frames into state (ClientState, OrgState).
//
// Use: feed it socket events and bytes, call intents, and after each call send
// every frame from take_outgoing(). Time and ids are passed in: call tick(now)
// every frame (before on_bytes) so typing indicators get the time they arrived.
//
// It is a coordinator (as TDLib's Td is): SyncCore owns the connection (request
// ids, pending replies and who sent them, outgoing frames, revision), and one
// manager per domain owns that domain's requests and state:
//   SessionManager (shared/auth)   login, resume, logout, token; code login and sessions (request())
//   DraftsCache    (shared/sync)   drafts and the browser cache
//   ChatManager    (shared/chat)   chat list, history, catch-up, outbox, read, typing, jump
//   CommandQueue   (shared/sync)   request(): any command, kept until it can go, its reply to its domain
//   OrgManager     (shared/org)    org commands (request()), and the commands no other domain owns
//   MessageChanges (shared/chat)   edits, deletes, pins, polls, settings, moderation
//   SearchManager  (shared/chat)   full-text search
// The constructor registers them (sync_engine.cpp): a new domain adds its
// manager there, with the ServerFrame body cases it reduces when pushed and,
// if its commands go through request(), as a CommandDomain of the queue.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/auth/session_manager.h"
#include "shared/chat/chat_manager.h"
#include "shared/chat/message_changes.h"
#include "shared/chat/search_manager.h"
#include "shared/org/org_manager.h"
#include "shared/sync/command_queue.h"
#include "shared/sync/drafts_cache.h"
#include "shared/sync/sync_core.h"

namespace parta {

class SyncEngine {
 public:
  SyncEngine();
  // Managers hold references into the core and to each other.
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  // --- socket events
  void on_connecting();
  void on_connected();  // resumes the session if a token is known
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
  static constexpr std::int64_t kOutboxRetryMs = parta::kOutboxRetryMs;

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
  std::vector<std::string> take_outgoing() { return core_.take_outgoing(); }  // encoded ClientFrames, in order
  const ClientState& state() const { return core_.state; }
  const OrgState& org() const { return core_.org; }
  // The auth domain's part of org(): code login and the session list.
  const AuthState& auth() const { return core_.org; }
  // Bumped each time a session is established (login or resume): views reload
  // their data when it changes.
  std::uint64_t session_generation() const { return core_.session_generation; }
  const Outbox& outbox() const { return chats_.outbox(); }
  Outbox& outbox() { return chats_.outbox(); }
  const std::string& token() const { return session_.token(); }
  void set_token(std::string token) { session_.set_token(std::move(token)); }
  // Bumped on every change a view could show; lets the platform skip redraws.
  std::uint64_t revision() const { return core_.revision; }

 private:
  // Declared in registration order (socket and session events reach them so).
  SyncCore core_;
  DraftsCache cache_;
  SessionManager session_;
  ChatManager chats_;
  CommandQueue requests_;
  OrgManager org_;
  MessageChanges changes_;
  SearchManager search_;
};

}  // namespace parta
