// The commands of chats.proto (rich chats and polls): one handler the
// CommandRouter delegates to, like OrgCommands. Each command gets exactly one
// reply; changes to messages answer MessageSent only once durable and then fan
// out ChatEvent.message_changed; moderation answers Ack and fans out
// ChatEvent.chat_changed.
#pragma once

#include <functional>
#include <memory>

#include "server/chat/chat_admin_service.h"
#include "server/chat/chat_service.h"
#include "server/chat/message_service.h"
#include "server/chat/search_service.h"

namespace parta::server {

class OrgCommands;

class ChatCommands {
 public:
  // `orgs` (optional) answers ORG_SUSPENDED for changes in a suspended organization.
  ChatCommands(ChatRepository& chat_store, SearchRepository& search_store, ChatService& chats, OrgCommands* orgs)
      : chats_(chats), messages_(chats.writer()), admin_(chat_store), search_(chat_store, search_store), orgs_(orgs) {}

  // The commands handled here (ClientFrame fields 60..70).
  static bool handles(pb::ClientFrame::CommandCase command);

  using Reply = std::function<void(const pb::ServerFrame&)>;  // called exactly once, on the I/O thread
  void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply);

 private:
  Status may_change(std::int64_t chat);
  void answer_change(const std::shared_ptr<Peer>& peer, std::uint64_t request_id, UserId user,
                     Result<ChangeOutcome> outcome, const Reply& reply);
  void answer_admin(const std::shared_ptr<Peer>& peer, std::uint64_t request_id, Result<AdminOutcome> outcome,
                    const Reply& reply);

  ChatService& chats_;
  MessageService messages_;
  ChatAdminService admin_;
  SearchService search_;
  OrgCommands* orgs_;
};

}  // namespace parta::server
