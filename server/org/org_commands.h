// The commands of orgs.proto (closed school spaces): applications, structure,
// links, registration, members, group chats. Each command gets exactly one
// reply, possibly later (password hashing, mail). Also the chats' gate: the
// chats of a suspended organization take no messages.
#pragma once

#include <unordered_map>

#include "server/app/command_module.h"
#include "server/auth/auth_service.h"
#include "server/chat/chat_gate.h"
#include "server/chat/chat_service.h"
#include "server/org/link_service.h"
#include "server/org/member_service.h"
#include "server/org/org_service.h"
#include "server/org/registration_service.h"

namespace parta::server {

struct OrgServices {
  UserRepository& store;       // who is asking (load_viewer)
  ChatRepository& chat_store;  // which org a chat is in (may_post)
  AuthService& auth;
  ChatService& chats;
  OrgService& orgs;
  LinkService& links;
  RegistrationService& registration;
  MemberService& members;
};

class OrgCommands final : public CommandModule, public ChatGate {
 public:
  explicit OrgCommands(OrgServices services) : s_(services) {}

  std::span<const CommandCase> commands() const override;
  void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) override;

  // The chats' gate (SendMessage and every change): ORG_SUSPENDED in a suspended organization.
  Status may_post(ChatId chat) override;

 private:
  void chat_list_reply(UserId user, std::uint64_t request_id, const Result<ChatId>& joined, bool created,
                       const Reply& reply);

  OrgServices s_;
  std::unordered_map<ChatId, OrgId> chat_orgs_;  // chats never move: cached for may_post
};

}  // namespace parta::server
