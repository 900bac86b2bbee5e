// LoadClients: many WebSocket connections driven by one epoll loop on one thread,
// speaking the Parta protocol (frames from shared/proto/protocol.h). Lean on purpose:
// it must push a server harder than itself with 10,000 connections on one core.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bench_stats.h"
#include "shared/proto/protocol.h"

namespace parta::bench {

struct Account {
  std::int64_t chat_id = 0;
  std::string token;
};

// What one rate step measured.
struct StepCounters {
  std::uint64_t sent = 0;
  std::uint64_t expected = 0;   // deliveries owed to the other members
  std::uint64_t delivered = 0;  // ChatEvents received for this step's messages
  std::uint64_t acked = 0;      // MessageSent replies
  std::uint64_t errors = 0;     // Error replies
  Histogram latency;            // send -> delivery at each member
  Histogram ack_latency;        // send -> MessageSent at the sender
};

class LoadClients {
 public:
  LoadClients(std::string host_port_header, std::vector<std::string> sources, std::uint16_t port);
  ~LoadClients();

  // Opens one connection per account, upgrades it and sends ResumeSession; true
  // when all are logged in before `deadline_ns`.
  bool connect_all(const std::vector<Account>& accounts, std::int64_t deadline_ns);
  std::size_t ready() const { return ready_; }
  std::size_t dead() const { return dead_; }

  // Sends one message from connection `index`, stamped with `step` and now.
  void send_message(std::size_t index, std::uint32_t step, StepCounters& counters);
  // Runs the loop until `until_ns` (or `stop` says so, checked after every wake-up).
  void poll_until(std::int64_t until_ns, const std::function<bool()>& stop = {});

  // Where deliveries for step i are counted; steps outside are ignored.
  void set_steps(std::vector<StepCounters>* steps) { steps_ = steps; }
  std::size_t room_size_of(std::size_t index) const;

 private:
  struct Conn;
  void on_readable(Conn& c);
  void on_writable(Conn& c);
  void handle_frame(Conn& c, const char* data, std::size_t size);
  void queue_frame(Conn& c, std::uint8_t opcode, const std::string& payload);
  void flush(Conn& c);
  void kill(Conn& c, const char* why);
  void start_connect(Conn& c);
  void watch(Conn& c, bool want_write);

  std::string host_header_;
  std::vector<std::string> sources_;
  std::uint16_t port_;
  int epoll_fd_ = -1;
  std::vector<Conn*> conns_;
  std::vector<std::uint32_t> room_sizes_;  // by connection
  std::vector<StepCounters>* steps_ = nullptr;
  std::size_t ready_ = 0;
  std::size_t dead_ = 0;
  std::size_t errors_logged_ = 0;
  std::uint64_t nonce_;
  std::uint32_t mask_state_ = 0x9E3779B9u;
  pb::ServerFrame rx_;  // reused for every incoming frame
  pb::ClientFrame tx_;  // reused for every outgoing message
  std::string tx_bytes_;
};

}  // namespace parta::bench
