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
#include "imgui_internal.h"  // ImRect
#include "shared/chat_state.h"
#include "shared/outbox.h"

namespace parta::ui {

enum class Screen { Loading, Login, Main };

// Named widgets whose screen rectangles the end-to-end tests click on.
enum class Probe { Login, Password, Submit, Composer, Send, LangRu, LangEn, Logout, Count };

// Rectangles (framebuffer pixels) of this frame's widgets, for the test hook.
struct UiProbe {
  std::optional<ImRect> widgets[static_cast<int>(Probe::Count)];
  std::vector<std::pair<ChatId, ImRect>> chats;  // visible chat rows
  std::optional<Probe> focused;                  // the probed widget that has keyboard focus

  void clear() {
    for (auto& w : widgets) w.reset();
    chats.clear();  // keeps capacity: no allocation on idle frames
    focused.reset();
  }
  // Call right after the widget: records its rectangle and whether it is active.
  void set(Probe p, const ImRect& r) {
    widgets[static_cast<int>(p)] = r;
    if (ImGui::IsItemActive()) focused = p;
  }
};

// A large opaque rectangle under all ImGui drawing (panels). The platform paints
// these with scissored clears instead of blended triangles: fill rate is what a
// software-rendered WebGL (no GPU, SwiftShader) runs out of first.
struct Backdrop {
  ImRect rect;
  ImU32 color;
};

// Everything a view may read (const: views draw state), plus where panels go.
struct ViewContext {
  const ClientState& state;
  const Outbox& outbox;
  const I18n& tr;
  const Fonts& fonts;
  std::vector<Backdrop>& backdrops;  // output: this frame's panels, bottom layer

  void panel(const ImRect& r, ImU32 color) const { backdrops.push_back({r, color}); }
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
  bool pending = false;         // our attempt is queued or awaiting its reply (set by the app)
  bool missing_fields = false;
  bool focus_requested = true;  // focus the login field on the next frame
  bool focus_password = false;
  float card_height = 0;        // last frame's, to center the card
};

// A pending outbox message of the open chat, measured this frame.
struct PendingRow {
  const OutboxItem* item;
  Bubble bubble;
};

struct ChatView {
  std::unordered_map<std::int64_t, std::string> drafts;  // per chat id
  HistoryLayout layout;
  ChatId shown_chat;               // the chat drawn last frame
  bool stick_to_bottom = true;     // follow new messages while at the bottom
  bool scroll_to_bottom = true;    // jump on the next frame (chat opened, message sent)
  std::uint64_t anchor_seq = 0;    // the message at the top of the view last frame...
  float anchor_offset = 0;         // ...and its y offset then (keeps the view still when older pages arrive)
  std::uint64_t older_requested_from = 0;  // loaded_from when we last asked for older history
  std::uint64_t marked_read_seq = 0;
  float last_scroll = 0, last_total = 0, last_visible_h = 0;  // last frame's history geometry
  std::vector<PendingRow> pending;  // rebuilt each frame (capacity kept)
  bool focus_composer = false;
  std::string send_error;          // a validation error above the composer
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
void draw_top_bar(const ViewContext& ctx, const ImRect& area, UiProbe& probe, Intents& out);
void draw_chat_list(const ViewContext& ctx, const ImRect& area, UiProbe& probe, Intents& out);
void draw_chat(const ViewContext& ctx, const ImRect& area, ChatView& view, ViewState& vs, Intents& out);
// The composer under the history (view_composer.cpp).
float composer_height(const ViewContext& ctx, const ChatView& view, ChatId chat);
void draw_composer(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out);

}  // namespace parta::ui
