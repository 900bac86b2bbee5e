// ServerProcess: a real parta-server child for the durability benchmark. Started
// with fork/exec (same data dir and, after the first start, the same port every
// time), killed with SIGKILL mid-load, stopped with SIGTERM at the end. Nothing
// here blocks for long: readiness is polled, so the clients' event loop keeps
// running (and typing) while the server is down.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace parta::bench {

class ServerProcess {
 public:
  ServerProcess(std::string binary, std::string data_dir, std::string ready_file, std::string log_file);
  ~ServerProcess();

  // Forks and execs `binary --data-dir D --port P --web-root D --ready-file F`,
  // stderr and stdout appended to the log. port 0: the server picks one (first start).
  bool spawn(std::uint16_t port);
  // Polls: true once the ready file names the port. Sets `died` if the child exited.
  bool poll_ready(bool& died);
  // SIGKILL, then reaps the child (bounded wait). True if it was reaped.
  bool kill9();
  // SIGTERM and a bounded wait for a clean exit (SIGKILL after `timeout_s`).
  // Returns the exit status as from waitpid, or -1 if it had to be killed.
  int stop(double timeout_s);

  pid_t pid() const { return pid_; }
  std::uint16_t port() const { return port_; }
  const std::string& error() const { return error_; }

 private:
  bool reap(double timeout_s, int& status);

  std::string binary_, data_dir_, ready_file_, log_file_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string error_;
};

}  // namespace parta::bench
