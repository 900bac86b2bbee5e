// The store of closed school spaces: organizations and their applications,
// structure (groups), memberships, invite links, registrations, one-time codes
// and session metadata. An interface like Storage (storage.h); SQLite implements
// it on the same connection (sqlite_org_store.h). Failures are ERROR_INTERNAL
// unless a method names another code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/storage.h"

namespace parta::server {

struct OrgRecord {
  OrgId id;
  std::string name;
  std::string region;
  std::string address;
  std::string journal_url;
  pb::OrgType type = pb::ORG_TYPE_SCHOOL;
  pb::OrgStatus status = pb::ORG_STATUS_ACTIVE;
};

struct GroupRecord {
  GroupId id;
  OrgId org;
  pb::GroupKind kind = pb::GROUP_KIND_UNSPECIFIED;
  std::string name;
  UserId class_teacher;
  std::string class_teacher_name;
  std::uint32_t member_count = 0;  // students in it
};

// One person in one organization, as the directory shows them.
struct MemberRecord {
  UserRecord user;  // user.org is the organization
  GroupId group;    // students and parents: the class
};

struct UploadRecord {
  std::string id;            // random hex; the file name under data_dir/uploads
  std::string content_type;  // sniffed
  std::int64_t size = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  bool used = false;
};

struct ApplicationRecord {
  ApplicationId id;
  std::string org_name;
  std::string region;
  std::string address;
  pb::OrgType type = pb::ORG_TYPE_SCHOOL;
  std::string admin_name;
  std::string admin_phone;  // normalized
  std::string admin_email;  // normalized
  std::string admin_password_hash;
  std::string document_id;
  std::string document_type;
  std::int64_t submitted_at_ms = 0;
  pb::ApplicationStatus status = pb::APPLICATION_PENDING;
  std::string decision_reason;
  OrgId org;  // once approved
};

struct LinkRecord {
  LinkId id;
  std::string token;
  OrgId org;
  pb::LinkKind kind = pb::LINK_KIND_UNSPECIFIED;
  GroupId group;  // STUDENTS, PARENTS
  ChatId chat;    // CHAT
  UserId child;   // PARENTS sent by a student (InviteParent)
  UserId created_by;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::uint32_t max_uses = 0;  // 0 = unlimited
  std::uint32_t uses = 0;
  bool revoked = false;
  // Read with the link, for display.
  std::string org_name;
  pb::OrgStatus org_status = pb::ORG_STATUS_ACTIVE;
  std::string group_name;
  std::string chat_title;
  std::string created_by_name;
  std::string child_name;
};

// A registration through a link: what the account is made of.
struct NewMember {
  LinkId link;
  std::string display_name;
  std::string login;  // normalized
  std::string password_hash;
  std::int64_t now_ms = 0;
};

struct PendingRegistration {
  std::string id;  // random hex
  LinkId link;
  std::string display_name;
  std::string login;
  std::string password_hash;
  std::string parent_email;
  std::string code_hash;
  int attempts = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
};

struct LoginCode {
  UserId user;
  std::string code_hash;
  int attempts = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
};

struct SessionRecord {
  std::string public_id;
  std::string token_hash;
  std::int64_t created_at_ms = 0;
  std::int64_t last_seen_ms = 0;
  std::string client;
};

struct ChatInfo {
  ChatId id;
  OrgId org;
  pb::ChatKind kind = pb::CHAT_KIND_UNSPECIFIED;
  std::string title;
};

class OrgStore {
 public:
  virtual ~OrgStore() = default;

  // --- people
  // Every membership of a person (org name and status, class, children), by org id.
  virtual Result<std::vector<pb::Membership>> memberships_of(UserId user) = 0;
  virtual Result<bool> is_platform_operator(UserId user) = 0;
  // Creates the operator (or makes an existing login one) and sets the password.
  virtual Result<UserId> ensure_operator(const std::string& email, const std::string& display_name,
                                         const std::string& password_hash, std::int64_t now_ms) = 0;
  virtual Result<bool> login_exists(const std::string& normalized_login) = 0;
  virtual Result<std::optional<UserId>> user_by_email(const std::string& normalized_email) = 0;
  virtual Result<std::optional<MemberRecord>> find_member(OrgId org, UserId user) = 0;
  virtual Result<std::vector<MemberRecord>> list_members(OrgId org) = 0;
  virtual Result<std::vector<UserId>> children_of(UserId parent, OrgId org) = 0;
  virtual Result<std::int64_t> count_role(OrgId org, pb::Role role) = 0;
  // Un-verifying a head also makes them a teacher again.
  virtual Status set_verified(OrgId org, UserId user, bool verified) = 0;
  virtual Status set_role(OrgId org, UserId user, pb::Role role) = 0;
  virtual Status link_guardian(UserId parent, UserId child, OrgId org) = 0;

  // --- organizations
  virtual Result<std::optional<OrgRecord>> find_org(OrgId org) = 0;
  virtual Result<std::optional<OrgId>> find_org_by_name(const std::string& name) = 0;
  virtual Status set_org_status(OrgId org, pb::OrgStatus status) = 0;
  virtual Status set_journal_url(OrgId org, const std::string& url) = 0;
  virtual Result<std::vector<OrgId>> suspended_orgs() = 0;

  // --- uploads and applications
  virtual Status create_upload(const UploadRecord& upload) = 0;
  virtual Result<std::optional<UploadRecord>> find_upload(const std::string& id) = 0;
  // Forgets unused uploads that expired; returns their ids (the caller deletes the files).
  virtual Result<std::vector<std::string>> take_expired_uploads(std::int64_t now_ms) = 0;
  // A pending application with this e-mail or phone.
  virtual Result<bool> pending_application_for(const std::string& email, const std::string& phone) = 0;
  // Claims the upload (ERROR_NOT_FOUND when unknown, used or expired) and stores the application.
  virtual Result<ApplicationId> create_application(const ApplicationRecord& application, std::int64_t now_ms) = 0;
  virtual Result<std::vector<ApplicationRecord>> list_applications(pb::ApplicationStatus status) = 0;
  virtual Result<std::optional<ApplicationRecord>> find_application(ApplicationId id) = 0;
  // One transaction: the org, its admin (login = the e-mail, and the phone if free),
  // the membership, the decision. ERROR_ALREADY_EXISTS if the e-mail was taken since.
  virtual Result<OrgId> approve_application(ApplicationId id, std::int64_t now_ms) = 0;
  virtual Status reject_application(ApplicationId id, const std::string& reason, std::int64_t now_ms) = 0;

  // --- structure
  virtual Result<std::vector<GroupRecord>> list_groups(OrgId org) = 0;
  // ERROR_ALREADY_EXISTS when the org has a group of that name.
  virtual Result<GroupId> create_group(OrgId org, pb::GroupKind kind, const std::string& name) = 0;
  virtual Result<std::optional<GroupRecord>> find_group(GroupId group) = 0;
  // Also adds the teacher to the class's chats. An invalid id clears it.
  virtual Status set_class_teacher(GroupId group, UserId teacher) = 0;

  // --- links
  virtual Result<LinkId> create_link(const LinkRecord& link) = 0;
  virtual Result<std::optional<LinkRecord>> find_link(LinkId id) = 0;
  virtual Result<std::optional<LinkRecord>> find_link_by_token(const std::string& token) = 0;
  // Newest first; an invalid creator lists every link of the org.
  virtual Result<std::vector<LinkRecord>> list_links(OrgId org, UserId created_by) = 0;
  virtual Status revoke_link(LinkId id) = 0;
  // Forgets a link nobody used (an invitation whose mail never left).
  virtual Status delete_unused_link(LinkId id) = 0;

  // --- registration
  // One transaction: counts a use of the link (LINK_EXPIRED / LINK_REVOKED /
  // LINK_USED_UP / ORG_SUSPENDED when it cannot be used), creates the person
  // (ALREADY_EXISTS for a taken login), the membership the link gives, the class
  // or parents' chat membership (creating the chat if missing) and the parent's
  // link to the child. Nothing remains on any error.
  virtual Result<UserId> register_member(const NewMember& member) = 0;
  virtual Status create_pending_registration(const PendingRegistration& pending) = 0;
  virtual Result<std::optional<PendingRegistration>> find_pending_registration(const std::string& id) = 0;
  virtual Status count_registration_attempt(const std::string& id) = 0;
  virtual Status delete_pending_registration(const std::string& id) = 0;
  virtual Status put_login_code(const LoginCode& code) = 0;  // replaces the user's previous one
  virtual Result<std::optional<LoginCode>> find_login_code(UserId user) = 0;
  virtual Status count_login_code_attempt(UserId user) = 0;
  virtual Status delete_login_code(UserId user) = 0;

  // --- chats
  virtual Result<std::optional<ChatInfo>> find_chat(ChatId chat) = 0;
  // True when the user was not a member yet.
  virtual Result<bool> join_chat(ChatId chat, UserId user) = 0;
  // Joins through a CHAT link: a use is counted (atomically, with the link's
  // limits) only when the user was not a member yet. Link errors as register_member.
  virtual Result<bool> join_chat_by_link(LinkId link, UserId user, std::int64_t now_ms) = 0;
  // Marks a chat as the class chat (or the parents' chat) of a class, which
  // registration then joins people to (the demo seed; migrated v1 chats).
  virtual Status bind_class_chat(ChatId chat, GroupId group, bool parents) = 0;

  // --- sessions
  virtual Status touch_session(const std::string& token_hash, std::int64_t now_ms, const std::string& client) = 0;
  virtual Result<std::vector<SessionRecord>> list_sessions(UserId user, std::int64_t now_ms) = 0;
  // Ends the session with this public id (ERROR_NOT_FOUND if the user has none),
  // or with an empty id every session but `keep_token_hash`. Returns the ended token hashes.
  virtual Result<std::vector<std::string>> end_sessions(UserId user, const std::string& public_id,
                                                        const std::string& keep_token_hash) = 0;
};

}  // namespace parta::server
