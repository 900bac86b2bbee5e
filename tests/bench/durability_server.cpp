// ServerProcess: fork/exec, kill -9, SIGTERM; see durability_server.h.
#include "durability_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <vector>

namespace parta::bench {

ServerProcess::ServerProcess(std::string binary, std::string data_dir, std::string ready_file, std::string log_file)
    : binary_(std::move(binary)),
      data_dir_(std::move(data_dir)),
      ready_file_(std::move(ready_file)),
      log_file_(std::move(log_file)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill9();
}

bool ServerProcess::spawn(std::uint16_t port) {
  // A stale ready file would announce the previous, dead, process.
  ::unlink(ready_file_.c_str());
  const std::string port_arg = std::to_string(port);
  std::vector<std::string> args{binary_, "--data-dir", data_dir_, "--port", port_arg,
                                "--web-root", data_dir_, "--ready-file", ready_file_};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int log_fd = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    error_ = "cannot open " + log_file_ + ": " + std::strerror(errno);
    return false;
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    error_ = std::string("fork failed: ") + std::strerror(errno);
    return false;
  }
  if (pid == 0) {
    // Child: dies with us (no orphaned server holding the port), logs to the file.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    std::fprintf(stderr, "exec %s failed: %s\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(log_fd);
  pid_ = pid;
  if (port != 0) port_ = port;
  return true;
}

bool ServerProcess::poll_ready(bool& died) {
  died = false;
  if (pid_ <= 0) {
    died = true;
    return false;
  }
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    died = true;
    error_ = "parta-server exited during start-up (status " + std::to_string(status) + "); see " + log_file_;
    return false;
  }
  std::ifstream in(ready_file_);
  unsigned port = 0;
  if (!(in >> port) || port == 0 || port > 65535) return false;
  port_ = static_cast<std::uint16_t>(port);
  return true;
}

bool ServerProcess::reap(double timeout_s, int& status) {
  // Polls waitpid: bounded in time even if the child hangs in the kernel.
  const long steps = static_cast<long>(timeout_s * 1000);
  for (long i = 0; i <= steps; ++i) {
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) {
      pid_ = -1;
      return true;
    }
    const timespec nap{0, 1'000'000};
    ::nanosleep(&nap, nullptr);
  }
  return false;
}

bool ServerProcess::kill9() {
  if (pid_ <= 0) return true;
  ::kill(pid_, SIGKILL);
  int status = 0;
  if (reap(10, status)) return true;
  error_ = "parta-server did not die within 10 s of SIGKILL";
  return false;
}

int ServerProcess::stop(double timeout_s) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  if (reap(timeout_s, status)) return status;
  kill9();
  return -1;
}

}  // namespace parta::bench
