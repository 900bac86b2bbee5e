// ServerProcess: fork/exec of parta-server with bounded waits.
#include "server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#ifndef PARTA_SERVER_BIN
#error "PARTA_SERVER_BIN must name the parta-server binary"
#endif

namespace parta::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// pids of running servers, for kill_all_servers() (also used from a signal handler,
// hence a fixed array of atomics rather than a container).
constexpr int kMaxServers = 16;
volatile sig_atomic_t g_pids[kMaxServers] = {};

void remember(pid_t pid) {
  for (auto& slot : g_pids) {
    if (slot == 0) {
      slot = pid;
      return;
    }
  }
}

void forget(pid_t pid) {
  for (auto& slot : g_pids) {
    if (slot == pid) slot = 0;
  }
}

void write_file(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

// waitpid with a deadline. Returns true and the status once the child exited.
bool wait_for_exit(pid_t pid, std::chrono::milliseconds timeout, int& status) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0) return false;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
}

}  // namespace

void remember_child(pid_t pid) { remember(pid); }
void forget_child(pid_t pid) { forget(pid); }

void kill_all_servers() {
  for (auto& slot : g_pids) {
    if (slot > 0) ::kill(static_cast<pid_t>(slot), SIGKILL);
  }
}

TempDir::TempDir(const std::string& prefix) {
  std::string templ = (fs::temp_directory_path() / (prefix + "XXXXXX")).string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_test_web_root(const std::string& dir) {
  fs::create_directories(dir);
  write_file(dir + "/index.html", "<!doctype html><title>Parta test</title><canvas id=canvas></canvas>\n");
  write_file(dir + "/x.js", "console.log('parta');\n");
  write_file(dir + "/x.wasm", std::string("\0asm\1\0\0\0", 8));
  // Not a real gzip stream: the server only has to pick the file and label it.
  write_file(dir + "/x.wasm.gz", std::string("\x1f\x8b\x08\x00PRECOMPRESSED", 17));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

ServerProcess::ServerProcess(std::string data_dir, std::string web_root)
    : data_dir_(std::move(data_dir)), web_root_(std::move(web_root)), log_path_(data_dir_ + "/server.log") {}

ServerProcess::~ServerProcess() {
  if (running()) kill9();
}

void ServerProcess::start(std::chrono::milliseconds timeout) {
  if (running()) throw std::runtime_error("server already running");
  const std::string ready = data_dir_ + "/ready-" + std::to_string(++starts_);
  std::vector<std::string> args = {PARTA_SERVER_BIN, "--address", "127.0.0.1",  "--port",  "0",
                                   "--data-dir",     data_dir_,   "--web-root", web_root_, "--seed-demo",
                                   "--ready-file",   ready};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // Child: die with the test runner; stderr goes to the log file.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDERR_FILENO);
      ::dup2(fd, STDOUT_FILENO);
      ::close(fd);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  remember(pid);

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      forget(pid_);
      pid_ = -1;
      throw std::runtime_error("server exited during start-up:\n" + log());
    }
    const std::string text = read_file(ready);
    if (!text.empty()) {
      const int port = std::atoi(text.c_str());
      if (port <= 0 || port > 65535) throw std::runtime_error("bad ready file: " + text);
      port_ = static_cast<std::uint16_t>(port);
      return;
    }
    std::this_thread::sleep_for(10ms);
  }
  kill9();
  throw std::runtime_error("server did not become ready:\n" + log());
}

int ServerProcess::terminate(std::chrono::milliseconds timeout) {
  if (!running()) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  if (!wait_for_exit(pid_, timeout, status)) {
    kill9();
    return -1;
  }
  forget(pid_);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::kill9() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  wait_for_exit(pid_, 10s, status);
  forget(pid_);
  pid_ = -1;
}

std::string ServerProcess::log() const { return read_file(log_path_); }

}  // namespace parta::test
