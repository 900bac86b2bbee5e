// ChatFanout: per-view encoding and shared buffers (see chat_fanout.h).
#include "server/chat/chat_fanout.h"

#include <map>

#include "server/app/clock.h"
#include "server/app/wire.h"
#include "shared/proto/protocol.h"

namespace parta::server {

namespace {

Frame encode_shared(const pb::ServerFrame& frame) { return std::make_shared<const std::string>(encode_frame(frame)); }

}  // namespace

void ChatFanout::message(const MessageRecord& message, std::uint64_t event_seq, bool added,
                         const std::vector<UserId>& members, const Peer* origin) {
  const std::int64_t now = now_ms();
  auto build = [&](UserId viewer) {
    pb::ServerFrame frame;
    auto* event = frame.mutable_chat_event();
    event->set_chat_id(message.chat.get());
    event->set_seq(event_seq);
    to_wire(message, viewer, now, added ? event->mutable_message_added() : event->mutable_message_changed());
    return encode_shared(frame);
  };
  const bool per_choice = message.is_poll() && !message.deleted && !message.votes.empty();
  Frame for_others;                                        // not the sender, no vote
  std::map<std::vector<std::uint32_t>, Frame> by_choices;  // voters who chose the same see the same bytes
  for (UserId member : members) {
    if (!bus_.online(member)) continue;
    if (member == message.sender) {
      bus_.publish(member, build(member), origin);
      continue;
    }
    if (per_choice) {
      auto choices = choices_of(message, member);
      if (!choices.empty()) {
        Frame& frame = by_choices[choices];
        if (!frame) frame = build(member);
        bus_.publish(member, frame, origin);
        continue;
      }
    }
    if (!for_others) for_others = build(UserId());
    bus_.publish(member, for_others, origin);
  }
}

void ChatFanout::chat_changed(const ChatAccess& chat, std::uint64_t seq, const Peer* origin) {
  pb::ServerFrame frame;
  auto* event = frame.mutable_chat_event();
  event->set_chat_id(chat.id.get());
  event->set_seq(seq);
  to_wire(chat, event->mutable_chat_changed());
  to_members(chat.member_ids(), encode_shared(frame), origin);
}

void ChatFanout::removed(ChatId chat, std::uint64_t seq, UserId user) {
  if (!bus_.online(user)) return;
  pb::ServerFrame frame;
  auto* event = frame.mutable_chat_event();
  event->set_chat_id(chat.get());
  event->set_seq(seq);
  event->mutable_chat_changed()->set_removed(true);
  bus_.publish(user, encode_shared(frame), nullptr);
}

void ChatFanout::to_members(const std::vector<UserId>& members, const Frame& frame, const Peer* origin,
                            UserId except_user) {
  for (UserId member : members) {
    if (except_user.valid() && member == except_user) continue;
    bus_.publish(member, frame, origin);
  }
}

}  // namespace parta::server
