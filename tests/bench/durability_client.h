// DurableClient: one connection of the durability benchmark. The protocol logic
// is the project's own: a SyncEngine (its Outbox keeps every message until
// MessageSent and resends it with the same client id after a reconnect) sits on
// a WsSocket. Around it: reconnect with bounded backoff, a record of every
// message (client id, sends, ack), and the read-back of the chat's history
// (GetHistory pages) that checks each message against the server.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "durability_ws.h"
#include "shared/sync/sync_engine.h"

namespace parta::bench {

// One message this connection typed.
struct TrackedMessage {
  std::string client_id;
  std::string text;
  std::uint32_t sends = 0;        // SendMessage frames that carried it
  std::int64_t last_send_ms = 0;  // wall clock of the latest one
  bool acked = false;             // MessageSent seen
  bool deduped = false;           // acked by a resend, stored by an earlier send (that ack was lost)
  std::uint32_t stored = 0;       // rows with its client id in the read-back history
  bool text_ok = true;            // every such row carries the text that was sent
};

struct ClientCounters {
  std::uint64_t generated = 0;     // send_text calls
  std::uint64_t acked = 0;         // MessageSent replies matched to the outbox
  std::uint64_t frames = 0;        // SendMessage frames written
  std::uint64_t resent = 0;        // of those, for a client id sent before
  std::uint64_t deduped = 0;       // acks of resends the server had already stored
  std::uint64_t in_flight_at_drop = 0;  // outbox items awaiting MessageSent when a socket dropped
  std::uint64_t drops = 0;         // established connections lost
  std::uint64_t reconnects = 0;    // sessions resumed after the first
  std::uint64_t connect_failures = 0;
  std::uint64_t send_errors = 0;   // Error replies to SendMessage
  std::uint64_t ack_mismatches = 0;  // MessageSent whose client id is not the one in flight
};

// What the read-back found in this connection's own messages.
struct VerifyCounters {
  std::uint64_t rows = 0;        // own messages in the history
  std::uint64_t pages = 0;
  std::uint64_t duplicated = 0;  // rows repeating a client id or a text seen before
  std::uint64_t unknown = 0;     // rows with a client id this connection never used
};

class DurableClient {
 public:
  DurableClient(std::size_t index, std::int64_t chat_id, std::string token, std::string run_tag);
  DurableClient(const DurableClient&) = delete;
  DurableClient& operator=(const DurableClient&) = delete;

  // Socket events from the main loop's epoll (data.ptr is this client).
  void on_events(std::uint32_t events, std::int64_t now_ns);
  // Connects or reconnects when due, drops a connection stuck before its session.
  void tick(int epoll_fd, std::uint16_t port, std::int64_t now_ns);
  // Types the next message: SyncEngine::send_text (sent now if online, else queued).
  void send_one();
  // Closes the socket for good (end of the run).
  void shut();

  bool online() const { return engine_.state().connection == Connection::Online; }
  std::size_t outbox_size() const { return engine_.outbox().items().size(); }
  bool outbox_has(const std::string& client_id) const;
  std::size_t in_flight() const;  // outbox items sent and awaiting MessageSent
  std::size_t unsent() const;     // outbox items waiting for a flush (not refused for good)
  // Drops the connection on purpose; the engine resumes and flushes after reconnecting.
  void reconnect(const std::string& why, std::int64_t now_ns) { drop(why, now_ns); }
  bool gave_up() const { return gave_up_ && !shut_; }
  const std::string& last_error() const { return last_error_; }

  // Read-back: every page of the chat's history, newest first, over this socket.
  void start_verify();
  bool verify_done() const { return verify_ == Verify::kDone; }
  bool verify_failed() const { return verify_ == Verify::kFailed; }

  const ClientCounters& counters() const { return counters_; }
  const VerifyCounters& verify_counters() const { return verify_counters_; }
  const std::vector<TrackedMessage>& messages() const { return messages_; }

 private:
  enum class Verify { kIdle, kWaiting, kInFlight, kDone, kFailed };

  void handle_message(const std::string& bytes);
  void handle_history(const pb::ServerFrame& frame);
  void request_page();
  void pump();  // writes every frame the engine produced
  void drop(const std::string& why, std::int64_t now_ns);
  void schedule_retry(std::int64_t now_ns);

  std::size_t index_;
  ChatId chat_;
  std::string run_tag_;
  SyncEngine engine_;
  WsSocket ws_;
  std::int64_t now_ns_ = 0;

  // Reconnects: consecutive failures drive the backoff; too many end the client.
  std::int64_t next_attempt_ns_ = 0;
  std::int64_t opened_at_ns_ = 0;  // upgrade completed; the session should follow soon
  std::uint32_t failures_ = 0;
  std::uint64_t drop_count_ = 0;   // every drop(), to stop handling a batch after one
  bool ever_online_ = false;
  bool was_online_ = false;
  bool gave_up_ = false;
  bool shut_ = false;              // closed for good by shut(), not by failures
  std::uint64_t jitter_ = 0;
  std::string last_error_;

  std::vector<TrackedMessage> messages_;
  std::unordered_map<std::string, std::size_t> by_client_id_;
  ClientCounters counters_;

  Verify verify_ = Verify::kIdle;
  std::uint64_t verify_request_ = 0;
  std::uint64_t before_seq_ = 0;
  std::unordered_set<std::string> seen_ids_, seen_texts_;
  VerifyCounters verify_counters_;
};

}  // namespace parta::bench
