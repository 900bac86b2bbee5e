// CommandRouter: the per-frame pipeline and the command case -> module table.
#include "server/app/command_router.h"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <string>

#include "server/app/clock.h"
#include "server/app/log.h"
#include "shared/core/validation.h"
#include "shared/proto/command_spec.h"
#include "shared/proto/protocol.h"

namespace parta::server {

namespace {

Frame encode_shared(const pb::ServerFrame& frame) { return std::make_shared<const std::string>(encode_frame(frame)); }

void send_error(Peer& peer, std::uint64_t request_id, const Status& status) {
  peer.send(encode_shared(make_error_frame(request_id, status)));
}

// The request id of a frame that failed decode_client_frame, if it parsed at all.
std::uint64_t salvage_request_id(std::string_view bytes) {
  pb::ClientFrame frame;
  if (bytes.size() > kMaxFrameBytes || !frame.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return 0;
  return frame.request_id();
}

// Token bucket per connection: kCommandsPerSecond sustained, kCommandBurst at once.
bool take_token(Peer& peer, std::int64_t now) {
  if (peer.bucket_updated_ms == 0) {
    peer.bucket_tokens = kCommandBurst;
  } else if (now > peer.bucket_updated_ms) {
    peer.bucket_tokens = std::min<double>(
        kCommandBurst, peer.bucket_tokens + (now - peer.bucket_updated_ms) * kCommandsPerSecond / 1000.0);
  }
  peer.bucket_updated_ms = now;
  if (peer.bucket_tokens < 1.0) return false;
  peer.bucket_tokens -= 1.0;
  return true;
}

// Liveness: Pong with both clocks. No domain of its own (common.proto).
class PingCommands final : public CommandModule {
 public:
  std::span<const CommandCase> commands() const override {
    static constexpr CommandCase kCases[] = {pb::ClientFrame::kPing};
    return kCases;
  }
  void handle(const std::shared_ptr<Peer>& /*peer*/, const pb::ClientFrame& frame, Reply reply) override {
    pb::ServerFrame out;
    out.set_request_id(frame.request_id());
    auto* pong = out.mutable_pong();
    pong->set_client_time_ms(frame.ping().client_time_ms());
    pong->set_server_time_ms(now_ms());
    reply(out);
  }
};

}  // namespace

CommandRouter::CommandRouter() : ping_(std::make_unique<PingCommands>()) { add(*ping_); }

CommandRouter::~CommandRouter() = default;

void CommandRouter::add(CommandModule& module) {
  for (CommandCase command : module.commands()) {
    const auto at = static_cast<std::size_t>(command);
    if (table_.size() <= at) table_.resize(at + 1, nullptr);
    if (table_[at] && table_[at] != &module) {
      throw std::logic_error("command case " + std::to_string(at) + " registered by two modules");
    }
    table_[at] = &module;
  }
}

void CommandRouter::handle(const std::shared_ptr<Peer>& peer, std::string_view bytes, std::function<void()> done) {
  if (!take_token(*peer, now_ms())) {
    send_error(*peer, salvage_request_id(bytes), {pb::ERROR_RATE_LIMITED, "too many requests"});
    return done();
  }
  auto frame = decode_client_frame(bytes);
  if (!frame) {
    log_debug("conn ", peer->id, ": ", error_code_name(frame.status().code()), ": ", frame.status().message());
    send_error(*peer, salvage_request_id(bytes), frame.status());
    return done();
  }
  const std::uint64_t request_id = frame->request_id();
  if (auto s = validate_command(frame.value()); !s) {
    send_error(*peer, request_id, s);
    return done();
  }
  // Which commands need no session is each domain's rule, in shared/ (command_spec.h).
  if (!peer->user.valid() && !command_allowed_anonymously(frame->command_case())) {
    send_error(*peer, request_id, {pb::ERROR_UNAUTHENTICATED, "log in first"});
    return done();
  }
  try {
    dispatch(peer, frame.value(), done);
  } catch (const std::exception& e) {
    // Nothing here is expected to throw (bad_alloc at most): answer and keep going.
    log_error("conn ", peer->id, ": request ", request_id, " failed: ", e.what());
    if (done) {  // not answered yet
      send_error(*peer, request_id, {pb::ERROR_INTERNAL, "internal error"});
      done();
    }
  }
}

void CommandRouter::dispatch(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame,
                             std::function<void()>& done) {
  const std::uint64_t request_id = frame.request_id();
  const auto at = static_cast<std::size_t>(frame.command_case());
  CommandModule* module = at < table_.size() ? table_[at] : nullptr;
  // The reply may come later (hashing, group commit, mail); `next` runs exactly once with it.
  auto next = std::make_shared<std::function<void()>>(std::move(done));
  done = nullptr;
  auto reply = [peer, next](const pb::ServerFrame& out) {
    if (!*next) return;
    peer->send(encode_shared(out));
    auto go = std::move(*next);
    *next = nullptr;
    go();
  };
  if (!module) return reply(make_error_frame(request_id, {pb::ERROR_MALFORMED_FRAME, "unknown command"}));
  try {
    module->handle(peer, frame, reply);
  } catch (const std::exception& e) {
    log_error("conn ", peer->id, ": request ", request_id, " failed: ", e.what());
    reply(make_error_frame(request_id, {pb::ERROR_INTERNAL, "internal error"}));
  }
}

}  // namespace parta::server
