// The accessibility mirror's model: the per-frame node list and the announcer.
#include "client/app/ui/a11y.h"

namespace parta::ui {

void A11yTree::item(A11yRole role, std::string_view name, std::uint8_t state) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) state |= kA11yDisabled;
  const std::size_t before = count_;
  add(role, name, g.LastItemData.ID, g.LastItemData.Rect, static_cast<std::uint8_t>(state & ~kA11yCustom));
  if (count_ > before && (ImGui::IsItemActive() || (ImGui::IsItemFocused() && g.ActiveId == 0))) focused_ = g.LastItemData.ID;
}

void A11yTree::custom(A11yRole role, std::string_view name, std::uint32_t id, const ImRect& rect, std::uint8_t state) {
  add(role, name, id, rect, static_cast<std::uint8_t>(state | kA11yCustom));
}

void A11yTree::add(A11yRole role, std::string_view name, std::uint32_t id, ImRect r, std::uint8_t state) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  // A window out of sight (a child scrolled outside its parent) submits no items:
  // LastItemData would be some earlier item's.
  if (g.CurrentWindow->SkipItems) return;
  r.ClipWith(g.CurrentWindow->ClipRect);
  if (r.GetWidth() <= 0.5f || r.GetHeight() <= 0.5f) return;  // scrolled out of sight
  if (id == 0) return;
  if (const std::size_t hidden = name.find("##"); hidden != std::string_view::npos) name = name.substr(0, hidden);
  if (count_ == nodes_.size()) nodes_.emplace_back();
  A11yNode& n = nodes_[count_++];
  n.id = id;
  n.role = role;
  n.state = state;
  n.name.assign(name.data(), name.size());
  n.rect = r;
}

const A11yNode* A11yTree::find(std::uint32_t id) const {
  for (std::size_t i = 0; i < count_; ++i) {
    if (nodes_[i].id == id) return &nodes_[i];
  }
  return nullptr;
}

std::string_view a11y_label(const char* hint) {
  const std::string_view s(hint);
  return s.substr(0, s.find("\xE2\x80\xA6"));  // "…"
}

void A11yAnnouncer::update(const ClientState& state, const I18n& tr, std::vector<std::string>& out) {
  if (!state.me || !state.chats_loaded) return;
  const std::int64_t me = state.me->id();
  for (const ChatEntry& chat : state.chats) {
    if (!chat.last_message) continue;
    const ChatMessage& m = *chat.last_message;
    auto [it, first] = seen_.try_emplace(chat.id.get(), m.seq);
    if (first || m.seq <= it->second) continue;  // first sighting: the history, not news
    it->second = m.seq;
    if (m.sender.get() == me || m.deleted) continue;
    const std::string text = m.poll ? std::string(tr("poll_label")) + ": " + m.text : m.text;
    out.push_back(tr.format("a11y_new_message", {{"name", m.sender_name}, {"text", text}}));
  }
}

}  // namespace parta::ui
