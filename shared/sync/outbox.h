// The client outbox: messages typed but not yet acknowledged. Each has a
// client-generated id, so resending after a reconnect never duplicates it. A
// message leaves the outbox only when the server acknowledges it (MessageSent)
// or refuses it for good.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta {

// One SendMessage waiting for its MessageSent: the text and everything that
// goes with it (a reply, mentions, a poll), so a resend is the same command.
struct OutboxItem {
  std::string client_id;
  ChatId chat;
  std::string text;
  std::uint64_t reply_to_seq = 0;
  std::vector<std::int64_t> mention_ids;
  std::optional<pb::PollDraft> poll;
  std::int64_t created_at_ms = 0;
  std::uint64_t request_id = 0;  // in flight under this request; 0 = waiting to be sent
  Status failed;                 // refused for good (not resent; shown to the user)
};

class Outbox {
 public:
  void add(ChatId chat, std::string text, std::string client_id, std::int64_t now_ms);
  // The whole command (chat_id, client_id, text, reply, mentions, poll).
  void add(const pb::SendMessage& command, std::int64_t now_ms);

  // Frames for every item not yet in flight; assigns request ids from `next_request_id`.
  std::vector<pb::ClientFrame> take_unsent(std::uint64_t& next_request_id);

  // Handles the reply to one of our requests. Returns true if it was ours.
  bool on_reply(const pb::ServerFrame& frame);

  // The connection dropped: everything in flight is unsent again.
  void on_disconnected();

  // Drops a failed item (the user dismissed it).
  void discard(const std::string& client_id);

  const std::vector<OutboxItem>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  // Items waiting to be sent (not in flight, not refused for good).
  bool has_unsent() const;

  // Persistence: the client keeps the outbox across page reloads.
  std::string serialize() const;
  Status restore(std::string_view bytes);

 private:
  std::vector<OutboxItem> items_;
};

// The command an item sends (and persists).
pb::SendMessage to_send_message(const OutboxItem& item);

}  // namespace parta
