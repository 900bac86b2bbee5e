// The person's settings (theme, font scale, notifications, muted chats; kept in
// localStorage), the unread count in the tab's title, and system notifications
// for new messages while the tab is hidden.
#include <algorithm>
#include <charconv>
#include <string>

#include "client/app/shell/app.h"
#include "client/platform/platform.h"

namespace parta::ui {
namespace {

constexpr const char* kThemeKey = "parta.theme";
constexpr const char* kFontScaleKey = "parta.font_scale";
constexpr const char* kMutedKey = "parta.muted";
constexpr const char* kNotifyKey = "parta.notify";
constexpr std::size_t kBodyMax = 180;  // bytes of a notification's text

int parse_int(std::string_view s, int fallback) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() ? v : fallback;
}

// Cuts at a UTF-8 boundary and adds an ellipsis.
std::string clip(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s + "\xE2\x80\xA6";
}

}  // namespace

void App::load_settings() {
  Appearance a;
  Theme theme = Theme::Light;
  if (parse_theme(platform::storage_get(kThemeKey), theme)) a.theme = theme;
  a.font_scale = parse_int(platform::storage_get(kFontScaleKey), 100);
  set_appearance(a);
  notifications_ = platform::storage_get(kNotifyKey) == "1";
  const std::string muted = platform::storage_get(kMutedKey);
  std::size_t start = 0;
  while (start < muted.size()) {
    std::size_t comma = muted.find(',', start);
    if (comma == std::string::npos) comma = muted.size();
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(muted.data() + start, muted.data() + comma, id);
    if (ec == std::errc() && id > 0) muted_chats_.push_back(id);
    start = comma + 1;
  }
}

void App::fill_settings_views() {
  const ClientState& s = engine_.state();
  view_.org.profile.notifications = notifications_;
  view_.org.profile.notify_permission = static_cast<int>(platform::notify_permission());
  view_.chat.open.muted = std::find(muted_chats_.begin(), muted_chats_.end(), s.open_chat.get()) != muted_chats_.end();
}

bool App::apply_settings(ShellIntents& in) {
  bool changed = false;
  if (in.appearance) {
    set_appearance(*in.appearance);  // the platform rebuilds fonts and style before the next frame
    platform::storage_set(kThemeKey, theme_code(appearance().theme));
    platform::storage_set(kFontScaleKey, std::to_string(appearance().font_scale));
    changed = true;
  }
  if (in.notifications) {
    notifications_ = *in.notifications;
    platform::storage_set(kNotifyKey, notifications_ ? "1" : "0");
    // This frame follows the click: the browser still counts it as a user gesture.
    if (notifications_ && platform::notify_permission() == platform::NotifyPermission::Default) {
      platform::notify_request_permission();
    }
    changed = true;
  }
  // A notification was clicked: show its chat.
  const std::int64_t clicked = platform::notify_take_clicked();
  if (clicked > 0 && engine_.state().find_chat(ChatId{clicked})) {
    engine_.open_chat(ChatId{clicked});
    changed = true;
  }
  return changed;
}

// A chat's notifications on or off (the chat header's bell; chat/app_chat.cpp).
void App::set_chat_muted(ChatId chat, bool muted) {
  const std::int64_t id = chat.get();
  auto it = std::find(muted_chats_.begin(), muted_chats_.end(), id);
  if (muted && it == muted_chats_.end()) muted_chats_.push_back(id);
  if (!muted && it != muted_chats_.end()) muted_chats_.erase(it);
  std::string list;
  for (std::int64_t m : muted_chats_) list += (list.empty() ? "" : ",") + std::to_string(m);
  if (list.empty()) platform::storage_remove(kMutedKey);
  else platform::storage_set(kMutedKey, list);
  title_count_ = -1;  // recount without (or with) this chat
}

void App::notify_and_title() {
  const ClientState& s = engine_.state();
  auto muted = [&](ChatId id) { return std::find(muted_chats_.begin(), muted_chats_.end(), id.get()) != muted_chats_.end(); };
  // "(3) Parta": unread messages in chats that are not muted.
  std::uint32_t unread = 0;
  if (s.me || s.from_cache) {
    for (const ChatEntry& c : s.chats) {
      if (!muted(c.id)) unread += c.unread_count;
    }
  }
  if (static_cast<std::int64_t>(unread) != title_count_) {  // no allocation while it stays
    title_count_ = unread;
    title_ = unread > 0 ? "(" + std::to_string(unread) + ") Parta" : "Parta";
    platform::set_title(title_);
  }

  if (!s.me || !s.chats_loaded) {
    seen_seq_.clear();
    seen_primed_ = false;
    return;
  }
  // The first full list only records where each chat is: nothing in it is news.
  const bool notify = seen_primed_ && notifications_ && platform::page_hidden() &&
                      platform::notify_permission() == platform::NotifyPermission::Granted;
  for (const ChatEntry& c : s.chats) {
    if (!c.last_message) continue;
    const ChatMessage& m = *c.last_message;
    auto [it, fresh] = seen_seq_.try_emplace(c.id.get(), m.seq);
    if (!fresh && m.seq <= it->second) continue;
    const bool news = !fresh || seen_primed_;
    it->second = m.seq;
    if (!notify || !news || m.deleted || m.sender == UserId{s.me->id()} || muted(c.id)) continue;
    std::string body = c.kind == pb::CHAT_KIND_DIRECT ? m.text : m.sender_name + ": " + m.text;
    platform::notify_show(c.title, clip(std::move(body), kBodyMax), c.id.get());
  }
  seen_primed_ = true;
}

void App::background_tick() {
  engine_.tick(platform::now_ms());
  if (persistence_.tick(engine_)) platform::socket_start();
  drain_network();
  notify_and_title();
  flush_outgoing();
  persist();
  schedule_wakeup();
}

}  // namespace parta::ui
