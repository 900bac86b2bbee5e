// Builders of server frames for the reducer and sync-engine tests.
#pragma once

#include <string>

#include "shared/proto/parta.pb.h"

namespace frames {

namespace pb = parta::v1;

inline pb::Message message(std::int64_t chat, std::uint64_t seq, std::int64_t sender, std::string text = "m") {
  pb::Message m;
  m.set_chat_id(chat);
  m.set_seq(seq);
  m.set_sender_id(sender);
  m.set_sender_name("user" + std::to_string(sender));
  m.set_text(text.empty() ? "m" + std::to_string(seq) : text);
  m.set_sent_at_ms(1000 * static_cast<std::int64_t>(seq));
  return m;
}

inline pb::ServerFrame login_ok(std::int64_t me, std::uint64_t request_id = 0, std::string token = "tok") {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  f.mutable_login_ok()->set_token(token);
  f.mutable_login_ok()->mutable_me()->set_id(me);
  f.mutable_login_ok()->mutable_me()->set_display_name("me");
  return f;
}

struct ChatSpec {
  std::int64_t id;
  std::uint64_t last_seq;
  std::uint64_t read_seq;
  std::uint32_t unread;
  std::int64_t last_time_ms;
};

inline pb::ServerFrame chat_list(std::initializer_list<ChatSpec> chats, std::uint64_t request_id = 0) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  for (const auto& c : chats) {
    auto* chat = f.mutable_chat_list()->add_chats();
    chat->set_id(c.id);
    chat->set_kind(pb::CHAT_KIND_GROUP);
    chat->set_title("chat" + std::to_string(c.id));
    chat->set_last_seq(c.last_seq);
    chat->set_read_seq(c.read_seq);
    chat->set_unread_count(c.unread);
    if (c.last_seq > 0) {
      *chat->mutable_last_message() = message(c.id, c.last_seq, 99);
      chat->mutable_last_message()->set_sent_at_ms(c.last_time_ms);
    }
  }
  return f;
}

// History of seqs [from, to] in chat, all sent by `sender`.
inline pb::ServerFrame history(std::int64_t chat, std::uint64_t from, std::uint64_t to, bool has_more,
                               std::uint64_t request_id = 0, std::int64_t sender = 99) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  auto* h = f.mutable_history();
  h->set_chat_id(chat);
  h->set_has_more(has_more);
  for (std::uint64_t s = from; s <= to && from > 0; ++s) *h->add_messages() = message(chat, s, sender, "");
  return f;
}

inline pb::ServerFrame event(std::int64_t chat, std::uint64_t seq, std::int64_t sender, std::string text = "") {
  pb::ServerFrame f;
  auto* ev = f.mutable_chat_event();
  ev->set_chat_id(chat);
  ev->set_seq(seq);
  *ev->mutable_message_added() = message(chat, seq, sender, text);
  return f;
}

}  // namespace frames
