// The server's wall clock in Unix milliseconds (the shared core never reads clocks).
#pragma once

#include <chrono>
#include <cstdint>

namespace parta::server {

inline std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace parta::server
