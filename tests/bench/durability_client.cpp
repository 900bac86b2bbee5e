// DurableClient: a SyncEngine on a WsSocket, reconnecting through server kills,
// with a record of every message; see durability_client.h.
#include "durability_client.h"

#include <chrono>

#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::bench {

namespace {
constexpr std::uint64_t kVerifyBase = std::uint64_t{1} << 48;  // request ids of read-back pages
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kBaseBackoffNs = 25 * kMs;
constexpr std::int64_t kMaxBackoffNs = 500 * kMs;
constexpr std::uint32_t kMaxFailures = 80;           // consecutive, ~35 s at the cap
constexpr std::int64_t kConnectTimeoutNs = 3'000 * kMs;  // socket + upgrade
constexpr std::int64_t kSessionTimeoutNs = 5'000 * kMs;  // upgrade -> LoginOk
constexpr std::uint64_t kMaxPages = 10'000;

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

DurableClient::DurableClient(std::size_t index, std::int64_t chat_id, std::string token, std::string run_tag)
    : index_(index), chat_(chat_id), run_tag_(std::move(run_tag)), jitter_(0x9E3779B97F4A7C15ULL * (index + 1)) {
  engine_.set_token(std::move(token));
}

bool DurableClient::outbox_has(const std::string& client_id) const {
  for (const auto& item : engine_.outbox().items()) {
    if (item.client_id == client_id) return true;
  }
  return false;
}

std::size_t DurableClient::in_flight() const {
  std::size_t n = 0;
  for (const auto& item : engine_.outbox().items()) n += item.request_id != 0;
  return n;
}

std::size_t DurableClient::unsent() const {
  std::size_t n = 0;
  for (const auto& item : engine_.outbox().items()) n += item.request_id == 0 && item.failed.is_ok();
  return n;
}

// ---------------------------------------------------------------------------
// Connection life: connect, session, drop, backoff
// ---------------------------------------------------------------------------

void DurableClient::tick(int epoll_fd, std::uint16_t port, std::int64_t now_ns) {
  now_ns_ = now_ns;
  if (gave_up_) return;
  if (ws_.state() == WsSocket::State::kClosed) {
    if (now_ns < next_attempt_ns_) return;
    if (failures_ >= kMaxFailures) {
      gave_up_ = true;
      last_error_ = "gave up after " + std::to_string(failures_) + " attempts; last: " + last_error_;
      return;
    }
    // A new attempt: the engine goes Connecting, then Connected once upgraded.
    engine_.on_connecting();
    opened_at_ns_ = 0;
    next_attempt_ns_ = now_ns;  // the attempt's start, for the connect timeout
    if (!ws_.open(epoll_fd, port, this)) {
      ++counters_.connect_failures;
      last_error_ = ws_.error();
      engine_.on_disconnected();
      schedule_retry(now_ns);
    }
    return;
  }
  // Bounded waits: the socket and upgrade, then the session.
  if (ws_.state() != WsSocket::State::kOpen && now_ns - next_attempt_ns_ > kConnectTimeoutNs) {
    ++counters_.connect_failures;
    return drop("connect/upgrade timed out", now_ns);
  }
  if (ws_.state() == WsSocket::State::kOpen && !online() && opened_at_ns_ != 0 &&
      now_ns - opened_at_ns_ > kSessionTimeoutNs) {
    return drop("no LoginOk after ResumeSession", now_ns);
  }
  if (verify_ == Verify::kWaiting && online()) request_page();
}

void DurableClient::on_events(std::uint32_t events, std::int64_t now_ns) {
  now_ns_ = now_ns;
  std::vector<std::string> received;
  bool opened = false;
  const bool alive = ws_.on_events(events, received, opened);
  if (opened) {
    // Upgraded: the engine sends ResumeSession with the seeded token.
    opened_at_ns_ = now_ns;
    engine_.on_connected();
  }
  // Frames that arrived before a failure are still the server's word: apply them
  // (unless one of them made us drop the connection).
  const std::uint64_t drops_before = drop_count_;
  for (const auto& bytes : received) {
    if (drop_count_ != drops_before) return;
    handle_message(bytes);
  }
  if (drop_count_ != drops_before) return;
  if (!alive || ws_.state() == WsSocket::State::kClosed) {
    if (ws_.state() != WsSocket::State::kOpen && opened_at_ns_ == 0) ++counters_.connect_failures;
    return drop(ws_.error().empty() ? "connection lost" : ws_.error(), now_ns);
  }
  if (online() && !was_online_) {
    was_online_ = true;
    failures_ = 0;
    if (ever_online_) ++counters_.reconnects;
    ever_online_ = true;
  }
  pump();
}

void DurableClient::drop(const std::string& why, std::int64_t now_ns) {
  ++drop_count_;
  // What was on its way when the socket went: each of these is resent later.
  for (const auto& item : engine_.outbox().items()) {
    if (item.request_id != 0) ++counters_.in_flight_at_drop;
  }
  if (was_online_) ++counters_.drops;
  was_online_ = false;
  opened_at_ns_ = 0;
  last_error_ = why;
  ws_.close();
  engine_.on_disconnected();
  // A read-back cut short starts over on the next session.
  if (verify_ == Verify::kInFlight || verify_ == Verify::kWaiting) start_verify();
  schedule_retry(now_ns);
}

void DurableClient::schedule_retry(std::int64_t now_ns) {
  ++failures_;
  const std::uint32_t shift = std::min<std::uint32_t>(failures_ - 1, 10);
  const std::int64_t delay = std::min(kMaxBackoffNs, kBaseBackoffNs << shift);
  // Jitter of 75-125%: forty clients must not reconnect in lock step.
  jitter_ ^= jitter_ << 13;
  jitter_ ^= jitter_ >> 7;
  jitter_ ^= jitter_ << 17;
  const std::int64_t jittered = delay * (75 + static_cast<std::int64_t>(jitter_ % 51)) / 100;
  next_attempt_ns_ = now_ns + jittered;
}

void DurableClient::shut() {
  ws_.close();
  engine_.on_disconnected();
  was_online_ = false;
  gave_up_ = true;  // no reconnects after the end
  shut_ = true;
}

// ---------------------------------------------------------------------------
// Frames in and out
// ---------------------------------------------------------------------------

void DurableClient::handle_message(const std::string& bytes) {
  auto decoded = decode_server_frame(bytes);
  if (!decoded) return drop("undecodable server frame", now_ns_);
  const pb::ServerFrame& frame = decoded.value();
  if (frame.request_id() >= kVerifyBase) return handle_history(frame);
  // A reply to a message in flight: note the ack before the outbox forgets it.
  if (frame.request_id() != 0 && (frame.has_message_sent() || frame.has_error())) {
    for (const auto& item : engine_.outbox().items()) {
      if (item.request_id != frame.request_id()) continue;
      if (frame.has_error()) {
        ++counters_.send_errors;
        last_error_ = std::string(error_code_name(frame.error().code())) + ": " + frame.error().message();
        break;
      }
      const pb::Message& stored = frame.message_sent().message();
      if (stored.client_id() != item.client_id) ++counters_.ack_mismatches;
      auto it = by_client_id_.find(item.client_id);
      if (it != by_client_id_.end() && !messages_[it->second].acked) {
        TrackedMessage& m = messages_[it->second];
        m.acked = true;
        ++counters_.acked;
        // Stored before this send went out: an earlier send's ack died with the server.
        if (m.sends > 1 && stored.sent_at_ms() < m.last_send_ms) {
          m.deduped = true;
          ++counters_.deduped;
        }
      }
      break;
    }
  }
  if (auto s = engine_.on_bytes(bytes); !s) drop("engine refused a frame: " + s.message(), now_ns_);
}

void DurableClient::pump() {
  if (ws_.state() != WsSocket::State::kOpen) return;
  for (const auto& bytes : engine_.take_outgoing()) {
    pb::ClientFrame frame;
    if (frame.ParseFromString(bytes) && frame.has_send_message()) {
      ++counters_.frames;
      auto it = by_client_id_.find(frame.send_message().client_id());
      if (it != by_client_id_.end()) {
        TrackedMessage& m = messages_[it->second];
        if (m.sends++ > 0) ++counters_.resent;
        m.last_send_ms = wall_ms();
      }
    }
    if (!ws_.send_binary(bytes)) return drop(ws_.error().empty() ? "write failed" : ws_.error(), now_ns_);
  }
}

void DurableClient::send_one() {
  const std::uint64_t n = counters_.generated++;
  TrackedMessage m;
  m.client_id = run_tag_ + "-" + std::to_string(index_) + "-" + std::to_string(n);
  m.text = "durability " + m.client_id + " (connection " + std::to_string(index_) + ", message " +
           std::to_string(n) + ")";
  by_client_id_.emplace(m.client_id, messages_.size());
  messages_.push_back(m);
  if (auto s = engine_.send_text(chat_, m.text, m.client_id, wall_ms()); !s) {
    ++counters_.send_errors;
    last_error_ = "send_text: " + s.message();
  }
  pump();
}

// ---------------------------------------------------------------------------
// Read-back
// ---------------------------------------------------------------------------

void DurableClient::start_verify() {
  verify_ = Verify::kWaiting;
  before_seq_ = 0;
  verify_counters_ = VerifyCounters{};
  seen_ids_.clear();
  seen_texts_.clear();
  for (auto& m : messages_) {
    m.stored = 0;
    m.text_ok = true;
  }
  if (online()) request_page();
}

void DurableClient::request_page() {
  pb::ClientFrame frame;
  frame.set_request_id(kVerifyBase + ++verify_request_);
  auto* get = frame.mutable_get_history();
  get->set_chat_id(chat_.get());
  get->set_before_seq(before_seq_);  // 0: the newest page
  get->set_limit(kMaxHistoryPage);
  verify_ = Verify::kInFlight;
  if (!ws_.send_binary(encode_frame(frame))) drop("write failed", now_ns_);
}

void DurableClient::handle_history(const pb::ServerFrame& frame) {
  if (verify_ != Verify::kInFlight || frame.request_id() != kVerifyBase + verify_request_) return;  // stale
  const auto& me = engine_.state().me;
  if (frame.has_error() || !frame.has_history() || !me) {
    verify_ = Verify::kFailed;
    last_error_ = frame.has_error() ? "GetHistory: " + frame.error().message() : "GetHistory: no history";
    return;
  }
  const pb::History& page = frame.history();
  ++verify_counters_.pages;
  for (const pb::Message& row : page.messages()) {
    if (row.sender_id() != me->id()) continue;  // client ids are shown to their sender only
    ++verify_counters_.rows;
    // A duplicate is any row repeating a client id or a text already seen.
    const bool new_id = seen_ids_.insert(row.client_id()).second;
    const bool new_text = seen_texts_.insert(row.text()).second;
    if (!new_id || !new_text) ++verify_counters_.duplicated;
    auto it = by_client_id_.find(row.client_id());
    if (it == by_client_id_.end()) {
      ++verify_counters_.unknown;
      continue;
    }
    TrackedMessage& m = messages_[it->second];
    ++m.stored;
    if (row.text() != m.text) m.text_ok = false;
  }
  const std::uint64_t oldest = page.messages().empty() ? 0 : page.messages(0).seq();
  if (page.has_more() && oldest > 0 && (before_seq_ == 0 || oldest < before_seq_) &&
      verify_counters_.pages < kMaxPages) {
    before_seq_ = oldest;
    return request_page();
  }
  verify_ = page.has_more() ? Verify::kFailed : Verify::kDone;
  if (page.has_more()) last_error_ = "GetHistory pages made no progress";
}

}  // namespace parta::bench
