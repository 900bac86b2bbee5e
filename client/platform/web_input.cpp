// Browser input that Emscripten's GLFW does not handle: touch (its touch
// listeners report no coordinates) and the mouse cursor shape (its cursors are
// stubs). Touch: a tap is a click, a vertical drag scrolls what is under it, and
// a flick keeps scrolling with inertia (the velocity of the drag's last ~100 ms,
// decaying exponentially; the next touch stops it).
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "client/platform/platform.h"
#include "client/platform/web_runtime.h"
#include "imgui.h"

namespace parta::platform {

void text_bridge_focus_if_wanted();  // web_text_bridge.cpp

namespace {

struct TouchState {
  bool active = false;
  long id = 0;
  float start_x = 0, start_y = 0, last_y = 0;  // CSS pixels
  bool scrolling = false;
};
TouchState touch;

// The drag's recent positions, for the release velocity.
struct DragSample {
  double ms = 0;  // performance.now()
  float y = 0;    // CSS pixels
};
constexpr int kSamples = 8;
struct Fling {
  DragSample samples[kSamples];
  int sample_count = 0, sample_next = 0;
  bool active = false;
  bool looping = false;  // an animation frame loop is running on_fling_frame
  float velocity = 0;  // CSS pixels per ms, + moves content down
  double last_ms = 0;
};
Fling fling;
ImGuiMouseCursor shown_cursor = ImGuiMouseCursor_Arrow;

constexpr float kScrollSlopCss = 10;  // a finger moving further than this is a scroll, not a tap
constexpr double kVelocityWindowMs = 100;  // the release velocity is measured over this
constexpr float kFlingMinVelocity = 0.15f;  // CSS px/ms; slower releases just stop
constexpr float kFlingStopVelocity = 0.02f;
constexpr double kFlingDecayMs = 325;       // velocity *= exp(-dt / this) (iOS-like)
constexpr float kWheelStepCss = 5 * 17.0f;  // one wheel step scrolls 5 lines of 17 CSS px in ImGui

// Times are the events' own (performance.now() when the browser made them), not
// when we handled them: a busy frame must not squeeze a drag into an instant.
void record_sample(double ms, float y) {
  fling.samples[fling.sample_next] = DragSample{ms, y};
  fling.sample_next = (fling.sample_next + 1) % kSamples;
  if (fling.sample_count < kSamples) ++fling.sample_count;
}

// CSS px/ms over the samples of the last kVelocityWindowMs; 0 when the finger rested.
float release_velocity(double release_ms) {
  if (fling.sample_count < 2) return 0;
  const DragSample& last = fling.samples[(fling.sample_next + kSamples - 1) % kSamples];
  if (release_ms - last.ms > kVelocityWindowMs) return 0;
  const DragSample* first = &last;
  for (int i = 2; i <= fling.sample_count; ++i) {
    const DragSample& s = fling.samples[(fling.sample_next + kSamples - i) % kSamples];
    if (last.ms - s.ms > kVelocityWindowMs) break;
    first = &s;
  }
  const double dt = last.ms - first->ms;
  return dt > 0 ? static_cast<float>((last.y - first->y) / dt) : 0;
}

EM_BOOL on_fling_frame(double now, void*) {
  fling.looping = fling.active;
  if (!fling.active) return EM_FALSE;
  const double dt = std::clamp(now - fling.last_ms, 0.0, 50.0);  // a stalled tab does not jump
  fling.last_ms = now;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMouseWheelEvent(0, static_cast<float>(fling.velocity * dt) / kWheelStepCss);
  fling.velocity *= static_cast<float>(std::exp(-dt / kFlingDecayMs));
  request_redraw();
  if (std::fabs(fling.velocity) < kFlingStopVelocity) fling.active = false;
  fling.looping = fling.active;
  return fling.active ? EM_TRUE : EM_FALSE;
}

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
    {
      // A touch stops a fling, and only that: it is no tap (it may become a new drag).
      const bool stops_fling = fling.active;
      fling.active = false;
      fling.sample_count = 0;
      touch = TouchState{true, t->identifier, x, y, y, stops_fling};
      record_sample(e->timestamp, y);
      io.AddMousePosEvent(x * dpr, y * dpr);
      if (!stops_fling) io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
      break;
    }
    case EMSCRIPTEN_EVENT_TOUCHMOVE:
      if (!touch.scrolling && std::fabs(y - touch.start_y) > kScrollSlopCss) {
        // Becomes a scroll: release the press away from any item, so nothing is clicked.
        touch.scrolling = true;
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        io.AddMousePosEvent(touch.start_x * dpr, touch.start_y * dpr);
      }
      if (touch.scrolling) {
        io.AddMouseWheelEvent(0, (y - touch.last_y) / kWheelStepCss);
        touch.last_y = y;
        record_sample(e->timestamp, y);
      } else {
        io.AddMousePosEvent(x * dpr, y * dpr);
      }
      break;
    default:  // end, cancel
      if (!touch.scrolling) {
        io.AddMousePosEvent(x * dpr, y * dpr);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
      } else if (type == EMSCRIPTEN_EVENT_TOUCHEND) {
        const float v = release_velocity(e->timestamp);
        if (std::fabs(v) >= kFlingMinVelocity) {
          fling.velocity = v;
          fling.last_ms = emscripten_get_now();
          fling.active = true;
          if (!fling.looping) emscripten_request_animation_frame_loop(on_fling_frame, nullptr);
          fling.looping = true;
        }
      }
      touch.active = false;
      // A tap on a text field activated it on the press: focusing the bridge now,
      // inside the gesture, is what opens an on-screen keyboard.
      text_bridge_focus_if_wanted();
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
