// parta-bench-send-floor: what one delivery costs the kernel on this machine,
// with no server at all. It opens N loopback TCP connections to itself; a
// reader thread on the generator's core drains them the way parta-loadgen does
// (epoll polled, 0.2 ms naps); the sender, on the servers' core, writes one
// 60-byte frame (a typical ChatEvent) to each connection per round with one
// sendmsg, as both benchmarked servers do per delivery when no second frame is
// queued for the same socket. The sender's CPU time over the sends is the floor
// a server pays per delivery before doing any work of its own; on loopback it
// includes the receiving side's TCP path, which runs in the sender's context.
//
// Prints one line: RESULT connections=N sends=S floor_us_per_send=X
// (also with 2 frames per sendmsg, to show that the cost is per call, not per
// frame). Bounded: R rounds, each under a second.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

void pin_to(int cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

struct Pairs {
  std::vector<int> server;  // the side that sends
  std::vector<int> client;  // the side that reads
  ~Pairs() {
    for (int fd : server) ::close(fd);
    for (int fd : client) ::close(fd);
  }
};

bool open_pairs(std::size_t n, Pairs& pairs) {
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 4096) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listener);
    return false;
  }
  const int one = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const int c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c < 0 || ::connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      if (c >= 0) ::close(c);
      break;
    }
    const int s = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (s < 0) {
      ::close(c);
      break;
    }
    ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // as both servers
    ::fcntl(c, F_SETFL, O_NONBLOCK);
    pairs.server.push_back(s);
    pairs.client.push_back(c);
  }
  ::close(listener);
  return pairs.server.size() == n;
}

// Drains every client socket until told to stop (the load generator's loop).
void read_all(const std::vector<int>& fds, int cpu, const std::atomic<bool>& stop) {
  pin_to(cpu);
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  for (int fd : fds) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLET;
    ev.data.fd = fd;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }
  std::vector<epoll_event> events(512);
  std::vector<char> buffer(64 * 1024);
  const timespec nap{0, 200'000};
  while (!stop.load(std::memory_order_relaxed)) {
    const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 0);
    if (n <= 0) {
      ::nanosleep(&nap, nullptr);
      continue;
    }
    for (int i = 0; i < n; ++i) {
      while (::recv(events[i].data.fd, buffer.data(), buffer.size(), 0) > 0) {
      }
    }
  }
  ::close(ep);
}

// Rounds of one sendmsg per connection with `frames` frames each; CPU us per call.
double measure(const std::vector<int>& fds, int rounds, int frames) {
  static char frame[60];
  std::memset(frame, 'x', sizeof frame);
  iovec iov[2] = {{frame, sizeof frame}, {frame, sizeof frame}};
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = static_cast<std::size_t>(frames);
  long calls = 0;
  double cpu = 0;
  for (int r = 0; r < rounds; ++r) {
    const double c0 = thread_cpu_us();
    for (int fd : fds) {
      if (::sendmsg(fd, &msg, MSG_NOSIGNAL) > 0) ++calls;
    }
    cpu += thread_cpu_us() - c0;
    const timespec gap{0, 20'000'000};  // let the reader catch up between rounds
    ::nanosleep(&gap, nullptr);
  }
  return calls ? cpu / static_cast<double>(calls) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t connections = 9000;
  int rounds = 10;
  int send_cpu = 0, read_cpu = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--connections") connections = std::strtoul(argv[i + 1], nullptr, 10);
    else if (flag == "--rounds") rounds = std::atoi(argv[i + 1]);
    else if (flag == "--send-cpu") send_cpu = std::atoi(argv[i + 1]);
    else if (flag == "--read-cpu") read_cpu = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: parta-bench-send-floor [--connections N] [--rounds R] [--send-cpu C] [--read-cpu C]\n");
      return 2;
    }
  }
  if (static_cast<int>(std::thread::hardware_concurrency()) < 2) read_cpu = send_cpu = -1;
  rlimit nofile{};
  getrlimit(RLIMIT_NOFILE, &nofile);
  const rlim_t want = 2 * connections + 64;
  if (nofile.rlim_cur < want) {
    nofile.rlim_cur = std::min(nofile.rlim_max, want);
    setrlimit(RLIMIT_NOFILE, &nofile);
  }
  if (nofile.rlim_cur < want) connections = (nofile.rlim_cur - 64) / 2;
  Pairs pairs;
  if (!open_pairs(connections, pairs)) {
    std::fprintf(stderr, "send-floor: could only open %zu of %zu loopback connections\n", pairs.server.size(),
                 connections);
    return 1;
  }
  std::atomic<bool> stop{false};
  std::thread reader(read_all, std::cref(pairs.client), read_cpu, std::cref(stop));
  pin_to(send_cpu);
  const timespec settle{0, 100'000'000};
  ::nanosleep(&settle, nullptr);
  const double one = measure(pairs.server, rounds, 1);
  const double two = measure(pairs.server, rounds, 2);
  stop = true;
  reader.join();
  std::printf("RESULT connections=%zu sends=%ld floor_us_per_send=%.2f two_frames_us_per_send=%.2f\n", connections,
              static_cast<long>(connections) * rounds, one, two);
  return 0;
}
