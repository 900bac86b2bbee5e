// The chat views' own state (kept between frames, UI only) and their draw
// functions: the list of chats, and the open chat as header, history,
// composer, poll form and the "select text" window. Their intents are in
// chat_intents.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "client/app/chat/history_layout.h"
#include "client/app/chat/text_spans.h"
#include "client/app/shell/views.h"

namespace parta::ui {

// A pending outbox message of the open chat, measured this frame.
struct PendingRow {
  const OutboxItem* item;
  Bubble bubble;
};

// The history's scroll position, the "new messages" divider, jumps, the
// message menu and long presses (view_history.cpp, view_message_menu.cpp).
struct HistoryView {
  HistoryLayout layout;
  bool stick_to_bottom = true;     // follow new messages while at the bottom
  bool scroll_to_bottom = true;    // jump on the next frame (chat opened, message sent)
  std::uint64_t anchor_seq = 0;    // the message at the top of the view last frame...
  float anchor_offset = 0;         // ...and its y offset then (keeps the view still when older pages arrive)
  std::uint64_t older_requested_from = 0;  // loaded_from when we last asked for older history
  std::uint64_t marked_read_seq = 0;
  float last_scroll = 0, last_total = 0, last_visible_h = 0;  // last frame's history geometry
  std::vector<PendingRow> pending;  // rebuilt each frame (capacity kept)
  std::uint64_t divider_after = 0;    // "new messages" above the first message after this seq (0: none)
  bool scroll_to_divider = false;     // place the divider near the top once the history is there
  std::uint64_t flash_seq = 0;        // the message a jump landed on...
  double flash_started = -1;          // ...highlighted since this ImGui time
  std::uint64_t menu_seq = 0;         // the message whose action menu is open
  bool open_menu = false;             // open it on this frame
  std::uint64_t press_seq = 0;        // long press: the message held...
  double press_started = -1;          // ...since this ImGui time
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> poll_picks;  // choices before "Vote", by seq
};

// "Select text" (view_message_menu.cpp): the message's text in a read-only field.
struct SelectTextView {
  std::string text;                   // the text itself
  std::string shown;                  // ...with a line break at each soft wrap (ImGui 1.90 fields don't wrap)
  std::vector<std::uint32_t> breaks;  // where those breaks are in `shown`
  float wrap = 0;                     // the width `shown` was wrapped for
  int from = 0, to = 0;               // the selection in `shown`
  bool open = false;                  // the window opens on this frame
};

// A member picked from the @-autocomplete (kept until the message is sent).
struct PickedMention {
  std::int64_t user_id = 0;
  std::string name;
};

// The composer under the history (view_composer.cpp): drafts, reply and edit,
// @-mentions.
struct ComposerView {
  std::unordered_map<std::int64_t, std::string> drafts;  // per chat id
  bool focus_composer = false;
  std::string send_error;             // a validation error above the composer
  std::uint64_t reply_seq = 0;        // answering this message
  std::uint64_t edit_seq = 0;         // editing this message (the composer holds its text)
  std::string saved_draft;            // the draft put aside while editing
  std::vector<PickedMention> picked;  // members named via autocomplete
  bool mention_open = false;          // the @-suggestions are shown
  std::size_t mention_start = 0, mention_end = 0;  // "@query" byte range in the draft
  std::string mention_query;
  std::int64_t mention_insert = 0;    // a suggestion was chosen: insert it when the input is active
  std::string mention_insert_name;
  int mention_sel = 0;
  std::string synced_draft;           // what set_draft last saw for the shown chat
  std::uint64_t synced_reply = 0;
};

// The poll form (opened from the composer; view_poll.cpp).
struct PollForm {
  bool open = false;        // shown now
  bool open_requested = false;
  std::string question;
  std::vector<std::string> options;
  bool multiple = false;
  bool anonymous = true;
  bool allow_change = true;
  int deadline = 0;         // index into the presets: none, 1 hour, 1 day, 1 week
  bool quiz = false;
  int correct = 0;
  std::string error;        // validate_poll_draft's verdict, translated
  bool focus_question = false;
};

// The header (view_chat.cpp): search in this chat, the info panel, the pinned bar.
struct ChatHeaderView {
  bool search_open = false;
  std::string search_query;
  bool focus_search = false;
  bool info_open = false;
  std::int64_t confirm_remove = 0;    // the member whose "remove" asks for a second click
  std::size_t pin_index = 0;          // the pin the bar shows (cycles on click)
};

// The open chat (view_chat.cpp and the files its parts are drawn in).
struct ChatView {
  bool muted = false;              // the open chat is muted (set by the app each frame)
  bool narrow = false;             // one pane: the header gets a back button (set by the app)
  std::int64_t now_ms = 0;         // wall clock of this frame (set by the app): edit windows, deadlines
  const pb::Draft* stored_draft = nullptr;  // the engine's draft of the open chat (set by the app)
  ChatId shown_chat;               // the chat drawn last frame
  bool autofocus = true;           // opening a chat focuses its composer (not in the gallery)
  std::string typing_line;         // what the typing line shows (also for the test hook)
  ChatHeaderView header;
  HistoryView history;
  ComposerView composer;
  PollForm poll;
  SelectTextView select;
  std::vector<MentionName> mention_names;  // this frame's members (scratch)
  std::vector<TextSpan> spans;             // scratch
  std::vector<TextLine> lines;             // scratch
};

// The chat list's own state: the search over all chats.
struct ChatListView {
  std::string search_query;
  bool searching = false;  // results replace the list
  ChatId menu_chat;        // the chat whose context menu is open
};

// The chat domain's part of the app's view state (shell/view_state.h).
struct ChatViews {
  ChatView open;      // the open chat
  ChatListView list;
};

void draw_chat_list(const ViewContext& ctx, const ImRect& area, ChatListView& view, UiProbe& probe, Intents& out);
void draw_chat(const ViewContext& ctx, const ImRect& area, ChatView& view, UiProbe& probe, Intents& out);
// A chat member's display name ("" when unknown).
std::string_view member_name(const ChatEntry& chat, std::int64_t user_id);
// The history between the header and the composer (view_history.cpp).
void draw_history(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out);
// The composer under the history (view_composer.cpp).
float composer_height(const ViewContext& ctx, const ChatEntry& chat, const ChatView& view);
void draw_composer(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out);
// A message's action menu and the "select text" window (view_message_menu.cpp).
void draw_message_menu(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, UiProbe& probe, Intents& out);
void draw_select_text(const ViewContext& ctx, ChatView& view, UiProbe& probe);
// Polls (view_poll.cpp): the card inside a message bubble, and the create form.
void draw_poll_card(const ViewContext& ctx, const ChatEntry& chat, const ChatMessage& msg, const ImRect& body, ChatView& view,
                    UiProbe& probe, Intents& out);
void draw_poll_form(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, UiProbe& probe, Intents& out);
// Search results (view_search.cpp): in one chat (over the history) or in all chats (the list).
// Returns true when a result was chosen (the caller closes the results).
bool draw_search_results(const ViewContext& ctx, const ImRect& area, bool all_chats, UiProbe& probe, Intents& out);
// The chat info panel: members, roles, moderation, settings (view_chat_info.cpp).
void draw_chat_info(const ViewContext& ctx, const ChatEntry& chat, const ImRect& area, ChatView& view, UiProbe& probe, Intents& out);

}  // namespace parta::ui
