// window.partaTest for end-to-end tests: state() returns the app's snapshot
// (see client/app/test_snapshot.cpp), ready resolves at the first interactive frame.
// index.html defines a stub early so tests can wait on it before the wasm loads.
#include <emscripten.h>

#include <string>

#include "client/app/app.h"
#include "client/platform/web_runtime.h"

namespace {
std::string snapshot;  // owned here until JS has copied it
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* parta_test_state() {
  const parta::platform::Runtime& rt = parta::platform::runtime();
  if (rt.app == nullptr) return "null";  // not reached: the hook is installed after the app exists
  snapshot = rt.app->test_snapshot_json(rt.dpr, rt.frames, rt.first_interactive_ms);
  return snapshot.c_str();
}

namespace parta::platform {

EM_JS(void, js_test_hook_install, (), {
  var hook = window.partaTest || (window.partaTest = {});
  if (!hook.ready) hook.ready = new Promise(function(resolve) { hook._resolveReady = resolve; });
  hook.state = function() { return JSON.parse(UTF8ToString(_parta_test_state())); };
});

EM_JS(void, js_test_hook_interactive, (double ms), {
  var hook = window.partaTest;
  if (hook && hook._resolveReady) hook._resolveReady(ms);
});

void test_hook_install() { js_test_hook_install(); }
void test_hook_mark_interactive(double ms) { js_test_hook_interactive(ms); }

}  // namespace parta::platform
