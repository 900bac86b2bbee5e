// Frame encoding/decoding and per-command validation.
#include "shared/proto/protocol.h"

#include "shared/chat/polls.h"
#include "shared/core/validation.h"

namespace parta {

namespace {

template <class Frame>
Result<Frame> decode(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) return Result<Frame>(pb::ERROR_FRAME_TOO_LARGE, "frame too large");
  Frame frame;
  if (!frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Result<Frame>(pb::ERROR_MALFORMED_FRAME, "frame does not parse");
  }
  return frame;
}

Status require_id(std::int64_t id, const char* what) {
  if (id <= 0) return {pb::ERROR_INVALID_ARGUMENT, std::string(what) + " is required"};
  return Status::ok();
}

Status validate_role(pb::Role role) {
  if (role < pb::ROLE_ADMIN || role > pb::ROLE_PARENT) return {pb::ERROR_INVALID_ARGUMENT, "unknown role"};
  return Status::ok();
}

Status validate_login_any(std::string_view login) {
  if (login.find('@') != std::string_view::npos) return validate_email(login);
  return validate_phone(login);
}

Status validate_org_command(const pb::ClientFrame& frame);
Status validate_chat_command(const pb::ClientFrame& frame);

Status require_chat(std::int64_t chat_id) {
  if (chat_id <= 0) return {pb::ERROR_INVALID_ARGUMENT, "chat_id is required"};
  return Status::ok();
}

}  // namespace

Result<pb::ClientFrame> decode_client_frame(std::string_view bytes) {
  auto frame = decode<pb::ClientFrame>(bytes, kMaxFrameBytes);
  if (!frame) return frame;
  if (frame->request_id() == 0) return Result<pb::ClientFrame>(pb::ERROR_MALFORMED_FRAME, "request_id is required");
  if (frame->command_case() == pb::ClientFrame::COMMAND_NOT_SET) {
    return Result<pb::ClientFrame>(pb::ERROR_MALFORMED_FRAME, "unknown or missing command");
  }
  return frame;
}

Result<pb::ServerFrame> decode_server_frame(std::string_view bytes) {
  return decode<pb::ServerFrame>(bytes, kMaxServerFrameBytes);
}

std::string encode_frame(const pb::ClientFrame& frame) { return frame.SerializeAsString(); }
std::string encode_frame(const pb::ServerFrame& frame) { return frame.SerializeAsString(); }

Status validate_command(const pb::ClientFrame& frame) {
  switch (frame.command_case()) {
    case pb::ClientFrame::kLogin: {
      const auto& c = frame.login();
      if (c.protocol_version() != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
      if (auto s = validate_login(c.login()); !s) return s;
      return validate_password(c.password());
    }
    case pb::ClientFrame::kResumeSession: {
      const auto& c = frame.resume_session();
      if (c.protocol_version() != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
      if (c.token().empty() || c.token().size() > 128) return {pb::ERROR_SESSION_EXPIRED, "bad session token"};
      return Status::ok();
    }
    case pb::ClientFrame::kGetHistory: {
      const auto& c = frame.get_history();
      if (auto s = require_chat(c.chat_id()); !s) return s;
      if (c.limit() > kMaxHistoryPage) return {pb::ERROR_INVALID_ARGUMENT, "history page too large"};
      if (c.before_seq() != 0 && c.after_seq() != 0) return {pb::ERROR_INVALID_ARGUMENT, "before_seq and after_seq are exclusive"};
      return Status::ok();
    }
    case pb::ClientFrame::kSendMessage: {
      const auto& c = frame.send_message();
      if (auto s = require_chat(c.chat_id()); !s) return s;
      if (auto s = validate_client_id(c.client_id()); !s) return s;
      if (auto s = validate_message_text(c.text()); !s) return s;
      if (auto s = validate_mentions(c.mention_ids()); !s) return s;
      // The deadline is checked against the server's clock when the poll is stored.
      if (c.has_poll()) return validate_poll_draft(c.poll(), c.text(), 0);
      return Status::ok();
    }
    case pb::ClientFrame::kMarkRead:
      return require_chat(frame.mark_read().chat_id());
    case pb::ClientFrame::kLogout:
    case pb::ClientFrame::kListChats:
    case pb::ClientFrame::kPing:
      return Status::ok();
    case pb::ClientFrame::COMMAND_NOT_SET:
      break;
    default:
      if (auto s = validate_chat_command(frame); s.code() != pb::ERROR_MALFORMED_FRAME) return s;
      return validate_org_command(frame);
  }
  return {pb::ERROR_MALFORMED_FRAME, "unknown or missing command"};
}

namespace {

Status require_message(std::int64_t chat_id, std::uint64_t seq) {
  if (auto s = require_chat(chat_id); !s) return s;
  if (seq == 0) return {pb::ERROR_INVALID_ARGUMENT, "seq is required"};
  return Status::ok();
}

Status require_member(std::int64_t chat_id, std::int64_t user_id) {
  if (auto s = require_chat(chat_id); !s) return s;
  return require_id(user_id, "user_id");
}

// The commands of chats.proto; MALFORMED_FRAME for any other command.
Status validate_chat_command(const pb::ClientFrame& f) {
  switch (f.command_case()) {
    case pb::ClientFrame::kEditMessage: {
      const auto& c = f.edit_message();
      if (auto s = require_message(c.chat_id(), c.seq()); !s) return s;
      if (auto s = validate_message_text(c.text()); !s) return s;
      return validate_mentions(c.mention_ids());
    }
    case pb::ClientFrame::kDeleteMessage: return require_message(f.delete_message().chat_id(), f.delete_message().seq());
    case pb::ClientFrame::kPinMessage: return require_message(f.pin_message().chat_id(), f.pin_message().seq());
    case pb::ClientFrame::kVotePoll: {
      const auto& c = f.vote_poll();
      if (auto s = require_message(c.chat_id(), c.seq()); !s) return s;
      if (static_cast<std::size_t>(c.choices_size()) > kMaxPollOptions) return {pb::ERROR_INVALID_ARGUMENT, "too many choices"};
      return Status::ok();
    }
    case pb::ClientFrame::kClosePoll: return require_message(f.close_poll().chat_id(), f.close_poll().seq());
    case pb::ClientFrame::kSetTyping: return require_chat(f.set_typing().chat_id());
    case pb::ClientFrame::kSearchMessages: {
      const auto& c = f.search_messages();
      if (c.chat_id() < 0 || c.before_id() < 0) return {pb::ERROR_INVALID_ARGUMENT, "bad id"};
      if (c.limit() > kMaxSearchResults) return {pb::ERROR_INVALID_ARGUMENT, "too many results asked"};
      return validate_line(c.query(), kMaxSearchQueryChars, "query");
    }
    case pb::ClientFrame::kSetChatSettings: {
      const auto& c = f.set_chat_settings();
      if (auto s = require_chat(c.chat_id()); !s) return s;
      if (!pb::PostPolicy_IsValid(c.settings().post_policy()) || !pb::PollPolicy_IsValid(c.settings().poll_policy())) {
        return {pb::ERROR_INVALID_ARGUMENT, "unknown policy"};
      }
      return Status::ok();
    }
    case pb::ClientFrame::kSetChatMemberRole: {
      const auto& c = f.set_chat_member_role();
      if (auto s = require_member(c.chat_id(), c.user_id()); !s) return s;
      if (c.role() < pb::CHAT_ROLE_MODERATOR || c.role() > pb::CHAT_ROLE_READ_ONLY) {
        return {pb::ERROR_INVALID_ARGUMENT, "a role must be moderator, member or read-only"};
      }
      return Status::ok();
    }
    case pb::ClientFrame::kMuteChatMember: return require_member(f.mute_chat_member().chat_id(), f.mute_chat_member().user_id());
    case pb::ClientFrame::kRemoveChatMember:
      return require_member(f.remove_chat_member().chat_id(), f.remove_chat_member().user_id());
    default: break;
  }
  return {pb::ERROR_MALFORMED_FRAME, "not a chat command"};
}

}  // namespace

namespace {

Status first_error(std::initializer_list<Status> checks) {
  for (const auto& s : checks) {
    if (!s) return s;
  }
  return Status::ok();
}

Status validate_org_command(const pb::ClientFrame& f) {
  switch (f.command_case()) {
    case pb::ClientFrame::kSubmitOrgApplication: {
      const auto& c = f.submit_org_application();
      if (c.type() < pb::ORG_TYPE_SCHOOL || c.type() > pb::ORG_TYPE_SUPPLEMENTARY) {
        return {pb::ERROR_INVALID_ARGUMENT, "unknown organization type"};
      }
      return first_error({validate_line(c.org_name(), kMaxOrgNameChars, "organization name"),
                          validate_line(c.region(), kMaxOrgNameChars, "region"),
                          validate_line(c.address(), kMaxAddressChars, "address"),
                          validate_display_name(c.admin_name()), validate_phone(c.admin_phone()),
                          validate_email(c.admin_email()), validate_password(c.admin_password()),
                          c.admin_password().size() < kMinPasswordChars
                              ? Status(pb::ERROR_INVALID_ARGUMENT, "password too short")
                              : Status::ok(),
                          validate_token(c.document_upload_id())});
    }
    case pb::ClientFrame::kListOrgApplications: return Status::ok();
    case pb::ClientFrame::kDecideOrgApplication: {
      const auto& c = f.decide_org_application();
      if (auto s = require_id(c.application_id(), "application_id"); !s) return s;
      if (!c.approve()) return validate_line(c.reason(), kMaxReasonChars, "reason");
      if (!c.reason().empty() && !is_valid_utf8(c.reason())) return {pb::ERROR_INVALID_UTF8, "reason is not valid UTF-8"};
      return Status::ok();
    }
    case pb::ClientFrame::kSetOrgSuspended: return require_id(f.set_org_suspended().org_id(), "org_id");
    case pb::ClientFrame::kGetStructure: return require_id(f.get_structure().org_id(), "org_id");
    case pb::ClientFrame::kCreateGroup: {
      const auto& c = f.create_group();
      if (c.kind() < pb::GROUP_KIND_CLASS || c.kind() > pb::GROUP_KIND_DEPARTMENT) {
        return {pb::ERROR_INVALID_ARGUMENT, "unknown group kind"};
      }
      return first_error({require_id(c.org_id(), "org_id"), validate_line(c.name(), kMaxGroupNameChars, "name")});
    }
    case pb::ClientFrame::kAssignClassTeacher:
      return first_error({require_id(f.assign_class_teacher().org_id(), "org_id"),
                          require_id(f.assign_class_teacher().group_id(), "group_id")});
    case pb::ClientFrame::kSetJournalUrl: {
      const auto& c = f.set_journal_url();
      if (auto s = require_id(c.org_id(), "org_id"); !s) return s;
      return c.url().empty() ? Status::ok() : validate_https_url(c.url());
    }
    case pb::ClientFrame::kCreateInviteLink: {
      const auto& c = f.create_invite_link();
      if (auto s = require_id(c.org_id(), "org_id"); !s) return s;
      switch (c.kind()) {
        case pb::LINK_KIND_STAFF: break;
        case pb::LINK_KIND_STUDENTS:
        case pb::LINK_KIND_PARENTS: return require_id(c.group_id(), "group_id");
        case pb::LINK_KIND_CHAT: return require_id(c.chat_id(), "chat_id");
        default: return {pb::ERROR_INVALID_ARGUMENT, "unknown link kind"};
      }
      if (c.expires_at_ms() < 0) return {pb::ERROR_INVALID_ARGUMENT, "bad expiry"};
      return Status::ok();
    }
    case pb::ClientFrame::kListInviteLinks: return require_id(f.list_invite_links().org_id(), "org_id");
    case pb::ClientFrame::kRevokeInviteLink:
      return first_error({require_id(f.revoke_invite_link().org_id(), "org_id"),
                          require_id(f.revoke_invite_link().link_id(), "link_id")});
    case pb::ClientFrame::kInspectInvite: return validate_token(f.inspect_invite().token());
    case pb::ClientFrame::kRegister: {
      const auto& c = f.register_();
      if (c.protocol_version() != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
      return first_error({validate_token(c.token()), validate_display_name(c.display_name()),
                          validate_login_any(c.login()), validate_password(c.password()),
                          c.password().size() < kMinPasswordChars
                              ? Status(pb::ERROR_INVALID_ARGUMENT, "password too short")
                              : Status::ok(),
                          c.parent_email().empty() ? Status::ok() : validate_email(c.parent_email())});
    }
    case pb::ClientFrame::kConfirmRegistration:
      return first_error({validate_token(f.confirm_registration().registration_id()),
                          validate_one_time_code(f.confirm_registration().code())});
    case pb::ClientFrame::kJoinChat: return validate_token(f.join_chat().token());
    case pb::ClientFrame::kVerifyTeacher:
      return first_error({require_id(f.verify_teacher().org_id(), "org_id"), require_id(f.verify_teacher().user_id(), "user_id")});
    case pb::ClientFrame::kSetMemberRole:
      return first_error({require_id(f.set_member_role().org_id(), "org_id"),
                          require_id(f.set_member_role().user_id(), "user_id"), validate_role(f.set_member_role().role())});
    case pb::ClientFrame::kListMembers: {
      const auto& c = f.list_members();
      if (auto s = require_id(c.org_id(), "org_id"); !s) return s;
      if (c.query().size() > kMaxDisplayNameChars * 4) return {pb::ERROR_TEXT_TOO_LONG, "query too long"};
      if (!is_valid_utf8(c.query())) return {pb::ERROR_INVALID_UTF8, "query is not valid UTF-8"};
      return Status::ok();
    }
    case pb::ClientFrame::kGetProfile:
      return first_error({require_id(f.get_profile().org_id(), "org_id"), require_id(f.get_profile().user_id(), "user_id")});
    case pb::ClientFrame::kInviteParent: return validate_email(f.invite_parent().parent_email());
    case pb::ClientFrame::kRequestLoginCode: return validate_email(f.request_login_code().email());
    case pb::ClientFrame::kLoginWithCode: {
      const auto& c = f.login_with_code();
      if (c.protocol_version() != kProtocolVersion) return {pb::ERROR_UNSUPPORTED_VERSION, "unsupported protocol version"};
      return first_error({validate_email(c.email()), validate_one_time_code(c.code())});
    }
    case pb::ClientFrame::kCreateChat: {
      const auto& c = f.create_chat();
      if (c.member_ids_size() > 1000) return {pb::ERROR_INVALID_ARGUMENT, "too many members"};
      for (auto id : c.member_ids()) {
        if (id <= 0) return {pb::ERROR_INVALID_ARGUMENT, "bad member id"};
      }
      return first_error({require_id(c.org_id(), "org_id"), validate_line(c.title(), kMaxOrgNameChars, "title")});
    }
    case pb::ClientFrame::kListSessions: return Status::ok();
    case pb::ClientFrame::kEndSessions: {
      const auto& id = f.end_sessions().id();
      return id.empty() ? Status::ok() : validate_token(id);
    }
    default: break;
  }
  return {pb::ERROR_MALFORMED_FRAME, "unknown or missing command"};
}

}  // namespace

pb::ServerFrame make_error_frame(std::uint64_t request_id, const Status& status) {
  pb::ServerFrame frame;
  frame.set_request_id(request_id);
  auto* error = frame.mutable_error();
  error->set_code(status.code());
  error->set_message(status.message());
  return frame;
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case pb::ERROR_UNSPECIFIED: return "OK";
    case pb::ERROR_MALFORMED_FRAME: return "ERROR_MALFORMED_FRAME";
    case pb::ERROR_FRAME_TOO_LARGE: return "ERROR_FRAME_TOO_LARGE";
    case pb::ERROR_INVALID_UTF8: return "ERROR_INVALID_UTF8";
    case pb::ERROR_TEXT_TOO_LONG: return "ERROR_TEXT_TOO_LONG";
    case pb::ERROR_EMPTY_TEXT: return "ERROR_EMPTY_TEXT";
    case pb::ERROR_UNAUTHENTICATED: return "ERROR_UNAUTHENTICATED";
    case pb::ERROR_BAD_CREDENTIALS: return "ERROR_BAD_CREDENTIALS";
    case pb::ERROR_SESSION_EXPIRED: return "ERROR_SESSION_EXPIRED";
    case pb::ERROR_NOT_FOUND: return "ERROR_NOT_FOUND";
    case pb::ERROR_PERMISSION_DENIED: return "ERROR_PERMISSION_DENIED";
    case pb::ERROR_INVALID_ARGUMENT: return "ERROR_INVALID_ARGUMENT";
    case pb::ERROR_RATE_LIMITED: return "ERROR_RATE_LIMITED";
    case pb::ERROR_UNSUPPORTED_VERSION: return "ERROR_UNSUPPORTED_VERSION";
    case pb::ERROR_INTERNAL: return "ERROR_INTERNAL";
    case pb::ERROR_LINK_EXPIRED: return "ERROR_LINK_EXPIRED";
    case pb::ERROR_LINK_REVOKED: return "ERROR_LINK_REVOKED";
    case pb::ERROR_LINK_USED_UP: return "ERROR_LINK_USED_UP";
    case pb::ERROR_ALREADY_EXISTS: return "ERROR_ALREADY_EXISTS";
    case pb::ERROR_ORG_SUSPENDED: return "ERROR_ORG_SUSPENDED";
    case pb::ERROR_WRONG_ORG: return "ERROR_WRONG_ORG";
    case pb::ERROR_CODE_INVALID: return "ERROR_CODE_INVALID";
    case pb::ERROR_UNSUPPORTED_FILE: return "ERROR_UNSUPPORTED_FILE";
    case pb::ERROR_FILE_TOO_LARGE: return "ERROR_FILE_TOO_LARGE";
    case pb::ERROR_PENDING_VERIFICATION: return "ERROR_PENDING_VERIFICATION";
    case pb::ERROR_MAIL_FAILED: return "ERROR_MAIL_FAILED";
    case pb::ERROR_TOO_LATE: return "ERROR_TOO_LATE";
    case pb::ERROR_POLL_CLOSED: return "ERROR_POLL_CLOSED";
    case pb::ERROR_MUTED: return "ERROR_MUTED";
    case pb::ERROR_ALREADY_VOTED: return "ERROR_ALREADY_VOTED";
    default: return "ERROR_UNKNOWN";
  }
}

bool is_retryable(ErrorCode code) {
  return code == pb::ERROR_INTERNAL || code == pb::ERROR_RATE_LIMITED || code == pb::ERROR_UNAUTHENTICATED ||
         code == pb::ERROR_MAIL_FAILED;
}

}  // namespace parta
