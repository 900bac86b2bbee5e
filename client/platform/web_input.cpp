// Browser input that Emscripten's GLFW does not handle: touch (its touch
// listeners report no coordinates) and the mouse cursor shape (its cursors are
// stubs). Touch: a tap is a click, a vertical drag scrolls what is under it.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>

#include "client/platform/platform.h"
#include "client/platform/web_runtime.h"
#include "imgui.h"

namespace parta::platform {
namespace {

struct TouchState {
  bool active = false;
  long id = 0;
  float start_x = 0, start_y = 0, last_y = 0;  // CSS pixels
  bool scrolling = false;
};
TouchState touch;
ImGuiMouseCursor shown_cursor = ImGuiMouseCursor_Arrow;

constexpr float kScrollSlopCss = 10;  // a finger moving further than this is a scroll, not a tap

EM_JS(void, js_remove_glfw_touch, (), {
  var c = Module.canvas;
  c.removeEventListener("touchmove", GLFW.onMousemove, true);
  c.removeEventListener("touchstart", GLFW.onMouseButtonDown, true);
  c.removeEventListener("touchcancel", GLFW.onMouseButtonUp, true);
  c.removeEventListener("touchend", GLFW.onMouseButtonUp, true);
});

EM_JS(void, js_set_cursor, (const char* css), { Module.canvas.style.cursor = UTF8ToString(css); });

const EmscriptenTouchPoint* our_touch(const EmscriptenTouchEvent* e, bool any_changed) {
  for (int i = 0; i < e->numTouches; ++i) {
    const EmscriptenTouchPoint& t = e->touches[i];
    if (!t.isChanged) continue;
    if (any_changed || (touch.active && t.identifier == touch.id)) return &t;
  }
  return nullptr;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  const float dpr = runtime().dpr;
  const bool start = type == EMSCRIPTEN_EVENT_TOUCHSTART;
  const EmscriptenTouchPoint* t = our_touch(e, start && !touch.active);
  if (t == nullptr) return EM_TRUE;
  const float x = static_cast<float>(t->targetX), y = static_cast<float>(t->targetY);
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  switch (type) {
    case EMSCRIPTEN_EVENT_TOUCHSTART:
      touch = TouchState{true, t->identifier, x, y, y, false};
      io.AddMousePosEvent(x * dpr, y * dpr);
      io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
      break;
    case EMSCRIPTEN_EVENT_TOUCHMOVE:
      if (!touch.scrolling && std::fabs(y - touch.start_y) > kScrollSlopCss) {
        // Becomes a scroll: release the press away from any item, so nothing is clicked.
        touch.scrolling = true;
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        io.AddMousePosEvent(touch.start_x * dpr, touch.start_y * dpr);
      }
      if (touch.scrolling) {
        // One wheel step scrolls 5 lines of 17 CSS px in ImGui.
        io.AddMouseWheelEvent(0, (y - touch.last_y) / (5 * 17.0f));
        touch.last_y = y;
      } else {
        io.AddMousePosEvent(x * dpr, y * dpr);
      }
      break;
    default:  // end, cancel
      if (!touch.scrolling) {
        io.AddMousePosEvent(x * dpr, y * dpr);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
      }
      touch.active = false;
      break;
  }
  request_redraw();
  return EM_TRUE;  // no synthesized mouse events, no page panning
}

}  // namespace

void install_touch_input() {
  js_remove_glfw_touch();
  emscripten_set_touchstart_callback("#canvas", nullptr, false, on_touch);
  emscripten_set_touchmove_callback("#canvas", nullptr, false, on_touch);
  emscripten_set_touchend_callback("#canvas", nullptr, false, on_touch);
  emscripten_set_touchcancel_callback("#canvas", nullptr, false, on_touch);
}

void sync_mouse_cursor() {
  const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
  if (cursor == shown_cursor) return;
  shown_cursor = cursor;
  const char* css = "default";
  switch (cursor) {
    case ImGuiMouseCursor_TextInput: css = "text"; break;
    case ImGuiMouseCursor_Hand: css = "pointer"; break;
    case ImGuiMouseCursor_ResizeAll: css = "move"; break;
    case ImGuiMouseCursor_ResizeNS: css = "ns-resize"; break;
    case ImGuiMouseCursor_ResizeEW: css = "ew-resize"; break;
    case ImGuiMouseCursor_ResizeNESW: css = "nesw-resize"; break;
    case ImGuiMouseCursor_ResizeNWSE: css = "nwse-resize"; break;
    case ImGuiMouseCursor_NotAllowed: css = "not-allowed"; break;
    case ImGuiMouseCursor_None: css = "none"; break;
    default: break;
  }
  js_set_cursor(css);
}

}  // namespace parta::platform
