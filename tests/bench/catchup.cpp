// parta-bench-catchup: how long a client takes to catch up on what it missed
// while offline (tools/bench catchup). Against a real parta-server it starts
// itself (durability_server.h), per run and scenario:
//   1. the client (CatchupReader: a SyncEngine) resumes its session, lists its
//      chats and loads the scenario's chats (open_chat: the newest page), after
//      a few warm-up messages were posted in each;
//   2. it goes offline; the chats' other member posts the missed messages with
//      pipelined SendMessage (PostingPeer), so they are stored, sequenced and
//      fanned out like any message: one connection per 300 messages, since the
//      server lets a connection burst 400 commands and then 100/s;
//   3. it reconnects. The clock runs from on_connected() (socket upgraded, the
//      engine sends ResumeSession) until its state has caught up: online, no
//      request in flight, every loaded chat's cursor at its last_seq with no
//      gap, and the newest posted message loaded in each chat.
// Scenarios: 10,000 missed in one chat (more than kSnapshotAfterEvents: the
// server answers with a snapshot), 10,000 over 50 chats x 200 (events, one page
// each), 4,000 in one chat (events, 20 pages of 200). Each run uses a fresh
// pair of users from parta-bench-seed (--room-size 2 --chats-per-room 50), so
// nothing carries over. Prints one line per run and the medians:
//   catchup_<scenario>_ms: N (...)
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catchup_peers.h"
#include "durability_server.h"
#include "shared/core/validation.h"

using namespace parta;
using namespace parta::bench;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSec = 1'000 * kMs;
constexpr std::size_t kWarmupPerChat = 20;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Options {
  std::string server, data_dir, tokens, ready_file, log_file;
  int runs = 3;
  // Messages per posting connection: the server allows a burst of 400
  // commands per connection (then 100/s), so a phase opens as many as it needs.
  std::size_t per_connection = 300;
  std::size_t window = 64;  // SendMessage in flight per posting connection
  std::string only;         // run just this scenario
};

struct Scenario {
  std::string name;
  std::size_t chats = 1;
  std::size_t per_chat = 0;
};

struct RunResult {
  double ms = 0;             // on_connected -> caught up
  double engine_ms = 0;      // inside SyncEngine::on_bytes
  std::uint64_t frames = 0;  // WebSocket messages received
  std::uint64_t bytes = 0;   // bytes read from the socket (headers included)
  std::uint64_t payload = 0;
  std::size_t loaded = 0;  // messages in the chats' windows afterwards
  bool snapshot_seen = false;
  double post_s = 0;  // time to post the missed messages (not measured)
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], v = argv[i + 1];
    if (flag == "--server")
      o.server = v;
    else if (flag == "--data-dir")
      o.data_dir = v;
    else if (flag == "--tokens")
      o.tokens = v;
    else if (flag == "--ready-file")
      o.ready_file = v;
    else if (flag == "--server-log")
      o.log_file = v;
    else if (flag == "--runs")
      o.runs = std::stoi(v);
    else if (flag == "--per-connection")
      o.per_connection = std::stoul(v);
    else if (flag == "--window")
      o.window = std::stoul(v);
    else if (flag == "--only")
      o.only = v;
    else
      return false;
  }
  if (o.ready_file.empty()) o.ready_file = o.data_dir + "/catchup.ready";
  if (o.log_file.empty()) o.log_file = o.data_dir + "/server.log";
  return !o.server.empty() && !o.data_dir.empty() && !o.tokens.empty() && o.runs >= 1 && o.per_connection >= 1 &&
         o.per_connection <= 400 && o.window >= 1;
}

// One epoll for every socket of a run. The reader's socket is tagged with the
// reader, every other one with its PostingPeer.
class Loop {
 public:
  Loop() : fd_(::epoll_create1(EPOLL_CLOEXEC)) {}
  ~Loop() { ::close(fd_); }
  int fd() const { return fd_; }

  CatchupReader* reader = nullptr;

  // Runs the sockets until `done()` (checked after every batch of events) or the
  // timeout. False on timeout or when a peer failed (`error` says which).
  bool run_until(const std::function<bool()>& done, double timeout_s, const std::string& what, std::string& error,
                 std::int64_t* finished_ns = nullptr) {
    const std::int64_t deadline = now_ns() + static_cast<std::int64_t>(timeout_s * kSec);
    epoll_event events[64];
    while (true) {
      if (done()) {
        if (finished_ns) *finished_ns = now_ns();
        return true;
      }
      if (reader && reader->failed()) {
        error = what + ": reader: " + reader->error();
        return false;
      }
      for (auto* p : peers) {
        if (p->failed()) {
          error = what + ": poster: " + p->error();
          return false;
        }
      }
      if (now_ns() > deadline) {
        error = what + ": timed out after " + std::to_string(timeout_s) + " s";
        return false;
      }
      const int n = ::epoll_wait(fd_, events, 64, 2);
      const std::int64_t t = now_ns();
      for (int i = 0; i < n; ++i) {
        void* tag = events[i].data.ptr;
        if (tag == reader)
          reader->on_events(events[i].events, t);
        else
          static_cast<PostingPeer*>(tag)->on_events(events[i].events);
      }
      if (reader) reader->tick(wall_ms());
    }
  }

  std::vector<PostingPeer*> peers;

 private:
  int fd_;
};

std::vector<std::int64_t> sorted_chat_ids(const CatchupReader& reader) {
  std::vector<std::int64_t> ids;
  for (const ChatEntry& c : reader.engine().state().chats) ids.push_back(c.id.get());
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Posts `per_chat` messages in each chat, round robin over the chats, from
// fresh connections of the poster (one per o.per_connection messages), and
// waits for every MessageSent. Adds the newest stored seq per chat to `newest`.
bool post_phase(const Options& o, std::uint16_t port, Loop& loop, const std::vector<ChatId>& chats,
                std::size_t per_chat, const std::string& token, const std::string& tag,
                std::map<std::int64_t, std::uint64_t>& newest, std::string& error) {
  const std::size_t total = per_chat * chats.size();
  const std::size_t n = (total + o.per_connection - 1) / o.per_connection;
  std::vector<std::unique_ptr<PostingPeer>> posters;
  loop.peers.clear();
  for (std::size_t i = 0; i < n; ++i) {
    posters.push_back(std::make_unique<PostingPeer>(token, tag + "p" + std::to_string(i), o.window));
    loop.peers.push_back(posters.back().get());
    if (!posters.back()->connect(loop.fd(), port)) {
      error = tag + ": " + posters.back()->error();
      return false;
    }
  }
  std::size_t k = 0;
  for (std::size_t m = 0; m < per_chat; ++m) {
    for (const ChatId chat : chats) posters[k++ / o.per_connection]->post(chat, 1);
  }
  const bool ok = loop.run_until(
      [&] {
        return std::all_of(posters.begin(), posters.end(), [](const auto& p) { return p->online() && p->done(); });
      },
      90, tag, error);
  for (const auto& p : posters) {
    for (const auto& [chat, seq] : p->newest()) newest[chat] = std::max(newest[chat], seq);
    p->disconnect();
  }
  loop.peers.clear();
  return ok;
}

bool run_one(const Options& o, std::uint16_t port, const Scenario& sc, const std::string& reader_token,
             const std::string& poster_token, const std::string& tag, RunResult& result, std::string& error) {
  Loop loop;
  CatchupReader reader(reader_token);
  loop.reader = &reader;
  if (!reader.connect(loop.fd(), port)) {
    error = reader.error();
    return false;
  }
  if (!loop.run_until([&] { return reader.online() && reader.engine().state().chats_loaded && reader.idle(); }, 30,
                      "log-in", error)) {
    return false;
  }
  const std::vector<std::int64_t> ids = sorted_chat_ids(reader);
  if (ids.size() < sc.chats) {
    error = "the reader has " + std::to_string(ids.size()) + " chats, the scenario needs " + std::to_string(sc.chats);
    return false;
  }
  std::vector<ChatId> chats;
  for (std::size_t i = 0; i < sc.chats; ++i) chats.push_back(ChatId{ids[i]});

  // Some history first, so the loaded window and the cursor are not empty.
  std::map<std::int64_t, std::uint64_t> warm;
  if (!post_phase(o, port, loop, chats, kWarmupPerChat, poster_token, tag + "-warm", warm, error)) return false;
  reader.open_chats(chats);
  if (!loop.run_until([&] { return reader.caught_up(warm); }, 30, "loading the chats", error)) return false;

  // Offline; the other member posts what the reader will miss.
  reader.disconnect();
  const std::int64_t post_start = now_ns();
  std::map<std::int64_t, std::uint64_t> expected;
  if (!post_phase(o, port, loop, chats, sc.per_chat, poster_token, tag, expected, error)) return false;
  result.post_s = static_cast<double>(now_ns() - post_start) / kSec;
  for (const ChatId chat : chats) {
    if (expected[chat.get()] < warm[chat.get()] + sc.per_chat) {
      error = "chat " + std::to_string(chat.get()) + ": posting did not reach the expected seq";
      return false;
    }
  }
  // Let the server finish its fan-out to the posters before the clock starts.
  const std::int64_t settle = now_ns() + 200 * kMs;
  loop.run_until([&] { return now_ns() > settle; }, 1, "settling", error);

  // Back online: the measured part.
  reader.reset_counters();
  if (!reader.connect(loop.fd(), port)) {
    error = reader.error();
    return false;
  }
  std::int64_t finished = 0;
  if (!loop.run_until([&] { return reader.caught_up(expected); }, 60, "catching up", error, &finished)) return false;
  result.ms = static_cast<double>(finished - reader.connected_at_ns()) / kMs;
  result.engine_ms = reader.engine_ms();
  result.frames = reader.frames_in();
  result.bytes = reader.bytes_in();
  result.payload = reader.payload_bytes_in();
  for (const ChatId chat : chats) result.loaded += reader.engine().state().find_chat(chat)->messages.size();
  result.snapshot_seen = reader.snapshots() > 0;
  reader.disconnect();
  return true;
}

template <typename T, typename F>
T median_of(std::vector<RunResult> runs, F field) {
  std::sort(runs.begin(), runs.end(), [&](const RunResult& a, const RunResult& b) { return field(a) < field(b); });
  return field(runs[runs.size() / 2]);
}

std::string group(std::uint64_t v) {
  const std::string digits = std::to_string(v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: parta-bench-catchup --server BIN --data-dir DIR --tokens FILE [--runs N] [--per-connection K]"
                 " [--window K] [--only SCENARIO] [--ready-file F] [--server-log F]\n");
    return 2;
  }
  const std::vector<Scenario> scenarios = {
      {"snapshot_10000", 1, 10'000},  // > kSnapshotAfterEvents: the server sends the newest page
      {"events_50x200", 50, 200},     // one catch-up page per chat
      {"events_4000", 1, 4'000},      // 20 pages of kMaxHistoryPage events
  };
  static_assert(kSnapshotAfterEvents < 10'000 && kSnapshotAfterEvents > 4'000);

  // "chat_id token" per line; users in pairs (rooms of 2): reader, then poster.
  std::vector<std::string> tokens;
  {
    std::ifstream in(o.tokens);
    std::string chat, token;
    while (in >> chat >> token) tokens.push_back(token);
  }
  std::size_t needed = 0;
  for (const auto& sc : scenarios) needed += (o.only.empty() || o.only == sc.name) ? 2 * o.runs : 0;
  if (needed == 0 || tokens.size() < needed) {
    std::fprintf(stderr, "parta-bench-catchup: %zu tokens, %zu needed (seed --users %zu --room-size 2)\n",
                 tokens.size(), needed, needed);
    return 2;
  }

  ServerProcess server(o.server, o.data_dir, o.ready_file, o.log_file);
  if (!server.spawn(0)) {
    std::fprintf(stderr, "parta-bench-catchup: %s\n", server.error().c_str());
    return 1;
  }
  {
    const std::int64_t deadline = now_ns() + 60 * kSec;
    bool died = false;
    while (!server.poll_ready(died)) {
      if (died || now_ns() > deadline) {
        std::fprintf(stderr, "parta-bench-catchup: the server did not start: %s\n", server.error().c_str());
        return 1;
      }
      ::usleep(20'000);
    }
  }

  int status = 0;
  std::size_t pair = 0;
  const std::int64_t started = now_ns();
  for (const auto& sc : scenarios) {
    if (!o.only.empty() && o.only != sc.name) continue;
    std::vector<RunResult> runs;
    for (int r = 0; r < o.runs; ++r, ++pair) {
      RunResult result;
      std::string error;
      const std::string tag = sc.name + "-r" + std::to_string(r);
      if (!run_one(o, server.port(), sc, tokens[2 * pair], tokens[2 * pair + 1], tag, result, error)) {
        std::fprintf(stderr, "parta-bench-catchup: %s run %d: %s\n", sc.name.c_str(), r + 1, error.c_str());
        status = 1;
        break;
      }
      std::printf(
          "  %s run %d: %.1f ms to catch up on %s missed in %zu chat(s); %s bytes in %s frames; engine %.1f ms;"
          " %zu messages loaded%s (posted in %.2f s)\n",
          sc.name.c_str(), r + 1, result.ms, group(sc.chats * sc.per_chat).c_str(), sc.chats,
          group(result.bytes).c_str(), group(result.frames).c_str(), result.engine_ms, result.loaded,
          result.snapshot_seen ? " (snapshot)" : "", result.post_s);
      std::fflush(stdout);
      runs.push_back(result);
    }
    if (runs.size() != static_cast<std::size_t>(o.runs)) break;
    std::vector<double> times;
    for (const auto& r : runs) times.push_back(r.ms);
    std::sort(times.begin(), times.end());
    std::printf(
        "catchup_%s_ms: %.0f (median of %d; min %.0f, max %.0f) bytes_in: %s frames: %s engine_ms: %.1f"
        " loaded: %zu\n",
        sc.name.c_str(), median_of<double>(runs, [](const RunResult& r) { return r.ms; }), o.runs, times.front(),
        times.back(), group(median_of<std::uint64_t>(runs, [](const RunResult& r) { return r.bytes; })).c_str(),
        group(median_of<std::uint64_t>(runs, [](const RunResult& r) { return r.frames; })).c_str(),
        median_of<double>(runs, [](const RunResult& r) { return r.engine_ms; }),
        median_of<std::size_t>(runs, [](const RunResult& r) { return r.loaded; }));
    std::fflush(stdout);
  }
  const int stopped = server.stop(10);
  std::printf("total %.1f s; server exit status %d\n", static_cast<double>(now_ns() - started) / kSec, stopped);
  return status;
}
