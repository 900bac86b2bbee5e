// Pushes of chat events to every member's open sessions. Each event is encoded
// once per distinct view and the buffer shared by its receivers: the sender
// (client_id, a poll's voter ids), voters grouped by their choices (my_choices,
// the quiz answer), and everyone else. Through the Bus: one publish per member.
#pragma once

#include <vector>

#include "server/chat/chat_records.h"
#include "server/net/bus.h"

namespace parta::server {

class ChatFanout {
 public:
  explicit ChatFanout(Bus& bus) : bus_(bus) {}

  // ChatEvent{seq, message_added or message_changed} to every member but `origin`.
  void message(const MessageRecord& message, std::uint64_t event_seq, bool added, const std::vector<UserId>& members,
               const Peer* origin);
  // ChatEvent{seq, chat_changed} with the chat's current settings and members.
  void chat_changed(const ChatAccess& chat, std::uint64_t seq, const Peer* origin);
  // ChatEvent{seq, chat_changed{removed}} to a removed member's sessions.
  void removed(ChatId chat, std::uint64_t seq, UserId user);
  // One frame to every session of every member, except `origin` and (when
  // valid) every session of `except_user`.
  void to_members(const std::vector<UserId>& members, const Frame& frame, const Peer* origin,
                  UserId except_user = UserId());

 private:
  Bus& bus_;
};

}  // namespace parta::server
