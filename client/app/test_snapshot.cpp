// The end-to-end test contract: what window.partaTest.state() returns, built as
// JSON from the engine state and this frame's widget rectangles. Rectangles are
// [x, y, w, h] in CSS pixels (ImGui runs in framebuffer pixels: divide by dpr).
#include <nlohmann/json.hpp>

#include "client/app/app.h"
#include "shared/protocol.h"

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

}  // namespace

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
      messages.push_back({{"seq", m.seq}, {"sender_id", m.sender.get()}, {"sender_name", m.sender_name}, {"text", m.text}});
    }
  }
  out["messages"] = std::move(messages);

  json pending = json::array();
  for (const OutboxItem& item : engine_.outbox().items()) {
    pending.push_back(
        {{"client_id", item.client_id}, {"chat_id", item.chat.get()}, {"text", item.text}, {"failed", !item.failed.is_ok()}});
  }
  out["pending"] = std::move(pending);

  json widgets = json::object();
  for (int i = 0; i < static_cast<int>(Probe::Count); ++i) {
    if (view_.probe.widgets[i]) widgets[kWidgetNames[i]] = rect_json(*view_.probe.widgets[i], dpr);
  }
  for (const NamedRect& n : view_.probe.named) widgets[n.name] = rect_json(n.rect, dpr);
  out["widgets"] = std::move(widgets);
  if (view_.probe.focused) out["focused"] = kWidgetNames[static_cast<int>(*view_.probe.focused)];
  else if (view_.probe.focused_name[0] != 0) out["focused"] = view_.probe.focused_name;
  else out["focused"] = nullptr;
  org_snapshot(out, dpr);

  out["frames"] = frames;
  out["first_interactive_ms"] = first_interactive_ms >= 0 ? json(first_interactive_ms) : json(nullptr);
  out["language"] = language_code(i18n_.language());
  out["dpr"] = dpr;
  // Replace, don't abort, on bytes that are not UTF-8 (exceptions are off).
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace parta::ui
