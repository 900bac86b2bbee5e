// Storage records -> wire messages. The only place a person becomes a pb::User,
// so contacts (login, e-mail, phone) can never slip into a frame.
#pragma once

#include "server/storage/storage.h"

namespace parta::server {

inline void to_wire(const UserRecord& user, pb::User* out) {
  out->set_id(user.id.get());
  out->set_display_name(user.display_name);
  out->set_role(user.role);
  out->set_verified_teacher(user.verified_teacher);
  out->set_class_name(user.class_name);
}

// client_id is the sender's own dedupe id: only the sender sees it.
inline void to_wire(const MessageRecord& message, UserId viewer, pb::Message* out) {
  out->set_chat_id(message.chat.get());
  out->set_seq(message.seq);
  out->set_sender_id(message.sender.get());
  out->set_sender_name(message.sender_name);
  out->set_text(message.text);
  out->set_sent_at_ms(message.sent_at_ms);
  if (message.sender == viewer) out->set_client_id(message.client_id);
}

}  // namespace parta::server
