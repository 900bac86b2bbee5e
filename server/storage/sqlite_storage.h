// The SQLite database (data_dir/parta.db in WAL mode, schema migrations in
// schema_version) and the chat domain's repositories on it: chats, messages,
// search. The other domains' repositories share its connection
// (SqliteOrgStore, sqlite_org_store.h). All calls are synchronous and made from
// the I/O thread; that is fine for one school at a time (each commit is a WAL
// append, no fsync with synchronous=NORMAL). Messages go through CommitQueue
// instead: a storage thread with its own SqliteStorage and group commit.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "server/chat/chat_repository.h"
#include "server/chat/message_repository.h"
#include "server/chat/search_repository.h"
#include "server/storage/sqlite_db.h"

namespace parta::server {

class SqliteStorage final : public ChatRepository, public MessageRepository, public SearchRepository {
 public:
  // Opens or creates the database file and migrates it to the newest schema.
  static Result<std::unique_ptr<SqliteStorage>> open(const std::string& path);

  // The connection, for the other repositories on this database (SqliteOrgStore).
  SqliteDb& db() { return *db_; }

  // Group commit (commit_queue.h): runs `body` in one transaction; the calls it
  // makes nest as savepoints. Not part of any repository: a SQLite detail.
  Status run_batch(const std::function<void()>& body);

  using ChatRepository::create_chat;
  using MessageRepository::append_message;

  // sqlite_chats.cpp: chats, members, settings, roles.
  Result<ChatId> create_chat(const NewChat& chat) override;
  Result<bool> is_member(ChatId chat, UserId user) override;
  Result<std::vector<UserId>> chat_member_ids(ChatId chat) override;
  Result<std::optional<ChatAccess>> chat_access(ChatId chat) override;
  Result<std::optional<ChatInfo>> find_chat(ChatId chat) override;
  Result<std::vector<ChatSummary>> list_chats(UserId user) override;
  Result<std::uint64_t> set_chat_settings(ChatId chat, pb::PostPolicy post, pb::PollPolicy poll) override;
  Result<std::uint64_t> set_chat_member_role(ChatId chat, UserId user, pb::ChatRole role) override;
  Result<std::uint64_t> set_chat_member_muted(ChatId chat, UserId user, bool muted) override;
  Result<std::uint64_t> remove_chat_member(ChatId chat, UserId user) override;

  // sqlite_messages.cpp: append, read, history, read positions, edits, deletes, pins.
  Result<AppendResult> append_message(const NewMessage& message) override;
  Result<std::optional<MessageRecord>> message_by_client_id(UserId sender, const std::string& client_id) override;
  Result<std::optional<MessageRecord>> find_message(ChatId chat, std::uint64_t seq) override;
  Result<HistoryPage> history(const HistoryQuery& query) override;
  Result<ReadPosition> mark_read(ChatId chat, UserId user, std::uint64_t seq) override;
  Result<MessageRecord> edit_message(ChatId chat, std::uint64_t seq, const std::string& text,
                                     const std::vector<std::int64_t>& mention_ids, std::int64_t now_ms) override;
  Result<MessageRecord> delete_message(ChatId chat, std::uint64_t seq) override;
  Result<MessageRecord> set_pinned(ChatId chat, std::uint64_t seq, bool pinned) override;

  // sqlite_polls.cpp
  Result<MessageRecord> set_vote(ChatId chat, std::uint64_t seq, UserId user,
                                 const std::vector<std::uint32_t>& choices) override;
  Result<MessageRecord> close_poll(ChatId chat, std::uint64_t seq) override;

  // sqlite_search.cpp
  Result<std::vector<SearchRow>> search_messages(const SearchQuery& query) override;

 private:
  explicit SqliteStorage(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Status migrate();
  // Takes the chat's next event seq (inside the caller's transaction).
  Result<std::uint64_t> next_seq(ChatId chat);
  Result<std::uint64_t> last_seq(ChatId chat);
  // Marks the chat's settings/members as changed at a new seq.
  Result<std::uint64_t> chat_changed(ChatId chat);
  // Reads messages (the PARTA_MESSAGE_SELECT columns) and their poll votes.
  Result<std::vector<MessageRecord>> read_messages(Query& q);
  Status load_votes(std::vector<MessageRecord>& messages);
  Result<MessageRecord> reread(ChatId chat, std::uint64_t seq);
  // Search index (sqlite_search.cpp), a contentless FTS5 table (schema v4):
  // only the index, keyed by messages.search_id. index_text hands out the id at
  // once but defers the FTS insert to flush_search_index(), which runs once per
  // group commit (or per top-level transaction), outside every piece's
  // savepoint: FTS5 flushes its pending terms into a new segment at every
  // savepoint, so indexing inside each message's savepoint cost more than the
  // rest of the append. The flush reads each message's text as it is then, so
  // an edit or a delete of a still-pending entry needs no index work, and a
  // rolled-back row is simply not found.
  Result<std::int64_t> index_text(ChatId chat, std::uint64_t seq);
  Status flush_search_index();
  bool index_pending(std::int64_t search_id) const;
  Status insert_search_entry(std::int64_t chat, std::int64_t seq, std::int64_t search_id);
  // Before a message's text changes or it is deleted: removes its entry (from
  // the stored text; contentless FTS5 needs what was indexed). Returns its
  // search id (0: none), or NOT_FOUND when no such message (not deleted) is
  // stored. After an edit, reindex_message adds the new text.
  Result<std::int64_t> unindex_message(ChatId chat, std::uint64_t seq);
  Status reindex_message(ChatId chat, std::uint64_t seq, std::int64_t search_id);
  // Migrations, inside their transaction: schema v3 gives every stored message
  // a search id; schema v4 indexes every message that has one.
  Status backfill_search_ids();
  Status rebuild_search_index();

  std::unique_ptr<SqliteDb> db_;
  struct PendingIndex {
    std::int64_t id = 0;
    std::int64_t chat = 0;
    std::int64_t seq = 0;
  };
  std::vector<PendingIndex> pending_index_;
  std::int64_t next_search_id_ = 1;  // never decreases: an id is not handed out twice by one process
  bool in_batch_ = false;            // inside run_batch: this connection holds the write lock
  bool search_id_known_ = false;     // next_search_id_ checked against the table in this batch
};

}  // namespace parta::server
