// Members of one organization: the directory and profiles (name, role, badge,
// class; nothing else), teacher verification, roles, and staff-made chats.
#pragma once

#include "server/app/viewer.h"
#include "server/chat/chat_repository.h"
#include "server/org/member_repository.h"

namespace parta::server {

class MemberService {
 public:
  MemberService(MemberRepository& members, ChatRepository& chats) : members_(members), chats_(chats) {}

  Status verify_teacher(const Viewer& viewer, const pb::VerifyTeacher& command);
  Status set_role(const Viewer& viewer, const pb::SetMemberRole& command);
  Result<pb::Members> list(const Viewer& viewer, const pb::ListMembers& command);
  Result<pb::Members> profile(const Viewer& viewer, const pb::GetProfile& command);
  // A group chat of the org with members of the org; the creator is in it.
  Result<ChatId> create_chat(const Viewer& viewer, const pb::CreateChat& command);

 private:
  // The policy's Target for looking at one member (parents see only their children).
  Target subject(const Viewer& viewer, OrgId org, const MemberRecord& member,
                 const std::vector<UserId>& children) const;
  Result<std::vector<UserId>> children_of_viewer(const Viewer& viewer, OrgId org);

  MemberRepository& members_;
  ChatRepository& chats_;
};

}  // namespace parta::server
