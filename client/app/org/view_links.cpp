// Registration and chat links (admins and verified teachers): create one for
// staff, the students or parents of a class, or a chat; list them with uses,
// expiry and state; copy, show as a QR code, revoke.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"

namespace parta::ui {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::string link_target(const I18n& tr, const pb::InviteLink& l) {
  switch (l.kind()) {
    case pb::LINK_KIND_STAFF:
      return tr("link_target_staff");
    case pb::LINK_KIND_STUDENTS:
      return tr.format("link_target_students", {{"class", l.group_name()}});
    case pb::LINK_KIND_PARENTS:
      return tr.format("link_target_parents", {{"class", l.group_name()}});
    case pb::LINK_KIND_CHAT:
      return tr.format("link_target_chat", {{"chat", l.chat_title()}});
    default:
      return "";
  }
}

// The QR code of a link: dark modules as rectangles (runs merged), with the
// standard 4-module quiet zone, at a whole number of pixels per module.
void draw_qr(const QrCode& q, float max_px) {
  if (!q.ok()) return;
  const int quiet = 4;
  const int n = q.size + 2 * quiet;
  const float m = std::max(1.0f, std::floor(max_px / static_cast<float>(n)));
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 o(std::floor(p.x), std::floor(p.y));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + m * n, o.y + m * n), IM_COL32_WHITE);
  for (int y = 0; y < q.size; ++y) {
    for (int x = 0; x < q.size;) {
      if (!q.dark(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < q.size && q.dark(end, y)) ++end;
      const ImVec2 a(o.x + m * (quiet + x), o.y + m * (quiet + y));
      dl->AddRectFilled(a, ImVec2(a.x + m * (end - x), a.y + m), IM_COL32_BLACK);
      x = end;
    }
  }
  ImGui::Dummy(ImVec2(m * n, m * n));
}

bool choice(const char* probe_prefix, std::int64_t id, const char* label, bool selected, float h, UiProbe& probe,
            bool same_line) {
  if (same_line) {
    const float need = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + need <=
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
      ImGui::SameLine();
    }
  }
  char name[48];
  std::snprintf(name, sizeof name, "%s_%lld", probe_prefix, static_cast<long long>(id));
  ImGui::PushID(name);
  const bool pressed = ImGui::ToggleButton(label, selected, h);
  ImGui::PopID();
  probe.add(name);
  probe.a11y.item(A11yRole::Radio, label, selected ? kA11yChecked : 0);
  return pressed;
}

void create_box(const ViewContext& ctx, const OrgContext& oc, float w, AdminView& view, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  const float d = ctx.fonts.dpr;
  const float h = std::round(30 * d);
  const Target here{oc.active_org, {}};
  struct Kind {
    pb::LinkKind kind;
    Action action;
    const char* key;
    const char* probe;
  };
  const Kind kinds[] = {{pb::LINK_KIND_STAFF, Action::CreateStaffLink, "link_kind_staff", "link_kind_staff"},
                        {pb::LINK_KIND_STUDENTS, Action::CreateStudentLink, "link_kind_students", "link_kind_students"},
                        {pb::LINK_KIND_PARENTS, Action::CreateParentLink, "link_kind_parents", "link_kind_parents"},
                        {pb::LINK_KIND_CHAT, Action::CreateChatLink, "link_kind_chat", "link_kind_chat"}};
  bool any = false, current_ok = false;
  for (const Kind& k : kinds) {
    const bool ok = allowed(oc.actor, k.action, here);
    any |= ok;
    current_ok |= ok && k.kind == view.link_kind;
  }
  if (!any) return;
  if (!current_ok) {
    for (const Kind& k : kinds) {
      if (allowed(oc.actor, k.action, here)) {
        view.link_kind = k.kind;
        break;
      }
    }
  }
  begin_box(ctx, "##new_link", w);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("link_new"));
  ImGui::PopFont();
  bool first = true;
  for (const Kind& k : kinds) {
    if (!allowed(oc.actor, k.action, here)) continue;
    const char* label = ctx.tr(k.key);
    if (!first) {
      const float need = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + need <=
          ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
        ImGui::SameLine();
    }
    first = false;
    ImGui::PushID(k.probe);
    if (ImGui::ToggleButton(label, view.link_kind == k.kind, h)) {
      view.link_kind = k.kind;
      view.err_link = nullptr;
    }
    ImGui::PopID();
    probe.add(k.probe);
    probe.a11y.item(A11yRole::Radio, label, view.link_kind == k.kind ? kA11yChecked : 0);
  }

  // Rows of "label: choices"; labels stand left of their choices when there is room.
  const char* labels[] = {ctx.tr("link_class"), ctx.tr("link_chat"), ctx.tr("link_expiry"), ctx.tr("link_max_uses")};
  float label_w = 0;
  for (const char* l : labels) label_w = std::max(label_w, ImGui::CalcTextSize(l).x);
  label_w += std::round(16 * d);
  const bool wide = ImGui::GetContentRegionAvail().x > label_w + 320 * d;
  auto row = [&](const char* label) {
    if (wide) {
      const float x0 = ImGui::GetCursorPosX();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(label);
      ImGui::SameLine(x0 + label_w);
    } else {
      ImGui::TextUnformatted(label);
    }
    ImGui::BeginGroup();  // wrapped choices line up under the first one
  };
  // What the link is for: a class, or one of my group chats.
  if (view.link_kind == pb::LINK_KIND_STUDENTS || view.link_kind == pb::LINK_KIND_PARENTS) {
    row(ctx.tr("link_class"));
    int n = 0;
    if (org.structure) {
      for (const auto& g : org.structure->groups()) {
        if (g.kind() != pb::GROUP_KIND_CLASS) continue;
        if (choice("link_class", g.id(), g.name().c_str(), view.link_group == g.id(), h, probe, n > 0))
          view.link_group = g.id();
        ++n;
      }
    }
    if (n == 0) form_note(ctx.tr(org.structure ? "link_no_classes" : "loading"));
    ImGui::EndGroup();
  } else if (view.link_kind == pb::LINK_KIND_CHAT) {
    row(ctx.tr("link_chat"));
    int n = 0;
    for (const ChatEntry& c : ctx.state.chats) {
      if (c.kind != pb::CHAT_KIND_GROUP) continue;
      if (choice("link_chat", c.id.get(), c.title.c_str(), view.link_chat == c.id.get(), h, probe, n > 0))
        view.link_chat = c.id.get();
      ++n;
    }
    if (n == 0) form_note(ctx.tr("link_no_chats"));
    ImGui::EndGroup();
  }
  row(ctx.tr("link_expiry"));
  const int days[] = {1, 7, 30, 90};
  for (int i = 0; i < 4; ++i) {
    const std::string label = ctx.tr.plural("days", days[i]);
    if (choice("link_expiry", days[i], label.c_str(), view.expiry_days == days[i], h, probe, i > 0))
      view.expiry_days = days[i];
  }
  ImGui::EndGroup();
  row(ctx.tr("link_max_uses"));
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 200 * d));
  ImGui::InputTextWithHint("##max_uses", ctx.tr("link_unlimited"), &view.max_uses_text,
                           ImGuiInputTextFlags_CharsDecimal);
  probe.add("link_max_uses");
  probe.a11y.item(A11yRole::Textbox, ctx.tr("link_max_uses"));
  ImGui::EndGroup();
  if (view.err_link) form_error(ctx.tr(view.err_link));
  op_error(ctx, org, pb::ClientFrame::kCreateInviteLink);
  const bool busy = org.busy(pb::ClientFrame::kCreateInviteLink);
  ImGui::BeginDisabled(busy);
  const bool pressed = secondary_button(probe, "link_create", ctx.tr("link_create"));
  ImGui::EndDisabled();
  end_box();
  if (!pressed || busy) return;

  const bool needs_class = view.link_kind == pb::LINK_KIND_STUDENTS || view.link_kind == pb::LINK_KIND_PARENTS;
  view.err_link = needs_class && view.link_group == 0                           ? "err_link_class"
                  : view.link_kind == pb::LINK_KIND_CHAT && view.link_chat == 0 ? "err_link_chat"
                                                                                : nullptr;
  const long uses = view.max_uses_text.empty() ? 0 : std::strtol(view.max_uses_text.c_str(), nullptr, 10);
  if (uses < 0 || uses > 100000) view.err_link = "err_max_uses";
  if (view.err_link) return;
  pb::ClientFrame f;
  auto* c = f.mutable_create_invite_link();
  c->set_org_id(oc.active_org.get());
  c->set_kind(view.link_kind);
  if (needs_class) c->set_group_id(view.link_group);
  if (view.link_kind == pb::LINK_KIND_CHAT) c->set_chat_id(view.link_chat);
  // 7 days is the server's default (0); the longest choice keeps a margin for clock skew.
  const std::int64_t margin = view.expiry_days >= 90 ? 10 * 60 * 1000 : 0;
  c->set_expires_at_ms(view.expiry_days == 7 ? 0 : oc.now_ms + view.expiry_days * kDayMs - margin);
  c->set_max_uses(static_cast<std::uint32_t>(uses));
  out.org.commands.push_back(std::move(f));
}

void link_box(const ViewContext& ctx, const OrgContext& oc, const pb::InviteLink& l, float w, AdminView& view,
              UiProbe& probe, Intents& out) {
  const I18n& tr = ctx.tr;
  const float d = ctx.fonts.dpr;
  const bool expired = l.expires_at_ms() > 0 && l.expires_at_ms() <= oc.now_ms;
  const bool used_up = l.max_uses() > 0 && l.uses() >= l.max_uses();
  const bool active = !l.revoked() && !expired && !used_up;
  ImGui::PushID(static_cast<int>(l.id()));
  begin_box(ctx, "##link", w);
  const float inner = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const char* state = tr(l.revoked() ? "link_revoked"
                         : expired   ? "link_expired"
                         : used_up   ? "link_used_up"
                                     : "link_active");
  const float sw = ctx.fonts.small->CalcTextSizeA(ctx.fonts.small->FontSize, FLT_MAX, 0, state).x;
  dl->AddText(ctx.fonts.small, ctx.fonts.small->FontSize, ImVec2(top.x + inner - sw, top.y + std::round(3 * d)),
              active ? color::kOnline : color::kError, state);
  ImGui::TextEllipsis(dl, ctx.fonts.bold, top, inner - sw - 12 * d, color::kText, link_target(tr, l));
  ImGui::Dummy(ImVec2(0, ctx.fonts.bold->FontSize));
  std::string info =
      l.max_uses() > 0
          ? tr.format("link_uses_of", {{"uses", std::to_string(l.uses())}, {"max", std::to_string(l.max_uses())}})
          : tr.plural("link_used", l.uses()) + ", " + tr("link_unlimited");
  info += " · " + tr.format("link_until", {{"date", format_date(l.expires_at_ms())}});
  if (!l.created_by_name().empty()) info += " · " + l.created_by_name();
  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(info.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  const std::string url = link_url(oc.origin, l.token());
  const ImVec2 url_pos = ImGui::GetCursorScreenPos();
  ImGui::TextEllipsis(dl, ctx.fonts.small, url_pos, inner, color::kAccent, url);
  ImGui::Dummy(ImVec2(0, ctx.fonts.small->FontSize));

  char name[48];
  std::snprintf(name, sizeof name, "link_copy_%lld", static_cast<long long>(l.id()));
  if (secondary_button(probe, name, tr(view.copied_link == l.id() ? "link_copied" : "link_copy"))) {
    out.shell.copy = url;
    view.copied_link = l.id();
  }
  ImGui::SameLine();
  std::snprintf(name, sizeof name, "link_qr_%lld", static_cast<long long>(l.id()));
  if (secondary_button(probe, name, tr(view.qr_link == l.id() ? "link_qr_hide" : "link_qr")))
    view.qr_link = view.qr_link == l.id() ? 0 : l.id();
  if (!l.revoked() && allowed(oc.actor, Action::RevokeLink, {oc.active_org, UserId{l.created_by()}})) {
    ImGui::SameLine();
    std::snprintf(name, sizeof name, "link_revoke_%lld", static_cast<long long>(l.id()));
    if (secondary_button(probe, name, tr("link_revoke"))) {
      pb::ClientFrame f;
      f.mutable_revoke_invite_link()->set_org_id(oc.active_org.get());
      f.mutable_revoke_invite_link()->set_link_id(l.id());
      out.org.commands.push_back(std::move(f));
    }
  }
  if (view.qr_link == l.id()) {
    if (view.qr_for != l.id()) {
      view.qr = qr_encode(url);  // once per link, not per frame
      view.qr_for = l.id();
    }
    draw_qr(view.qr, std::min(inner, 260 * d));
    probe.add("link_qr_code");
  }
  end_box();
  ImGui::PopID();
}

}  // namespace

void draw_links_tab(const ViewContext& ctx, const OrgContext& oc, float w, AdminView& view, UiProbe& probe,
                    Intents& out) {
  const OrgState& org = oc.org;
  // A link just created: show its QR code right away.
  if (org.created_link != 0 && org.created_link != view.created_seen) {
    view.created_seen = org.created_link;
    view.qr_link = org.created_link;
  }
  create_box(ctx, oc, w, view, probe, out);
  ImGui::Dummy(ImVec2(0, std::round(4 * ctx.fonts.dpr)));
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::Text("%s (%d)", ctx.tr("link_list"), static_cast<int>(org.links.size()));
  ImGui::PopFont();
  if (!org.links_loaded && org.links.empty())
    form_note(ctx.tr("loading"));
  else if (org.links.empty())
    form_note(ctx.tr("link_none"));
  for (const pb::InviteLink& l : org.links) link_box(ctx, oc, l, w, view, probe, out);
}

}  // namespace parta::ui
