// My profile (#/profile): who I am in each organization, a student's parent
// invitation, appearance and notification settings, my sessions with "sign out other sessions"; and the profile card
// of any member (name, role, badge, class: nothing else exists to show).
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

// A name with the teacher badge after it, on its own line.
void name_line(const ViewContext& ctx, const ImFont* font, const std::string& name, bool badge) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = std::ceil(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, name.c_str()).x);
  const float avail = ImGui::GetContentRegionAvail().x - (badge ? ImGui::TeacherBadgeWidth(font, ctx.fonts.dpr) : 0);
  ImGui::TextEllipsis(dl, font, p, avail, color::kText, name);
  if (badge) ImGui::TeacherBadge(dl, font, ImVec2(p.x + std::min(w, avail), p.y), ctx.fonts.dpr);
  ImGui::Dummy(ImVec2(0, font->FontSize));
}

void membership_lines(const ViewContext& ctx, const pb::Membership& m) {
  std::string line = m.org_name() + " — " + ctx.tr.role(m.role());
  if (!m.class_name().empty()) line += " · " + m.class_name();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopTextWrapPos();
  const bool staff = m.role() == pb::ROLE_TEACHER || m.role() == pb::ROLE_HEAD;
  if (staff && !m.verified_teacher()) form_note(ctx.tr("pending_notice"));
  if (m.org_status() == pb::ORG_STATUS_SUSPENDED) form_error(ctx.tr("org_suspended_notice"));
}

void invite_parent_box(const ViewContext& ctx, const OrgContext& oc, float w, ProfileView& view, UiProbe& probe,
                       Intents& out) {
  const OrgState& org = oc.org;
  begin_box(ctx, "##invite_parent", w);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("invite_parent_title"));
  ImGui::PopFont();
  form_note(ctx.tr("invite_parent_note"));
  const bool busy = org.busy(pb::ClientFrame::kInviteParent);
  const bool enter =
      form_field(ctx, probe, "invite_parent_email", ctx.tr("invite_parent_email"), view.parent_email, "mama@mail.ru", 0,
                 view.err_parent, std::min(ImGui::GetContentRegionAvail().x, 420 * ctx.fonts.dpr));
  op_error(ctx, org, pb::ClientFrame::kInviteParent);
  if (org.parent_invited) form_success(ctx.tr("invite_parent_sent"));
  ImGui::BeginDisabled(busy);
  const bool pressed = secondary_button(probe, "invite_parent_submit", ctx.tr("invite_parent_send"));
  ImGui::EndDisabled();
  if ((pressed || enter) && !busy) {
    view.err_parent = validate_email(view.parent_email).is_ok() ? nullptr : "err_email";
    if (view.err_parent == nullptr) {
      pb::ClientFrame f;
      f.mutable_invite_parent()->set_parent_email(view.parent_email);
      out.org.commands.push_back(std::move(f));
    }
  }
  end_box();
}

void sessions_box(const ViewContext& ctx, const OrgContext& oc, float w, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  begin_box(ctx, "##sessions", w);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("sessions_title"));
  ImGui::PopFont();
  if (!org.sessions_loaded) form_note(ctx.tr("loading"));
  int others = 0;
  int index = 0;
  for (const pb::SessionInfo& s : org.sessions) {
    ImGui::PushID(index);
    const std::string client = s.client().empty() ? std::string(ctx.tr("session_unknown_client")) : s.client();
    // The browser on one line, cut to fit; "this session" after it.
    const ImFont* font = ctx.fonts.regular;
    const char* mark = s.current() ? ctx.tr("session_current") : "";
    const float mark_w = s.current() ? font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, mark).x + 12 * ctx.fonts.dpr : 0;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float cw = std::min(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, client.c_str()).x, avail - mark_w);
    ImGui::TextEllipsis(ImGui::GetWindowDrawList(), font, p, avail - mark_w, color::kText, client);
    if (s.current())
      ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(p.x + cw + 12 * ctx.fonts.dpr, p.y),
                                          color::kOnline, mark);
    ImGui::Dummy(ImVec2(0, font->FontSize));
    form_note(ctx.tr
                  .format("session_times",
                          {{"created", format_date(s.created_at_ms())}, {"seen", format_date(s.last_seen_ms())}})
                  .c_str());
    if (!s.current()) {
      ++others;
      char name[48];
      std::snprintf(name, sizeof name, "session_end_%d", index);
      if (secondary_button(probe, name, ctx.tr("session_end"))) {
        pb::ClientFrame f;
        f.mutable_end_sessions()->set_id(s.id());
        out.org.commands.push_back(std::move(f));
      }
    }
    ImGui::Separator();
    ImGui::PopID();
    ++index;
  }
  ImGui::BeginDisabled(others == 0 || org.busy(pb::ClientFrame::kEndSessions));
  if (secondary_button(probe, "sessions_end_others", ctx.tr("sessions_end_others"))) {
    pb::ClientFrame f;
    f.mutable_end_sessions();  // no id: every session but this one
    out.org.commands.push_back(std::move(f));
  }
  ImGui::EndDisabled();
  end_box();
}

// Appearance and notifications: applied at once, kept in this browser.
void settings_box(const ViewContext& ctx, float w, const ProfileView& view, UiProbe& probe, Intents& out) {
  begin_box(ctx, "##settings", w);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("settings_title"));
  ImGui::PopFont();
  appearance_choices(ctx, probe, out);
  ImGui::Dummy(ImVec2(0, std::round(2 * ctx.fonts.dpr)));
  bool on = view.notifications;
  const bool unsupported = view.notify_permission == 0;
  ImGui::BeginDisabled(unsupported);
  if (ImGui::Checkbox(ctx.tr("settings_notifications"), &on)) out.shell.notifications = on;
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("settings_notifications"), on ? kA11yChecked : 0);
  ImGui::EndDisabled();
  probe.add("notifications_toggle");
  if (unsupported) form_note(ctx.tr("notifications_unsupported"));
  else if (view.notify_permission == 3) form_note(ctx.tr("notifications_blocked"));
  else form_note(ctx.tr("notifications_note"));
  end_box();
}

}  // namespace

// The theme and text-size radio rows (also in the UI gallery).
void appearance_choices(const ViewContext& ctx, UiProbe& probe, Intents& out) {
  const Appearance& now = appearance();
  ImGui::TextUnformatted(ctx.tr("settings_theme"));
  struct ThemeChoice {
    Theme theme;
    const char* key;
    const char* probe;
  };
  constexpr ThemeChoice kThemes[] = {{Theme::Light, "theme_light", "theme_light"},
                                     {Theme::Dark, "theme_dark", "theme_dark"},
                                     {Theme::HighContrast, "theme_contrast", "theme_contrast"}};
  for (const ThemeChoice& t : kThemes) {
    if (&t != kThemes) ImGui::SameLine(0, std::round(16 * ctx.fonts.dpr));
    ImGui::PushID(t.probe);
    if (ImGui::RadioButton(ctx.tr(t.key), now.theme == t.theme) && now.theme != t.theme) {
      Appearance a = now;
      a.theme = t.theme;
      out.shell.appearance = a;
    }
    probe.a11y.item(A11yRole::Radio, ctx.tr(t.key), now.theme == t.theme ? kA11yChecked : 0);
    ImGui::PopID();
    probe.add(t.probe);
  }
  ImGui::TextUnformatted(ctx.tr("settings_font_scale"));
  for (int pct = kFontScaleMin; pct <= kFontScaleMax; pct += kFontScaleStep) {
    if (pct != kFontScaleMin) ImGui::SameLine(0, std::round(16 * ctx.fonts.dpr));
    char label[16], name[24];
    std::snprintf(label, sizeof label, "%d%%", pct);
    std::snprintf(name, sizeof name, "font_scale_%d", pct);
    ImGui::PushID(name);
    if (ImGui::RadioButton(label, now.font_scale == pct) && now.font_scale != pct) {
      Appearance a = now;
      a.font_scale = pct;
      out.shell.appearance = a;
    }
    probe.a11y.item(A11yRole::Radio, std::string(ctx.tr("settings_font_scale")) + " " + label, now.font_scale == pct ? kA11yChecked : 0);
    ImGui::PopID();
    probe.add(name);
  }
}

void draw_profile(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, ProfileView& view, UiProbe& probe,
                  Intents& out) {
  const float w = begin_pane(ctx, "##profile", area, 720);
  if (!ctx.state.me) {
    end_pane();
    return;
  }
  const pb::User& me = *ctx.state.me;
  bool verified = me.verified_teacher();
  for (const auto& m : ctx.state.memberships) verified |= m.verified_teacher();
  begin_box(ctx, "##me", w);
  name_line(ctx, ctx.fonts.title, me.display_name(), verified);
  if (verified) form_note(ctx.tr("verified_teacher"));
  if (ctx.state.platform_operator) form_note(ctx.tr("platform_operator"));
  for (const auto& m : ctx.state.memberships) membership_lines(ctx, m);
  end_box();
  bool student = false;
  for (const auto& m : ctx.state.memberships) {
    const Actor actor{true, ctx.state.platform_operator, oc.actor.user, &m};
    student |= allowed(actor, Action::InviteParent, {OrgId{m.org_id()}, {}});
  }
  if (student) invite_parent_box(ctx, oc, w, view, probe, out);
  settings_box(ctx, w, view, probe, out);
  sessions_box(ctx, oc, w, probe, out);
  end_pane();
}

void draw_profile_card(const ViewContext& ctx, const OrgContext& oc, std::int64_t user_id, UiProbe& probe,
                       Intents& out) {
  const float d = ctx.fonts.dpr;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const char* id = "##profile_card";
  if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const float w = std::min(display.x - 24 * d, 380 * d);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(22 * d), std::round(18 * d)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, std::round(10 * d));
  ImGui::PushStyleColor(ImGuiCol_PopupBg, color::kPanel);
  if (ImGui::BeginPopupModal(
          id, nullptr,
          ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    const OrgState& org = oc.org;
    const pb::Member* m = org.profile && org.profile->user().id() == user_id ? &*org.profile : nullptr;
    if (m != nullptr) {
      const pb::User& u = m->user();
      name_line(ctx, ctx.fonts.title, u.display_name(), u.verified_teacher());
      ImGui::TextUnformatted(ctx.tr.role(u.role()));
      if (u.verified_teacher()) form_note(ctx.tr("verified_teacher"));
      if (m->pending_verification()) form_note(ctx.tr("member_pending"));
      if (!u.class_name().empty())
        ImGui::TextUnformatted(ctx.tr.format("profile_class", {{"class", u.class_name()}}).c_str());
    } else if (!org.op(pb::ClientFrame::kGetProfile).error.is_ok()) {
      form_error(ctx.tr.error(org.op(pb::ClientFrame::kGetProfile).error.code()));
    } else {
      form_note(ctx.tr("loading"));
    }
    ImGui::Dummy(ImVec2(0, std::round(4 * d)));
    if (secondary_button(probe, "profile_close", ctx.tr("close")) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
      ImGui::CloseCurrentPopup();
      out.org.show_profile = 0;
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
}

}  // namespace parta::ui
