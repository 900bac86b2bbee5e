// Logging to stderr: one line per call, "2024-01-31T12:00:00.123Z LEVEL text".
#pragma once

#include <sstream>
#include <string_view>

namespace parta::server {

enum class LogLevel { Debug, Info, Warn, Error };

// Lines below this level are dropped (Info by default; PARTA_LOG=debug lowers it).
void set_log_level(LogLevel level);
bool log_enabled(LogLevel level);
void write_log_line(LogLevel level, std::string_view text);

template <class... Args>
void log(LogLevel level, const Args&... args) {
  if (!log_enabled(level)) return;
  std::ostringstream out;
  (out << ... << args);
  write_log_line(level, out.str());
}

template <class... Args>
void log_debug(const Args&... args) {
  log(LogLevel::Debug, args...);
}
template <class... Args>
void log_info(const Args&... args) {
  log(LogLevel::Info, args...);
}
template <class... Args>
void log_warn(const Args&... args) {
  log(LogLevel::Warn, args...);
}
template <class... Args>
void log_error(const Args&... args) {
  log(LogLevel::Error, args...);
}

}  // namespace parta::server
