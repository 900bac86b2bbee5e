// The management console (#/admin): the org header and switcher, the tabs the
// policy allows (structure and members for admins, links for admins and
// verified teachers), and the structure tab: new classes, groups and
// departments, class teachers, the e-journal URL.
#include <cmath>
#include <cstdio>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

const char* group_kind_key(pb::GroupKind k) {
  switch (k) {
    case pb::GROUP_KIND_GROUP:
      return "group_kind_groups";
    case pb::GROUP_KIND_DEPARTMENT:
      return "group_kind_departments";
    default:
      return "group_kind_classes";
  }
}

void new_group_box(const ViewContext& ctx, const OrgContext& oc, float w, AdminView& view, UiProbe& probe,
                   Intents& out) {
  const OrgState& org = oc.org;
  const float d = ctx.fonts.dpr;
  const OpStatus& op = org.op(pb::ClientFrame::kCreateGroup);
  if (op.succeeded != view.groups_seen) {
    view.groups_seen = op.succeeded;
    view.new_group_name.clear();
  }
  begin_box(ctx, "##new_group", w);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("admin_new_group"));
  ImGui::PopFont();
  struct Kind {
    pb::GroupKind kind;
    const char* key;
    const char* probe;
  };
  const Kind kinds[] = {{pb::GROUP_KIND_CLASS, "group_kind_class", "admin_new_kind_class"},
                        {pb::GROUP_KIND_GROUP, "group_kind_group", "admin_new_kind_group"},
                        {pb::GROUP_KIND_DEPARTMENT, "group_kind_department", "admin_new_kind_department"}};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine();
    ImGui::PushID(kinds[i].probe);
    if (ImGui::ToggleButton(ctx.tr(kinds[i].key), view.new_kind == kinds[i].kind, std::round(32 * d)))
      view.new_kind = kinds[i].kind;
    ImGui::PopID();
    probe.add(kinds[i].probe);
    probe.a11y.item(A11yRole::Radio, ctx.tr(kinds[i].key), view.new_kind == kinds[i].kind ? kA11yChecked : 0);
  }
  const char* create = ctx.tr("admin_create");
  const float button_w = ImGui::CalcTextSize(create).x + ImGui::GetStyle().FramePadding.x * 2;
  const float inner = ImGui::GetContentRegionAvail().x;
  const bool one_line = inner > 360 * d;
  ImGui::SetNextItemWidth(one_line ? inner - button_w - ImGui::GetStyle().ItemSpacing.x : inner);
  const char* hint = view.new_kind == pb::GROUP_KIND_CLASS ? "5А" : ctx.tr("admin_group_hint");
  const bool enter =
      ImGui::InputTextWithHint("##new_group_name", hint, &view.new_group_name, ImGuiInputTextFlags_EnterReturnsTrue);
  probe.add("admin_new_class_name");
  probe.a11y.item(A11yRole::Textbox, ctx.tr("admin_new_group"));
  if (one_line) ImGui::SameLine();
  const bool busy = org.busy(pb::ClientFrame::kCreateGroup);
  ImGui::BeginDisabled(busy);
  const bool pressed = secondary_button(probe, "admin_create_class", create);
  ImGui::EndDisabled();
  if (view.err_group) form_error(ctx.tr(view.err_group));
  op_error(ctx, org, pb::ClientFrame::kCreateGroup);
  if ((pressed || enter) && !busy) {
    view.err_group =
        validate_line(view.new_group_name, kMaxGroupNameChars, "name").is_ok() ? nullptr : "err_group_name";
    if (view.err_group == nullptr) {
      pb::ClientFrame f;
      f.mutable_create_group()->set_org_id(oc.active_org.get());
      f.mutable_create_group()->set_kind(view.new_kind);
      f.mutable_create_group()->set_name(view.new_group_name);
      out.org.commands.push_back(std::move(f));
    }
  }
  end_box();
}

void journal_box(const ViewContext& ctx, const OrgContext& oc, float w, AdminView& view, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  if (!view.journal_loaded && org.structure) {
    view.journal_url = org.structure->journal_url();
    view.journal_loaded = true;
  }
  begin_box(ctx, "##journal", w);
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("admin_journal"));
  ImGui::PopFont();
  form_note(ctx.tr("admin_journal_note"));
  const char* save = ctx.tr("save");
  const float button_w = ImGui::CalcTextSize(save).x + ImGui::GetStyle().FramePadding.x * 2;
  const float inner = ImGui::GetContentRegionAvail().x;
  const bool one_line = inner > 360 * ctx.fonts.dpr;
  ImGui::SetNextItemWidth(one_line ? inner - button_w - ImGui::GetStyle().ItemSpacing.x : inner);
  const bool enter =
      ImGui::InputTextWithHint("##journal_url", "https://", &view.journal_url, ImGuiInputTextFlags_EnterReturnsTrue);
  probe.add("admin_journal_url");
  if (one_line) ImGui::SameLine();
  const bool busy = org.busy(pb::ClientFrame::kSetJournalUrl);
  ImGui::BeginDisabled(busy);
  const bool pressed = secondary_button(probe, "admin_journal_save", save);
  ImGui::EndDisabled();
  if (view.err_journal) form_error(ctx.tr(view.err_journal));
  op_error(ctx, org, pb::ClientFrame::kSetJournalUrl);
  if ((pressed || enter) && !busy) {
    view.err_journal = view.journal_url.empty() || validate_https_url(view.journal_url).is_ok() ? nullptr : "err_url";
    if (view.err_journal == nullptr) {
      pb::ClientFrame f;
      f.mutable_set_journal_url()->set_org_id(oc.active_org.get());
      f.mutable_set_journal_url()->set_url(view.journal_url);
      out.org.commands.push_back(std::move(f));
    }
  }
  end_box();
}

// A class's teacher: who it is, and a picker of verified teachers.
void class_teacher(const ViewContext& ctx, const OrgContext& oc, const pb::Group& g, AdminView& view, UiProbe& probe,
                   Intents& out) {
  const std::string who =
      g.class_teacher_id() > 0 ? g.class_teacher_name() : std::string(ctx.tr("admin_no_class_teacher"));
  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::TextUnformatted(ctx.tr.format("admin_class_teacher", {{"name", who}}).c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine();
  char name[48];
  std::snprintf(name, sizeof name, "class_teacher_%lld", static_cast<long long>(g.id()));
  if (ImGui::LinkButton(ctx.tr("admin_assign")))
    view.picking_teacher_for = view.picking_teacher_for == g.id() ? 0 : g.id();
  probe.add(name);
  probe.a11y.item(A11yRole::Button, std::string(ctx.tr("admin_assign")) + ": " + g.name(),
                  view.picking_teacher_for == g.id() ? kA11yExpanded : 0);
  if (view.picking_teacher_for != g.id()) return;
  auto assign = [&](std::int64_t teacher) {
    pb::ClientFrame f;
    f.mutable_assign_class_teacher()->set_org_id(oc.active_org.get());
    f.mutable_assign_class_teacher()->set_group_id(g.id());
    f.mutable_assign_class_teacher()->set_teacher_id(teacher);
    out.org.commands.push_back(std::move(f));
    view.picking_teacher_for = 0;
  };
  ImGui::Indent();
  int shown = 0;
  for (const pb::Member& m : oc.org.staff) {
    if (!m.user().verified_teacher()) continue;  // only verified teachers lead a class
    std::snprintf(name, sizeof name, "class_teacher_pick_%lld", static_cast<long long>(m.user().id()));
    ImGui::PushID(name);
    if (ImGui::Selectable(m.user().display_name().c_str(), m.user().id() == g.class_teacher_id()))
      assign(m.user().id());
    ImGui::PopID();
    probe.add(name);
    probe.a11y.item(A11yRole::Option, m.user().display_name(), m.user().id() == g.class_teacher_id() ? kA11ySelected : 0);
    ++shown;
  }
  if (shown == 0) form_note(ctx.tr("admin_no_verified_teachers"));
  if (g.class_teacher_id() > 0) {
    if (ImGui::Selectable(ctx.tr("admin_clear_class_teacher"))) assign(0);
    probe.add("class_teacher_pick_0");
    probe.a11y.item(A11yRole::Option, ctx.tr("admin_clear_class_teacher"));
  }
  ImGui::Unindent();
}

void structure_tab(const ViewContext& ctx, const OrgContext& oc, float w, AdminView& view, UiProbe& probe,
                   Intents& out) {
  const OrgState& org = oc.org;
  new_group_box(ctx, oc, w, view, probe, out);
  journal_box(ctx, oc, w, view, probe, out);
  if (!org.structure) {
    form_note(ctx.tr("loading"));
    return;
  }
  for (pb::GroupKind kind : {pb::GROUP_KIND_CLASS, pb::GROUP_KIND_GROUP, pb::GROUP_KIND_DEPARTMENT}) {
    int count = 0;
    for (const auto& g : org.structure->groups()) count += g.kind() == kind;
    ImGui::Dummy(ImVec2(0, std::round(4 * ctx.fonts.dpr)));
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::Text("%s (%d)", ctx.tr(group_kind_key(kind)), count);
    ImGui::PopFont();
    if (count == 0) form_note(ctx.tr("admin_none_yet"));
    for (const auto& g : org.structure->groups()) {
      if (g.kind() != kind) continue;
      ImGui::PushID(static_cast<int>(g.id()));
      begin_box(ctx, "##group", w);
      ImGui::PushFont(ctx.fonts.bold);
      ImGui::TextUnformatted(g.name().c_str());
      ImGui::PopFont();
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
      ImGui::TextUnformatted(ctx.tr.plural("chat_members", g.member_count()).c_str());
      ImGui::PopStyleColor();
      if (kind == pb::GROUP_KIND_CLASS) class_teacher(ctx, oc, g, view, probe, out);
      end_box();
      ImGui::PopID();
    }
  }
}

}  // namespace

void draw_admin(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, AdminView& view, UiProbe& probe,
                Intents& out) {
  const OrgState& org = oc.org;
  const float d = ctx.fonts.dpr;
  const float w = begin_pane(ctx, "##admin", area, 980);
  const pb::Membership* m = oc.actor.membership;
  if (m == nullptr) {
    section_title(ctx, ctx.tr("nav_admin"));
    form_note(ctx.tr("no_access"));
    end_pane();
    return;
  }
  section_title(ctx, org.structure ? org.structure->org_name().c_str() : m->org_name().c_str());
  // Several orgs: a switcher.
  int staff_orgs = 0;
  for (const auto& x : ctx.state.memberships) staff_orgs += x.role() != pb::ROLE_STUDENT && x.role() != pb::ROLE_PARENT;
  if (staff_orgs > 1) {
    bool first = true;
    for (const auto& x : ctx.state.memberships) {
      if (x.role() == pb::ROLE_STUDENT || x.role() == pb::ROLE_PARENT) continue;
      if (!first) ImGui::SameLine();
      first = false;
      ImGui::PushID(static_cast<int>(x.org_id()));
      if (ImGui::ToggleButton(x.org_name().c_str(), x.org_id() == oc.active_org.get(), std::round(30 * d)))
        out.org.select_org = OrgId{x.org_id()};
      ImGui::PopID();
      probe.add("org", x.org_id());
      probe.a11y.item(A11yRole::Radio, x.org_name(), x.org_id() == oc.active_org.get() ? kA11yChecked : 0);
    }
  }
  const Target here{oc.active_org, {}};
  const bool admin = allowed(oc.actor, Action::EditStructure, here);
  const Status links = check(oc.actor, Action::ListLinks, here);
  if (m->org_status() == pb::ORG_STATUS_SUSPENDED) form_error(ctx.tr("org_suspended_notice"));
  if (links.code() == pb::ERROR_PENDING_VERIFICATION) {
    // A teacher an admin has not verified yet: nothing to manage until then.
    begin_box(ctx, "##pending", w);
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted(ctx.tr("pending_title"));
    ImGui::PopFont();
    form_note(ctx.tr("pending_notice"));
    end_box();
    end_pane();
    return;
  }
  if (!admin && !links.is_ok()) {
    form_note(ctx.tr("no_access"));
    end_pane();
    return;
  }
  // The members list feeds the members tab and the class-teacher picker.
  if (admin && view.filters_dirty && !org.busy(pb::ClientFrame::kListMembers)) {
    view.filters_dirty = false;
    pb::ClientFrame f;
    auto* c = f.mutable_list_members();
    c->set_org_id(oc.active_org.get());
    c->set_query(view.search);
    c->set_role(view.role_filter);
    c->set_pending_only(view.pending_only);
    out.org.commands.push_back(std::move(f));
  }
  if (!admin) view.tab = AdminTab::Links;
  if (admin) {
    const float h = std::round(34 * d);
    struct Tab {
      AdminTab tab;
      const char* key;
      const char* probe;
    };
    const Tab tabs[] = {{AdminTab::Structure, "admin_tab_structure", "admin_tab_structure"},
                        {AdminTab::Members, "admin_tab_members", "admin_tab_members"},
                        {AdminTab::Links, "admin_tab_links", "admin_tab_links"}};
    for (int i = 0; i < 3; ++i) {
      if (i > 0) ImGui::SameLine();
      ImGui::PushID(tabs[i].probe);
      if (ImGui::ToggleButton(ctx.tr(tabs[i].key), view.tab == tabs[i].tab, h)) {
        view.tab = tabs[i].tab;
        if (view.tab == AdminTab::Members) view.filters_dirty = true;  // people may have joined meanwhile
      }
      ImGui::PopID();
      probe.add(tabs[i].probe);
      probe.a11y.item(A11yRole::Tab, ctx.tr(tabs[i].key), view.tab == tabs[i].tab ? kA11ySelected : 0);
    }
  }
  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  switch (view.tab) {
    case AdminTab::Structure:
      structure_tab(ctx, oc, w, view, probe, out);
      break;
    case AdminTab::Members:
      draw_members_tab(ctx, oc, w, view, probe, out);
      break;
    case AdminTab::Links:
      draw_links_tab(ctx, oc, w, view, probe, out);
      break;
  }
  end_pane();
}

}  // namespace parta::ui
