// A message's action menu (reply, edit, pin, copy, select text, delete, as the
// chat policy allows) and the "select text" window.
#include <algorithm>
#include <cmath>

#include "client/app/ui/forms.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

// "Select text": the message in a read-only field, where the mouse, a finger or
// Shift+arrows select any part of it and Ctrl+C copies it (the drawn bubbles
// are not text fields). ImGui 1.90's fields don't wrap, so the field shows the
// text with a break at each soft wrap, and copying maps the selection back to
// the text itself (no breaks that were not typed).
int select_callback(ImGuiInputTextCallbackData* data) {
  auto* view = static_cast<ChatView*>(data->UserData);
  view->select.from = std::min(data->SelectionStart, data->SelectionEnd);
  view->select.to = std::max(data->SelectionStart, data->SelectionEnd);
  return 0;
}

std::size_t unshown(const ChatView& view, int shown) {
  std::size_t breaks = 0;
  while (breaks < view.select.breaks.size() && view.select.breaks[breaks] < static_cast<std::uint32_t>(shown)) ++breaks;
  return static_cast<std::size_t>(shown) - breaks;
}

void wrap_for_select(const ImFont* font, float width, ChatView& view) {
  view.select.wrap = width;
  view.select.shown.clear();
  view.select.breaks.clear();
  const char* begin = view.select.text.c_str();
  const char* end = begin + view.select.text.size();
  for (const char* p = begin; p < end;) {
    const char* line_end = std::find(p, end, '\n');
    while (p < line_end) {
      const char* wrap = font->CalcWordWrapPositionA(1.0f, p, line_end, width);
      if (wrap <= p) wrap = p + 1;
      view.select.shown.append(p, wrap);
      p = wrap;
      if (p < line_end) {
        view.select.breaks.push_back(static_cast<std::uint32_t>(view.select.shown.size()));
        view.select.shown.push_back('\n');
      }
    }
    if (line_end < end) view.select.shown.push_back('\n');
    p = line_end + 1;
  }
}

}  // namespace

// The action menu of `view.history.menu_seq`: reply, edit, delete, pin, copy, as the chat policy allows.
void draw_message_menu(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, UiProbe& probe, Intents& out) {
  if (view.history.open_menu) {
    ImGui::OpenPopup("##msg_menu");
    view.history.open_menu = false;
  }
  const float d = ctx.fonts.dpr;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(6 * d), std::round(6 * d)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, std::round(2 * d)));
  if (ImGui::BeginPopup("##msg_menu")) {
    if (ImGui::IsWindowAppearing()) ctx.wants_frame = true;  // an auto-sized popup shows on its second frame
    const ChatMessage* msg = chat.find_message(view.history.menu_seq);
    if (msg == nullptr || msg->deleted || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
      ImGui::CloseCurrentPopup();
    } else {
      const ChatActor actor = chat_actor(ctx.state, chat);
      const ChatTarget t = message_target(chat, *msg, view.now_ms);
      const float w = std::round(200 * d);
      const float h = ctx.fonts.regular->FontSize + std::round(12 * d);
      auto item = [&](const char* key, const char* probe_name) {
        const bool clicked = ImGui::Selectable(ctx.tr(key), false, ImGuiSelectableFlags_None, ImVec2(w, h));
        probe.add(probe_name);
        probe.a11y.item(A11yRole::MenuItem, ctx.tr(key));
        return clicked;
      };
      const std::uint64_t seq = msg->seq;
      if (chat_allowed(actor, ChatAction::Post, t) && item("action_reply", "menu_reply")) {
        view.composer.reply_seq = seq;
        if (view.composer.edit_seq != 0) {
          view.composer.drafts[chat.id.get()] = view.composer.saved_draft;
          view.composer.edit_seq = 0;
        }
        view.composer.focus_composer = true;
      }
      if (!msg->poll && chat_allowed(actor, ChatAction::EditMessage, t) && item("action_edit", "menu_edit")) {
        if (view.composer.edit_seq == 0) view.composer.saved_draft = view.composer.drafts[chat.id.get()];
        view.composer.edit_seq = seq;
        view.composer.reply_seq = 0;
        view.composer.drafts[chat.id.get()] = msg->text;
        view.composer.picked.clear();
        for (std::int64_t id : msg->mention_ids) view.composer.picked.push_back({id, std::string(member_name(chat, id))});
        view.composer.focus_composer = true;
      }
      if (chat_allowed(actor, ChatAction::Pin, t) && item(msg->pinned ? "action_unpin" : "action_pin", "menu_pin")) {
        ChatOp op;
        op.kind = ChatOp::Kind::Pin;
        op.chat = chat.id;
        op.seq = seq;
        op.flag = !msg->pinned;
        out.chat.ops.push_back(std::move(op));
      }
      if (!msg->text.empty() && item("action_copy", "menu_copy")) out.shell.copy = msg->text;
      if (!msg->text.empty() && !msg->poll && item("action_select", "menu_select")) {
        view.select.text = msg->text;
        view.select.open = true;
      }
      if (chat_allowed(actor, ChatAction::DeleteMessage, t)) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::kError);
        if (item("action_delete", "menu_delete")) {
          ChatOp op;
          op.kind = ChatOp::Kind::Delete;
          op.chat = chat.id;
          op.seq = seq;
          out.chat.ops.push_back(std::move(op));
        }
        ImGui::PopStyleColor();
      }
    }
    ImGui::EndPopup();
  } else {
    view.history.menu_seq = 0;
  }
  ImGui::PopStyleVar(2);
}

void draw_select_text(const ViewContext& ctx, ChatView& view, UiProbe& probe) {
  if (view.select.open) {
    ImGui::OpenPopup("##select_text");
    view.select.open = false;
    view.select.wrap = 0;
    view.select.from = view.select.to = 0;
  }
  const float d = ctx.fonts.dpr;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = std::min(display.x - std::round(24 * d), std::round(560 * d));
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(16 * d), std::round(14 * d)));
  if (ImGui::BeginPopupModal("##select_text", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) {
    if (ImGui::IsWindowAppearing()) {
      ctx.wants_frame = true;
      ImGui::SetKeyboardFocusHere();
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inner = ImGui::GetContentRegionAvail().x;
    const ImFont* font = ctx.fonts.regular;
    const float wrap = inner - 2 * style.FramePadding.x - style.ScrollbarSize;
    if (view.select.wrap != wrap) wrap_for_select(font, wrap, view);
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, view.select.shown.c_str());
    const float h = std::min(display.y * 0.6f, size.y + font->FontSize + 2 * style.FramePadding.y);
    ImGui::InputTextMultiline("##selectable", view.select.shown.data(), view.select.shown.size() + 1, ImVec2(inner, h),
                              ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_CallbackAlways, select_callback, &view);
    const bool active = ImGui::IsItemActive();
    probe.add("select_text");
    probe.a11y.item(A11yRole::Textbox, view.select.text, kA11yMultiline);
    // The selection as typed: all of it when nothing is selected.
    const std::size_t from = view.select.from < view.select.to ? unshown(view, view.select.from) : 0;
    const std::size_t to = view.select.from < view.select.to ? unshown(view, view.select.to) : view.select.text.size();
    const std::string_view picked = std::string_view(view.select.text).substr(from, to - from);
    // Ctrl+C in the field: ImGui copied the shown text; this, later in the frame, replaces it.
    const ImGuiIO& io = ImGui::GetIO();
    bool copy = active && io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_C, false) && view.select.from < view.select.to;
    form_note(ctx.tr("select_text_title"));
    copy |= ImGui::Button(ctx.tr("action_copy"));
    probe.add("select_copy");
    probe.a11y.item(A11yRole::Button, ctx.tr("action_copy"));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("close")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    probe.add("select_close");
    probe.a11y.item(A11yRole::Button, ctx.tr("close"));
    if (copy) ImGui::SetClipboardText(std::string(picked).c_str());
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace parta::ui
