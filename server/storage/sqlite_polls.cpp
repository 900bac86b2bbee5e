// SqliteStorage: poll votes and closing a poll. The rules (closed, may change,
// options in range) are checked by the caller with parta::validate_vote.
#include "server/storage/sqlite_rows.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server {

using sqlite_rows::as_sql_seq;

Result<MessageRecord> SqliteStorage::set_vote(ChatId chat, std::uint64_t seq, UserId user,
                                              const std::vector<std::uint32_t>& choices) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  auto event = next_seq(chat);
  if (!event) return event.status();
  {
    auto q = db_->query("DELETE FROM poll_votes WHERE chat_id = ? AND seq = ? AND user_id = ?");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, chat.get()).bind(2, as_sql_seq(seq)).bind(3, user.get()).run());
  }
  for (std::uint32_t option : choices) {
    auto q = db_->query("INSERT OR IGNORE INTO poll_votes(chat_id, seq, user_id, option) VALUES(?, ?, ?, ?)");
    if (!q) return q.status();
    PARTA_TRY(q->bind(1, chat.get()).bind(2, as_sql_seq(seq)).bind(3, user.get()).bind(4, option).run());
  }
  {
    auto q = db_->query(
        "UPDATE messages SET changed_seq = ? WHERE chat_id = ? AND seq = ? AND poll IS NOT NULL AND deleted = 0 "
        "RETURNING 1");
    if (!q) return q.status();
    q->bind(1, static_cast<std::int64_t>(event.value())).bind(2, chat.get()).bind(3, as_sql_seq(seq));
    PARTA_TRY(sqlite_rows::update_one(q.value(), "no such poll"));
  }
  auto stored = reread(chat, seq);
  if (!stored) return stored;
  PARTA_TRY(tx.commit());
  return stored;
}

Result<MessageRecord> SqliteStorage::close_poll(ChatId chat, std::uint64_t seq) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  auto event = next_seq(chat);
  if (!event) return event.status();
  {
    auto q = db_->query(
        "UPDATE messages SET poll_closed = 1, changed_seq = ? WHERE chat_id = ? AND seq = ? AND poll IS NOT NULL "
        "AND deleted = 0 RETURNING 1");
    if (!q) return q.status();
    q->bind(1, static_cast<std::int64_t>(event.value())).bind(2, chat.get()).bind(3, as_sql_seq(seq));
    PARTA_TRY(sqlite_rows::update_one(q.value(), "no such poll"));
  }
  auto stored = reread(chat, seq);
  if (!stored) return stored;
  PARTA_TRY(tx.commit());
  return stored;
}

}  // namespace parta::server
