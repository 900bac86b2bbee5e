// The client's chat state and its reducer: server frames in, state out.
// Pure: no I/O, no clocks. Views read `const ClientState&` and never mutate it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/chat/chat_policy.h"
#include "shared/core/ids.h"
#include "shared/core/result.h"

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
  std::optional<pb::ReplyPreview> reply_to;
  std::int64_t edited_at_ms = 0;  // > 0: "edited"
  bool deleted = false;           // "message deleted"
  bool pinned = false;
  std::vector<std::int64_t> mention_ids;
  std::optional<pb::Poll> poll;   // a poll: text is the question
  std::uint64_t changed_seq = 0;  // the latest event that changed it
};

// Someone typing in a chat, shown until `until_ms` (kTypingShowMs after their last SetTyping).
struct TypingMember {
  UserId user;
  std::string name;
  std::int64_t until_ms = 0;
};

struct ChatEntry {
  ChatId id;
  OrgId org;                          // invalid from an older server
  pb::ChatKind kind = pb::CHAT_KIND_UNSPECIFIED;
  std::string title;
  std::vector<pb::User> members;
  pb::ChatSettings settings;
  std::vector<pb::ChatMember> chat_members;  // roles, mutes, read positions
  std::vector<std::uint64_t> pinned_seqs;    // newest pin first
  std::vector<TypingMember> typing;          // others typing now
  std::uint64_t last_seq = 0;         // newest seq the server announced
  std::uint64_t read_seq = 0;         // our read position
  std::uint32_t unread_count = 0;
  std::optional<ChatMessage> last_message;
  // Loaded history: a contiguous window of seqs, ascending, no duplicates.
  std::vector<ChatMessage> messages;
  bool history_loaded = false;        // the newest page has arrived
  bool has_older = false;             // more history before messages.front()
  bool gap = false;                   // events were missed: catch up after loaded_until()
  // Events applied contiguously up to here (>= the newest loaded message's seq:
  // edits, pins and votes take seqs too). Catch-up asks for what follows.
  std::uint64_t cursor = 0;

  std::uint64_t loaded_until() const { return cursor; }
  std::uint64_t loaded_from() const { return messages.empty() ? 0 : messages.front().seq; }
  const ChatMessage* find_message(std::uint64_t seq) const;
  const pb::ChatMember* find_member(UserId user) const;
};

// Full-text search results (SyncEngine::search).
struct SearchState {
  std::string query;
  ChatId chat;                      // invalid: all chats
  std::vector<pb::SearchHit> hits;  // newest first
  std::int64_t next_before_id = 0;  // 0: no more
  bool pending = false;
  Status error;
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
  SearchState search;
  // A reply was clicked: the view scrolls to this message once it is loaded.
  ChatId jump_chat;
  std::uint64_t jump_seq = 0;
  bool from_cache = false;            // chats shown from the browser cache, not yet synced
  // The engine's clock: the last time SyncEngine::tick() or a time-taking intent
  // was given. reduce() has no clock; a Typing frame shows its member until
  // now_ms + kTypingShowMs. 0 until the platform first ticks.
  std::int64_t now_ms = 0;

  const ChatEntry* find_chat(ChatId id) const;
  ChatEntry* find_chat(ChatId id);
  std::uint32_t total_unread() const;
};

// Applies a reply or a pushed update. Chats that missed events get `gap` set
// (the caller asks for what they missed). Pushed ChatEvents are broadcasts: the
// viewer's own poll fields (my_choices, a revealed quiz answer, voter names) in
// them may be missing, so known ones are kept; replies (MessageSent, History)
// are encoded for the viewer and replace them. A History frame is classified
// by its content (see reduce_history for the exact kinds).
void reduce(ClientState& state, const pb::ServerFrame& frame);

// Which request a History answers (the engine knows; an empty page is ambiguous).
enum class HistoryPage {
  Newest,   // GetHistory without cursors: defines the window
  Older,    // GetHistory.before_seq: prepends
  CatchUp,  // GetHistory.after_seq: events after the cursor, or a snapshot
};
void reduce_history(ClientState& state, const pb::History& history, HistoryPage page);

// Local transitions (no frame from the server involved).
void reduce_open_chat(ClientState& state, ChatId chat);
void reduce_logged_out(ClientState& state);

// Typing indicators expire; returns true if any was dropped.
bool reduce_expire_typing(ClientState& state, std::int64_t now_ms);

// Merges messages into a chat's loaded window, keeping it sorted and unique
// (an incoming message with a newer changed_seq replaces the loaded one).
void merge_messages(ChatEntry& chat, const std::vector<ChatMessage>& incoming);
ChatMessage to_chat_message(const pb::Message& message);
pb::Message to_wire_message(const ChatMessage& message, ChatId chat);
// A chat as the list shows it (no loaded window) and back (for the cache).
ChatEntry to_chat_entry(const pb::Chat& chat);
pb::Chat to_wire_chat(const ChatEntry& chat);
// Newest activity first; chats without messages last, by id for stability.
void sort_chats(std::vector<ChatEntry>& chats);

// "Read by N of M": members other than the sender whose read position reached
// `seq` (N) out of all members other than the sender (M).
struct ReadBy {
  std::uint32_t read = 0;
  std::uint32_t of = 0;
};
ReadBy read_by(const ChatEntry& chat, std::uint64_t seq, UserId sender);

// The caller as the chat policy sees them in this chat (see chat_policy.h).
ChatActor chat_actor(const ClientState& state, const ChatEntry& chat);
// The chat as a policy target (kind, settings, clock); and one of its messages
// (author, time, poll) on top of that.
ChatTarget chat_target(const ChatEntry& chat, std::int64_t now_ms);
ChatTarget message_target(const ChatEntry& chat, const ChatMessage& message, std::int64_t now_ms);
// Whether the message mentions the viewer.
bool mentions_me(const ClientState& state, const ChatMessage& message);

}  // namespace parta
