// The top bar: brand, connection state, who I am, language switch, log out.
#include <cmath>

#include "client/app/shell/shell_views.h"
#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

float text_w(const ImFont* f, const char* s) { return std::ceil(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s).x); }

// A small toggle button; the selected one is filled.
bool toggle(const char* label, bool selected, float height) {
  if (selected) {
    ImGui::PushStyleColor(ImGuiCol_Button, color::kSelected);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::kSelected);
    ImGui::PushStyleColor(ImGuiCol_Text, color::kAccent);
  } else {
    ImGui::PushStyleColor(ImGuiCol_Button, color::kPanel);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::kHover);
    ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  }
  const bool pressed = ImGui::Button(label, ImVec2(0, height));
  if (!selected && ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::PopStyleColor(3);
  return pressed && !selected;
}

}  // namespace

void draw_top_bar(const ViewContext& ctx, const ImRect& area, UiProbe& probe, Intents& out) {
  const float d = ctx.fonts.dpr;
  const Fonts& f = ctx.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(area, color::kPanel);
  dl->AddLine(ImVec2(area.Min.x, area.Max.y - 1), ImVec2(area.Max.x, area.Max.y - 1), color::kBorder);

  const float pad = std::round(16 * d);
  const float mid = std::floor((area.Min.y + area.Max.y) * 0.5f);

  // Left: brand and connection state.
  const char* brand = ctx.tr("app_title");
  dl->AddText(f.title, f.title->FontSize, ImVec2(area.Min.x + pad, std::floor(mid - f.title->FontSize * 0.5f)), color::kAccent, brand);
  float x = area.Min.x + pad + text_w(f.title, brand) + std::round(20 * d);
  const Connection c = ctx.state.connection;
  x += ImGui::StatusDot(dl, f.small, ImVec2(x, std::floor(mid - f.small->FontSize * 0.5f)), connection_color(c)) + std::round(6 * d);
  // A narrow screen keeps the dot and gives the words' room to the name.
  const bool narrow = area.GetWidth() < 640 * d;
  if (!narrow) {
    dl->AddText(f.small, f.small->FontSize, ImVec2(x, std::floor(mid - f.small->FontSize * 0.5f)), color::kMuted,
                ctx.tr(connection_key(c)));
  }

  // Right, laid out from the right edge: log out, language, me.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button_h = std::round(32 * d);
  const float by = std::floor(mid - button_h * 0.5f);
  const char* logout = ctx.tr("logout");
  const float logout_w = text_w(f.regular, logout) + style.FramePadding.x * 2;
  const char* ru = ctx.tr("lang_ru");
  const char* en = ctx.tr("lang_en");
  const float lang_w = text_w(f.regular, ru) + text_w(f.regular, en) + style.FramePadding.x * 4 + style.ItemInnerSpacing.x;
  float rx = area.Max.x - pad - logout_w;
  ImGui::SetCursorScreenPos(ImVec2(rx, by));
  if (ImGui::Button(logout, ImVec2(0, button_h))) out.auth.logout = true;
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  probe.set(Probe::Logout, last_item_rect());
  probe.a11y.item(A11yRole::Button, logout);

  rx -= std::round(16 * d) + lang_w;
  ImGui::SetCursorScreenPos(ImVec2(rx, by));
  const Language lang = ctx.tr.language();
  ImGui::PushID("lang");
  if (toggle(ru, lang == Language::Ru, button_h)) out.shell.language = Language::Ru;
  probe.set(Probe::LangRu, last_item_rect());
  probe.a11y.item(A11yRole::Radio, ru, lang == Language::Ru ? kA11yChecked : 0);
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  if (toggle(en, lang == Language::En, button_h)) out.shell.language = Language::En;
  probe.set(Probe::LangEn, last_item_rect());
  probe.a11y.item(A11yRole::Radio, en, lang == Language::En ? kA11yChecked : 0);
  ImGui::PopID();

  if (ctx.state.me) {
    const pb::User& me = *ctx.state.me;
    const char* role = me.role() == pb::ROLE_UNSPECIFIED && ctx.state.platform_operator ? ctx.tr("platform_operator") : ctx.tr.role(me.role());
    bool badge = me.verified_teacher();
    for (const auto& m : ctx.state.memberships) badge |= m.verified_teacher();
    const float badge_w = badge ? ImGui::TeacherBadgeWidth(f.bold, d) : 0;
    const float text_w_name = text_w(f.bold, me.display_name().c_str());
    const float name_w = text_w_name + badge_w;
    const float role_w = text_w(f.small, role);
    const float block_w = std::max(name_w, role_w);
    const float left_limit = x + (narrow ? 0.0f : text_w(f.small, ctx.tr(connection_key(c)))) + std::round(12 * d);
    const float right = rx - std::round(20 * d);  // the block is right-aligned here
    const float max_w = right - std::max(left_limit, right - block_w);
    const float line_gap = std::round(1 * d);
    const float top = std::floor(mid - (f.bold->FontSize + f.small->FontSize + line_gap) * 0.5f);
    if (max_w > badge_w) {
      const float nx = right - std::min(name_w, max_w);
      const float text_max = std::min(name_w, max_w) - badge_w;
      ImGui::TextEllipsis(dl, f.bold, ImVec2(nx, top), text_max, color::kText, me.display_name());
      if (badge) ImGui::TeacherBadge(dl, f.bold, ImVec2(nx + std::min(text_w_name, text_max), top), d);
      ImGui::TextEllipsis(dl, f.small, ImVec2(right - std::min(role_w, max_w), top + f.bold->FontSize + line_gap), max_w, color::kMuted,
                          role);
    }
  }
}

}  // namespace parta::ui
