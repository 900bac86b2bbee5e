// The client sync engine: one connection's protocol logic, shared by the browser
// client, the integration tests and the load tools. It owns the chat state and the
// outbox, turns intents into commands, and server frames into state.
//
// Use: feed it socket events and bytes, call intents, and after each call send
// every frame from take_outgoing(). Time and ids are passed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/chat_state.h"
#include "shared/org_state.h"
#include "shared/outbox.h"

namespace parta {

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
  void mark_read(ChatId chat, std::uint64_t seq);
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
  enum class Pending { Login, Resume, Logout, ListChats, History, Catchup, MarkRead, Org, Other };
  struct PendingRequest {
    Pending kind = Pending::Other;
    ChatId chat;
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
};

}  // namespace parta
