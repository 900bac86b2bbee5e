// SqliteStorage: chats, members, messages (append with dedupe, history pages), read positions.
#include <algorithm>

#include "server/log.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server {

namespace {

// Columns: chat_id, seq, sender_id, sender_name, client_id, text, sent_at_ms.
#define PARTA_MESSAGE_COLUMNS "m.chat_id, m.seq, m.sender_id, u.display_name, m.client_id, m.text, m.sent_at_ms "

MessageRecord read_message(const Query& q) {
  MessageRecord m;
  m.chat = ChatId(q.column_int(0));
  m.seq = static_cast<std::uint64_t>(q.column_int(1));
  m.sender = UserId(q.column_int(2));
  m.sender_name = q.column_text(3);
  m.client_id = q.column_text(4);
  m.text = q.column_text(5);
  m.sent_at_ms = q.column_int(6);
  return m;
}

// Steps a query to the end and collects its message rows.
Result<std::vector<MessageRecord>> read_messages(Query& q) {
  std::vector<MessageRecord> out;
  for (;;) {
    auto row = q.step();
    if (!row) return row.status();
    if (!row.value()) return out;
    out.push_back(read_message(q));
  }
}

// Bounds user-supplied seqs so they fit SQLite's signed integers.
std::int64_t as_sql_seq(std::uint64_t seq) {
  return seq > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(seq);
}

}  // namespace

Result<ChatId> SqliteStorage::create_chat(OrgId org, pb::ChatKind kind, const std::string& title,
                                          const std::vector<UserId>& members) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s;
  ChatId chat;
  {
    auto q = db_->query("INSERT INTO chats(org_id, kind, title) VALUES(?, ?, ?)");
    if (!q) return q.status();
    if (auto s = q->bind(1, org.get()).bind(2, kind).bind_text(3, title).run(); !s) return s;
    chat = ChatId(db_->last_insert_rowid());
  }
  for (UserId member : members) {
    auto q = db_->query("INSERT INTO chat_members(chat_id, user_id) VALUES(?, ?)");
    if (!q) return q.status();
    if (auto s = q->bind(1, chat.get()).bind(2, member.get()).run(); !s) return s;
  }
  if (auto s = tx.commit(); !s) return s;
  return chat;
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

Result<std::vector<UserRecord>> SqliteStorage::members_of(ChatId chat) {
  // Each member as seen in the chat's organization.
  auto q = db_->query(
      "SELECT u.id, c.org_id, COALESCE(m.role, 0), u.display_name, COALESCE(m.verified_teacher, 0), "
      "COALESCE(CASE WHEN m.role = 4 THEN g.name END, '') "
      "FROM chat_members cm JOIN chats c ON c.id = cm.chat_id JOIN users u ON u.id = cm.user_id "
      "LEFT JOIN memberships m ON m.user_id = u.id AND m.org_id = c.org_id LEFT JOIN groups g ON g.id = m.group_id "
      "WHERE cm.chat_id = ? ORDER BY u.id");
  if (!q) return q.status();
  q->bind(1, chat.get());
  std::vector<UserRecord> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return out;
    UserRecord rec;
    rec.id = UserId(q->column_int(0));
    rec.org = OrgId(q->column_int(1));
    rec.role = static_cast<pb::Role>(q->column_int(2));
    rec.display_name = q->column_text(3);
    rec.verified_teacher = q->column_int(4) != 0;
    rec.class_name = q->column_text(5);
    out.push_back(std::move(rec));
  }
}

Result<std::uint64_t> SqliteStorage::last_seq(ChatId chat) {
  auto q = db_->query("SELECT COALESCE(MAX(seq), 0) FROM messages WHERE chat_id = ?");
  if (!q) return q.status();
  q->bind(1, chat.get());
  auto row = q->step();
  if (!row) return row.status();
  return static_cast<std::uint64_t>(q->column_int(0));
}

Result<std::vector<ChatSummary>> SqliteStorage::list_chats(UserId user) {
  std::vector<ChatSummary> chats;
  {
    auto q = db_->query(
        "SELECT c.id, c.kind, c.title, cm.read_seq FROM chat_members cm JOIN chats c ON c.id = cm.chat_id "
        "WHERE cm.user_id = ?");
    if (!q) return q.status();
    q->bind(1, user.get());
    for (;;) {
      auto row = q->step();
      if (!row) return row.status();
      if (!row.value()) break;
      ChatSummary chat;
      chat.id = ChatId(q->column_int(0));
      chat.kind = static_cast<pb::ChatKind>(q->column_int(1));
      chat.title = q->column_text(2);
      chat.read_seq = static_cast<std::uint64_t>(q->column_int(3));
      chats.push_back(std::move(chat));
    }
  }
  // Per chat: newest message, unread count, members. Each is an index lookup.
  for (auto& chat : chats) {
    {
      auto q = db_->query("SELECT " PARTA_MESSAGE_COLUMNS
                          "FROM messages m JOIN users u ON u.id = m.sender_id "
                          "WHERE m.chat_id = ? ORDER BY m.seq DESC LIMIT 1");
      if (!q) return q.status();
      q->bind(1, chat.id.get());
      auto row = q->step();
      if (!row) return row.status();
      if (row.value()) {
        chat.last_message = read_message(q.value());
        chat.last_seq = chat.last_message->seq;
      }
    }
    {
      auto q = db_->query("SELECT COUNT(*) FROM messages WHERE chat_id = ? AND seq > ? AND sender_id <> ?");
      if (!q) return q.status();
      q->bind(1, chat.id.get()).bind(2, as_sql_seq(chat.read_seq)).bind(3, user.get());
      auto row = q->step();
      if (!row) return row.status();
      chat.unread_count = static_cast<std::uint32_t>(q->column_int(0));
    }
    auto members = members_of(chat.id);
    if (!members) return members.status();
    chat.members = std::move(members).value();
  }
  // Newest activity first; chats without messages last, newest chat first.
  std::sort(chats.begin(), chats.end(), [](const ChatSummary& a, const ChatSummary& b) {
    const std::int64_t ta = a.last_message ? a.last_message->sent_at_ms : -1;
    const std::int64_t tb = b.last_message ? b.last_message->sent_at_ms : -1;
    if (ta != tb) return ta > tb;
    return a.id > b.id;
  });
  return chats;
}

Result<std::optional<MessageRecord>> SqliteStorage::message_by_client_id(UserId sender, const std::string& client_id) {
  auto q = db_->query("SELECT " PARTA_MESSAGE_COLUMNS
                      "FROM messages m JOIN users u ON u.id = m.sender_id "
                      "WHERE m.sender_id = ? AND m.client_id = ?");
  if (!q) return q.status();
  q->bind(1, sender.get()).bind_text(2, client_id);
  auto row = q->step();
  if (!row) return row.status();
  if (!row.value()) return std::optional<MessageRecord>();
  return std::optional<MessageRecord>(read_message(q.value()));
}

Result<AppendResult> SqliteStorage::append_message(ChatId chat, UserId sender, const std::string& client_id,
                                                   const std::string& text, std::int64_t now_ms) {
  // One IMMEDIATE transaction: the dedupe check, the next seq and the insert
  // cannot interleave with another writer.
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s;
  auto existing = message_by_client_id(sender, client_id);
  if (!existing) return existing.status();
  if (existing.value()) return AppendResult{std::move(*existing.value()), false};

  auto last = last_seq(chat);
  if (!last) return last.status();
  const std::uint64_t seq = last.value() + 1;
  {
    auto q = db_->query(
        "INSERT INTO messages(chat_id, seq, sender_id, client_id, text, sent_at_ms) VALUES(?, ?, ?, ?, ?, ?)");
    if (!q) return q.status();
    q->bind(1, chat.get())
        .bind(2, static_cast<std::int64_t>(seq))
        .bind(3, sender.get())
        .bind_text(4, client_id)
        .bind_text(5, text)
        .bind(6, now_ms);
    if (auto s = q->run(); !s) return s;
  }
  // The stored row is what was just written; only the sender's name is read
  // (cheaper than reading the row back: this runs for every message).
  MessageRecord stored;
  stored.chat = chat;
  stored.seq = seq;
  stored.sender = sender;
  stored.client_id = client_id;
  stored.text = text;
  stored.sent_at_ms = now_ms;
  {
    auto q = db_->query("SELECT display_name FROM users WHERE id = ?");
    if (!q) return q.status();
    q->bind(1, sender.get());
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) stored.sender_name = q->column_text(0);
  }
  if (auto s = tx.commit(); !s) return s;
  return AppendResult{std::move(stored), true};
}

Result<HistoryPage> SqliteStorage::history(const HistoryQuery& query) {
  HistoryPage page;
  // One row more than asked tells whether there is more beyond the page.
  const std::int64_t fetch = static_cast<std::int64_t>(query.limit) + 1;
  if (query.after_seq > 0) {
    auto q = db_->query("SELECT " PARTA_MESSAGE_COLUMNS
                        "FROM messages m JOIN users u ON u.id = m.sender_id "
                        "WHERE m.chat_id = ? AND m.seq > ? ORDER BY m.seq ASC LIMIT ?");
    if (!q) return q.status();
    q->bind(1, query.chat.get()).bind(2, as_sql_seq(query.after_seq)).bind(3, fetch);
    auto rows = read_messages(q.value());
    if (!rows) return rows.status();
    page.messages = std::move(rows).value();
    if (page.messages.size() > query.limit) {
      page.messages.pop_back();
      page.has_more = true;
    }
  } else {
    const std::int64_t before = query.before_seq == 0 ? INT64_MAX : as_sql_seq(query.before_seq);
    auto q = db_->query("SELECT " PARTA_MESSAGE_COLUMNS
                        "FROM messages m JOIN users u ON u.id = m.sender_id "
                        "WHERE m.chat_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?");
    if (!q) return q.status();
    q->bind(1, query.chat.get()).bind(2, before).bind(3, fetch);
    auto rows = read_messages(q.value());
    if (!rows) return rows.status();
    page.messages = std::move(rows).value();
    if (page.messages.size() > query.limit) {
      page.messages.pop_back();
      page.has_more = true;
    }
    std::reverse(page.messages.begin(), page.messages.end());
  }
  return page;
}

Result<ReadPosition> SqliteStorage::mark_read(ChatId chat, UserId user, std::uint64_t seq) {
  Transaction tx(*db_);
  if (auto s = tx.begin(); !s) return s;
  std::uint64_t before = 0;
  {
    auto q = db_->query("SELECT read_seq FROM chat_members WHERE chat_id = ? AND user_id = ?");
    if (!q) return q.status();
    q->bind(1, chat.get()).bind(2, user.get());
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return Status(pb::ERROR_NOT_FOUND, "no such chat");
    before = static_cast<std::uint64_t>(q->column_int(0));
  }
  auto last = last_seq(chat);
  if (!last) return last.status();
  const std::uint64_t target = std::max(before, std::min(seq, last.value()));
  if (target == before) return ReadPosition{before, false};
  {
    auto q = db_->query("UPDATE chat_members SET read_seq = ? WHERE chat_id = ? AND user_id = ?");
    if (!q) return q.status();
    if (auto s = q->bind(1, static_cast<std::int64_t>(target)).bind(2, chat.get()).bind(3, user.get()).run(); !s) {
      return s;
    }
  }
  if (auto s = tx.commit(); !s) return s;
  return ReadPosition{target, true};
}

#undef PARTA_MESSAGE_COLUMNS

}  // namespace parta::server
