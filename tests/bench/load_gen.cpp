// parta-loadgen: the server benchmark's load generator. Opens one authenticated
// WebSocket per account (ResumeSession with a token from parta-bench-seed), then
// sends messages at increasing fixed rates and measures, per step, every
// delivery's latency (send -> receipt at each other member of the room) and the
// delivered fraction. Every loop is bounded in count and time.
//
// Output: one line per step, then "RESULT key=value ..." for tools/bench.
#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "load_clients.h"

using namespace parta::bench;

namespace {

struct Options {
  std::uint16_t port = 0;
  std::string tokens;
  std::size_t connections = 0;  // 0: every account in the file
  std::vector<std::string> sources{"127.0.0.1"};
  int server_pid = 0;
  double start_rate = 500;   // messages/s
  double factor = 1.4;       // ramp
  double max_rate = 200'000;
  double step_seconds = 3;
  double max_seconds = 150;  // the whole ramp
  std::int64_t messages = 0;  // > 0: one fixed step of this many messages (callgrind)
  double p99_limit_ms = 50;
  std::string label = "server";
  std::string before_load;  // shell command run once connected, before the first message
  std::string after_load;   // shell command run after the last step
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (flag == "--port") o.port = static_cast<std::uint16_t>(std::stoi(v));
    else if (flag == "--tokens") o.tokens = v;
    else if (flag == "--connections") o.connections = std::stoul(v);
    else if (flag == "--sources") o.sources = split(v, ',');
    else if (flag == "--server-pid") o.server_pid = std::stoi(v);
    else if (flag == "--start-rate") o.start_rate = std::stod(v);
    else if (flag == "--factor") o.factor = std::stod(v);
    else if (flag == "--max-rate") o.max_rate = std::stod(v);
    else if (flag == "--step-seconds") o.step_seconds = std::stod(v);
    else if (flag == "--max-seconds") o.max_seconds = std::stod(v);
    else if (flag == "--messages") o.messages = std::stoll(v);
    else if (flag == "--label") o.label = v;
    else if (flag == "--before-load") o.before_load = v;
    else if (flag == "--after-load") o.after_load = v;
    else return false;
  }
  return o.port != 0 && !o.tokens.empty();
}

// Spreads senders over rooms: message k comes from room k % R, member (k / R) % size.
struct SenderOrder {
  std::vector<std::vector<std::size_t>> rooms;
  std::uint64_t k = 0;
  std::size_t next() {
    const auto& room = rooms[k % rooms.size()];
    const std::size_t index = room[(k / rooms.size()) % room.size()];
    ++k;
    return index;
  }
};

struct StepResult {
  double rate = 0;
  bool pass = false;
  double p50_ms = 0, p99_ms = 0, max_ms = 0, ack_p99_ms = 0;
  double delivered_fraction = 0;
  double deliveries_per_s = 0;
  double server_cpu = 0;       // cores
  double gen_cpu = 0;          // cores
  double cpu_us_per_delivery = 0;
};

std::int64_t self_cpu_us() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1'000'000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

// One step: `count` messages at `rate` per second (or rate * seconds), then a
// bounded drain until every delivery arrived.
StepResult run_step(LoadClients& clients, SenderOrder& order, std::vector<StepCounters>& steps, double rate,
                    std::int64_t count, double drain_seconds, const Options& o) {
  const auto step = static_cast<std::uint32_t>(steps.size());
  steps.emplace_back();
  StepCounters& s = steps.back();
  const std::int64_t server_cpu0 = o.server_pid ? process_cpu_us(o.server_pid) : 0;
  const std::int64_t gen_cpu0 = self_cpu_us();
  const std::int64_t t0 = now_ns();
  const auto period_ns = static_cast<std::int64_t>(1e9 / rate);
  std::int64_t sent = 0;
  // Send on schedule: every wake-up sends what is due by now (bounded by count).
  while (sent < count) {
    const std::int64_t due = std::min<std::int64_t>(count, (now_ns() - t0) / period_ns + 1);
    for (; sent < due; ++sent) clients.send_message(order.next(), step, s);
    clients.poll_until(std::min(now_ns() + 1'000'000, t0 + (sent + 1) * period_ns));
  }
  const std::int64_t send_end = now_ns();
  clients.poll_until(send_end + static_cast<std::int64_t>(drain_seconds * 1e9),
                     [&] { return s.delivered >= s.expected && s.acked + s.errors >= s.sent; });
  const std::int64_t t1 = now_ns();
  const std::int64_t server_cpu1 = o.server_pid ? process_cpu_us(o.server_pid) : 0;
  const double wall_s = static_cast<double>(send_end - t0) / 1e9;
  const double total_s = static_cast<double>(t1 - t0) / 1e9;

  StepResult r;
  r.rate = rate;
  r.p50_ms = s.latency.quantile_us(0.50) / 1000.0;
  r.p99_ms = s.latency.quantile_us(0.99) / 1000.0;
  r.max_ms = s.latency.max_us() / 1000.0;
  r.ack_p99_ms = s.ack_latency.quantile_us(0.99) / 1000.0;
  r.delivered_fraction = s.expected ? static_cast<double>(s.delivered) / static_cast<double>(s.expected) : 0;
  r.deliveries_per_s = static_cast<double>(s.delivered) / wall_s;
  r.server_cpu = static_cast<double>(server_cpu1 - server_cpu0) / 1e6 / total_s;
  r.gen_cpu = static_cast<double>(self_cpu_us() - gen_cpu0) / 1e6 / total_s;
  r.cpu_us_per_delivery = s.delivered ? static_cast<double>(server_cpu1 - server_cpu0) / static_cast<double>(s.delivered) : 0;
  r.pass = s.sent > 0 && s.delivered == s.expected && s.errors == 0 && (o.messages > 0 || r.p99_ms <= o.p99_limit_ms);
  std::printf("%-6s rate %8.0f msg/s  sent %7llu  delivered %9llu/%-9llu (%.4f)  %9.0f deliveries/s  "
              "p50 %6.2f ms  p99 %7.2f ms  max %7.1f ms  ack p99 %6.2f ms  server cpu %.2f  gen cpu %.2f  "
              "%.2f us/delivery  errors %llu  %s\n",
              o.label.c_str(), rate, (unsigned long long)s.sent, (unsigned long long)s.delivered,
              (unsigned long long)s.expected, r.delivered_fraction, r.deliveries_per_s, r.p50_ms, r.p99_ms, r.max_ms,
              r.ack_p99_ms, r.server_cpu, r.gen_cpu, r.cpu_us_per_delivery, (unsigned long long)s.errors,
              r.pass ? "PASS" : "FAIL");
  std::fflush(stdout);
  // Let stragglers of a failed step land before the next one starts (bounded).
  if (!r.pass) clients.poll_until(now_ns() + 2'000'000'000LL);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: parta-loadgen --port P --tokens FILE [--connections N] [--sources A,B] [--server-pid PID]\n"
                 "       [--start-rate R] [--factor F] [--max-rate R] [--step-seconds S] [--max-seconds S]\n"
                 "       [--messages M] [--label NAME] [--before-load CMD] [--after-load CMD]\n");
    return 2;
  }
  // Accounts: "chat_id token" per line.
  std::vector<Account> accounts;
  {
    std::ifstream in(o.tokens);
    Account a;
    while (in >> a.chat_id >> a.token) accounts.push_back(a);
  }
  if (o.connections > 0 && o.connections < accounts.size()) accounts.resize(o.connections);
  if (accounts.empty()) {
    std::fprintf(stderr, "loadgen: no accounts in %s\n", o.tokens.c_str());
    return 2;
  }
  rlimit nofile{};
  getrlimit(RLIMIT_NOFILE, &nofile);
  if (nofile.rlim_cur < accounts.size() + 64) {
    nofile.rlim_cur = std::min<rlim_t>(nofile.rlim_max, accounts.size() + 64);
    setrlimit(RLIMIT_NOFILE, &nofile);
  }

  const std::int64_t rss0 = o.server_pid ? process_rss_kib(o.server_pid) : -1;
  LoadClients clients("127.0.0.1:" + std::to_string(o.port), o.sources, o.port);
  const std::int64_t c0 = now_ns();
  if (!clients.connect_all(accounts, c0 + 90'000'000'000LL)) {
    std::printf("RESULT label=%s ok=0 connected=%zu of=%zu\n", o.label.c_str(), clients.ready(), accounts.size());
    return 1;
  }
  const double connect_s = static_cast<double>(now_ns() - c0) / 1e9;
  clients.poll_until(now_ns() + 1'000'000'000LL);  // settle, then weigh the idle server
  const std::int64_t rss1 = o.server_pid ? process_rss_kib(o.server_pid) : -1;
  const double rss_per_conn = rss0 > 0 && rss1 > 0 ? (rss1 - rss0) * 1024.0 / accounts.size() : 0;
  std::printf("%-6s %zu connections authenticated in %.1f s; server RSS %lld -> %lld KiB: %.0f B per idle connection\n",
              o.label.c_str(), accounts.size(), connect_s, (long long)rss0, (long long)rss1, rss_per_conn);
  std::fflush(stdout);

  SenderOrder order;
  {
    std::vector<std::int64_t> chat_of_room;
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      if (chat_of_room.empty() || chat_of_room.back() != accounts[i].chat_id) {
        chat_of_room.push_back(accounts[i].chat_id);
        order.rooms.emplace_back();
      }
      order.rooms.back().push_back(i);
    }
  }
  std::vector<StepCounters> steps;
  steps.reserve(64);
  clients.set_steps(&steps);

  if (!o.before_load.empty() && std::system(o.before_load.c_str()) != 0) {
    std::fprintf(stderr, "loadgen: --before-load failed\n");
    return 1;
  }
  if (o.messages > 0) {  // one fixed step (callgrind); p99 is not judged
    const StepResult r = run_step(clients, order, steps, o.start_rate, o.messages, 120, o);
    if (!o.after_load.empty() && std::system(o.after_load.c_str()) != 0) return 1;
    std::printf("RESULT label=%s ok=%d messages=%lld deliveries=%llu p99_ms=%.2f\n", o.label.c_str(), r.pass ? 1 : 0,
                (long long)o.messages, (unsigned long long)steps.back().delivered, r.p99_ms);
    return r.pass ? 0 : 1;
  }

  // Ramp up geometrically; a failure is retried once (noise), then two bisection
  // steps between the best pass and the failure refine the answer. A start rate
  // that fails is halved until a step passes.
  const std::int64_t deadline = now_ns() + static_cast<std::int64_t>(o.max_seconds * 1e9);
  StepResult best;
  double rate = o.start_rate;
  double failed_rate = 0;
  int failures = 0;
  int bisections = 0;
  while (steps.size() < 60 && now_ns() < deadline && rate <= o.max_rate) {
    const auto count = static_cast<std::int64_t>(std::llround(rate * o.step_seconds));
    const StepResult r = run_step(clients, order, steps, rate, count, 2.0, o);
    if (clients.dead() > 0) break;
    if (r.pass) {
      if (r.rate > best.rate) best = r;
      failures = 0;
    } else {
      ++failures;
      if (failures < 2 && failed_rate == 0) continue;  // the same rate once more
      failed_rate = failed_rate == 0 ? r.rate : std::min(failed_rate, r.rate);
    }
    if (failed_rate == 0) {
      rate *= o.factor;
    } else if (best.rate == 0) {
      // Nothing has passed yet: the start rate was too high for this machine.
      if (rate < 50) break;
      rate /= 2;
      failed_rate = 0;
      failures = 1;  // no retry of the lower rate's failure
    } else {
      if (bisections++ >= 2) break;
      rate = std::sqrt(std::max(best.rate, o.start_rate / o.factor) * failed_rate);
    }
  }
  if (!o.after_load.empty() && std::system(o.after_load.c_str()) != 0) return 1;
  std::printf("RESULT label=%s ok=%d connections=%zu rate=%.0f deliveries_per_s=%.0f p50_ms=%.2f p99_ms=%.2f "
              "server_cpu=%.2f gen_cpu=%.2f cpu_us_per_delivery=%.3f rss_per_conn=%.0f dead=%zu\n",
              o.label.c_str(), best.rate > 0 ? 1 : 0, accounts.size(), best.rate, best.deliveries_per_s, best.p50_ms,
              best.p99_ms, best.server_cpu, best.gen_cpu, best.cpu_us_per_delivery, rss_per_conn, clients.dead());
  return best.rate > 0 ? 0 : 1;
}
