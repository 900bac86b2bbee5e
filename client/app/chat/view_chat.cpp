// The open chat (right pane): header (title, search in this chat, info), the
// pinned bar, the history (view_history.cpp) or search results over it, the
// typing line and the composer; or the chat info panel instead of all of that.
#include <algorithm>
#include <cmath>

#include "client/app/chat/text_spans.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"

namespace parta::ui {
namespace {

void centered_muted(const ViewContext& ctx, const ImRect& r, const char* text) {
  const ImFont* f = ctx.fonts.regular;
  const float w = text_width(f, text);
  ImGui::GetWindowDrawList()->AddText(f, f->FontSize, ImVec2(std::floor(r.GetCenter().x - w * 0.5f), std::floor(r.GetCenter().y - f->FontSize * 0.5f)),
                                      color::kMuted, text);
}

void draw_header(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(r, color::kPanel);
  dl->AddLine(ImVec2(r.Min.x, r.Max.y - 1), ImVec2(r.Max.x, r.Max.y - 1), color::kBorder);
  float pad = std::round(20 * d);
  const float bw = std::round(40 * d);
  if (view.narrow) {
    // One pane: "←" back to the list.
    ImGui::SetCursorScreenPos(ImVec2(r.Min.x + std::round(6 * d), std::floor(r.GetCenter().y - bw * 0.5f)));
    if (ImGui::InvisibleButton("##chat_back", ImVec2(bw, bw))) out.chat.close_chat = true;
    probe.add("chat_back");
    probe.a11y.item(A11yRole::Button, ctx.tr("chat_back"));
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

  // Right: search in this chat, chat info.
  const float by = std::floor(r.GetCenter().y - bw * 0.5f);
  float right = r.Max.x - std::round(10 * d);
  right -= bw;
  ImGui::SetCursorScreenPos(ImVec2(right, by));
  if (ImGui::IconButton("##chat_info", ImGui::Icon::Info, bw, d, view.header.info_open ? color::kAccent : 0)) {
    view.header.info_open = !view.header.info_open;
    view.header.search_open = false;
  }
  probe.add("chat_info_open");
  probe.a11y.item(A11yRole::Button, ctx.tr("chat_info"), view.header.info_open ? kA11yExpanded : 0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("chat_info"));
  right -= bw + std::round(4 * d);
  if (!view.header.search_open) {
    ImGui::SetCursorScreenPos(ImVec2(right, by));
    if (ImGui::IconButton("##chat_search", ImGui::Icon::Search, bw, d)) {
      view.header.search_open = true;
      view.header.focus_search = true;
      view.header.info_open = false;
    }
    probe.add("chat_search_open");
    probe.a11y.item(A11yRole::Button, ctx.tr("search_in_chat"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("search_in_chat"));
  } else {
    // The search field takes the title's place.
    ImGui::SetCursorScreenPos(ImVec2(right, by));
    if (ImGui::IconButton("##chat_search_close", ImGui::Icon::Close, bw, d)) {
      view.header.search_open = false;
      view.header.search_query.clear();
      ChatOp op;
      op.kind = ChatOp::Kind::ClearSearch;
      out.chat.ops.push_back(std::move(op));
    }
    probe.add("chat_search_close");
    probe.a11y.item(A11yRole::Button, ctx.tr("search_close"));
    const float x0 = r.Min.x + pad;
    const float w = std::max(40 * d, right - std::round(8 * d) - x0);
    const float h = ImGui::GetFrameHeight();
    ImGui::SetCursorScreenPos(ImVec2(x0, std::floor(r.GetCenter().y - h * 0.5f)));
    if (view.header.focus_search) {
      ImGui::FocusNextItem();
      view.header.focus_search = false;
    }
    ImGui::SetNextItemWidth(w);
    const bool enter = ImGui::InputTextWithHint("##chat_search_field", ctx.tr("search_hint"), &view.header.search_query,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    probe.add("chat_search");
    probe.a11y.item(A11yRole::Textbox, ctx.tr("search_in_chat"));
    if (enter) {
      ChatOp op;
      op.kind = ChatOp::Kind::Search;
      op.chat = chat.id;
      op.text = view.header.search_query;
      out.chat.ops.push_back(std::move(op));
      view.header.focus_search = true;
    }
    if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) view.header.search_open = false;
    return;
  }

  // Mute: this chat sends no notifications and leaves the title's count.
  right -= bw + std::round(4 * d);
  ImGui::SetCursorScreenPos(ImVec2(right, by));
  if (ImGui::InvisibleButton("##chat_mute", ImVec2(bw, bw))) out.chat.mute_chat = std::make_pair(chat.id, !view.muted);
  probe.add("chat_mute");
  probe.a11y.item(A11yRole::Button, ctx.tr(view.muted ? "chat_unmute" : "chat_mute"));
  {
    const ImRect b = last_item_rect();
    if (ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      dl->AddRectFilled(b.Min, b.Max, color::kHover, std::round(6 * d));
      ImGui::SetTooltip("%s", ctx.tr(view.muted ? "chat_unmute" : "chat_mute"));
    }
    // A bell (the subset font has none); struck through when muted.
    const ImVec2 c = b.GetCenter();
    const float a = std::round(7 * d), t = std::max(1.5f, 1.8f * d);
    const ImU32 col = view.muted ? color::kMuted : color::kText;
    dl->PathArcTo(ImVec2(c.x, c.y - a * 0.25f), a * 0.7f, IM_PI, 2 * IM_PI);
    dl->PathLineTo(ImVec2(c.x + a * 0.7f, c.y + a * 0.55f));
    dl->PathLineTo(ImVec2(c.x + a, c.y + a * 0.8f));
    dl->PathLineTo(ImVec2(c.x - a, c.y + a * 0.8f));
    dl->PathLineTo(ImVec2(c.x - a * 0.7f, c.y + a * 0.55f));
    dl->PathStroke(col, ImDrawFlags_Closed, t);
    dl->AddCircleFilled(ImVec2(c.x, c.y + a * 1.1f), a * 0.22f, col);
    if (view.muted) dl->AddLine(ImVec2(c.x - a, c.y - a), ImVec2(c.x + a, c.y + a * 1.2f), color::kError, t);
  }

  const float block = f.title->FontSize + std::round(2 * d) + f.small->FontSize;
  const float top = std::floor(r.GetCenter().y - block * 0.5f);
  bool badge = false;  // a direct chat with a verified teacher
  if (chat.kind == pb::CHAT_KIND_DIRECT) {
    for (const pb::User& u : chat.members) badge |= (!ctx.state.me || u.id() != ctx.state.me->id()) && u.verified_teacher();
  }
  const float avail = right - std::round(8 * d) - (r.Min.x + pad);
  const float title_max = avail - (badge ? ImGui::TeacherBadgeWidth(f.title, d) : 0);
  ImGui::TextEllipsis(dl, f.title, ImVec2(r.Min.x + pad, top), title_max, color::kText, chat.title);
  if (badge) ImGui::TeacherBadge(dl, f.title, ImVec2(r.Min.x + pad + std::min(text_width(f.title, chat.title), title_max), top), d);
  std::string sub = chat.kind == pb::CHAT_KIND_DIRECT ? std::string(ctx.tr("chat_direct"))
                                                      : ctx.tr.plural("chat_members", static_cast<long>(chat.members.size()));
  if (chat.settings.post_policy() == pb::POST_POLICY_MODERATORS) sub += std::string(" \xC2\xB7 ") + ctx.tr("chat_announcements");
  ImGui::TextEllipsis(dl, f.small, ImVec2(r.Min.x + pad, top + f.title->FontSize + std::round(2 * d)), avail, color::kMuted, sub);
  // The title opens the info panel too.
  ImGui::SetCursorScreenPos(ImVec2(r.Min.x + pad, top));
  if (ImGui::InvisibleButton("##chat_title", ImVec2(std::max(1.0f, avail), block))) view.header.info_open = true;
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  probe.add("chat_title");
  probe.a11y.item(A11yRole::Button, chat.title + ". " + sub);
}

// The latest pin (or the one the bar cycled to): a click jumps there and moves on to the next.
void draw_pinned_bar(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(r, color::kPanel);
  dl->AddLine(ImVec2(r.Min.x, r.Max.y - 1), ImVec2(r.Max.x, r.Max.y - 1), color::kBorder);
  const std::size_t n = chat.pinned_seqs.size();
  if (view.header.pin_index >= n) view.header.pin_index = 0;
  const std::uint64_t seq = chat.pinned_seqs[view.header.pin_index];
  ImGui::SetCursorScreenPos(r.Min);
  if (ImGui::InvisibleButton("##pinned_bar", r.GetSize())) {
    ChatOp op;
    op.kind = ChatOp::Kind::Jump;
    op.chat = chat.id;
    op.seq = seq;
    out.chat.ops.push_back(std::move(op));
    view.header.pin_index = (view.header.pin_index + 1) % n;
  }
  probe.add("pinned_bar");
  {
    const ChatMessage* pinned = chat.find_message(seq);
    probe.a11y.item(A11yRole::Button, std::string(ctx.tr("pinned_title")) + ": " +
                                          (pinned == nullptr ? std::string(ctx.tr("pinned_not_loaded")) : snippet(pinned->text, 120)));
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddRectFilled(r.Min, ImVec2(r.Max.x, r.Max.y - 1), color::kHover);
  }
  const float pad = std::round(16 * d);
  dl->AddRectFilled(ImVec2(r.Min.x + pad, r.Min.y + std::round(8 * d)), ImVec2(r.Min.x + pad + std::round(3 * d), r.Max.y - std::round(8 * d)),
                    color::kAccent, std::round(1.5f * d));
  const float x = r.Min.x + pad + std::round(12 * d);
  const float y = std::floor(r.GetCenter().y - (f.small->FontSize + f.regular->FontSize) * 0.5f);
  std::string label = ctx.tr("pinned_title");
  if (n > 1) label += " " + std::to_string(view.header.pin_index + 1) + "/" + std::to_string(n);
  dl->AddText(f.small, f.small->FontSize, ImVec2(x, y), color::kAccent, label.c_str());
  const ChatMessage* msg = chat.find_message(seq);
  const std::string text = msg == nullptr ? std::string(ctx.tr("pinned_not_loaded"))
                           : msg->deleted ? std::string(ctx.tr("msg_deleted"))
                                          : (msg->poll ? std::string(ctx.tr("poll_label")) + ": " : std::string()) + snippet(msg->text, 120);
  ImGui::TextEllipsis(dl, f.regular, ImVec2(x, y + f.small->FontSize), r.Max.x - pad - x, color::kText, text);
}

void update_typing_line(const ViewContext& ctx, const ChatEntry& chat, ChatView& view) {
  view.typing_line.clear();
  const std::size_t n = chat.typing.size();
  if (n == 0) return;
  const std::string& a = chat.typing[0].name;
  if (n == 1) view.typing_line = ctx.tr.format("typing_one", {{"name", a}});
  else if (n == 2) view.typing_line = ctx.tr.format("typing_two", {{"name", a}, {"other", chat.typing[1].name}});
  else view.typing_line = ctx.tr.format("typing_many", {{"name", a}, {"n", std::to_string(n - 1)}});
}

// A different chat: start fresh (the newest message, or the "new messages" divider).
void reset_for_chat(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, Intents& out) {
  view.shown_chat = chat.id;
  view.history.scroll_to_bottom = true;
  view.history.stick_to_bottom = true;
  view.history.anchor_seq = 0;
  view.history.older_requested_from = 0;
  view.history.marked_read_seq = 0;
  view.composer.focus_composer = view.autofocus;
  view.composer.send_error.clear();
  view.history.divider_after = chat.unread_count > 0 ? chat.read_seq : 0;
  view.history.scroll_to_divider = view.history.divider_after != 0;
  view.history.flash_seq = 0;
  view.history.menu_seq = 0;
  view.history.press_seq = 0;
  view.header.pin_index = 0;
  view.composer.edit_seq = 0;
  view.composer.saved_draft.clear();
  view.composer.picked.clear();
  view.composer.mention_open = false;
  view.composer.mention_insert = 0;
  view.poll = PollForm{};
  view.header.info_open = false;
  if (view.header.search_open || (ctx.state.search.chat.valid() && ctx.state.search.chat != chat.id)) {
    if (ctx.state.search.chat.valid()) {
      ChatOp op;
      op.kind = ChatOp::Kind::ClearSearch;
      out.chat.ops.push_back(std::move(op));
    }
  }
  view.header.search_open = false;
  view.header.search_query.clear();
  // The draft this chat had (kept by the engine across reloads).
  view.composer.reply_seq = 0;
  if (view.stored_draft != nullptr) {
    if (!view.composer.drafts.count(chat.id.get())) view.composer.drafts[chat.id.get()] = view.stored_draft->text();
    view.composer.reply_seq = view.stored_draft->reply_to_seq();
  }
  view.composer.synced_draft = view.composer.drafts[chat.id.get()];
  view.composer.synced_reply = view.composer.reply_seq;
}

}  // namespace

std::string_view member_name(const ChatEntry& chat, std::int64_t user_id) {
  for (const pb::User& u : chat.members) {
    if (u.id() == user_id) return u.display_name();
  }
  return {};
}

void draw_chat(const ViewContext& ctx, const ImRect& area, ChatView& view, UiProbe& probe, Intents& out) {
  const ChatEntry* chat = ctx.state.find_chat(ctx.state.open_chat);
  if (chat == nullptr) {
    view.shown_chat = ChatId{};
    centered_muted(ctx, area, ctx.tr("chat_none_selected"));
    return;
  }
  if (chat->id != view.shown_chat) {
    reset_for_chat(ctx, *chat, view, out);
    ctx.wants_frame = true;
  }
  const float d = ctx.fonts.dpr;
  const float header_h = std::round(60 * d);
  const ImRect header(area.Min, ImVec2(area.Max.x, area.Min.y + header_h));
  draw_header(ctx, *chat, header, view, probe, out);
  const ImRect body(ImVec2(area.Min.x, header.Max.y), area.Max);
  if (view.header.info_open) {
    draw_chat_info(ctx, *chat, body, view, probe, out);
    return;
  }

  float top = body.Min.y;
  if (!chat->pinned_seqs.empty()) {
    const float pin_h = std::round(48 * d);
    draw_pinned_bar(ctx, *chat, ImRect(ImVec2(area.Min.x, top), ImVec2(area.Max.x, top + pin_h)), view, probe, out);
    top += pin_h;
  }
  const float comp_h = composer_height(ctx, *chat, view);
  const ImRect composer(ImVec2(area.Min.x, area.Max.y - comp_h), area.Max);
  update_typing_line(ctx, *chat, view);
  float bottom = composer.Min.y;
  if (!view.typing_line.empty()) {
    // Others typing: a line between the history and the composer.
    const float typing_h = ctx.fonts.small->FontSize + std::round(8 * d);
    bottom -= typing_h;
    const ImRect line(ImVec2(area.Min.x, bottom), ImVec2(area.Max.x, bottom + typing_h));
    ImGui::TextEllipsis(ImGui::GetWindowDrawList(), ctx.fonts.small, ImVec2(line.Min.x + std::round(20 * d), line.Min.y + std::round(3 * d)),
                        line.GetWidth() - std::round(40 * d), color::kMuted, view.typing_line);
    probe.add_rect("typing_line", line);
  }
  const ImRect history(ImVec2(area.Min.x, top), ImVec2(area.Max.x, bottom));
  const SearchState& search = ctx.state.search;
  const bool show_results = view.header.search_open && search.chat == chat->id && (!search.query.empty() || search.pending);
  if (history.GetHeight() > 0) {
    if (!show_results) {
      draw_history(ctx, *chat, history, view, probe, out);
    } else if (draw_search_results(ctx, history, false, probe, out)) {
      // A hit was chosen: back to the history, which jumps to it.
      view.header.search_open = false;
      view.header.search_query.clear();
      ChatOp op;
      op.kind = ChatOp::Kind::ClearSearch;
      out.chat.ops.push_back(std::move(op));
    }
  }
  draw_composer(ctx, *chat, composer, view, probe, out);
  draw_poll_form(ctx, *chat, view, probe, out);

  // The draft (text and reply) follows the composer, so it survives a switch or a reload.
  if (view.composer.edit_seq == 0) {
    const std::string& draft = view.composer.drafts[chat->id.get()];
    if (draft != view.composer.synced_draft || view.composer.reply_seq != view.composer.synced_reply) {
      view.composer.synced_draft = draft;
      view.composer.synced_reply = view.composer.reply_seq;
      ChatOp op;
      op.kind = ChatOp::Kind::Draft;
      op.chat = chat->id;
      op.text = draft;
      op.seq = view.composer.reply_seq;
      out.chat.ops.push_back(std::move(op));
    }
  }
}

}  // namespace parta::ui
