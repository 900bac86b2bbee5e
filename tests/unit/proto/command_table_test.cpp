// The command table: every command of the envelope has exactly one spec, the
// anonymous ones are the known few, and error codes have their generated names.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "shared/proto/command_spec.h"
#include "shared/proto/protocol.h"

using namespace parta;

namespace {

// A ClientFrame whose field `number` is an empty sub-message (wire type 2):
// without descriptors (lite runtime) this finds which numbers are commands.
std::string frame_with_field(std::uint32_t number) {
  std::string bytes = "\x08\x01";  // request_id = 1
  std::uint32_t tag = (number << 3) | 2;
  while (tag >= 0x80) {
    bytes.push_back(static_cast<char>((tag & 0x7F) | 0x80));
    tag >>= 7;
  }
  bytes.push_back(static_cast<char>(tag));
  bytes.push_back('\0');  // length 0
  return bytes;
}

}  // namespace

TEST_CASE("[command table] every command of ClientFrame has exactly one spec") {
  std::set<int> listed;
  for (const CommandSpec& spec : all_command_specs()) {
    CAPTURE(static_cast<int>(spec.command));
    CHECK(spec.command != pb::ClientFrame::COMMAND_NOT_SET);
    CHECK(static_cast<bool>(spec.validate));
    CHECK(listed.insert(spec.command).second);  // no case in two domains' lists
    CHECK(find_command_spec(spec.command) != nullptr);
  }
  int commands = 0;
  for (std::uint32_t number = 2; number < 1000; ++number) {
    pb::ClientFrame frame;
    const std::string bytes = frame_with_field(number);
    REQUIRE(frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
    if (frame.command_case() == pb::ClientFrame::COMMAND_NOT_SET) continue;
    CAPTURE(number);
    CHECK(static_cast<std::uint32_t>(frame.command_case()) == number);
    CHECK(listed.count(static_cast<int>(number)) == 1);
    ++commands;
  }
  CHECK(commands == static_cast<int>(listed.size()));
  CHECK(find_command_spec(pb::ClientFrame::COMMAND_NOT_SET) == nullptr);
  CHECK(find_command_spec(static_cast<CommandCase>(5000)) == nullptr);
}

TEST_CASE("[command table] the commands allowed before login") {
  const std::set<int> expected = {
      pb::ClientFrame::kLogin,
      pb::ClientFrame::kResumeSession,
      pb::ClientFrame::kPing,
      pb::ClientFrame::kSubmitOrgApplication,
      pb::ClientFrame::kInspectInvite,
      pb::ClientFrame::kRegister,
      pb::ClientFrame::kConfirmRegistration,
      pb::ClientFrame::kRequestLoginCode,
      pb::ClientFrame::kLoginWithCode,
  };
  std::set<int> anonymous;
  for (const CommandSpec& spec : all_command_specs()) {
    CHECK(command_allowed_anonymously(spec.command) == spec.anonymous);
    if (spec.anonymous) anonymous.insert(spec.command);
  }
  CHECK(anonymous == expected);
  CHECK_FALSE(command_allowed_anonymously(pb::ClientFrame::COMMAND_NOT_SET));
}

TEST_CASE("[command table] a command no domain lists is a malformed frame") {
  pb::ClientFrame frame;
  frame.set_request_id(1);
  CHECK(validate_command(frame).code() == pb::ERROR_MALFORMED_FRAME);
}

TEST_CASE("[protocol] error code names come from the generated enum") {
  CHECK(std::string(error_code_name(pb::ERROR_UNSPECIFIED)) == "OK");
  CHECK(std::string(error_code_name(static_cast<ErrorCode>(999))) == "ERROR_UNKNOWN");
  for (int code = 1; pb::ErrorCode_IsValid(code); ++code) {
    CAPTURE(code);
    CHECK(std::string(error_code_name(static_cast<ErrorCode>(code))) ==
          pb::ErrorCode_Name(static_cast<ErrorCode>(code)));
    CHECK(std::string(error_code_name(static_cast<ErrorCode>(code))).rfind("ERROR_", 0) == 0);
  }
  CHECK(std::string(error_code_name(pb::ERROR_ALREADY_VOTED)) == "ERROR_ALREADY_VOTED");
}
