// The platform operator's console (#/operator): organization applications,
// pending first, each with its document, approve / reject with a reason, and
// suspend / restore of approved organizations.
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

const char* status_key(pb::ApplicationStatus s) {
  switch (s) {
    case pb::APPLICATION_PENDING:
      return "app_status_pending";
    case pb::APPLICATION_APPROVED:
      return "app_status_approved";
    case pb::APPLICATION_REJECTED:
      return "app_status_rejected";
    default:
      return "app_status_pending";
  }
}

ImU32 status_color(pb::ApplicationStatus s) {
  switch (s) {
    case pb::APPLICATION_APPROVED:
      return color::kOnline;
    case pb::APPLICATION_REJECTED:
      return color::kError;
    default:
      return color::kConnecting;
  }
}

const char* type_key(pb::OrgType t) {
  switch (t) {
    case pb::ORG_TYPE_COLLEGE:
      return "org_type_college";
    case pb::ORG_TYPE_SUPPLEMENTARY:
      return "org_type_supplementary";
    default:
      return "org_type_school";
  }
}

// A rounded label with a colored outline, right-aligned on the current line.
void chip(const ViewContext& ctx, const char* text, ImU32 col, float right_x, float y) {
  const ImFont* f = ctx.fonts.small;
  const float d = ctx.fonts.dpr;
  const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text);
  const ImVec2 min(std::floor(right_x - ts.x - 16 * d), y);
  const ImVec2 max(std::floor(right_x), y + std::round(ts.y + 6 * d));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRect(min, max, col, std::round(10 * d), 0, std::max(1.0f, d));
  dl->AddText(f, f->FontSize, ImVec2(min.x + std::round(8 * d), min.y + std::round(3 * d)), col, text);
}

void muted_line(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void application_box(const ViewContext& ctx, const OrgContext& oc, const pb::OrgApplication& a, float w,
                     OperatorView& view, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  const I18n& tr = ctx.tr;
  ImGui::PushID(static_cast<int>(a.id()));
  begin_box(ctx, "##app", w);
  const float inner = ImGui::GetContentRegionAvail().x;
  const char* status = tr(status_key(a.status()));
  const float chip_w =
      ctx.fonts.small->CalcTextSizeA(ctx.fonts.small->FontSize, FLT_MAX, 0, status).x + 24 * ctx.fonts.dpr;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  chip(ctx, status, status_color(a.status()), top.x + inner, top.y);
  ImGui::TextEllipsis(ImGui::GetWindowDrawList(), ctx.fonts.bold, top, inner - chip_w, color::kText, a.org_name());
  ImGui::Dummy(ImVec2(0, ctx.fonts.bold->FontSize));
  muted_line(std::string(tr(type_key(a.type()))) + " · " + a.region() + " · " + a.address());
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(
      tr.format("app_admin",
                {{"name", a.admin_name()}, {"phone", a.admin_phone_masked()}, {"email", a.admin_email_masked()}})
          .c_str());
  ImGui::PopTextWrapPos();
  muted_line(tr.format("app_submitted", {{"date", format_date(a.submitted_at_ms())}, {"id", std::to_string(a.id())}}));
  if (a.status() == pb::APPLICATION_REJECTED && !a.decision_reason().empty()) {
    muted_line(tr.format("app_reason", {{"reason", a.decision_reason()}}));
  }

  // Actions. Buttons wrap onto the next line on narrow screens.
  auto next_button = [&](const char* label) {
    const float need = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + need <=
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
      ImGui::SameLine();
    }
  };
  char name[48];
  const std::string doc = a.document_name().empty() ? std::string(tr("app_document"))
                                                    : tr.format("app_document_named", {{"name", a.document_name()}});
  std::snprintf(name, sizeof name, "app_doc_%lld", static_cast<long long>(a.id()));
  if (secondary_button(probe, name, doc.c_str())) out.org.open_document = a.id();
  const bool deciding = org.busy(pb::ClientFrame::kDecideOrgApplication);
  if (a.status() == pb::APPLICATION_PENDING && view.rejecting != a.id()) {
    next_button(tr("app_approve"));
    std::snprintf(name, sizeof name, "app_approve_%lld", static_cast<long long>(a.id()));
    ImGui::PushStyleColor(ImGuiCol_Button, color::kAccent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::kAccentHover);
    ImGui::PushStyleColor(ImGuiCol_Text, color::kOnAccent);
    ImGui::BeginDisabled(deciding);
    if (secondary_button(probe, name, tr("app_approve"))) {
      pb::ClientFrame f;
      f.mutable_decide_org_application()->set_application_id(a.id());
      f.mutable_decide_org_application()->set_approve(true);
      out.org.commands.push_back(std::move(f));
    }
    ImGui::EndDisabled();
    ImGui::PopStyleColor(3);
    next_button(tr("app_reject"));
    std::snprintf(name, sizeof name, "app_reject_%lld", static_cast<long long>(a.id()));
    if (secondary_button(probe, name, tr("app_reject"))) {
      view.rejecting = a.id();
      view.reason.clear();
      view.err_reason = nullptr;
    }
  }
  if (a.status() == pb::APPLICATION_APPROVED && a.org_id() > 0) {
    const bool suspended = org.suspended(a.org_id()).value_or(false);
    const char* label = tr(suspended ? "org_restore" : "org_suspend");
    next_button(label);
    std::snprintf(name, sizeof name, suspended ? "org_restore_%lld" : "org_suspend_%lld",
                  static_cast<long long>(a.org_id()));
    ImGui::BeginDisabled(org.busy(pb::ClientFrame::kSetOrgSuspended));
    if (secondary_button(probe, name, label)) {
      pb::ClientFrame f;
      f.mutable_set_org_suspended()->set_org_id(a.org_id());
      f.mutable_set_org_suspended()->set_suspended(!suspended);
      out.org.commands.push_back(std::move(f));
    }
    ImGui::EndDisabled();
    if (suspended) form_error(tr("org_suspended_note"));
  }
  if (view.rejecting == a.id()) {
    // The reason is required: the applicant reads it.
    const bool enter = form_field(ctx, probe, "reason_input", tr("app_reject_reason"), view.reason,
                                  tr("app_reject_reason_hint"), 0, view.err_reason);
    if (!deciding && org.op(pb::ClientFrame::kDecideOrgApplication).latest != 0)
      op_error(ctx, org, pb::ClientFrame::kDecideOrgApplication);
    ImGui::BeginDisabled(deciding);
    if (secondary_button(probe, "reason_confirm", tr("app_reject_confirm")) || enter) {
      view.err_reason = validate_line(view.reason, kMaxReasonChars, "reason").is_ok() ? nullptr : "err_reason";
      if (view.err_reason == nullptr) {
        pb::ClientFrame f;
        f.mutable_decide_org_application()->set_application_id(a.id());
        f.mutable_decide_org_application()->set_approve(false);
        f.mutable_decide_org_application()->set_reason(view.reason);
        out.org.commands.push_back(std::move(f));
      }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (secondary_button(probe, "reason_cancel", tr("cancel"))) view.rejecting = 0;
  }
  // A decision arrived for the application being rejected: close the reason field.
  if (view.rejecting == a.id() && a.status() != pb::APPLICATION_PENDING) view.rejecting = 0;
  end_box();
  ImGui::PopID();
}

}  // namespace

void draw_operator(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, OperatorView& view, UiProbe& probe,
                   Intents& out) {
  const OrgState& org = oc.org;
  const float w = begin_pane(ctx, "##operator", area, 860);
  section_title(ctx, ctx.tr("op_title"));
  if (!allowed(oc.actor, Action::ReviewApplications)) {
    form_note(ctx.tr("no_access"));
    end_pane();
    return;
  }
  const float h = std::round(32 * ctx.fonts.dpr);
  ImGui::PushID("filters");
  if (ImGui::ToggleButton(ctx.tr("op_filter_all"), !view.pending_only, h)) view.pending_only = false;
  probe.add("apps_filter_all");
  probe.a11y.item(A11yRole::Radio, ctx.tr("op_filter_all"), !view.pending_only ? kA11yChecked : 0);
  ImGui::SameLine();
  if (ImGui::ToggleButton(ctx.tr("op_filter_pending"), view.pending_only, h)) view.pending_only = true;
  probe.add("apps_filter_pending");
  probe.a11y.item(A11yRole::Radio, ctx.tr("op_filter_pending"), view.pending_only ? kA11yChecked : 0);
  ImGui::SameLine();
  ImGui::BeginDisabled(org.busy(pb::ClientFrame::kListOrgApplications));
  if (ImGui::Button(ctx.tr("refresh"), ImVec2(0, h))) {
    pb::ClientFrame f;
    f.mutable_list_org_applications();
    out.org.commands.push_back(std::move(f));
  }
  probe.add("apps_refresh");
  probe.a11y.item(A11yRole::Button, ctx.tr("refresh"));
  ImGui::EndDisabled();
  ImGui::PopID();

  if (!org.applications_loaded) {
    form_note(ctx.tr(org.busy(pb::ClientFrame::kListOrgApplications) ? "loading" : "op_empty"));
  }
  int shown = 0;
  for (const pb::OrgApplication& a : org.applications) {
    if (view.pending_only && a.status() != pb::APPLICATION_PENDING) continue;
    application_box(ctx, oc, a, w, view, probe, out);
    ++shown;
  }
  if (org.applications_loaded && shown == 0) form_note(ctx.tr("op_empty"));
  end_pane();
}

}  // namespace parta::ui
