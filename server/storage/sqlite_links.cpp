// SqliteOrgStore, part 3: invite links, registration through a link (one
// transaction), pending registrations, joining chats.
#include "server/app/log.h"
#include "server/storage/sqlite_org_store.h"

namespace parta::server {

namespace {

constexpr int kClassChat = 1;  // chats.purpose
constexpr int kParentsChat = 2;

#define PARTA_LINK_SELECT                                                                                    \
  "SELECT l.id, l.token, l.org_id, l.kind, COALESCE(l.group_id, 0), COALESCE(l.chat_id, 0), "                \
  "COALESCE(l.child_id, 0), l.created_by, l.created_at_ms, l.expires_at_ms, l.max_uses, l.uses, l.revoked, " \
  "o.name, o.status, COALESCE(g.name, ''), COALESCE(c.title, ''), COALESCE(cb.display_name, ''), "           \
  "COALESCE(ch.display_name, '') "                                                                           \
  "FROM invite_links l JOIN orgs o ON o.id = l.org_id LEFT JOIN groups g ON g.id = l.group_id "              \
  "LEFT JOIN chats c ON c.id = l.chat_id LEFT JOIN users cb ON cb.id = l.created_by "                        \
  "LEFT JOIN users ch ON ch.id = l.child_id "

LinkRecord read_link(const Query& q) {
  LinkRecord l;
  l.id = LinkId(q.column_int(0));
  l.token = q.column_text(1);
  l.org = OrgId(q.column_int(2));
  l.kind = static_cast<pb::LinkKind>(q.column_int(3));
  l.group = GroupId(q.column_int(4));
  l.chat = ChatId(q.column_int(5));
  l.child = UserId(q.column_int(6));
  l.created_by = UserId(q.column_int(7));
  l.created_at_ms = q.column_int(8);
  l.expires_at_ms = q.column_int(9);
  l.max_uses = static_cast<std::uint32_t>(q.column_int(10));
  l.uses = static_cast<std::uint32_t>(q.column_int(11));
  l.revoked = q.column_int(12) != 0;
  l.org_name = q.column_text(13);
  l.org_status = static_cast<pb::OrgStatus>(q.column_int(14));
  l.group_name = q.column_text(15);
  l.chat_title = q.column_text(16);
  l.created_by_name = q.column_text(17);
  l.child_name = q.column_text(18);
  return l;
}

Result<std::optional<LinkRecord>> read_one_link(Query& q) {
  auto row = q.step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<LinkRecord>();
  return std::optional<LinkRecord>(read_link(q));
}

pb::Role role_for(pb::LinkKind kind) {
  switch (kind) {
    case pb::LINK_KIND_STAFF:
      return pb::ROLE_TEACHER;
    case pb::LINK_KIND_STUDENTS:
      return pb::ROLE_STUDENT;
    case pb::LINK_KIND_PARENTS:
      return pb::ROLE_PARENT;
    default:
      return pb::ROLE_UNSPECIFIED;
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------

Result<LinkId> SqliteOrgStore::create_link(const LinkRecord& l) {
  auto q = db_.query(
      "INSERT INTO invite_links(token, org_id, kind, group_id, chat_id, child_id, created_by, created_at_ms, "
      "expires_at_ms, max_uses) VALUES(?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?)");
  if (!q) return q.status();
  q->bind_text(1, l.token)
      .bind(2, l.org.get())
      .bind(3, l.kind)
      .bind(4, l.group.get())
      .bind(5, l.chat.get())
      .bind(6, l.child.get())
      .bind(7, l.created_by.get())
      .bind(8, l.created_at_ms)
      .bind(9, l.expires_at_ms)
      .bind(10, l.max_uses);
  PARTA_TRY(q->run());
  return LinkId(db_.last_insert_rowid());
}

Result<std::optional<LinkRecord>> SqliteOrgStore::find_link(LinkId id) {
  auto q = db_.query(PARTA_LINK_SELECT "WHERE l.id = ?");
  if (!q) return q.status();
  q->bind(1, id.get());
  return read_one_link(q.value());
}

Result<std::optional<LinkRecord>> SqliteOrgStore::find_link_by_token(const std::string& token) {
  auto q = db_.query(PARTA_LINK_SELECT "WHERE l.token = ?");
  if (!q) return q.status();
  q->bind_text(1, token);
  return read_one_link(q.value());
}

Result<std::vector<LinkRecord>> SqliteOrgStore::list_links(OrgId org, UserId created_by) {
  auto q =
      db_.query(PARTA_LINK_SELECT "WHERE l.org_id = ? AND (? = 0 OR l.created_by = ?) ORDER BY l.id DESC LIMIT 500");
  if (!q) return q.status();
  q->bind(1, org.get()).bind(2, created_by.get()).bind(3, created_by.get());
  std::vector<LinkRecord> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return out;
    out.push_back(read_link(q.value()));
  }
}

Status SqliteOrgStore::revoke_link(LinkId id) {
  auto q = db_.query("UPDATE invite_links SET revoked = 1 WHERE id = ?");
  if (!q) return q.status();
  return q->bind(1, id.get()).run();
}

Status SqliteOrgStore::delete_unused_link(LinkId id) {
  auto q = db_.query("DELETE FROM invite_links WHERE id = ? AND uses = 0");
  if (!q) return q.status();
  return q->bind(1, id.get()).run();
}

// ---------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------

Result<ChatId> SqliteOrgStore::ensure_class_chat(const GroupRecord& group, int purpose) {
  {
    auto q = db_.query("SELECT id FROM chats WHERE group_id = ? AND purpose = ? ORDER BY id LIMIT 1");
    if (!q) return q.status();
    q->bind(1, group.id.get()).bind(2, purpose);
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) return ChatId(q->column_int(0));
  }
  const std::string title = purpose == kParentsChat ? "Родители " + group.name : group.name;
  ChatId chat;
  {
    auto q = db_.query("INSERT INTO chats(org_id, kind, title, group_id, purpose) VALUES(?, ?, ?, ?, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, group.org.get())
                  .bind(2, pb::CHAT_KIND_GROUP)
                  .bind_text(3, title)
                  .bind(4, group.id.get())
                  .bind(5, purpose)
                  .run());
    chat = ChatId(db_.last_insert_rowid());
  }
  if (group.class_teacher.valid()) {
    auto joined = join_chat(chat, group.class_teacher);
    if (!joined) return joined.status();
    // The class teacher owns the class's chats.
    auto role = db_.query("UPDATE chat_members SET role = 1 WHERE chat_id = ? AND user_id = ?");
    if (!role) return role.status();
    PARTA_TRY(role->bind(1, chat.get()).bind(2, group.class_teacher.get()).run());
    auto owner = db_.query("UPDATE chats SET owner_id = ? WHERE id = ?");
    if (!owner) return owner.status();
    PARTA_TRY(owner->bind(1, group.class_teacher.get()).bind(2, chat.get()).run());
  }
  log_info("created the ", purpose == kParentsChat ? "parents' " : "class ", "chat ", chat.get(), " of group ",
           group.id.get());
  return chat;
}

Status SqliteOrgStore::use_link(const LinkRecord& link, std::int64_t now_ms) {
  if (link.revoked) return {pb::ERROR_LINK_REVOKED, "the link was revoked"};
  if (link.expires_at_ms <= now_ms) return {pb::ERROR_LINK_EXPIRED, "the link has expired"};
  if (link.max_uses != 0 && link.uses >= link.max_uses) return {pb::ERROR_LINK_USED_UP, "the link is used up"};
  if (link.org_status == pb::ORG_STATUS_SUSPENDED) return {pb::ERROR_ORG_SUSPENDED, "the organization is suspended"};
  // The same conditions in the UPDATE: two registrations can never both take a
  // link's last use, whatever was read before.
  auto q = db_.query(
      "UPDATE invite_links SET uses = uses + 1 WHERE id = ? AND revoked = 0 AND expires_at_ms > ? "
      "AND (max_uses = 0 OR uses < max_uses) RETURNING uses");
  if (!q) return q.status();
  q->bind(1, link.id.get()).bind(2, now_ms);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return {pb::ERROR_LINK_USED_UP, "the link is used up"};
  return Status::ok();
}

Result<UserId> SqliteOrgStore::register_member(const NewMember& member) {
  Transaction tx(db_);
  PARTA_TRY(tx.begin());
  auto found = find_link(member.link);
  if (!found) return found.status();
  if (!found.value()) return Status(pb::ERROR_NOT_FOUND, "no such link");
  const LinkRecord& link = *found.value();
  const pb::Role role = role_for(link.kind);
  if (role == pb::ROLE_UNSPECIFIED) return Status(pb::ERROR_INVALID_ARGUMENT, "this link does not register people");
  PARTA_TRY(use_link(link, member.now_ms));
  auto taken = login_exists(member.login);
  if (!taken) return taken.status();
  if (taken.value()) return Status(pb::ERROR_ALREADY_EXISTS, "this login is already registered");
  UserId user;
  {
    auto q = db_.query("INSERT INTO users(display_name, password_hash, created_at_ms) VALUES(?, ?, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind_text(1, member.display_name).bind_text(2, member.password_hash).bind(3, member.now_ms).run());
    user = UserId(db_.last_insert_rowid());
  }
  PARTA_TRY(add_login(member.login, user, false));
  {
    auto q = db_.query(
        "INSERT INTO memberships(user_id, org_id, role, group_id, verified_teacher, joined_at_ms) "
        "VALUES(?, ?, ?, NULLIF(?, 0), 0, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, user.get())
                  .bind(2, link.org.get())
                  .bind(3, role)
                  .bind(4, link.group.get())
                  .bind(5, member.now_ms)
                  .run());
  }
  if (role == pb::ROLE_STUDENT || role == pb::ROLE_PARENT) {
    auto group = find_group(link.group);
    if (!group) return group.status();
    if (!group.value() || group.value()->org != link.org)
      return Status(pb::ERROR_NOT_FOUND, "the link's class is gone");
    auto chat = ensure_class_chat(*group.value(), role == pb::ROLE_STUDENT ? kClassChat : kParentsChat);
    if (!chat) return chat.status();
    auto joined = join_chat(chat.value(), user);
    if (!joined) return joined.status();
  }
  if (role == pb::ROLE_PARENT && link.child.valid()) PARTA_TRY(link_guardian(user, link.child, link.org));
  PARTA_TRY(tx.commit());
  return user;
}

Status SqliteOrgStore::create_pending_registration(const PendingRegistration& p) {
  auto q = db_.query(
      "INSERT INTO pending_registrations(id, link_id, display_name, login, password_hash, parent_email, code_hash, "
      "created_at_ms, expires_at_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q) return q.status();
  return q->bind_text(1, p.id)
      .bind(2, p.link.get())
      .bind_text(3, p.display_name)
      .bind_text(4, p.login)
      .bind_text(5, p.password_hash)
      .bind_text(6, p.parent_email)
      .bind_blob(7, p.code_hash)
      .bind(8, p.created_at_ms)
      .bind(9, p.expires_at_ms)
      .run();
}

Result<std::optional<PendingRegistration>> SqliteOrgStore::find_pending_registration(const std::string& id) {
  auto q = db_.query(
      "SELECT id, link_id, display_name, login, password_hash, parent_email, code_hash, attempts, created_at_ms, "
      "expires_at_ms FROM pending_registrations WHERE id = ?");
  if (!q) return q.status();
  q->bind_text(1, id);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<PendingRegistration>();
  PendingRegistration p;
  p.id = q->column_text(0);
  p.link = LinkId(q->column_int(1));
  p.display_name = q->column_text(2);
  p.login = q->column_text(3);
  p.password_hash = q->column_text(4);
  p.parent_email = q->column_text(5);
  p.code_hash = q->column_text(6);
  p.attempts = static_cast<int>(q->column_int(7));
  p.created_at_ms = q->column_int(8);
  p.expires_at_ms = q->column_int(9);
  return std::optional<PendingRegistration>(std::move(p));
}

Status SqliteOrgStore::count_registration_attempt(const std::string& id) {
  auto q = db_.query("UPDATE pending_registrations SET attempts = attempts + 1 WHERE id = ?");
  if (!q) return q.status();
  return q->bind_text(1, id).run();
}

Status SqliteOrgStore::delete_pending_registration(const std::string& id) {
  auto q = db_.query("DELETE FROM pending_registrations WHERE id = ?");
  if (!q) return q.status();
  return q->bind_text(1, id).run();
}

// ---------------------------------------------------------------------------
// Joining chats
// ---------------------------------------------------------------------------

Result<bool> SqliteOrgStore::join_chat(ChatId chat, UserId user) {
  auto q = db_.query("INSERT OR IGNORE INTO chat_members(chat_id, user_id) VALUES(?, ?) RETURNING user_id");
  if (!q) return q.status();
  q->bind(1, chat.get()).bind(2, user.get());
  auto row = q->step();
  if (!row) return row.status();
  const bool joined = row.value();
  if (!joined) return false;
  PARTA_TRY(q->run());  // finish the statement
  // The members changed: a chat event (its seq), so every member's catch-up
  // brings the new roster (ChatEvent.chat_changed) with the next event they see.
  auto bump = db_.query("UPDATE chats SET last_seq = last_seq + 1, changed_seq = last_seq + 1 WHERE id = ?");
  if (!bump) return bump.status();
  PARTA_TRY(bump->bind(1, chat.get()).run());
  return true;
}

Result<bool> SqliteOrgStore::join_chat_by_link(LinkId link_id, UserId user, std::int64_t now_ms) {
  Transaction tx(db_);
  PARTA_TRY(tx.begin());
  auto found = find_link(link_id);
  if (!found) return found.status();
  if (!found.value() || !found.value()->chat.valid()) return Status(pb::ERROR_NOT_FOUND, "no such link");
  const LinkRecord& link = *found.value();
  {
    auto q = db_.query("SELECT 1 FROM chat_members WHERE chat_id = ? AND user_id = ?");
    if (!q) return q.status();
    q->bind(1, link.chat.get()).bind(2, user.get());
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) return false;  // already in: no use counted, nothing changed
  }
  PARTA_TRY(use_link(link, now_ms));
  auto joined = join_chat(link.chat, user);
  if (!joined) return joined.status();
  PARTA_TRY(tx.commit());
  return true;
}

Status SqliteOrgStore::bind_class_chat(ChatId chat, GroupId group, bool parents) {
  auto q = db_.query("UPDATE chats SET group_id = ?, purpose = ? WHERE id = ?");
  if (!q) return q.status();
  return q->bind(1, group.get()).bind(2, parents ? kParentsChat : kClassChat).bind(3, chat.get()).run();
}

#undef PARTA_LINK_SELECT

}  // namespace parta::server
