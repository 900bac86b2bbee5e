// What the chat views ask for: engine calls on chats and messages, applied by
// App::apply_chat (chat_intents.cpp). No ImGui here: tested natively.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "client/app/shell/intent.h"
#include "shared/core/ids.h"
#include "shared/sync/sync_engine.h"  // OutgoingMessage

namespace parta::ui {

// One SyncEngine call on a chat (the views' intents for rich chats).
struct ChatOp {
  enum class Kind : std::uint8_t {
    Edit,         // seq, text, ids (mentions)
    Delete,       // seq
    Pin,          // seq, flag (pinned)
    Vote,         // seq, choices (empty: withdraw)
    ClosePoll,    // seq
    Settings,     // settings
    MemberRole,   // user, role
    Mute,         // user, flag (muted)
    Remove,       // user
    Typing,
    Search,       // text (chat invalid: all chats)
    SearchMore,
    ClearSearch,
    Jump,         // seq
    ClearJump,
    Draft,        // text, seq (reply)
  };
  Kind kind = Kind::Typing;
  ChatId chat;
  std::uint64_t seq = 0;
  std::string text;
  std::vector<std::int64_t> ids;
  std::vector<std::uint32_t> choices;
  bool flag = false;
  std::int64_t user = 0;
  pb::ChatRole role = pb::CHAT_ROLE_UNSPECIFIED;
  pb::ChatSettings settings;
};

struct ChatIntents {
  struct Send {
    ChatId chat;
    OutgoingMessage message;
  };
  ChatId open_chat;
  bool close_chat = false;                     // back from a chat to the list (narrow screens)
  ChatId load_older;
  Intent<Send> send;
  IntentList<ChatOp> ops;                      // changes to messages and chats, in order
  Intent<std::pair<ChatId, std::uint64_t>> mark_read;
  Intent<std::string> discard;                 // client id of a failed outbox item
  Intent<std::pair<ChatId, bool>> mute_chat;   // a chat's notifications (kept by app_settings.cpp)

  bool operator==(const ChatIntents&) const = default;
  bool any() const { return any_recorded(*this); }
};

}  // namespace parta::ui
