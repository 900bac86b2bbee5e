// The sync engine's connection core: request ids, the replies still pending
// (each remembers the manager that sent its request), the encoded frames to
// send, the revision and session generation, and the table that routes pushed
// updates to the manager registered for their body case.
//
// Managers (one per domain, as in TDLib) register here in SyncEngine's
// constructor; the core hands each the replies to its own requests and the
// updates it asked for, and tells every manager, in registration order, about
// the socket and the session.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/chat/chat_state.h"
#include "shared/org/org_state.h"

namespace parta {

// One domain's part of the client sync engine. Every hook but on_reply is
// optional; a manager reacts only to what concerns its domain.
class SyncManager {
 public:
  virtual ~SyncManager() = default;
  // The reply to a request this manager sent (SyncCore::send); `kind` and `chat`
  // are what it passed there.
  virtual void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) = 0;
  // A pushed update of a body case this manager registered for (route_updates).
  virtual void on_update(const pb::ServerFrame&) {}
  // The socket is open (no session yet).
  virtual void on_connected() {}
  // A session was established (login, resume, or a command that logs in).
  virtual void on_session() {}
  // A saved session could not be resumed: no session is coming on this socket.
  virtual void on_session_refused() {}
  // The socket is gone: replies to requests in flight will not come.
  virtual void on_disconnected() {}
  // A session of another user than the cached one: forget the cached user's data.
  virtual void on_user_changed() {}
  // Logged out: forget everything of the user.
  virtual void on_logout() {}
};

// A domain whose commands go through request(): it folds them into its state.
class CommandDomain {
 public:
  virtual ~CommandDomain() = default;
  // Whether this domain takes commands of this kind (asked in registration order).
  virtual bool owns(Command c) const = 0;
  // The command went out (or waits to) under this request id.
  virtual void on_command_sent(std::uint64_t request_id, const pb::ClientFrame& command) = 0;
  // Its reply (a result or an Error) arrived.
  virtual void on_command_reply(std::uint64_t request_id, const pb::ClientFrame& command,
                                const pb::ServerFrame& reply) = 0;
};

class SyncCore {
 public:
  // --- state the managers share; the views read it through SyncEngine
  ClientState state;
  OrgState org;  // org and auth command state (OrgState carries AuthState)
  std::uint64_t session_generation = 0;
  std::uint64_t revision = 0;  // bumped on every change a view could show

  // --- registration (SyncEngine's constructor: the one place a domain is added)
  // Managers hear socket and session events in the order they were added.
  void add_manager(SyncManager& manager) { managers_.push_back(&manager); }
  // Pushed updates of this body case go to `manager` (one manager per case).
  void route_updates(pb::ServerFrame::BodyCase body, SyncManager& manager) { updates_[body] = &manager; }

  // --- requests
  bool online() const { return state.connection == Connection::Online; }
  // Assigns a request id, remembers `owner` for the reply, queues the frame.
  std::uint64_t send(pb::ClientFrame frame, SyncManager& owner, int kind = 0, ChatId chat = ChatId{});
  // The same for a frame whose request id was taken already (next_request_id()).
  void send_with_id(const pb::ClientFrame& frame, SyncManager& owner, int kind = 0, ChatId chat = ChatId{});
  // The counter request ids come from (the outbox and org commands number their own).
  std::uint64_t& next_request_id() { return next_request_id_; }
  // Whether `owner` waits for a reply of one of `kinds` about `chat`.
  bool is_pending(const SyncManager& owner, ChatId chat, std::initializer_list<int> kinds) const;
  std::vector<std::string> take_outgoing();

  // --- events, fanned out to the managers
  // A decoded frame: a reply goes to its request's owner, an update through the table.
  void dispatch(const pb::ServerFrame& frame);
  void connected();
  void session_started();  // Online, a new generation, then every on_session()
  void session_refused();
  void disconnected();  // pending replies and unsent frames are dropped first
  void user_changed();
  void logged_out();
  void changed() { ++revision; }

 private:
  struct Pending {
    SyncManager* owner = nullptr;
    int kind = 0;
    ChatId chat;
  };
  std::vector<SyncManager*> managers_;
  std::unordered_map<int, SyncManager*> updates_;  // ServerFrame body case -> manager
  std::unordered_map<std::uint64_t, Pending> pending_;
  std::vector<std::string> outgoing_;
  std::uint64_t next_request_id_ = 1;
};

}  // namespace parta
