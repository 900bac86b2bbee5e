// Form and console building blocks; see forms.h. Also the test probe's named widgets.
#include "client/app/ui/forms.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/core/validation.h"

namespace parta::ui {

void UiProbe::add(const char* name) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImRect r = g.LastItemData.Rect;
  r.ClipWith(g.CurrentWindow->ClipRect);
  if (r.GetWidth() <= 0.5f || r.GetHeight() <= 0.5f) return;  // scrolled out of sight
  NamedRect n;
  std::snprintf(n.name, sizeof n.name, "%s", name);
  n.rect = r;
  named.push_back(n);
  if (ImGui::IsItemActive()) std::snprintf(focused_name, sizeof focused_name, "%s", name);
}

void UiProbe::add_rect(const char* name, const ImRect& rect) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImRect r = rect;
  r.ClipWith(g.CurrentWindow->ClipRect);
  if (r.GetWidth() <= 0.5f || r.GetHeight() <= 0.5f) return;
  NamedRect n;
  std::snprintf(n.name, sizeof n.name, "%s", name);
  n.rect = r;
  named.push_back(n);
}

void UiProbe::add(const char* prefix, std::int64_t id) {
  char name[48];
  std::snprintf(name, sizeof name, "%s_%lld", prefix, static_cast<long long>(id));
  add(name);
}

float begin_card_page(const ViewContext& ctx, const char* id, float max_css, float& card_height) {
  const float d = ctx.fonts.dpr;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetCursorScreenPos(ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, std::round(8 * d));
  ImGui::BeginChild(id, display, ImGuiChildFlags_None, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
  const float card_w = std::floor(std::min(display.x - 24 * d, max_css * d));
  const float pad = std::round(std::min(28 * d, card_w * 0.07f));
  const float h = card_height > 0 ? card_height : 480 * d;
  const float top = std::floor(std::max(12 * d, (display.y - h) * 0.42f));
  ImGui::SetCursorPos(ImVec2(std::floor((display.x - card_w) * 0.5f), top));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, color::kPanel);
  ImGui::PushStyleColor(ImGuiCol_Border, color::kBorder);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, std::round(10 * d));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##card", ImVec2(card_w, 0),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
  return ImGui::GetContentRegionAvail().x;
}

void end_card_page(const ViewContext& ctx, float& card_height) {
  // The card is centered with last frame's height: until it settles, keep drawing.
  const float h = ImGui::GetWindowHeight();
  if (std::fabs(h - card_height) > 0.5f) ctx.wants_frame = true;
  card_height = h;
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 2));  // room below the card when scrolled
  ImGui::EndChild();
  ImGui::PopStyleVar();
}

float begin_pane(const ViewContext& ctx, const char* id, const ImRect& area, float max_css) {
  const float d = ctx.fonts.dpr;
  const float side = std::round(std::clamp(area.GetWidth() * 0.03f, 10 * d, 24 * d));
  ImGui::SetCursorScreenPos(area.Min);
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, std::round(8 * d));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(side, std::round(16 * d)));
  ImGui::BeginChild(id, area.GetSize(), ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NavFlattened);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float w = std::floor(std::min(avail, max_css * d));
  // Center a capped column in a wide window.
  if (avail > w) ImGui::Indent(std::floor((avail - w) * 0.5f));
  return w;
}

void end_pane() {
  ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 2));
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

void begin_box(const ViewContext& ctx, const char* id, float width) {
  const float d = ctx.fonts.dpr;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, color::kPanel);
  ImGui::PushStyleColor(ImGuiCol_Border, color::kBorder);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, std::round(8 * d));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(14 * d), std::round(12 * d)));
  ImGui::BeginChild(id, ImVec2(width, 0),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
}

void end_box() {
  ImGui::EndChild();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
}

bool form_field(const ViewContext& ctx, UiProbe& probe, const char* probe_name, const char* label, std::string& value,
                const char* hint, ImGuiInputTextFlags flags, FieldError error, float width) {
  const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
  ImGui::BeginGroup();
  ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(w);
  ImGui::PushID(probe_name);
  if (error != nullptr) ImGui::PushStyleColor(ImGuiCol_Border, color::kError);
  const bool enter = hint ? ImGui::InputTextWithHint("##f", hint, &value, flags | ImGuiInputTextFlags_EnterReturnsTrue)
                          : ImGui::InputText("##f", &value, flags | ImGuiInputTextFlags_EnterReturnsTrue);
  if (error != nullptr) ImGui::PopStyleColor();
  probe.a11y.item(A11yRole::Textbox, label,
                  static_cast<std::uint8_t>((error != nullptr ? kA11yInvalid : 0) | (flags & ImGuiInputTextFlags_Multiline ? kA11yMultiline : 0)));
  ImGui::PopID();
  probe.add(probe_name);
  if (error != nullptr) {
    // Wrapped to the field's own width (fields may stand side by side).
    ImGui::PushStyleColor(ImGuiCol_Text, color::kError);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(ctx.tr(error));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::EndGroup();
  return enter;
}

namespace {
void wrapped(ImU32 col, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}
}  // namespace

void form_error(const char* text) { wrapped(color::kError, text); }
void form_note(const char* text) { wrapped(color::kMuted, text); }
void form_success(const char* text) { wrapped(color::kOnline, text); }

void section_title(const ViewContext& ctx, const char* text) {
  ImGui::PushFont(ctx.fonts.title);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void centered_text(const ImFont* font, ImU32 col, const char* text, float width) {
  ImGui::PushFont(const_cast<ImFont*>(font));
  const float w = ImGui::CalcTextSize(text).x;
  if (w > width) {
    // Too long for one line: wrap it instead of cutting it.
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  } else {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::floor((width - w) * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
  }
  ImGui::PopFont();
}

void op_error(const ViewContext& ctx, const OrgState& org, Command command) {
  const OpStatus& op = org.op(command);
  if (!op.in_flight && !op.error.is_ok()) form_error(ctx.tr.error(op.error.code()));
}

bool primary_button(const ViewContext& ctx, UiProbe& probe, const char* probe_name, const char* label, float width,
                    bool busy) {
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushID(probe_name);
  const bool pressed = ImGui::PrimaryButton(label, ImVec2(width, std::round(42 * ctx.fonts.dpr)), !busy);
  probe.a11y.item(A11yRole::Button, label, busy ? kA11yDisabled : 0);
  ImGui::PopID();
  ImGui::PopFont();
  probe.add(probe_name);
  return pressed;
}

bool secondary_button(UiProbe& probe, const char* probe_name, const char* label) {
  ImGui::PushID(probe_name);
  const bool pressed = ImGui::Button(label);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  probe.a11y.item(A11yRole::Button, label);
  ImGui::PopID();
  probe.add(probe_name);
  return pressed;
}

std::string format_date(std::int64_t unix_ms) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  if (unix_ms <= 0 || localtime_r(&t, &tm) == nullptr) return "—";
  char out[16];
  std::snprintf(out, sizeof out, "%02d.%02d.%04d", tm.tm_mday % 100, (tm.tm_mon + 1) % 100,
                (tm.tm_year + 1900) % 10000);
  return out;
}

std::string link_url(const std::string& origin, const std::string& token) { return origin + "/#/join/" + token; }

Status validate_login_field(std::string_view login) {
  if (login.find('@') != std::string_view::npos) return validate_email(login);
  return validate_phone(login);
}

}  // namespace parta::ui
