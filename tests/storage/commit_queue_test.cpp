// CommitQueue on a real database: order and durability of group commits, and
// pacing (a lone piece commits at once; pieces that follow a commit closely
// wait for the gap and share the next transaction), on a storage thread and on
// the I/O thread (here: a task list the test runs, as the event loop would).
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "fixtures.h"
#include "server/storage/commit_queue.h"

using namespace parta;
using namespace parta::server;
using namespace parta::server::test;
using Clock = std::chrono::steady_clock;

namespace {

// Appends `text` to the school's chat from the queue; records when it ended.
struct Appends {
  std::mutex mutex;
  std::condition_variable done;
  std::vector<std::string> order;  // texts, in the order their `then` ran
  std::vector<Clock::time_point> at;

  void submit(CommitQueue& q, const School& s, const std::string& text) {
    q.submit(
        [&s, text](ChatWriteScope& scope) {
          // CHECK, not REQUIRE: this runs on the storage thread, where a throw
          // would unwind through the batch instead of ending the test.
          CHECK(scope.messages().append_message(s.chat, s.a, "id-" + text, text, 1000));
        },
        [this, text](Status status) {
          CHECK(status);
          std::lock_guard lock(mutex);
          order.push_back(text);
          at.push_back(Clock::now());
          done.notify_all();
        });
  }
  void wait_for(std::size_t n) {
    std::unique_lock lock(mutex);
    REQUIRE(done.wait_for(lock, std::chrono::seconds(10), [&] { return order.size() >= n; }));
  }
};

std::unique_ptr<SqliteStorage> second_connection(const std::string& path) {
  auto opened = SqliteStorage::open(path);
  REQUIRE(opened);
  return std::move(opened).value();
}

std::size_t stored(SqliteStorage& st, const School& s) {
  HistoryQuery q;
  q.chat = s.chat;
  q.limit = 100;
  auto page = st.history(q);
  REQUIRE(page);
  return page->messages.size();
}

}  // namespace

TEST_CASE("[storage] commit queue: a storage thread, with and without pacing") {
  TempDb tmp;
  School s = open_school(tmp.path());
  // `then` runs on the thread that posts (here: the storage thread itself).
  CommitQueue q(second_connection(tmp.path()), [](std::function<void()> task) { task(); });
  Appends log;

  SUBCASE("no pacing: every piece, in order, durable before its reply") {
    for (int i = 0; i < 50; ++i) log.submit(q, s, std::to_string(i));
    log.wait_for(50);
    for (int i = 0; i < 50; ++i) CHECK(log.order[static_cast<std::size_t>(i)] == std::to_string(i));
    CHECK(stored(*s.storage, s) == 50);  // read over the other connection
  }
  SUBCASE("pacing: a lone piece at once, close followers share one later batch") {
    // Long enough that a slow commit on a busy machine cannot pass for it.
    const auto gap = std::chrono::milliseconds(400);
    q.set_pacing(gap);
    const auto t0 = Clock::now();
    log.submit(q, s, "first");
    log.wait_for(1);
    CHECK(log.at[0] - t0 < gap);  // idle: no wait
    const auto batches_before = q.stats().batches;
    for (int i = 0; i < 5; ++i) log.submit(q, s, "follower" + std::to_string(i));
    log.wait_for(6);
    CHECK(log.at[1] - t0 >= gap);  // the second batch started a gap after the first
    CHECK(q.stats().batches == batches_before + 1);  // the five in one transaction
    CHECK(stored(*s.storage, s) == 6);
  }
  q.stop();
}

TEST_CASE("[storage] commit queue on the I/O thread: pacing through the loop's timer") {
  TempDb tmp;
  School s = open_school(tmp.path());
  // The event loop: tasks to run now, and timed ones (delay, task).
  std::vector<std::function<void()>> now;
  std::vector<std::pair<Clock::duration, std::function<void()>>> later;
  CommitQueue q(second_connection(tmp.path()), [&](std::function<void()> task) { now.push_back(std::move(task)); },
                nullptr, /*on_io_thread=*/true);
  q.set_pacing(std::chrono::milliseconds(50),
               [&](Clock::duration d, std::function<void()> task) { later.emplace_back(d, std::move(task)); });
  Appends log;
  auto run_now = [&] {
    auto tasks = std::move(now);
    now.clear();
    for (auto& t : tasks) t();
  };

  log.submit(q, s, "lone");
  REQUIRE(now.size() == 1);  // idle: the batch runs on the next loop pass
  CHECK(later.empty());
  run_now();
  REQUIRE(log.order.size() == 1);

  log.submit(q, s, "a");
  log.submit(q, s, "b");
  CHECK(now.empty());  // right after a commit: one timed batch for both
  REQUIRE(later.size() == 1);
  CHECK(later[0].first > std::chrono::milliseconds(0));
  CHECK(later[0].first <= std::chrono::milliseconds(50));
  const auto batches_before = q.stats().batches;
  later[0].second();
  CHECK(q.stats().batches == batches_before + 1);
  CHECK(log.order == std::vector<std::string>{"lone", "a", "b"});
  CHECK(stored(*s.storage, s) == 3);
  q.stop();
}
