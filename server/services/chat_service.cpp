// ChatService: membership checks, wire conversion and fan-out of chat events.
#include "server/services/chat_service.h"

#include <algorithm>

#include "server/services/wire.h"
#include "shared/protocol.h"
#include "shared/validation.h"

namespace parta::server {

namespace {

Frame encode_shared(const pb::ServerFrame& frame) { return std::make_shared<const std::string>(encode_frame(frame)); }

}  // namespace

Status ChatService::require_member(ChatId chat, UserId user) {
  auto member = storage_.is_member(chat, user);
  if (!member) return member.status();
  // Someone else's chat looks exactly like a chat that does not exist.
  if (!member.value()) return {pb::ERROR_NOT_FOUND, "no such chat"};
  return Status::ok();
}

Result<pb::ChatList> ChatService::list_chats(UserId user) {
  auto chats = storage_.list_chats(user);
  if (!chats) return chats.status();
  pb::ChatList list;
  for (const ChatSummary& summary : chats.value()) {
    pb::Chat* chat = list.add_chats();
    chat->set_id(summary.id.get());
    chat->set_kind(summary.kind);
    chat->set_title(summary.title);
    chat->set_last_seq(summary.last_seq);
    chat->set_read_seq(summary.read_seq);
    chat->set_unread_count(summary.unread_count);
    if (summary.last_message) to_wire(*summary.last_message, user, chat->mutable_last_message());
    for (const UserRecord& member : summary.members) {
      to_wire(member, chat->add_members());
      // A direct chat is called after the other person.
      if (summary.kind == pb::CHAT_KIND_DIRECT && member.id != user) chat->set_title(member.display_name);
    }
  }
  return list;
}

Result<pb::History> ChatService::history(UserId user, const pb::GetHistory& command) {
  const ChatId chat(command.chat_id());
  if (auto s = require_member(chat, user); !s) return s;
  HistoryQuery query;
  query.chat = chat;
  query.before_seq = command.before_seq();
  query.after_seq = command.after_seq();
  query.limit = command.limit() == 0 ? kDefaultHistoryPage : std::min(command.limit(), kMaxHistoryPage);
  auto page = storage_.history(query);
  if (!page) return page.status();
  pb::History history;
  history.set_chat_id(chat.get());
  history.set_has_more(page->has_more);
  for (const MessageRecord& message : page->messages) to_wire(message, user, history.add_messages());
  return history;
}

namespace {

// Membership check, append and (for a new message) the member list: the SQL of
// one send, on whichever connection `storage` is.
// `known_members`: the chat's members if the caller has them (the commit queue's cache).
Result<SendOutcome> store_message(Storage& storage, UserId sender, const pb::SendMessage& command,
                                  std::int64_t now_ms, bool with_members,
                                  const std::vector<UserId>* known_members = nullptr) {
  const ChatId chat(command.chat_id());
  bool is_member = false;
  if (known_members) {
    is_member = std::find(known_members->begin(), known_members->end(), sender) != known_members->end();
  } else {
    auto member = storage.is_member(chat, sender);
    if (!member) return member.status();
    is_member = member.value();
  }
  // Someone else's chat looks exactly like a chat that does not exist.
  if (!is_member) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  auto appended = storage.append_message(chat, sender, command.client_id(), command.text(), now_ms);
  if (!appended) return appended.status();
  SendOutcome out;
  out.stored = std::move(appended->message);
  out.created = appended->created;
  to_wire(out.stored, sender, out.reply.mutable_message());
  if (with_members && out.created && known_members) {
    out.members = *known_members;
  } else if (with_members && out.created) {
    auto members = storage.chat_member_ids(chat);
    if (!members) return members.status();
    out.members = std::move(members).value();
  }
  return out;
}

}  // namespace

Result<SendOutcome> ChatService::send_message(UserId sender, const pb::SendMessage& command, std::int64_t now_ms) {
  return store_message(storage_, sender, command, now_ms, false);
}

void ChatService::send_message_durable(UserId sender, const pb::SendMessage& command, std::int64_t now_ms,
                                       SendDone done) {
  if (!commits_) return done(store_message(storage_, sender, command, now_ms, true));
  // The command is copied for the storage thread; the result comes back with it.
  struct Pending {
    pb::SendMessage command;
    Result<SendOutcome> result{Status(pb::ERROR_INTERNAL, "not stored")};
  };
  auto pending = std::make_shared<Pending>();
  pending->command = command;
  commits_->submit(
      [pending, sender, now_ms, commits = commits_](Storage& storage) {
        const auto* members = commits->chat_members(ChatId(pending->command.chat_id()));
        pending->result = store_message(storage, sender, pending->command, now_ms, true, members);
      },
      [pending, done = std::move(done)](Status committed) {
        if (!committed) return done(committed);  // rolled back: the client retries
        done(std::move(pending->result));
      });
}

void ChatService::announce_message(const MessageRecord& message, const Peer* origin) {
  auto members = storage_.chat_member_ids(message.chat);
  if (!members) return;  // already logged; the message is stored and catch-up will deliver it
  announce_message(message, members.value(), origin);
}

void ChatService::announce_message(const MessageRecord& message, const std::vector<UserId>& members,
                                   const Peer* origin) {
  // Two encodings at most: the sender's other sessions see their client_id,
  // everyone else does not. Each is built once and shared by its receivers.
  auto build = [&](UserId viewer) {
    pb::ServerFrame frame;
    auto* event = frame.mutable_chat_event();
    event->set_chat_id(message.chat.get());
    event->set_seq(message.seq);
    to_wire(message, viewer, event->mutable_message_added());
    return encode_shared(frame);
  };
  Frame for_others;
  for (UserId member : members) {
    if (hub_.sessions_of(member) == 0) continue;
    if (member == message.sender) {
      hub_.send_to_user(member, build(member), origin);
    } else {
      if (!for_others) for_others = build(UserId());
      hub_.send_to_user(member, for_others, origin);
    }
  }
}

Status ChatService::mark_read(Peer& peer, const pb::MarkRead& command) {
  const ChatId chat(command.chat_id());
  if (auto s = require_member(chat, peer.user); !s) return s;
  auto position = storage_.mark_read(chat, peer.user, command.seq());
  if (!position) return position.status();
  if (position->changed && hub_.sessions_of(peer.user) > 1) {
    pb::ServerFrame frame;
    auto* changed = frame.mutable_read_position_changed();
    changed->set_chat_id(chat.get());
    changed->set_read_seq(position->read_seq);
    hub_.send_to_user(peer.user, encode_shared(frame), &peer);
  }
  return Status::ok();
}

}  // namespace parta::server
