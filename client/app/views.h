// What the views share: the read-only context they draw from, the UI-only state
// each keeps between frames, and the intents they hand back to the app.
// Views never touch the engine or the network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "client/app/history_layout.h"
#include "client/app/i18n.h"
#include "client/app/theme.h"
#include "imgui.h"
#include "shared/chat_state.h"
#include "shared/outbox.h"

namespace parta::ui {

enum class Screen { Loading, Login, Main };

// Named widgets whose screen rectangles the end-to-end tests click on.
enum class Probe { Login, Password, Submit, Composer, Send, Count };

// Rectangles (framebuffer pixels) of this frame's widgets, for the test hook.
struct UiProbe {
  std::optional<ImRect> widgets[static_cast<int>(Probe::Count)];
  std::vector<std::pair<ChatId, ImRect>> chats;  // visible chat rows

  void clear() {
    for (auto& w : widgets) w.reset();
    chats.clear();  // keeps capacity: no allocation on idle frames
  }
  void set(Probe p, const ImRect& r) { widgets[static_cast<int>(p)] = r; }
};

// Everything a view may read. All references are const: views draw state.
struct ViewContext {
  const ClientState& state;
  const Outbox& outbox;
  const I18n& tr;
  const Fonts& fonts;
  bool resuming;  // a session token is known and is being resumed
};

struct Intents {
  std::optional<std::pair<std::string, std::string>> login;  // login, password
  bool logout = false;
  std::optional<Language> language;
  ChatId open_chat;
  ChatId load_older;
  struct Send {
    ChatId chat;
    std::string text;
  };
  std::optional<Send> send;
  std::optional<std::pair<ChatId, std::uint64_t>> mark_read;
  std::optional<std::string> discard;  // client id of a failed outbox item
};

struct LoginForm {
  std::string login;
  std::string password;
  bool submitted = false;   // waiting for the reply to our attempt
  bool missing_fields = false;
  bool focus_requested = true;
};

struct ChatView {
  std::unordered_map<std::int64_t, std::string> drafts;  // per chat id
  HistoryLayout layout;
  ChatId shown_chat;               // the chat drawn last frame
  bool stick_to_bottom = true;     // follow new messages while at the bottom
  bool scroll_to_bottom = true;    // jump on the next frame (chat opened, message sent)
  std::uint64_t anchor_seq = 0;    // first loaded seq last frame (keeps the view when older pages arrive)
  float anchor_offset = 0;         // its y offset last frame
  std::uint64_t older_requested_from = 0;  // loaded_from when we last asked for older history
  std::uint64_t marked_read_seq = 0;
  bool focus_composer = false;
  std::string send_error;          // a validation error under the composer
};

struct ViewState {
  LoginForm login;
  ChatView chat;
  UiProbe probe;
  bool wants_frame = false;  // a view needs another frame to settle
};

// The views, one file each.
void draw_loading(const ViewContext& ctx);
void draw_login(const ViewContext& ctx, LoginForm& form, UiProbe& probe, Intents& out);
void draw_top_bar(const ViewContext& ctx, const ImRect& area, Intents& out);
void draw_chat_list(const ViewContext& ctx, const ImRect& area, UiProbe& probe, Intents& out);
void draw_chat(const ViewContext& ctx, const ImRect& area, ChatView& view, ViewState& vs, Intents& out);

}  // namespace parta::ui
