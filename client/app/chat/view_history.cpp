// The history of the open chat: virtualized rows of message bubbles (name line,
// reply quote, text with links and mentions, or a poll card, "read by"),
// the "new messages" divider, pending outbox messages, jumps with a flash,
// and what opens the per-message action menu (right click, long press, the "…"
// button or the mirror; the menu is in view_message_menu.cpp).
//
// Rows differ in height. HistoryLayout keeps each message's height (measured
// once per width and message state) and prefix offsets; the visible range comes
// from a binary search on the scroll position, and the child window gets the
// exact content height up front, so jumps land in the same frame.
#include <algorithm>
#include <cmath>

#include "client/app/chat/text_spans.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

constexpr double kLongPressSeconds = 0.5;
constexpr double kFlashSeconds = 1.8;

// Sender names get one of the theme's name colors, stable per person.
ImU32 name_color(std::int64_t user_id) {
  return color::kNames[static_cast<std::uint64_t>(user_id) % color::kNameColorCount];
}

struct BubbleStyle {
  bool own = false;
  int checks = 0;      // check marks after the time: 1 stored, 2 read (direct chats)
  bool badge = false;  // the sender is a verified teacher
  bool mention = false;
  ImU32 fill = color::kOtherBubble;
  ImU32 name = color::kText;
  ImU32 mark = color::kMuted;
};

// Draws a bubble's frame and name line at `min`; returns where the name is (a click there opens their profile).
ImRect draw_frame(const ViewContext& ctx, const BubbleMetrics& m, const ImVec2& min, const Bubble& b, std::string_view name,
                  std::string_view mark, const BubbleStyle& st) {
  const Fonts& f = ctx.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(min.x + b.width, min.y + b.height);
  const float rounding = std::round(10 * f.dpr);
  dl->AddRectFilled(min, max, st.fill, rounding);
  if (!st.own) dl->AddRect(min, max, st.mention ? color::kMentionMark : color::kBorder, rounding);
  if (st.mention) {
    dl->AddRectFilled(ImVec2(min.x, min.y + rounding * 0.5f), ImVec2(min.x + std::round(3 * f.dpr), max.y - rounding * 0.5f),
                      color::kMentionMark);
  }

  const float line_y = min.y + m.pad_y;
  const float check_w = st.checks == 0 ? 0 : st.checks == 1 ? m.check : m.check * 1.5f;
  const float mark_w = text_width(f.small, mark) + check_w;
  const float badge_w = st.badge ? ImGui::TeacherBadgeWidth(f.bold, f.dpr) : 0;
  const float name_max = b.width - 2 * m.pad_x - mark_w - m.pad_x - badge_w;
  ImGui::TextEllipsis(dl, f.bold, ImVec2(min.x + m.pad_x, line_y), name_max, st.name, name);
  if (st.badge) ImGui::TeacherBadge(dl, f.bold, ImVec2(min.x + m.pad_x + std::min(text_width(f.bold, name), name_max), line_y), f.dpr);
  const ImVec2 mark_pos(max.x - m.pad_x - mark_w, line_y + std::floor(f.bold->FontSize - f.small->FontSize - f.dpr));
  dl->AddText(f.small, f.small->FontSize, mark_pos, st.mark, mark.data(), mark.data() + mark.size());
  if (st.checks > 0) {
    const float s = m.check - std::round(4 * f.dpr);
    const float cy = mark_pos.y + std::round(f.small->FontSize * 0.1f);
    const float x = max.x - m.pad_x - s;
    ImGui::CheckMark(dl, ImVec2(x, cy), s, color::kAccent);
    if (st.checks == 2) ImGui::CheckMark(dl, ImVec2(x - m.check * 0.5f, cy), s, color::kAccent);
  }
  const float name_w = std::min(text_width(f.bold, name), name_max) + badge_w;
  return ImRect(ImVec2(min.x + m.pad_x, line_y), ImVec2(min.x + m.pad_x + name_w, line_y + f.bold->FontSize));
}

// Message text with links (clickable) and mentions (highlighted), wrapped as measured.
void draw_text_body(const ViewContext& ctx, const ChatEntry& chat, const ChatMessage& msg, ImVec2 pos, float wrap, ChatView& view,
                    Intents& out) {
  const Fonts& f = ctx.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  view.mention_names.clear();
  for (std::int64_t id : msg.mention_ids) {
    const std::string_view name = member_name(chat, id);
    if (!name.empty()) view.mention_names.push_back({id, name});
  }
  parse_spans(msg.text, view.mention_names, view.spans);
  break_lines(f.regular, msg.text, wrap, view.lines);
  const ImFont* font = f.regular;
  const float lh = font->FontSize;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool can_click = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && !ImGui::IsAnyItemHovered();
  const std::string_view text = msg.text;
  std::size_t si = 0;
  float y = pos.y;
  for (const TextLine& line : view.lines) {
    float x = pos.x;
    while (si < view.spans.size() && view.spans[si].end <= line.begin) ++si;
    for (std::size_t k = si; k < view.spans.size() && view.spans[k].begin < line.end; ++k) {
      const TextSpan& span = view.spans[k];
      const std::uint32_t a = std::max(span.begin, line.begin), b = std::min(span.end, line.end);
      if (b <= a) continue;
      const char* s = text.data() + a;
      const char* e = text.data() + b;
      const float w = font->CalcTextSizeA(lh, FLT_MAX, 0, s, e).x;
      ImU32 col = color::kText;
      if (span.kind == SpanKind::Mention) {
        col = color::kAccent;
        dl->AddRectFilled(ImVec2(x - 1, y), ImVec2(x + w + 1, y + lh), color::kMentionFill, std::round(3 * f.dpr));
      } else if (span.kind == SpanKind::Link) {
        col = color::kAccent;
        const ImRect hit(ImVec2(x, y), ImVec2(x + w, y + lh));
        const bool hovered = can_click && hit.Contains(mouse);
        dl->AddLine(ImVec2(x, y + lh - 1), ImVec2(x + w, y + lh - 1), hovered ? color::kAccentHover : color::kAccent);
        if (hovered) {
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 36 * f.dpr * f.dpr) {
            out.shell.open_url = link_href(text.substr(span.begin, span.end - span.begin));
          }
        }
      }
      dl->AddText(font, lh, ImVec2(x, y), col, s, e);
      x += w;
    }
    y += lh;
  }
}

// The quote of the message a reply answers; a click jumps to it.
void draw_quote(const ViewContext& ctx, const ChatEntry& chat, const ChatMessage& msg, const ImRect& r, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const pb::ReplyPreview& reply = *msg.reply_to;
  ImGui::SetCursorScreenPos(r.Min);
  ImGui::PushID("quote");
  const bool clicked = ImGui::InvisibleButton("##quote", ImVec2(std::max(1.0f, r.GetWidth()), std::max(1.0f, r.GetHeight())));
  ImGui::PopID();
  probe.add("reply_quote", static_cast<std::int64_t>(msg.seq));
  probe.a11y.item(A11yRole::Link, ctx.tr.format("a11y_reply_to", {{"name", reply.sender_name()}}));
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  dl->AddRectFilled(r.Min, r.Max, hovered ? color::kSelected : color::kQuoteFill, std::round(4 * d));
  dl->AddRectFilled(r.Min, ImVec2(r.Min.x + std::round(3 * d), r.Max.y), name_color(reply.sender_id()), std::round(1.5f * d));
  const float x = r.Min.x + std::round(9 * d);
  const float w = r.Max.x - x - std::round(6 * d);
  const float y = r.Min.y + std::round(4 * d);
  ImGui::TextEllipsis(dl, f.small, ImVec2(x, y), w, name_color(reply.sender_id()), reply.sender_name());
  const std::string text = reply.deleted() ? std::string(ctx.tr("msg_deleted")) : snippet(reply.text(), 140);
  ImGui::TextEllipsis(dl, f.small, ImVec2(x, y + f.small->FontSize), w, reply.deleted() ? color::kMuted : color::kText, text);
  if (clicked) {
    ChatOp op;
    op.kind = ChatOp::Kind::Jump;
    op.chat = chat.id;
    op.seq = reply.seq();
    out.chat.ops.push_back(std::move(op));
  }
}

void draw_divider(const ViewContext& ctx, const BubbleMetrics& m, float x0, float x1, float y) {
  const Fonts& f = ctx.fonts;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const char* label = ctx.tr("history_new_messages");
  const float w = text_width(f.small, label);
  const float cx = std::floor((x0 + x1) * 0.5f);
  const float cy = std::floor(y + m.divider_h * 0.5f - m.gap * 0.25f);
  const float gap = std::round(10 * f.dpr);
  dl->AddLine(ImVec2(x0, cy), ImVec2(cx - w * 0.5f - gap, cy), color::kDivider);
  dl->AddLine(ImVec2(cx + w * 0.5f + gap, cy), ImVec2(x1, cy), color::kDivider);
  dl->AddText(f.small, f.small->FontSize, ImVec2(cx - w * 0.5f, cy - f.small->FontSize * 0.5f), color::kDivider, label);
}

}  // namespace

void draw_history(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float side = std::round(16 * d);
  const float column_w = std::floor(r.GetWidth() - style.ScrollbarSize - 2 * side);
  if (column_w <= 0) return;
  const std::int64_t my_id = ctx.state.me ? ctx.state.me->id() : 0;
  view.history.layout.update(chat, column_w, f, ctx.tr, my_id, view.history.divider_after);
  const HistoryLayout& layout = view.history.layout;
  const BubbleMetrics& m = layout.metrics();
  const std::string_view my_name = ctx.state.me ? std::string_view(ctx.state.me->display_name()) : std::string_view();

  // Pending messages of this chat go after the history; there are few, so they
  // are measured every frame with their real mark.
  view.history.pending.clear();
  float pending_h = 0;
  for (const OutboxItem& item : ctx.outbox.items()) {
    if (item.chat != chat.id) continue;
    const char* mark = ctx.tr(item.failed.is_ok() ? "msg_sending" : "msg_failed");
    const Bubble b = measure_bubble(m, f, my_name, mark, item.text);
    view.history.pending.push_back({&item, b});
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
  const float max_scroll = std::max(0.0f, total - visible_h);

  // Scrolling, decided before the window begins.
  const bool resized = total != view.history.last_total || visible_h != view.history.last_visible_h;
  const bool jump_here = ctx.state.jump_chat == chat.id && ctx.state.jump_seq != 0;
  const std::size_t jump_index = jump_here ? layout.index_of(ctx.state.jump_seq) : layout.size();
  if (jump_index < layout.size()) {
    // A reply, a pin or a search hit: center the message and flash it.
    const float row_top = top_h + layout.top(jump_index) + (jump_index == layout.divider_index() ? m.divider_h : 0);
    const float target = row_top - std::max(0.0f, (visible_h - layout.bubble(jump_index).height) * 0.5f);
    ImGui::SetNextWindowScroll(ImVec2(-1, std::clamp(target, 0.0f, max_scroll)));
    view.history.flash_seq = ctx.state.jump_seq;
    view.history.flash_started = ImGui::GetTime();
    view.history.stick_to_bottom = false;
    view.history.scroll_to_bottom = false;
    view.history.scroll_to_divider = false;
    ChatOp op;
    op.kind = ChatOp::Kind::ClearJump;
    out.chat.ops.push_back(std::move(op));
  } else if (view.history.scroll_to_divider && chat.history_loaded && layout.size() > 0) {
    // Opened with unread messages: start at the "new messages" line when there is more below it than fits.
    view.history.scroll_to_divider = false;
    view.history.scroll_to_bottom = false;
    const float target = layout.divider_index() < layout.size() ? top_h + layout.top(layout.divider_index()) - std::round(8 * d) : max_scroll;
    ImGui::SetNextWindowScroll(ImVec2(-1, std::clamp(target, 0.0f, max_scroll)));
    view.history.stick_to_bottom = target >= max_scroll;
  } else if (view.history.scroll_to_bottom || (view.history.stick_to_bottom && resized)) {
    ImGui::SetNextWindowScroll(ImVec2(-1, max_scroll));
    view.history.scroll_to_bottom = false;
  } else if (view.history.anchor_seq != 0) {
    // Keep the message that was at the top where it was (older pages arrived above it).
    const std::size_t i = layout.index_of(view.history.anchor_seq);
    if (i < layout.size()) {
      const float delta = top_h + layout.top(i) - view.history.anchor_offset;
      if (std::fabs(delta) >= 1.0f) ImGui::SetNextWindowScroll(ImVec2(-1, std::max(0.0f, view.history.last_scroll + delta)));
    }
  }
  ImGui::SetNextWindowContentSize(ImVec2(0, total));
  ImGui::SetCursorScreenPos(r.Min);
  // The scrollbar always takes its place (a stable wrap width), but shows only when there is something to scroll.
  if (!scrollable) ImGui::PushStyleColor(ImGuiCol_ScrollbarGrab, 0u);
  ImGui::BeginChild("##history", r.GetSize(), ImGuiChildFlags_None, ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NavFlattened);
  if (!scrollable) ImGui::PopStyleColor();
  const float scroll = ImGui::GetScrollY();
  const ImVec2 origin(ImGui::GetWindowPos().x + side, ImGui::GetWindowPos().y - scroll);  // content y = 0
  const ImRect visible(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + r.GetWidth(), ImGui::GetWindowPos().y + visible_h));
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // Top row: more history above (fetched automatically near the top), or the beginning.
  if (chat.has_older && chat.history_loaded) {
    const bool in_flight = view.history.older_requested_from == chat.loaded_from();
    if (!in_flight && scroll < visible_h * 0.5f) {
      out.chat.load_older = chat.id;
      view.history.older_requested_from = chat.loaded_from();
    }
    const char* label = ctx.tr("history_load_older");
    const float w = text_width(f.regular, label) + style.FramePadding.x * 2;
    ImGui::SetCursorPos(ImVec2(std::floor((r.GetWidth() - style.ScrollbarSize - w) * 0.5f), top_h - top_row_h + std::round(-2 * d)));
    if (ImGui::Button(label)) {
      out.chat.load_older = chat.id;
      view.history.older_requested_from = chat.loaded_from();
    }
    probe.a11y.item(A11yRole::Button, label);
  } else if (show_top_row) {
    const char* label = ctx.tr("history_start");
    const float w = text_width(f.small, label);
    dl->AddText(f.small, f.small->FontSize, ImVec2(std::floor(origin.x + (column_w - w) * 0.5f), origin.y + top_h - top_row_h + std::round(6 * d)),
                color::kMuted, label);
  }

  if (chat.messages.empty() && view.history.pending.empty()) {
    const char* text = ctx.tr(chat.history_loaded ? "history_empty" : "history_loading");
    const float w = text_width(f.regular, text);
    dl->AddText(f.regular, f.regular->FontSize, ImVec2(std::floor(visible.GetCenter().x - w * 0.5f), std::floor(visible.GetCenter().y)),
                color::kMuted, text);
  }

  // Visible messages only: binary search on the prefix offsets.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // (A focused composer is an active item; the history still reacts to the mouse.)
  const bool window_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  const double now = ImGui::GetTime();
  if (view.history.press_seq != 0 && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) view.history.press_seq = 0;
  if (layout.size() > 0) {
    const std::size_t first = layout.index_at(scroll - top_h);
    const std::size_t last = layout.index_at(scroll + visible_h - top_h);
    for (std::size_t i = first; i <= last && i < layout.size(); ++i) {
      const ChatMessage& msg = chat.messages[i];
      const Bubble& b = layout.bubble(i);
      float y = top_h + layout.top(i);
      if (i == layout.divider_index()) {
        draw_divider(ctx, m, origin.x, origin.x + column_w, origin.y + y);
        y += m.divider_h;
      }
      BubbleStyle st;
      st.own = my_id != 0 && msg.sender.get() == my_id;
      st.mention = !st.own && !msg.deleted && mentions_me(ctx.state, msg);
      st.fill = st.own ? color::kOwnBubble : st.mention ? color::kMentionBubble : color::kOtherBubble;
      st.name = st.own ? color::kAccent : name_color(msg.sender.get());
      st.badge = is_verified_teacher(chat, msg.sender.get());
      if (st.own) {
        // Stored (in the history); in a direct chat, read once the other side's position passed it.
        st.checks = chat.kind == pb::CHAT_KIND_DIRECT && read_by(chat, msg.seq, msg.sender).read > 0 ? 2 : 1;
      }
      // A jump landed here: the bubble glows and fades back.
      if (view.history.flash_seq == msg.seq && now - view.history.flash_started < kFlashSeconds) {
        const float a = static_cast<float>(1.0 - (now - view.history.flash_started) / kFlashSeconds);
        st.fill = ImGui::GetColorU32(ImLerp(ImGui::ColorConvertU32ToFloat4(st.fill), ImGui::ColorConvertU32ToFloat4(color::kFlashFill), a));
        ctx.wants_frame = true;
      }
      char mark[64];
      format_mark(msg, ctx.tr("msg_edited"), mark, sizeof mark);
      const ImVec2 min(std::floor(st.own ? origin.x + column_w - b.width : origin.x), std::floor(origin.y + y));
      const ImRect bubble(min, ImVec2(min.x + b.width, min.y + b.height));
      ImGui::PushID(static_cast<int>(msg.seq));
      const ImRect name = draw_frame(ctx, m, min, b, msg.sender_name, mark, st);
      float cy = min.y + m.pad_y + f.bold->FontSize + m.header_gap;
      const float inner_x = min.x + m.pad_x;
      const float inner_w = b.width - 2 * m.pad_x;
      if (b.quote_h > 0 && msg.reply_to) {
        draw_quote(ctx, chat, msg, ImRect(ImVec2(inner_x, cy + std::round(2 * d)), ImVec2(inner_x + inner_w, cy + b.quote_h - std::round(6 * d))),
                   probe, out);
        cy += b.quote_h;
      }
      if (msg.deleted) {
        dl->AddText(f.regular, f.regular->FontSize, ImVec2(inner_x, cy), color::kMuted, ctx.tr("msg_deleted"));
      } else if (msg.poll) {
        draw_poll_card(ctx, chat, msg, ImRect(ImVec2(inner_x, cy), ImVec2(inner_x + inner_w, cy + b.body_h)), view, probe, out);
      } else {
        draw_text_body(ctx, chat, msg, ImVec2(inner_x, cy), m.wrap, view, out);
      }
      cy += b.body_h;
      if (const ReadBy rb = b.footer_h > 0 ? read_by(chat, msg.seq, msg.sender) : ReadBy{}; rb.of > 0) {
        const std::string line = ctx.tr.format("msg_read_by", {{"n", std::to_string(rb.read)}, {"m", std::to_string(rb.of)}});
        dl->AddText(f.small, f.small->FontSize, ImVec2(inner_x, cy + std::round(3 * d)), color::kMuted, line.c_str());
      }
      char probe_name[32];
      std::snprintf(probe_name, sizeof probe_name, "msg_%llu", static_cast<unsigned long long>(msg.seq));
      probe.add_rect(probe_name, bubble);
      // The mirror: one list item per message; activating it opens the message's actions.
      {
        const ImGuiID row_id = ImGui::GetID("##msg");
        std::string text = msg.deleted ? std::string(ctx.tr("msg_deleted"))
                           : msg.poll  ? std::string(ctx.tr("poll_label")) + ": " + msg.text
                                       : msg.text;
        if (msg.reply_to) text = ctx.tr.format("a11y_reply_to", {{"name", msg.reply_to->sender_name()}}) + ". " + text;
        probe.a11y.custom(A11yRole::ListItem, ctx.tr.format("a11y_message", {{"name", msg.sender_name}, {"time", mark}, {"text", text}}),
                          row_id, bubble);
        if (probe.a11y.activated(row_id) && !msg.deleted) {
          view.history.menu_seq = msg.seq;
          view.history.open_menu = true;
        }
      }

      // Someone else's name: a click shows their profile (name, role, badge, class).
      if (!st.own && window_hovered && name.Contains(mouse) && !ImGui::IsAnyItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) out.org.show_profile = msg.sender.get();
      }
      // Actions: the "…" button while the row is hovered, a right click, or a long press.
      const ImRect row(ImVec2(origin.x - side, bubble.Min.y), ImVec2(origin.x + column_w + side, bubble.Max.y));
      if (!msg.deleted && window_hovered && row.Contains(mouse)) {
        const float bs = std::round(28 * d);
        const float bx = st.own ? bubble.Min.x - bs - std::round(4 * d) : bubble.Max.x + std::round(4 * d);
        ImGui::SetCursorScreenPos(ImVec2(bx, bubble.Min.y));
        if (ImGui::IconButton("##more", ImGui::Icon::More, bs, d)) {
          view.history.menu_seq = msg.seq;
          view.history.open_menu = true;
        }
        probe.add("msg_more", static_cast<std::int64_t>(msg.seq));
        probe.a11y.item(A11yRole::Button, ctx.tr("msg_actions"));
        // A right click anywhere on the bubble (poll options and quotes included), on
        // release like ImGui's context menus: the click itself closes open popups.
        if (bubble.Contains(mouse) && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
          view.history.menu_seq = msg.seq;
          view.history.open_menu = true;
        }
        if (bubble.Contains(mouse) && !ImGui::IsAnyItemHovered()) {
          if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            view.history.press_seq = msg.seq;
            view.history.press_started = now;
          }
        }
      }
      if (view.history.press_seq == msg.seq) {
        if (ImGui::GetIO().MouseDragMaxDistanceSqr[0] > 100 * d * d) {
          view.history.press_seq = 0;
        } else if (now - view.history.press_started >= kLongPressSeconds) {
          view.history.menu_seq = msg.seq;
          view.history.open_menu = true;
          view.history.press_seq = 0;
        } else {
          ctx.wants_frame = true;  // keep counting while the finger rests
        }
      }
      ImGui::PopID();
    }
  }

  // Pending (outbox) messages, with their state instead of a time.
  float y = top_h + layout.total_height();
  for (const PendingRow& row : view.history.pending) {
    if (origin.y + y + row.bubble.height >= visible.Min.y && origin.y + y <= visible.Max.y) {
      BubbleStyle st;
      st.own = true;
      const bool failed = !row.item->failed.is_ok();
      st.fill = failed ? color::kFailedBubble : color::kPendingBubble;
      st.name = color::kAccent;
      st.mark = failed ? color::kError : color::kMuted;
      const ImVec2 min(std::floor(origin.x + column_w - row.bubble.width), std::floor(origin.y + y));
      draw_frame(ctx, m, min, row.bubble, my_name, ctx.tr(failed ? "msg_failed" : "msg_sending"), st);
      probe.a11y.custom(A11yRole::ListItem,
                        ctx.tr.format("a11y_message", {{"name", my_name}, {"time", ctx.tr(failed ? "msg_failed" : "msg_sending")}, {"text", row.item->text}}),
                        ImGui::GetID(row.item->client_id.c_str()), ImRect(min, ImVec2(min.x + row.bubble.width, min.y + row.bubble.height)));
      dl->AddText(f.regular, f.regular->FontSize, ImVec2(min.x + m.pad_x, min.y + m.pad_y + f.bold->FontSize + m.header_gap), color::kText,
                  row.item->text.data(), row.item->text.data() + row.item->text.size(), m.wrap);
      if (failed) {
        // A failed message can be dismissed; its reason shows on hover.
        const char* label = ctx.tr("msg_dismiss");
        const float bw = text_width(f.small, label) + style.FramePadding.x * 2;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + column_w - row.bubble.width - bw - std::round(8 * d), origin.y + y));
        ImGui::PushID(row.item->client_id.c_str());
        ImGui::PushFont(f.small);
        if (ImGui::SmallButton(label)) out.chat.discard = row.item->client_id;
        probe.a11y.item(A11yRole::Button, label);
        ImGui::PopFont();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr.error(row.item->failed.code()));
        ImGui::PopID();
      }
    }
    y += row.bubble.height + m.gap;
  }

  draw_message_menu(ctx, chat, view, probe, out);
  draw_select_text(ctx, view, probe);

  // Remember where we are for the next frame's decisions.
  view.history.last_scroll = scroll;
  view.history.last_total = total;
  view.history.last_visible_h = visible_h;
  view.history.stick_to_bottom = scroll >= ImGui::GetScrollMaxY() - 2 * d;
  if (layout.size() > 0) {
    const std::size_t i = layout.index_at(scroll - top_h);
    view.history.anchor_seq = chat.messages[i].seq;
    view.history.anchor_offset = top_h + layout.top(i);
  } else {
    view.history.anchor_seq = 0;
  }
  ImGui::EndChild();

  // Reading at the bottom of an open chat moves the read position forward.
  if (view.history.stick_to_bottom && chat.unread_count > 0 && chat.history_loaded && chat.loaded_until() > view.history.marked_read_seq) {
    out.chat.mark_read = std::make_pair(chat.id, chat.loaded_until());
    view.history.marked_read_seq = chat.loaded_until();
  }
}

}  // namespace parta::ui
