// CatchupReader and PostingPeer; see catchup_peers.h.
#include "catchup_peers.h"

#include <chrono>

#include "shared/proto/protocol.h"

namespace parta::bench {

namespace {
std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

// ---------------------------------------------------------------------------
// CatchupReader
// ---------------------------------------------------------------------------

CatchupReader::CatchupReader(std::string token) { engine_.set_token(std::move(token)); }

bool CatchupReader::connect(int epoll_fd, std::uint16_t port) {
  error_.clear();
  engine_.on_connecting();
  if (ws_.open(epoll_fd, port, this)) return true;
  error_ = "connect: " + ws_.error();
  engine_.on_disconnected();
  return false;
}

void CatchupReader::disconnect() {
  ws_.close();
  engine_.on_disconnected();
  in_flight_.clear();
}

void CatchupReader::tick(std::int64_t now_ms) {
  engine_.tick(now_ms);
  pump();
}

void CatchupReader::on_events(std::uint32_t events, std::int64_t now_ns) {
  std::vector<std::string> received;
  bool opened = false;
  const bool alive = ws_.on_events(events, received, opened);
  if (opened) {
    // The clock of a catch-up starts here: the engine sends ResumeSession.
    connected_at_ns_ = now_ns;
    engine_.on_connected();
    pump();
  }
  for (const auto& bytes : received) {
    ++frames_in_;
    payload_bytes_ += bytes.size();
    // The reply's request id, read before the engine takes the frame (not timed).
    pb::ServerFrame frame;
    if (frame.ParseFromString(bytes) && frame.request_id() != 0) in_flight_.erase(frame.request_id());
    snapshots_ += frame.has_history() && frame.history().snapshot();
    const std::int64_t t0 = steady_ns();
    const Status s = engine_.on_bytes(bytes);
    engine_ns_ += steady_ns() - t0;
    if (!s) {
      error_ = "engine refused a frame: " + s.message();
      return disconnect();
    }
  }
  if (!alive) {
    error_ = "connection lost: " + ws_.error();
    return disconnect();
  }
  pump();
}

void CatchupReader::open_chats(const std::vector<ChatId>& chats) {
  for (ChatId chat : chats) engine_.open_chat(chat);
  pump();
}

void CatchupReader::pump() {
  for (const auto& bytes : engine_.take_outgoing()) {
    pb::ClientFrame frame;
    if (frame.ParseFromString(bytes) && frame.request_id() != 0) in_flight_.insert(frame.request_id());
    if (!ws_.send_binary(bytes)) {
      error_ = "write failed: " + ws_.error();
      return disconnect();
    }
  }
}

bool CatchupReader::caught_up(const std::map<std::int64_t, std::uint64_t>& expected) const {
  const ClientState& state = engine_.state();
  if (state.connection != Connection::Online || !in_flight_.empty() || !state.chats_loaded) return false;
  for (const ChatEntry& chat : state.chats) {
    if (chat.history_loaded && (chat.gap || chat.cursor != chat.last_seq)) return false;
  }
  for (const auto& [id, newest] : expected) {
    const ChatEntry* chat = state.find_chat(ChatId{id});
    if (chat == nullptr || !chat->history_loaded || chat->messages.empty() || chat->messages.back().seq != newest ||
        chat->last_seq < newest) {
      return false;
    }
  }
  return true;
}

void CatchupReader::reset_counters() {
  frames_in_ = 0;
  payload_bytes_ = 0;
  bytes_base_ = ws_.bytes_in();
  engine_ns_ = 0;
  snapshots_ = 0;
}

// ---------------------------------------------------------------------------
// PostingPeer
// ---------------------------------------------------------------------------

PostingPeer::PostingPeer(std::string token, std::string tag, std::size_t window)
    : token_(std::move(token)), tag_(std::move(tag)), window_(window) {}

bool PostingPeer::connect(int epoll_fd, std::uint16_t port) {
  online_ = false;
  if (ws_.open(epoll_fd, port, this)) return true;
  error_ = "connect: " + ws_.error();
  return false;
}

void PostingPeer::post(ChatId chat, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) queue_.push_back(chat.get());
  fill();
}

void PostingPeer::on_events(std::uint32_t events) {
  std::vector<std::string> received;
  bool opened = false;
  const bool alive = ws_.on_events(events, received, opened);
  if (opened) {
    pb::ClientFrame frame;
    frame.set_request_id(next_request_++);
    auto* resume = frame.mutable_resume_session();
    resume->set_token(token_);
    resume->set_protocol_version(kProtocolVersion);
    ws_.send_binary(encode_frame(frame));
  }
  for (const auto& bytes : received) {
    pb::ServerFrame frame;
    if (!frame.ParseFromString(bytes)) {
      error_ = "undecodable server frame";
      continue;
    }
    if (frame.request_id() == 0) continue;  // events of the chats (other posters)
    if (frame.has_login_ok()) {
      online_ = true;
    } else if (frame.has_message_sent()) {
      --in_flight_;
      ++acked_;
      const pb::Message& m = frame.message_sent().message();
      auto& newest = newest_[m.chat_id()];
      if (m.seq() > newest) newest = m.seq();
    } else if (frame.has_error()) {
      error_ = std::string(error_code_name(frame.error().code())) + ": " + frame.error().message();
      if (in_flight_ > 0) --in_flight_;
    }
  }
  if (!alive) {
    if (error_.empty()) error_ = "connection lost: " + ws_.error();
    return;
  }
  fill();
}

void PostingPeer::fill() {
  if (!online_) return;
  while (!queue_.empty() && in_flight_ < window_) {
    const std::int64_t chat = queue_.front();
    queue_.pop_front();
    pb::ClientFrame frame;
    frame.set_request_id(next_request_++);
    auto* send = frame.mutable_send_message();
    send->set_chat_id(chat);
    const std::uint64_t n = ++sent_;
    send->set_client_id(tag_ + "-" + std::to_string(n));
    send->set_text("Catch-up " + tag_ + " #" + std::to_string(n) +
                   ": the homework for tomorrow is on page 42, please bring the workbook");
    if (!ws_.send_binary(encode_frame(frame))) {
      error_ = "write failed: " + ws_.error();
      return;
    }
    ++in_flight_;
  }
}

}  // namespace parta::bench
