// Runs the real parta-server binary in a child process: fresh temp dirs, the
// ready file handshake, SIGTERM/SIGKILL, exit status. Every wait is bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace parta::test {

// A directory under $TMPDIR that is removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Writes the small static site the HTTP tests expect (index.html, x.js, x.wasm, x.wasm.gz).
void write_test_web_root(const std::string& dir);
std::string read_file(const std::string& path);

class ServerProcess {
 public:
  ServerProcess(std::string data_dir, std::string web_root);
  ~ServerProcess();  // SIGKILLs a server still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Flags added to the command line by start() (e.g. --smtp-url).
  std::vector<std::string> extra_args;

  // Starts the server (--port 0 --seed-demo) and waits for its ready file; throws on failure.
  void start(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::uint16_t port() const { return port_; }
  bool running() const { return pid_ > 0; }

  // SIGTERM, then wait. Returns the exit code, or -1 if it died by a signal or hung
  // (a hung server is SIGKILLed).
  int terminate(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // SIGKILL and reap.
  void kill9();
  // Everything the server wrote to stderr so far.
  std::string log() const;

 private:
  std::string data_dir_;
  std::string web_root_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int starts_ = 0;
};

// Kills every server still running (the watchdog and the exit path use it).
void kill_all_servers();
// Other child processes (the SMTP sink) that kill_all_servers() must kill too.
void remember_child(pid_t pid);
void forget_child(pid_t pid);

}  // namespace parta::test
