// The admin console's members tab: search (the server folds ё = е), a role
// filter, "pending verification", and per member: verify a teacher, make or
// unmake the head, open the profile card.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <vector>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"

namespace parta::ui {
namespace {

float text_w(const ImFont* f, const char* s) { return std::ceil(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s).x); }

struct RowAction {
  const char* prefix;  // probe name prefix
  const char* label;
  pb::ClientFrame command;  // empty: opens the profile
};

void member_row(const ViewContext& ctx, const OrgContext& oc, const pb::Member& m, float w, UiProbe& probe,
                Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const pb::User& u = m.user();
  const Target here{oc.active_org, {}};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();

  // What may be done to this member (the policy first, then what makes sense).
  std::vector<RowAction> actions;
  const bool staff = u.role() == pb::ROLE_TEACHER || u.role() == pb::ROLE_HEAD;
  if (staff && (m.pending_verification() || !u.verified_teacher()) && allowed(oc.actor, Action::VerifyTeacher, here)) {
    pb::ClientFrame c;
    c.mutable_verify_teacher()->set_org_id(oc.active_org.get());
    c.mutable_verify_teacher()->set_user_id(u.id());
    c.mutable_verify_teacher()->set_verified(true);
    actions.push_back({"member_verify", ctx.tr("member_verify"), std::move(c)});
  }
  if (staff && u.verified_teacher() && allowed(oc.actor, Action::SetMemberRole, here)) {
    const bool head = u.role() == pb::ROLE_HEAD;
    pb::ClientFrame c;
    c.mutable_set_member_role()->set_org_id(oc.active_org.get());
    c.mutable_set_member_role()->set_user_id(u.id());
    c.mutable_set_member_role()->set_role(head ? pb::ROLE_TEACHER : pb::ROLE_HEAD);
    actions.push_back(
        {head ? "member_unhead" : "member_head", ctx.tr(head ? "member_unhead" : "member_head"), std::move(c)});
  }
  actions.push_back({"member_profile", ctx.tr("member_profile"), {}});
  float buttons_w = 0;
  for (const auto& a : actions)
    buttons_w += text_w(f.regular, a.label) + style.FramePadding.x * 2 + style.ItemSpacing.x;

  const ImVec2 top = ImGui::GetCursorScreenPos();
  const bool one_line = w - buttons_w > 260 * d;
  const float text_max = one_line ? w - buttons_w - 12 * d : w;
  // Line 1: name and badge; line 2: role, class, status.
  const float name_w =
      std::min(text_w(f.bold, u.display_name().c_str()), text_max - ImGui::TeacherBadgeWidth(f.bold, d));
  ImGui::TextEllipsis(dl, f.bold, top, name_w + 1, color::kText, u.display_name());
  if (u.verified_teacher()) ImGui::TeacherBadge(dl, f.bold, ImVec2(top.x + name_w, top.y), d);
  std::string info = ctx.tr.role(u.role());
  if (!u.class_name().empty()) info += " · " + u.class_name();
  if (m.suspended()) info += std::string(" · ") + ctx.tr("member_suspended");
  const float line2 = top.y + f.bold->FontSize + std::round(3 * d);
  ImGui::TextEllipsis(dl, f.small, ImVec2(top.x, line2), text_max, color::kMuted, info);
  if (m.pending_verification()) {
    const char* pending = ctx.tr("member_pending");
    const float iw = text_w(f.small, info.c_str());
    if (iw + 8 * d + text_w(f.small, pending) < text_max) {
      dl->AddText(f.small, f.small->FontSize, ImVec2(top.x + iw + std::round(8 * d), line2), color::kConnecting,
                  pending);
    }
  }
  const float text_h = f.bold->FontSize + std::round(3 * d) + f.small->FontSize;
  // Buttons: right of the text when there is room, under it otherwise.
  const float button_h = ImGui::GetFrameHeight();
  if (one_line)
    ImGui::SetCursorScreenPos(
        ImVec2(top.x + w - buttons_w + style.ItemSpacing.x, top.y + std::floor((text_h - button_h) * 0.5f)));
  else
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + text_h + std::round(6 * d)));
  ImGui::PushID(static_cast<int>(u.id()));
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    char name[48];
    std::snprintf(name, sizeof name, "%s_%lld", actions[i].prefix, static_cast<long long>(u.id()));
    if (secondary_button(probe, name, actions[i].label)) {
      if (actions[i].command.command_case() == pb::ClientFrame::COMMAND_NOT_SET)
        out.org.show_profile = u.id();
      else
        out.org.commands.push_back(actions[i].command);
    }
  }
  ImGui::PopID();
  const float bottom = std::max(ImGui::GetItemRectMax().y, top.y + text_h) + std::round(8 * d);
  dl->AddLine(ImVec2(top.x, bottom), ImVec2(top.x + w, bottom), color::kBorder);
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + std::round(8 * d)));
  ImGui::Dummy(ImVec2(w, 0));
}

}  // namespace

void draw_members_tab(const ViewContext& ctx, const OrgContext& oc, float w, AdminView& view, UiProbe& probe,
                      Intents& out) {
  const OrgState& org = oc.org;
  const float d = ctx.fonts.dpr;
  // Filters: any change asks the server again (draw_admin sends it).
  ImGui::SetNextItemWidth(std::min(w, 420 * d));
  if (ImGui::InputTextWithHint("##member_search", ctx.tr("member_search_hint"), &view.search))
    view.filters_dirty = true;
  probe.add("member_search");
  probe.a11y.item(A11yRole::Textbox, a11y_label(ctx.tr("member_search_hint")));
  struct RoleChoice {
    pb::Role role;
    const char* key;
    const char* probe;
  };
  const RoleChoice roles[] = {{pb::ROLE_UNSPECIFIED, "member_role_all", "member_role_all"},
                              {pb::ROLE_ADMIN, "ROLE_ADMIN", "member_role_admin"},
                              {pb::ROLE_HEAD, "ROLE_HEAD", "member_role_head"},
                              {pb::ROLE_TEACHER, "ROLE_TEACHER", "member_role_teacher"},
                              {pb::ROLE_STUDENT, "ROLE_STUDENT", "member_role_student"},
                              {pb::ROLE_PARENT, "ROLE_PARENT", "member_role_parent"}};
  const float h = std::round(30 * d);
  for (int i = 0; i < 6; ++i) {
    const char* label = ctx.tr(roles[i].key);
    if (i > 0) {
      const float need = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + need <=
          ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
        ImGui::SameLine();
      }
    }
    ImGui::PushID(roles[i].probe);
    if (ImGui::ToggleButton(label, view.role_filter == roles[i].role, h)) {
      view.role_filter = roles[i].role;
      view.filters_dirty = true;
    }
    ImGui::PopID();
    probe.add(roles[i].probe);
    probe.a11y.item(A11yRole::Radio, label, view.role_filter == roles[i].role ? kA11yChecked : 0);
  }
  if (ImGui::Checkbox(ctx.tr("member_pending_only"), &view.pending_only)) view.filters_dirty = true;
  probe.add("member_pending");
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("member_pending_only"), view.pending_only ? kA11yChecked : 0);
  ImGui::Dummy(ImVec2(0, std::round(4 * d)));

  if (!org.members_loaded) {
    form_note(ctx.tr("loading"));
    return;
  }
  if (org.members.empty()) form_note(ctx.tr("member_none"));
  for (const pb::Member& m : org.members) member_row(ctx, oc, m, w, probe, out);
}

}  // namespace parta::ui
