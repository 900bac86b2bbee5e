// Field checks of orgs.proto's commands, and which of them need no session
// (apply, look at a link, register).
#include "shared/org/org_validation.h"

#include "shared/core/validation.h"

namespace parta {

namespace {

Status validate_role(pb::Role role) {
  if (role < pb::ROLE_ADMIN || role > pb::ROLE_PARENT) return {pb::ERROR_INVALID_ARGUMENT, "unknown role"};
  return Status::ok();
}

Status validate_login_any(std::string_view login) {
  if (login.find('@') != std::string_view::npos) return validate_email(login);
  return validate_phone(login);
}

Status password_long_enough(const std::string& password) {
  if (password.size() < kMinPasswordChars) return {pb::ERROR_INVALID_ARGUMENT, "password too short"};
  return Status::ok();
}

Status check_submit_org_application(const pb::ClientFrame& f) {
  const auto& c = f.submit_org_application();
  if (c.type() < pb::ORG_TYPE_SCHOOL || c.type() > pb::ORG_TYPE_SUPPLEMENTARY) {
    return {pb::ERROR_INVALID_ARGUMENT, "unknown organization type"};
  }
  return first_error({validate_line(c.org_name(), kMaxOrgNameChars, "organization name"),
                      validate_line(c.region(), kMaxOrgNameChars, "region"),
                      validate_line(c.address(), kMaxAddressChars, "address"), validate_display_name(c.admin_name()),
                      validate_phone(c.admin_phone()), validate_email(c.admin_email()),
                      validate_password(c.admin_password()), password_long_enough(c.admin_password()),
                      validate_token(c.document_upload_id())});
}

Status check_decide_org_application(const pb::ClientFrame& f) {
  const auto& c = f.decide_org_application();
  if (auto s = require_id(c.application_id(), "application_id"); !s) return s;
  if (!c.approve()) return validate_line(c.reason(), kMaxReasonChars, "reason");
  if (!c.reason().empty() && !is_valid_utf8(c.reason())) return {pb::ERROR_INVALID_UTF8, "reason is not valid UTF-8"};
  return Status::ok();
}

Status check_set_org_suspended(const pb::ClientFrame& f) {
  return require_id(f.set_org_suspended().org_id(), "org_id");
}

Status check_get_structure(const pb::ClientFrame& f) { return require_id(f.get_structure().org_id(), "org_id"); }

Status check_create_group(const pb::ClientFrame& f) {
  const auto& c = f.create_group();
  if (c.kind() < pb::GROUP_KIND_CLASS || c.kind() > pb::GROUP_KIND_DEPARTMENT) {
    return {pb::ERROR_INVALID_ARGUMENT, "unknown group kind"};
  }
  return first_error({require_id(c.org_id(), "org_id"), validate_line(c.name(), kMaxGroupNameChars, "name")});
}

Status check_assign_class_teacher(const pb::ClientFrame& f) {
  return first_error({require_id(f.assign_class_teacher().org_id(), "org_id"),
                      require_id(f.assign_class_teacher().group_id(), "group_id")});
}

Status check_set_journal_url(const pb::ClientFrame& f) {
  const auto& c = f.set_journal_url();
  if (auto s = require_id(c.org_id(), "org_id"); !s) return s;
  return c.url().empty() ? Status::ok() : validate_https_url(c.url());
}

Status check_create_invite_link(const pb::ClientFrame& f) {
  const auto& c = f.create_invite_link();
  if (auto s = require_id(c.org_id(), "org_id"); !s) return s;
  switch (c.kind()) {
    case pb::LINK_KIND_STAFF:
      break;
    case pb::LINK_KIND_STUDENTS:
    case pb::LINK_KIND_PARENTS:
      return require_id(c.group_id(), "group_id");
    case pb::LINK_KIND_CHAT:
      return require_id(c.chat_id(), "chat_id");
    default:
      return {pb::ERROR_INVALID_ARGUMENT, "unknown link kind"};
  }
  if (c.expires_at_ms() < 0) return {pb::ERROR_INVALID_ARGUMENT, "bad expiry"};
  return Status::ok();
}

Status check_list_invite_links(const pb::ClientFrame& f) {
  return require_id(f.list_invite_links().org_id(), "org_id");
}

Status check_revoke_invite_link(const pb::ClientFrame& f) {
  return first_error(
      {require_id(f.revoke_invite_link().org_id(), "org_id"), require_id(f.revoke_invite_link().link_id(), "link_id")});
}

Status check_inspect_invite(const pb::ClientFrame& f) { return validate_token(f.inspect_invite().token()); }

Status check_register(const pb::ClientFrame& f) {
  const auto& c = f.register_();
  if (auto s = require_protocol_version(c.protocol_version()); !s) return s;
  return first_error({validate_token(c.token()), validate_display_name(c.display_name()), validate_login_any(c.login()),
                      validate_password(c.password()), password_long_enough(c.password()),
                      c.parent_email().empty() ? Status::ok() : validate_email(c.parent_email())});
}

Status check_confirm_registration(const pb::ClientFrame& f) {
  return first_error({validate_token(f.confirm_registration().registration_id()),
                      validate_one_time_code(f.confirm_registration().code())});
}

Status check_join_chat(const pb::ClientFrame& f) { return validate_token(f.join_chat().token()); }

Status check_verify_teacher(const pb::ClientFrame& f) {
  return first_error(
      {require_id(f.verify_teacher().org_id(), "org_id"), require_id(f.verify_teacher().user_id(), "user_id")});
}

Status check_set_member_role(const pb::ClientFrame& f) {
  return first_error({require_id(f.set_member_role().org_id(), "org_id"),
                      require_id(f.set_member_role().user_id(), "user_id"), validate_role(f.set_member_role().role())});
}

Status check_list_members(const pb::ClientFrame& f) {
  const auto& c = f.list_members();
  if (auto s = require_id(c.org_id(), "org_id"); !s) return s;
  if (c.query().size() > kMaxDisplayNameChars * 4) return {pb::ERROR_TEXT_TOO_LONG, "query too long"};
  if (!is_valid_utf8(c.query())) return {pb::ERROR_INVALID_UTF8, "query is not valid UTF-8"};
  return Status::ok();
}

Status check_get_profile(const pb::ClientFrame& f) {
  return first_error(
      {require_id(f.get_profile().org_id(), "org_id"), require_id(f.get_profile().user_id(), "user_id")});
}

Status check_invite_parent(const pb::ClientFrame& f) { return validate_email(f.invite_parent().parent_email()); }

Status check_create_chat(const pb::ClientFrame& f) {
  const auto& c = f.create_chat();
  if (c.member_ids_size() > 1000) return {pb::ERROR_INVALID_ARGUMENT, "too many members"};
  for (auto id : c.member_ids()) {
    if (id <= 0) return {pb::ERROR_INVALID_ARGUMENT, "bad member id"};
  }
  return first_error({require_id(c.org_id(), "org_id"), validate_line(c.title(), kMaxOrgNameChars, "title")});
}

constexpr CommandSpec kCommands[] = {
    {pb::ClientFrame::kSubmitOrgApplication, check_submit_org_application, true},
    {pb::ClientFrame::kListOrgApplications, no_fields},
    {pb::ClientFrame::kDecideOrgApplication, check_decide_org_application},
    {pb::ClientFrame::kSetOrgSuspended, check_set_org_suspended},
    {pb::ClientFrame::kGetStructure, check_get_structure},
    {pb::ClientFrame::kCreateGroup, check_create_group},
    {pb::ClientFrame::kAssignClassTeacher, check_assign_class_teacher},
    {pb::ClientFrame::kSetJournalUrl, check_set_journal_url},
    {pb::ClientFrame::kCreateInviteLink, check_create_invite_link},
    {pb::ClientFrame::kListInviteLinks, check_list_invite_links},
    {pb::ClientFrame::kRevokeInviteLink, check_revoke_invite_link},
    {pb::ClientFrame::kInspectInvite, check_inspect_invite, true},
    {pb::ClientFrame::kRegister, check_register, true},
    {pb::ClientFrame::kConfirmRegistration, check_confirm_registration, true},
    {pb::ClientFrame::kJoinChat, check_join_chat},
    {pb::ClientFrame::kVerifyTeacher, check_verify_teacher},
    {pb::ClientFrame::kSetMemberRole, check_set_member_role},
    {pb::ClientFrame::kListMembers, check_list_members},
    {pb::ClientFrame::kGetProfile, check_get_profile},
    {pb::ClientFrame::kInviteParent, check_invite_parent},
    {pb::ClientFrame::kCreateChat, check_create_chat},
};

}  // namespace

std::span<const CommandSpec> org_command_specs() { return kCommands; }

}  // namespace parta
