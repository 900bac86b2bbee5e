// The command table: every domain's command list, joined and indexed by case.
// A new domain adds its list to kDomains, nothing else here.
#include "shared/proto/command_spec.h"

#include <string>

#include "shared/auth/auth_validation.h"
#include "shared/chat/chat_validation.h"
#include "shared/org/org_validation.h"
#include "shared/proto/protocol.h"

namespace parta {

namespace {

// Frames of no domain (common.proto).
constexpr CommandSpec kCoreCommands[] = {
    {pb::ClientFrame::kPing, no_fields, true},
};

std::span<const CommandSpec> core_command_specs() { return kCoreCommands; }

using SpecList = std::span<const CommandSpec> (*)();
constexpr SpecList kDomains[] = {core_command_specs, auth_command_specs, chat_command_specs, org_command_specs};

// Indexed by command case (the oneof field number), built on first use.
const std::vector<const CommandSpec*>& table() {
  static const std::vector<const CommandSpec*> index = [] {
    std::vector<const CommandSpec*> out;
    for (SpecList list : kDomains) {
      for (const CommandSpec& spec : list()) {
        const auto at = static_cast<std::size_t>(spec.command);
        if (out.size() <= at) out.resize(at + 1, nullptr);
        out[at] = &spec;  // a case listed twice is a bug; tests/unit/proto checks there is none
      }
    }
    return out;
  }();
  return index;
}

}  // namespace

const CommandSpec* find_command_spec(CommandCase command) {
  const auto& index = table();
  const auto at = static_cast<std::size_t>(command);
  return at < index.size() ? index[at] : nullptr;
}

bool command_allowed_anonymously(CommandCase command) {
  const CommandSpec* spec = find_command_spec(command);
  return spec && spec->anonymous;
}

std::vector<CommandSpec> all_command_specs() {
  std::vector<CommandSpec> out;
  for (SpecList list : kDomains) out.insert(out.end(), list().begin(), list().end());
  return out;
}

Status require_id(std::int64_t id, const char* what) {
  if (id <= 0) return {pb::ERROR_INVALID_ARGUMENT, std::string(what) + " is required"};
  return Status::ok();
}

Status require_protocol_version(std::uint32_t version) {
  if (version != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
  return Status::ok();
}

Status first_error(std::initializer_list<Status> checks) {
  for (const auto& s : checks) {
    if (!s) return s;
  }
  return Status::ok();
}

Status no_fields(const pb::ClientFrame& /*frame*/) { return Status::ok(); }

}  // namespace parta
