// CommitQueue: the storage thread's loop (take a batch, one transaction, post results).
#include "server/storage/commit_queue.h"

#include <time.h>

#include "server/app/log.h"
#include "server/storage/sqlite_storage.h"

namespace parta::server {

namespace {
std::uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}
}  // namespace

CommitQueue::CommitQueue(std::unique_ptr<SqliteStorage> storage, Post post,
                         std::unique_ptr<SqliteStorage> checkpointer, bool on_io_thread)
    : storage_(std::move(storage)),
      checkpointer_(std::move(checkpointer)),
      post_(std::move(post)),
      on_io_thread_(on_io_thread) {
  if (checkpointer_) {
    if (auto s = storage_->db().exec("PRAGMA wal_autocheckpoint=0;"); !s) log_warn("cannot turn off autocheckpoint");
    checkpoint_thread_ = std::thread([this] { run_checkpoints(); });
  }
  if (!on_io_thread_) thread_ = std::thread([this] { run(); });
}

CommitQueue::~CommitQueue() { stop(); }

void CommitQueue::set_pacing(Clock::duration gap, PostAfter post_after) {
  std::lock_guard lock(mutex_);
  gap_ = gap;
  post_after_ = std::move(post_after);
}

void CommitQueue::submit(Work work, Then then) {
  if (on_io_thread_) {
    // One batch per event-loop pass: everything submitted before the posted
    // task runs shares its transaction.
    pending_.push_back(Piece{std::move(work), std::move(then)});
    if (!batch_posted_) {
      batch_posted_ = true;
      const auto wait = last_batch_ + gap_ - Clock::now();
      if (post_after_ && wait > Clock::duration::zero()) {
        post_after_(wait, [this] { run_on_io_thread(); });
      } else {
        post_([this] { run_on_io_thread(); });
      }
    }
    return;
  }
  bool was_empty = false;
  {
    std::lock_guard lock(mutex_);
    was_empty = pending_.empty();
    pending_.push_back(Piece{std::move(work), std::move(then)});
  }
  // The thread only sleeps on an empty queue; while it commits, pieces pile up
  // for the next batch without a wake-up each.
  if (was_empty) wake_.notify_one();
}

void CommitQueue::stop() {
  if (on_io_thread_) {
    while (!pending_.empty()) run_on_io_thread();
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  checkpoint_wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

CommitQueue::Stats CommitQueue::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

CommitQueue::CachedChat* CommitQueue::cached(ChatId chat) {
  auto it = members_.find(chat.get());
  if (it != members_.end()) return &it->second;
  auto access = storage_->chat_access(chat);
  if (!access || !access.value()) return nullptr;
  if (members_.size() >= kMaxCachedChats) members_.clear();
  CachedChat entry;
  entry.ids = access.value()->member_ids();
  entry.access = std::move(*access.value());
  return &members_.emplace(chat.get(), std::move(entry)).first->second;
}

const std::vector<UserId>* CommitQueue::chat_members(ChatId chat) {
  auto* entry = cached(chat);
  return entry ? &entry->ids : nullptr;
}

MessageRepository& CommitQueue::messages() { return *storage_; }

const ChatAccess* CommitQueue::chat_access(ChatId chat) {
  auto* entry = cached(chat);
  return entry ? &entry->access : nullptr;
}

void CommitQueue::forget_members_if_changed() {
  std::int64_t version = -1;
  if (auto q = storage_->db().query("PRAGMA data_version")) {
    if (auto row = q->step(); row && row.value()) version = q->column_int(0);
  }
  if (version < 0 || version != data_version_) members_.clear();
  data_version_ = version;
}

void CommitQueue::run_checkpoints() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (checkpoint_wake_.wait_for(lock, kCheckpointEvery, [this] { return stopping_; })) return;
    }
    // PASSIVE: copies what it can without blocking the writer or readers; the
    // fsyncs happen here, not in a commit.
    if (auto s = checkpointer_->db().exec("PRAGMA wal_checkpoint(PASSIVE);"); !s) log_warn("checkpoint failed");
  }
}

// Takes up to kMaxBatch pending pieces, in submission order. Caller holds mutex_
// (or is the I/O thread in on_io_thread_ mode).
void CommitQueue::take_batch(std::vector<Piece>& batch) {
  if (pending_.size() <= kMaxBatch) {
    batch.swap(pending_);
    return;
  }
  auto end = pending_.begin() + static_cast<std::ptrdiff_t>(kMaxBatch);
  std::move(pending_.begin(), end, std::back_inserter(batch));
  pending_.erase(pending_.begin(), end);
}

Status CommitQueue::commit_batch(std::vector<Piece>& batch) {
  last_batch_ = Clock::now();
  const std::uint64_t cpu0 = thread_cpu_ns();
  const auto wall0 = std::chrono::steady_clock::now();
  // One transaction for the whole batch; a piece that fails rolls back only
  // its own savepoint. If the commit itself fails, every piece hears so.
  Status committed = storage_->run_batch([&] {
    forget_members_if_changed();
    for (Piece& piece : batch) piece.work(*this);
  });
  if (!committed) log_error("group commit of ", batch.size(), " pieces failed");
  const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - wall0);
  if (wall >= kSlowCommit) {
    log_warn("slow group commit: ", wall.count(), " ms for ", batch.size(), " pieces (",
             (thread_cpu_ns() - cpu0) / 1'000'000, " ms CPU)");
  }
  std::lock_guard lock(mutex_);
  stats_.batches += 1;
  stats_.pieces += batch.size();
  stats_.busy_cpu_ns += thread_cpu_ns() - cpu0;
  return committed;
}

void CommitQueue::run_on_io_thread() {
  batch_posted_ = false;
  std::vector<Piece> batch;
  take_batch(batch);
  if (!pending_.empty()) {  // more than kMaxBatch: the rest next pass
    batch_posted_ = true;
    post_([this] { run_on_io_thread(); });
  }
  const Status committed = commit_batch(batch);
  for (Piece& piece : batch) piece.then(committed);
}

void CommitQueue::run() {
  std::vector<Piece> batch;
  batch.reserve(kMaxBatch);
  for (;;) {
    // Wait for work.
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // stopping, and everything is done
      // Pacing: let more pieces join this batch (a stop cuts the wait short).
      wake_.wait_until(lock, last_batch_ + gap_, [this] { return stopping_; });
      take_batch(batch);
    }
    const Status committed = commit_batch(batch);
    // One hop back to the I/O thread per batch, continuations in order.
    std::vector<Then> thens;
    thens.reserve(batch.size());
    for (Piece& piece : batch) thens.push_back(std::move(piece.then));
    batch.clear();
    post_([thens = std::move(thens), committed]() mutable {
      for (Then& then : thens) then(committed);
    });
  }
}

}  // namespace parta::server
