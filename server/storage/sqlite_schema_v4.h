// Schema v4 (a contentless search index), applied by SqliteStorage::migrate
// after v3. The v3 index kept its own copy of every folded text (FTS5's
// %_content table) plus a row of column sizes, i.e. two more b-tree rows per
// message beside the index itself; the text is already in messages. v4 keeps
// only the index: a hit's rowid is messages.search_id, found through the partial
// index below. Existing messages are indexed again from messages.text in the
// same transaction (SqliteStorage::rebuild_search_index), so they stay searchable.
//
// A contentless table cannot read back what it indexed, so removing or
// replacing an entry hands FTS5 the old folded text ('delete' command): it must
// be folded exactly as when it was inserted. A change to fold_for_search or the
// tokenizer needs a migration that rebuilds the index (as this one does).
#pragma once

namespace parta::server {

inline constexpr const char* kSchemaV4 = R"sql(
DROP TABLE message_search;
CREATE VIRTUAL TABLE message_search USING fts5(
  body, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 0');
CREATE INDEX messages_by_search_id ON messages(search_id) WHERE search_id IS NOT NULL;
)sql";

}  // namespace parta::server
