// The accessibility mirror's model: each frame the views describe their visible
// interactive items (role, accessible name, state, rectangle), and the app turns
// new incoming messages into polite announcements. client/platform/web_a11y.cpp
// mirrors this as an offscreen tree of ARIA elements and acts on the items.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"  // ImRect
#include "client/app/shell/i18n.h"
#include "shared/chat/chat_state.h"

namespace parta::ui {

// (The order is the platform's: web_a11y.cpp maps each to its ARIA role name.)
enum class A11yRole : std::uint8_t { Button, Textbox, Checkbox, Radio, Link, Tab, Option, ListItem, MenuItem, Alert };

// State bits of a node.
enum A11yState : std::uint8_t {
  kA11yChecked = 1 << 0,
  kA11yDisabled = 1 << 1,
  kA11yExpanded = 1 << 2,
  kA11ySelected = 1 << 3,
  kA11yMultiline = 1 << 4,  // a textbox of several lines
  kA11yInvalid = 1 << 5,    // a field whose value the form refused (aria-invalid)
  kA11yCustom = 1 << 6,     // not an ImGui item: activation goes to the view (A11yTree::activated), not a click
};

struct A11yNode {
  std::uint32_t id = 0;  // the ImGui item id
  A11yRole role = A11yRole::Button;
  std::uint8_t state = 0;
  std::string name;      // accessible name (translated)
  ImRect rect;           // visible part, framebuffer pixels
};

// This frame's interactive items, in drawing order. Nodes are reused between
// frames (names keep their capacity): an idle frame allocates nothing.
class A11yTree {
 public:
  // Starts a frame; `activated` is the custom node activated in the mirror since the last one (0: none).
  void clear(std::uint32_t activated = 0) {
    count_ = 0;
    focused_ = 0;
    activated_ = activated;
  }
  // Call right after the ImGui item: takes its id, visible rectangle, disabled
  // flag and whether it has the keyboard focus. Items out of sight are skipped.
  // A "##id" suffix of the name is not spoken.
  void item(A11yRole role, std::string_view name, std::uint8_t state = 0);
  // Something drawn that is not an ImGui item (a message bubble): `id` from
  // ImGui::GetID, `rect` in screen pixels. Activating it in the mirror makes
  // activated(id) true on the next frame.
  void custom(A11yRole role, std::string_view name, std::uint32_t id, const ImRect& rect, std::uint8_t state = 0);
  bool activated(std::uint32_t id) const { return id != 0 && activated_ == id; }
  std::size_t size() const { return count_; }
  const A11yNode& operator[](std::size_t i) const { return nodes_[i]; }
  std::uint32_t focused() const { return focused_; }  // 0: none of ours
  const A11yNode* find(std::uint32_t id) const;

 private:
  std::vector<A11yNode> nodes_;
  std::size_t count_ = 0;
  std::uint32_t focused_ = 0;
  std::uint32_t activated_ = 0;

  void add(A11yRole role, std::string_view name, std::uint32_t id, ImRect rect, std::uint8_t state);
};

// A hint as an accessible name: the part before "…" ("Сообщение… (Enter…)" -> "Сообщение").
std::string_view a11y_label(const char* hint);

// "Новое сообщение от <имя>: <текст>" for each message from someone else that
// arrives in any chat after it was first seen (not history, not our own).
class A11yAnnouncer {
 public:
  // Call once per frame with the state; appends announcements to `out`.
  void update(const ClientState& state, const I18n& tr, std::vector<std::string>& out);
  void reset() { seen_.clear(); }

 private:
  std::unordered_map<std::int64_t, std::uint64_t> seen_;  // chat id -> newest seq seen
};

}  // namespace parta::ui

// Implemented in client/platform/web_a11y.cpp (the browser side of the mirror).
namespace parta::platform {
// Applies this frame's tree to the DOM mirror; does nothing when it did not change.
void a11y_sync(const ui::A11yTree& tree);
// Reads `text` out through the aria-live region (`urgent`: the assertive one, for errors).
void a11y_announce(std::string_view text, bool urgent = false);
// The custom node (kA11yCustom) activated in the mirror since the last call, or 0.
std::uint32_t a11y_take_activation();
}  // namespace parta::platform
