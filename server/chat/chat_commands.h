// The commands of chats.proto: the chat list, history, sending and reading,
// edits, polls, typing, search and moderation. Each command gets exactly one
// reply; a new message answers MessageSent once durable and is then announced;
// changes to messages answer MessageSent once durable and then fan out
// ChatEvent.message_changed; moderation answers Ack and fans out
// ChatEvent.chat_changed.
#pragma once

#include "server/app/command_module.h"
#include "server/chat/chat_admin_service.h"
#include "server/chat/chat_gate.h"
#include "server/chat/chat_service.h"
#include "server/chat/message_service.h"
#include "server/chat/search_service.h"

namespace parta::server {

class ChatCommands final : public CommandModule {
 public:
  // `gate` (optional) may refuse changes to a chat.
  ChatCommands(ChatRepository& chat_store, SearchRepository& search_store, ChatService& chats, ChatGate* gate)
      : chats_(chats), messages_(chats.writer()), admin_(chat_store), search_(chat_store, search_store), gate_(gate) {}

  std::span<const CommandCase> commands() const override;
  void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) override;

 private:
  Status may_change(std::int64_t chat);
  void send_message(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply);
  void answer_change(const std::shared_ptr<Peer>& peer, std::uint64_t request_id, UserId user,
                     Result<ChangeOutcome> outcome, const Reply& reply);
  void answer_admin(const std::shared_ptr<Peer>& peer, std::uint64_t request_id, Result<AdminOutcome> outcome,
                    const Reply& reply);

  ChatService& chats_;
  MessageService messages_;
  ChatAdminService admin_;
  SearchService search_;
  ChatGate* gate_;
};

}  // namespace parta::server
