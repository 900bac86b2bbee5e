// What the browser main loop knows about itself; read by the test hook.
#pragma once

#include <cstdint>

namespace parta::ui {
class App;
}

namespace parta::platform {

struct Runtime {
  ui::App* app = nullptr;
  std::uint64_t frames = 0;           // frames drawn since start
  double first_interactive_ms = -1;   // performance.now() at the first login/main frame; <0: not yet
  float dpr = 1;                      // devicePixelRatio the UI is built for
};

Runtime& runtime();

// Touch and cursor shape (web_input.cpp).
void install_touch_input();
void sync_mouse_cursor();  // after a frame: the CSS cursor follows ImGui's

// The file input, upload and download glue, and the hash listener (web_files.cpp).
void files_install();

// Test hook: tells the page the app is interactive (resolves window.partaTest.ready).
void test_hook_install();
void test_hook_mark_interactive(double ms);

}  // namespace parta::platform
