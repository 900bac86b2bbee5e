// The commands of orgs.proto (closed school spaces): one handler the
// CommandRouter delegates to, so the router stays a short table. Each command
// gets exactly one reply, possibly later (password hashing, mail).
#pragma once

#include <functional>
#include <memory>
#include <unordered_map>

#include "server/auth/auth_service.h"
#include "server/chat/chat_service.h"
#include "server/org/link_service.h"
#include "server/org/member_service.h"
#include "server/org/org_service.h"
#include "server/org/registration_service.h"
#include "server/auth/session_service.h"

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
  SessionService& sessions;
};

class OrgCommands {
 public:
  explicit OrgCommands(OrgServices services) : s_(services) {}

  // The commands handled here (ClientFrame fields 30..54).
  static bool handles(pb::ClientFrame::CommandCase command);
  // Those among them that need no session (apply, inspect a link, register, codes).
  static bool allowed_anonymously(pb::ClientFrame::CommandCase command);

  using Reply = std::function<void(const pb::ServerFrame&)>;  // called exactly once, on the I/O thread
  void handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply);

  // SendMessage's gate: the chats of a suspended organization take no messages.
  Status may_post(ChatId chat);

 private:
  // Replies with LoginOk for a new session of `user` on `peer`.
  void login_reply(Peer& peer, std::uint64_t request_id, const Result<UserId>& user, const Reply& reply);
  void chat_list_reply(UserId user, std::uint64_t request_id, const Result<ChatId>& joined, bool created,
                       const Reply& reply);

  OrgServices s_;
  std::unordered_map<ChatId, OrgId> chat_orgs_;  // chats never move: cached for may_post
};

}  // namespace parta::server
