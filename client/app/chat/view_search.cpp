// Search results: in one chat (over its history) or in all chats (instead of
// the chat list). Each row: chat title or sender, date, and a snippet with the
// match highlighted; a click jumps to the message; "more" asks for the next page.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "client/app/ui/forms.h"
#include "client/app/chat/text_spans.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

// The part of `text` around its first match, on one line, so the match shows.
std::string context_snippet(std::string_view text, std::string_view query) {
  const auto matches = find_matches(text, query);
  std::size_t from = 0;
  constexpr std::size_t kLead = 40;  // bytes kept before the match
  if (!matches.empty() && matches.front().first > kLead) {
    from = matches.front().first - kLead;
    while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;  // a character start
    const std::size_t space = text.find(' ', from);
    if (space != std::string_view::npos && space < matches.front().first) from = space + 1;
  }
  std::string out = from > 0 ? "\xE2\x80\xA6" : "";
  out += snippet(text.substr(from), 160);
  return out;
}

// One line of text with the query's matches on a highlight.
void draw_highlighted(ImDrawList* dl, const ImFont* font, ImVec2 pos, float max_w, std::string_view text, std::string_view query) {
  const auto matches = find_matches(text, query);
  // Cut to the width first (the ellipsis helper draws the text itself).
  const char* cut = text.data();
  font->CalcTextSizeA(font->FontSize, max_w, 0, text.data(), text.data() + text.size(), &cut);
  const std::size_t visible = static_cast<std::size_t>(cut - text.data());
  for (const auto& [a, b] : matches) {
    if (a >= visible) break;
    const float x0 = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + a).x;
    const float x1 = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + std::min(b, visible)).x;
    dl->AddRectFilled(ImVec2(pos.x + x0 - 1, pos.y), ImVec2(pos.x + x1 + 1, pos.y + font->FontSize), color::kSearchMatch, 3);
  }
  ImGui::TextEllipsis(dl, font, pos, max_w, color::kText, text);
}

}  // namespace

bool draw_search_results(const ViewContext& ctx, const ImRect& area, bool all_chats, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const SearchState& search = ctx.state.search;
  ctx.panel(area, color::kPanel);
  ImGui::SetCursorScreenPos(area.Min);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, std::round(8 * d));
  ImGui::BeginChild(all_chats ? "##search_all" : "##search_chat", area.GetSize(), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
  const float pad = std::round(14 * d);
  bool chosen = false;

  // Status line: searching, nothing found, an error.
  const char* status = nullptr;
  if (!search.error.is_ok()) status = ctx.tr.error(search.error.code());
  else if (search.pending && search.hits.empty()) status = ctx.tr("search_pending");
  else if (search.hits.empty()) status = ctx.tr("search_nothing");
  if (status != nullptr) {
    ImGui::SetCursorPos(ImVec2(pad, pad));
    ImGui::PushStyleColor(ImGuiCol_Text, search.error.is_ok() ? color::kMuted : color::kError);
    ImGui::PushTextWrapPos(area.GetWidth() - pad);
    ImGui::TextUnformatted(status);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }

  const float row_h = std::round(64 * d);
  const float w = ImGui::GetContentRegionAvail().x;
  for (std::size_t i = 0; i < search.hits.size(); ++i) {
    const pb::SearchHit& hit = search.hits[i];
    const pb::Message& msg = hit.message();
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Selectable("##hit", false, ImGuiSelectableFlags_None, ImVec2(w, row_h))) {
      ChatOp op;
      op.kind = ChatOp::Kind::Jump;
      op.chat = ChatId{msg.chat_id()};
      op.seq = msg.seq();
      out.chat.ops.push_back(std::move(op));
      chosen = true;
    }
    probe.add("search_result", static_cast<std::int64_t>(i));
    if (ImGui::IsItemVisible()) {
      // The mirror: "<chat or sender>, <sender>: <text>".
      std::string spoken = all_chats ? hit.chat_title() + ", " + msg.sender_name() : msg.sender_name();
      spoken += ": ";
      spoken += msg.text();
      probe.a11y.item(A11yRole::Option, spoken);
    }
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImRect r = last_item_rect();
    if (ImGui::IsItemVisible()) {
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddLine(ImVec2(r.Min.x + pad, r.Max.y - 1), ImVec2(r.Max.x - pad, r.Max.y - 1), color::kBorder);
      const float line1 = r.Min.y + std::round(10 * d);
      const float line2 = line1 + f.bold->FontSize + std::round(4 * d);
      char time[16];
      format_time(msg.sent_at_ms(), time, sizeof time);
      const std::string date = format_date(msg.sent_at_ms()) + " " + time;
      const float dw = text_width(f.small, date);
      dl->AddText(f.small, f.small->FontSize, ImVec2(r.Max.x - pad - dw, line1 + std::round(2 * d)), color::kMuted, date.c_str());
      const std::string& title = all_chats ? hit.chat_title() : msg.sender_name();
      ImGui::TextEllipsis(dl, f.bold, ImVec2(r.Min.x + pad, line1), r.GetWidth() - 3 * pad - dw, color::kText, title);
      float x = r.Min.x + pad;
      if (all_chats && !msg.sender_name().empty()) {
        const std::string who = msg.sender_name() + ": ";
        const float ww = std::min(text_width(f.regular, who), r.GetWidth() * 0.4f);
        ImGui::TextEllipsis(dl, f.regular, ImVec2(x, line2), ww, color::kMuted, who);
        x += ww;
      }
      const std::string text = context_snippet(msg.text(), search.query);
      draw_highlighted(dl, f.regular, ImVec2(x, line2), r.Max.x - pad - x, text, search.query);
    }
    ImGui::PopID();
  }
  if (search.next_before_id != 0 && !search.hits.empty()) {
    ImGui::Dummy(ImVec2(0, std::round(8 * d)));
    ImGui::SetCursorPosX(pad);
    ImGui::BeginDisabled(search.pending);
    if (ImGui::Button(ctx.tr(search.pending ? "search_pending" : "search_more"))) {
      ChatOp op;
      op.kind = ChatOp::Kind::SearchMore;
      out.chat.ops.push_back(std::move(op));
    }
    probe.a11y.item(A11yRole::Button, ctx.tr("search_more"));
    ImGui::EndDisabled();
    probe.add("search_more");
    ImGui::Dummy(ImVec2(0, std::round(8 * d)));
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
  return chosen;
}

}  // namespace parta::ui
