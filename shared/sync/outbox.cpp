// The client outbox; see outbox.h.
#include "shared/sync/outbox.h"

#include <algorithm>

#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta {

void Outbox::add(ChatId chat, std::string text, std::string client_id, std::int64_t now_ms) {
  pb::SendMessage command;
  command.set_chat_id(chat.get());
  command.set_text(std::move(text));
  command.set_client_id(std::move(client_id));
  add(command, now_ms);
}

void Outbox::add(const pb::SendMessage& command, std::int64_t now_ms) {
  for (const auto& item : items_) {
    if (item.client_id == command.client_id()) return;  // already queued
  }
  OutboxItem item;
  item.client_id = command.client_id();
  item.chat = ChatId{command.chat_id()};
  item.text = command.text();
  item.reply_to_seq = command.reply_to_seq();
  item.mention_ids.assign(command.mention_ids().begin(), command.mention_ids().end());
  if (command.has_poll()) item.poll = command.poll();
  item.created_at_ms = now_ms;
  items_.push_back(std::move(item));
}

pb::SendMessage to_send_message(const OutboxItem& item) {
  pb::SendMessage command;
  command.set_chat_id(item.chat.get());
  command.set_client_id(item.client_id);
  command.set_text(item.text);
  command.set_reply_to_seq(item.reply_to_seq);
  for (std::int64_t id : item.mention_ids) command.add_mention_ids(id);
  if (item.poll) *command.mutable_poll() = *item.poll;
  return command;
}

std::vector<pb::ClientFrame> Outbox::take_unsent(std::uint64_t& next_request_id) {
  std::vector<pb::ClientFrame> frames;
  for (auto& item : items_) {
    if (item.request_id != 0 || !item.failed.is_ok()) continue;
    item.request_id = next_request_id++;
    pb::ClientFrame frame;
    frame.set_request_id(item.request_id);
    *frame.mutable_send_message() = to_send_message(item);
    frames.push_back(std::move(frame));
  }
  return frames;
}

bool Outbox::on_reply(const pb::ServerFrame& frame) {
  if (frame.request_id() == 0) return false;
  auto it = std::find_if(items_.begin(), items_.end(),
                         [&](const OutboxItem& item) { return item.request_id == frame.request_id(); });
  if (it == items_.end()) return false;
  if (frame.has_message_sent()) {
    items_.erase(it);  // durable on the server
  } else if (frame.has_error() && !is_retryable(frame.error().code())) {
    it->failed = Status(frame.error().code(), frame.error().message());
    it->request_id = 0;
  } else {
    it->request_id = 0;  // retry with the next flush
  }
  return true;
}

bool Outbox::has_unsent() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const OutboxItem& item) { return item.request_id == 0 && item.failed.is_ok(); });
}

void Outbox::on_disconnected() {
  for (auto& item : items_) item.request_id = 0;
}

void Outbox::discard(const std::string& client_id) {
  std::erase_if(items_, [&](const OutboxItem& item) { return item.client_id == client_id; });
}

std::string Outbox::serialize() const {
  pb::OutboxSnapshot snapshot;
  for (const auto& item : items_) {
    if (!item.failed.is_ok()) continue;  // refused for good: nothing to resend
    auto* entry = snapshot.add_entries();
    entry->set_created_at_ms(item.created_at_ms);
    *entry->mutable_command() = to_send_message(item);
  }
  return snapshot.SerializeAsString();
}

Status Outbox::restore(std::string_view bytes) {
  pb::OutboxSnapshot snapshot;
  if (!snapshot.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return {pb::ERROR_MALFORMED_FRAME, "stored outbox does not parse"};
  }
  for (const auto& entry : snapshot.entries()) {
    const auto& cmd = entry.command();
    if (!validate_client_id(cmd.client_id()) || cmd.chat_id() <= 0) continue;
    add(cmd, entry.created_at_ms());  // older snapshots simply lack the reply, mentions and poll
  }
  return Status::ok();
}

}  // namespace parta
