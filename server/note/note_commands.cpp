// NoteCommands: a validated PingNote comes back as NotePong.
#include "server/note/note_commands.h"

namespace parta::server {

std::span<const CommandCase> NoteCommands::commands() const {
  static constexpr CommandCase kCases[] = {pb::ClientFrame::kPingNote};
  return kCases;
}

void NoteCommands::handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) {
  pb::ServerFrame out;
  out.set_request_id(frame.request_id());
  out.mutable_note_pong()->set_note(frame.ping_note().note());
  out.mutable_note_pong()->set_user_id(peer->user.get());
  reply(out);
}

}  // namespace parta::server
