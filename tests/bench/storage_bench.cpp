// parta-bench-storage: durable message appends per second on SQLite (WAL,
// synchronous=NORMAL), through the server's CommitQueue (group commit) and, for
// comparison, one transaction per append as the I/O thread used to do. Each
// append does what a SendMessage does in the server: membership check, dedupe,
// next seq, insert, member list. Bounded: --messages appends, at most 10,000 in
// flight (one per connection of the server benchmark).
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>

#include "bench_stats.h"
#include "server/storage/commit_queue.h"
#include "server/storage/sqlite_org_store.h"
#include "server/storage/sqlite_storage.h"

using namespace parta;
using namespace parta::server;
using parta::bench::now_ns;

namespace {

struct School {
  std::vector<ChatId> rooms;
  std::vector<std::vector<UserId>> members;
};

School seed(SqliteStorage& storage, int rooms, int room_size) {
  School school;
  SqliteOrgStore orgs(storage);
  Status ok = storage.run_batch([&] {
    auto org = orgs.create_org("Storage bench");
    for (int r = 0; r < rooms; ++r) {
      std::vector<UserId> members;
      for (int m = 0; m < room_size; ++m) {
        NewUser user;
        user.org = org.value();
        user.role = pb::ROLE_STUDENT;
        user.display_name = "Student " + std::to_string(r) + "." + std::to_string(m);
        user.login = "s" + std::to_string(r) + "." + std::to_string(m) + "@bench.school";
        user.password_hash = "x";
        members.push_back(orgs.create_user(user).value());
      }
      school.rooms.push_back(storage.create_chat(org.value(), pb::CHAT_KIND_GROUP, "Room", members).value());
      school.members.push_back(std::move(members));
    }
  });
  if (!ok) std::fprintf(stderr, "seed failed\n");
  return school;
}

// One append; with `full`, all of a SendMessage's storage work as the server
// does it (ChatService::send_message_durable): membership check, append, member list.
// The member list comes from the commit queue's cache, as in the server.
bool append_one(MessageRepository& storage, const School& school, std::uint64_t i, const char* tag, CommitQueue* full) {
  const std::size_t room = i % school.rooms.size();
  const UserId sender = school.members[room][(i / school.rooms.size()) % school.members[room].size()];
  std::vector<UserId> members;
  if (full) {
    const auto* cached = full->chat_members(school.rooms[room]);
    if (!cached || std::find(cached->begin(), cached->end(), sender) == cached->end()) return false;
    members = *cached;
  }
  auto appended = storage.append_message(school.rooms[room], sender, std::string(tag) + std::to_string(i),
                                         "storage bench message " + std::to_string(i), 1'700'000'000'000LL);
  return appended && appended->created;
}

struct GroupRun {
  double seconds = 0;
  std::uint64_t failed = 0;
  CommitQueue::Stats stats;
};

// Group commit: a producer keeps up to 10,000 appends in flight.
GroupRun group_commit(const std::string& path, const School& school, std::uint64_t messages, const char* tag,
                      bool full) {
  std::mutex mutex;
  std::condition_variable cv;
  std::uint64_t done = 0;
  GroupRun run;
  auto committing = SqliteStorage::open(path);
  if (!committing) std::exit(1);
  auto checkpointer = SqliteStorage::open(path);
  if (!checkpointer) std::exit(1);
  CommitQueue queue(std::move(committing).value(), [](std::function<void()> task) { task(); },
                    std::move(checkpointer).value());
  const std::int64_t t0 = now_ns();
  for (std::uint64_t i = 0; i < messages; ++i) {
    {
      std::unique_lock lock(mutex);
      cv.wait(lock, [&] { return i - done < 10'000; });
    }
    auto ok = std::make_shared<bool>(false);
    queue.submit([ok, &school, i, tag, full, &queue](ChatWriteScope& scope) {
                   *ok = append_one(scope.messages(), school, i, tag, full ? &queue : nullptr);
                 },
                 [ok, &mutex, &cv, &done, &run](Status committed) {
                   std::lock_guard lock(mutex);
                   ++done;
                   if (!committed || !*ok) ++run.failed;
                   cv.notify_one();
                 });
  }
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return done == messages; });
  }
  run.seconds = static_cast<double>(now_ns() - t0) / 1e9;
  run.stats = queue.stats();
  queue.stop();
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t messages = 200'000;
  std::string dir = (std::filesystem::temp_directory_path() / "parta-storage-bench").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--messages") messages = std::stoull(argv[i + 1]);
    else if (flag == "--dir") dir = argv[i + 1];
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/parta.db";
  auto main_storage = SqliteStorage::open(path);
  if (!main_storage) return 1;
  const School school = seed(*main_storage.value(), 334, 30);

  const GroupRun appends = group_commit(path, school, messages, "a", false);
  const GroupRun sends = group_commit(path, school, messages, "f", true);

  // One transaction per append, as before group commit (a tenth as many).
  const std::uint64_t single = std::max<std::uint64_t>(1, messages / 10);
  std::uint64_t single_failed = 0;
  const std::int64_t t1 = now_ns();
  for (std::uint64_t i = 0; i < single; ++i) {
    if (!append_one(*main_storage.value(), school, i, "s", nullptr)) ++single_failed;
  }
  const double single_s = static_cast<double>(now_ns() - t1) / 1e9;

  // Wall-clock rates swing with whatever else runs on the machine; the storage
  // thread's own CPU time per append does not.
  auto report = [&](const char* what, const GroupRun& r) {
    std::printf("%s: %llu in %.2f s = %.0f/s; %.2f us storage-thread CPU each (= %.0f/s per core); "
                "%llu commits (%.0f each); %llu failed\n",
                what, (unsigned long long)messages, r.seconds, messages / r.seconds,
                r.stats.busy_cpu_ns / 1e3 / messages, messages / (r.stats.busy_cpu_ns / 1e9),
                (unsigned long long)r.stats.batches,
                static_cast<double>(r.stats.pieces) / static_cast<double>(std::max<std::uint64_t>(1, r.stats.batches)),
                (unsigned long long)r.failed);
  };
  report("group commit, append_message", appends);
  report("group commit, a SendMessage's storage work (membership + append + members, cached)", sends);
  std::printf("one transaction per append_message: %llu in %.2f s = %.0f/s; %llu failed\n",
              (unsigned long long)single, single_s, single / single_s, (unsigned long long)single_failed);
  std::printf("RESULT appends_per_s=%.0f appends_per_cpu_s=%.0f sends_per_s=%.0f single_appends_per_s=%.0f\n",
              messages / appends.seconds, messages / (appends.stats.busy_cpu_ns / 1e9), messages / sends.seconds,
              single / single_s);
  const std::uint64_t failed = appends.failed + sends.failed;
  std::filesystem::remove_all(dir);
  return failed == 0 && single_failed == 0 ? 0 : 1;
}
