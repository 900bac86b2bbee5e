// The switcher under the top bar (Chats / Management / Applications / Profile,
// each shown only to whom it concerns) and the error toast.
#include <cmath>

#include "client/app/org/org_views.h"
#include "client/app/shell/shell_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

float text_w(const ImFont* f, const char* s) { return std::ceil(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s).x); }

// One tab: its label, underlined in the accent color when selected.
bool tab(const ViewContext& ctx, UiProbe& probe, const char* probe_name, const char* label, bool selected, float x,
         float w, const ImRect& area, std::uint32_t badge) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Fonts& f = ctx.fonts;
  ImGui::SetCursorScreenPos(ImVec2(x, area.Min.y));
  ImGui::PushID(probe_name);
  const bool pressed = ImGui::InvisibleButton("##tab", ImVec2(w, area.GetHeight() - 1));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  probe.add(probe_name);
  probe.a11y.item(A11yRole::Tab, label, selected ? kA11ySelected : 0);
  if (hovered && !selected) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddRectFilled(ImVec2(x, area.Min.y), ImVec2(x + w, area.Max.y - 1), color::kHover);
  }
  const ImFont* font = selected ? f.bold : f.regular;
  float lw = text_w(font, label);
  const float bw = badge > 0 ? std::round(26 * f.dpr) : 0;
  const float tx = std::floor(x + (w - lw - bw) * 0.5f);
  dl->AddText(font, font->FontSize, ImVec2(tx, std::floor(area.GetCenter().y - font->FontSize * 0.5f)),
              selected ? color::kAccent : color::kText, label);
  if (badge > 0) ImGui::CountBadge(dl, f.small, ImVec2(tx + lw + bw, area.GetCenter().y), badge, f.dpr);
  if (selected) {
    const float t = std::round(3 * f.dpr);
    dl->AddRectFilled(ImVec2(x + std::round(6 * f.dpr), area.Max.y - t),
                      ImVec2(x + w - std::round(6 * f.dpr), area.Max.y), color::kAccent);
  }
  return pressed && !selected;
}

bool shows_inline(Command c) {
  // These commands' forms show their own errors.
  switch (c) {
    case pb::ClientFrame::kRegister:
    case pb::ClientFrame::kConfirmRegistration:
    case pb::ClientFrame::kLoginWithCode:
    case pb::ClientFrame::kRequestLoginCode:
    case pb::ClientFrame::kSubmitOrgApplication:
    case pb::ClientFrame::kInspectInvite:
    case pb::ClientFrame::kJoinChat:
    case pb::ClientFrame::kCreateGroup:
    case pb::ClientFrame::kCreateInviteLink:
    case pb::ClientFrame::kInviteParent:
    case pb::ClientFrame::kSetJournalUrl:
    case pb::ClientFrame::kDecideOrgApplication:
      return true;
    default:
      return false;
  }
}

}  // namespace

void draw_nav(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, UiProbe& probe, Intents& out) {
  const float d = ctx.fonts.dpr;
  ctx.panel(area, color::kPanel);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(area.Min.x, area.Max.y - 1), ImVec2(area.Max.x, area.Max.y - 1),
                                      color::kBorder);
  bool staff = false;
  for (const auto& m : ctx.state.memberships) {
    staff |= m.role() == pb::ROLE_ADMIN || m.role() == pb::ROLE_HEAD || m.role() == pb::ROLE_TEACHER;
  }
  struct Item {
    const char* probe;
    const char* key;
    RouteKind kind;
    bool shown;
  };
  const Item items[] = {
      {"nav_chats", "nav_chats", RouteKind::Chats, true},
      {"nav_admin", "nav_admin", RouteKind::Admin, staff},
      {"nav_operator", "nav_operator", RouteKind::Operator, ctx.state.platform_operator},
      {"nav_profile", "nav_profile", RouteKind::Profile, true},
  };
  int count = 0;
  float natural = 0;
  for (const Item& it : items) {
    if (!it.shown) continue;
    ++count;
    natural += text_w(ctx.fonts.bold, ctx.tr(it.key)) + std::round(36 * d);
  }
  // Natural widths from the left when they fit; equal shares of a narrow screen.
  const float pad = std::round(8 * d);
  const bool squeeze = natural + 2 * pad > area.GetWidth();
  const float share = std::floor((area.GetWidth() - 2 * pad) / static_cast<float>(count));
  float x = area.Min.x + pad;
  for (const Item& it : items) {
    if (!it.shown) continue;
    const char* label = ctx.tr(it.key);
    const float w = squeeze ? share : text_w(ctx.fonts.bold, label) + std::round(36 * d);
    const std::uint32_t badge = it.kind == RouteKind::Chats ? ctx.state.total_unread() : 0;
    if (tab(ctx, probe, it.probe, label, oc.route.kind == it.kind, x, w, area, squeeze ? 0 : badge)) {
      out.shell.navigate = Route{it.kind, {}};
    }
    x += w;
  }
}

void draw_toast(const ViewContext& ctx, const OrgContext& oc, UiProbe& probe, Intents& out) {
  Status error = oc.local_error;
  if (error.is_ok() && !oc.org.last_error.is_ok() && !shows_inline(oc.org.last_error_command))
    error = oc.org.last_error;
  // Logged-out screens show their errors in their forms.
  if (error.is_ok() || !ctx.state.me || oc.route.kind == RouteKind::Join || oc.route.kind == RouteKind::Apply) return;
  const float d = ctx.fonts.dpr;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const char* text = ctx.tr.error(error.code());
  const float w = std::min(display.x - 24 * d, std::max(260 * d, ImGui::CalcTextSize(text).x + 90 * d));
  ImGui::SetNextWindowPos(ImVec2(std::floor((display.x - w) * 0.5f), display.y - std::round(24 * d)), ImGuiCond_Always,
                          ImVec2(0, 1));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, color::kError);
  ImGui::PushStyleColor(ImGuiCol_Text, color::kOnAccent);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(16 * d), std::round(10 * d)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, std::round(8 * d));
  ImGui::Begin("##toast", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(w - std::round(70 * d));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  // An alert element: screen readers read it out as soon as it appears.
  probe.a11y.custom(A11yRole::Alert, text, ImGui::GetID("##toast_text"), last_item_rect());
  ImGui::PopTextWrapPos();
  ImGui::SameLine(w - std::round(52 * d));
  ImGui::PushStyleColor(ImGuiCol_Button, 0u);
  ImGui::PushStyleColor(ImGuiCol_Border, 0u);
  if (ImGui::Button("\xC3\x97##toast_close")) out.org.clear_error = true;  // "×"
  ImGui::PopStyleColor(2);
  probe.add("toast_close");
  probe.a11y.item(A11yRole::Button, ctx.tr("close"));
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

}  // namespace parta::ui
