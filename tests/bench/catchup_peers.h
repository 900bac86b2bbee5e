// The two sides of the catch-up benchmark (tools/bench catchup), each on a
// WsSocket (durability_ws.h) in the caller's epoll:
//   CatchupReader: the client under test, a SyncEngine (the browser client's own
//     protocol logic). It loads its chats, goes offline, comes back, and reports
//     when its state has caught up, with the frames, bytes and engine time that took.
//   PostingPeer: another member's connection that posts messages with
//     SendMessage, pipelined (up to a window in flight), and keeps the seq of
//     the newest stored message per chat from the MessageSent replies.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "durability_ws.h"
#include "shared/sync/sync_engine.h"

namespace parta::bench {

class CatchupReader {
 public:
  explicit CatchupReader(std::string token);
  CatchupReader(const CatchupReader&) = delete;
  CatchupReader& operator=(const CatchupReader&) = delete;

  // Opens the socket; the engine resumes its session once upgraded.
  bool connect(int epoll_fd, std::uint16_t port);
  // Closes the socket: the engine goes offline, keeping its state.
  void disconnect();
  void on_events(std::uint32_t events, std::int64_t now_ns);
  void tick(std::int64_t now_ms);

  // The chats to load and later to check (open_chat on each: the newest page).
  void open_chats(const std::vector<ChatId>& chats);
  // Every request answered (the engine's frames are tracked by request id).
  bool idle() const { return in_flight_.empty(); }
  bool online() const { return engine_.state().connection == Connection::Online; }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  const SyncEngine& engine() const { return engine_; }

  // Caught up: online, nothing in flight, every loaded chat at its last_seq
  // with no gap, and each of `expected` (chat -> newest message seq) loaded up
  // to that message.
  bool caught_up(const std::map<std::int64_t, std::uint64_t>& expected) const;

  // Counters since the last reset_counters(): what the socket brought in and the
  // time spent inside SyncEngine::on_bytes (the client's own work).
  void reset_counters();
  std::uint64_t frames_in() const { return frames_in_; }
  std::uint64_t bytes_in() const { return ws_.bytes_in() - bytes_base_; }
  std::uint64_t payload_bytes_in() const { return payload_bytes_; }
  double engine_ms() const { return static_cast<double>(engine_ns_) / 1e6; }
  std::uint64_t snapshots() const { return snapshots_; }  // History replies with snapshot set
  std::int64_t connected_at_ns() const { return connected_at_ns_; }

 private:
  void pump();

  SyncEngine engine_;
  WsSocket ws_;
  std::unordered_set<std::uint64_t> in_flight_;
  std::string error_;
  std::int64_t connected_at_ns_ = 0;  // on_connected() of the latest session
  std::uint64_t frames_in_ = 0, payload_bytes_ = 0, bytes_base_ = 0, snapshots_ = 0;
  std::int64_t engine_ns_ = 0;
};

class PostingPeer {
 public:
  PostingPeer(std::string token, std::string tag, std::size_t window);
  PostingPeer(const PostingPeer&) = delete;
  PostingPeer& operator=(const PostingPeer&) = delete;

  bool connect(int epoll_fd, std::uint16_t port);
  void disconnect() { ws_.close(); }
  void on_events(std::uint32_t events);
  // Queues messages to post (sent as the window allows, once the session is up).
  void post(ChatId chat, std::size_t count);
  bool online() const { return online_; }
  bool done() const { return queue_.empty() && in_flight_ == 0; }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // Newest stored seq per chat, from MessageSent.
  const std::map<std::int64_t, std::uint64_t>& newest() const { return newest_; }
  std::uint64_t acked() const { return acked_; }

 private:
  void fill();

  WsSocket ws_;
  std::string token_, tag_;
  std::size_t window_;
  bool online_ = false;
  std::deque<std::int64_t> queue_;  // chat of each message still to send
  std::size_t in_flight_ = 0;
  std::uint64_t next_request_ = 1, sent_ = 0, acked_ = 0;
  std::map<std::int64_t, std::uint64_t> newest_;
  std::string error_;
};

}  // namespace parta::bench
