// What both sides know about each command: its field checks and whether it may
// be sent before login. Each domain lists its own commands next to its code
// (shared/auth/auth_validation.h, shared/chat/chat_validation.h,
// shared/org/org_validation.h); command_table.cpp joins the lists once, and
// validate_command (protocol.h) and the server's anonymous gate look up here.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "shared/core/result.h"

namespace parta {

using CommandCase = pb::ClientFrame::CommandCase;

struct CommandSpec {
  CommandCase command = pb::ClientFrame::COMMAND_NOT_SET;
  // Field-level checks (UTF-8, lengths, ids, page sizes); no state, no clock.
  Status (*validate)(const pb::ClientFrame& frame) = nullptr;
  bool anonymous = false;  // may be sent before login (apply, register, log in, ping)
};

// The spec of a command; null for COMMAND_NOT_SET or a case no domain lists.
const CommandSpec* find_command_spec(CommandCase command);
// Whether `command` may be sent without a session (false for unknown ones).
bool command_allowed_anonymously(CommandCase command);
// Every domain's list, concatenated (for tests: each case appears once).
std::vector<CommandSpec> all_command_specs();

// Checks the domains' validators share.
Status require_id(std::int64_t id, const char* what);
Status require_protocol_version(std::uint32_t version);
// The first failed check (all of them are evaluated).
Status first_error(std::initializer_list<Status> checks);
// A command without fields to check.
Status no_fields(const pb::ClientFrame& frame);

}  // namespace parta
