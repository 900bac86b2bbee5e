// Browser entry point: the GLFW window on <canvas id="canvas">, WebGL2, Dear ImGui,
// canvas sizing by devicePixelRatio, clipboard, and the render-on-demand loop.
//
// Frames are drawn only when something happened (input, socket bytes, a timer,
// a resize): each wake schedules one requestAnimationFrame and a few settling
// frames after it. An idle tab draws nothing.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "client/app/shell/app.h"
#include "client/platform/platform.h"
#include "client/platform/web_runtime.h"
#include "imgui.h"
#include "imgui_internal.h"  // the input event queue
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

namespace parta::platform {

void test_hook_frame_time(double ms);  // test_hook.cpp: window.partaTest.frameTimes()
// The text input bridge and the clipboard (web_text_bridge.cpp).
void text_bridge_install();
void text_bridge_after_frame();
// Glyphs the fonts lack, rasterized by the browser on demand (web_glyphs.cpp).
void glyphs_fonts_built();
void glyphs_after_render();

namespace {

constexpr int kSettleFrames = 2;  // frames drawn after an event (ImGui shows some changes a frame late)

struct Loop {
  GLFWwindow* window = nullptr;
  ui::App* app = nullptr;
  ui::Fonts fonts;
  double dpr = 0;            // what fonts and style are built for
  std::uint32_t appearance = ~0u;  // ui::appearance_revision() they are built for
  int fb_w = 0, fb_h = 0;    // canvas backing store, device pixels
  int frames_left = 0;
  bool frame_scheduled = false;
  bool device_ready = false; // the GL backend has its objects (font texture)
  bool first_frame_shown = false;
};
Loop loop;
Runtime rt;

EM_JS(double, js_inner_width, (), { return window.innerWidth; });
EM_JS(double, js_inner_height, (), { return window.innerHeight; });
EM_JS(void, js_first_frame, (), { if (Module.onFirstFrame) Module.onFirstFrame(); });


// Sizes the canvas backing store to CSS size x devicePixelRatio (the CSS size
// comes from the stylesheet: 100vw x 100vh) and rebuilds fonts and style when the
// ratio changed (zoom, another monitor). Called at the start of a frame only.
void update_canvas_size() {
  const double dpr = std::clamp(emscripten_get_device_pixel_ratio(), 0.5, 8.0);
  const int w = std::max(1, static_cast<int>(std::lround(js_inner_width() * dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(js_inner_height() * dpr)));
  if (w != loop.fb_w || h != loop.fb_h) {
    emscripten_set_canvas_element_size("#canvas", w, h);
    loop.fb_w = w;
    loop.fb_h = h;
  }
  // A new theme or font scale (theme.h) rebuilds the same way: glyphs are
  // rasterized at ratio x font scale, never scaled as bitmaps.
  if (dpr != loop.dpr || ui::appearance_revision() != loop.appearance) {
    loop.dpr = dpr;
    loop.appearance = ui::appearance_revision();
    rt.dpr = static_cast<float>(dpr);
    loop.fonts = ui::build_fonts(ui::ui_scale(static_cast<float>(dpr)));
    glyphs_fonts_built();  // before the atlas texture is made
    ui::apply_style(ui::ui_scale(static_cast<float>(dpr)));
    if (loop.device_ready) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    loop.app->set_fonts(loop.fonts);
  }
}

// Held keys (for ImGui's key repeat) and held buttons (drags) need frames
// even without new events.
bool input_held() {
  // ImGui spreads events that arrived together over several frames (a click is a
  // press frame and a release frame): drain its queue.
  if (ImGui::GetCurrentContext()->InputEventsQueue.Size > 0) return true;
  if (ImGui::IsAnyMouseDown()) return true;
  if (!ImGui::GetIO().WantTextInput) return false;
  for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END; ++k) {
    const ImGuiKey key = static_cast<ImGuiKey>(k);
    if (key >= ImGuiKey_LeftCtrl && key <= ImGuiKey_RightSuper) continue;  // modifiers alone repeat nothing
    if (ImGui::IsKeyDown(key)) return true;
  }
  return false;
}

// Panels as scissored clears: no blending, no texture, nearly free even in software.
void paint_backdrops(const std::vector<ui::Backdrop>& backdrops) {
  if (backdrops.empty()) return;
  glEnable(GL_SCISSOR_TEST);
  for (const ui::Backdrop& b : backdrops) {
    const int x0 = std::max(0, static_cast<int>(std::lround(b.rect.Min.x)));
    const int y0 = std::max(0, static_cast<int>(std::lround(b.rect.Min.y)));
    const int x1 = std::min(loop.fb_w, static_cast<int>(std::lround(b.rect.Max.x)));
    const int y1 = std::min(loop.fb_h, static_cast<int>(std::lround(b.rect.Max.y)));
    if (x1 <= x0 || y1 <= y0) continue;
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(b.color);
    glScissor(x0, loop.fb_h - y1, x1 - x0, y1 - y0);  // GL's origin is bottom-left
    glClearColor(c.x, c.y, c.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glDisable(GL_SCISSOR_TEST);
}

void draw_frame() {
  update_canvas_size();
  ImGui_ImplOpenGL3_NewFrame();  // the first call creates the GL objects
  loop.device_ready = true;
  ImGui_ImplGlfw_NewFrame();
  // ImGui runs in framebuffer pixels (GLFW reports the mouse in canvas pixels).
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(loop.fb_w), static_cast<float>(loop.fb_h));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();
  loop.app->frame();
  ImGui::Render();
  sync_mouse_cursor();
  text_bridge_after_frame();
  glyphs_after_render();

  glViewport(0, 0, loop.fb_w, loop.fb_h);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::color::kBackground);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  paint_backdrops(loop.app->backdrops());
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++rt.frames;

  if (!loop.first_frame_shown) {
    loop.first_frame_shown = true;
    js_first_frame();
  }
  if (rt.first_interactive_ms < 0 && loop.app->screen() != ui::Screen::Loading) {
    rt.first_interactive_ms = monotonic_ms();
    test_hook_mark_interactive(rt.first_interactive_ms);
  }
}

void schedule_frame();

EM_BOOL on_animation_frame(double, void*) {
  loop.frame_scheduled = false;
  const double started = emscripten_get_now();
  draw_frame();
  test_hook_frame_time(emscripten_get_now() - started);
  --loop.frames_left;
  if (loop.frames_left > 0 || input_held() || loop.app->wants_another_frame()) schedule_frame();
  return EM_FALSE;  // one-shot: the next frame is requested only when needed
}

void schedule_frame() {
  if (loop.frame_scheduled) return;
  loop.frame_scheduled = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

// The wheel, on the canvas. ImGui's backend listens on the document, where Chrome
// makes wheel listeners passive and logs an error for each preventDefault; the
// scaling is the backend's (100 px or 3 lines per step).
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  float scale = 1.0f / 100.0f;
  if (e->deltaMode == DOM_DELTA_LINE) scale = 1.0f / 3.0f;
  else if (e->deltaMode == DOM_DELTA_PAGE) scale = 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX * scale), static_cast<float>(-e->deltaY * scale));
  request_redraw();
  return EM_TRUE;  // no page scroll or zoom gesture
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  request_redraw();
  return EM_FALSE;
}

// Our GLFW callbacks only wake the loop; ImGui's, installed after them, chain to
// them and feed the input to ImGui.
void install_wake_callbacks(GLFWwindow* w) {
  glfwSetCursorPosCallback(w, [](GLFWwindow*, double, double) { request_redraw(); });
  glfwSetMouseButtonCallback(w, [](GLFWwindow*, int, int, int) { request_redraw(); });
  glfwSetScrollCallback(w, [](GLFWwindow*, double, double) { request_redraw(); });
  glfwSetKeyCallback(w, [](GLFWwindow*, int, int, int, int) { request_redraw(); });
  glfwSetCharCallback(w, [](GLFWwindow*, unsigned int) { request_redraw(); });
  glfwSetCursorEnterCallback(w, [](GLFWwindow*, int) { request_redraw(); });
  glfwSetWindowFocusCallback(w, [](GLFWwindow*, int) { request_redraw(); });
}

}  // namespace

Runtime& runtime() { return rt; }

void request_redraw() {
  loop.frames_left = std::max(loop.frames_left, kSettleFrames);
  schedule_frame();
  background_wake();  // a hidden tab runs no frames: drain and notify without drawing
}

}  // namespace parta::platform

int main() {
  using namespace parta::platform;
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);
  glfwWindowHint(GLFW_ALPHA_BITS, 0);  // an opaque canvas composites faster
  const double dpr = emscripten_get_device_pixel_ratio();
  loop.window = glfwCreateWindow(std::max(1, static_cast<int>(js_inner_width() * dpr)),
                                 std::max(1, static_cast<int>(js_inner_height() * dpr)), "Parta", nullptr, nullptr);
  if (loop.window == nullptr) return 1;
  glfwMakeContextCurrent(loop.window);
  install_wake_callbacks(loop.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing to persist: the layout is fixed
  io.LogFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;  // a focused idle field needs no frames
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  ImGui_ImplGlfw_InitForOpenGL(loop.window, true);
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);  // replaced by on_wheel
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
  install_touch_input();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  text_bridge_install();  // clipboard callbacks too

  files_install();                  // before the app: it reads the address bar's hash
  loop.app = new parta::ui::App();  // lives as long as the page
  rt.app = loop.app;
  update_canvas_size();
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, on_resize);
  test_hook_install();
  loop.app->start();
  request_redraw();
  return 0;  // the runtime stays alive: callbacks drive everything from here
}
