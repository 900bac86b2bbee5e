// SqliteStorage: messages: append (with dedupe), reads in their current state,
// history pages and catch-up, read positions, edits, deletes and pins.
#include <algorithm>

#include "server/app/log.h"
#include "server/storage/sqlite_rows.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server {

using sqlite_rows::as_sql_seq;

Result<std::vector<MessageRecord>> SqliteStorage::read_messages(Query& q) {
  std::vector<MessageRecord> out;
  for (;;) {
    auto row = q.step();
    if (!row) return row.status();
    if (!row.value()) break;
    out.push_back(sqlite_rows::read_message(q));
  }
  PARTA_TRY(load_votes(out));
  return out;
}

Status SqliteStorage::load_votes(std::vector<MessageRecord>& messages) {
  for (MessageRecord& m : messages) {
    if (!m.is_poll() || m.deleted) continue;
    auto q = db_->query("SELECT user_id, option FROM poll_votes WHERE chat_id = ? AND seq = ?");
    if (!q) return q.status();
    q->bind(1, m.chat.get()).bind(2, static_cast<std::int64_t>(m.seq));
    m.votes.clear();
    for (;;) {
      auto row = q->step();
      if (!row) return row.status();
      if (!row.value()) break;
      m.votes.push_back(VoteRecord{UserId(q->column_int(0)), static_cast<std::uint32_t>(q->column_int(1))});
    }
  }
  return Status::ok();
}

Result<std::optional<MessageRecord>> SqliteStorage::find_message(ChatId chat, std::uint64_t seq) {
  auto q = db_->query(PARTA_MESSAGE_SELECT "WHERE m.chat_id = ? AND m.seq = ?");
  if (!q) return q.status();
  q->bind(1, chat.get()).bind(2, as_sql_seq(seq));
  auto rows = read_messages(q.value());
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<MessageRecord>();
  return std::optional<MessageRecord>(std::move(rows->front()));
}

Result<MessageRecord> SqliteStorage::reread(ChatId chat, std::uint64_t seq) {
  auto found = find_message(chat, seq);
  if (!found) return found.status();
  if (!found.value()) return Status(pb::ERROR_NOT_FOUND, "no such message");
  return std::move(*found.value());
}

Result<std::optional<MessageRecord>> SqliteStorage::message_by_client_id(UserId sender, const std::string& client_id) {
  auto q = db_->query(PARTA_MESSAGE_SELECT "WHERE m.sender_id = ? AND m.client_id = ?");
  if (!q) return q.status();
  q->bind(1, sender.get()).bind_text(2, client_id);
  auto rows = read_messages(q.value());
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<MessageRecord>();
  return std::optional<MessageRecord>(std::move(rows->front()));
}

Result<AppendResult> SqliteStorage::append_message(const NewMessage& message) {
  // One IMMEDIATE transaction (a savepoint inside a group commit): the dedupe
  // check, the next seq and the insert cannot interleave with another writer.
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  {
    auto q = db_->query("SELECT seq, chat_id FROM messages WHERE sender_id = ? AND client_id = ?");
    if (!q) return q.status();
    q->bind(1, message.sender.get()).bind_text(2, message.client_id);
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) {
      const ChatId chat(q->column_int(1));
      const auto seq = static_cast<std::uint64_t>(q->column_int(0));
      PARTA_TRY(q->run());
      auto stored = reread(chat, seq);
      if (!stored) return stored.status();
      return AppendResult{std::move(stored).value(), false};
    }
  }
  auto seq = next_seq(message.chat);
  if (!seq) return seq.status();
  auto search_id = index_text(message.chat, seq.value());
  if (!search_id) return search_id.status();
  {
    auto q = db_->query(
        "INSERT INTO messages(chat_id, seq, sender_id, client_id, text, sent_at_ms, reply_to_seq, mentions, poll, "
        "changed_seq, search_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!q) return q.status();
    q->bind(1, message.chat.get())
        .bind(2, static_cast<std::int64_t>(seq.value()))
        .bind(3, message.sender.get())
        .bind_text(4, message.client_id)
        .bind_text(5, message.text)
        .bind(6, message.now_ms)
        .bind(7, as_sql_seq(message.reply_to_seq))
        .bind_text(8, sqlite_rows::join_ids(message.mention_ids));
    if (message.poll.empty()) {
      q->bind_null(9);
    } else {
      q->bind_blob(9, message.poll);
    }
    PARTA_TRY(q->bind(10, static_cast<std::int64_t>(seq.value())).bind(11, search_id.value()).run());
  }
  // A plain message is what was just written plus the sender's name (cheaper
  // than reading the row back: this runs for every message). A reply or a poll
  // is read back whole.
  if (message.reply_to_seq != 0 || !message.poll.empty()) {
    auto stored = reread(message.chat, seq.value());
    if (!stored) return stored.status();
    if (!tx.nested()) PARTA_TRY(flush_search_index());
    PARTA_TRY(tx.commit());
    return AppendResult{std::move(stored).value(), true};
  }
  MessageRecord stored;
  stored.chat = message.chat;
  stored.seq = seq.value();
  stored.sender = message.sender;
  stored.client_id = message.client_id;
  stored.text = message.text;
  stored.sent_at_ms = message.now_ms;
  stored.mention_ids = message.mention_ids;
  stored.changed_seq = seq.value();
  {
    auto q = db_->query("SELECT display_name FROM users WHERE id = ?");
    if (!q) return q.status();
    q->bind(1, message.sender.get());
    auto row = q->step();
    if (!row) return row.status();
    if (row.value()) stored.sender_name = q->column_text(0);
  }
  if (!tx.nested()) PARTA_TRY(flush_search_index());
  PARTA_TRY(tx.commit());
  return AppendResult{std::move(stored), true};
}

Result<HistoryPage> SqliteStorage::history(const HistoryQuery& query) {
  HistoryPage page;
  auto last = last_seq(query.chat);
  if (!last) return last.status();
  page.last_seq = last.value();
  // One row more than asked tells whether there is more beyond the page.
  const std::int64_t fetch = static_cast<std::int64_t>(query.limit) + 1;
  if (query.after_seq > 0) {
    // Catch-up: every message touched after the cursor once, in its current
    // state, ordered by its latest event; plus the chat's own latest change.
    auto q =
        db_->query(PARTA_MESSAGE_SELECT "WHERE m.chat_id = ? AND m.changed_seq > ? ORDER BY m.changed_seq ASC LIMIT ?");
    if (!q) return q.status();
    q->bind(1, query.chat.get()).bind(2, as_sql_seq(query.after_seq)).bind(3, fetch);
    auto rows = read_messages(q.value());
    if (!rows) return rows.status();
    page.messages = std::move(rows).value();
    std::uint64_t chat_changed = 0;
    {
      auto c = db_->query("SELECT changed_seq FROM chats WHERE id = ?");
      if (!c) return c.status();
      c->bind(1, query.chat.get());
      auto row = c->step();
      if (!row) return row.status();
      if (row.value() && static_cast<std::uint64_t>(c->column_int(0)) > query.after_seq) {
        chat_changed = static_cast<std::uint64_t>(c->column_int(0));
      }
    }
    // The page holds `limit` events in seq order: messages and the chat change merged.
    std::size_t keep = 0;
    std::size_t events = 0;
    bool chat_in = false;
    while (events < query.limit) {
      const bool message_next = keep < page.messages.size();
      const bool chat_next = chat_changed != 0 && !chat_in;
      if (!message_next && !chat_next) break;
      if (chat_next && (!message_next || chat_changed < page.messages[keep].changed_seq)) {
        chat_in = true;
      } else {
        ++keep;
      }
      ++events;
    }
    page.has_more = keep < page.messages.size() || (chat_changed != 0 && !chat_in);
    page.messages.resize(keep);
    if (chat_in) page.chat_changed_seq = chat_changed;
    return page;
  }
  const std::int64_t before = query.before_seq == 0 ? INT64_MAX : as_sql_seq(query.before_seq);
  auto q = db_->query(PARTA_MESSAGE_SELECT "WHERE m.chat_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?");
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
  return page;
}

Result<ReadPosition> SqliteStorage::mark_read(ChatId chat, UserId user, std::uint64_t seq) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
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
    PARTA_TRY(q->bind(1, static_cast<std::int64_t>(target)).bind(2, chat.get()).bind(3, user.get()).run());
  }
  PARTA_TRY(tx.commit());
  return ReadPosition{target, true};
}

Result<MessageRecord> SqliteStorage::edit_message(ChatId chat, std::uint64_t seq, const std::string& text,
                                                  const std::vector<std::int64_t>& mention_ids, std::int64_t now_ms) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  auto event = next_seq(chat);
  if (!event) return event.status();
  // The old text leaves the index before the row changes (contentless FTS5
  // removes an entry by what it was indexed with); NOT_FOUND for no such message.
  auto search_id = unindex_message(chat, seq);
  if (!search_id) return search_id.status();
  {
    auto q = db_->query(
        "UPDATE messages SET text = ?, mentions = ?, edited_at_ms = ?, changed_seq = ? "
        "WHERE chat_id = ? AND seq = ? AND deleted = 0 RETURNING 1");
    if (!q) return q.status();
    q->bind_text(1, text)
        .bind_text(2, sqlite_rows::join_ids(mention_ids))
        .bind(3, now_ms)
        .bind(4, static_cast<std::int64_t>(event.value()))
        .bind(5, chat.get())
        .bind(6, as_sql_seq(seq));
    PARTA_TRY(sqlite_rows::update_one(q.value(), "no such message"));
  }
  PARTA_TRY(reindex_message(chat, seq, search_id.value()));
  auto stored = reread(chat, seq);
  if (!stored) return stored;
  if (!tx.nested()) PARTA_TRY(flush_search_index());
  PARTA_TRY(tx.commit());
  return stored;
}

Result<MessageRecord> SqliteStorage::delete_message(ChatId chat, std::uint64_t seq) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  auto event = next_seq(chat);
  if (!event) return event.status();
  // Out of the index while the text is still there (see edit_message); NOT_FOUND for no such message.
  if (auto unindexed = unindex_message(chat, seq); !unindexed) return unindexed.status();
  {
    // The row stays ("message deleted"), without its text, mentions or pin.
    auto q = db_->query(
        "UPDATE messages SET text = '', mentions = '', deleted = 1, pinned_seq = 0, changed_seq = ?, "
        "search_id = NULL WHERE chat_id = ? AND seq = ? AND deleted = 0 RETURNING 1");
    if (!q) return q.status();
    q->bind(1, static_cast<std::int64_t>(event.value())).bind(2, chat.get()).bind(3, as_sql_seq(seq));
    PARTA_TRY(sqlite_rows::update_one(q.value(), "no such message"));
  }
  auto stored = reread(chat, seq);
  if (!stored) return stored;
  PARTA_TRY(tx.commit());
  return stored;
}

Result<MessageRecord> SqliteStorage::set_pinned(ChatId chat, std::uint64_t seq, bool pinned) {
  Transaction tx(*db_);
  PARTA_TRY(tx.begin());
  auto event = next_seq(chat);
  if (!event) return event.status();
  {
    auto q = db_->query(
        "UPDATE messages SET pinned_seq = ?, changed_seq = ? WHERE chat_id = ? AND seq = ? AND deleted = 0 "
        "RETURNING 1");
    if (!q) return q.status();
    q->bind(1, pinned ? static_cast<std::int64_t>(event.value()) : 0)
        .bind(2, static_cast<std::int64_t>(event.value()))
        .bind(3, chat.get())
        .bind(4, as_sql_seq(seq));
    PARTA_TRY(sqlite_rows::update_one(q.value(), "no such message"));
  }
  auto stored = reread(chat, seq);
  if (!stored) return stored;
  PARTA_TRY(tx.commit());
  return stored;
}

}  // namespace parta::server
