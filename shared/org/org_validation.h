// The org domain's commands (orgs.proto): applications, structure, invite
// links, registration, members and group chats, with their field checks.
#pragma once

#include <span>

#include "shared/proto/command_spec.h"

namespace parta {

std::span<const CommandSpec> org_command_specs();

}  // namespace parta
