// Polls: the card inside a message bubble (options with live result bars, my
// choices, vote / withdraw / close, quiz answers, named voters for the creator)
// and the form that creates one (question, 2-10 options, flags, deadline, quiz).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "client/app/ui/forms.h"
#include "client/app/chat/text_spans.h"
#include "client/app/chat/chat_views.h"
#include "client/app/ui/widgets.h"
#include "misc/cpp/imgui_stdlib.h"
#include "shared/chat/polls.h"
#include "shared/core/text.h"
#include "shared/core/validation.h"

namespace parta::ui {
namespace {

constexpr std::int64_t kDeadlinePresetsMs[] = {0, 3600LL * 1000, 24LL * 3600 * 1000, 7LL * 24 * 3600 * 1000};
constexpr const char* kDeadlineKeys[] = {"poll_deadline_none", "poll_deadline_hour", "poll_deadline_day", "poll_deadline_week"};

bool contains(const google::protobuf::RepeatedField<std::uint32_t>& v, std::uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string poll_meta(const ViewContext& ctx, const pb::Poll& poll) {
  std::string meta = ctx.tr(poll.quiz() ? "poll_kind_quiz" : poll.anonymous() ? "poll_kind_anonymous" : "poll_kind_named");
  if (poll.multiple()) meta += std::string(" \xC2\xB7 ") + ctx.tr("poll_multiple_short");
  if (poll.closed()) {
    meta += std::string(" \xC2\xB7 ") + ctx.tr("poll_closed");
  } else if (poll.deadline_ms() > 0) {
    char time[16];
    format_time(poll.deadline_ms(), time, sizeof time);
    meta += " \xC2\xB7 " + ctx.tr.format("poll_until", {{"date", format_date(poll.deadline_ms())}, {"time", time}});
  }
  return meta;
}

ChatOp poll_op(ChatOp::Kind kind, ChatId chat, std::uint64_t seq) {
  ChatOp op;
  op.kind = kind;
  op.chat = chat;
  op.seq = seq;
  return op;
}

}  // namespace

void draw_poll_card(const ViewContext& ctx, const ChatEntry& chat, const ChatMessage& msg, const ImRect& body, ChatView& view,
                    UiProbe& probe, Intents& out) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const BubbleMetrics& m = view.history.layout.metrics();
  const pb::Poll& poll = *msg.poll;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = body.GetWidth();
  const std::int64_t my_id = ctx.state.me ? ctx.state.me->id() : 0;
  const bool creator = my_id != 0 && msg.sender.get() == my_id;
  const ChatActor actor = chat_actor(ctx.state, chat);
  const ChatTarget t = message_target(chat, msg, view.now_ms);
  const bool voted = poll.my_choices_size() > 0;
  const bool may_vote = !poll.closed() && !voted && chat_allowed(actor, ChatAction::Vote, t);
  const bool show_results = voted || poll.closed() || creator;
  std::vector<std::uint32_t>& picks = view.history.poll_picks[msg.seq];

  // Question and what kind of poll it is.
  float y = body.Min.y;
  const ImVec2 q = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, w, msg.text.data(), msg.text.data() + msg.text.size());
  dl->AddText(f.bold, f.bold->FontSize, ImVec2(body.Min.x, y), color::kText, msg.text.data(), msg.text.data() + msg.text.size(), w);
  y += std::max(q.y, f.bold->FontSize) + std::round(2 * d);
  const std::string meta = poll_meta(ctx, poll);
  ImGui::TextEllipsis(dl, f.small, ImVec2(body.Min.x, y), w, color::kMuted, meta);
  y += f.small->FontSize + std::round(8 * d);

  const std::vector<int> pct = poll_percentages(poll);
  char name[48];
  for (int i = 0; i < poll.options_size(); ++i) {
    const pb::PollOption& option = poll.options(i);
    const auto index = static_cast<std::uint32_t>(i);
    const ImRect row(ImVec2(body.Min.x, y), ImVec2(body.Max.x, y + m.poll_option_h - std::round(4 * d)));
    ImGui::SetCursorScreenPos(row.Min);
    ImGui::PushID(i);
    const bool clicked = ImGui::InvisibleButton("##opt", row.GetSize());
    ImGui::PopID();
    std::snprintf(name, sizeof name, "poll_%llu_opt_%d", static_cast<unsigned long long>(msg.seq), i);
    probe.add(name);
    const bool hovered = ImGui::IsItemHovered();
    const bool picked = std::find(picks.begin(), picks.end(), index) != picks.end();
    const bool mine = contains(poll.my_choices(), index);
    {
      // The mirror: a check box or radio per option, with its share once results show.
      std::string spoken = option.text();
      if (show_results && i < static_cast<int>(pct.size())) spoken += ", " + std::to_string(pct[static_cast<std::size_t>(i)]) + "%";
      if (poll.quiz() && poll.correct_option() == i) spoken += std::string(", ") + ctx.tr("a11y_correct");
      const bool on = may_vote ? picked : mine;
      probe.a11y.item(poll.multiple() ? A11yRole::Checkbox : A11yRole::Radio, spoken,
                      static_cast<std::uint8_t>((on ? kA11yChecked : 0) | (may_vote ? 0 : kA11yDisabled)));
    }
    if (may_vote && hovered) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      dl->AddRectFilled(row.Min, row.Max, color::kHover, std::round(6 * d));
    }
    if (may_vote && clicked) {
      if (poll.multiple()) {
        if (picked) picks.erase(std::remove(picks.begin(), picks.end(), index), picks.end());
        else picks.push_back(index);
      } else {
        picks.assign(1, index);
      }
    }
    // Named voters: the creator sees who chose what (names from the chat's members).
    if (hovered && option.voter_ids_size() > 0) {
      std::string names;
      for (std::int64_t id : option.voter_ids()) {
        if (!names.empty()) names += ", ";
        const std::string_view n = member_name(chat, id);
        names += n.empty() ? std::to_string(id) : std::string(n);
      }
      ImGui::SetTooltip("%s", names.c_str());
    }

    // Indicator: a circle (single choice) or a square (multiple), filled when chosen.
    const float box = std::round(f.regular->FontSize * 0.8f);
    const ImVec2 ind(row.Min.x + std::round(2 * d), row.Min.y + std::round(3 * d) + (f.regular->FontSize - box) * 0.5f);
    const bool filled = may_vote ? picked : mine;
    const bool quiz_known = poll.quiz() && poll.correct_option() >= 0;
    const bool correct = quiz_known && poll.correct_option() == i;
    ImU32 ind_col = filled ? color::kAccent : color::kMuted;
    if (quiz_known && mine) ind_col = correct ? color::kCorrect : color::kError;
    if (poll.multiple()) {
      if (filled) {
        dl->AddRectFilled(ind, ImVec2(ind.x + box, ind.y + box), ind_col, std::round(3 * d));
        ImGui::CheckMark(dl, ImVec2(ind.x + box * 0.12f, ind.y + box * 0.1f), box * 0.78f, color::kOnAccent);
      } else {
        dl->AddRect(ind, ImVec2(ind.x + box, ind.y + box), ind_col, std::round(3 * d), 0, std::max(1.0f, 1.5f * d));
      }
    } else {
      const ImVec2 c(ind.x + box * 0.5f, ind.y + box * 0.5f);
      dl->AddCircle(c, box * 0.5f, ind_col, 20, std::max(1.0f, 1.5f * d));
      if (filled) dl->AddCircleFilled(c, box * 0.28f, ind_col, 16);
    }
    const float text_x = ind.x + box + std::round(10 * d);
    float right = row.Max.x - std::round(4 * d);
    if (show_results) {
      char p[16];
      std::snprintf(p, sizeof p, "%d%%", i < static_cast<int>(pct.size()) ? pct[static_cast<std::size_t>(i)] : 0);
      const float pw = text_width(f.small, p);
      dl->AddText(f.small, f.small->FontSize, ImVec2(right - pw, row.Min.y + std::round(3 * d) + f.regular->FontSize - f.small->FontSize),
                  color::kMuted, p);
      right -= pw + std::round(8 * d);
    }
    if (correct) {
      const float s = std::round(f.small->FontSize);
      ImGui::CheckMark(dl, ImVec2(right - s, row.Min.y + std::round(4 * d)), s, color::kCorrect);
      right -= s + std::round(6 * d);
    }
    ImGui::TextEllipsis(dl, f.regular, ImVec2(text_x, row.Min.y + std::round(2 * d)), right - text_x,
                        quiz_known && mine && !correct ? color::kError : color::kText, option.text());
    // The result bar.
    const float bar_y = row.Min.y + std::round(4 * d) + f.regular->FontSize + std::round(4 * d);
    const float bar_h = std::round(5 * d);
    const ImVec2 bar_min(text_x, bar_y), bar_max(row.Max.x - std::round(4 * d), bar_y + bar_h);
    if (show_results) {
      dl->AddRectFilled(bar_min, bar_max, color::kBarTrack, bar_h * 0.5f);
      const int p = i < static_cast<int>(pct.size()) ? pct[static_cast<std::size_t>(i)] : 0;
      if (p > 0) {
        const float fw = std::max(bar_h, (bar_max.x - bar_min.x) * static_cast<float>(p) / 100.0f);
        const ImU32 bar_col = correct ? color::kCorrect : (quiz_known && mine) ? color::kError : color::kAccent;
        dl->AddRectFilled(bar_min, ImVec2(bar_min.x + fw, bar_max.y), bar_col, bar_h * 0.5f);
      }
    }
    y += m.poll_option_h;
  }

  // Footer: how many voted, and the buttons.
  const float button_h = f.small->FontSize + std::round(8 * d);
  const float fy = body.Max.y - button_h;
  const std::string count = ctx.tr.plural("poll_voters", static_cast<long>(poll.voters()));
  dl->AddText(f.small, f.small->FontSize, ImVec2(body.Min.x, fy + std::round(4 * d)), color::kMuted, count.c_str());
  float bx = body.Max.x;
  ImGui::PushFont(f.small);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(std::round(10 * d), std::round(4 * d)));
  auto button = [&](const char* key, const char* prefix, bool primary, bool enabled) {
    const char* label = ctx.tr(key);
    const float bw = text_width(f.small, label) + std::round(20 * d);
    bx -= bw;
    ImGui::SetCursorScreenPos(ImVec2(bx, fy));
    bx -= std::round(6 * d);
    ImGui::PushID(prefix);
    const bool pressed = primary ? ImGui::PrimaryButton(label, ImVec2(bw, button_h), enabled) : ImGui::Button(label, ImVec2(bw, button_h));
    probe.a11y.item(A11yRole::Button, label, enabled ? 0 : kA11yDisabled);
    ImGui::PopID();
    std::snprintf(name, sizeof name, "%s_%llu", prefix, static_cast<unsigned long long>(msg.seq));
    probe.add(name);
    return pressed;
  };
  if (may_vote && button("poll_vote", "poll_vote", true, !picks.empty())) {
    std::vector<std::uint32_t> choices = picks;
    std::sort(choices.begin(), choices.end());
    if (const Status ok = validate_vote(poll, choices); !ok.is_ok()) {
      view.composer.send_error = ctx.tr.error(ok.code());
    } else {
      ChatOp op = poll_op(ChatOp::Kind::Vote, chat.id, msg.seq);
      op.choices = std::move(choices);
      out.chat.ops.push_back(std::move(op));
      picks.clear();
    }
  }
  if (voted && poll.allow_change() && !poll.closed() && button("poll_retract", "poll_retract", false, true)) {
    out.chat.ops.push_back(poll_op(ChatOp::Kind::Vote, chat.id, msg.seq));  // no choices: withdraw
  }
  if (!poll.closed() && chat_allowed(actor, ChatAction::ClosePoll, t) && button("poll_close", "poll_close", false, true)) {
    out.chat.ops.push_back(poll_op(ChatOp::Kind::ClosePoll, chat.id, msg.seq));
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();
}

void draw_poll_form(const ViewContext& ctx, const ChatEntry& chat, ChatView& view, UiProbe& probe, Intents& out) {
  PollForm& form = view.poll;
  if (form.open_requested) {
    form.open_requested = false;
    form.open = true;
    form.focus_question = true;
    if (form.options.size() < kMinPollOptions) form.options.resize(kMinPollOptions);
    ImGui::OpenPopup("##poll_form");
  }
  if (!form.open) return;
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = std::floor(std::min(display.x - 24 * d, 520 * d));
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, display.y - 24 * d));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(std::round(20 * d), std::round(18 * d)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, std::round(10 * d));
  ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, IM_COL32(0x1E, 0x23, 0x2B, 0x60));
  const bool shown = ImGui::BeginPopupModal("##poll_form", nullptr,
                                            ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize |
                                                ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
  if (!shown) {
    if (!ImGui::IsPopupOpen("##poll_form")) form.open = false;
    return;
  }
  if (ImGui::IsWindowAppearing()) ctx.wants_frame = true;  // auto-sized: shows on its second frame
  const float inner = ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(f.title);
  ImGui::TextUnformatted(ctx.tr("poll_new"));
  ImGui::PopFont();

  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::TextUnformatted(ctx.tr("poll_question"));
  ImGui::PopStyleColor();
  if (form.focus_question) {
    ImGui::SetKeyboardFocusHere();
    form.focus_question = false;
  }
  ImGui::SetNextItemWidth(inner);
  ImGui::InputTextWithHint("##question", ctx.tr("poll_question_hint"), &form.question);
  probe.add("poll_question");
  probe.a11y.item(A11yRole::Textbox, ctx.tr("poll_question"));

  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::TextUnformatted(ctx.tr(form.quiz ? "poll_options_quiz" : "poll_options"));
  ImGui::PopStyleColor();
  const float rm = ImGui::GetFrameHeight();
  int remove = -1;
  char name[32];
  for (std::size_t i = 0; i < form.options.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    float field_w = inner;
    if (form.quiz) {
      if (ImGui::RadioButton("##correct", form.correct == static_cast<int>(i))) form.correct = static_cast<int>(i);
      std::snprintf(name, sizeof name, "poll_correct_%zu", i);
      probe.add(name);
      probe.a11y.item(A11yRole::Radio, ctx.tr.format("a11y_correct_option", {{"n", std::to_string(i + 1)}}),
                      form.correct == static_cast<int>(i) ? kA11yChecked : 0);
      ImGui::SameLine();
      field_w -= ImGui::GetItemRectSize().x + ImGui::GetStyle().ItemSpacing.x;
    }
    if (form.options.size() > kMinPollOptions) field_w -= rm + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(field_w);
    const std::string hint = ctx.tr.format("poll_option_hint", {{"n", std::to_string(i + 1)}});
    ImGui::InputTextWithHint("##option", hint.c_str(), &form.options[i]);
    std::snprintf(name, sizeof name, "poll_option_%zu", i);
    probe.add(name);
    probe.a11y.item(A11yRole::Textbox, hint);
    if (form.options.size() > kMinPollOptions) {
      ImGui::SameLine();
      if (ImGui::IconButton("##remove", ImGui::Icon::Close, rm, d)) remove = static_cast<int>(i);
      std::snprintf(name, sizeof name, "poll_option_remove_%zu", i);
      probe.add(name);
      probe.a11y.item(A11yRole::Button, ctx.tr.format("a11y_remove_option", {{"n", std::to_string(i + 1)}}));
    }
    ImGui::PopID();
  }
  if (remove >= 0) {
    form.options.erase(form.options.begin() + remove);
    if (form.correct >= static_cast<int>(form.options.size()) || form.correct == remove) form.correct = 0;
  }
  if (form.options.size() < kMaxPollOptions) {
    if (ImGui::LinkButton(ctx.tr("poll_add_option"))) form.options.emplace_back();
    probe.add("poll_add_option");
    probe.a11y.item(A11yRole::Button, ctx.tr("poll_add_option"));
  }
  ImGui::Spacing();
  ImGui::BeginDisabled(form.quiz);
  ImGui::Checkbox(ctx.tr("poll_multiple"), &form.multiple);
  probe.add("poll_multiple");
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("poll_multiple"), form.multiple ? kA11yChecked : 0);
  ImGui::EndDisabled();
  ImGui::Checkbox(ctx.tr("poll_anonymous"), &form.anonymous);
  probe.add("poll_anonymous");
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("poll_anonymous"), form.anonymous ? kA11yChecked : 0);
  ImGui::Checkbox(ctx.tr("poll_allow_change"), &form.allow_change);
  probe.add("poll_allow_change");
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("poll_allow_change"), form.allow_change ? kA11yChecked : 0);
  if (ImGui::Checkbox(ctx.tr("poll_quiz"), &form.quiz) && form.quiz) form.multiple = false;
  probe.add("poll_quiz");
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("poll_quiz"), form.quiz ? kA11yChecked : 0);

  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::TextUnformatted(ctx.tr("poll_deadline"));
  ImGui::PopStyleColor();
  const float th = ImGui::GetFrameHeight();
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      // Wrap the presets on a narrow screen.
      const float next_w = text_width(f.regular, ctx.tr(kDeadlineKeys[i])) + 2 * ImGui::GetStyle().FramePadding.x;
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_w < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
        ImGui::SameLine();
      }
    }
    if (ImGui::ToggleButton(ctx.tr(kDeadlineKeys[i]), form.deadline == i, th)) form.deadline = i;
    std::snprintf(name, sizeof name, "poll_deadline_%d", i);
    probe.add(name);
    probe.a11y.item(A11yRole::Radio, std::string(ctx.tr("poll_deadline")) + ": " + ctx.tr(kDeadlineKeys[i]), form.deadline == i ? kA11yChecked : 0);
  }

  if (!form.error.empty()) {
    ImGui::Spacing();
    form_error(form.error.c_str());
  }
  ImGui::Spacing();
  // Buttons, right-aligned: Cancel, Create.
  const char* cancel = ctx.tr("cancel");
  const char* create = ctx.tr("poll_create");
  const float pad = ImGui::GetStyle().FramePadding.x * 2;
  const float cw = text_width(f.regular, cancel) + pad, bw = text_width(f.bold, create) + pad + std::round(12 * d);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - cw - bw - ImGui::GetStyle().ItemSpacing.x);
  bool close = false;
  if (ImGui::Button(cancel, ImVec2(cw, th)) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) close = true;
  probe.add("poll_cancel");
  probe.a11y.item(A11yRole::Button, cancel);
  ImGui::SameLine();
  ImGui::PushFont(f.bold);
  const bool submit = ImGui::PrimaryButton(create, ImVec2(bw, th), true);
  ImGui::PopFont();
  probe.add("poll_create");
  probe.a11y.item(A11yRole::Button, create);

  if (submit) {
    // Empty option lines are skipped; the quiz answer follows its option.
    pb::PollDraft draft;
    int correct = -1;
    std::vector<std::string> seen;
    form.error.clear();
    for (std::size_t i = 0; i < form.options.size(); ++i) {
      std::string option = snippet(form.options[i], kMaxPollOptionChars + 1);
      if (option.empty()) continue;
      const std::string folded = fold_for_search(option);
      if (std::find(seen.begin(), seen.end(), folded) != seen.end()) form.error = ctx.tr("poll_error_duplicate");
      seen.push_back(folded);
      if (form.quiz && static_cast<int>(i) == form.correct) correct = draft.options_size();
      draft.add_options(std::move(option));
    }
    const std::string question = snippet(form.question, kMaxPollQuestionChars + 1);
    draft.set_multiple(form.multiple && !form.quiz);
    draft.set_anonymous(form.anonymous);
    draft.set_allow_change(form.allow_change);
    draft.set_quiz(form.quiz);
    if (form.quiz) draft.set_correct_option(static_cast<std::uint32_t>(std::max(correct, 0)));
    const std::int64_t lifetime = kDeadlinePresetsMs[std::clamp(form.deadline, 0, 3)];
    if (lifetime > 0) draft.set_deadline_ms(view.now_ms + lifetime);
    if (question.empty()) form.error = ctx.tr("poll_error_question");
    else if (draft.options_size() < static_cast<int>(kMinPollOptions)) form.error = ctx.tr("poll_error_options");
    else if (form.quiz && correct < 0) form.error = ctx.tr("poll_error_correct");
    if (form.error.empty()) {
      if (const Status ok = validate_poll_draft(draft, question, view.now_ms); !ok.is_ok()) form.error = ctx.tr.error(ok.code());
    }
    if (form.error.empty()) {
      ChatIntents::Send send;
      send.chat = chat.id;
      send.message.text = question;
      send.message.poll = std::move(draft);
      out.chat.send = std::move(send);
      view.history.scroll_to_bottom = true;
      close = true;
    }
  }
  if (close) {
    view.poll = PollForm{};
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace parta::ui
