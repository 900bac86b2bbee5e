// The chat domain's commands (chats.proto): the chat list, history, sending,
// reading, edits, polls, typing, search and moderation, with their field checks.
#pragma once

#include <span>

#include "shared/proto/command_spec.h"

namespace parta {

std::span<const CommandSpec> chat_command_specs();

}  // namespace parta
