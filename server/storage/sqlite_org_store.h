// The repositories of accounts (auth) and of closed school spaces (org) on
// SQLite, on the I/O thread's connection of SqliteStorage (the same database
// file and transactions). Split by feature: sqlite_accounts.cpp (users,
// credentials, sessions, login codes), sqlite_orgs.cpp (memberships,
// organizations, applications, structure), sqlite_links.cpp (links,
// registration, joining chats).
#pragma once

#include "server/auth/session_repository.h"
#include "server/auth/user_repository.h"
#include "server/org/application_repository.h"
#include "server/org/link_repository.h"
#include "server/org/member_repository.h"
#include "server/org/org_repository.h"
#include "server/org/registration_repository.h"
#include "server/storage/sqlite_db.h"

namespace parta::server {

class SqliteStorage;

class SqliteOrgStore final : public UserRepository,
                             public SessionRepository,
                             public OrgRepository,
                             public ApplicationRepository,
                             public MemberRepository,
                             public LinkRepository,
                             public RegistrationRepository {
 public:
  explicit SqliteOrgStore(SqliteDb& db) : db_(db) {}
  explicit SqliteOrgStore(SqliteStorage& storage);

  // sqlite_accounts.cpp
  Result<UserId> create_user(const NewUser& user) override;
  Result<std::optional<UserRecord>> find_user(UserId user) override;
  Result<std::optional<Credentials>> find_credentials(const std::string& normalized_login) override;
  Status create_session(const std::string& token_hash, UserId user, std::int64_t now_ms,
                        std::int64_t expires_at_ms) override;
  Result<std::optional<UserId>> find_session(const std::string& token_hash, std::int64_t now_ms) override;
  Status delete_session(const std::string& token_hash) override;
  Status delete_expired_sessions(std::int64_t now_ms) override;
  Status touch_session(const std::string& token_hash, std::int64_t now_ms, const std::string& client) override;
  Result<std::vector<SessionRecord>> list_sessions(UserId user, std::int64_t now_ms) override;
  Result<std::vector<std::string>> end_sessions(UserId user, const std::string& public_id,
                                                const std::string& keep_token_hash) override;
  Status put_login_code(const LoginCode& code) override;
  Result<std::optional<LoginCode>> find_login_code(UserId user) override;
  Status count_login_code_attempt(UserId user) override;
  Status delete_login_code(UserId user) override;

  // sqlite_orgs.cpp
  Result<std::vector<pb::Membership>> memberships_of(UserId user) override;
  Result<bool> is_platform_operator(UserId user) override;
  Result<UserId> ensure_operator(const std::string& email, const std::string& display_name,
                                 const std::string& password_hash, std::int64_t now_ms) override;
  Result<bool> login_exists(const std::string& normalized_login) override;
  Result<std::optional<UserId>> user_by_email(const std::string& normalized_email) override;
  Result<std::optional<MemberRecord>> find_member(OrgId org, UserId user) override;
  Result<std::vector<MemberRecord>> list_members(OrgId org) override;
  Result<std::vector<UserId>> children_of(UserId parent, OrgId org) override;
  Result<std::int64_t> count_role(OrgId org, pb::Role role) override;
  Status set_verified(OrgId org, UserId user, bool verified) override;
  Status set_role(OrgId org, UserId user, pb::Role role) override;
  Status link_guardian(UserId parent, UserId child, OrgId org) override;

  Result<std::int64_t> count_orgs() override;
  Result<OrgId> create_org(const std::string& name) override;
  Result<ClassId> create_class(OrgId org, const std::string& name) override;
  Result<std::optional<OrgRecord>> find_org(OrgId org) override;
  Result<std::optional<OrgId>> find_org_by_name(const std::string& name) override;
  Status set_org_status(OrgId org, pb::OrgStatus status) override;
  Status set_journal_url(OrgId org, const std::string& url) override;
  Result<std::vector<OrgId>> suspended_orgs() override;

  Status create_upload(const UploadRecord& upload) override;
  Result<std::optional<UploadRecord>> find_upload(const std::string& id) override;
  Result<std::vector<std::string>> take_expired_uploads(std::int64_t now_ms) override;
  Result<bool> pending_application_for(const std::string& email, const std::string& phone) override;
  Result<ApplicationId> create_application(const ApplicationRecord& application, std::int64_t now_ms) override;
  Result<std::vector<ApplicationRecord>> list_applications(pb::ApplicationStatus status) override;
  Result<std::optional<ApplicationRecord>> find_application(ApplicationId id) override;
  Result<OrgId> approve_application(ApplicationId id, std::int64_t now_ms) override;
  Status reject_application(ApplicationId id, const std::string& reason, std::int64_t now_ms) override;

  Result<std::vector<GroupRecord>> list_groups(OrgId org) override;
  Result<GroupId> create_group(OrgId org, pb::GroupKind kind, const std::string& name) override;
  Result<std::optional<GroupRecord>> find_group(GroupId group) override;
  Status set_class_teacher(GroupId group, UserId teacher) override;

  // sqlite_links.cpp
  Result<LinkId> create_link(const LinkRecord& link) override;
  Result<std::optional<LinkRecord>> find_link(LinkId id) override;
  Result<std::optional<LinkRecord>> find_link_by_token(const std::string& token) override;
  Result<std::vector<LinkRecord>> list_links(OrgId org, UserId created_by) override;
  Status revoke_link(LinkId id) override;
  Status delete_unused_link(LinkId id) override;

  Result<UserId> register_member(const NewMember& member) override;
  Status create_pending_registration(const PendingRegistration& pending) override;
  Result<std::optional<PendingRegistration>> find_pending_registration(const std::string& id) override;
  Status count_registration_attempt(const std::string& id) override;
  Status delete_pending_registration(const std::string& id) override;
  Result<bool> join_chat(ChatId chat, UserId user) override;
  Result<bool> join_chat_by_link(LinkId link, UserId user, std::int64_t now_ms) override;
  Status bind_class_chat(ChatId chat, GroupId group, bool parents) override;

 private:
  // The class's chat (purpose 1) or parents' chat (2), created with the class
  // teacher when missing. Call inside a transaction.
  Result<ChatId> ensure_class_chat(const GroupRecord& group, int purpose);
  Status add_login(const std::string& login, UserId user, bool or_ignore);
  // Counts one use of the link if it can still be used; the typed error otherwise.
  Status use_link(const LinkRecord& link, std::int64_t now_ms);

  SqliteDb& db_;
};

}  // namespace parta::server
