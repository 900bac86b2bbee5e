// What the views of every domain share: the read-only context they draw from,
// the test probe they record widgets in, and the panels under them. Each
// domain's view state and draw functions are in its own header
// (chat/chat_views.h, org/org_views.h, auth/auth_views.h, gallery/gallery_views.h);
// the intents the views hand back are in shell/intents.h, and the app's
// composition of all the views' state in shell/view_state.h.
// Views never touch the engine or the network.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "client/app/ui/a11y.h"
#include "client/app/shell/i18n.h"
#include "client/app/shell/intents.h"
#include "client/app/ui/theme.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImRect
#include "shared/chat/chat_state.h"
#include "shared/sync/outbox.h"

namespace parta::ui {

enum class Screen { Loading, Login, Main };

// Named widgets whose screen rectangles the end-to-end tests click on.
enum class Probe { Login, Password, Submit, Composer, Send, LangRu, LangEn, Logout, Count };

// A widget named by the views for the tests, e.g. "join_submit", "app_approve_12".
struct NamedRect {
  char name[48];
  ImRect rect;
};

// Rectangles (framebuffer pixels) of this frame's widgets, for the test hook.
struct UiProbe {
  std::optional<ImRect> widgets[static_cast<int>(Probe::Count)];
  std::vector<NamedRect> named;                  // visible named widgets
  std::vector<std::pair<ChatId, ImRect>> chats;  // visible chat rows
  std::optional<Probe> focused;                  // the probed widget that has keyboard focus
  char focused_name[48] = {};                    // ...or the named one
  A11yTree a11y;                                 // role, name and state of the items (a11y.h)

  // Starts a frame; `a11y_activated`: the mirror's custom node activated since the last one.
  void clear(std::uint32_t a11y_activated = 0) {
    for (auto& w : widgets) w.reset();
    named.clear();  // keeps capacity: no allocation on idle frames
    chats.clear();
    focused.reset();
    focused_name[0] = 0;
    a11y.clear(a11y_activated);
  }
  // Call right after the widget: records its rectangle and whether it is active.
  void set(Probe p, const ImRect& r) {
    widgets[static_cast<int>(p)] = r;
    if (ImGui::IsItemActive()) focused = p;
  }
  // Call right after the widget: records the part of it that is visible (widgets.cpp).
  void add(const char* name);
  void add(const char* prefix, std::int64_t id);  // "<prefix>_<id>"
  // A rectangle that is not an ImGui item (a drawn message row), clipped to the window.
  void add_rect(const char* name, const ImRect& r);
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
  bool& wants_frame;                 // output: something moved; draw another frame

  void panel(const ImRect& r, ImU32 color) const { backdrops.push_back({r, color}); }
};

// Errors shown under form fields are i18n keys (string literals) or null.
using FieldError = const char*;

}  // namespace parta::ui
