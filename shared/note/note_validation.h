// The note domain's commands (note.proto) and their field checks.
#pragma once

#include <cstddef>
#include <span>

#include "shared/proto/command_spec.h"

namespace parta {

inline constexpr std::size_t kMaxNoteChars = 200;

std::span<const CommandSpec> note_command_specs();

}  // namespace parta
