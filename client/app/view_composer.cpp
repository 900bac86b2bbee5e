// The message composer: multi-line input (Enter sends, Shift+Enter breaks the
// line), a Send button, and a validation error line above it.
#include <algorithm>
#include <cmath>

#include "client/app/views.h"
#include "client/app/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/validation.h"

namespace parta::ui {
namespace {

constexpr int kMaxVisibleLines = 6;

int visible_lines(const std::string& text) {
  const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return std::clamp(lines, 1, kMaxVisibleLines);
}

int visible_lines(const ChatView& view, ChatId chat) {
  const auto it = view.drafts.find(chat.get());
  return it == view.drafts.end() ? 1 : visible_lines(it->second);
}

// What gets sent: the draft without trailing blank lines and spaces.
std::string trimmed(const std::string& text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' ' || text[end - 1] == '\r' || text[end - 1] == '\t')) --end;
  return text.substr(0, end);
}

}  // namespace

float composer_height(const ViewContext& ctx, const ChatView& view, ChatId chat) {
  const float d = ctx.fonts.dpr;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float input_h = visible_lines(view, chat) * ctx.fonts.regular->FontSize + 2 * style.FramePadding.y;
  const float error_h = view.send_error.empty() ? 0 : ctx.fonts.small->FontSize + std::round(6 * d);
  return std::round(input_h + error_h + 2 * std::round(12 * d));
}

void draw_composer(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(r, color::kPanel);
  dl->AddLine(r.Min, ImVec2(r.Max.x, r.Min.y), color::kBorder);

  std::string& draft = view.drafts[chat.id.get()];
  const float pad = std::round(12 * d);
  float y = r.Min.y + pad;
  if (!view.send_error.empty()) {
    dl->AddText(f.small, f.small->FontSize, ImVec2(r.Min.x + std::round(16 * d), y), color::kError, view.send_error.c_str());
    y += f.small->FontSize + std::round(6 * d);
  }

  const char* send_label = ctx.tr("send");
  const float send_w = std::ceil(f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, 0, send_label).x) + 2 * std::round(18 * d);
  const float input_h = visible_lines(draft) * f.regular->FontSize + 2 * style.FramePadding.y;
  const float input_w = r.GetWidth() - 2 * std::round(16 * d) - send_w - pad;
  ImGui::PushID(static_cast<int>(chat.id.get()));
  ImGui::SetCursorScreenPos(ImVec2(r.Min.x + std::round(16 * d), y));

  // ImGui's multi-line input breaks lines on Ctrl+Enter when Enter validates; we
  // want Shift+Enter, so present Shift as Ctrl to it for that one key press.
  const ImGuiID input_id = ImGui::GetID("##composer");
  const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
  const bool shift_enter = ImGui::GetActiveID() == input_id && enter && io.KeyShift && !io.KeyCtrl;
  if (shift_enter) io.KeyCtrl = true;
  if (view.focus_composer) {
    ImGui::FocusNextItem();
    view.focus_composer = false;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, std::round(10 * d));
  const bool entered = ImGui::InputTextMultiline("##composer", &draft, ImVec2(input_w, input_h),
                                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
  ImGui::PopStyleVar();
  if (shift_enter) io.KeyCtrl = false;
  const ImRect input_rect = last_item_rect();
  probe.set(Probe::Composer, input_rect);
  if (draft.empty() && !ImGui::IsItemActive()) {
    // Multi-line inputs have no hint in ImGui 1.90: draw it.
    ImGui::TextEllipsis(dl, f.regular, ImVec2(input_rect.Min.x + style.FramePadding.x, input_rect.Min.y + style.FramePadding.y),
                        input_rect.GetWidth() - 2 * style.FramePadding.x, color::kMuted, ctx.tr("composer_hint"));
  }

  ImGui::SameLine(0, pad);
  const bool has_text = !is_blank(draft);
  ImGui::PushFont(f.bold);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, std::round(10 * d));
  const bool clicked = ImGui::PrimaryButton(send_label, ImVec2(send_w, input_h), has_text);
  ImGui::PopStyleVar();
  ImGui::PopFont();
  probe.set(Probe::Send, last_item_rect());
  ImGui::PopID();

  if ((entered || clicked) && has_text) {
    std::string text = trimmed(draft);
    const Status valid = validate_message_text(text);
    if (!valid.is_ok()) {
      view.send_error = ctx.tr.error(valid.code());
    } else {
      out.send = Intents::Send{chat.id, std::move(text)};
      draft.clear();
      view.send_error.clear();
      view.scroll_to_bottom = true;
    }
  }
  // Enter (or a click on Send) took the focus from the input: give it back.
  if (entered || clicked) view.focus_composer = true;
}

}  // namespace parta::ui
