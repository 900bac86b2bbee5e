// parta-bench-durability: the reliability contract under kill -9. Forty
// connections (SyncEngine clients, ResumeSession with tokens from
// parta-bench-seed) type messages at a steady pace into their rooms while this
// program kills the real parta-server with SIGKILL and restarts it (same port,
// same data dir) ten times, after 1-3 s of load each. Then every outbox must
// drain, and the chat histories, read back over the protocol (GetHistory pages),
// must hold every acknowledged message exactly once and every other message at
// most once (stored, or still in an outbox: the latter fails the run).
// Every loop and wait is bounded in count and time.
//
// Output: one line per kill, the figures, and last `lost=N duplicated=M`.
// Exit 0 only if both are 0, every kill happened and nothing is left over.
#include <sys/epoll.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <random>

#include "bench_stats.h"
#include "durability_client.h"
#include "durability_server.h"

using namespace parta::bench;

namespace {

constexpr std::int64_t kSec = 1'000'000'000;

struct Options {
  std::string server;      // the parta-server binary
  std::string data_dir;    // seeded by parta-bench-seed
  std::string tokens;      // "chat_id token" per line
  std::string ready_file;  // default: DATA/durability.ready
  std::string log_file;    // default: DATA/server.log
  std::size_t connections = 40;
  double rate = 25;        // messages/s per connection
  int kills = 10;
  double min_load = 1, max_load = 3;  // seconds of load before each kill
  double drain_seconds = 30;
  bool burst = true;       // every connection types one message right before each kill
  double kill_delay_ms = 3;  // the kill follows the burst after 0..this many ms
  std::uint64_t seed = 0;  // 0: from the clock
};

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (flag == "--server") o.server = v;
    else if (flag == "--data-dir") o.data_dir = v;
    else if (flag == "--tokens") o.tokens = v;
    else if (flag == "--ready-file") o.ready_file = v;
    else if (flag == "--server-log") o.log_file = v;
    else if (flag == "--connections") o.connections = std::stoul(v);
    else if (flag == "--rate") o.rate = std::stod(v);
    else if (flag == "--kills") o.kills = std::stoi(v);
    else if (flag == "--min-load") o.min_load = std::stod(v);
    else if (flag == "--max-load") o.max_load = std::stod(v);
    else if (flag == "--drain-seconds") o.drain_seconds = std::stod(v);
    else if (flag == "--burst") o.burst = v != "0";
    else if (flag == "--kill-delay-ms") o.kill_delay_ms = std::stod(v);
    else if (flag == "--seed") o.seed = std::stoull(v);
    else return false;
  }
  if (o.ready_file.empty()) o.ready_file = o.data_dir + "/durability.ready";
  if (o.log_file.empty()) o.log_file = o.data_dir + "/server.log";
  return !o.server.empty() && !o.data_dir.empty() && !o.tokens.empty() && o.connections > 0 && o.rate > 0 &&
         o.rate <= 90 && o.kills >= 0 && o.kills <= 100 && o.min_load > 0 && o.max_load >= o.min_load &&
         o.max_load <= 30 && o.drain_seconds > 0 && o.drain_seconds <= 120 && o.kill_delay_ms >= 0 &&
         o.kill_delay_ms <= 1000;
}

// The event loop all clients share, and the typing schedule.
struct Run {
  int epoll_fd = -1;
  std::vector<std::unique_ptr<DurableClient>> clients;
  ServerProcess* server = nullptr;
  double rate = 0;
  bool typing = false;
  std::int64_t typing_since_ns = 0;
  std::vector<std::uint64_t> typed;  // per client, in the current typing period

  // One pass: socket events, messages due by now, reconnects and watchdogs.
  void step(int timeout_ms) {
    epoll_event events[256];
    const int n = ::epoll_wait(epoll_fd, events, 256, timeout_ms);
    std::int64_t now = now_ns();
    for (int i = 0; i < n; ++i) static_cast<DurableClient*>(events[i].data.ptr)->on_events(events[i].events, now);
    now = now_ns();
    if (typing) {
      // Client i types at `rate`, offset by i/N of a period so sends spread out;
      // at most 5 per pass if the loop fell behind.
      const double elapsed = static_cast<double>(now - typing_since_ns) / 1e9;
      for (std::size_t i = 0; i < clients.size(); ++i) {
        const auto due = static_cast<std::uint64_t>(
            std::floor(elapsed * rate + static_cast<double>(i) / static_cast<double>(clients.size())));
        for (int k = 0; typed[i] < due && k < 5; ++k, ++typed[i]) clients[i]->send_one();
      }
    }
    for (auto& c : clients) c->tick(epoll_fd, server->port(), now);
  }

  // Runs the loop until `deadline_ns`, or earlier once `done` says so.
  bool loop_until(std::int64_t deadline_ns, const std::function<bool()>& done = {}) {
    while (now_ns() < deadline_ns) {
      if (done && done()) return true;
      step(1);
    }
    return done ? done() : true;
  }

  void start_typing() {
    typing = true;
    typing_since_ns = now_ns();
    typed.assign(clients.size(), 0);
  }

  std::size_t count(const std::function<bool(const DurableClient&)>& pred) const {
    std::size_t n = 0;
    for (const auto& c : clients) n += pred(*c);
    return n;
  }
  std::uint64_t sum(const std::function<std::uint64_t(const DurableClient&)>& f) const {
    std::uint64_t n = 0;
    for (const auto& c : clients) n += f(*c);
    return n;
  }
};

std::string first_error(const Run& run) {
  for (const auto& c : run.clients) {
    if (c->gave_up() || c->verify_failed()) return c->last_error();
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: parta-bench-durability --server BIN --data-dir DIR --tokens FILE [--connections 40]\n"
                 "       [--rate 25 (msg/s per connection)] [--kills 10] [--min-load 1] [--max-load 3]\n"
                 "       [--drain-seconds 30] [--burst 1] [--kill-delay-ms 3] [--seed N] [--ready-file F]\n"
                 "       [--server-log F]\n");
    return 2;
  }
  const std::int64_t t_start = now_ns();
  if (o.seed == 0) o.seed = static_cast<std::uint64_t>(t_start) ^ static_cast<std::uint64_t>(::getpid());
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> load_s(o.min_load, o.max_load);
  std::uniform_real_distribution<double> kill_delay_ms(0, o.kill_delay_ms);

  // Accounts: "chat_id token" per line; the first N.
  std::vector<std::pair<std::int64_t, std::string>> accounts;
  {
    std::ifstream in(o.tokens);
    std::int64_t chat = 0;
    std::string token;
    while (accounts.size() < o.connections && in >> chat >> token) accounts.emplace_back(chat, token);
  }
  if (accounts.size() < o.connections) {
    std::fprintf(stderr, "durability: %zu accounts in %s, %zu wanted\n", accounts.size(), o.tokens.c_str(),
                 o.connections);
    return 2;
  }

  ServerProcess server(o.server, o.data_dir, o.ready_file, o.log_file);
  Run run;
  run.server = &server;
  run.rate = o.rate;
  run.epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  // Client ids are unique per run (the tag), so a reused data dir cannot fake a dedupe.
  const std::string tag = "d" + std::to_string(o.seed % 1'000'000'007ULL);
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    run.clients.push_back(std::make_unique<DurableClient>(i, accounts[i].first, accounts[i].second, tag));
  }
  std::size_t rooms = 0;
  for (std::size_t i = 0; i < accounts.size(); ++i) rooms += i == 0 || accounts[i].first != accounts[i - 1].first;

  // Every phase has its own bound, and all of them one budget (the stop comes after).
  const std::int64_t t_limit = t_start + 110 * kSec;
  auto until = [&](double seconds) {
    return std::min(now_ns() + static_cast<std::int64_t>(seconds * kSec), t_limit);
  };
  // Polls the ready file while the clients keep running (and typing).
  auto wait_server = [&](double seconds) -> bool {
    bool died = false;
    const bool ready = run.loop_until(until(seconds), [&] {
      return server.poll_ready(died) || died;
    });
    return ready && !died;
  };
  auto fail = [&](const std::string& why) {
    std::printf("FAILED: %s\n", why.c_str());
    server.stop(10);
    return 1;
  };

  if (!server.spawn(0) || !wait_server(30)) return fail("parta-server did not start: " + server.error());
  std::printf("durability: %zu connections (SyncEngine, ResumeSession) in %zu rooms, %.0f msg/s each; "
              "parta-server on port %u; %d kills after %.1f-%.1f s of load%s; seed %llu\n",
              run.clients.size(), rooms, o.rate, server.port(), o.kills, o.min_load, o.max_load,
              o.burst ? " and a burst of one message per connection" : "", (unsigned long long)o.seed);
  std::fflush(stdout);
  auto all_online = [&] { return run.count([](auto& c) { return c.online(); }) == run.clients.size(); };
  auto any_gave_up = [&] { return run.count([](auto& c) { return c.gave_up(); }) > 0; };
  run.loop_until(until(30), [&] { return all_online() || any_gave_up(); });
  if (!all_online()) {
    return fail("not every connection got a session: " + first_error(run));
  }

  // Load, with a kill -9 and a restart (same port, same data dir) after each period.
  const std::int64_t t_load = now_ns();
  run.start_typing();
  int kills = 0;
  double max_restart_ms = 0, sum_restart_ms = 0;
  for (int k = 1; k <= o.kills; ++k) {
    const double seconds = load_s(rng);
    run.loop_until(until(seconds));
    if (now_ns() >= t_limit) return fail("over the time budget");
    // The kill lands mid-burst: every connection types one message at once and
    // SIGKILL follows within a few ms, so some of the burst is unread by the
    // server, some stored but not yet acknowledged, some acknowledged.
    if (o.burst) {
      for (auto& c : run.clients) c->send_one();
      const std::int64_t kill_at = now_ns() + static_cast<std::int64_t>(kill_delay_ms(rng) * 1e6);
      while (now_ns() < kill_at) run.step(0);
    }
    const std::size_t in_flight = run.sum([](auto& c) { return c.in_flight(); });
    const std::size_t queued = run.sum([](auto& c) { return c.outbox_size(); });
    const std::int64_t t_kill = now_ns();
    if (!server.kill9()) return fail(server.error());
    ++kills;
    if (!server.spawn(server.port()) || !wait_server(10)) return fail("restart failed: " + server.error());
    const double restart_ms = static_cast<double>(now_ns() - t_kill) / 1e6;
    max_restart_ms = std::max(max_restart_ms, restart_ms);
    sum_restart_ms += restart_ms;
    std::printf("kill %2d after %.2f s of load: %4zu messages awaiting MessageSent, %4zu in outboxes; "
                "server back in %.0f ms\n",
                k, seconds, in_flight, queued, restart_ms);
    std::fflush(stdout);
  }
  // Load after the last restart too, then stop typing and let every outbox drain.
  run.loop_until(until(load_s(rng)));
  run.typing = false;
  const std::int64_t t_drain = now_ns();
  const double load_seconds = static_cast<double>(t_drain - t_load) / 1e9;
  // A retryable Error leaves a message unsent until the engine flushes again
  // (next send_text or session); after 2 s without a flush, reconnect.
  std::uint64_t stall_reconnects = 0;
  std::int64_t stalled_since = 0;
  const bool drained = run.loop_until(until(o.drain_seconds), [&] {
    if (all_online() && run.sum([](auto& c) { return c.outbox_size(); }) == 0) return true;
    const bool stalled = run.count([](auto& c) { return c.online() && c.unsent() > 0 && c.in_flight() == 0; }) > 0;
    stalled_since = stalled ? (stalled_since ? stalled_since : now_ns()) : 0;
    if (stalled_since && now_ns() - stalled_since > 2 * kSec) {
      for (auto& c : run.clients) {
        if (c->online() && c->unsent() > 0 && c->in_flight() == 0) {
          c->reconnect("outbox stalled after a retryable error", now_ns());
          ++stall_reconnects;
        }
      }
      stalled_since = 0;
    }
    return any_gave_up();
  }) && !any_gave_up();
  const double drain_seconds = static_cast<double>(now_ns() - t_drain) / 1e9;

  // Read-back over the protocol: every page of every room, each client checking its own rows.
  const std::int64_t t_verify = now_ns();
  for (auto& c : run.clients) c->start_verify();
  run.loop_until(until(20), [&] {
    return run.count([](auto& c) { return c.verify_done() || c.verify_failed() || c.gave_up(); }) ==
           run.clients.size();
  });
  const double verify_seconds = static_cast<double>(now_ns() - t_verify) / 1e9;
  const std::size_t verify_failed = run.count([](auto& c) { return !c.verify_done(); });
  const std::size_t gave_up = run.count([](auto& c) { return c.gave_up(); });
  for (auto& c : run.clients) c->shut();
  const int stop_status = server.stop(15);

  // The verdict, message by message.
  std::uint64_t lost = 0, acked_missing = 0, pending = 0, mismatched = 0, stored = 0, acked_records = 0;
  for (const auto& c : run.clients) {
    for (const TrackedMessage& m : c->messages()) {
      acked_records += m.acked;
      stored += m.stored > 0;
      if (m.stored > 0 && !m.text_ok) ++mismatched;
      if (m.stored > 0) continue;
      if (c->outbox_has(m.client_id)) {
        ++pending;  // not lost by the contract, but the drain should have sent it
      } else {
        ++lost;
        acked_missing += m.acked;
      }
    }
  }
  const auto C = [&](std::uint64_t ClientCounters::*f) {
    return (unsigned long long)run.sum([f](auto& c) { return c.counters().*f; });
  };
  const auto V = [&](std::uint64_t VerifyCounters::*f) {
    return (unsigned long long)run.sum([f](auto& c) { return c.verify_counters().*f; });
  };
  const unsigned long long duplicated = V(&VerifyCounters::duplicated);
  std::printf("load %.1f s; restarts: mean %.0f ms, max %.0f ms (kill -> ready file); drain %.2f s (%s); "
              "read-back %.2f s, %llu own rows in %llu pages\n",
              load_seconds, kills ? sum_restart_ms / kills : 0.0, max_restart_ms, drain_seconds,
              drained ? "every outbox empty" : "NOT drained", verify_seconds, V(&VerifyCounters::rows),
              V(&VerifyCounters::pages));
  std::printf("in_flight_at_drop=%llu drops=%llu reconnects=%llu connect_failures=%llu send_errors=%llu "
              "stall_reconnects=%llu ack_mismatches=%llu\n",
              C(&ClientCounters::in_flight_at_drop), C(&ClientCounters::drops), C(&ClientCounters::reconnects),
              C(&ClientCounters::connect_failures), C(&ClientCounters::send_errors),
              (unsigned long long)stall_reconnects, C(&ClientCounters::ack_mismatches));
  std::printf("stored=%llu pending=%llu acked_missing=%llu mismatched=%llu unknown=%llu verify_failed=%zu "
              "gave_up=%zu server_exit=%d\n",
              (unsigned long long)stored, (unsigned long long)pending, (unsigned long long)acked_missing,
              (unsigned long long)mismatched, V(&VerifyCounters::unknown), verify_failed, gave_up, stop_status);
  if (const std::string e = first_error(run); !e.empty()) std::printf("first error: %s\n", e.c_str());
  std::printf("sent=%llu acked=%llu frames=%llu resent=%llu deduped=%llu kills=%d runtime=%.1fs\n",
              C(&ClientCounters::generated), (unsigned long long)acked_records, C(&ClientCounters::frames),
              C(&ClientCounters::resent), C(&ClientCounters::deduped), kills,
              static_cast<double>(now_ns() - t_start) / 1e9);
  std::printf("lost=%llu duplicated=%llu\n", (unsigned long long)lost, duplicated);
  const bool ok = lost == 0 && duplicated == 0 && kills == o.kills && pending == 0 && mismatched == 0 &&
                  V(&VerifyCounters::unknown) == 0 && verify_failed == 0 && gave_up == 0 && drained &&
                  acked_records == C(&ClientCounters::generated);
  return ok ? 0 : 1;
}
