// The open chat (right pane): header, virtualized history, pending messages, composer.
//
// History: bubbles wrap, so rows differ in height. HistoryLayout keeps each
// message's height (measured once per width) and prefix offsets; the visible
// range comes from a binary search on the scroll position, and the child window
// gets the exact content height up front, so jumps (to the bottom, or keeping the
// view still when older pages arrive above) land in the same frame.
#include <algorithm>
#include <cmath>

#include "client/app/views.h"
#include "client/app/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/validation.h"

namespace parta::ui {
namespace {

float text_w(const ImFont* f, std::string_view s) {
  return std::ceil(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x);
}

// Sender names get one of a few readable colors, stable per person.
constexpr ImU32 kNameColors[] = {
    IM_COL32(0x2A, 0x63, 0xD9, 0xFF), IM_COL32(0x1B, 0x8A, 0x5A, 0xFF), IM_COL32(0xB2, 0x4A, 0x1F, 0xFF),
    IM_COL32(0x8A, 0x3F, 0xC2, 0xFF), IM_COL32(0x0E, 0x7C, 0x8C, 0xFF), IM_COL32(0xB8, 0x33, 0x6A, 0xFF),
};

ImU32 name_color(std::int64_t user_id) {
  return kNameColors[static_cast<std::uint64_t>(user_id) % (sizeof kNameColors / sizeof kNameColors[0])];
}

struct BubbleStyle {
  bool own = false;
  bool acked = false;  // draw a check mark after the time
  bool badge = false;  // the sender is a verified teacher
  ImU32 fill = color::kOtherBubble;
  ImU32 name = color::kText;
  ImU32 mark = color::kMuted;
};

// Draws one bubble whose top-left corner of the message column is `origin` + (0, y);
// returns where the sender's name is (a click there opens their profile).
ImRect draw_bubble(const ViewContext& ctx, const BubbleMetrics& m, const Bubble& b, ImVec2 origin, float column_w, float y,
                 std::string_view name, std::string_view mark, std::string_view text, const BubbleStyle& st) {
  const Fonts& f = ctx.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x = std::floor(st.own ? origin.x + column_w - b.width : origin.x);
  const ImVec2 min(x, std::floor(origin.y + y));
  const ImVec2 max(x + b.width, min.y + b.height);
  const float rounding = std::round(10 * f.dpr);
  dl->AddRectFilled(min, max, st.fill, rounding);
  if (!st.own) dl->AddRect(min, max, color::kBorder, rounding);

  const float line_y = min.y + m.pad_y;
  const float check_w = st.acked ? m.check : 0;
  const float mark_w = text_w(f.small, mark) + check_w;
  const float badge_w = st.badge ? ImGui::TeacherBadgeWidth(f.bold, f.dpr) : 0;
  const float name_max = b.width - 2 * m.pad_x - mark_w - m.pad_x - badge_w;
  ImGui::TextEllipsis(dl, f.bold, ImVec2(min.x + m.pad_x, line_y), name_max, st.name, name);
  if (st.badge) ImGui::TeacherBadge(dl, f.bold, ImVec2(min.x + m.pad_x + std::min(text_w(f.bold, name), name_max), line_y), f.dpr);
  const ImVec2 mark_pos(max.x - m.pad_x - mark_w, line_y + std::floor(f.bold->FontSize - f.small->FontSize - f.dpr));
  dl->AddText(f.small, f.small->FontSize, mark_pos, st.mark, mark.data(), mark.data() + mark.size());
  if (st.acked) {
    const float s = m.check - std::round(4 * f.dpr);
    ImGui::CheckMark(dl, ImVec2(max.x - m.pad_x - s, mark_pos.y + std::round(f.small->FontSize * 0.1f)), s, color::kAccent);
  }
  dl->AddText(f.regular, f.regular->FontSize, ImVec2(min.x + m.pad_x, line_y + f.bold->FontSize + m.header_gap), color::kText,
              text.data(), text.data() + text.size(), m.wrap);
  const float name_w = std::min(text_w(f.bold, name), name_max) + badge_w;
  return ImRect(ImVec2(min.x + m.pad_x, line_y), ImVec2(min.x + m.pad_x + name_w, line_y + f.bold->FontSize));
}

void centered_muted(const ViewContext& ctx, const ImRect& r, const char* text) {
  const ImFont* f = ctx.fonts.regular;
  const float w = text_w(f, text);
  ImGui::GetWindowDrawList()->AddText(f, f->FontSize, ImVec2(std::floor(r.GetCenter().x - w * 0.5f), std::floor(r.GetCenter().y - f->FontSize * 0.5f)),
                                      color::kMuted, text);
}

void draw_header(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, const ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(r, color::kPanel);
  dl->AddLine(ImVec2(r.Min.x, r.Max.y - 1), ImVec2(r.Max.x, r.Max.y - 1), color::kBorder);
  float pad = std::round(20 * d);
  if (view.narrow) {
    // One pane: "←" back to the list.
    const float bw = std::round(40 * d);
    ImGui::SetCursorScreenPos(ImVec2(r.Min.x + std::round(6 * d), std::floor(r.GetCenter().y - bw * 0.5f)));
    if (ImGui::InvisibleButton("##chat_back", ImVec2(bw, bw))) out.close_chat = true;
    probe.add("chat_back");
    const ImRect b = last_item_rect();
    if (ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      dl->AddRectFilled(b.Min, b.Max, color::kHover, std::round(6 * d));
    }
    // A chevron pointing left (the subset font has no arrows).
    const ImVec2 c = b.GetCenter();
    const float a = std::round(7 * d);
    const ImVec2 pts[3] = {ImVec2(c.x + a * 0.5f, c.y - a), ImVec2(c.x - a * 0.5f, c.y), ImVec2(c.x + a * 0.5f, c.y + a)};
    dl->AddPolyline(pts, 3, color::kText, ImDrawFlags_None, std::max(1.5f, 2 * d));
    pad = std::round(52 * d);
  }
  const float block = f.title->FontSize + std::round(2 * d) + f.small->FontSize;
  const float top = std::floor(r.GetCenter().y - block * 0.5f);
  bool badge = false;  // a direct chat with a verified teacher
  if (chat.kind == pb::CHAT_KIND_DIRECT) {
    for (const pb::User& u : chat.members) badge |= (!ctx.state.me || u.id() != ctx.state.me->id()) && u.verified_teacher();
  }
  const float title_max = r.GetWidth() - 2 * pad - (badge ? ImGui::TeacherBadgeWidth(f.title, d) : 0);
  ImGui::TextEllipsis(dl, f.title, ImVec2(r.Min.x + pad, top), title_max, color::kText, chat.title);
  if (badge) ImGui::TeacherBadge(dl, f.title, ImVec2(r.Min.x + pad + std::min(text_w(f.title, chat.title), title_max), top), d);
  const std::string sub = chat.kind == pb::CHAT_KIND_DIRECT ? std::string(ctx.tr("chat_direct"))
                                                            : ctx.tr.plural("chat_members", static_cast<long>(chat.members.size()));
  dl->AddText(f.small, f.small->FontSize, ImVec2(r.Min.x + pad, top + f.title->FontSize + std::round(2 * d)), color::kMuted,
              sub.c_str());
}

void draw_history(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float side = std::round(16 * d);
  const float column_w = std::floor(r.GetWidth() - style.ScrollbarSize - 2 * side);
  if (column_w <= 0) return;
  view.layout.update(chat, column_w, f);
  const HistoryLayout& layout = view.layout;
  const BubbleMetrics& m = layout.metrics();
  const std::int64_t my_id = ctx.state.me ? ctx.state.me->id() : 0;
  const std::string_view my_name = ctx.state.me ? std::string_view(ctx.state.me->display_name()) : std::string_view();

  // Pending messages of this chat go after the history; there are few, so they
  // are measured every frame with their real mark.
  view.pending.clear();
  float pending_h = 0;
  for (const OutboxItem& item : ctx.outbox.items()) {
    if (item.chat != chat.id) continue;
    const char* mark = ctx.tr(item.failed.is_ok() ? "msg_sending" : "msg_failed");
    const Bubble b = measure_bubble(m, f, my_name, mark, item.text);
    view.pending.push_back({&item, b});
    pending_h += b.height + m.gap;
  }

  const float top_row_h = std::round(36 * d);
  const bool show_top_row = chat.has_older || (chat.history_loaded && !chat.messages.empty());
  const float visible_h = r.GetHeight();
  const float bottom_pad = std::round(4 * d);
  float top_h = std::round(12 * d) + (show_top_row ? top_row_h : 0);
  // A short conversation sits at the bottom, next to the composer, as in any messenger.
  top_h += std::max(0.0f, visible_h - (top_h + layout.total_height() + pending_h + bottom_pad));
  const float total = top_h + layout.total_height() + pending_h + bottom_pad;
  const bool scrollable = total > visible_h;

  // Scrolling, decided before the window begins.
  const bool resized = total != view.last_total || visible_h != view.last_visible_h;
  if (view.scroll_to_bottom || (view.stick_to_bottom && resized)) {
    ImGui::SetNextWindowScroll(ImVec2(-1, std::max(0.0f, total - visible_h)));
    view.scroll_to_bottom = false;
  } else if (view.anchor_seq != 0) {
    // Keep the message that was at the top where it was (older pages arrived above it).
    const std::size_t i = layout.index_of(view.anchor_seq);
    if (i < layout.size()) {
      const float delta = top_h + layout.top(i) - view.anchor_offset;
      if (std::fabs(delta) >= 1.0f) ImGui::SetNextWindowScroll(ImVec2(-1, std::max(0.0f, view.last_scroll + delta)));
    }
  }
  ImGui::SetNextWindowContentSize(ImVec2(0, total));
  ImGui::SetCursorScreenPos(r.Min);
  // The scrollbar always takes its place (a stable wrap width), but shows only when there is something to scroll.
  if (!scrollable) ImGui::PushStyleColor(ImGuiCol_ScrollbarGrab, 0u);
  ImGui::BeginChild("##history", r.GetSize(), ImGuiChildFlags_None, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  if (!scrollable) ImGui::PopStyleColor();
  const float scroll = ImGui::GetScrollY();
  const ImVec2 origin(ImGui::GetWindowPos().x + side, ImGui::GetWindowPos().y - scroll);  // content y = 0
  const ImRect visible(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + r.GetWidth(), ImGui::GetWindowPos().y + visible_h));

  // Top row: more history above (fetched automatically near the top), or the beginning.
  if (chat.has_older && chat.history_loaded) {
    const bool in_flight = view.older_requested_from == chat.loaded_from();
    if (!in_flight && scroll < visible_h * 0.5f) {
      out.load_older = chat.id;
      view.older_requested_from = chat.loaded_from();
    }
    const char* label = ctx.tr("history_load_older");
    const float w = text_w(f.regular, label) + style.FramePadding.x * 2;
    ImGui::SetCursorPos(ImVec2(std::floor((r.GetWidth() - style.ScrollbarSize - w) * 0.5f), top_h - top_row_h + std::round(-2 * d)));
    if (ImGui::Button(label)) {
      out.load_older = chat.id;
      view.older_requested_from = chat.loaded_from();
    }
  } else if (show_top_row) {
    const char* label = ctx.tr("history_start");
    const float w = text_w(f.small, label);
    ImGui::GetWindowDrawList()->AddText(f.small, f.small->FontSize,
                                        ImVec2(std::floor(origin.x + (column_w - w) * 0.5f), origin.y + top_h - top_row_h + std::round(6 * d)),
                                        color::kMuted, label);
  }

  if (chat.messages.empty() && view.pending.empty()) {
    centered_muted(ctx, visible, ctx.tr(chat.history_loaded ? "history_empty" : "history_loading"));
  }

  // Visible messages only: binary search on the prefix offsets.
  if (layout.size() > 0) {
    const std::size_t first = layout.index_at(scroll - top_h);
    const std::size_t last = layout.index_at(scroll + visible_h - top_h);
    for (std::size_t i = first; i <= last && i < layout.size(); ++i) {
      const ChatMessage& msg = chat.messages[i];
      BubbleStyle st;
      st.own = my_id != 0 && msg.sender.get() == my_id;
      st.fill = st.own ? color::kOwnBubble : color::kOtherBubble;
      st.name = st.own ? color::kAccent : name_color(msg.sender.get());
      char mark[16];
      format_time(msg.sent_at_ms, mark, sizeof mark);
      st.acked = st.own;  // in the history = stored by the server
      st.badge = is_verified_teacher(chat, msg.sender.get());
      const ImRect name = draw_bubble(ctx, m, layout.bubble(i), origin, column_w, top_h + layout.top(i), msg.sender_name, mark, msg.text, st);
      // Someone else's name: a click shows their profile (name, role, badge, class).
      if (!st.own && ImGui::IsWindowHovered() && name.Contains(ImGui::GetIO().MousePos)) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) out.show_profile = msg.sender.get();
      }
    }
  }

  // Pending (outbox) messages, with their state instead of a time.
  float y = top_h + layout.total_height();
  for (const PendingRow& row : view.pending) {
    if (origin.y + y + row.bubble.height >= visible.Min.y && origin.y + y <= visible.Max.y) {
      BubbleStyle st;
      st.own = true;
      const bool failed = !row.item->failed.is_ok();
      st.fill = failed ? color::kFailedBubble : color::kPendingBubble;
      st.name = color::kAccent;
      st.mark = failed ? color::kError : color::kMuted;
      draw_bubble(ctx, m, row.bubble, origin, column_w, y, my_name, ctx.tr(failed ? "msg_failed" : "msg_sending"), row.item->text, st);
      if (failed) {
        // A failed message can be dismissed; its reason shows on hover.
        const char* label = ctx.tr("msg_dismiss");
        const float bw = text_w(f.small, label) + style.FramePadding.x * 2;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + column_w - row.bubble.width - bw - std::round(8 * d), origin.y + y));
        ImGui::PushID(row.item->client_id.c_str());
        ImGui::PushFont(f.small);
        if (ImGui::SmallButton(label)) out.discard = row.item->client_id;
        ImGui::PopFont();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr.error(row.item->failed.code()));
        ImGui::PopID();
      }
    }
    y += row.bubble.height + m.gap;
  }

  // Remember where we are for the next frame's decisions.
  view.last_scroll = scroll;
  view.last_total = total;
  view.last_visible_h = visible_h;
  view.stick_to_bottom = scroll >= ImGui::GetScrollMaxY() - 2 * d;
  if (layout.size() > 0) {
    const std::size_t i = layout.index_at(scroll - top_h);
    view.anchor_seq = chat.messages[i].seq;
    view.anchor_offset = top_h + layout.top(i);
  } else {
    view.anchor_seq = 0;
  }
  ImGui::EndChild();

  // Reading at the bottom of an open chat moves the read position forward.
  if (view.stick_to_bottom && chat.unread_count > 0 && chat.history_loaded && chat.loaded_until() > view.marked_read_seq) {
    out.mark_read = std::make_pair(chat.id, chat.loaded_until());
    view.marked_read_seq = chat.loaded_until();
  }
}

}  // namespace

void draw_chat(const ViewContext& ctx, const ImRect& area, ChatView& view, ViewState& vs, Intents& out) {
  const ChatEntry* chat = ctx.state.find_chat(ctx.state.open_chat);
  if (chat == nullptr) {
    view.shown_chat = ChatId{};
    centered_muted(ctx, area, ctx.tr("chat_none_selected"));
    return;
  }
  if (chat->id != view.shown_chat) {
    // A different chat: start at its newest message with the composer focused.
    view.shown_chat = chat->id;
    view.scroll_to_bottom = true;
    view.stick_to_bottom = true;
    view.anchor_seq = 0;
    view.older_requested_from = 0;
    view.marked_read_seq = 0;
    view.focus_composer = true;
    view.send_error.clear();
    vs.wants_frame = true;
  }
  const float d = ctx.fonts.dpr;
  const float header_h = std::round(60 * d);
  const float comp_h = composer_height(ctx, view, chat->id);
  const ImRect header(area.Min, ImVec2(area.Max.x, area.Min.y + header_h));
  const ImRect composer(ImVec2(area.Min.x, area.Max.y - comp_h), area.Max);
  const ImRect history(ImVec2(area.Min.x, header.Max.y), ImVec2(area.Max.x, composer.Min.y));
  draw_header(ctx, *chat, header, view, vs.probe, out);
  if (history.GetHeight() > 0) draw_history(ctx, *chat, history, view, out);
  draw_composer(ctx, *chat, composer, view, vs.probe, out);
}

}  // namespace parta::ui
