// ChatService: chat list, history and catch-up, sending with its checks, read
// positions and typing. Chat rules: parta::check_chat only.
#include "server/chat/chat_service.h"

#include <algorithm>

#include "server/app/clock.h"
#include "server/app/wire.h"
#include "shared/chat/polls.h"
#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

Frame encode_shared(const pb::ServerFrame& frame) { return std::make_shared<const std::string>(encode_frame(frame)); }

}  // namespace

Status ChatService::require_member(ChatId chat, UserId user) {
  auto member = chats_.is_member(chat, user);
  if (!member) return member.status();
  // Someone else's chat looks exactly like a chat that does not exist.
  if (!member.value()) return {pb::ERROR_NOT_FOUND, "no such chat"};
  return Status::ok();
}

void ChatService::to_wire_chat(const ChatSummary& summary, UserId user, std::int64_t now_ms, pb::Chat* chat) {
  const ChatAccess& access = summary.chat;
  chat->set_id(access.id.get());
  chat->set_kind(access.kind);
  chat->set_org_id(access.org.get());
  chat->set_title(access.title);
  chat->set_last_seq(access.last_seq);
  chat->set_read_seq(summary.read_seq);
  chat->set_unread_count(summary.unread_count);
  if (summary.last_message) to_wire(*summary.last_message, user, now_ms, chat->mutable_last_message());
  to_wire(access, chat->mutable_settings());
  for (const ChatMemberRecord& member : access.members) {
    to_wire(member.user, chat->add_members());
    to_wire(member, chat->add_chat_members());
    // A direct chat is called after the other person.
    if (access.kind == pb::CHAT_KIND_DIRECT && member.user.id != user) chat->set_title(member.user.display_name);
  }
  for (std::uint64_t seq : summary.pinned_seqs) chat->add_pinned_seqs(seq);
}

Result<pb::ChatList> ChatService::list_chats(UserId user) {
  auto chats = chats_.list_chats(user);
  if (!chats) return chats.status();
  const std::int64_t now = now_ms();
  pb::ChatList list;
  for (const ChatSummary& summary : chats.value()) to_wire_chat(summary, user, now, list.add_chats());
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
  auto page = messages_.history(query);
  if (!page) return page.status();
  pb::History history;
  history.set_chat_id(chat.get());
  // Too much missed: the newest page instead of an event flood.
  if (query.after_seq > 0 && page->last_seq > query.after_seq &&
      page->last_seq - query.after_seq > kSnapshotAfterEvents) {
    query.after_seq = 0;
    page = messages_.history(query);
    if (!page) return page.status();
    history.set_snapshot(true);
  }
  history.set_has_more(page->has_more);
  history.set_last_seq(page->last_seq);
  const std::int64_t now = now_ms();
  if (query.after_seq == 0) {
    for (const MessageRecord& message : page->messages) to_wire(message, user, now, history.add_messages());
    return history;
  }
  // Catch-up: each touched message once, in its current state, at its latest
  // event's seq; the chat's own latest change in its place among them.
  pb::ChatChanged changed;
  if (page->chat_changed_seq != 0) {
    auto access = chats_.chat_access(chat);
    if (!access) return access.status();
    if (access.value()) to_wire(*access.value(), &changed);
  }
  bool chat_done = page->chat_changed_seq == 0;
  auto add_chat_changed = [&] {
    auto* event = history.add_events();
    event->set_chat_id(chat.get());
    event->set_seq(page->chat_changed_seq);
    *event->mutable_chat_changed() = changed;
    chat_done = true;
  };
  for (const MessageRecord& message : page->messages) {
    if (!chat_done && page->chat_changed_seq < message.changed_seq) add_chat_changed();
    auto* event = history.add_events();
    event->set_chat_id(chat.get());
    event->set_seq(message.changed_seq);
    to_wire(message, user, now,
            message.seq > command.after_seq() ? event->mutable_message_added() : event->mutable_message_changed());
  }
  if (!chat_done) add_chat_changed();
  return history;
}

namespace {

// The checks of one send, and what is stored. Runs where the append runs.
Status check_send(MessageRepository& storage, const ChatAccess& chat, UserId sender, const pb::SendMessage& command,
                  std::int64_t now_ms, NewMessage& out) {
  const ChatActor actor = actor_in(chat, sender);
  const ChatTarget target = target_of(chat, now_ms);
  if (auto s = check_chat(actor, command.has_poll() ? ChatAction::CreatePoll : ChatAction::Post, target); !s) return s;
  if (command.reply_to_seq() != 0) {
    auto replied = storage.find_message(chat.id, command.reply_to_seq());
    if (!replied) return replied.status();
    if (!replied.value()) return {pb::ERROR_INVALID_ARGUMENT, "no such message to reply to"};
    out.reply_to_seq = command.reply_to_seq();
  }
  for (std::int64_t id : command.mention_ids()) {
    if (!chat.find(UserId(id))) return {pb::ERROR_INVALID_ARGUMENT, "a mentioned person is not in this chat"};
    out.mention_ids.push_back(id);
  }
  if (command.has_poll()) {
    if (auto s = validate_poll_draft(command.poll(), command.text(), now_ms); !s) return s;
    out.poll = command.poll().SerializeAsString();
  }
  return Status::ok();
}

// Membership and rules, then the append (or the stored message for a retried
// client_id) and, for a new message, the member list to announce it to.
Result<SendOutcome> store_message(MessageRepository& storage, const ChatAccess* chat, UserId sender,
                                  const pb::SendMessage& command, std::int64_t now_ms) {
  // Someone else's chat looks exactly like a chat that does not exist.
  if (!chat || !chat->find(sender)) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  NewMessage message;
  message.chat = chat->id;
  message.sender = sender;
  message.client_id = command.client_id();
  message.text = command.text();
  message.now_ms = now_ms;
  SendOutcome out;
  if (auto checked = check_send(storage, *chat, sender, command, now_ms, message); !checked) {
    // A retry of a message stored before the rules changed gets the stored one.
    auto existing = storage.message_by_client_id(sender, command.client_id());
    if (!existing) return existing.status();
    if (!existing.value()) return checked;
    out.stored = std::move(*existing.value());
    to_wire(out.stored, sender, now_ms, out.reply.mutable_message());
    return out;
  }
  auto appended = storage.append_message(message);
  if (!appended) return appended.status();
  out.stored = std::move(appended->message);
  out.created = appended->created;
  to_wire(out.stored, sender, now_ms, out.reply.mutable_message());
  if (out.created) out.members = chat->member_ids();
  return out;
}

}  // namespace

void ChatService::send_message_durable(UserId sender, const pb::SendMessage& command, std::int64_t now_ms,
                                       SendDone done) {
  // The command is copied for the storage thread; the result comes back with it.
  auto copy = std::make_shared<pb::SendMessage>(command);
  writer_.run<SendOutcome>(
      ChatId(command.chat_id()),
      [copy, sender, now_ms](MessageRepository& storage, const ChatAccess* chat) {
        return store_message(storage, chat, sender, *copy, now_ms);
      },
      std::move(done));
}

void ChatService::announce_message(const MessageRecord& message, const std::vector<UserId>& members,
                                   const Peer* origin) {
  fanout_.message(message, message.seq, true, members, origin);
}

Status ChatService::mark_read(Peer& peer, const pb::MarkRead& command) {
  const ChatId chat(command.chat_id());
  if (auto s = require_member(chat, peer.user); !s) return s;
  auto position = chats_.mark_read(chat, peer.user, command.seq());
  if (!position) return position.status();
  if (!position->changed) return Status::ok();
  // One frame for everyone: the caller's other sessions and the other members
  // ("read by N of M") read the same bytes.
  auto members = chats_.chat_member_ids(chat);
  if (!members) return Status::ok();  // stored; the push is best effort
  pb::ServerFrame frame;
  auto* changed = frame.mutable_read_position_changed();
  changed->set_chat_id(chat.get());
  changed->set_read_seq(position->read_seq);
  changed->set_user_id(peer.user.get());
  fanout_.to_members(members.value(), encode_shared(frame), &peer);
  return Status::ok();
}

Status ChatService::set_typing(Peer& peer, const pb::SetTyping& command, std::int64_t now_ms) {
  const ChatId chat(command.chat_id());
  auto members = chats_.chat_member_ids(chat);
  if (!members) return members.status();
  if (std::find(members->begin(), members->end(), peer.user) == members->end()) {
    return {pb::ERROR_NOT_FOUND, "no such chat"};
  }
  // At most one per second per session and chat; the rest are dropped quietly.
  auto& last = peer.typing_sent_ms[chat.get()];
  if (last != 0 && now_ms - last < kTypingMinIntervalMs) return Status::ok();
  last = now_ms;
  if (peer.typing_sent_ms.size() > 256) peer.typing_sent_ms.clear();
  auto user = users_.find_user(peer.user);
  if (!user) return user.status();
  pb::ServerFrame frame;
  auto* typing = frame.mutable_typing();
  typing->set_chat_id(chat.get());
  typing->set_user_id(peer.user.get());
  if (user.value()) typing->set_display_name(user.value()->display_name);
  fanout_.to_members(members.value(), encode_shared(frame), &peer, peer.user);
  return Status::ok();
}

}  // namespace parta::server
