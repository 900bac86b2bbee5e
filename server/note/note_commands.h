// The note domain on the server: PingNote -> NotePong with the sender's id.
#pragma once

#include "server/app/command_module.h"

namespace parta::server {

class NoteCommands final : public CommandModule {
 public:
  std::span<const CommandCase> commands() const override;
  void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) override;
};

}  // namespace parta::server
