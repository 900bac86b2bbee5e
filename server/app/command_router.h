// One incoming frame -> decode, validate, authenticate, dispatch to the domain
// module registered for its command -> exactly one reply. Transport-agnostic:
// the WebSocket session hands it bytes.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "server/app/command_module.h"

namespace parta::server {

inline constexpr double kCommandsPerSecond = 100;  // per connection, sustained
inline constexpr double kCommandBurst = 400;       // per connection, at once

class CommandRouter {
 public:
  CommandRouter();  // answers Ping itself
  ~CommandRouter();

  // Routes module.commands() to `module` (which must outlive the router). A
  // case that another module already took is a wiring bug: std::logic_error.
  void add(CommandModule& module);

  // Handles one binary frame. The reply is queued on `peer`, then `done` runs;
  // both may happen after handle() returns (Login checks the hash on a worker,
  // SendMessage waits for its group commit).
  // The session reads its next frame only in `done`, so replies keep their order.
  void handle(const std::shared_ptr<Peer>& peer, std::string_view bytes, std::function<void()> done);

 private:
  void dispatch(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, std::function<void()>& done);

  std::vector<CommandModule*> table_;  // indexed by command case; null: no module
  std::unique_ptr<CommandModule> ping_;
};

}  // namespace parta::server
