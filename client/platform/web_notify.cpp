// The tab's title, its visibility, and system notifications (Notification API).
// While the tab is hidden the browser runs no animation frames: background_wake()
// runs the app's background tick from a zero-delay timeout instead, so new
// messages are drained, counted in the title and notified without drawing.
#include <emscripten.h>

#include <cstdint>
#include <string>

#include "client/app/shell/app.h"
#include "client/platform/platform.h"
#include "client/platform/web_runtime.h"

namespace parta::platform {
namespace {

bool tick_scheduled = false;
bool installed = false;  // the visibility listener and Module.partaWake

EM_JS(int, js_hidden, (), { return document.hidden ? 1 : 0; });
EM_JS(void, js_set_title, (const char* s, int n), { document.title = UTF8ToString(s, n); });
EM_JS(int, js_permission, (), {
  if (!('Notification' in window)) return 0;
  return { 'default': 1, 'granted': 2, 'denied': 3 }[Notification.permission] || 0;
});
EM_JS(void, js_request_permission, (), {
  if (!('Notification' in window)) return;
  var wake = function() { if (Module.partaWake) Module.partaWake(); };
  try {
    var p = Notification.requestPermission(wake);
    if (p && p.then) p.then(wake, wake);
  } catch (e) { wake(); }
});
EM_JS(void, js_notify, (const char* t, int tn, const char* b, int bn, double chat), {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  try {
    var n = new Notification(UTF8ToString(t, tn), { body: UTF8ToString(b, bn), tag: 'chat-' + chat, icon: 'icons/icon-192.png', lang: document.documentElement.lang });
    n.onclick = function() {
      window.focus();
      Module.partaNotifyClicked = chat;
      n.close();
      if (Module.partaWake) Module.partaWake();
    };
    (window.partaTest || {}).notifications = ((window.partaTest || {}).notifications || 0) + 1;
  } catch (e) {}
});
EM_JS(double, js_take_clicked, (), {
  var c = Module.partaNotifyClicked || 0;
  Module.partaNotifyClicked = 0;
  return c;
});
EM_JS(void, js_schedule_tick, (), {
  setTimeout(function() { _parta_background_tick(); }, 0);
});
// Coming back into view draws (the title and the open chat catch up at once).
EM_JS(void, js_notify_install, (), {
  Module.partaWake = function() { _parta_wake(); };
  document.addEventListener('visibilitychange', function() { _parta_wake(); });
});

}  // namespace

bool page_hidden() { return js_hidden() != 0; }

void set_title(std::string_view title) { js_set_title(title.data(), static_cast<int>(title.size())); }

NotifyPermission notify_permission() {
  switch (js_permission()) {
    case 1: return NotifyPermission::Default;
    case 2: return NotifyPermission::Granted;
    case 3: return NotifyPermission::Denied;
    default: return NotifyPermission::Unsupported;
  }
}

void notify_request_permission() { js_request_permission(); }

void notify_show(std::string_view title, std::string_view body, std::int64_t chat_id) {
  js_notify(title.data(), static_cast<int>(title.size()), body.data(), static_cast<int>(body.size()),
            static_cast<double>(chat_id));
}

std::int64_t notify_take_clicked() { return static_cast<std::int64_t>(js_take_clicked()); }

void background_wake() {
  if (!installed) {  // the first call comes from main()
    installed = true;
    js_notify_install();
  }
  if (tick_scheduled || !page_hidden()) return;
  tick_scheduled = true;
  js_schedule_tick();
}

}  // namespace parta::platform

extern "C" EMSCRIPTEN_KEEPALIVE void parta_background_tick() {
  parta::platform::tick_scheduled = false;
  parta::ui::App* app = parta::platform::runtime().app;
  if (app != nullptr && parta::platform::page_hidden()) app->background_tick();
}

extern "C" EMSCRIPTEN_KEEPALIVE void parta_wake() { parta::platform::request_redraw(); }
