// window.partaTest for end-to-end tests: state() returns the app's snapshot
// (see client/app/shell/test_snapshot.cpp), persist() the persistence figures
// (client/app/shell/persistence.cpp), ready resolves at the first interactive frame,
// frameTimes() returns the CPU time (ms) of each frame drawn since its previous
// call (at most the last kFrameRing; web_main.cpp times the frame body).
// index.html defines a stub early so tests can wait on it before the wasm loads.
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "client/app/shell/app.h"
#include "client/platform/web_runtime.h"

namespace {
std::string snapshot;  // owned here until JS has copied it

constexpr std::size_t kFrameRing = 4096;
double frame_ms[kFrameRing];
std::size_t frames_recorded = 0;  // since the last frameTimes() call
std::size_t frame_next = 0;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* parta_test_frame_times() {
  const std::size_t n = frames_recorded < kFrameRing ? frames_recorded : kFrameRing;
  snapshot = "[";
  char buf[32];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%s%.3f", i ? "," : "", frame_ms[(frame_next + kFrameRing - n + i) % kFrameRing]);
    snapshot += buf;
  }
  snapshot += "]";
  frames_recorded = 0;
  return snapshot.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* parta_test_state() {
  const parta::platform::Runtime& rt = parta::platform::runtime();
  if (rt.app == nullptr) return "null";  // not reached: the hook is installed after the app exists
  snapshot = rt.app->test_snapshot_json(rt.dpr, rt.frames, rt.first_interactive_ms);
  return snapshot.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* parta_test_persist() {
  const parta::platform::Runtime& rt = parta::platform::runtime();
  if (rt.app == nullptr) return "null";
  snapshot = rt.app->persistence_json();
  return snapshot.c_str();
}

namespace parta::platform {

EM_JS(void, js_test_hook_install, (), {
  var hook = window.partaTest || (window.partaTest = {});
  if (!hook.ready) hook.ready = new Promise(function(resolve) { hook._resolveReady = resolve; });
  hook.state = function() { return JSON.parse(UTF8ToString(_parta_test_state())); };
  hook.persist = function() { return JSON.parse(UTF8ToString(_parta_test_persist())); };
  hook.frameTimes = function() { return JSON.parse(UTF8ToString(_parta_test_frame_times())); };
});

EM_JS(void, js_test_hook_interactive, (double ms), {
  var hook = window.partaTest;
  if (hook && hook._resolveReady) hook._resolveReady(ms);
});

void test_hook_install() { js_test_hook_install(); }
void test_hook_mark_interactive(double ms) { js_test_hook_interactive(ms); }

// Declared in web_main.cpp, which times each frame.
void test_hook_frame_time(double ms) {
  frame_ms[frame_next] = ms;
  frame_next = (frame_next + 1) % kFrameRing;
  ++frames_recorded;
}

}  // namespace parta::platform
