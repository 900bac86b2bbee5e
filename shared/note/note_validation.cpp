// Field checks of note.proto's commands.
#include "shared/note/note_validation.h"

#include "shared/core/validation.h"

namespace parta {

namespace {

Status validate_ping_note(const pb::ClientFrame& f) { return validate_line(f.ping_note().note(), kMaxNoteChars, "note"); }

constexpr CommandSpec kNoteCommands[] = {
    {pb::ClientFrame::kPingNote, validate_ping_note, false},
};

}  // namespace

std::span<const CommandSpec> note_command_specs() { return kNoteCommands; }

}  // namespace parta
