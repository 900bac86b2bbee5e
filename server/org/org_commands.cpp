// OrgCommands: validated frames of orgs.proto -> services -> one reply.
#include "server/org/org_commands.h"

#include "server/app/log.h"
#include "server/auth/auth_commands.h"
#include "shared/proto/protocol.h"

namespace parta::server {

std::span<const CommandCase> OrgCommands::commands() const {
  static constexpr CommandCase kCases[] = {
      pb::ClientFrame::kSubmitOrgApplication,
      pb::ClientFrame::kListOrgApplications,
      pb::ClientFrame::kDecideOrgApplication,
      pb::ClientFrame::kSetOrgSuspended,
      pb::ClientFrame::kGetStructure,
      pb::ClientFrame::kCreateGroup,
      pb::ClientFrame::kAssignClassTeacher,
      pb::ClientFrame::kSetJournalUrl,
      pb::ClientFrame::kCreateInviteLink,
      pb::ClientFrame::kListInviteLinks,
      pb::ClientFrame::kRevokeInviteLink,
      pb::ClientFrame::kInspectInvite,
      pb::ClientFrame::kRegister,
      pb::ClientFrame::kConfirmRegistration,
      pb::ClientFrame::kJoinChat,
      pb::ClientFrame::kVerifyTeacher,
      pb::ClientFrame::kSetMemberRole,
      pb::ClientFrame::kListMembers,
      pb::ClientFrame::kGetProfile,
      pb::ClientFrame::kInviteParent,
      pb::ClientFrame::kCreateChat,
  };
  return kCases;
}

Status OrgCommands::may_post(ChatId chat) {
  if (!s_.orgs.any_suspended()) return Status::ok();  // the usual case: no lookup at all
  auto it = chat_orgs_.find(chat);
  if (it == chat_orgs_.end()) {
    auto info = s_.chat_store.find_chat(chat);
    if (!info) return info.status();
    if (!info.value()) return Status::ok();  // the chat service answers NOT_FOUND
    if (chat_orgs_.size() > 100'000) chat_orgs_.clear();
    it = chat_orgs_.emplace(chat, info.value()->org).first;
  }
  if (s_.orgs.is_suspended(it->second)) return {pb::ERROR_ORG_SUSPENDED, "the organization is suspended"};
  return Status::ok();
}

void OrgCommands::chat_list_reply(UserId user, std::uint64_t request_id, const Result<ChatId>& chat, bool created,
                                  const Reply& reply) {
  if (!chat) return reply(make_error_frame(request_id, chat.status()));
  auto list = s_.chats.list_chats(user);
  if (!list) return reply(make_error_frame(request_id, list.status()));
  pb::ServerFrame out;
  out.set_request_id(request_id);
  if (!created) {
    *out.mutable_chat_list() = std::move(list).value();
    return reply(out);
  }
  for (const auto& c : list->chats()) {
    if (c.id() == chat.value().get()) *out.mutable_chat_created()->mutable_chat() = c;
  }
  reply(out);
}

void OrgCommands::handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) {
  const std::uint64_t rid = frame.request_id();
  pb::ServerFrame out;
  out.set_request_id(rid);
  // Sends `out` (once its body is set) or the error.
  auto answer = [&](const Status& status) { reply(status ? out : make_error_frame(rid, status)); };
  // A Result's value goes into the reply field `field`.
  auto answer_with = [&](auto result, auto* field) {
    if (!result) return answer(result.status());
    *field = std::move(result).value();
    answer(Status::ok());
  };

  // Every command that needs a session sees who is asking, with every membership.
  Viewer viewer;
  if (peer->user.valid()) {
    auto loaded = load_viewer(s_.store, peer->user);
    if (!loaded) return answer(loaded.status());
    viewer = std::move(loaded).value();
  }

  switch (frame.command_case()) {
    // --- applications and the platform
    case pb::ClientFrame::kSubmitOrgApplication:
      return s_.orgs.submit(frame.submit_org_application(), [rid, reply](Result<pb::OrgApplicationSubmitted> r) {
        pb::ServerFrame f;
        f.set_request_id(rid);
        if (!r) return reply(make_error_frame(rid, r.status()));
        *f.mutable_org_application_submitted() = std::move(r).value();
        reply(f);
      });
    case pb::ClientFrame::kListOrgApplications:
      return answer_with(s_.orgs.list_applications(viewer, frame.list_org_applications()),
                         out.mutable_org_applications());
    case pb::ClientFrame::kDecideOrgApplication:
      return answer_with(s_.orgs.decide(viewer, frame.decide_org_application()), out.mutable_org_application_decided());
    case pb::ClientFrame::kSetOrgSuspended:
      out.mutable_ack();
      return answer(s_.orgs.set_suspended(viewer, frame.set_org_suspended()));

    // --- structure
    case pb::ClientFrame::kGetStructure:
      return answer_with(s_.orgs.structure(viewer, OrgId(frame.get_structure().org_id())), out.mutable_structure());
    case pb::ClientFrame::kCreateGroup:
      return answer_with(s_.orgs.create_group(viewer, frame.create_group()), out.mutable_structure());
    case pb::ClientFrame::kAssignClassTeacher:
      return answer_with(s_.orgs.assign_class_teacher(viewer, frame.assign_class_teacher()), out.mutable_structure());
    case pb::ClientFrame::kSetJournalUrl:
      return answer_with(s_.orgs.set_journal_url(viewer, frame.set_journal_url()), out.mutable_structure());

    // --- links
    case pb::ClientFrame::kCreateInviteLink:
      return answer_with(s_.links.create(viewer, frame.create_invite_link()), out.mutable_invite_link_created());
    case pb::ClientFrame::kListInviteLinks:
      return answer_with(s_.links.list(viewer, frame.list_invite_links()), out.mutable_invite_links());
    case pb::ClientFrame::kRevokeInviteLink:
      out.mutable_ack();
      return answer(s_.links.revoke(viewer, frame.revoke_invite_link()));
    case pb::ClientFrame::kInspectInvite:
      return answer_with(s_.links.inspect(frame.inspect_invite().token()), out.mutable_invite_info());

    // --- registration and joining
    case pb::ClientFrame::kRegister:
      return s_.registration.register_member(
          frame.register_(), [this, peer, rid, reply](Result<RegistrationService::Registered> r) {
            if (!r) return reply(make_error_frame(rid, r.status()));
            if (auto* user = std::get_if<UserId>(&r.value()))
              return reply_new_session(s_.auth, *peer, rid, *user, reply);
            pb::ServerFrame f;
            f.set_request_id(rid);
            *f.mutable_registration_pending() = std::get<pb::RegistrationPending>(std::move(r).value());
            reply(f);
          });
    case pb::ClientFrame::kConfirmRegistration: {
      if (peer->failed_logins >= kMaxFailedLogins) return answer({pb::ERROR_RATE_LIMITED, "too many wrong codes"});
      auto user = s_.registration.confirm(frame.confirm_registration());
      if (!user && user.status().code() == pb::ERROR_CODE_INVALID) ++peer->failed_logins;
      return reply_new_session(s_.auth, *peer, rid, user, reply);
    }
    case pb::ClientFrame::kJoinChat:
      return chat_list_reply(viewer.user, rid, s_.registration.join_chat(viewer, frame.join_chat()), false, reply);
    case pb::ClientFrame::kInviteParent:
      return s_.registration.invite_parent(viewer, frame.invite_parent(), [rid, reply](Status sent) {
        pb::ServerFrame f;
        f.set_request_id(rid);
        f.mutable_ack();
        reply(sent ? f : make_error_frame(rid, sent));
      });

    // --- members
    case pb::ClientFrame::kVerifyTeacher:
      out.mutable_ack();
      return answer(s_.members.verify_teacher(viewer, frame.verify_teacher()));
    case pb::ClientFrame::kSetMemberRole:
      out.mutable_ack();
      return answer(s_.members.set_role(viewer, frame.set_member_role()));
    case pb::ClientFrame::kListMembers:
      return answer_with(s_.members.list(viewer, frame.list_members()), out.mutable_members());
    case pb::ClientFrame::kGetProfile:
      return answer_with(s_.members.profile(viewer, frame.get_profile()), out.mutable_members());
    case pb::ClientFrame::kCreateChat:
      return chat_list_reply(viewer.user, rid, s_.members.create_chat(viewer, frame.create_chat()), true, reply);

    default:
      break;
  }
  answer({pb::ERROR_MALFORMED_FRAME, "unknown command"});
}

}  // namespace parta::server
