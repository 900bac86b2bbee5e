// ChatCommands: validated frames of chats.proto -> services -> one reply, then fan-out.
#include "server/chat/chat_commands.h"

#include "server/app/clock.h"
#include "server/app/wire.h"
#include "shared/proto/protocol.h"

namespace parta::server {

std::span<const CommandCase> ChatCommands::commands() const {
  static constexpr CommandCase kCases[] = {
      pb::ClientFrame::kListChats,         pb::ClientFrame::kGetHistory,     pb::ClientFrame::kSendMessage,
      pb::ClientFrame::kMarkRead,          pb::ClientFrame::kEditMessage,    pb::ClientFrame::kDeleteMessage,
      pb::ClientFrame::kPinMessage,        pb::ClientFrame::kVotePoll,       pb::ClientFrame::kClosePoll,
      pb::ClientFrame::kSetTyping,         pb::ClientFrame::kSearchMessages, pb::ClientFrame::kSetChatSettings,
      pb::ClientFrame::kSetChatMemberRole, pb::ClientFrame::kMuteChatMember, pb::ClientFrame::kRemoveChatMember,
  };
  return kCases;
}

Status ChatCommands::may_change(std::int64_t chat) { return gate_ ? gate_->may_post(ChatId(chat)) : Status::ok(); }

void ChatCommands::send_message(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) {
  const std::uint64_t rid = frame.request_id();
  if (auto s = may_change(frame.send_message().chat_id()); !s) return reply(make_error_frame(rid, s));
  // Asynchronous: the reply waits until the message is durable (group commit).
  chats_.send_message_durable(peer->user, frame.send_message(), now_ms(),
                              [this, peer, rid, reply = std::move(reply)](Result<SendOutcome> sent) {
                                pb::ServerFrame out;
                                if (sent) {
                                  out.set_request_id(rid);
                                  *out.mutable_message_sent() = sent->reply;
                                } else {
                                  out = make_error_frame(rid, sent.status());
                                }
                                // The sender hears first, then everyone else.
                                reply(out);
                                if (sent && sent->created)
                                  chats_.announce_message(sent->stored, sent->members, peer.get());
                              });
}

void ChatCommands::answer_change(const std::shared_ptr<Peer>& peer, std::uint64_t request_id, UserId user,
                                 Result<ChangeOutcome> outcome, const Reply& reply) {
  if (!outcome) return reply(make_error_frame(request_id, outcome.status()));
  pb::ServerFrame out;
  out.set_request_id(request_id);
  to_wire(outcome->message, user, now_ms(), out.mutable_message_sent()->mutable_message());
  // The actor hears first, then everyone else (their own other sessions too).
  reply(out);
  if (outcome->event_seq != 0) {
    chats_.fanout().message(outcome->message, outcome->event_seq, false, outcome->members, peer.get());
  }
}

void ChatCommands::answer_admin(const std::shared_ptr<Peer>& /*peer*/, std::uint64_t request_id,
                                Result<AdminOutcome> outcome, const Reply& reply) {
  if (!outcome) return reply(make_error_frame(request_id, outcome.status()));
  pb::ServerFrame out;
  out.set_request_id(request_id);
  out.mutable_ack();
  reply(out);
  // Ack carries no state: the actor's own session needs the event as much as
  // everyone else (it advances the cursor and shows the new roles/settings).
  chats_.fanout().chat_changed(outcome->chat, outcome->seq, nullptr);
  if (outcome->removed.valid()) chats_.fanout().removed(outcome->chat.id, outcome->seq, outcome->removed);
}

void ChatCommands::handle(const std::shared_ptr<Peer>& peer, const pb::ClientFrame& frame, Reply reply) {
  // The hot path first, before anything below copies `reply`.
  if (frame.command_case() == pb::ClientFrame::kSendMessage) return send_message(peer, frame, std::move(reply));
  const std::uint64_t rid = frame.request_id();
  const UserId user = peer->user;
  const std::int64_t now = now_ms();
  auto fail = [&](const Status& s) { reply(make_error_frame(rid, s)); };
  // Message changes answer later, after their group commit.
  auto on_change = [this, peer, rid, user, reply](Result<ChangeOutcome> outcome) {
    answer_change(peer, rid, user, std::move(outcome), reply);
  };

  switch (frame.command_case()) {
    case pb::ClientFrame::kListChats: {
      auto list = chats_.list_chats(user);
      if (!list) return fail(list.status());
      pb::ServerFrame out;
      out.set_request_id(rid);
      *out.mutable_chat_list() = std::move(list).value();
      return reply(out);
    }
    case pb::ClientFrame::kGetHistory: {
      auto history = chats_.history(user, frame.get_history());
      if (!history) return fail(history.status());
      pb::ServerFrame out;
      out.set_request_id(rid);
      *out.mutable_history() = std::move(history).value();
      return reply(out);
    }
    case pb::ClientFrame::kMarkRead: {
      if (auto s = chats_.mark_read(*peer, frame.mark_read()); !s) return fail(s);
      pb::ServerFrame out;
      out.set_request_id(rid);
      out.mutable_ack();
      return reply(out);
    }
    case pb::ClientFrame::kEditMessage: {
      const auto& c = frame.edit_message();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return messages_.edit(user, c, now, on_change);
    }
    case pb::ClientFrame::kDeleteMessage: {
      const auto& c = frame.delete_message();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return messages_.remove(user, c, now, on_change);
    }
    case pb::ClientFrame::kPinMessage: {
      const auto& c = frame.pin_message();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return messages_.pin(user, c, now, on_change);
    }
    case pb::ClientFrame::kVotePoll: {
      const auto& c = frame.vote_poll();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return messages_.vote(user, c, now, on_change);
    }
    case pb::ClientFrame::kClosePoll: {
      const auto& c = frame.close_poll();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return messages_.close_poll(user, c, now, on_change);
    }
    case pb::ClientFrame::kSetTyping: {
      if (auto s = chats_.set_typing(*peer, frame.set_typing(), now); !s) return fail(s);
      pb::ServerFrame out;
      out.set_request_id(rid);
      out.mutable_ack();
      return reply(out);
    }
    case pb::ClientFrame::kSearchMessages: {
      auto results = search_.search(user, frame.search_messages(), now);
      if (!results) return fail(results.status());
      pb::ServerFrame out;
      out.set_request_id(rid);
      *out.mutable_search_results() = std::move(results).value();
      return reply(out);
    }
    case pb::ClientFrame::kSetChatSettings: {
      const auto& c = frame.set_chat_settings();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return answer_admin(peer, rid, admin_.set_settings(user, c, now), reply);
    }
    case pb::ClientFrame::kSetChatMemberRole: {
      const auto& c = frame.set_chat_member_role();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return answer_admin(peer, rid, admin_.set_role(user, c, now), reply);
    }
    case pb::ClientFrame::kMuteChatMember: {
      const auto& c = frame.mute_chat_member();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return answer_admin(peer, rid, admin_.mute(user, c, now), reply);
    }
    case pb::ClientFrame::kRemoveChatMember: {
      const auto& c = frame.remove_chat_member();
      if (auto s = may_change(c.chat_id()); !s) return fail(s);
      return answer_admin(peer, rid, admin_.remove(user, c, now), reply);
    }
    default:
      break;
  }
  fail({pb::ERROR_MALFORMED_FRAME, "unknown command"});
}

}  // namespace parta::server
