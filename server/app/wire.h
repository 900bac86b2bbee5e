// Storage records -> wire messages. The only place a person becomes a pb::User,
// so contacts (login, e-mail, phone) can never slip into a frame.
#pragma once

#include "server/chat/chat_records.h"

namespace parta::server {

inline void to_wire(const UserRecord& user, pb::User* out) {
  out->set_id(user.id.get());
  out->set_display_name(user.display_name);
  out->set_role(user.role);
  out->set_verified_teacher(user.verified_teacher);
  out->set_class_name(user.class_name);
}

// A message in its current state as `viewer` sees it: client_id only for the
// sender; the poll tallied for the viewer (their choices; voter ids for the
// creator of a named poll; the quiz answer when revealed). message_wire.cpp.
void to_wire(const MessageRecord& message, UserId viewer, std::int64_t now_ms, pb::Message* out);

// One member's place in a chat, with the effective role (never UNSPECIFIED).
void to_wire(const ChatMemberRecord& member, pb::ChatMember* out);
void to_wire(const ChatAccess& chat, pb::ChatSettings* out);
// ChatChanged for a member who stays: settings, roles, mutes, read positions, people.
void to_wire(const ChatAccess& chat, pb::ChatChanged* out);

// The viewer's own choices in a poll message (sorted), for grouping receivers
// who see the same bytes.
std::vector<std::uint32_t> choices_of(const MessageRecord& message, UserId viewer);

}  // namespace parta::server
