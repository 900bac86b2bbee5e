// The login screen (e-mail or phone + password) and the session-resume splash.
#include <algorithm>
#include <cmath>

#include "client/app/auth/auth_views.h"
#include "client/app/ui/forms.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"

namespace parta::ui {
namespace {

// The connection line under the form: a colored dot and the state in words.
void connection_line(const ViewContext& ctx) {
  const Connection c = ctx.state.connection;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float w = ImGui::StatusDot(ImGui::GetWindowDrawList(), ImGui::GetFont(), pos, connection_color(c));
  ImGui::Dummy(ImVec2(w, ImGui::GetFontSize()));
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::TextUnformatted(ctx.tr(connection_key(c)));
  ImGui::PopStyleColor();
}

}  // namespace

void draw_loading(const ViewContext& ctx) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const char* title = ctx.tr("app_title");
  const char* line = ctx.tr(ctx.state.connection == Connection::Offline ? "conn_offline" : "resuming");
  const ImVec2 ts = ctx.fonts.title->CalcTextSizeA(ctx.fonts.title->FontSize, FLT_MAX, 0, title);
  const ImVec2 ls = ctx.fonts.regular->CalcTextSizeA(ctx.fonts.regular->FontSize, FLT_MAX, 0, line);
  const float y = std::floor(size.y * 0.45f);
  dl->AddText(ctx.fonts.title, ctx.fonts.title->FontSize, ImVec2(std::floor((size.x - ts.x) * 0.5f), y - ts.y),
              color::kAccent, title);
  dl->AddText(ctx.fonts.regular, ctx.fonts.regular->FontSize,
              ImVec2(std::floor((size.x - ls.x) * 0.5f), y + std::round(8 * ctx.fonts.dpr)), color::kMuted, line);
}

void draw_login(const ViewContext& ctx, LoginForm& form, UiProbe& probe, Intents& out, const char* heading) {
  const float d = ctx.fonts.dpr;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float card_w = std::floor(std::min(display.x - 24 * d, 400 * d));
  const float pad = std::round(std::min(28 * d, card_w * 0.07f));
  // Center the card using last frame's height (it only changes with an error line).
  const float card_h = form.card_height > 0 ? form.card_height : 420 * d;
  ImGui::SetCursorScreenPos(ImVec2(std::floor((display.x - card_w) * 0.5f), std::floor(std::max(12 * d, (display.y - card_h) * 0.42f))));

  ImGui::PushStyleColor(ImGuiCol_ChildBg, color::kPanel);
  ImGui::PushStyleColor(ImGuiCol_Border, color::kBorder);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, std::round(10 * d));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##login_card", ImVec2(card_w, 0),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
  const float inner_w = ImGui::GetContentRegionAvail().x;

  centered_text(ctx.fonts.title, color::kAccent, ctx.tr("app_title"), inner_w);
  centered_text(ctx.fonts.small, color::kMuted, ctx.tr("app_tagline"), inner_w);
  ImGui::Dummy(ImVec2(0, std::round(6 * d)));
  if (heading != nullptr) {
    // Why a login is needed here (e.g. to join a chat through a link).
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner_w);
    ImGui::TextUnformatted(heading);
    ImGui::PopTextWrapPos();
  }

  // Submitting before the socket is open is fine: the app sends it once connected.
  bool submit = false;

  ImGui::TextUnformatted(ctx.tr("login_label"));
  ImGui::SetNextItemWidth(inner_w);
  if (form.focus_requested) {
    ImGui::FocusNextItem();
    form.focus_requested = false;
  }
  if (ImGui::InputTextWithHint("##login", ctx.tr("login_placeholder"), &form.login, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (form.password.empty()) form.focus_password = true;
    else submit = true;
  }
  probe.set(Probe::Login, last_item_rect());
  probe.a11y.item(A11yRole::Textbox, ctx.tr("login_label"));

  ImGui::TextUnformatted(ctx.tr("password_label"));
  ImGui::SetNextItemWidth(inner_w);
  if (form.focus_password) {
    ImGui::FocusNextItem();
    form.focus_password = false;
  }
  if (ImGui::InputText("##password", &form.password, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue)) {
    submit = true;
  }
  probe.set(Probe::Password, last_item_rect());
  probe.a11y.item(A11yRole::Textbox, ctx.tr("password_label"));

  // One line for what went wrong: our own check, then the server's typed error.
  const char* error = nullptr;
  if (form.missing_fields) error = ctx.tr("login_need_fields");
  else if (!form.pending && !ctx.state.login_error.is_ok()) error = ctx.tr.error(ctx.state.login_error.code());
  if (error != nullptr) {
    ImGui::PushStyleColor(ImGuiCol_Text, color::kError);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner_w);
    ImGui::TextUnformatted(error);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }

  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  ImGui::PushFont(ctx.fonts.bold);
  const char* label = form.pending ? ctx.tr("login_in_progress") : ctx.tr("login_submit");
  ImGui::PushID("submit");
  if (ImGui::PrimaryButton(label, ImVec2(inner_w, std::round(42 * d)), !form.pending)) submit = true;
  ImGui::PopID();
  ImGui::PopFont();
  probe.set(Probe::Submit, last_item_rect());
  probe.a11y.item(A11yRole::Button, label);

  // Other ways in: a one-time code by e-mail; a new school applies.
  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  if (ImGui::LinkButton(ctx.tr("login_by_code"))) out.shell.navigate = Route{RouteKind::CodeLogin, {}};
  probe.add("login_code_link");
  probe.a11y.item(A11yRole::Link, ctx.tr("login_by_code"));
  if (heading == nullptr) {
    if (ImGui::LinkButton(ctx.tr("apply_link"))) out.shell.navigate = Route{RouteKind::Apply, {}};
    probe.add("apply_link");
    probe.a11y.item(A11yRole::Link, ctx.tr("apply_link"));
  }

  ImGui::Dummy(ImVec2(0, std::round(2 * d)));
  connection_line(ctx);

  if (submit && !form.pending) {
    form.missing_fields = form.login.empty() || form.password.empty();
    if (!form.missing_fields) {
      out.auth.login = std::make_pair(form.login, form.password);
      form.pending = true;
    }
  }

  if (std::fabs(form.card_height - ImGui::GetWindowHeight()) > 0.5f) ctx.wants_frame = true;  // re-center next frame
  form.card_height = ImGui::GetWindowHeight();
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
}

}  // namespace parta::ui
