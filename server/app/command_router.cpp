// CommandRouter: the per-frame pipeline and the command -> service table.
#include "server/app/command_router.h"

#include <algorithm>
#include <exception>

#include "server/app/clock.h"
#include "server/chat/chat_commands.h"
#include "server/app/log.h"
#include "server/org/org_commands.h"
#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

Frame encode_shared(const pb::ServerFrame& frame) { return std::make_shared<const std::string>(encode_frame(frame)); }

void send_error(Peer& peer, std::uint64_t request_id, const Status& status) {
  peer.send(encode_shared(make_error_frame(request_id, status)));
}

// Commands a connection may send before it has logged in.
bool allowed_anonymously(pb::ClientFrame::CommandCase command) {
  return command == pb::ClientFrame::kLogin || command == pb::ClientFrame::kResumeSession ||
         command == pb::ClientFrame::kPing || OrgCommands::allowed_anonymously(command);
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

}  // namespace

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
  if (!peer->user.valid() && !allowed_anonymously(frame->command_case())) {
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
  pb::ServerFrame reply;
  reply.set_request_id(request_id);
  // Queues `reply`, or the error, and lets the session read on.
  auto finish = [&](const Status& status) {
    peer->send(encode_shared(status ? reply : make_error_frame(request_id, status)));
    auto next = std::move(done);
    done = nullptr;
    next();
  };

  // Organizations, links, registration, members, sessions (org_commands.h);
  // edits, polls, moderation, search, typing (chat_commands.h): one handler each.
  const bool org_command = orgs_ && OrgCommands::handles(frame.command_case());
  const bool rich_command = rich_ && ChatCommands::handles(frame.command_case());
  if (org_command || rich_command) {
    // The reply may come later (hashing, mail); `next` runs exactly once with it.
    auto next = std::make_shared<std::function<void()>>(std::move(done));
    done = nullptr;
    auto reply = [peer, next](const pb::ServerFrame& out) {
      if (!*next) return;
      peer->send(encode_shared(out));
      auto go = std::move(*next);
      *next = nullptr;
      go();
    };
    try {
      if (org_command) {
        orgs_->handle(peer, frame, reply);
      } else {
        rich_->handle(peer, frame, reply);
      }
    } catch (const std::exception& e) {
      log_error("conn ", peer->id, ": request ", request_id, " failed: ", e.what());
      reply(make_error_frame(request_id, {pb::ERROR_INTERNAL, "internal error"}));
    }
    return;
  }

  switch (frame.command_case()) {
    case pb::ClientFrame::kLogin: {
      // The only asynchronous command: the reply comes after the hash check.
      auto next = std::move(done);
      done = nullptr;
      auth_.login(peer, frame.login(), [peer, request_id, next = std::move(next)](Result<pb::LoginOk> ok) {
        pb::ServerFrame out;
        if (ok) {
          out.set_request_id(request_id);
          *out.mutable_login_ok() = std::move(ok).value();
        } else {
          out = make_error_frame(request_id, ok.status());
        }
        peer->send(encode_shared(out));
        next();
      });
      return;
    }
    case pb::ClientFrame::kResumeSession: {
      auto ok = auth_.resume(*peer, frame.resume_session());
      if (ok) *reply.mutable_login_ok() = std::move(ok).value();
      return finish(ok.status());
    }
    case pb::ClientFrame::kLogout: {
      auto s = auth_.logout(*peer);
      reply.mutable_ack();
      return finish(s);
    }
    case pb::ClientFrame::kListChats: {
      auto list = chats_.list_chats(peer->user);
      if (list) *reply.mutable_chat_list() = std::move(list).value();
      return finish(list.status());
    }
    case pb::ClientFrame::kGetHistory: {
      auto history = chats_.history(peer->user, frame.get_history());
      if (history) *reply.mutable_history() = std::move(history).value();
      return finish(history.status());
    }
    case pb::ClientFrame::kSendMessage: {
      if (orgs_) {
        if (auto s = orgs_->may_post(ChatId(frame.send_message().chat_id())); !s) return finish(s);
      }
      // Asynchronous: the reply waits until the message is durable (group commit).
      auto next = std::move(done);
      done = nullptr;
      chats_.send_message_durable(
          peer->user, frame.send_message(), now_ms(),
          [this, peer, request_id, next = std::move(next)](Result<SendOutcome> sent) {
            pb::ServerFrame out;
            if (sent) {
              out.set_request_id(request_id);
              *out.mutable_message_sent() = sent->reply;
            } else {
              out = make_error_frame(request_id, sent.status());
            }
            // The sender hears first, then everyone else.
            peer->send(encode_shared(out));
            next();
            if (sent && sent->created) chats_.announce_message(sent->stored, sent->members, peer.get());
          });
      return;
    }
    case pb::ClientFrame::kMarkRead: {
      auto s = chats_.mark_read(*peer, frame.mark_read());
      reply.mutable_ack();
      return finish(s);
    }
    case pb::ClientFrame::kPing: {
      auto* pong = reply.mutable_pong();
      pong->set_client_time_ms(frame.ping().client_time_ms());
      pong->set_server_time_ms(now_ms());
      return finish(Status::ok());
    }
    default:  // COMMAND_NOT_SET, or an orgs.proto command without OrgCommands
      break;
  }
  finish({pb::ERROR_MALFORMED_FRAME, "unknown command"});
}

}  // namespace parta::server
