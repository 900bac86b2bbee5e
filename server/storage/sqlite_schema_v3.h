// Schema v3 (rich chats and polls), applied by SqliteStorage::migrate after v2.
// v2 data is kept: every chat's last_seq is its newest message, every message's
// changed_seq is its own seq, roles are "the default" (0) and the search index is
// filled from the stored texts (SqliteStorage::backfill_search, same transaction).
//
// The event log is kept in its collapsed form: chats.last_seq hands out the next
// per-chat seq for every change; messages.changed_seq and chats.changed_seq name
// the latest event that touched a message or the chat's settings/members. Catch-up
// only ever returns the current state of each touched object once, so these are
// exactly what it reads; a row per event would be a write per change nobody reads.
#pragma once

namespace parta::server {

inline constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE chats ADD COLUMN post_policy INTEGER NOT NULL DEFAULT 0;   -- PostPolicy
ALTER TABLE chats ADD COLUMN poll_policy INTEGER NOT NULL DEFAULT 0;   -- PollPolicy
ALTER TABLE chats ADD COLUMN owner_id INTEGER REFERENCES users(id);    -- the creator (CHAT_ROLE_OWNER)
ALTER TABLE chats ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;      -- newest event seq
ALTER TABLE chats ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;   -- newest settings/members event
UPDATE chats SET last_seq = COALESCE((SELECT MAX(seq) FROM messages WHERE chat_id = chats.id), 0);

ALTER TABLE chat_members ADD COLUMN role INTEGER NOT NULL DEFAULT 0;   -- ChatRole; 0: the default for the org role
ALTER TABLE chat_members ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;

ALTER TABLE messages ADD COLUMN reply_to_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN edited_at_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN pinned_seq INTEGER NOT NULL DEFAULT 0; -- the pin event's seq; 0: not pinned
ALTER TABLE messages ADD COLUMN mentions TEXT NOT NULL DEFAULT '';     -- user ids, comma-separated
ALTER TABLE messages ADD COLUMN poll BLOB;                             -- a serialized PollDraft; NULL: not a poll
ALTER TABLE messages ADD COLUMN poll_closed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN search_id INTEGER;                     -- rowid in message_search; NULL: not indexed
UPDATE messages SET changed_seq = seq;
CREATE INDEX messages_by_change ON messages(chat_id, changed_seq);
CREATE INDEX messages_pinned ON messages(chat_id, pinned_seq) WHERE pinned_seq > 0;

CREATE TABLE poll_votes(
  chat_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  option INTEGER NOT NULL,
  PRIMARY KEY(chat_id, seq, user_id, option),
  FOREIGN KEY(chat_id, seq) REFERENCES messages(chat_id, seq) ON DELETE CASCADE) WITHOUT ROWID;

-- Text folded with parta::fold_for_search (lower case, ё = е); the query is
-- folded the same way. The rowid grows with each message: newest first.
CREATE VIRTUAL TABLE message_search USING fts5(
  body, chat_id UNINDEXED, seq UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');
)sql";

}  // namespace parta::server
