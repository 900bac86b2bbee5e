// SqliteStorage: the full-text index (FTS5 over text folded with
// parta::fold_for_search) and search in the chats a user is a member of.
#include <algorithm>

#include "server/app/log.h"
#include "server/storage/sqlite_rows.h"
#include "server/storage/sqlite_storage.h"
#include "shared/core/text.h"

namespace parta::server {

using sqlite_rows::as_sql_seq;

Result<std::int64_t> SqliteStorage::index_text(ChatId chat, std::uint64_t seq) {
  // Outside a batch another connection may have handed out ids since: ask the
  // messages table each time (one probe of messages_by_search_id). Inside a
  // batch this connection holds the write lock, so one probe per batch does.
  if (!in_batch_ || !search_id_known_) {
    auto q = db_->query("SELECT COALESCE(MAX(search_id), 0) + 1 FROM messages WHERE search_id IS NOT NULL");
    if (!q) return q.status();
    auto row = q->step();
    if (!row) return row.status();
    next_search_id_ = std::max(next_search_id_, q->column_int(0));
    search_id_known_ = true;
  }
  // Ids only grow (a rolled-back one is skipped): newest first stays true, and
  // pending_index_ stays sorted by id.
  const std::int64_t id = next_search_id_++;
  pending_index_.push_back(PendingIndex{id, chat.get(), as_sql_seq(seq)});
  return id;
}

bool SqliteStorage::index_pending(std::int64_t search_id) const {
  return std::binary_search(pending_index_.begin(), pending_index_.end(), PendingIndex{search_id, 0, 0},
                            [](const PendingIndex& a, const PendingIndex& b) { return a.id < b.id; });
}

Status SqliteStorage::insert_search_entry(std::int64_t chat, std::int64_t seq, std::int64_t search_id) {
  // The message's text as it is now; nothing if the row that names this id is
  // gone (its savepoint was rolled back, or a delete cleared search_id).
  std::string text;
  {
    auto q = db_->query("SELECT text FROM messages WHERE chat_id = ? AND seq = ? AND search_id = ?");
    if (!q) return q.status();
    q->bind(1, chat).bind(2, seq).bind(3, search_id);
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return Status::ok();
    text = q->column_text(0);
  }
  // One row, VALUES: a statement that could write several rows (INSERT ...
  // SELECT) gets a statement journal, and opening one makes FTS5 flush its
  // pending terms into a new segment, i.e. a segment per message (measured: half
  // of the storage thread's time before this was written so).
  auto q = db_->query("INSERT INTO message_search(rowid, body) VALUES(?, ?)");
  if (!q) return q.status();
  return q->bind(1, search_id).bind_text(2, fold_for_search(text)).run();
}

Status SqliteStorage::flush_search_index() {
  if (pending_index_.empty()) return Status::ok();
  std::vector<PendingIndex> pending;
  pending.swap(pending_index_);
  for (const PendingIndex& p : pending) PARTA_TRY(insert_search_entry(p.chat, p.seq, p.id));
  return Status::ok();
}

Result<std::int64_t> SqliteStorage::unindex_message(ChatId chat, std::uint64_t seq) {
  // One read: the row must exist (not deleted), and its id and text are what
  // the removal needs.
  std::int64_t search_id = 0;
  std::string text;
  {
    auto q = db_->query("SELECT COALESCE(search_id, 0), text FROM messages WHERE chat_id = ? AND seq = ? AND deleted = 0");
    if (!q) return q.status();
    q->bind(1, chat.get()).bind(2, as_sql_seq(seq));
    auto row = q->step();
    if (!row) return row.status();
    if (!row.value()) return Status(pb::ERROR_NOT_FOUND, "no such message");
    search_id = q->column_int(0);
    text = q->column_text(1);
  }
  // Not in the index yet: the flush will read the row as it is by then.
  if (search_id == 0 || index_pending(search_id)) return search_id;
  // Contentless FTS5: an entry is removed by handing back what it was indexed
  // with, i.e. the stored text, folded (the row is still unchanged here).
  auto q = db_->query("INSERT INTO message_search(message_search, rowid, body) VALUES('delete', ?, ?)");
  if (!q) return q.status();
  PARTA_TRY(q->bind(1, search_id).bind_text(2, fold_for_search(text)).run());
  return search_id;
}

Status SqliteStorage::reindex_message(ChatId chat, std::uint64_t seq, std::int64_t search_id) {
  if (search_id != 0 && index_pending(search_id)) return Status::ok();  // the flush reads the new text
  if (search_id != 0) return insert_search_entry(chat.get(), as_sql_seq(seq), search_id);
  auto id = index_text(chat, seq);
  if (!id) return id.status();
  auto q = db_->query("UPDATE messages SET search_id = ? WHERE chat_id = ? AND seq = ?");
  if (!q) return q.status();
  return q->bind(1, id.value()).bind(2, chat.get()).bind(3, as_sql_seq(seq)).run();
}

Status SqliteStorage::backfill_search_ids() {
  // Schema v3: every stored message gets an id, in (chat, seq) order; the
  // index itself is built from these ids by rebuild_search_index (schema v4).
  // In pages of (chat, seq), so no statement reads the table it updates.
  std::int64_t chat = 0;
  std::int64_t seq = 0;
  std::int64_t next_id = 1;
  for (;;) {
    std::vector<std::pair<std::int64_t, std::int64_t>> keys;
    {
      auto q = db_->query(
          "SELECT chat_id, seq FROM messages WHERE (chat_id, seq) > (?, ?) AND deleted = 0 "
          "ORDER BY chat_id, seq LIMIT 1000");
      if (!q) return q.status();
      q->bind(1, chat).bind(2, seq);
      for (;;) {
        auto row = q->step();
        if (!row) return row.status();
        if (!row.value()) break;
        keys.emplace_back(q->column_int(0), q->column_int(1));
      }
    }
    if (keys.empty()) break;
    for (const auto& [c, s] : keys) {
      auto q = db_->query("UPDATE messages SET search_id = ? WHERE chat_id = ? AND seq = ?");
      if (!q) return q.status();
      PARTA_TRY(q->bind(1, next_id++).bind(2, c).bind(3, s).run());
    }
    chat = keys.back().first;
    seq = keys.back().second;
  }
  return Status::ok();
}

Status SqliteStorage::rebuild_search_index() {
  // In pages of search_id, so no statement reads what another one writes.
  std::int64_t after = 0;
  std::size_t total = 0;
  for (;;) {
    std::vector<std::pair<std::int64_t, std::string>> rows;  // search_id, text
    {
      auto q = db_->query(
          "SELECT search_id, text FROM messages WHERE search_id > ? AND deleted = 0 ORDER BY search_id LIMIT 1000");
      if (!q) return q.status();
      q->bind(1, after);
      for (;;) {
        auto row = q->step();
        if (!row) return row.status();
        if (!row.value()) break;
        rows.emplace_back(q->column_int(0), q->column_text(1));
      }
    }
    if (rows.empty()) break;
    for (const auto& [id, text] : rows) {
      auto q = db_->query("INSERT INTO message_search(rowid, body) VALUES(?, ?)");
      if (!q) return q.status();
      PARTA_TRY(q->bind(1, id).bind_text(2, fold_for_search(text)).run());
    }
    total += rows.size();
    after = rows.back().first;
  }
  if (total > 0) log_info("search index: ", total, " stored messages indexed");
  return Status::ok();
}

Result<std::vector<SearchRow>> SqliteStorage::search_messages(const SearchQuery& query) {
  // Membership is part of the query: a chat the user is not in never matches.
  const std::int64_t before = query.before_id > 0 ? query.before_id : INT64_MAX;
  std::vector<std::pair<std::int64_t, std::pair<std::int64_t, std::int64_t>>> hits;  // id, (chat, seq)
  {
    // The index holds only rowids (= messages.search_id); messages_by_search_id
    // turns each hit into its (chat, seq), newest first.
    auto q = db_->query(query.chat.valid() ? "SELECT s.rowid, m.chat_id, m.seq FROM message_search s "
                                             "JOIN messages m ON m.search_id = s.rowid "
                                             "JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ? "
                                             "WHERE message_search MATCH ? AND s.rowid < ? AND m.chat_id = ? "
                                             "AND m.search_id IS NOT NULL ORDER BY s.rowid DESC LIMIT ?"
                                           : "SELECT s.rowid, m.chat_id, m.seq FROM message_search s "
                                             "JOIN messages m ON m.search_id = s.rowid "
                                             "JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ? "
                                             "WHERE message_search MATCH ? AND s.rowid < ? AND ? = 0 "
                                             "AND m.search_id IS NOT NULL ORDER BY s.rowid DESC LIMIT ?");
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
