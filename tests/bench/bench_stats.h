// Small helpers for the benchmark programs: a latency histogram, clocks, and
// what /proc says about another process (CPU time, resident memory).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace parta::bench {

inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Latencies in microseconds: 10 µs buckets up to 100 ms, then 1 ms buckets up to 10 s.
class Histogram {
 public:
  void add(std::int64_t us) {
    if (us < 0) us = 0;
    ++count_;
    max_us_ = std::max(max_us_, us);
    if (us < kFineLimitUs) {
      ++fine_[static_cast<std::size_t>(us / 10)];
    } else {
      const auto i = static_cast<std::size_t>(std::min<std::int64_t>((us - kFineLimitUs) / 1000, kCoarse - 1));
      ++coarse_[i];
    }
  }
  std::uint64_t count() const { return count_; }
  std::int64_t max_us() const { return max_us_; }
  // The value at quantile q (0..1), as the bucket's upper edge.
  std::int64_t quantile_us(double q) const {
    if (count_ == 0) return 0;
    const auto target = static_cast<std::uint64_t>(q * static_cast<double>(count_ - 1)) + 1;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kFine; ++i) {
      seen += fine_[i];
      if (seen >= target) return static_cast<std::int64_t>(i + 1) * 10;
    }
    for (std::size_t i = 0; i < kCoarse; ++i) {
      seen += coarse_[i];
      if (seen >= target) return kFineLimitUs + static_cast<std::int64_t>(i + 1) * 1000;
    }
    return max_us_;
  }
  void clear() { *this = Histogram(); }

 private:
  static constexpr std::int64_t kFineLimitUs = 100'000;
  static constexpr std::size_t kFine = kFineLimitUs / 10;
  static constexpr std::size_t kCoarse = 9'900;
  std::array<std::uint32_t, kFine> fine_{};
  std::array<std::uint32_t, kCoarse> coarse_{};
  std::uint64_t count_ = 0;
  std::int64_t max_us_ = 0;
};

// User + system CPU time of a process (all threads), in microseconds; -1 if gone.
inline std::int64_t process_cpu_us(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return -1;
  // Fields after the command name (which may hold spaces) start after ") ".
  const auto close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(line.substr(close + 2));
  std::string skip;
  for (int i = 3; i <= 13; ++i) fields >> skip;  // state .. cmajflt
  long long utime = 0, stime = 0;
  fields >> utime >> stime;
  const long ticks = sysconf(_SC_CLK_TCK);
  return (utime + stime) * 1'000'000LL / ticks;
}

// Resident set size in KiB (VmRSS); -1 if unknown.
inline std::int64_t process_rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

}  // namespace parta::bench
