// The client's chat state and its reducer: server frames in, state out.
// Pure: no I/O, no clocks. Views read `const ClientState&` and never mutate it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/ids.h"
#include "shared/result.h"

namespace parta {

enum class Connection {
  Offline,      // no socket; a reconnect is scheduled
  Connecting,   // socket opening
  Connected,    // socket open, not yet authenticated (login screen or resuming)
  Online,       // authenticated and synced
};

struct ChatMessage {
  std::uint64_t seq = 0;
  UserId sender;
  std::string sender_name;
  std::string text;
  std::int64_t sent_at_ms = 0;
  std::string client_id;  // set on the sender's own messages
};

struct ChatEntry {
  ChatId id;
  pb::ChatKind kind = pb::CHAT_KIND_UNSPECIFIED;
  std::string title;
  std::vector<pb::User> members;
  std::uint64_t last_seq = 0;         // newest seq the server announced
  std::uint64_t read_seq = 0;         // our read position
  std::uint32_t unread_count = 0;
  std::optional<ChatMessage> last_message;
  // Loaded history: a contiguous window of seqs, ascending, no duplicates.
  std::vector<ChatMessage> messages;
  bool history_loaded = false;        // the newest page has arrived
  bool has_older = false;             // more history before messages.front()
  bool gap = false;                   // events were missed: catch up after loaded_until()

  std::uint64_t loaded_until() const { return messages.empty() ? 0 : messages.back().seq; }
  std::uint64_t loaded_from() const { return messages.empty() ? 0 : messages.front().seq; }
};

struct ClientState {
  Connection connection = Connection::Offline;
  std::optional<pb::User> me;         // set once logged in
  std::vector<pb::Membership> memberships;  // from LoginOk: every org the person is in
  bool platform_operator = false;     // from LoginOk: may review org applications
  bool chats_loaded = false;
  std::vector<ChatEntry> chats;       // newest activity first
  ChatId open_chat;                   // invalid when none is open
  Status login_error;                 // last failed login attempt
  Status last_error;                  // last failed command (for a toast)

  const ChatEntry* find_chat(ChatId id) const;
  ChatEntry* find_chat(ChatId id);
  std::uint32_t total_unread() const;
};

// Applies a reply or a pushed update. Returns the chats that now have a gap
// (the caller asks for what they missed).
void reduce(ClientState& state, const pb::ServerFrame& frame);

// Local transitions (no frame from the server involved).
void reduce_open_chat(ClientState& state, ChatId chat);
void reduce_logged_out(ClientState& state);

// Merges messages into a chat's loaded window, keeping it sorted and unique.
void merge_messages(ChatEntry& chat, const std::vector<ChatMessage>& incoming);
ChatMessage to_chat_message(const pb::Message& message);

}  // namespace parta
