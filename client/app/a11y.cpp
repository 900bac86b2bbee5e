// The accessibility mirror's model: the per-frame node list and the announcer.
#include "client/app/a11y.h"

namespace parta::ui {

void A11yTree::item(A11yRole role, std::string_view name, std::uint8_t state) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImRect r = g.LastItemData.Rect;
  r.ClipWith(g.CurrentWindow->ClipRect);
  if (r.GetWidth() <= 0.5f || r.GetHeight() <= 0.5f) return;  // scrolled out of sight
  const ImGuiID id = g.LastItemData.ID;
  if (id == 0) return;
  if (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) state |= kA11yDisabled;
  if (count_ == nodes_.size()) nodes_.emplace_back();
  A11yNode& n = nodes_[count_++];
  n.id = id;
  n.role = role;
  n.state = state;
  n.name.assign(name.data(), name.size());
  n.rect = r;
  if (ImGui::IsItemActive() || (ImGui::IsItemFocused() && g.ActiveId == 0)) focused_ = id;
}

const A11yNode* A11yTree::find(std::uint32_t id) const {
  for (std::size_t i = 0; i < count_; ++i) {
    if (nodes_[i].id == id) return &nodes_[i];
  }
  return nullptr;
}

// The mirror's own strings (spoken only, never drawn).
std::string_view a11y_label(const char* hint) {
  const std::string_view s(hint);
  return s.substr(0, s.find("\xE2\x80\xA6"));  // "…"
}

std::string a11y_unread(Language lang, std::uint32_t n) {
  std::string text = std::to_string(n);
  if (lang != Language::Ru) return text + " unread";
  const std::uint32_t m10 = n % 10, m100 = n % 100;
  const bool one = m10 == 1 && m100 != 11;
  return text + (one ? " непрочитанное" : " непрочитанных");
}

void A11yAnnouncer::update(const ClientState& state, Language lang, std::vector<std::string>& out) {
  const bool russian = lang == Language::Ru;
  if (!state.me || !state.chats_loaded) return;
  const std::int64_t me = state.me->id();
  for (const ChatEntry& chat : state.chats) {
    if (!chat.last_message) continue;
    const ChatMessage& m = *chat.last_message;
    auto [it, first] = seen_.try_emplace(chat.id.get(), m.seq);
    if (first || m.seq <= it->second) continue;  // first sighting: the history, not news
    it->second = m.seq;
    if (m.sender.get() == me || m.deleted) continue;
    std::string line = russian ? "Новое сообщение от " : "New message from ";
    line += m.sender_name;
    line += ": ";
    line += m.text;
    out.push_back(std::move(line));
  }
}

}  // namespace parta::ui
