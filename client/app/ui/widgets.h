// Small drawing helpers shared by the views (ImGui-style names live in namespace ImGui).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "client/app/shell/i18n.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "shared/chat/chat_state.h"

namespace ImGui {

// The blue call-to-action button; drawn greyed and returns false when disabled.
bool PrimaryButton(const char* label, const ImVec2& size, bool enabled);
// Gives the keyboard focus to the next item. Unlike SetKeyboardFocusHere() alone,
// this works when another window (e.g. the chat list) had the focus: in 1.90.1 the
// focus request only lands in the focused window's focus scope.
void FocusNextItem();
// One line of text cut with "…" to fit max_width (stops at the first line break).
void TextEllipsis(ImDrawList* dl, const ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view text);
// The connection dot, vertically centered on a text line of `font` starting at `pos`; returns its width.
float StatusDot(ImDrawList* dl, const ImFont* font, ImVec2 pos, ImU32 color);
// A check mark ("acknowledged") in a square of `size` at `pos`.
void CheckMark(ImDrawList* dl, ImVec2 pos, float size, ImU32 color);
// A filled circle with a number, for unread counts; returns its width.
float CountBadge(ImDrawList* dl, const ImFont* font, ImVec2 right_center, std::uint32_t count, float dpr);
// The verified-teacher badge (a blue circle with a check) for a text line of
// `font` whose top-left is `pos`; returns its width including the gap before it.
float TeacherBadge(ImDrawList* dl, const ImFont* font, ImVec2 pos, float dpr);
float TeacherBadgeWidth(const ImFont* font, float dpr);
// A small toggle button; the selected one is filled. Returns true when an unselected one is clicked.
bool ToggleButton(const char* label, bool selected, float height);
// Text in the accent color that acts as a link (hand cursor, underline on hover).
bool LinkButton(const char* label);
// The keyboard focus ring around the item ImGui's navigation is on, drawn over
// everything and as thick as the scale asks (ImGui's own ring is 2 device
// pixels whatever the scale, too thin to follow at 200%). Call once per frame
// after the views; the theme makes ImGui's own ring transparent.
void FocusRing(float dpr);

// Small line icons drawn with the draw list (the subset font has no pictograms).
enum class Icon { Search, Info, Close, More, Poll, Reply, Pin };
void DrawIcon(ImDrawList* dl, Icon icon, const ImVec2& center, float size, ImU32 color, float dpr);
// A square button with an icon; hover fills it. Returns true when clicked.
bool IconButton(const char* id, Icon icon, float side, float dpr, ImU32 color = 0);

}  // namespace ImGui

namespace parta::ui {

// "HH:MM" in the browser's time zone; writes into `out` (no allocation).
void format_time(std::int64_t unix_ms, char* out, std::size_t size);

const char* connection_key(Connection c);  // i18n key
ImU32 connection_color(Connection c);

// Width of `s` in `font`, rounded up.
float text_width(const ImFont* font, std::string_view s);

// The last item's rectangle.
inline ImRect last_item_rect() { return ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

}  // namespace parta::ui
