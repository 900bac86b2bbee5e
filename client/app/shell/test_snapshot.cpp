// The end-to-end test contract: what window.partaTest.state() returns, built as
// JSON from the engine state and this frame's widget rectangles. Rectangles are
// [x, y, w, h] in CSS pixels (ImGui runs in framebuffer pixels: divide by dpr).
#include <nlohmann/json.hpp>

#include "client/app/shell/app.h"
#include "client/app/shell/snapshot_names.h"
#include "shared/chat/polls.h"
#include "shared/proto/protocol.h"

namespace parta::ui {
namespace {

using nlohmann::json;

// Names of the probed widgets, in Probe order.
constexpr const char* kWidgetNames[] = {"login", "password", "submit", "composer", "send", "lang_ru", "lang_en", "logout"};
static_assert(sizeof kWidgetNames / sizeof kWidgetNames[0] == static_cast<int>(Probe::Count));

const char* connection_name(Connection c) {
  switch (c) {
    case Connection::Offline: return "offline";
    case Connection::Connecting: return "connecting";
    case Connection::Connected: return "connected";
    case Connection::Online: return "online";
  }
  return "offline";
}

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Loading: return "loading";
    case Screen::Login: return "login";
    case Screen::Main: return "main";
  }
  return "loading";
}

json rect_json(const ImRect& r, double dpr) {
  return json::array({r.Min.x / dpr, r.Min.y / dpr, r.GetWidth() / dpr, r.GetHeight() / dpr});
}

// A poll as the viewer sees it: counts, percentages, voters (named polls, the creator).
json poll_json(const ChatEntry& chat, const ChatMessage& m) {
  const pb::Poll& poll = *m.poll;
  const std::vector<int> pct = poll_percentages(poll);
  json options = json::array();
  for (int i = 0; i < poll.options_size(); ++i) {
    const pb::PollOption& o = poll.options(i);
    json voters = json::array();
    json voter_ids = json::array();
    for (std::int64_t id : o.voter_ids()) {
      voter_ids.push_back(id);
      voters.push_back(std::string(member_name(chat, id)));
    }
    options.push_back({{"text", o.text()},
                       {"votes", o.votes()},
                       {"percent", i < static_cast<int>(pct.size()) ? pct[static_cast<std::size_t>(i)] : 0},
                       {"voter_ids", std::move(voter_ids)},
                       {"voters", std::move(voters)}});
  }
  json mine = json::array();
  for (std::uint32_t c : poll.my_choices()) mine.push_back(c);
  return {{"question", m.text},       {"options", std::move(options)}, {"voters", poll.voters()},
          {"closed", poll.closed()},  {"multiple", poll.multiple()},   {"anonymous", poll.anonymous()},
          {"allow_change", poll.allow_change()}, {"quiz", poll.quiz()}, {"correct_option", poll.correct_option()},
          {"deadline_ms", poll.deadline_ms()}, {"my_choices", std::move(mine)}};
}

}  // namespace

// The open chat's rich state and the chat views' UI state (reply/edit bars,
// panels, the poll form, search), so tests read what the screen shows.
void App::chat_snapshot(nlohmann::json& out) const {
  const ClientState& s = engine_.state();
  const ChatView& v = view_.chat.open;
  json chat = nullptr;
  if (const ChatEntry* open = s.find_chat(s.open_chat)) {
    json members = json::array();
    for (const pb::User& u : open->members) {
      const pb::ChatMember* cm = open->find_member(UserId{u.id()});
      members.push_back({{"id", u.id()},
                         {"name", u.display_name()},
                         {"role", cm ? snapshot_name(pb::ChatRole_Name(cm->role()), "CHAT_ROLE_") : ""},
                         {"muted", cm != nullptr && cm->muted()},
                         {"read_seq", cm ? cm->read_seq() : 0}});
    }
    chat = {{"id", open->id.get()},
            {"typing", v.typing_line},
            {"pinned_seqs", open->pinned_seqs},
            {"only_teachers_post", open->settings.post_policy() == pb::POST_POLICY_MODERATORS},
            {"polls_by_all", open->settings.poll_policy() == pb::POLL_POLICY_ALL},
            {"my_role", snapshot_name(pb::ChatRole_Name(chat_actor(s, *open).chat_role), "CHAT_ROLE_")},
            {"members", std::move(members)},
            {"read_seq", open->read_seq},
            {"unread", open->unread_count}};
  }
  out["chat"] = std::move(chat);
  const auto draft = v.composer.drafts.find(s.open_chat.get());
  out["ui"] = {{"reply_seq", v.composer.reply_seq},
               {"edit_seq", v.composer.edit_seq},
               {"composer_text", draft == v.composer.drafts.end() ? std::string() : draft->second},
               {"send_error", v.composer.send_error},
               {"info_open", v.header.info_open},
               {"search_open", v.header.search_open},
               {"chats_searching", view_.chat.list.searching},
               {"menu_seq", v.history.menu_seq},
               {"flash_seq", v.history.flash_seq},
               {"divider_after", v.history.divider_after},
               {"mention_open", v.composer.mention_open},
               {"poll_form_open", v.poll.open},
               {"poll_form_error", v.poll.error}};
  json hits = json::array();
  for (const pb::SearchHit& h : s.search.hits) {
    hits.push_back({{"chat_id", h.message().chat_id()},
                    {"seq", h.message().seq()},
                    {"chat_title", h.chat_title()},
                    {"sender_name", h.message().sender_name()},
                    {"text", h.message().text()}});
  }
  out["search"] = {{"query", s.search.query},
                   {"chat_id", s.search.chat.get()},
                   {"pending", s.search.pending},
                   {"more", s.search.next_before_id != 0},
                   {"error", s.search.error.is_ok() ? json(nullptr) : json(error_code_name(s.search.error.code()))},
                   {"hits", std::move(hits)}};
  out["jump"] = {{"chat_id", s.jump_chat.get()}, {"seq", s.jump_seq}};
}

std::string App::test_snapshot_json(double dpr, std::uint64_t frames, double first_interactive_ms) const {
  const ClientState& s = engine_.state();
  json out = json::object();
  out["connection"] = connection_name(s.connection);
  out["screen"] = screen_name(screen());
  out["route"] = route_label();
  if (s.me) {
    out["me"] = {{"id", s.me->id()}, {"name", s.me->display_name()}, {"role", pb::Role_Name(s.me->role())}};
  } else {
    out["me"] = nullptr;
  }
  out["login_error"] = s.login_error.is_ok() ? json(nullptr) : json(error_code_name(s.login_error.code()));

  json chats = json::array();
  for (const ChatEntry& chat : s.chats) {
    json c = {{"id", chat.id.get()},
              {"title", chat.title},
              {"kind", chat.kind == pb::CHAT_KIND_DIRECT ? "direct" : "group"},
              {"unread", chat.unread_count},
              {"last_seq", chat.last_seq},
              {"rect", nullptr}};
    for (const auto& [id, rect] : view_.probe.chats) {
      if (id == chat.id) c["rect"] = rect_json(rect, dpr);
    }
    chats.push_back(std::move(c));
  }
  out["chats"] = std::move(chats);
  out["open_chat"] = s.open_chat.get();

  json messages = json::array();
  if (const ChatEntry* open = s.find_chat(s.open_chat)) {
    for (const ChatMessage& m : open->messages) {
      json msg = {{"seq", m.seq},
                  {"sender_id", m.sender.get()},
                  {"sender_name", m.sender_name},
                  {"text", m.text},
                  {"edited", m.edited_at_ms > 0 && !m.deleted},
                  {"deleted", m.deleted},
                  {"pinned", m.pinned},
                  {"reply_to", m.reply_to ? json(m.reply_to->seq()) : json(nullptr)},
                  {"mention_ids", m.mention_ids},
                  {"mentions_me", mentions_me(s, m)},
                  {"poll", m.poll ? poll_json(*open, m) : json(nullptr)}};
      if (shows_read_by(*open, m, s.me ? s.me->id() : 0) || (open->kind == pb::CHAT_KIND_DIRECT && s.me && m.sender.get() == s.me->id())) {
        const ReadBy rb = read_by(*open, m.seq, m.sender);
        msg["read_by"] = {{"read", rb.read}, {"of", rb.of}};
      }
      messages.push_back(std::move(msg));
    }
  }
  out["messages"] = std::move(messages);
  chat_snapshot(out);

  json pending = json::array();
  for (const OutboxItem& item : engine_.outbox().items()) {
    pending.push_back({{"client_id", item.client_id},
                       {"chat_id", item.chat.get()},
                       {"text", item.text},
                       {"failed", !item.failed.is_ok()},
                       {"mark", item.failed.is_ok() ? "sending" : "failed"},
                       {"reply_to", item.reply_to_seq},
                       {"poll", item.poll.has_value()}});
  }
  out["pending"] = std::move(pending);

  json widgets = json::object();
  for (int i = 0; i < static_cast<int>(Probe::Count); ++i) {
    if (view_.probe.widgets[i]) widgets[kWidgetNames[i]] = rect_json(*view_.probe.widgets[i], dpr);
  }
  for (const NamedRect& n : view_.probe.named) widgets[n.name] = rect_json(n.rect, dpr);
  out["widgets"] = std::move(widgets);
  // The mirror's nodes with their rectangles (CSS px): what activating one would click.
  json a11y = json::array();
  for (std::size_t i = 0; i < view_.probe.a11y.size(); ++i) {
    const A11yNode& n = view_.probe.a11y[i];
    a11y.push_back({{"name", n.name}, {"rect", rect_json(n.rect, dpr)}});
  }
  out["a11y"] = std::move(a11y);
  if (view_.probe.focused) out["focused"] = kWidgetNames[static_cast<int>(*view_.probe.focused)];
  else if (view_.probe.focused_name[0] != 0) out["focused"] = view_.probe.focused_name;
  else out["focused"] = nullptr;
  org_snapshot(out, dpr);

  out["frames"] = frames;
  out["first_interactive_ms"] = first_interactive_ms >= 0 ? json(first_interactive_ms) : json(nullptr);
  out["language"] = language_code(i18n_.language());
  out["dpr"] = dpr;
  // Settings (app_settings.cpp): the theme, the font scale and the body font's
  // rasterized size (17 CSS px x dpr x scale: the atlas was rebuilt, not scaled).
  out["theme"] = theme_code(appearance().theme);
  out["font_scale"] = appearance().font_scale;
  out["font_px"] = fonts_.regular ? fonts_.regular->FontSize : 0.0f;
  out["background"] = color::kBackground;
  out["title"] = title_;
  out["muted_chats"] = muted_chats_;
  out["notifications"] = notifications_;
  // Replace, don't abort, on bytes that are not UTF-8 (exceptions are off).
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace parta::ui
