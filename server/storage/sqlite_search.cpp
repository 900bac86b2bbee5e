// SqliteStorage: the full-text index (FTS5 over text folded with
// parta::fold_for_search) and search in the chats a user is a member of.
#include "server/log.h"
#include "server/storage/sqlite_rows.h"
#include "server/storage/sqlite_storage.h"
#include "shared/text.h"

namespace parta::server {

using sqlite_rows::as_sql_seq;

Result<std::int64_t> SqliteStorage::index_text(ChatId chat, std::uint64_t seq, const std::string& text) {
  if (next_search_id_ == 0) {
    auto q = db_->query("SELECT COALESCE(MAX(rowid), 0) + 1 FROM message_search");
    if (!q) return q.status();
    auto row = q->step();
    if (!row) return row.status();
    next_search_id_ = q->column_int(0);
  }
  // Ids only grow (a rolled-back one is skipped, never reused): newest first stays true.
  const std::int64_t id = next_search_id_++;
  pending_index_.push_back(PendingIndex{id, chat.get(), as_sql_seq(seq), fold_for_search(text)});
  return id;
}

Status SqliteStorage::flush_search_index() {
  if (pending_index_.empty()) return Status::ok();
  std::vector<PendingIndex> pending;
  pending.swap(pending_index_);
  for (const PendingIndex& p : pending) {
    // Only if the message row that names this id survived (its savepoint may
    // have been rolled back, or a delete in the same batch cleared it).
    auto q = db_->query(
        "INSERT INTO message_search(rowid, body, chat_id, seq) SELECT ?, ?, ?, ? "
        "WHERE EXISTS(SELECT 1 FROM messages WHERE chat_id = ? AND seq = ? AND search_id = ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, p.id)
                  .bind_text(2, p.folded)
                  .bind(3, p.chat)
                  .bind(4, p.seq)
                  .bind(5, p.chat)
                  .bind(6, p.seq)
                  .bind(7, p.id)
                  .run());
  }
  return Status::ok();
}

Status SqliteStorage::reindex_text(std::int64_t search_id, const std::string& text) {
  PARTA_TRY(flush_search_index());  // the row to update may still be pending
  auto q = db_->query("UPDATE message_search SET body = ? WHERE rowid = ?");
  if (!q) return q.status();
  return q->bind_text(1, fold_for_search(text)).bind(2, search_id).run();
}

Status SqliteStorage::unindex_text(std::int64_t search_id) {
  PARTA_TRY(flush_search_index());
  auto q = db_->query("DELETE FROM message_search WHERE rowid = ?");
  if (!q) return q.status();
  return q->bind(1, search_id).run();
}

Status SqliteStorage::backfill_search() {
  // In pages of (chat, seq), so no statement reads the table it updates.
  std::int64_t chat = 0;
  std::int64_t seq = 0;
  std::size_t total = 0;
  for (;;) {
    struct Row {
      std::int64_t chat, seq;
      std::string text;
    };
    std::vector<Row> rows;
    {
      auto q = db_->query(
          "SELECT chat_id, seq, text FROM messages WHERE (chat_id, seq) > (?, ?) AND deleted = 0 "
          "ORDER BY chat_id, seq LIMIT 1000");
      if (!q) return q.status();
      q->bind(1, chat).bind(2, seq);
      for (;;) {
        auto row = q->step();
        if (!row) return row.status();
        if (!row.value()) break;
        rows.push_back(Row{q->column_int(0), q->column_int(1), q->column_text(2)});
      }
    }
    if (rows.empty()) break;
    for (const Row& r : rows) {
      auto id = index_text(ChatId(r.chat), static_cast<std::uint64_t>(r.seq), r.text);
      if (!id) return id.status();
      auto q = db_->query("UPDATE messages SET search_id = ? WHERE chat_id = ? AND seq = ?");
      if (!q) return q.status();
      PARTA_TRY(q->bind(1, id.value()).bind(2, r.chat).bind(3, r.seq).run());
    }
    total += rows.size();
    chat = rows.back().chat;
    seq = rows.back().seq;
  }
  PARTA_TRY(flush_search_index());
  if (total > 0) log_info("search index: ", total, " stored messages indexed");
  return Status::ok();
}

Result<std::vector<SearchRow>> SqliteStorage::search_messages(const SearchQuery& query) {
  // Membership is part of the query: a chat the user is not in never matches.
  const std::int64_t before = query.before_id > 0 ? query.before_id : INT64_MAX;
  std::vector<std::pair<std::int64_t, std::pair<std::int64_t, std::int64_t>>> hits;  // id, (chat, seq)
  {
    auto q = db_->query(query.chat.valid() ? "SELECT s.rowid, s.chat_id, s.seq FROM message_search s "
                                             "JOIN chat_members cm ON cm.chat_id = s.chat_id AND cm.user_id = ? "
                                             "WHERE message_search MATCH ? AND s.rowid < ? AND s.chat_id = ? "
                                             "ORDER BY s.rowid DESC LIMIT ?"
                                           : "SELECT s.rowid, s.chat_id, s.seq FROM message_search s "
                                             "JOIN chat_members cm ON cm.chat_id = s.chat_id AND cm.user_id = ? "
                                             "WHERE message_search MATCH ? AND s.rowid < ? AND ? = 0 "
                                             "ORDER BY s.rowid DESC LIMIT ?");
    if (!q) return q.status();
    q->bind(1, query.user.get())
        .bind_text(2, query.match)
        .bind(3, before)
        .bind(4, query.chat.get())
        .bind(5, static_cast<std::int64_t>(query.limit));
    for (;;) {
      auto row = q->step();
      if (!row) return row.status();
      if (!row.value()) break;
      hits.push_back({q->column_int(0), {q->column_int(1), q->column_int(2)}});
    }
  }
  std::vector<SearchRow> out;
  out.reserve(hits.size());
  for (const auto& [id, key] : hits) {
    auto message = find_message(ChatId(key.first), static_cast<std::uint64_t>(key.second));
    if (!message) return message.status();
    if (!message.value() || message.value()->deleted) continue;
    out.push_back(SearchRow{id, std::move(*message.value())});
  }
  return out;
}

}  // namespace parta::server
