// Builders of server frames for the reducer and sync-engine tests, and the
// decoder of what an engine sent.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "shared/proto/protocol.h"
#include "shared/proto/parta.pb.h"
#include "shared/sync/sync_engine.h"

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
  m.set_changed_seq(seq);
  return m;
}

inline pb::ServerFrame login_ok(std::int64_t me, std::uint64_t request_id = 0, std::string token = "tok",
                                pb::Role role = pb::ROLE_TEACHER, bool verified = true) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  f.mutable_login_ok()->set_token(token);
  f.mutable_login_ok()->mutable_me()->set_id(me);
  f.mutable_login_ok()->mutable_me()->set_display_name("me");
  f.mutable_login_ok()->mutable_me()->set_role(role);
  f.mutable_login_ok()->mutable_me()->set_verified_teacher(verified);
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

inline pb::ChatMember member(std::int64_t user, pb::ChatRole role, std::uint64_t read_seq = 0, bool muted = false) {
  pb::ChatMember m;
  m.set_user_id(user);
  m.set_role(role);
  m.set_read_seq(read_seq);
  m.set_muted(muted);
  return m;
}

// History of seqs [from, to] in chat, all sent by `sender`; last_seq = to.
inline pb::ServerFrame history(std::int64_t chat, std::uint64_t from, std::uint64_t to, bool has_more,
                               std::uint64_t request_id = 0, std::int64_t sender = 99) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  auto* h = f.mutable_history();
  h->set_chat_id(chat);
  h->set_has_more(has_more);
  for (std::uint64_t s = from; s <= to && from > 0; ++s) *h->add_messages() = message(chat, s, sender, "");
  h->set_last_seq(to);
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

// Message `m` changed by event `seq` (its whole current state).
inline pb::ServerFrame changed(std::uint64_t seq, pb::Message m) {
  pb::ServerFrame f;
  auto* ev = f.mutable_chat_event();
  ev->set_chat_id(m.chat_id());
  ev->set_seq(seq);
  m.set_changed_seq(seq);
  *ev->mutable_message_changed() = std::move(m);
  return f;
}

inline pb::ServerFrame chat_changed(std::int64_t chat, std::uint64_t seq, bool removed = false) {
  pb::ServerFrame f;
  auto* ev = f.mutable_chat_event();
  ev->set_chat_id(chat);
  ev->set_seq(seq);
  ev->mutable_chat_changed()->set_removed(removed);
  return f;
}

// A catch-up answer: the pushed events given, in order.
inline pb::ServerFrame catch_up(std::int64_t chat, std::initializer_list<pb::ServerFrame> events, bool has_more,
                                std::uint64_t last_seq, std::uint64_t request_id = 0) {
  pb::ServerFrame f;
  f.set_request_id(request_id);
  auto* h = f.mutable_history();
  h->set_chat_id(chat);
  h->set_has_more(has_more);
  h->set_last_seq(last_seq);
  for (const auto& e : events) *h->add_events() = e.chat_event();
  return f;
}

// Catch-up of message_added events [from, to].
inline pb::ServerFrame catch_up_range(std::int64_t chat, std::uint64_t from, std::uint64_t to, bool has_more,
                                      std::uint64_t last_seq, std::uint64_t request_id = 0) {
  pb::ServerFrame f = catch_up(chat, {}, has_more, last_seq, request_id);
  for (std::uint64_t s = from; s <= to; ++s) *f.mutable_history()->add_events() = event(chat, s, 99).chat_event();
  return f;
}

inline pb::ServerFrame typing(std::int64_t chat, std::int64_t user) {
  pb::ServerFrame f;
  f.mutable_typing()->set_chat_id(chat);
  f.mutable_typing()->set_user_id(user);
  f.mutable_typing()->set_display_name("user" + std::to_string(user));
  return f;
}

inline pb::ServerFrame read_position(std::int64_t chat, std::uint64_t read_seq, std::int64_t user) {
  pb::ServerFrame f;
  f.mutable_read_position_changed()->set_chat_id(chat);
  f.mutable_read_position_changed()->set_read_seq(read_seq);
  f.mutable_read_position_changed()->set_user_id(user);
  return f;
}

inline pb::ServerFrame error(pb::ErrorCode code) {
  pb::ServerFrame f;
  f.mutable_error()->set_code(code);
  f.mutable_error()->set_message("x");
  return f;
}

inline pb::ServerFrame ack() {
  pb::ServerFrame f;
  f.mutable_ack();
  return f;
}

// A poll as a viewer sees it: `votes` per option.
inline pb::Poll poll(std::initializer_list<std::uint32_t> votes, std::initializer_list<std::uint32_t> mine = {}) {
  pb::Poll p;
  std::uint32_t voters = 0;
  int i = 0;
  for (std::uint32_t v : votes) {
    auto* o = p.add_options();
    o->set_text("option " + std::to_string(i++));
    o->set_votes(v);
    voters += v;
  }
  p.set_voters(voters);
  p.set_allow_change(true);
  p.set_correct_option(-1);
  for (std::uint32_t c : mine) p.add_my_choices(c);
  return p;
}

// Every frame the engine queued, decoded (and checked to be well-formed).
inline std::vector<pb::ClientFrame> outgoing(parta::SyncEngine& e) {
  std::vector<pb::ClientFrame> out;
  for (const auto& bytes : e.take_outgoing()) {
    auto f = parta::decode_client_frame(bytes);
    REQUIRE(f.is_ok());
    out.push_back(f.value());
  }
  return out;
}

// Delivers a reply (request_id > 0) or a push (0).
inline void feed(parta::SyncEngine& e, pb::ServerFrame f, std::uint64_t request_id = 0) {
  f.set_request_id(request_id);
  REQUIRE(e.on_bytes(parta::encode_frame(f)).is_ok());
}

}  // namespace frames
