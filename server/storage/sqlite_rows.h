// Private to the SQLite storage files: the message row's columns and small
// helpers they share (seq bounds, id lists in one text column).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/chat/chat_records.h"
#include "server/storage/sqlite_db.h"

namespace parta::server::sqlite_rows {

// A message in its current state with its sender's name and the message it
// answers. Columns: see read_message.
#define PARTA_MESSAGE_SELECT                                                                                  \
  "SELECT m.chat_id, m.seq, m.sender_id, u.display_name, m.client_id, m.text, m.sent_at_ms, m.reply_to_seq, " \
  "m.edited_at_ms, m.deleted, m.pinned_seq, m.mentions, m.poll, m.poll_closed, m.changed_seq, "               \
  "r.seq, r.sender_id, ru.display_name, r.text, r.deleted "                                                   \
  "FROM messages m JOIN users u ON u.id = m.sender_id "                                                       \
  "LEFT JOIN messages r ON m.reply_to_seq > 0 AND r.chat_id = m.chat_id AND r.seq = m.reply_to_seq "          \
  "LEFT JOIN users ru ON ru.id = r.sender_id "

inline std::string join_ids(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

inline std::vector<std::int64_t> split_ids(const std::string& text) {
  std::vector<std::int64_t> out;
  std::int64_t value = 0;
  bool any = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      any = true;
    } else {
      if (any) out.push_back(value);
      value = 0;
      any = false;
    }
  }
  if (any) out.push_back(value);
  return out;
}

inline MessageRecord read_message(const Query& q) {
  MessageRecord m;
  m.chat = ChatId(q.column_int(0));
  m.seq = static_cast<std::uint64_t>(q.column_int(1));
  m.sender = UserId(q.column_int(2));
  m.sender_name = q.column_text(3);
  m.client_id = q.column_text(4);
  m.text = q.column_text(5);
  m.sent_at_ms = q.column_int(6);
  m.reply_to_seq = static_cast<std::uint64_t>(q.column_int(7));
  m.edited_at_ms = q.column_int(8);
  m.deleted = q.column_int(9) != 0;
  m.pinned_seq = static_cast<std::uint64_t>(q.column_int(10));
  m.mention_ids = split_ids(q.column_text(11));
  if (!q.column_is_null(12)) m.poll = q.column_text(12);
  m.poll_closed = q.column_int(13) != 0;
  m.changed_seq = static_cast<std::uint64_t>(q.column_int(14));
  if (!q.column_is_null(15)) {
    ReplyRecord r;
    r.seq = static_cast<std::uint64_t>(q.column_int(15));
    r.sender = UserId(q.column_int(16));
    r.sender_name = q.column_text(17);
    r.text = q.column_text(18);
    r.deleted = q.column_int(19) != 0;
    m.reply = std::move(r);
  }
  return m;
}

// Bounds user-supplied seqs so they fit SQLite's signed integers.
inline std::int64_t as_sql_seq(std::uint64_t seq) {
  return seq > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(seq);
}

// Steps an UPDATE of one row that ends in "RETURNING 1": NOT_FOUND (`missing`)
// when no row matched.
inline Status update_one(Query& q, const char* missing) {
  auto row = q.step();
  if (!row) return row.status();
  if (!row.value()) return Status(pb::ERROR_NOT_FOUND, missing);
  return q.run();  // finish the statement
}

}  // namespace parta::server::sqlite_rows
