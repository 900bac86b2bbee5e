// SqliteStorage: chats, their members (roles, mutes, read positions), settings,
// the chat list, and the per-chat event seq.
#include <algorithm>

#include "server/app/log.h"
#include "server/storage/sqlite_rows.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server {

using sqlite_rows::as_sql_seq;

Result<ChatId> SqliteStorage::create_chat(const NewChat& chat) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  ChatId id;
  {
    auto q = db_->query(
        "INSERT INTO chats(org_id, kind, title, owner_id, post_policy, poll_policy) VALUES(?, ?, ?, ?, ?, ?)");
    if (!q) return q.status();
    q->bind(1, chat.org.get()).bind(2, chat.kind).bind_text(3, chat.title);
    if (chat.owner.valid()) {
      q->bind(4, chat.owner.get());
    } else {
      q->bind_null(4);
    }
    PARTA_TRY(q->bind(5, chat.post_policy).bind(6, chat.poll_policy).run());
    id = ChatId(db_->last_insert_rowid());
  }
  for (UserId member : chat.members) {
    auto q = db_->query("INSERT OR IGNORE INTO chat_members(chat_id, user_id, role) VALUES(?, ?, ?)");
    if (!q) return q.status();
    const int role = chat.owner.valid() && member == chat.owner ? pb::CHAT_ROLE_OWNER : pb::CHAT_ROLE_UNSPECIFIED;
    PARTA_TRY(q->bind(1, id.get()).bind(2, member.get()).bind(3, role).run());
  }
  PARTA_TRY(tx.commit());
  return id;
}

Result<bool> SqliteStorage::is_member(ChatId chat, UserId user) {
  auto q = db_->query("SELECT 1 FROM chat_members WHERE chat_id = ? AND user_id = ?");
  if (!q) return q.status();
  q->bind(1, chat.get()).bind(2, user.get());
  return q->step();
}

Result<std::vector<UserId>> SqliteStorage::chat_member_ids(ChatId chat) {
  auto q = db_->query("SELECT user_id FROM chat_members WHERE chat_id = ?");
  if (!q) return q.status();
  q->bind(1, chat.get());
  std::vector<UserId> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return out;
    out.emplace_back(q->column_int(0));
  }
}

Result<std::optional<ChatAccess>> SqliteStorage::chat_access(ChatId chat) {
  ChatAccess access;
  {
    auto q = db_->query(
        "SELECT id, org_id, kind, title, post_policy, poll_policy, COALESCE(owner_id, 0), last_seq, changed_seq "
        "FROM chats WHERE id = ?");
    if (!q) return q.status();
    q->bind(1, chat.get());
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return std::optional<ChatAccess>();
    access.id = ChatId(q->column_int(0));
    access.org = OrgId(q->column_int(1));
    access.kind = static_cast<pb::ChatKind>(q->column_int(2));
    access.title = q->column_text(3);
    access.post_policy = static_cast<pb::PostPolicy>(q->column_int(4));
    access.poll_policy = static_cast<pb::PollPolicy>(q->column_int(5));
    access.owner = UserId(q->column_int(6));
    access.last_seq = static_cast<std::uint64_t>(q->column_int(7));
    access.changed_seq = static_cast<std::uint64_t>(q->column_int(8));
  }
  // Each member as seen in the chat's organization.
  auto q = db_->query(
      "SELECT u.id, c.org_id, COALESCE(m.role, 0), u.display_name, COALESCE(m.verified_teacher, 0), "
      "COALESCE(CASE WHEN m.role = 4 THEN g.name END, ''), cm.role, cm.muted, cm.read_seq "
      "FROM chat_members cm JOIN chats c ON c.id = cm.chat_id JOIN users u ON u.id = cm.user_id "
      "LEFT JOIN memberships m ON m.user_id = u.id AND m.org_id = c.org_id LEFT JOIN groups g ON g.id = m.group_id "
      "WHERE cm.chat_id = ? ORDER BY u.id");
  if (!q) return q.status();
  q->bind(1, chat.get());
  for (;;) {
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) break;
    ChatMemberRecord rec;
    rec.user.id = UserId(q->column_int(0));
    rec.user.org = OrgId(q->column_int(1));
    rec.user.role = static_cast<pb::Role>(q->column_int(2));
    rec.user.display_name = q->column_text(3);
    rec.user.verified_teacher = q->column_int(4) != 0;
    rec.user.class_name = q->column_text(5);
    rec.role = static_cast<pb::ChatRole>(q->column_int(6));
    rec.muted = q->column_int(7) != 0;
    rec.read_seq = static_cast<std::uint64_t>(q->column_int(8));
    access.members.push_back(std::move(rec));
  }
  return std::optional<ChatAccess>(std::move(access));
}

Result<std::uint64_t> SqliteStorage::next_seq(ChatId chat) {
  auto q = db_->query("UPDATE chats SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq");
  if (!q) return q.status();
  q->bind(1, chat.get());
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  const auto seq = static_cast<std::uint64_t>(q->column_int(0));
  PARTA_TRY(q->run());  // finish the statement
  return seq;
}

Result<std::uint64_t> SqliteStorage::last_seq(ChatId chat) {
  auto q = db_->query("SELECT last_seq FROM chats WHERE id = ?");
  if (!q) return q.status();
  q->bind(1, chat.get());
  auto row = q->step();
  if (!row) return row.status();
  return row.value() ? static_cast<std::uint64_t>(q->column_int(0)) : 0;
}

Result<std::uint64_t> SqliteStorage::chat_changed(ChatId chat) {
  auto seq = next_seq(chat);
  if (!seq) return seq;
  auto q = db_->query("UPDATE chats SET changed_seq = ? WHERE id = ?");
  if (!q) return q.status();
  PARTA_TRY(q->bind(1, static_cast<std::int64_t>(seq.value())).bind(2, chat.get()).run());
  return seq;
}

Result<std::optional<ChatInfo>> SqliteStorage::find_chat(ChatId chat) {
  auto q = db_->query("SELECT id, org_id, kind, title FROM chats WHERE id = ?");
  if (!q) return q.status();
  q->bind(1, chat.get());
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<ChatInfo>();
  ChatInfo c;
  c.id = ChatId(q->column_int(0));
  c.org = OrgId(q->column_int(1));
  c.kind = static_cast<pb::ChatKind>(q->column_int(2));
  c.title = q->column_text(3);
  return std::optional<ChatInfo>(std::move(c));
}

Result<std::vector<ChatSummary>> SqliteStorage::list_chats(UserId user) {
  std::vector<ChatSummary> chats;
  std::vector<ChatId> ids;
  {
    auto q = db_->query("SELECT chat_id FROM chat_members WHERE user_id = ?");
    if (!q) return q.status();
    q->bind(1, user.get());
    for (;;) {
      auto row = q->step();
      if (!row) return row.status();
      if (!row.value()) break;
      ids.emplace_back(q->column_int(0));
    }
  }
  // Per chat: settings and members, newest message, unread count, pins. Each is an index lookup.
  for (ChatId id : ids) {
    auto access = chat_access(id);
    if (!access) return access.status();
    if (!access.value()) continue;
    ChatSummary chat;
    chat.chat = std::move(*access.value());
    if (const auto* me = chat.chat.find(user)) chat.read_seq = me->read_seq;
    {
      auto q = db_->query(PARTA_MESSAGE_SELECT "WHERE m.chat_id = ? AND m.deleted = 0 ORDER BY m.seq DESC LIMIT 1");
      if (!q) return q.status();
      q->bind(1, id.get());
      auto rows = read_messages(q.value());
      if (!rows) return rows.status();
      if (!rows->empty()) chat.last_message = std::move(rows->front());
    }
    {
      auto q =
          db_->query("SELECT COUNT(*) FROM messages WHERE chat_id = ? AND seq > ? AND sender_id <> ? AND deleted = 0");
      if (!q) return q.status();
      q->bind(1, id.get()).bind(2, as_sql_seq(chat.read_seq)).bind(3, user.get());
      auto row = q->step();
      if (!row) return row.status();
      chat.unread_count = static_cast<std::uint32_t>(q->column_int(0));
    }
    {
      auto q = db_->query("SELECT seq FROM messages WHERE chat_id = ? AND pinned_seq > 0 ORDER BY pinned_seq DESC");
      if (!q) return q.status();
      q->bind(1, id.get());
      for (;;) {
        auto row = q->step();
        if (!row) return row.status();
        if (!row.value()) break;
        chat.pinned_seqs.push_back(static_cast<std::uint64_t>(q->column_int(0)));
      }
    }
    chats.push_back(std::move(chat));
  }
  // Newest activity first; chats without messages last, newest chat first.
  std::sort(chats.begin(), chats.end(), [](const ChatSummary& a, const ChatSummary& b) {
    const std::int64_t ta = a.last_message ? a.last_message->sent_at_ms : -1;
    const std::int64_t tb = b.last_message ? b.last_message->sent_at_ms : -1;
    if (ta != tb) return ta > tb;
    return a.chat.id > b.chat.id;
  });
  return chats;
}

Result<std::uint64_t> SqliteStorage::set_chat_settings(ChatId chat, pb::PostPolicy post, pb::PollPolicy poll) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  {
    auto q = db_->query("UPDATE chats SET post_policy = ?, poll_policy = ? WHERE id = ?");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, post).bind(2, poll).bind(3, chat.get()).run());
  }
  auto seq = chat_changed(chat);
  if (!seq) return seq;
  PARTA_TRY(tx.commit());
  return seq;
}

namespace {

// Updates one column of one member row; NOT_FOUND when they are not a member.
Status update_member(SqliteDb& db, const char* sql, std::int64_t value, ChatId chat, UserId user) {
  auto q = db.query(sql);
  if (!q) return q.status();
  q->bind(1, value).bind(2, chat.get()).bind(3, user.get());
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return {pb::ERROR_NOT_FOUND, "no such member"};
  return q->run();
}

}  // namespace

Result<std::uint64_t> SqliteStorage::set_chat_member_role(ChatId chat, UserId user, pb::ChatRole role) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  PARTA_TRY(update_member(*db_, "UPDATE chat_members SET role = ? WHERE chat_id = ? AND user_id = ? RETURNING 1", role,
                          chat, user));
  auto seq = chat_changed(chat);
  if (!seq) return seq;
  PARTA_TRY(tx.commit());
  return seq;
}

Result<std::uint64_t> SqliteStorage::set_chat_member_muted(ChatId chat, UserId user, bool muted) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  PARTA_TRY(update_member(*db_, "UPDATE chat_members SET muted = ? WHERE chat_id = ? AND user_id = ? RETURNING 1",
                          muted ? 1 : 0, chat, user));
  auto seq = chat_changed(chat);
  if (!seq) return seq;
  PARTA_TRY(tx.commit());
  return seq;
}

Result<std::uint64_t> SqliteStorage::remove_chat_member(ChatId chat, UserId user) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  {
    auto q = db_->query("DELETE FROM chat_members WHERE chat_id = ? AND user_id = ? RETURNING 1");
    if (!q) return q.status();
    q->bind(1, chat.get()).bind(2, user.get());
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return Status(pb::ERROR_NOT_FOUND, "no such member");
    PARTA_TRY(q->run());
  }
  {  // Their votes stay (a poll's counts do not change when someone leaves).
    auto q = db_->query("UPDATE chats SET owner_id = NULL WHERE id = ? AND owner_id = ?");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, chat.get()).bind(2, user.get()).run());
  }
  auto seq = chat_changed(chat);
  if (!seq) return seq;
  PARTA_TRY(tx.commit());
  return seq;
}

}  // namespace parta::server
