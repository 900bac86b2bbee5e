// A link opened from the address bar (#/join/<token>): what it leads to, the
// registration form (and the parent's-code step), or joining a chat; a clear
// message for expired, revoked, used-up and unknown links.
#include <cmath>

#include "client/app/org/org_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "shared/proto/protocol.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

// The i18n key explaining why a link can't be used.
const char* link_error_key(ErrorCode code) {
  switch (code) {
    case pb::ERROR_LINK_EXPIRED:
      return "link_err_expired";
    case pb::ERROR_LINK_REVOKED:
      return "link_err_revoked";
    case pb::ERROR_LINK_USED_UP:
      return "link_err_used_up";
    case pb::ERROR_WRONG_ORG:
      return "link_err_wrong_org";
    case pb::ERROR_ORG_SUSPENDED:
      return "link_err_suspended";
    case pb::ERROR_NOT_FOUND:
    case pb::ERROR_INVALID_ARGUMENT:
      return "link_err_unknown";
    default:
      return nullptr;
  }
}

void link_error(const ViewContext& ctx, ErrorCode code) {
  ImGui::PushFont(ctx.fonts.bold);
  form_error(ctx.tr("link_err_title"));
  ImGui::PopFont();
  const char* key = link_error_key(code);
  form_note(key ? ctx.tr(key) : ctx.tr.error(code));
}

// "Registration of a student of 5А" and the org's name.
void invite_header(const ViewContext& ctx, const pb::InviteInfo& info, float w) {
  centered_text(ctx.fonts.title, color::kText, info.org_name().c_str(), w);
  std::string what;
  switch (info.kind()) {
    case pb::LINK_KIND_STAFF:
      what = ctx.tr("join_kind_staff");
      break;
    case pb::LINK_KIND_STUDENTS:
      what = ctx.tr.format("join_kind_students", {{"class", info.group_name()}});
      break;
    case pb::LINK_KIND_PARENTS:
      what = info.child_name().empty() ? ctx.tr.format("join_kind_parents", {{"class", info.group_name()}})
                                       : ctx.tr.format("join_kind_parent_of", {{"child", info.child_name()}});
      break;
    case pb::LINK_KIND_CHAT:
      what = ctx.tr.format("join_kind_chat", {{"chat", info.chat_title()}});
      break;
    default:
      break;
  }
  centered_text(ctx.fonts.regular, color::kMuted, what.c_str(), w);
  ImGui::Dummy(ImVec2(0, std::round(4 * ctx.fonts.dpr)));
}

void registration_form(const ViewContext& ctx, const OrgContext& oc, const pb::InviteInfo& info, JoinForm& f,
                       UiProbe& probe, Intents& out, float w) {
  const OrgState& org = oc.org;
  const bool busy = org.busy(pb::ClientFrame::kRegister);
  const bool student = info.kind() == pb::LINK_KIND_STUDENTS;
  if (f.focus_first) {
    ImGui::FocusNextItem();
    f.focus_first = false;
  }
  bool submit =
      form_field(ctx, probe, "join_name", ctx.tr("join_name"), f.name, ctx.tr("join_name_hint"), 0, f.err_name);
  submit |=
      form_field(ctx, probe, "join_login", ctx.tr("login_label"), f.login, ctx.tr("login_placeholder"), 0, f.err_login);
  submit |= form_field(ctx, probe, "join_password", ctx.tr("join_password"), f.password, nullptr,
                       ImGuiInputTextFlags_Password, f.err_password);
  if (student) {
    submit |= form_field(ctx, probe, "join_parent_email", ctx.tr("join_parent_email"), f.parent_email, "mama@mail.ru",
                         0, f.err_parent);
    form_note(ctx.tr("join_parent_note"));
  }
  op_error(ctx, org, pb::ClientFrame::kRegister);
  submit |= primary_button(ctx, probe, "join_submit", ctx.tr(busy ? "join_submitting" : "join_submit"), w, busy);
  if (!submit || busy) return;
  f.err_name = validate_display_name(f.name).is_ok() ? nullptr : "err_name";
  f.err_login = validate_login_field(f.login).is_ok() ? nullptr : "err_login";
  f.err_password =
      f.password.size() < kMinPasswordChars || !validate_password(f.password).is_ok() ? "err_password" : nullptr;
  f.err_parent = !student || f.parent_email.empty() || validate_email(f.parent_email).is_ok() ? nullptr : "err_email";
  if (f.err_name || f.err_login || f.err_password || f.err_parent) return;
  pb::ClientFrame cmd;
  auto* r = cmd.mutable_register_();
  r->set_token(oc.route.token);
  r->set_display_name(f.name);
  r->set_login(f.login);
  r->set_password(f.password);
  if (student) r->set_parent_email(f.parent_email);
  r->set_protocol_version(kProtocolVersion);
  out.org.commands.push_back(std::move(cmd));
}

void code_step(const ViewContext& ctx, const OrgContext& oc, JoinForm& f, UiProbe& probe, Intents& out, float w) {
  const OrgState& org = oc.org;
  const bool busy = org.busy(pb::ClientFrame::kConfirmRegistration);
  form_success(ctx.tr.format("join_code_sent", {{"email", org.registration_sent_to}}).c_str());
  const bool enter = form_field(ctx, probe, "code_input", ctx.tr("code_label"), f.code, "123456",
                                ImGuiInputTextFlags_CharsDecimal, f.err_code);
  op_error(ctx, org, pb::ClientFrame::kConfirmRegistration);
  if ((primary_button(ctx, probe, "code_submit", ctx.tr(busy ? "join_submitting" : "join_confirm"), w, busy) ||
       enter) &&
      !busy) {
    f.err_code = validate_one_time_code(f.code).is_ok() ? nullptr : "err_code";
    if (f.err_code == nullptr) {
      pb::ClientFrame cmd;
      cmd.mutable_confirm_registration()->set_registration_id(org.registration_id);
      cmd.mutable_confirm_registration()->set_code(f.code);
      out.org.commands.push_back(std::move(cmd));
    }
  }
}

}  // namespace

void draw_join(const ViewContext& ctx, const OrgContext& oc, JoinForm& f, LoginForm& login, UiProbe& probe, Intents& out) {
  const OrgState& org = oc.org;
  const bool logged_in = ctx.state.me.has_value();
  const bool current = org.invite_token == oc.route.token;
  const pb::InviteInfo* info = current && org.invite ? &*org.invite : nullptr;
  // A chat link needs a member of the org: log in first, then it is joined.
  if (!logged_in && info && info->kind() == pb::LINK_KIND_CHAT) {
    const std::string heading =
        ctx.tr.format("join_chat_login", {{"chat", info->chat_title()}, {"org", info->org_name()}});
    draw_login(ctx, login, probe, out, heading.c_str());
    return;
  }
  const float w = begin_card_page(ctx, "##join_page", 440, f.card_height);
  centered_text(ctx.fonts.title, color::kAccent, ctx.tr("app_title"), w);
  ImGui::Dummy(ImVec2(0, std::round(2 * ctx.fonts.dpr)));

  const Status& error = current && !org.invite_error.is_ok() ? org.invite_error : oc.local_error;
  if (info == nullptr && !error.is_ok()) {
    link_error(ctx, error.code());
  } else if (info == nullptr) {
    centered_text(ctx.fonts.regular, color::kMuted, ctx.tr("join_checking"), w);
  } else {
    invite_header(ctx, *info, w);
    if (logged_in && info->kind() == pb::LINK_KIND_CHAT) {
      // Joining happens by itself (app_org.cpp); here: its progress or refusal.
      const OpStatus& op = org.op(pb::ClientFrame::kJoinChat);
      if (!op.error.is_ok())
        link_error(ctx, op.error.code());
      else
        centered_text(ctx.fonts.regular, color::kMuted, ctx.tr("join_chat_joining"), w);
    } else if (logged_in) {
      form_note(ctx.tr.format("join_logged_in", {{"name", ctx.state.me->display_name()}}).c_str());
      if (primary_button(ctx, probe, "join_logout", ctx.tr("join_logout"), w, false)) out.auth.logout = true;
    } else if (org.registration_pending) {
      code_step(ctx, oc, f, probe, out, w);
    } else {
      registration_form(ctx, oc, *info, f, probe, out, w);
    }
  }
  ImGui::Dummy(ImVec2(0, std::round(2 * ctx.fonts.dpr)));
  if (ImGui::LinkButton(ctx.tr(logged_in ? "join_to_chats" : "join_to_login"))) out.shell.navigate = Route{};
  probe.add("join_home");
  probe.a11y.item(A11yRole::Link, ctx.tr(logged_in ? "join_to_chats" : "join_to_login"));
  end_card_page(ctx, f.card_height);
}

}  // namespace parta::ui
