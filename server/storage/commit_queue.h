// CommitQueue: durable writes with group commit, off the I/O thread. A storage
// thread owns its own SQLite connection (WAL lets the I/O thread keep reading on
// its own), takes everything submitted since its last commit, runs it inside ONE
// transaction (each piece nests as a savepoint) and commits once. Only then are
// the pieces' continuations posted back to the I/O thread, so a reply sent from
// there is a promise kept: the data is in the WAL and survives kill -9.
// (A server confined to one core runs the same batches on the I/O thread, once
// per event-loop pass: see the constructor.) The services see it as a
// CommitWriter<ChatWriteScope> (commit_writer.h); each piece gets this queue as
// its scope: the storage thread's messages and a cache of chats.
//
// Checkpoints (WAL -> database file, with an fsync that can take 100+ ms here)
// would otherwise run inside whichever commit crosses the WAL size limit and
// stall every reply behind it. With a checkpointer connection, automatic
// checkpoints are off and a third thread runs passive ones in the background.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/chat/message_repository.h"
#include "server/storage/commit_writer.h"

namespace parta::server {

class SqliteStorage;

class CommitQueue final : public CommitWriter<ChatWriteScope>, private ChatWriteScope {
 public:
  using Post = std::function<void(std::function<void()>)>;  // runs a task on the I/O thread
  using Clock = std::chrono::steady_clock;
  // Runs a task on the I/O thread after a delay (a timer on its loop).
  using PostAfter = std::function<void(Clock::duration, std::function<void()>)>;

  static constexpr std::size_t kMaxBatch = 4096;           // pieces per transaction
  static constexpr std::size_t kMaxCachedChats = 100'000;  // member lists kept (chat_members)

  static constexpr auto kCheckpointEvery = std::chrono::milliseconds(200);
  static constexpr auto kSlowCommit = std::chrono::milliseconds(50);  // logged as a warning

  // Starts the storage thread, and the checkpoint thread if `checkpointer` is
  // given (a connection to the same file). `post` must stay valid until stop().
  // Other connections that write should turn their automatic checkpoints off too
  // (PRAGMA wal_autocheckpoint=0), or they may still checkpoint inline.
  //
  // `on_io_thread`: no storage thread; submit() must then be called on the I/O
  // thread, and each batch runs there once per event-loop pass (a posted task),
  // continuations right after its commit. For a server confined to one core,
  // where a second thread adds two context switches per batch and no capacity.
  CommitQueue(std::unique_ptr<SqliteStorage> storage, Post post, std::unique_ptr<SqliteStorage> checkpointer = nullptr,
              bool on_io_thread = false);
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  // Group-commit pacing: a batch starts no sooner than `gap` after the previous
  // one started, so under load each transaction carries more pieces (its fixed
  // cost, the WAL page writes, is shared) at the price of at most `gap` of
  // added latency; an idle queue commits a lone piece at once. Zero (the
  // default) commits as soon as possible. `post_after` is needed on the I/O
  // thread mode only. Call before the first submit().
  void set_pacing(Clock::duration gap, PostAfter post_after = nullptr);

  // Any thread. `work` runs on the storage thread in submission order; `then`
  // follows on the I/O thread, in the same order, after the commit.
  void submit(Work work, Then then) override;
  // Finishes everything already submitted, then joins the thread. Idempotent.
  void stop();

  // Storage thread only, from inside a piece: the members of `chat`, or null if
  // they cannot be read. Cached across batches while no OTHER connection has
  // committed anything (PRAGMA data_version, checked at each batch start under
  // the write lock), so membership changes made elsewhere are always seen.
  // Pieces must not change chat membership themselves.
  const std::vector<UserId>* chat_members(ChatId chat);
  // The same cache, whole: settings, members, roles and mutes (null: no such
  // chat, or it cannot be read). Pieces that change these call forget_chat.
  const ChatAccess* chat_access(ChatId chat) override;
  void forget_chat(ChatId chat) { members_.erase(chat.get()); }

  struct Stats {
    std::uint64_t batches = 0;
    std::uint64_t pieces = 0;
    std::uint64_t busy_cpu_ns = 0;  // storage thread CPU time spent on batches
  };
  Stats stats() const;

 private:
  // ChatWriteScope: the storage thread's connection.
  MessageRepository& messages() override;

  struct Piece {
    Work work;
    Then then;
  };
  void run();
  void run_on_io_thread();
  void take_batch(std::vector<Piece>& batch);
  Status commit_batch(std::vector<Piece>& batch);
  void run_checkpoints();
  void forget_members_if_changed();

  std::unique_ptr<SqliteStorage> storage_;
  std::unique_ptr<SqliteStorage> checkpointer_;
  Post post_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;             // the storage thread
  std::condition_variable checkpoint_wake_;  // the checkpoint thread (stop only)
  std::vector<Piece> pending_;               // guarded by mutex_
  bool stopping_ = false;                    // guarded by mutex_
  Stats stats_;                              // guarded by mutex_
  // Storage thread only.
  struct CachedChat {
    ChatAccess access;
    std::vector<UserId> ids;
  };
  CachedChat* cached(ChatId chat);
  std::unordered_map<std::int64_t, CachedChat> members_;
  std::int64_t data_version_ = -1;
  bool on_io_thread_ = false;
  bool batch_posted_ = false;  // on_io_thread_ mode: a batch task is queued
  Clock::duration gap_{};
  PostAfter post_after_;
  Clock::time_point last_batch_{};  // when the previous batch started
  std::thread thread_;
  std::thread checkpoint_thread_;
};

}  // namespace parta::server
