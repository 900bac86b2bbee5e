// An organization's application (#/apply): the organization, its admin, the
// signed appointment letter (uploaded over HTTP first), then a confirmation.
#include <cmath>
#include <cstdio>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

std::string file_size_text(const I18n& tr, double bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f", bytes / (1024 * 1024));
  else
    std::snprintf(buf, sizeof buf, "%.0f", std::ceil(bytes / 1024));
  return tr.format(bytes >= 1024 * 1024 ? "size_mb" : "size_kb", {{"n", buf}});
}

void document_field(const ViewContext& ctx, ApplyForm& f, UiProbe& probe, Intents& out) {
  const float d = ctx.fonts.dpr;
  ImGui::TextUnformatted(ctx.tr("apply_document"));
  form_note(ctx.tr("apply_document_note"));
  const bool uploading = f.upload == UploadState::Uploading;
  ImGui::BeginDisabled(uploading);
  if (secondary_button(probe, "apply_attach",
                       ctx.tr(f.upload == UploadState::None ? "apply_attach" : "apply_attach_other"))) {
    out.org.pick_file = true;
  }
  ImGui::EndDisabled();
  if (f.upload == UploadState::None) return;
  ImGui::SameLine();
  const float name_w = ImGui::GetContentRegionAvail().x;
  const std::string label = f.file_name + " · " + file_size_text(ctx.tr, f.file_size);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::TextEllipsis(ImGui::GetWindowDrawList(), ctx.fonts.regular,
                      ImVec2(at.x, at.y + ImGui::GetStyle().FramePadding.y), name_w, color::kText, label);
  ImGui::NewLine();
  switch (f.upload) {
    case UploadState::Uploading:
    case UploadState::Checking:
      ImGui::ProgressBar(f.progress, ImVec2(-1, std::round(8 * d)), "");
      form_note(ctx.tr("apply_uploading"));
      break;
    case UploadState::Done:
      form_success(ctx.tr("apply_uploaded"));
      break;
    case UploadState::Failed:
      form_error(ctx.tr.error(f.upload_error));
      break;
    case UploadState::None:
      break;
  }
}

void submit(ApplyForm& f, Intents& out) {
  f.err_org = validate_line(f.org_name, kMaxOrgNameChars, "org").is_ok() ? nullptr : "err_required";
  f.err_region = validate_line(f.region, kMaxOrgNameChars, "region").is_ok() ? nullptr : "err_required";
  f.err_address = validate_line(f.address, kMaxAddressChars, "address").is_ok() ? nullptr : "err_required";
  f.err_admin = validate_display_name(f.admin_name).is_ok() ? nullptr : "err_name";
  f.err_phone = validate_phone(f.phone).is_ok() ? nullptr : "err_phone";
  f.err_email = validate_email(f.email).is_ok() ? nullptr : "err_email";
  f.err_password =
      f.password.size() < kMinPasswordChars || !validate_password(f.password).is_ok() ? "err_password" : nullptr;
  f.err_document = f.upload == UploadState::Done        ? nullptr
                   : f.upload == UploadState::Uploading ? "err_document_wait"
                                                        : "err_document";
  if (f.err_org || f.err_region || f.err_address || f.err_admin || f.err_phone || f.err_email || f.err_password ||
      f.err_document) {
    return;
  }
  pb::ClientFrame cmd;
  auto* c = cmd.mutable_submit_org_application();
  c->set_org_name(f.org_name);
  c->set_region(f.region);
  c->set_address(f.address);
  c->set_type(f.type);
  c->set_admin_name(f.admin_name);
  c->set_admin_phone(f.phone);
  c->set_admin_email(f.email);
  c->set_admin_password(f.password);
  c->set_document_upload_id(f.upload_id);
  out.org.commands.push_back(std::move(cmd));
}

}  // namespace

void draw_apply(const ViewContext& ctx, const OrgContext& oc, ApplyForm& f, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  const float d = ctx.fonts.dpr;
  const float w = begin_card_page(ctx, "##apply_page", 640, f.card_height);
  centered_text(ctx.fonts.title, color::kAccent, ctx.tr("app_title"), w);
  centered_text(ctx.fonts.bold, color::kText, ctx.tr("apply_title"), w);
  ImGui::Dummy(ImVec2(0, std::round(2 * d)));

  if (org.submitted_application != 0) {
    // Done: what happens next.
    form_success(ctx.tr.format("apply_done", {{"id", std::to_string(org.submitted_application)}}).c_str());
    form_note(ctx.tr.format("apply_done_note", {{"email", f.email}}).c_str());
    ImGui::Dummy(ImVec2(0, std::round(4 * d)));
    if (primary_button(ctx, probe, "apply_done_back", ctx.tr("apply_done_back"), w, false)) out.shell.navigate = Route{};
    end_card_page(ctx, f.card_height);
    return;
  }

  form_note(ctx.tr("apply_note"));
  if (f.focus_first) {
    ImGui::FocusNextItem();
    f.focus_first = false;
  }
  // Two fields a row when the card is wide enough: the whole form fits a laptop screen.
  const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
  const bool two = w >= 500 * d;
  const float col = two ? std::floor((w - gap) * 0.5f) : w;
  auto next_column = [&] {
    if (!two) return;
    ImGui::SameLine(0, gap);
    ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0;  // align the labels' tops, not baselines
  };
  form_field(ctx, probe, "apply_org_name", ctx.tr("apply_org_name"), f.org_name, ctx.tr("apply_org_name_hint"), 0,
             f.err_org);
  ImGui::TextUnformatted(ctx.tr("apply_type"));
  const float button_h = std::round(34 * d);
  struct TypeChoice {
    pb::OrgType type;
    const char* key;
    const char* probe;
  };
  const TypeChoice types[] = {{pb::ORG_TYPE_SCHOOL, "org_type_school", "apply_type_school"},
                              {pb::ORG_TYPE_COLLEGE, "org_type_college", "apply_type_college"},
                              {pb::ORG_TYPE_SUPPLEMENTARY, "org_type_supplementary", "apply_type_supplementary"}};
  for (int i = 0; i < 3; ++i) {
    const char* label = ctx.tr(types[i].key);
    // Wrap onto the next line when the card is narrow.
    if (i > 0) {
      const float need = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
      const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + need;
      if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
    }
    ImGui::PushID(types[i].probe);
    if (ImGui::ToggleButton(label, f.type == types[i].type, button_h)) f.type = types[i].type;
    ImGui::PopID();
    probe.add(types[i].probe);
    probe.a11y.item(A11yRole::Radio, label, f.type == types[i].type ? kA11yChecked : 0);
  }
  form_field(ctx, probe, "apply_region", ctx.tr("apply_region"), f.region, ctx.tr("apply_region_hint"), 0, f.err_region,
             col);
  next_column();
  form_field(ctx, probe, "apply_address", ctx.tr("apply_address"), f.address, nullptr, 0, f.err_address, col);

  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(ctx.tr("apply_admin_section"));
  ImGui::PopFont();
  form_field(ctx, probe, "apply_admin_name", ctx.tr("apply_admin_name"), f.admin_name, ctx.tr("join_name_hint"), 0,
             f.err_admin, col);
  next_column();
  form_field(ctx, probe, "apply_phone", ctx.tr("apply_phone"), f.phone, "+7 900 123-45-67", 0, f.err_phone, col);
  form_field(ctx, probe, "apply_email", ctx.tr("apply_email"), f.email, "director@school.ru", 0, f.err_email, col);
  next_column();
  form_field(ctx, probe, "apply_password", ctx.tr("apply_password"), f.password, nullptr, ImGuiInputTextFlags_Password,
             f.err_password, col);
  form_note(ctx.tr("apply_password_note"));

  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  document_field(ctx, f, probe, out);
  if (f.err_document != nullptr && f.upload != UploadState::Done) form_error(ctx.tr(f.err_document));

  ImGui::Dummy(ImVec2(0, std::round(4 * d)));
  op_error(ctx, org, pb::ClientFrame::kSubmitOrgApplication);
  const bool busy = org.busy(pb::ClientFrame::kSubmitOrgApplication);
  if (primary_button(ctx, probe, "apply_submit", ctx.tr(busy ? "apply_submitting" : "apply_submit"), w, busy) && !busy)
    submit(f, out);
  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  if (ImGui::LinkButton(ctx.tr(ctx.state.me ? "join_to_chats" : "join_to_login"))) out.shell.navigate = Route{};
  probe.add("apply_back");
  probe.a11y.item(A11yRole::Link, ctx.tr(ctx.state.me ? "join_to_chats" : "join_to_login"));
  end_card_page(ctx, f.card_height);
}

}  // namespace parta::ui
