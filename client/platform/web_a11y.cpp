// The accessibility mirror in the page: an offscreen tree of ARIA elements
// (<div id="parta-a11y"> in index.html) kept equal to the app's A11yTree, and
// the aria-live region that reads new messages out. The DOM is touched only
// when a node's role, name or state, the node list or the focus changed.
// Activating an element (a click from a screen reader or a test, or focusing a
// textbox) clicks the ImGui item at the centre of its rectangle (a drawn thing
// that is no item, e.g. a message, is handed to its view instead); keys typed
// while a mirror element has the DOM focus reach ImGui through GLFW's window
// listeners, as they do from the canvas.
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <vector>

#include "client/app/ui/a11y.h"
#include "client/platform/platform.h"
#include "imgui.h"

namespace parta::platform {
namespace {

struct Shown {
  std::uint32_t id = 0;
  ui::A11yRole role = ui::A11yRole::Button;
  std::uint8_t state = 0;
  std::string name;
};
std::vector<Shown> shown;      // what the DOM holds, in order
std::uint32_t shown_focus = 0;
const ui::A11yTree* last_tree = nullptr;
std::uint32_t activated_custom = 0;  // a kA11yCustom node activated since the last frame

// Elements are keyed by the item's id: an item keeps its element while the list
// around it scrolls or changes (a screen reader's place and the DOM focus stay
// on it); attributes are written only when they changed.
// Returns 1 when it moved or created an element (the DOM after `index` shifted).
EM_JS(int, js_a11y_set, (int index, unsigned id, int role, int state, const char* name), {
  var root = document.getElementById('parta-a11y');
  if (!root) return;
  if (!root.partaInstalled) {
    root.partaInstalled = true;
    root.partaById = new Map();
    var activate = function(el) { if (el && el.dataset.id) _parta_a11y_activate(Number(el.dataset.id) >>> 0); };
    root.addEventListener('click', function(e) {
      var el = e.target.closest('[data-id]');
      if (el) { e.preventDefault(); activate(el); }
    });
    // A textbox focused from outside (Tab in the page, a screen reader, a test) starts editing.
    root.addEventListener('focusin', function(e) {
      if (Module.partaA11yFocusing) return;
      var el = e.target.closest('[data-id]');
      if (el && el.getAttribute('role') === 'textbox') activate(el);
    });
  }
  var roles = ['button', 'textbox', 'checkbox', 'radio', 'link', 'tab', 'option', 'listitem', 'menuitem', 'alert'];
  var el = root.partaById.get(id);
  if (!el) {
    el = document.createElement('div');
    el.dataset.id = String(id);
    root.partaById.set(id, el);
  }
  var at = root.children[index] || null;
  var moved = at !== el;
  if (moved) root.insertBefore(el, at);
  var label = UTF8ToString(name);
  var key = role + '|' + state + '|' + label;
  if (el.partaKey === key) return moved ? 1 : 0;
  el.partaKey = key;
  el.setAttribute('role', roles[role]);
  el.setAttribute('aria-label', label);
  el.tabIndex = role === 7 || role === 9 ? -1 : 0;
  var flag = function(attr, on, always) {
    if (on || always) el.setAttribute(attr, on ? 'true' : 'false'); else el.removeAttribute(attr);
  };
  flag('aria-checked', state & 1, role === 2 || role === 3);
  flag('aria-disabled', state & 2, false);
  flag('aria-expanded', state & 4, false);
  flag('aria-selected', state & 8, role === 5 || role === 6);
  flag('aria-multiline', state & 16, false);
  flag('aria-invalid', state & 32, false);
  return moved ? 1 : 0;
});

EM_JS(void, js_a11y_truncate, (int count), {
  var root = document.getElementById('parta-a11y');
  while (root && root.children.length > count) {
    var el = root.lastChild;
    if (root.partaById) root.partaById.delete(Number(el.dataset.id) >>> 0);
    root.removeChild(el);
  }
});

// DOM focus follows ImGui's focus while the person is in the page or the mirror
// (not when another element holds it; the text input bridge only while a text
// field edits: Tab out of a field moves ImGui's focus to an item that is none).
EM_JS(void, js_a11y_focus, (unsigned id, int textbox), {
  var root = document.getElementById('parta-a11y');
  if (!root || !id) return;
  var a = document.activeElement;
  var bridge = a && a.id === 'parta-ime';
  if (a && a !== document.body && a !== Module.canvas && !root.contains(a) && !(bridge && !textbox)) return;
  var el = root.querySelector('[data-id="' + id + '"]');
  if (!el || el === a) return;
  Module.partaA11yFocusing = true;
  el.focus({ preventScroll: true });
  Module.partaA11yFocusing = false;
});

EM_JS(void, js_a11y_announce, (const char* text, int urgent), {
  var live = document.getElementById(urgent ? 'parta-a11y-alert' : 'parta-a11y-live');
  if (!live) return;
  var line = document.createElement('div');
  line.textContent = UTF8ToString(text);
  live.appendChild(line);
  while (live.children.length > 5) live.removeChild(live.firstChild);
});

}  // namespace

void a11y_sync(const ui::A11yTree& tree) {
  last_tree = &tree;
  const std::size_t n = tree.size();
  bool moved = false;  // elements were moved: stale ones may sit after the n-th
  for (std::size_t i = 0; i < n; ++i) {
    const ui::A11yNode& node = tree[i];
    if (i < shown.size() && shown[i].id == node.id && shown[i].role == node.role && shown[i].state == node.state &&
        shown[i].name == node.name) {
      continue;
    }
    if (i == shown.size()) shown.emplace_back();
    Shown& s = shown[i];
    s.id = node.id;
    s.role = node.role;
    s.state = node.state;
    s.name = node.name;
    // An element moved into place shifts the ones after it: what `shown` says of them no longer holds.
    if (js_a11y_set(static_cast<int>(i), node.id, static_cast<int>(node.role), node.state, node.name.c_str())) {
      shown.resize(i + 1);
      moved = true;
    }
  }
  if (shown.size() > n || moved) {
    shown.resize(n);
    js_a11y_truncate(static_cast<int>(n));
  }
  // Every drawn frame while an item has the focus, not only when it changed: the
  // text bridge hands the DOM focus back to the canvas a frame after a field is
  // left, and a changed list may have re-created the element (the call is a
  // no-op when the element already has it).
  if (tree.focused() != shown_focus || shown_focus != 0) {
    shown_focus = tree.focused();
    const ui::A11yNode* node = tree.find(shown_focus);
    js_a11y_focus(shown_focus, node != nullptr && node->role == ui::A11yRole::Textbox ? 1 : 0);
  }
}

void a11y_announce(std::string_view text, bool urgent) { js_a11y_announce(std::string(text).c_str(), urgent ? 1 : 0); }

std::uint32_t a11y_take_activation() {
  const std::uint32_t id = activated_custom;
  activated_custom = 0;
  return id;
}

}  // namespace parta::platform

// A mirror element was activated: click the ImGui item at its centre. ImGui's
// input queue spreads the press and the release over two frames.
extern "C" EMSCRIPTEN_KEEPALIVE void parta_a11y_activate(std::uint32_t id) {
  using namespace parta::platform;
  if (last_tree == nullptr) return;
  const parta::ui::A11yNode* node = last_tree->find(id);
  if (node == nullptr || (node->state & parta::ui::kA11yDisabled)) return;
  if (node->state & parta::ui::kA11yCustom) {
    // Not an ImGui item: the view that drew it acts on the next frame.
    activated_custom = id;
    request_redraw();
    return;
  }
  const ImVec2 c = node->rect.GetCenter();
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(c.x, c.y);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  request_redraw();
}
