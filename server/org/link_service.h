// Invite and registration links: create (kinds by policy), list, revoke, and what
// a token leads to. Tokens are 32 random bytes (hex); the URL is /#/join/<token>.
#pragma once

#include "server/app/viewer.h"
#include "server/chat/chat_repository.h"
#include "server/org/link_repository.h"
#include "server/org/org_repository.h"

namespace parta::server {

class LinkService {
 public:
  LinkService(LinkRepository& links, OrgRepository& orgs, ChatRepository& chats)
      : links_(links), orgs_(orgs), chats_(chats) {}

  Result<pb::InviteLinkCreated> create(const Viewer& viewer, const pb::CreateInviteLink& command);
  Result<pb::InviteLinks> list(const Viewer& viewer, const pb::ListInviteLinks& command);
  Status revoke(const Viewer& viewer, const pb::RevokeInviteLink& command);
  // Anyone: the link's org, class, chat, child, or why it cannot be used.
  Result<pb::InviteInfo> inspect(const std::string& token);

  // The link behind a token if it can be used now; else NOT_FOUND, LINK_REVOKED,
  // LINK_EXPIRED, LINK_USED_UP or ORG_SUSPENDED.
  Result<LinkRecord> usable(const std::string& token);
  // A PARENTS link bound to `child` (InviteParent): one use, the default lifetime.
  Result<LinkRecord> create_parent_invite(const pb::Membership& child_membership, UserId child);

 private:
  Result<LinkRecord> store_new(LinkRecord draft);

  LinkRepository& links_;
  OrgRepository& orgs_;
  ChatRepository& chats_;
};

}  // namespace parta::server
