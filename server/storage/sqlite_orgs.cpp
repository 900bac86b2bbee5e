// SqliteOrgStore, part 2: people and memberships, organizations, uploads and
// applications, structure (groups). Accounts and sessions: sqlite_accounts.cpp;
// links and registration: sqlite_links.cpp.
#include "server/app/log.h"
#include "server/storage/sqlite_org_store.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server {

namespace {

// Columns: user id, role, name, verified, class name, group id, org id.
#define PARTA_MEMBER_COLUMNS                                                                          \
  "u.id, m.role, u.display_name, m.verified_teacher, COALESCE(g.name, ''), COALESCE(m.group_id, 0), " \
  "m.org_id "
#define PARTA_MEMBER_FROM "FROM memberships m JOIN users u ON u.id = m.user_id LEFT JOIN groups g ON g.id = m.group_id "

MemberRecord read_member(const Query& q) {
  MemberRecord m;
  m.user.id = UserId(q.column_int(0));
  m.user.role = static_cast<pb::Role>(q.column_int(1));
  m.user.display_name = q.column_text(2);
  m.user.verified_teacher = q.column_int(3) != 0;
  // Only students show a class; a parent's class is theirs to know, not shown.
  if (m.user.role == pb::ROLE_STUDENT) m.user.class_name = q.column_text(4);
  m.group = GroupId(q.column_int(5));
  m.user.org = OrgId(q.column_int(6));
  return m;
}

#define PARTA_APPLICATION_COLUMNS                                                                    \
  "id, org_name, region, address, type, admin_name, admin_phone, admin_email, admin_password_hash, " \
  "document_id, document_type, submitted_at_ms, status, decision_reason, COALESCE(org_id, 0) "

ApplicationRecord read_application(const Query& q) {
  ApplicationRecord a;
  a.id = ApplicationId(q.column_int(0));
  a.org_name = q.column_text(1);
  a.region = q.column_text(2);
  a.address = q.column_text(3);
  a.type = static_cast<pb::OrgType>(q.column_int(4));
  a.admin_name = q.column_text(5);
  a.admin_phone = q.column_text(6);
  a.admin_email = q.column_text(7);
  a.admin_password_hash = q.column_text(8);
  a.document_id = q.column_text(9);
  a.document_type = q.column_text(10);
  a.submitted_at_ms = q.column_int(11);
  a.status = static_cast<pb::ApplicationStatus>(q.column_int(12));
  a.decision_reason = q.column_text(13);
  a.org = OrgId(q.column_int(14));
  return a;
}

#define PARTA_GROUP_SELECT                                                                                 \
  "SELECT g.id, g.org_id, g.kind, g.name, COALESCE(g.class_teacher_id, 0), COALESCE(t.display_name, ''), " \
  "(SELECT COUNT(*) FROM memberships s WHERE s.group_id = g.id AND s.role = 4) "                           \
  "FROM groups g LEFT JOIN users t ON t.id = g.class_teacher_id "

GroupRecord read_group(const Query& q) {
  GroupRecord g;
  g.id = GroupId(q.column_int(0));
  g.org = OrgId(q.column_int(1));
  g.kind = static_cast<pb::GroupKind>(q.column_int(2));
  g.name = q.column_text(3);
  g.class_teacher = UserId(q.column_int(4));
  g.class_teacher_name = q.column_text(5);
  g.member_count = static_cast<std::uint32_t>(q.column_int(6));
  return g;
}

// Steps `q` to the end, reading each row with `read`.
template <class T, class Read>
Result<std::vector<T>> read_all(Query& q, Read read) {
  std::vector<T> out;
  for (;;) {
    auto row = q.step();
    if (!row) return row.status();
    if (!row.value()) return out;
    out.push_back(read(q));
  }
}

// The first row read with `read`, or nothing.
template <class T, class Read>
Result<std::optional<T>> read_one(Query& q, Read read) {
  auto row = q.step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<T>();
  return std::optional<T>(read(q));
}

}  // namespace

SqliteOrgStore::SqliteOrgStore(SqliteStorage& storage) : db_(storage.db()) {}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

Result<std::vector<pb::Membership>> SqliteOrgStore::memberships_of(UserId user) {
  std::vector<pb::Membership> out;
  {
    auto q = db_.query(
        "SELECT m.org_id, o.name, m.role, m.verified_teacher, COALESCE(m.group_id, 0), COALESCE(g.name, ''), "
        "o.status FROM memberships m JOIN orgs o ON o.id = m.org_id LEFT JOIN groups g ON g.id = m.group_id "
        "WHERE m.user_id = ? ORDER BY m.org_id");
    if (!q) return q.status();
    q->bind(1, user.get());
    auto rows = read_all<pb::Membership>(q.value(), [](const Query& r) {
      pb::Membership m;
      m.set_org_id(r.column_int(0));
      m.set_org_name(r.column_text(1));
      m.set_role(static_cast<pb::Role>(r.column_int(2)));
      m.set_verified_teacher(r.column_int(3) != 0);
      m.set_class_id(r.column_int(4));
      m.set_class_name(r.column_text(5));
      m.set_org_status(static_cast<pb::OrgStatus>(r.column_int(6)));
      return m;
    });
    if (!rows) return rows.status();
    out = std::move(rows).value();
  }
  for (auto& m : out) {
    if (m.role() != pb::ROLE_PARENT) continue;
    auto children = children_of(user, OrgId(m.org_id()));
    if (!children) return children.status();
    for (UserId child : children.value()) m.add_children(child.get());
  }
  return out;
}

Result<bool> SqliteOrgStore::is_platform_operator(UserId user) {
  auto q = db_.query("SELECT platform_operator FROM users WHERE id = ?");
  if (!q) return q.status();
  q->bind(1, user.get());
  auto row = q->step();
  if (!row) return row.status();
  return row.value() && q->column_int(0) != 0;
}

Status SqliteOrgStore::add_login(const std::string& login, UserId user, bool or_ignore) {
  auto q = db_.query(or_ignore ? "INSERT OR IGNORE INTO logins(login, user_id, is_email) VALUES(?, ?, ?)"
                               : "INSERT INTO logins(login, user_id, is_email) VALUES(?, ?, ?)");
  if (!q) return q.status();
  const bool is_email = login.find('@') != std::string::npos;
  return q->bind_text(1, login).bind(2, user.get()).bind(3, is_email ? 1 : 0).run();
}

Result<UserId> SqliteOrgStore::ensure_operator(const std::string& email, const std::string& display_name,
                                               const std::string& password_hash, std::int64_t now_ms) {
  Transaction tx(db_);
  PARTA_TRY(tx.begin());
  UserId id;
  {
    auto q = db_.query("SELECT user_id FROM logins WHERE login = ?");
    if (!q) return q.status();
    q->bind_text(1, email);
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) id = UserId(q->column_int(0));
  }
  if (id.valid()) {
    auto q = db_.query("UPDATE users SET platform_operator = 1, password_hash = ? WHERE id = ?");
    if (!q) return q.status();
    PARTA_TRY(q->bind_text(1, password_hash).bind(2, id.get()).run());
  } else {
    auto q = db_.query(
        "INSERT INTO users(display_name, password_hash, platform_operator, created_at_ms) VALUES(?, ?, 1, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind_text(1, display_name).bind_text(2, password_hash).bind(3, now_ms).run());
    id = UserId(db_.last_insert_rowid());
    PARTA_TRY(add_login(email, id, false));
  }
  PARTA_TRY(tx.commit());
  return id;
}

Result<bool> SqliteOrgStore::login_exists(const std::string& normalized_login) {
  auto q = db_.query("SELECT 1 FROM logins WHERE login = ?");
  if (!q) return q.status();
  q->bind_text(1, normalized_login);
  return q->step();
}

Result<std::optional<UserId>> SqliteOrgStore::user_by_email(const std::string& normalized_email) {
  auto q = db_.query("SELECT user_id FROM logins WHERE login = ? AND is_email = 1");
  if (!q) return q.status();
  q->bind_text(1, normalized_email);
  return read_one<UserId>(q.value(), [](const Query& r) { return UserId(r.column_int(0)); });
}

Result<std::optional<MemberRecord>> SqliteOrgStore::find_member(OrgId org, UserId user) {
  auto q = db_.query("SELECT " PARTA_MEMBER_COLUMNS PARTA_MEMBER_FROM "WHERE m.org_id = ? AND m.user_id = ?");
  if (!q) return q.status();
  q->bind(1, org.get()).bind(2, user.get());
  return read_one<MemberRecord>(q.value(), read_member);
}

Result<std::vector<MemberRecord>> SqliteOrgStore::list_members(OrgId org) {
  auto q =
      db_.query("SELECT " PARTA_MEMBER_COLUMNS PARTA_MEMBER_FROM "WHERE m.org_id = ? ORDER BY u.display_name, u.id");
  if (!q) return q.status();
  q->bind(1, org.get());
  return read_all<MemberRecord>(q.value(), read_member);
}

Result<std::vector<UserId>> SqliteOrgStore::children_of(UserId parent, OrgId org) {
  auto q = db_.query("SELECT child_id FROM guardians WHERE parent_id = ? AND org_id = ? ORDER BY child_id");
  if (!q) return q.status();
  q->bind(1, parent.get()).bind(2, org.get());
  return read_all<UserId>(q.value(), [](const Query& r) { return UserId(r.column_int(0)); });
}

Result<std::int64_t> SqliteOrgStore::count_role(OrgId org, pb::Role role) {
  auto q = db_.query("SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = ?");
  if (!q) return q.status();
  q->bind(1, org.get()).bind(2, role);
  auto row = q->step();
  if (!row) return row.status();
  return q->column_int(0);
}

Status SqliteOrgStore::set_verified(OrgId org, UserId user, bool verified) {
  auto q = db_.query(
      "UPDATE memberships SET verified_teacher = ?, role = CASE WHEN ? = 0 AND role = 2 THEN 3 ELSE role END "
      "WHERE org_id = ? AND user_id = ?");
  if (!q) return q.status();
  return q->bind(1, verified ? 1 : 0).bind(2, verified ? 1 : 0).bind(3, org.get()).bind(4, user.get()).run();
}

Status SqliteOrgStore::set_role(OrgId org, UserId user, pb::Role role) {
  auto q = db_.query("UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?");
  if (!q) return q.status();
  return q->bind(1, role).bind(2, org.get()).bind(3, user.get()).run();
}

Status SqliteOrgStore::link_guardian(UserId parent, UserId child, OrgId org) {
  auto q = db_.query("INSERT OR IGNORE INTO guardians(parent_id, child_id, org_id) VALUES(?, ?, ?)");
  if (!q) return q.status();
  return q->bind(1, parent.get()).bind(2, child.get()).bind(3, org.get()).run();
}

// ---------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------

Result<std::int64_t> SqliteOrgStore::count_orgs() {
  auto q = db_.query("SELECT COUNT(*) FROM orgs");
  if (!q) return q.status();
  auto row = q->step();
  if (!row) return row.status();
  return q->column_int(0);
}

Result<OrgId> SqliteOrgStore::create_org(const std::string& name) {
  auto q = db_.query("INSERT INTO orgs(name) VALUES(?)");
  if (!q) return q.status();
  if (auto s = q->bind_text(1, name).run(); !s) return s;
  return OrgId(db_.last_insert_rowid());
}

Result<ClassId> SqliteOrgStore::create_class(OrgId org, const std::string& name) {
  auto q = db_.query("INSERT INTO groups(org_id, kind, name) VALUES(?, 1, ?)");
  if (!q) return q.status();
  if (auto s = q->bind(1, org.get()).bind_text(2, name).run(); !s) return s;
  return ClassId(db_.last_insert_rowid());
}

Result<std::optional<OrgRecord>> SqliteOrgStore::find_org(OrgId org) {
  auto q = db_.query("SELECT id, name, region, address, journal_url, type, status FROM orgs WHERE id = ?");
  if (!q) return q.status();
  q->bind(1, org.get());
  return read_one<OrgRecord>(q.value(), [](const Query& r) {
    OrgRecord o;
    o.id = OrgId(r.column_int(0));
    o.name = r.column_text(1);
    o.region = r.column_text(2);
    o.address = r.column_text(3);
    o.journal_url = r.column_text(4);
    o.type = static_cast<pb::OrgType>(r.column_int(5));
    o.status = static_cast<pb::OrgStatus>(r.column_int(6));
    return o;
  });
}

Result<std::optional<OrgId>> SqliteOrgStore::find_org_by_name(const std::string& name) {
  auto q = db_.query("SELECT id FROM orgs WHERE name = ? ORDER BY id LIMIT 1");
  if (!q) return q.status();
  q->bind_text(1, name);
  return read_one<OrgId>(q.value(), [](const Query& r) { return OrgId(r.column_int(0)); });
}

Status SqliteOrgStore::set_org_status(OrgId org, pb::OrgStatus status) {
  auto q = db_.query("UPDATE orgs SET status = ? WHERE id = ?");
  if (!q) return q.status();
  return q->bind(1, status).bind(2, org.get()).run();
}

Status SqliteOrgStore::set_journal_url(OrgId org, const std::string& url) {
  auto q = db_.query("UPDATE orgs SET journal_url = ? WHERE id = ?");
  if (!q) return q.status();
  return q->bind_text(1, url).bind(2, org.get()).run();
}

Result<std::vector<OrgId>> SqliteOrgStore::suspended_orgs() {
  auto q = db_.query("SELECT id FROM orgs WHERE status = 2");
  if (!q) return q.status();
  return read_all<OrgId>(q.value(), [](const Query& r) { return OrgId(r.column_int(0)); });
}

// ---------------------------------------------------------------------------
// Uploads and applications
// ---------------------------------------------------------------------------

Status SqliteOrgStore::create_upload(const UploadRecord& u) {
  auto q = db_.query("INSERT INTO uploads(id, content_type, size, created_at_ms, expires_at_ms) VALUES(?, ?, ?, ?, ?)");
  if (!q) return q.status();
  return q->bind_text(1, u.id)
      .bind_text(2, u.content_type)
      .bind(3, u.size)
      .bind(4, u.created_at_ms)
      .bind(5, u.expires_at_ms)
      .run();
}

Result<std::optional<UploadRecord>> SqliteOrgStore::find_upload(const std::string& id) {
  auto q = db_.query("SELECT id, content_type, size, created_at_ms, expires_at_ms, used FROM uploads WHERE id = ?");
  if (!q) return q.status();
  q->bind_text(1, id);
  return read_one<UploadRecord>(q.value(), [](const Query& r) {
    UploadRecord u;
    u.id = r.column_text(0);
    u.content_type = r.column_text(1);
    u.size = r.column_int(2);
    u.created_at_ms = r.column_int(3);
    u.expires_at_ms = r.column_int(4);
    u.used = r.column_int(5) != 0;
    return u;
  });
}

Result<std::vector<std::string>> SqliteOrgStore::take_expired_uploads(std::int64_t now_ms) {
  auto q = db_.query("DELETE FROM uploads WHERE used = 0 AND expires_at_ms <= ? RETURNING id");
  if (!q) return q.status();
  q->bind(1, now_ms);
  return read_all<std::string>(q.value(), [](const Query& r) { return r.column_text(0); });
}

Result<bool> SqliteOrgStore::pending_application_for(const std::string& email, const std::string& phone) {
  auto q = db_.query("SELECT 1 FROM applications WHERE status = 1 AND (admin_email = ? OR admin_phone = ?)");
  if (!q) return q.status();
  q->bind_text(1, email).bind_text(2, phone);
  return q->step();
}

Result<ApplicationId> SqliteOrgStore::create_application(const ApplicationRecord& a, std::int64_t now_ms) {
  Transaction tx(db_);
  PARTA_TRY(tx.begin());
  {
    // Claim the upload: one application per document, and only a fresh one.
    auto q = db_.query("UPDATE uploads SET used = 1 WHERE id = ? AND used = 0 AND expires_at_ms > ? RETURNING id");
    if (!q) return q.status();
    q->bind_text(1, a.document_id).bind(2, now_ms);
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return Status(pb::ERROR_NOT_FOUND, "no such upload (or already used, or expired)");
  }
  auto q = db_.query(
      "INSERT INTO applications(org_name, region, address, type, admin_name, admin_phone, admin_email, "
      "admin_password_hash, document_id, document_type, submitted_at_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q) return q.status();
  q->bind_text(1, a.org_name)
      .bind_text(2, a.region)
      .bind_text(3, a.address)
      .bind(4, a.type)
      .bind_text(5, a.admin_name)
      .bind_text(6, a.admin_phone)
      .bind_text(7, a.admin_email)
      .bind_text(8, a.admin_password_hash)
      .bind_text(9, a.document_id)
      .bind_text(10, a.document_type)
      .bind(11, a.submitted_at_ms);
  PARTA_TRY(q->run());
  const ApplicationId id(db_.last_insert_rowid());
  PARTA_TRY(tx.commit());
  return id;
}

Result<std::vector<ApplicationRecord>> SqliteOrgStore::list_applications(pb::ApplicationStatus status) {
  // Pending first (oldest first: a queue), then the decided ones, newest first.
  auto q = db_.query("SELECT " PARTA_APPLICATION_COLUMNS
                     "FROM applications WHERE ? = 0 OR status = ? "
                     "ORDER BY status <> 1, CASE WHEN status = 1 THEN id ELSE -id END LIMIT 1000");
  if (!q) return q.status();
  q->bind(1, status).bind(2, status);
  return read_all<ApplicationRecord>(q.value(), read_application);
}

Result<std::optional<ApplicationRecord>> SqliteOrgStore::find_application(ApplicationId id) {
  auto q = db_.query("SELECT " PARTA_APPLICATION_COLUMNS "FROM applications WHERE id = ?");
  if (!q) return q.status();
  q->bind(1, id.get());
  return read_one<ApplicationRecord>(q.value(), read_application);
}

Result<OrgId> SqliteOrgStore::approve_application(ApplicationId id, std::int64_t now_ms) {
  Transaction tx(db_);
  PARTA_TRY(tx.begin());
  auto found = find_application(id);
  if (!found) return found.status();
  if (!found.value()) return Status(pb::ERROR_NOT_FOUND, "no such application");
  const ApplicationRecord& a = *found.value();
  if (a.status != pb::APPLICATION_PENDING) return Status(pb::ERROR_INVALID_ARGUMENT, "already decided");
  auto taken = login_exists(a.admin_email);
  if (!taken) return taken.status();
  if (taken.value()) return Status(pb::ERROR_ALREADY_EXISTS, "the applicant's e-mail is already registered");

  OrgId org;
  {
    auto q = db_.query("INSERT INTO orgs(name, type, region, address, status, created_at_ms) VALUES(?, ?, ?, ?, 1, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind_text(1, a.org_name)
                  .bind(2, a.type)
                  .bind_text(3, a.region)
                  .bind_text(4, a.address)
                  .bind(5, now_ms)
                  .run());
    org = OrgId(db_.last_insert_rowid());
  }
  UserId admin;
  {
    auto q = db_.query("INSERT INTO users(display_name, password_hash, created_at_ms) VALUES(?, ?, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind_text(1, a.admin_name).bind_text(2, a.admin_password_hash).bind(3, now_ms).run());
    admin = UserId(db_.last_insert_rowid());
  }
  PARTA_TRY(add_login(a.admin_email, admin, false));
  PARTA_TRY(add_login(a.admin_phone, admin, true));  // a second login, if nobody has it
  {
    auto q = db_.query("INSERT INTO memberships(user_id, org_id, role, joined_at_ms) VALUES(?, ?, 1, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, admin.get()).bind(2, org.get()).bind(3, now_ms).run());
  }
  {
    auto q = db_.query("UPDATE applications SET status = 2, org_id = ?, decided_at_ms = ? WHERE id = ?");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, org.get()).bind(2, now_ms).bind(3, id.get()).run());
  }
  PARTA_TRY(tx.commit());
  log_info("application ", id.get(), " approved: org ", org.get(), ", admin ", admin.get());
  return org;
}

Status SqliteOrgStore::reject_application(ApplicationId id, const std::string& reason, std::int64_t now_ms) {
  auto q = db_.query(
      "UPDATE applications SET status = 3, decision_reason = ?, decided_at_ms = ? WHERE id = ? AND status = 1 "
      "RETURNING id");
  if (!q) return q.status();
  q->bind_text(1, reason).bind(2, now_ms).bind(3, id.get());
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return {pb::ERROR_INVALID_ARGUMENT, "already decided"};
  return Status::ok();
}

// ---------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------

Result<std::vector<GroupRecord>> SqliteOrgStore::list_groups(OrgId org) {
  auto q = db_.query(PARTA_GROUP_SELECT "WHERE g.org_id = ? ORDER BY g.kind, g.name, g.id");
  if (!q) return q.status();
  q->bind(1, org.get());
  return read_all<GroupRecord>(q.value(), read_group);
}

Result<GroupId> SqliteOrgStore::create_group(OrgId org, pb::GroupKind kind, const std::string& name) {
  {
    auto q = db_.query("SELECT 1 FROM groups WHERE org_id = ? AND name = ?");
    if (!q) return q.status();
    q->bind(1, org.get()).bind_text(2, name);
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) return Status(pb::ERROR_ALREADY_EXISTS, "a group of that name exists");
  }
  auto q = db_.query("INSERT INTO groups(org_id, kind, name) VALUES(?, ?, ?)");
  if (!q) return q.status();
  PARTA_TRY(q->bind(1, org.get()).bind(2, kind).bind_text(3, name).run());
  return GroupId(db_.last_insert_rowid());
}

Result<std::optional<GroupRecord>> SqliteOrgStore::find_group(GroupId group) {
  auto q = db_.query(PARTA_GROUP_SELECT "WHERE g.id = ?");
  if (!q) return q.status();
  q->bind(1, group.get());
  return read_one<GroupRecord>(q.value(), read_group);
}

Status SqliteOrgStore::set_class_teacher(GroupId group, UserId teacher) {
  Transaction tx(db_);
  PARTA_TRY(tx.begin());
  {
    auto q = db_.query("UPDATE groups SET class_teacher_id = ? WHERE id = ?");
    if (!q) return q.status();
    if (teacher.valid()) {
      q->bind(1, teacher.get());
    } else {
      q->bind_null(1);
    }
    PARTA_TRY(q->bind(2, group.get()).run());
  }
  if (teacher.valid()) {
    auto q = db_.query(
        "INSERT OR IGNORE INTO chat_members(chat_id, user_id) "
        "SELECT id, ? FROM chats WHERE group_id = ? AND purpose IN (1, 2)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, teacher.get()).bind(2, group.get()).run());
  }
  {  // The class teacher owns the class's chats; a previous one keeps the default role.
    auto q = db_.query(
        "UPDATE chat_members SET role = CASE WHEN user_id = ? THEN 1 ELSE 0 END "
        "WHERE chat_id IN (SELECT id FROM chats WHERE group_id = ? AND purpose IN (1, 2)) AND (user_id = ? OR role = 1)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, teacher.get()).bind(2, group.get()).bind(3, teacher.get()).run());
  }
  {
    // Members and roles changed: one chat event each (see SqliteOrgStore::join_chat).
    auto q = db_.query(
        "UPDATE chats SET last_seq = last_seq + 1, changed_seq = last_seq + 1 WHERE group_id = ? AND purpose IN (1, 2)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, group.get()).run());
  }
  {
    auto q = db_.query("UPDATE chats SET owner_id = ? WHERE group_id = ? AND purpose IN (1, 2)");
    if (!q) return q.status();
    if (teacher.valid()) {
      q->bind(1, teacher.get());
    } else {
      q->bind_null(1);
    }
    PARTA_TRY(q->bind(2, group.get()).run());
  }
  return tx.commit();
}

#undef PARTA_MEMBER_COLUMNS
#undef PARTA_MEMBER_FROM
#undef PARTA_APPLICATION_COLUMNS
#undef PARTA_GROUP_SELECT

}  // namespace parta::server
