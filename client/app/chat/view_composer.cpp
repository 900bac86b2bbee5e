// The message composer: multi-line input (Enter sends, Shift+Enter breaks the
// line), a Send button, the reply or edit bar above it, @-autocomplete from the
// chat's members, the poll button, a validation error line, and typing
// notifications. Where the person may not post, a line says why instead.
#include <algorithm>
#include <cmath>

#include "client/app/chat/text_spans.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

constexpr int kMaxVisibleLines = 6;
constexpr std::size_t kMaxSuggestions = 6;

int visible_lines(const std::string& text) {
  const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return std::clamp(lines, 1, kMaxVisibleLines);
}

// What gets sent: the draft without trailing blank lines and spaces.
std::string trimmed(const std::string& text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' ' || text[end - 1] == '\r' || text[end - 1] == '\t')) --end;
  return text.substr(0, end);
}

// Why the composer is hidden (an i18n key), or null when the person may post.
const char* post_block_reason(const ViewContext& ctx, const ChatEntry& chat, const ChatView& view) {
  const ChatActor actor = chat_actor(ctx.state, chat);
  const Status s = check_chat(actor, ChatAction::Post, chat_target(chat, view.now_ms));
  if (s.is_ok()) return nullptr;
  if (s.code() == pb::ERROR_MUTED) return "composer_muted";
  if (chat.settings.post_policy() == pb::POST_POLICY_MODERATORS) return "composer_announcements";
  return "composer_read_only";
}

bool has_bar(const ChatView& view) { return view.composer.reply_seq != 0 || view.composer.edit_seq != 0; }

// Runs inside the active input: records the cursor and inserts a chosen mention.
int composer_callback(ImGuiInputTextCallbackData* data) {
  auto* view = static_cast<ChatView*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion && view->composer.mention_open && !view->composer.mention_insert_name.empty()) {
    view->composer.mention_insert = -1;  // Tab: the first suggestion (its name is already there)
  }
  if ((data->EventFlag == ImGuiInputTextFlags_CallbackAlways || data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) &&
      view->composer.mention_insert != 0) {
    const int start = std::clamp(static_cast<int>(view->composer.mention_start), 0, data->BufTextLen);
    const int end = std::clamp(static_cast<int>(view->composer.mention_end), start, data->BufTextLen);
    std::string text(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    const std::size_t cursor = insert_mention(text, static_cast<std::size_t>(start), static_cast<std::size_t>(end), view->composer.mention_insert_name);
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text.data(), text.data() + text.size());
    data->CursorPos = data->SelectionStart = data->SelectionEnd = static_cast<int>(cursor);
    view->composer.mention_insert = 0;
    view->composer.mention_open = false;
  }
  view->composer.mention_end = static_cast<std::size_t>(data->CursorPos);
  return 0;
}

void draw_bar(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool editing = view.composer.edit_seq != 0;
  const std::uint64_t seq = editing ? view.composer.edit_seq : view.composer.reply_seq;
  const ChatMessage* msg = chat.find_message(seq);
  const float pad = std::round(16 * d);
  dl->AddRectFilled(ImVec2(r.Min.x + pad, r.Min.y + std::round(6 * d)), ImVec2(r.Min.x + pad + std::round(3 * d), r.Max.y - std::round(4 * d)),
                    color::kAccent, std::round(1.5f * d));
  const float x = r.Min.x + pad + std::round(12 * d);
  const float bw = std::round(32 * d);
  const float w = r.Max.x - pad - bw - std::round(8 * d) - x;
  const std::string title = editing ? std::string(ctx.tr("composer_editing"))
                                    : ctx.tr.format("composer_reply_to", {{"name", msg ? std::string_view(msg->sender_name) : std::string_view()}});
  const float y = r.Min.y + std::round(5 * d);
  ImGui::TextEllipsis(dl, f.small, ImVec2(x, y), w, color::kAccent, title);
  const std::string text = msg == nullptr ? std::string() : msg->poll ? std::string(ctx.tr("poll_label")) + ": " + msg->text : snippet(msg->text, 160);
  ImGui::TextEllipsis(dl, f.small, ImVec2(x, y + f.small->FontSize), w, color::kText, text);
  probe.add_rect(editing ? "edit_bar" : "reply_bar", r);
  ImGui::SetCursorScreenPos(ImVec2(r.Max.x - pad - bw, std::floor(r.GetCenter().y - bw * 0.5f)));
  if (ImGui::IconButton("##bar_cancel", ImGui::Icon::Close, bw, d)) {
    if (editing) {
      view.composer.drafts[chat.id.get()] = view.composer.saved_draft;
      view.composer.edit_seq = 0;
    } else {
      view.composer.reply_seq = 0;
    }
    view.composer.focus_composer = true;
  }
  probe.add(editing ? "edit_cancel" : "reply_cancel");
  probe.a11y.item(A11yRole::Button, ctx.tr(editing ? "a11y_cancel_edit" : "a11y_cancel_reply"));
}

// The @-suggestions above the composer: members whose names match what follows '@'.
void draw_suggestions(const ViewContext& ctx, const ChatEntry& chat, const ImRect& input, ChatView& view, UiProbe& probe) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const std::int64_t my_id = ctx.state.me ? ctx.state.me->id() : 0;
  const pb::User* found[kMaxSuggestions];
  std::size_t n = 0;
  for (const pb::User& u : chat.members) {
    if (n == kMaxSuggestions) break;
    if (u.id() != my_id && name_matches(u.display_name(), view.composer.mention_query)) found[n++] = &u;
  }
  if (n == 0) {
    view.composer.mention_open = false;
    view.composer.mention_insert_name.clear();
    return;
  }
  if (view.composer.mention_insert == 0) view.composer.mention_insert_name = found[0]->display_name();  // Tab/Enter take the first
  const float row_h = f.regular->FontSize + std::round(14 * d);
  const float w = std::min(input.GetWidth(), std::round(320 * d));
  const float h = row_h * static_cast<float>(n) + std::round(8 * d);
  ImGui::SetNextWindowPos(ImVec2(input.Min.x, input.Min.y - h - std::round(6 * d)));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(4 * d), std::round(4 * d)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, std::round(8 * d));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, color::kPanel);
  ImGui::Begin("##mentions", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoMove);
  for (std::size_t i = 0; i < n; ++i) {
    const pb::User& u = *found[i];
    ImGui::PushID(static_cast<int>(u.id()));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##m", i == 0, ImGuiSelectableFlags_SelectOnClick, ImVec2(0, row_h))) {
      view.composer.mention_insert = u.id();
      view.composer.mention_insert_name = u.display_name();
      view.composer.focus_composer = true;
    }
    probe.add("mention", u.id());
    probe.a11y.item(A11yRole::Option, u.display_name(), i == 0 ? kA11ySelected : 0);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float ty = p.y + (row_h - f.regular->FontSize) * 0.5f;
    ImGui::TextEllipsis(dl, f.regular, ImVec2(p.x + std::round(10 * d), ty), w - std::round(100 * d), color::kText, u.display_name());
    const char* role = ctx.tr.role(u.role());
    const float rw = text_width(f.small, role);
    dl->AddText(f.small, f.small->FontSize, ImVec2(p.x + w - std::round(18 * d) - rw, ty + std::round(2 * d)), color::kMuted, role);
    ImGui::PopID();
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(4);
}

}  // namespace

float composer_height(const ViewContext& ctx, const ChatEntry& chat, const ChatView& view) {
  const float d = ctx.fonts.dpr;
  const float pad = 2 * std::round(12 * d);
  if (post_block_reason(ctx, chat, view) != nullptr) return std::round(ctx.fonts.regular->FontSize + pad);
  const ImGuiStyle& style = ImGui::GetStyle();
  const auto it = view.composer.drafts.find(chat.id.get());
  const int lines = it == view.composer.drafts.end() ? 1 : visible_lines(it->second);
  const float input_h = lines * ctx.fonts.regular->FontSize + 2 * style.FramePadding.y;
  const float error_h = view.composer.send_error.empty() ? 0 : ctx.fonts.small->FontSize + std::round(6 * d);
  const float bar_h = has_bar(view) ? 2 * ctx.fonts.small->FontSize + std::round(14 * d) : 0;
  return std::round(input_h + error_h + bar_h + pad);
}

void draw_composer(const ViewContext& ctx, const ChatEntry& chat, const ImRect& r, ChatView& view, UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ctx.panel(r, color::kPanel);
  dl->AddLine(r.Min, ImVec2(r.Max.x, r.Min.y), color::kBorder);

  if (const char* reason = post_block_reason(ctx, chat, view)) {
    // Announcements for students, a muted member, read-only: say so instead of a dead input.
    const char* text = ctx.tr(reason);
    const float w = text_width(f.regular, text);
    const ImVec2 pos(std::floor(std::max(r.Min.x + 16 * d, r.GetCenter().x - w * 0.5f)), std::floor(r.GetCenter().y - f.regular->FontSize * 0.5f));
    ImGui::TextEllipsis(dl, f.regular, pos, r.GetWidth() - 32 * d, color::kMuted, text);
    probe.add_rect("composer_notice", ImRect(pos, ImVec2(pos.x + w, pos.y + f.regular->FontSize)));
    view.composer.reply_seq = 0;
    view.composer.edit_seq = 0;
    return;
  }

  std::string& draft = view.composer.drafts[chat.id.get()];
  const float pad = std::round(12 * d);
  float y = r.Min.y + (has_bar(view) ? 0 : pad);
  if (has_bar(view)) {
    const float bar_h = 2 * f.small->FontSize + std::round(14 * d);
    draw_bar(ctx, chat, ImRect(ImVec2(r.Min.x, y), ImVec2(r.Max.x, y + bar_h)), view, probe);
    y += bar_h;
  }
  if (!view.composer.send_error.empty()) {
    dl->AddText(f.small, f.small->FontSize, ImVec2(r.Min.x + std::round(16 * d), y), color::kError, view.composer.send_error.c_str());
    y += f.small->FontSize + std::round(6 * d);
  }

  const ChatActor actor = chat_actor(ctx.state, chat);
  const bool can_poll = view.composer.edit_seq == 0 && chat_allowed(actor, ChatAction::CreatePoll, chat_target(chat, view.now_ms));
  const char* send_label = ctx.tr(view.composer.edit_seq != 0 ? "save" : "send");
  const float send_w = text_width(f.bold, send_label) + 2 * std::round(18 * d);
  const float input_h = visible_lines(draft) * f.regular->FontSize + 2 * style.FramePadding.y;
  const float poll_w = can_poll ? input_h : 0;
  float x = r.Min.x + std::round(16 * d);
  ImGui::PushID(static_cast<int>(chat.id.get()));
  if (can_poll) {
    // A poll instead of a message.
    ImGui::SetCursorScreenPos(ImVec2(r.Min.x + std::round(8 * d), y + input_h - poll_w));
    if (ImGui::IconButton("##attach_poll", ImGui::Icon::Poll, poll_w, d)) view.poll.open_requested = true;
    probe.add("attach_poll");
    probe.a11y.item(A11yRole::Button, ctx.tr("poll_new"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("poll_new"));
    x = r.Min.x + std::round(8 * d) + poll_w + std::round(4 * d);
  }
  const float input_w = r.Max.x - x - std::round(16 * d) - send_w - pad;
  ImGui::SetCursorScreenPos(ImVec2(x, y));

  // ImGui's multi-line input breaks lines on Ctrl+Enter when Enter validates; we
  // want Shift+Enter, so present Shift as Ctrl to it for that one key press.
  const ImGuiID input_id = ImGui::GetID("##composer");
  const bool active = ImGui::GetActiveID() == input_id;
  const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
  const bool shift_enter = active && enter && io.KeyShift && !io.KeyCtrl;
  // Enter while suggestions show picks the first one instead of sending.
  const bool pick_with_enter = active && enter && !shift_enter && view.composer.mention_open && !view.composer.mention_insert_name.empty();
  if (pick_with_enter) view.composer.mention_insert = -1;
  const bool escape = active && ImGui::IsKeyPressed(ImGuiKey_Escape, false);
  if (shift_enter) io.KeyCtrl = true;
  if (view.composer.focus_composer) {
    ImGui::FocusNextItem();
    view.composer.focus_composer = false;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, std::round(10 * d));
  const bool entered = ImGui::InputTextMultiline(
      "##composer", &draft, ImVec2(input_w, input_h),
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine | ImGuiInputTextFlags_CallbackAlways |
          // Tab completes a mention while suggestions show; otherwise it moves on (keyboard navigation).
          (view.composer.mention_open ? ImGuiInputTextFlags_CallbackCompletion : 0),
      composer_callback, &view);
  const bool edited = ImGui::IsItemEdited();
  ImGui::PopStyleVar();
  if (shift_enter) io.KeyCtrl = false;
  const ImRect input_rect = last_item_rect();
  probe.set(Probe::Composer, input_rect);
  probe.a11y.item(A11yRole::Textbox, a11y_label(ctx.tr("composer_hint")), kA11yMultiline);
  const bool now_active = ImGui::IsItemActive();
  if (draft.empty() && !now_active) {
    // Multi-line inputs have no hint in ImGui 1.90: draw it.
    ImGui::TextEllipsis(dl, f.regular, ImVec2(input_rect.Min.x + style.FramePadding.x, input_rect.Min.y + style.FramePadding.y),
                        input_rect.GetWidth() - 2 * style.FramePadding.x, color::kMuted, ctx.tr("composer_hint"));
  }
  if (edited && !draft.empty()) {
    ChatOp op;
    op.kind = ChatOp::Kind::Typing;
    op.chat = chat.id;
    out.chat.ops.push_back(std::move(op));
  }

  // @-autocomplete: the "@query" right before the cursor.
  if (now_active) {
    const MentionQuery q = mention_query_at(draft, std::min(view.composer.mention_end, draft.size()));
    view.composer.mention_open = q.found && chat.kind == pb::CHAT_KIND_GROUP;
    if (view.composer.mention_open) {
      view.composer.mention_start = q.start;
      view.composer.mention_query.assign(q.query);
    }
  } else if (view.composer.mention_insert == 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    view.composer.mention_open = false;
  }
  if (view.composer.mention_open) draw_suggestions(ctx, chat, input_rect, view, probe);

  ImGui::SameLine(0, pad);
  const bool has_text = !is_blank(draft);
  ImGui::PushFont(f.bold);
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, std::round(10 * d));
  const bool clicked = ImGui::PrimaryButton(send_label, ImVec2(send_w, input_h), has_text);
  ImGui::PopStyleVar();
  ImGui::PopFont();
  probe.set(Probe::Send, last_item_rect());
  probe.a11y.item(A11yRole::Button, send_label);
  ImGui::PopID();

  if (escape) {
    // Esc leaves edit mode (the draft comes back) or drops the reply.
    if (view.composer.edit_seq != 0) {
      draft = view.composer.saved_draft;
      view.composer.edit_seq = 0;
    } else {
      view.composer.reply_seq = 0;
    }
    view.composer.mention_open = false;
    view.composer.focus_composer = true;
    return;
  }
  const bool send = (entered && !pick_with_enter) || clicked;
  if (send && has_text) {
    std::string text = trimmed(draft);
    const Status valid = validate_message_text(text);
    if (!valid.is_ok()) {
      view.composer.send_error = ctx.tr.error(valid.code());
    } else {
      // Mentions: every member whose "@Name" is in the text (picked or typed out).
      view.mention_names.clear();
      const std::int64_t my_id = ctx.state.me ? ctx.state.me->id() : 0;
      for (const pb::User& u : chat.members) {
        if (u.id() != my_id) view.mention_names.push_back({u.id(), u.display_name()});
      }
      std::vector<std::int64_t> ids = mentions_in_text(text, view.mention_names);
      if (view.composer.edit_seq != 0) {
        ChatOp op;
        op.kind = ChatOp::Kind::Edit;
        op.chat = chat.id;
        op.seq = view.composer.edit_seq;
        op.text = std::move(text);
        op.ids = std::move(ids);
        out.chat.ops.push_back(std::move(op));
        draft = view.composer.saved_draft;
        view.composer.edit_seq = 0;
      } else {
        ChatIntents::Send s;
        s.chat = chat.id;
        s.message.text = std::move(text);
        s.message.reply_to_seq = view.composer.reply_seq;
        s.message.mention_ids = std::move(ids);
        out.chat.send = std::move(s);
        draft.clear();
        view.composer.reply_seq = 0;
        view.history.scroll_to_bottom = true;
      }
      view.composer.picked.clear();
      view.composer.mention_open = false;
      view.composer.send_error.clear();
    }
  }
  // Enter (or a click on Send) took the focus from the input: give it back.
  if (send) view.composer.focus_composer = true;
}

}  // namespace parta::ui
