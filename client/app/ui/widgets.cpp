// Drawing helpers: primary button, ellipsized text, count badge, time format.
#include "client/app/ui/widgets.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "client/app/ui/theme.h"

namespace {
constexpr const char kEllipsis[] = "\xE2\x80\xA6";  // "…"
}  // namespace

namespace ImGui {

void FocusNextItem() {
  ImGuiContext& g = *GetCurrentContext();
  FocusWindow(g.CurrentWindow);
  g.NavFocusScopeId = g.CurrentFocusScopeId;
  SetKeyboardFocusHere();
}

bool PrimaryButton(const char* label, const ImVec2& size, bool enabled) {
  using namespace parta::ui;
  PushStyleColor(ImGuiCol_Button, color::kAccent);
  PushStyleColor(ImGuiCol_ButtonHovered, color::kAccentHover);
  PushStyleColor(ImGuiCol_ButtonActive, color::kAccentActive);
  PushStyleColor(ImGuiCol_Text, color::kOnAccent);
  PushStyleColor(ImGuiCol_Border, color::kAccent);
  BeginDisabled(!enabled);
  const bool pressed = Button(label, size);
  if (enabled && IsItemHovered()) SetMouseCursor(ImGuiMouseCursor_Hand);
  EndDisabled();
  PopStyleColor(5);
  return pressed && enabled;
}

void TextEllipsis(ImDrawList* dl, const ImFont* font, ImVec2 pos, float max_width, ImU32 color, std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p < end; ++p) {
    if (*p == '\n' || *p == '\r') {
      end = p;
      break;
    }
  }
  const float size = font->FontSize;
  pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
  if (font->CalcTextSizeA(size, FLT_MAX, 0, begin, end).x <= max_width) {
    dl->AddText(font, size, pos, color, begin, end);
    return;
  }
  const float ellipsis_w = font->CalcTextSizeA(size, FLT_MAX, 0, kEllipsis).x;
  const char* cut = begin;
  font->CalcTextSizeA(size, std::max(0.0f, max_width - ellipsis_w), 0, begin, end, &cut);
  while (cut > begin && cut[-1] == ' ') --cut;
  dl->AddText(font, size, pos, color, begin, cut);
  const float w = font->CalcTextSizeA(size, FLT_MAX, 0, begin, cut).x;
  dl->AddText(font, size, ImVec2(pos.x + w, pos.y), color, kEllipsis);
}

float StatusDot(ImDrawList* dl, const ImFont* font, ImVec2 pos, ImU32 color) {
  // The subset font has no U+25CF: draw the dot.
  const float r = std::round(font->FontSize * 0.24f);
  dl->AddCircleFilled(ImVec2(pos.x + r, std::round(pos.y + font->FontSize * 0.55f)), r, color, 16);
  return 2 * r;
}

void CheckMark(ImDrawList* dl, ImVec2 pos, float size, ImU32 color) {
  const float t = std::max(1.0f, size / 6.5f);
  const ImVec2 pts[3] = {ImVec2(pos.x + size * 0.1f, pos.y + size * 0.52f), ImVec2(pos.x + size * 0.38f, pos.y + size * 0.78f),
                         ImVec2(pos.x + size * 0.92f, pos.y + size * 0.2f)};
  dl->AddPolyline(pts, 3, color, ImDrawFlags_None, t);
}

float CountBadge(ImDrawList* dl, const ImFont* font, ImVec2 right_center, std::uint32_t count, float dpr) {
  char text[16];
  if (count > 999) std::snprintf(text, sizeof text, "999+");
  else std::snprintf(text, sizeof text, "%u", count);
  const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text);
  const float h = std::round(font->FontSize + 6 * dpr);
  const float w = std::max(h, std::round(ts.x + 12 * dpr));
  const ImVec2 min(std::round(right_center.x - w), std::round(right_center.y - h * 0.5f));
  dl->AddRectFilled(min, ImVec2(min.x + w, min.y + h), parta::ui::color::kAccent, h * 0.5f);
  dl->AddText(font, font->FontSize, ImVec2(std::floor(min.x + (w - ts.x) * 0.5f), std::floor(min.y + (h - ts.y) * 0.5f)),
              parta::ui::color::kOnAccent, text);
  return w;
}

float TeacherBadgeWidth(const ImFont* font, float dpr) { return std::round(font->FontSize * 0.8f) + std::round(5 * dpr); }

float TeacherBadge(ImDrawList* dl, const ImFont* font, ImVec2 pos, float dpr) {
  const float gap = std::round(5 * dpr);
  const float size = std::round(font->FontSize * 0.8f);
  const ImVec2 c(std::round(pos.x + gap + size * 0.5f), std::round(pos.y + font->FontSize * 0.55f));
  dl->AddCircleFilled(c, size * 0.5f, parta::ui::color::kAccent, 20);
  const float s = size * 0.62f;
  CheckMark(dl, ImVec2(c.x - s * 0.5f, c.y - s * 0.5f), s, parta::ui::color::kOnAccent);
  return gap + size;
}

bool ToggleButton(const char* label, bool selected, float height) {
  using namespace parta::ui;
  if (selected) {
    PushStyleColor(ImGuiCol_Button, color::kSelected);
    PushStyleColor(ImGuiCol_ButtonHovered, color::kSelected);
    PushStyleColor(ImGuiCol_Text, color::kAccent);
    PushStyleColor(ImGuiCol_Border, color::kAccent);
  } else {
    PushStyleColor(ImGuiCol_Button, color::kPanel);
    PushStyleColor(ImGuiCol_ButtonHovered, color::kHover);
    PushStyleColor(ImGuiCol_Text, color::kMuted);
    PushStyleColor(ImGuiCol_Border, color::kBorder);
  }
  const bool pressed = Button(label, ImVec2(0, height));
  if (!selected && IsItemHovered()) SetMouseCursor(ImGuiMouseCursor_Hand);
  PopStyleColor(4);
  return pressed && !selected;
}

bool LinkButton(const char* label) {
  using namespace parta::ui;
  const ImVec2 pos = GetCursorScreenPos();
  const ImVec2 size = CalcTextSize(label, nullptr, true);
  const bool pressed = InvisibleButton(label, ImVec2(std::max(1.0f, size.x), std::max(1.0f, size.y)));
  const bool hovered = IsItemHovered();
  if (hovered) SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = GetWindowDrawList();
  const ImU32 col = hovered ? color::kAccentHover : color::kAccent;
  dl->AddText(pos, col, label, FindRenderedTextEnd(label));
  if (hovered) dl->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), col);
  return pressed;
}

void FocusRing(float dpr) {
  ImGuiContext& g = *GetCurrentContext();
  ImGuiWindow* w = g.NavWindow;
  if (w == nullptr || g.NavId == 0 || g.NavDisableHighlight || !w->WasActive || w->Hidden) return;
  ImRect r = WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
  const float t = std::max(2.0f, std::round(2.5f * dpr));
  r.Expand(std::round(2 * dpr) + t * 0.5f);
  ImDrawList* dl = GetForegroundDrawList();
  // Clipped to the window the item is in, so a ring never covers a neighbouring pane.
  const ImRect clip = w->ParentWindow != nullptr ? w->OuterRectClipped : ImRect(w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y));
  // An item as wide as its pane (a chat row) gets its ring inside the pane's edges.
  ImRect inside = clip;
  inside.Expand(-std::ceil(t * 0.5f));
  r.ClipWith(inside);
  dl->PushClipRect(clip.Min, clip.Max, false);
  dl->AddRect(r.Min, r.Max, parta::ui::color::kFocusRing, std::round(6 * dpr), 0, t);
  dl->PopClipRect();
}

void DrawIcon(ImDrawList* dl, Icon icon, const ImVec2& c, float size, ImU32 col, float dpr) {
  const float t = std::max(1.5f, 1.6f * dpr);
  const float r = size * 0.5f;
  switch (icon) {
    case Icon::Search: {
      const float rr = r * 0.58f;
      const ImVec2 o(c.x - r * 0.15f, c.y - r * 0.15f);
      dl->AddCircle(o, rr, col, 20, t);
      dl->AddLine(ImVec2(o.x + rr * 0.72f, o.y + rr * 0.72f), ImVec2(c.x + r * 0.8f, c.y + r * 0.8f), col, t * 1.2f);
      break;
    }
    case Icon::Info: {
      dl->AddCircle(c, r * 0.85f, col, 24, t);
      dl->AddCircleFilled(ImVec2(c.x, c.y - r * 0.38f), t * 0.75f, col, 8);
      dl->AddLine(ImVec2(c.x, c.y - r * 0.1f), ImVec2(c.x, c.y + r * 0.45f), col, t);
      break;
    }
    case Icon::Close: {
      const float a = r * 0.55f;
      dl->AddLine(ImVec2(c.x - a, c.y - a), ImVec2(c.x + a, c.y + a), col, t);
      dl->AddLine(ImVec2(c.x - a, c.y + a), ImVec2(c.x + a, c.y - a), col, t);
      break;
    }
    case Icon::More: {
      const float dot = std::max(1.5f, 1.7f * dpr);
      for (int i = -1; i <= 1; ++i) dl->AddCircleFilled(ImVec2(c.x + i * r * 0.5f, c.y), dot, col, 8);
      break;
    }
    case Icon::Poll: {
      const float w = r * 0.28f;
      const float heights[3] = {0.9f, 1.5f, 0.6f};
      for (int i = 0; i < 3; ++i) {
        const float x = c.x + (i - 1) * r * 0.55f - w * 0.5f;
        dl->AddRectFilled(ImVec2(x, c.y + r * 0.75f - r * heights[i]), ImVec2(x + w, c.y + r * 0.75f), col, w * 0.3f);
      }
      break;
    }
    case Icon::Reply: {
      const ImVec2 pts[3] = {ImVec2(c.x - r * 0.1f, c.y - r * 0.6f), ImVec2(c.x - r * 0.7f, c.y - r * 0.1f),
                             ImVec2(c.x - r * 0.1f, c.y + r * 0.4f)};
      dl->AddPolyline(pts, 3, col, ImDrawFlags_None, t);
      dl->PathArcTo(ImVec2(c.x - r * 0.1f, c.y + r * 0.5f), r * 0.6f, -3.14159f * 0.5f, 0.0f, 12);
      dl->PathStroke(col, ImDrawFlags_None, t);
      break;
    }
    case Icon::Pin: {
      dl->AddCircleFilled(ImVec2(c.x, c.y - r * 0.3f), r * 0.38f, col, 16);
      dl->AddLine(ImVec2(c.x, c.y), ImVec2(c.x, c.y + r * 0.8f), col, t);
      break;
    }
  }
}

bool IconButton(const char* id, Icon icon, float side, float dpr, ImU32 col) {
  using namespace parta::ui;
  const bool pressed = InvisibleButton(id, ImVec2(side, side));
  const ImRect r(GetItemRectMin(), GetItemRectMax());
  ImDrawList* dl = GetWindowDrawList();
  if (IsItemHovered()) {
    SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddRectFilled(r.Min, r.Max, color::kHover, std::round(6 * dpr));
  }
  DrawIcon(dl, icon, r.GetCenter(), std::round(side * 0.55f), col != 0 ? col : color::kMuted, dpr);
  return pressed;
}

}  // namespace ImGui

namespace parta::ui {

float text_width(const ImFont* font, std::string_view s) {
  if (s.empty()) return 0;
  return std::ceil(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x);
}

void format_time(std::int64_t unix_ms, char* out, std::size_t size) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  if (unix_ms <= 0 || localtime_r(&t, &tm) == nullptr) {
    out[0] = 0;
    return;
  }
  std::snprintf(out, size, "%02d:%02d", tm.tm_hour % 24, tm.tm_min % 60);
}

const char* connection_key(Connection c) {
  switch (c) {
    case Connection::Online: return "conn_online";
    case Connection::Connected: return "conn_connected";
    case Connection::Connecting: return "conn_connecting";
    case Connection::Offline: break;
  }
  return "conn_offline";
}

ImU32 connection_color(Connection c) {
  switch (c) {
    case Connection::Online:
    case Connection::Connected: return color::kOnline;  // connected = ready for a login
    case Connection::Connecting: return color::kConnecting;
    case Connection::Offline: break;
  }
  return color::kOffline;
}

}  // namespace parta::ui
