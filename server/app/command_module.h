// A domain's commands on the server: the cases it handles and one handler.
// CommandRouter (command_router.h) decodes, validates, rate-limits and checks
// the session, then calls the module registered for the command's case.
#pragma once

#include <functional>
#include <memory>
#include <span>

#include "server/net/peer.h"
#include "shared/proto/command_spec.h"

namespace parta::server {

class CommandModule {
 public:
  // Queues the reply and lets the session read its next frame. Call it exactly
  // once, on the I/O thread, now or later (hashing, group commit, mail);
  // further calls are ignored.
  using Reply = std::function<void(const pb::ServerFrame&)>;

  virtual ~CommandModule() = default;
  // The command cases this module answers; the router takes each from one module only.
  virtual std::span<const CommandCase> commands() const = 0;
  // A validated frame of one of commands(); anonymous ones only if their spec
  // allows it (shared/proto/command_spec.h).
  virtual void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) = 0;
};

}  // namespace parta::server
