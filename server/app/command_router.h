// One incoming frame -> decode, validate, authenticate, dispatch to a service ->
// exactly one reply. Transport-agnostic: the WebSocket session hands it bytes.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "server/auth/auth_service.h"
#include "server/chat/chat_service.h"

namespace parta::server {
class OrgCommands;
class ChatCommands;
}

namespace parta::server {

inline constexpr double kCommandsPerSecond = 100;  // per connection, sustained
inline constexpr double kCommandBurst = 400;       // per connection, at once

class CommandRouter {
 public:
  // `orgs` takes the commands of orgs.proto (org_commands.h), `rich` those of
  // chats.proto (chat_commands.h); without them they are unknown.
  CommandRouter(AuthService& auth, ChatService& chats, OrgCommands* orgs = nullptr, ChatCommands* rich = nullptr)
      : auth_(auth), chats_(chats), orgs_(orgs), rich_(rich) {}

  // Handles one binary frame. The reply is queued on `peer`, then `done` runs;
  // both may happen after handle() returns (Login checks the hash on a worker,
  // SendMessage waits for its group commit).
  // The session reads its next frame only in `done`, so replies keep their order.
  void handle(const std::shared_ptr<Peer>& peer, std::string_view bytes, std::function<void()> done);

 private:
  void dispatch(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, std::function<void()>& done);

  AuthService& auth_;
  ChatService& chats_;
  OrgCommands* orgs_;
  ChatCommands* rich_;
};

}  // namespace parta::server
