// MessageService: edit, delete and pin (see message_service.h).
#include "server/chat/message_service.h"

namespace parta::server {

Result<MessageService::Subject> MessageService::load(MessageRepository& storage, const ChatAccess* chat, UserId user,
                                                     std::uint64_t seq, std::int64_t now_ms) {
  // Someone else's chat looks exactly like a chat that does not exist.
  if (!chat || !chat->find(user)) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  auto found = storage.find_message(chat->id, seq);
  if (!found) return found.status();
  if (!found.value()) return Status(pb::ERROR_NOT_FOUND, "no such message");
  Subject subject;
  subject.actor = actor_in(*chat, user);
  subject.target = target_of(*chat, now_ms);
  subject.message = std::move(*found.value());
  subject.target.author = subject.message.sender;
  subject.target.sent_at_ms = subject.message.sent_at_ms;
  subject.target.is_poll = subject.message.is_poll();
  return subject;
}

Result<ChangeOutcome> MessageService::outcome(const ChatAccess& chat, Result<MessageRecord> changed) {
  if (!changed) return changed.status();
  ChangeOutcome out;
  out.message = std::move(changed).value();
  out.event_seq = out.message.changed_seq;
  out.members = chat.member_ids();
  return out;
}

ChangeOutcome MessageService::unchanged(MessageRecord message) {
  ChangeOutcome out;
  out.message = std::move(message);
  return out;
}

void MessageService::edit(UserId user, const pb::EditMessage& command, std::int64_t now_ms, Done done) {
  auto copy = std::make_shared<pb::EditMessage>(command);
  writer_.run<ChangeOutcome>(
      ChatId(command.chat_id()),
      [copy, user, now_ms](MessageRepository& storage, const ChatAccess* chat) -> Result<ChangeOutcome> {
        auto subject = load(storage, chat, user, copy->seq(), now_ms);
        if (!subject) return subject.status();
        if (auto s = check_chat(subject->actor, ChatAction::EditMessage, subject->target); !s) return s;
        if (subject->message.deleted) return Status(pb::ERROR_INVALID_ARGUMENT, "the message was deleted");
        std::vector<std::int64_t> mentions;
        for (std::int64_t id : copy->mention_ids()) {
          if (!chat->find(UserId(id)))
            return Status(pb::ERROR_INVALID_ARGUMENT, "a mentioned person is not in this chat");
          mentions.push_back(id);
        }
        return outcome(*chat, storage.edit_message(chat->id, copy->seq(), copy->text(), mentions, now_ms));
      },
      std::move(done));
}

void MessageService::remove(UserId user, const pb::DeleteMessage& command, std::int64_t now_ms, Done done) {
  const std::uint64_t seq = command.seq();
  writer_.run<ChangeOutcome>(
      ChatId(command.chat_id()),
      [seq, user, now_ms](MessageRepository& storage, const ChatAccess* chat) -> Result<ChangeOutcome> {
        auto subject = load(storage, chat, user, seq, now_ms);
        if (!subject) return subject.status();
        if (auto s = check_chat(subject->actor, ChatAction::DeleteMessage, subject->target); !s) return s;
        if (subject->message.deleted) return unchanged(std::move(subject->message));  // a retry
        return outcome(*chat, storage.delete_message(chat->id, seq));
      },
      std::move(done));
}

void MessageService::pin(UserId user, const pb::PinMessage& command, std::int64_t now_ms, Done done) {
  const std::uint64_t seq = command.seq();
  const bool pinned = command.pinned();
  writer_.run<ChangeOutcome>(
      ChatId(command.chat_id()),
      [seq, pinned, user, now_ms](MessageRepository& storage, const ChatAccess* chat) -> Result<ChangeOutcome> {
        auto subject = load(storage, chat, user, seq, now_ms);
        if (!subject) return subject.status();
        if (auto s = check_chat(subject->actor, ChatAction::Pin, subject->target); !s) return s;
        if (subject->message.deleted) return Status(pb::ERROR_INVALID_ARGUMENT, "the message was deleted");
        if ((subject->message.pinned_seq > 0) == pinned) return unchanged(std::move(subject->message));
        return outcome(*chat, storage.set_pinned(chat->id, seq, pinned));
      },
      std::move(done));
}

}  // namespace parta::server
