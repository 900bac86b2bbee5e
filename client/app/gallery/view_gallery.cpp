// The UI gallery (#/gallery), Parta's visual documentation in the manner of
// imgui_demo: every widget the client draws, in each of its states, tagged with
// the file and function it comes from. The chat sections are the real views
// (chat list, header, pinned bar, history, polls, composer, info panel) drawn
// over a sample school (gallery_data.h), so the gallery can't drift from the
// app. It needs no login; theme, text size and language switch here too.
//
// Index:
// [SECTION] Helpers
// [SECTION] Controls: buttons, toggles, links, icons, check boxes
// [SECTION] Marks: connection, unread counts, teacher badge, check marks
// [SECTION] Fields and text
// [SECTION] Chats: the list, a chat wide and on a phone, the info panel
// [SECTION] draw_gallery
#include <algorithm>
#include <cmath>

#include "client/app/ui/forms.h"
#include "client/app/gallery/gallery_data.h"
#include "client/app/gallery/gallery_views.h"
#include "client/app/org/org_views.h"  // appearance_choices
#include "client/app/ui/widgets.h"

namespace parta::ui {
namespace {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

// A section's heading and the code it shows ("client/app/ui/widgets.cpp · ImGui::PrimaryButton").
void heading(const ViewContext& ctx, const char* key, const char* where) {
  ImGui::Dummy(ImVec2(0, std::round(10 * ctx.fonts.dpr)));
  section_title(ctx, ctx.tr(key));
  ImGui::PushFont(ctx.fonts.small);
  form_note(where);
  ImGui::PopFont();
}

// A muted caption for one state of a widget, on the line before it.
void caption(const ViewContext& ctx, const char* key) {
  ImGui::PushFont(ctx.fonts.small);
  ImGui::PushStyleColor(ImGuiCol_Text, color::kMuted);
  ImGui::TextUnformatted(ctx.tr(key));
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

// Room for a drawn (non-item) mark of `w` x `h` at the cursor; returns its top-left.
ImVec2 reserve(float w, float h) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, h));
  return p;
}

//-----------------------------------------------------------------------------
// [SECTION] Controls
//-----------------------------------------------------------------------------

// The sample radio row, and each icon with the name the mirror gives it.
constexpr const char* kRadioKeys[] = {"theme_light", "theme_dark", "theme_contrast"};
struct IconSample {
  ImGui::Icon icon;
  const char* key;
};
constexpr IconSample kIcons[] = {{ImGui::Icon::Search, "search_in_chat"}, {ImGui::Icon::Info, "chat_info"},
                                {ImGui::Icon::Close, "close"},          {ImGui::Icon::More, "msg_actions"},
                                {ImGui::Icon::Poll, "poll_new"},     {ImGui::Icon::Reply, "action_reply"},
                                {ImGui::Icon::Pin, "action_pin"}};

void controls(const ViewContext& ctx, GalleryView& g, UiProbe& probe, float w) {
  const float d = ctx.fonts.dpr;
  const float gap = std::round(12 * d);
  heading(ctx, "gallery_buttons", "client/app/ui/forms.cpp · primary_button, secondary_button; widgets.cpp · ImGui::ToggleButton, LinkButton");
  begin_box(ctx, "##g_buttons", w);
  const float bw = std::min(std::round(220 * d), (ImGui::GetContentRegionAvail().x - gap) * 0.5f);
  const float row_y = ImGui::GetCursorPosY();
  ImGui::BeginGroup();
  caption(ctx, "gallery_enabled");
  (void)primary_button(ctx, probe, "gallery_primary", ctx.tr("login_submit"), bw, false);
  ImGui::EndGroup();
  ImGui::SameLine(0, gap);
  ImGui::SetCursorPosY(row_y);  // (SameLine would align the caption with the button's text)
  ImGui::BeginGroup();
  caption(ctx, "gallery_busy");
  (void)primary_button(ctx, probe, "gallery_primary_busy", ctx.tr("login_in_progress"), bw, true);
  ImGui::EndGroup();

  caption(ctx, "gallery_secondary");
  (void)secondary_button(probe, "gallery_secondary", ctx.tr("sessions_end_others"));
  ImGui::SameLine(0, gap);
  ImGui::BeginDisabled();
  (void)secondary_button(probe, "gallery_secondary_disabled", ctx.tr("sessions_end_others"));
  ImGui::EndDisabled();

  caption(ctx, "gallery_toggles");
  const float th = ImGui::GetFrameHeight();
  if (ImGui::ToggleButton(ctx.tr("op_filter_pending"), g.toggle, th)) g.toggle = true;
  probe.a11y.item(A11yRole::Button, ctx.tr("op_filter_pending"), g.toggle ? kA11yChecked : 0);
  ImGui::SameLine(0, std::round(6 * d));
  if (ImGui::ToggleButton(ctx.tr("op_filter_all"), !g.toggle, th)) g.toggle = false;
  probe.a11y.item(A11yRole::Button, ctx.tr("op_filter_all"), g.toggle ? 0 : kA11yChecked);
  ImGui::SameLine(0, gap * 2);
  ImGui::AlignTextToFramePadding();
  (void)ImGui::LinkButton(ctx.tr("login_by_code"));
  probe.a11y.item(A11yRole::Link, ctx.tr("login_by_code"));

  caption(ctx, "gallery_choices");
  ImGui::Checkbox(ctx.tr("gallery_checkbox"), &g.check);
  probe.a11y.item(A11yRole::Checkbox, ctx.tr("gallery_checkbox"), g.check ? kA11yChecked : 0);
  for (int i = 0; i < 3; ++i) {
    ImGui::SameLine(0, gap);
    ImGui::PushID(i);
    if (ImGui::RadioButton(ctx.tr(kRadioKeys[i]), g.radio == i)) g.radio = i;
    probe.a11y.item(A11yRole::Radio, ctx.tr(kRadioKeys[i]), g.radio == i ? kA11yChecked : 0);
    ImGui::PopID();
  }

  caption(ctx, "gallery_icons");
  const float side = std::round(40 * d);
  for (const IconSample& s : kIcons) {
    if (&s != kIcons) ImGui::SameLine(0, std::round(4 * d));
    ImGui::PushID(s.key);
    (void)ImGui::IconButton("##icon", s.icon, side, d);
    probe.a11y.item(A11yRole::Button, ctx.tr(s.key));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr(s.key));
    ImGui::PopID();
  }
  ImGui::SameLine(0, gap);
  (void)ImGui::IconButton("##icon_accent", ImGui::Icon::Info, side, d, color::kAccent);
  probe.a11y.item(A11yRole::Button, ctx.tr("chat_info"), kA11yChecked);
  end_box();
}

//-----------------------------------------------------------------------------
// [SECTION] Marks
//-----------------------------------------------------------------------------

void marks(const ViewContext& ctx, float w) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  heading(ctx, "gallery_marks", "client/app/ui/widgets.cpp · ImGui::StatusDot, CountBadge, TeacherBadge, CheckMark");
  begin_box(ctx, "##g_marks", w);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Connection states, as the top bar shows them.
  for (Connection c : {Connection::Connected, Connection::Connecting, Connection::Offline}) {
    const ImVec2 p = reserve(1, f.regular->FontSize);
    const float dot = ImGui::StatusDot(dl, f.regular, p, connection_color(c));
    dl->AddText(f.regular, f.regular->FontSize, ImVec2(p.x + dot + std::round(6 * d), p.y), color::kText, ctx.tr(connection_key(c)));
  }
  // Unread counts: one, two digits, and the cap.
  {
    const float h = f.small->FontSize + std::round(8 * d);
    const ImVec2 p = reserve(std::round(200 * d), h);
    float right = p.x + std::round(30 * d);
    for (std::uint32_t n : {1u, 12u, 128u, 1500u}) {
      right += ImGui::CountBadge(dl, f.small, ImVec2(right, p.y + h * 0.5f), n, d) + std::round(14 * d) + std::round(30 * d);
    }
  }
  // The verified-teacher badge after a name, and the send marks.
  {
    const char* name = ctx.state.me ? ctx.state.me->display_name().c_str() : "";
    const ImVec2 p = reserve(1, f.bold->FontSize);
    dl->AddText(f.bold, f.bold->FontSize, p, color::kText, name);
    ImGui::TeacherBadge(dl, f.bold, ImVec2(p.x + text_width(f.bold, name), p.y), d);
  }
  {
    const float s = std::round(14 * d);
    const ImVec2 p = reserve(1, f.small->FontSize + std::round(4 * d));
    float x = p.x;
    dl->AddText(f.small, f.small->FontSize, ImVec2(x, p.y), color::kMuted, ctx.tr("gallery_stored"));
    x += text_width(f.small, ctx.tr("gallery_stored")) + std::round(6 * d);
    ImGui::CheckMark(dl, ImVec2(x, p.y + std::round(2 * d)), s, color::kAccent);
    x += s + std::round(24 * d);
    dl->AddText(f.small, f.small->FontSize, ImVec2(x, p.y), color::kMuted, ctx.tr("gallery_read"));
    x += text_width(f.small, ctx.tr("gallery_read")) + std::round(6 * d);
    ImGui::CheckMark(dl, ImVec2(x, p.y + std::round(2 * d)), s, color::kAccent);
    ImGui::CheckMark(dl, ImVec2(x + s * 0.5f, p.y + std::round(2 * d)), s, color::kAccent);
  }
  end_box();
}

//-----------------------------------------------------------------------------
// [SECTION] Fields and text
//-----------------------------------------------------------------------------

void fields(const ViewContext& ctx, GalleryView& g, UiProbe& probe, float w) {
  const Fonts& f = ctx.fonts;
  const float d = f.dpr;
  heading(ctx, "gallery_fields", "client/app/ui/forms.cpp · form_field, form_error, form_note, form_success; widgets.cpp · ImGui::TextEllipsis");
  begin_box(ctx, "##g_fields", w);
  const float half = std::floor((ImGui::GetContentRegionAvail().x - std::round(16 * d)) * 0.5f);
  // (Each second field of a row starts at its row's top: SameLine would align it to the text baseline.)
  float row_y = ImGui::GetCursorPosY();
  (void)form_field(ctx, probe, "gallery_field_empty", ctx.tr("login_label"), g.field_empty, ctx.tr("login_placeholder"), 0, nullptr, half);
  ImGui::SameLine(0, std::round(16 * d));
  ImGui::SetCursorPosY(row_y);
  (void)form_field(ctx, probe, "gallery_field_filled", ctx.tr("join_name"), g.field_filled, nullptr, 0, nullptr, half);
  row_y = ImGui::GetCursorPosY();
  (void)form_field(ctx, probe, "gallery_field_error", ctx.tr("code_email_label"), g.field_error, nullptr, 0, "err_email", half);
  ImGui::SameLine(0, std::round(16 * d));
  ImGui::SetCursorPosY(row_y);
  (void)form_field(ctx, probe, "gallery_field_password", ctx.tr("password_label"), g.field_password, nullptr,
                   ImGuiInputTextFlags_Password, nullptr, half);
  form_error(ctx.tr("err_document"));
  form_note(ctx.tr("notifications_note"));
  form_success(ctx.tr("gallery_saved"));
  // One line cut to fit, Cyrillic punctuation, and symbols the font lacks (drawn by the browser).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line_w = ImGui::GetContentRegionAvail().x;
  const ImVec2 p = reserve(line_w, f.regular->FontSize * 3 + std::round(8 * d));
  ImGui::TextEllipsis(dl, f.regular, p, std::round(260 * d), color::kText, ctx.tr("gallery_long_text"));
  ImGui::TextEllipsis(dl, f.regular, ImVec2(p.x, p.y + f.regular->FontSize + std::round(4 * d)), line_w, color::kText,
                      "«Ёлка» — № 42, 5А… €; ✓ ★ ☺ 😀 👍 📚 🎉");
  ImGui::TextEllipsis(dl, f.small, ImVec2(p.x, p.y + 2 * (f.regular->FontSize + std::round(4 * d))), line_w, color::kMuted,
                      ctx.tr("gallery_small_text"));
  end_box();
}

//-----------------------------------------------------------------------------
// [SECTION] Chats
//-----------------------------------------------------------------------------

// A real view in a framed box of `size` at the cursor; the sample's intents stay in `out`.
template <typename Draw>
void framed(const char* id, ImVec2 size, Draw&& draw) {
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImRect r(min, ImVec2(min.x + size.x, min.y + size.y));
  ImGui::PushID(id);
  draw(r);
  ImGui::PopID();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(r.Min.x - 1, r.Min.y - 1), ImVec2(r.Max.x + 1, r.Max.y + 1), color::kBorder);
  ImGui::SetCursorScreenPos(min);
  ImGui::Dummy(size);
}

// What the sample does with its own intents: open a chat, vote, mute. The rest
// (send, edit, search...) would need the server and is dropped.
void apply_sample(GalleryView& g, ChatIntents& in) {
  ClientState& s = g.state;
  if (in.open_chat.valid()) s.open_chat = in.open_chat;
  if (in.close_chat) s.open_chat = ChatId{};
  for (const ChatOp& op : in.ops) {
    ChatEntry* chat = s.find_chat(op.chat);
    if (chat == nullptr || op.kind != ChatOp::Kind::Vote) continue;
    for (ChatMessage& m : chat->messages) {
      if (m.seq != op.seq || !m.poll) continue;
      pb::Poll& p = *m.poll;
      for (std::uint32_t c : p.my_choices()) {
        if (c < static_cast<std::uint32_t>(p.options_size())) p.mutable_options(static_cast<int>(c))->set_votes(p.options(static_cast<int>(c)).votes() - 1);
      }
      if (p.my_choices_size() == 0 && !op.choices.empty()) p.set_voters(p.voters() + 1);
      if (p.my_choices_size() > 0 && op.choices.empty()) p.set_voters(p.voters() - 1);
      p.clear_my_choices();
      for (std::uint32_t c : op.choices) {
        if (c >= static_cast<std::uint32_t>(p.options_size())) continue;
        p.add_my_choices(c);
        p.mutable_options(static_cast<int>(c))->set_votes(p.options(static_cast<int>(c)).votes() + 1);
      }
    }
  }
  if (in.mute_chat && in.mute_chat->first.get() == kGalleryClassChat) g.chat.muted = in.mute_chat->second;
}

void chats(const ViewContext& app_ctx, GalleryView& g, UiProbe& probe, float w) {
  const float d = app_ctx.fonts.dpr;
  const ViewContext ctx{g.state, g.outbox, app_ctx.tr, app_ctx.fonts, app_ctx.backdrops, app_ctx.wants_frame};
  Intents sample;
  heading(ctx, "gallery_chats", "client/app/chat/view_chat_list.cpp · draw_chat_list; view_chat.cpp · draw_chat; view_history.cpp, view_poll.cpp, view_composer.cpp");
  caption(ctx, "gallery_chats_note");
  const float h = std::round(640 * d);
  const float list_w = std::min(std::round(320 * d), std::floor(w * 0.36f));
  framed("list", ImVec2(list_w, h), [&](const ImRect& r) { draw_chat_list(ctx, r, g.list, probe, sample); });
  ImGui::SameLine(0, 0);
  g.chat.now_ms = g.state.now_ms;
  framed("chat", ImVec2(w - list_w, h), [&](const ImRect& r) { draw_chat(ctx, r, g.chat, probe, sample); });

  heading(ctx, "gallery_phone", "client/app/chat/view_chat.cpp · draw_chat (narrow: one pane, a back button); view_chat_info.cpp · draw_chat_info");
  const float phone_w = std::min(std::round(360 * d), std::floor((w - std::round(16 * d)) * 0.5f));
  g.narrow.narrow = true;
  g.narrow.now_ms = g.state.now_ms;
  framed("phone", ImVec2(phone_w, h), [&](const ImRect& r) { draw_chat(ctx, r, g.narrow, probe, sample); });
  ImGui::SameLine(0, std::round(16 * d));
  g.info.now_ms = g.state.now_ms;
  if (g.info.shown_chat.valid()) g.info.header.info_open = true;  // (opening a chat resets it)
  framed("info", ImVec2(phone_w, h), [&](const ImRect& r) { draw_chat(ctx, r, g.info, probe, sample); });
  apply_sample(g, sample.chat);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] draw_gallery
//-----------------------------------------------------------------------------

void draw_gallery(const ViewContext& ctx, GalleryView& g, UiProbe& probe, std::int64_t now_ms, Intents& out) {
  if (!g.built || g.language != ctx.tr.language()) {
    // (Made once; the sample's clock stays at this moment, so nothing in it moves by itself.)
    GallerySample sample = make_gallery_sample(ctx.tr.language(), now_ms);  // (the app's clock)
    g.state = std::move(sample.state);
    g.outbox = std::move(sample.outbox);
    g.chat = ChatView{};
    g.narrow = ChatView{};
    g.info = ChatView{};
    for (ChatView* v : {&g.chat, &g.narrow, &g.info}) v->autofocus = false;  // the page stays at its top
    g.list = ChatListView{};
    g.field_filled = g.state.me->display_name();
    g.field_error = "anna@";
    g.field_password = "parta-demo";
    g.built = true;
    g.language = ctx.tr.language();
    ctx.wants_frame = true;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImRect all(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y));
  const float w = begin_pane(ctx, "##gallery", all, 1100);
  const float d = ctx.fonts.dpr;

  section_title(ctx, ctx.tr("gallery_title"));
  form_note(ctx.tr("gallery_intro"));
  appearance_choices(ctx, probe, out);
  ImGui::TextUnformatted(ctx.tr("language"));
  for (Language lang : {Language::Ru, Language::En}) {
    ImGui::SameLine(0, std::round(12 * d));
    const char* label = ctx.tr(lang == Language::Ru ? "lang_ru" : "lang_en");
    if (ImGui::ToggleButton(label, ctx.tr.language() == lang, ImGui::GetFrameHeight())) out.shell.language = lang;
    probe.a11y.item(A11yRole::Radio, label, ctx.tr.language() == lang ? kA11yChecked : 0);
  }
  ImGui::SameLine(0, std::round(24 * d));
  if (ImGui::LinkButton(ctx.tr("gallery_back"))) out.shell.navigate = Route{};
  probe.a11y.item(A11yRole::Link, ctx.tr("gallery_back"));

  const ViewContext sample_ctx{g.state, g.outbox, ctx.tr, ctx.fonts, ctx.backdrops, ctx.wants_frame};
  controls(sample_ctx, g, probe, w);
  marks(sample_ctx, w);
  fields(sample_ctx, g, probe, w);
  chats(ctx, g, probe, w);
  end_pane();
}

}  // namespace parta::ui
