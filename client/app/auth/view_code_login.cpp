// Logging in with a one-time code from an e-mail (#/code): the address, then the code.
#include <cmath>

#include "client/app/auth/auth_views.h"
#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::ui {

void draw_code_login(const ViewContext& ctx, const OrgContext& oc, CodeLoginForm& form, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  float& card_h = form.card_height;
  const float w = begin_card_page(ctx, "##code_page", 420, card_h);
  centered_text(ctx.fonts.title, color::kAccent, ctx.tr("app_title"), w);
  centered_text(ctx.fonts.bold, color::kText, ctx.tr("code_title"), w);
  ImGui::Dummy(ImVec2(0, std::round(4 * ctx.fonts.dpr)));

  const bool sending = org.busy(pb::ClientFrame::kRequestLoginCode);
  const bool checking = org.busy(pb::ClientFrame::kLoginWithCode);
  if (form.focus_first) {
    ImGui::FocusNextItem();
    form.focus_first = false;
  }
  bool request =
      form_field(ctx, probe, "code_email", ctx.tr("code_email_label"), form.email, "name@school.ru", 0, form.err_email);

  if (!org.login_code_sent) {
    form_note(ctx.tr("code_email_note"));
    op_error(ctx, org, pb::ClientFrame::kRequestLoginCode);
    request |= primary_button(ctx, probe, "code_request", ctx.tr(sending ? "code_sending" : "code_send"), w, sending);
  } else {
    form_success(ctx.tr.format("code_sent", {{"email", form.email}}).c_str());
    const bool enter = form_field(ctx, probe, "code_input", ctx.tr("code_label"), form.code, "123456",
                                  ImGuiInputTextFlags_CharsDecimal, form.err_code);
    op_error(ctx, org, pb::ClientFrame::kLoginWithCode);
    if ((primary_button(ctx, probe, "code_submit", ctx.tr(checking ? "login_in_progress" : "login_submit"), w,
                        checking) ||
         enter) &&
        !checking) {
      form.err_code = validate_one_time_code(form.code).is_ok() ? nullptr : "err_code";
      form.err_email = validate_email(form.email).is_ok() ? nullptr : "err_email";
      if (form.err_code == nullptr && form.err_email == nullptr) {
        pb::ClientFrame f;
        auto* c = f.mutable_login_with_code();
        c->set_email(form.email);
        c->set_code(form.code);
        c->set_protocol_version(kProtocolVersion);
        out.org.commands.push_back(std::move(f));
      }
    }
    if (ImGui::LinkButton(ctx.tr("code_resend"))) request = true;
    probe.add("code_resend");
    probe.a11y.item(A11yRole::Link, ctx.tr("code_resend"));
  }
  if (request && !sending) {
    form.err_email = validate_email(form.email).is_ok() ? nullptr : "err_email";
    if (form.err_email == nullptr) {
      pb::ClientFrame f;
      f.mutable_request_login_code()->set_email(form.email);
      out.org.commands.push_back(std::move(f));
    }
  }
  ImGui::Dummy(ImVec2(0, std::round(2 * ctx.fonts.dpr)));
  if (ImGui::LinkButton(ctx.tr("code_back"))) out.shell.navigate = Route{};
  probe.add("code_back");
  probe.a11y.item(A11yRole::Link, ctx.tr("code_back"));
  end_card_page(ctx, card_h);
}

}  // namespace parta::ui
