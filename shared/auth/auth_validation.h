// The auth domain's commands (auth.proto): password login, resume, logout,
// one-time login codes and the session list, with their field checks.
#pragma once

#include <span>

#include "shared/proto/command_spec.h"

namespace parta {

std::span<const CommandSpec> auth_command_specs();

}  // namespace parta
