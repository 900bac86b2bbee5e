// The chat list (left pane): title, last message preview, time, unread badge.
// Rows have one fixed height, so ImGuiListClipper draws only the visible ones.
// A search field on top searches all chats; a right click marks a chat as read.
#include <cmath>

#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

float text_w(const ImFont* f, std::string_view s) {
  return std::ceil(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x);
}

void draw_row(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = std::round(14 * d);
  const bool unread = chat.unread_count > 0;
  const float line1 = r.Min.y + std::round(11 * d);
  const float line2 = line1 + f.bold->FontSize + std::round(4 * d);

  // Line 1: title, and the time of the last message on the right.
  float right = r.Max.x - pad;
  if (chat.last_message) {
    char time[8];
    format_time(chat.last_message->sent_at_ms, time, sizeof time);
    const float tw = text_w(f.small, time);
    dl->AddText(f.small, f.small->FontSize, ImVec2(right - tw, line1 + std::round(2 * d)), color::kMuted, time);
    right -= tw + std::round(8 * d);
  }
  // A direct chat with a verified teacher: the badge after their name.
  bool badge = false;
  if (chat.kind == pb::CHAT_KIND_DIRECT) {
    for (const pb::User& u : chat.members) {
      if ((!ctx.state.me || u.id() != ctx.state.me->id()) && u.verified_teacher()) badge = true;
    }
  }
  const ImFont* title_font = unread ? f.bold : f.regular;
  const float title_max = right - r.Min.x - pad - (badge ? ImGui::TeacherBadgeWidth(title_font, d) : 0);
  ImGui::TextEllipsis(dl, title_font, ImVec2(r.Min.x + pad, line1), title_max, color::kText, chat.title);
  if (badge) ImGui::TeacherBadge(dl, title_font, ImVec2(r.Min.x + pad + std::min(text_w(title_font, chat.title), title_max), line1), d);

  // Line 2: preview ("You: " for my own), and the unread badge on the right.
  right = r.Max.x - pad;
  if (unread) {
    const float bw = ImGui::CountBadge(dl, f.small, ImVec2(right, line2 + f.regular->FontSize * 0.5f), chat.unread_count, d);
    right -= bw + std::round(8 * d);
  }
  float x = r.Min.x + pad;
  const ImU32 preview_col = unread ? color::kText : color::kMuted;
  if (!chat.last_message) {
    ImGui::TextEllipsis(dl, f.regular, ImVec2(x, line2), right - x, color::kMuted, ctx.tr("chat_empty_preview"));
    return;
  }
  const ChatMessage& last = *chat.last_message;
  if (ctx.state.me && last.sender.get() == ctx.state.me->id()) {
    const char* you = ctx.tr("preview_you");
    dl->AddText(f.regular, f.regular->FontSize, ImVec2(x, line2), color::kMuted, you);
    x += text_w(f.regular, you);
  } else if (chat.kind == pb::CHAT_KIND_GROUP && !last.sender_name.empty()) {
    // "Name: text" in groups, so the preview says who spoke.
    const float nw = text_w(f.regular, last.sender_name) + text_w(f.regular, ": ");
    if (nw < (right - x) * 0.5f) {
      dl->AddText(f.regular, f.regular->FontSize, ImVec2(x, line2), color::kMuted, last.sender_name.data(),
                  last.sender_name.data() + last.sender_name.size());
      dl->AddText(f.regular, f.regular->FontSize, ImVec2(x + nw - text_w(f.regular, ": "), line2), color::kMuted, ": ");
      x += nw;
    }
  }
  if (right > x) ImGui::TextEllipsis(dl, f.regular, ImVec2(x, line2), right - x, preview_col, last.text);
}

}  // namespace

void draw_chat_list(const ViewContext& ctx, const ImRect& area, ChatListView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(area, color::kPanel);
  dl->AddLine(ImVec2(area.Max.x - 1, area.Min.y), ImVec2(area.Max.x - 1, area.Max.y), color::kBorder);

  const float header_h = std::round(48 * d);
  const float pad = std::round(14 * d);
  dl->AddText(f.title, f.title->FontSize, ImVec2(area.Min.x + pad, std::floor(area.Min.y + (header_h - f.title->FontSize) * 0.5f)),
              color::kText, ctx.tr("chats_title"));

  // Search in all chats: Enter asks the server; the results replace the list.
  const float search_h = ImGui::GetFrameHeight() + std::round(10 * d);
  const float field_y = area.Min.y + header_h;
  const bool has_query = !view.search_query.empty();
  const float clear_w = has_query ? ImGui::GetFrameHeight() + std::round(4 * d) : 0;
  ImGui::SetCursorScreenPos(ImVec2(area.Min.x + pad, field_y));
  ImGui::SetNextItemWidth(area.GetWidth() - 2 * pad - clear_w);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, std::round(8 * d));
  const bool enter = ImGui::InputTextWithHint("##chats_search", ctx.tr("search_all_hint"), &view.search_query,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::PopStyleVar();
  probe.add("chats_search");
  probe.a11y.item(A11yRole::Textbox, ctx.tr("search_all_hint"));
  if (enter && !is_blank(view.search_query)) {
    ChatOp op;
    op.kind = ChatOp::Kind::Search;
    op.text = view.search_query;
    out.chat.ops.push_back(std::move(op));
    view.searching = true;
  }
  bool clear = false;
  if (has_query) {
    ImGui::SameLine(0, std::round(4 * d));
    clear = ImGui::IconButton("##chats_search_clear", ImGui::Icon::Close, ImGui::GetFrameHeight(), d);
    probe.add("chats_search_clear");
    probe.a11y.item(A11yRole::Button, ctx.tr("search_close"));
  }
  if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) clear = true;
  if (clear || (view.searching && view.search_query.empty())) {
    view.search_query.clear();
    view.searching = false;
    ChatOp op;
    op.kind = ChatOp::Kind::ClearSearch;
    out.chat.ops.push_back(std::move(op));
  }

  const ImVec2 list_min(area.Min.x, field_y + search_h);
  const ImVec2 list_size(area.GetWidth() - 1, area.Max.y - list_min.y);
  if (view.searching && !ctx.state.search.chat.valid() && (!ctx.state.search.query.empty() || ctx.state.search.pending)) {
    if (draw_search_results(ctx, ImRect(list_min, ImVec2(list_min.x + list_size.x, area.Max.y)), true, probe, out)) {
      view.searching = false;
      view.search_query.clear();
    }
    return;
  }
  ImGui::SetCursorScreenPos(list_min);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, std::round(8 * d));
  ImGui::BeginChild("##chat_list", list_size, ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
  // Nothing has the keyboard focus (just logged in, its window is gone, or only
  // the page behind holds it): the list takes it, so Tab and the arrows start here.
  {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiWindow* nav = g.NavWindow;
    ImGuiWindow* list = ImGui::GetCurrentWindow();
    if (nav == nullptr || !nav->WasActive || (nav == list->ParentWindow && g.NavId == 0 && g.ActiveId == 0)) {
      ImGui::FocusWindow(list);
      g.NavFocusScopeId = g.CurrentFocusScopeId;  // 1.90.1 leaves the old scope (see FocusNextItem)
    }
    // With no item focused, 1.90.1 finds no Tab target unless the highlight is off:
    // then the first Tab lands on the first row.
    if (g.NavWindow == list && g.NavId == 0) g.NavDisableHighlight = true;
  }

  const auto& chats = ctx.state.chats;
  if (!ctx.state.chats_loaded || chats.empty()) {
    ImGui::SetCursorPos(ImVec2(pad, pad));
    ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
    ImGui::TextUnformatted(ctx.tr(ctx.state.chats_loaded ? "chats_empty" : "chats_loading"));
    ImGui::PopStyleColor();
  }

  const float row_h = std::round(66 * d);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(chats.size()), row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ChatEntry& chat = chats[static_cast<std::size_t>(i)];
      ImGui::PushID(static_cast<int>(chat.id.get()));
      const bool selected = chat.id == ctx.state.open_chat;
      if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_None, ImVec2(0, row_h)) && !selected) {
        out.chat.open_chat = chat.id;
      }
      if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      // Right click: the chat's menu (mark as read).
      if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
        view.menu_chat = chat.id;
        ImGui::OpenPopup("##chat_menu");
      }
      const ImRect r = last_item_rect();
      if (ImGui::IsItemVisible()) {
        draw_row(ctx, chat, r);
        probe.chats.emplace_back(chat.id, r);
        const std::uint8_t row_state = selected ? kA11ySelected : 0;
        if (chat.unread_count == 0) probe.a11y.item(A11yRole::Option, chat.title, row_state);
        else probe.a11y.item(A11yRole::Option, chat.title + ", " + ctx.tr.plural("a11y_unread", chat.unread_count), row_state);
      }
      if (ImGui::BeginPopup("##chat_menu")) {
        if (ImGui::IsWindowAppearing()) ctx.wants_frame = true;
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
        ImGui::BeginDisabled(chat.unread_count == 0);
        if (ImGui::Selectable(ctx.tr("chat_mark_read"), false, ImGuiSelectableFlags_None, ImVec2(std::round(220 * d), 0))) {
          out.chat.mark_read = std::make_pair(chat.id, chat.last_seq);
        }
        probe.add("chat_mark_read");
        probe.a11y.item(A11yRole::MenuItem, ctx.tr("chat_mark_read"));
        ImGui::EndDisabled();
        ImGui::EndPopup();
      }
      ImGui::PopID();
    }
  }
  clipper.End();

  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

}  // namespace parta::ui
