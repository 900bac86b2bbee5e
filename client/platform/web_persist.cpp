// Persistent key -> bytes store in the browser: one file per key under /parta, an
// Emscripten IDBFS mount backed by IndexedDB.
//
// Reads and writes touch the in-memory file system only (synchronous). IndexedDB
// is loaded once at start-up (FS.syncfs(true), asynchronous, bounded by a
// timeout) and written back by FS.syncfs(false): at most kDebounceMs after a
// write, at once on persist_flush() and when the page is hidden or unloaded,
// never two syncs at a time. Without IndexedDB (disabled, some private modes) the
// store keeps working in memory and says so in the console.
#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "client/platform/platform.h"

namespace parta::platform {
namespace {

constexpr double kDebounceMs = 250;     // a write reaches IndexedDB at most this much later
// Start without stored data rather than wait longer. IndexedDB answers in
// 0.15-0.25 s here; with a 2 s bound, one CI run on a loaded machine reopened
// the app without its cached chats (the suspected cause), so the bound is wider.
constexpr double kLoadTimeoutMs = 6000;

struct Store {
  bool started = false;
  bool ready = false;          // loaded (or given up): reads are allowed
  bool durable = false;        // IndexedDB is behind the files
  bool in_flight = false;      // one FS.syncfs(false) at a time
  bool dirty = false;          // files changed since the last sync started
  bool urgent = false;         // sync again at once when the one in flight ends
  int failures = 0;            // consecutive failed syncs: retries back off
  long timer = 0;              // pending debounced sync; 0: none
  double timer_due = 0;
  double load_started = 0;
  double first_dirty = -1;     // monotonic time of the oldest write not yet syncing
  double sync_started = 0;
  double sync_first_write = -1;
  // Writes made before the load finished (the app should not, but a late load
  // must not overwrite them); applied once ready.
  std::map<std::string, std::optional<std::string>, std::less<>> early;
  void (*hide_hook)(void*) = nullptr;
  void* hide_ctx = nullptr;
  PersistStats stats;
};
Store store;

// The mount, the load with its timeout, and the page-lifecycle listeners.
EM_JS(void, js_persist_mount, (double timeout_ms), {
  var dir = '/parta';
  try { FS.mkdir(dir); } catch (e) {}
  var usable = false;
  try { usable = typeof indexedDB !== 'undefined' && indexedDB !== null; } catch (e) {}
  if (usable) {
    try { FS.mount(IDBFS, {}, dir); } catch (e) { usable = false; }
  }
  if (!usable) {
    console.warn('Parta: IndexedDB is not available; messages and chats are kept in memory only');
    _parta_persist_loaded(0, 0);
  } else {
    var settled = false;
    var timer = setTimeout(function() {
      if (settled) return;
      settled = true;
      console.warn('Parta: IndexedDB did not answer in ' + timeout_ms + ' ms; starting without stored data');
      _parta_persist_loaded(0, 1);
    }, timeout_ms);
    FS.syncfs(true, function(err) {
      if (settled) { _parta_persist_late(err ? 0 : 1); return; }
      settled = true;
      clearTimeout(timer);
      if (err) console.warn('Parta: IndexedDB failed (' + err + '); messages and chats are kept in memory only');
      _parta_persist_loaded(err ? 0 : 1, 0);
    });
  }
  // Hidden tabs may be discarded and unloading pages get no more timers: write now.
  document.addEventListener('visibilitychange', function() {
    if (document.visibilityState === 'hidden') _parta_persist_hide();
  });
  window.addEventListener('pagehide', function() { _parta_persist_hide(); });
});

EM_JS(void, js_persist_sync, (), {
  FS.syncfs(false, function(err) {
    if (err) console.warn('Parta: saving to IndexedDB failed: ' + err);
    _parta_persist_synced(err ? 0 : 1);
  });
});

EM_JS(int, js_persist_write, (const char* name, const char* data, int len), {
  try {
    FS.writeFile('/parta/' + UTF8ToString(name), HEAPU8.subarray(data, data + len));
    return 1;
  } catch (e) { return 0; }
});

// Returns the length (or -1 when absent) and a malloc'ed copy in *out.
EM_JS(int, js_persist_read, (const char* name, char** out), {
  var bytes;
  try { bytes = FS.readFile('/parta/' + UTF8ToString(name)); } catch (e) { return -1; }
  var p = _malloc(bytes.length || 1);
  HEAPU8.set(bytes, p);
  HEAP32[out >> 2] = p;
  return bytes.length;
});

EM_JS(void, js_persist_unlink, (const char* name), {
  try { FS.unlink('/parta/' + UTF8ToString(name)); } catch (e) {}
});

// Keys become file names: [A-Za-z0-9._-] kept, anything else hex-escaped.
std::string file_name(std::string_view key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : key) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '-' || u == '_') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  if (out.empty() || out == "." || out == "..") out = "%" + out;
  return out;
}

void start_sync() {
  if (store.timer != 0) {
    emscripten_clear_timeout(store.timer);
    store.timer = 0;
  }
  store.in_flight = true;
  store.dirty = false;
  store.urgent = false;
  store.sync_started = monotonic_ms();
  store.sync_first_write = store.first_dirty;
  store.first_dirty = -1;
  js_persist_sync();
}

void on_sync_timer(void*) {
  store.timer = 0;
  if (store.dirty && !store.in_flight) start_sync();
}

// Asks for a sync within `delay_ms` (0: now, or right after the one in flight).
void kick(double delay_ms) {
  if (!store.ready || !store.durable || !store.dirty) return;
  if (store.in_flight) {
    if (delay_ms <= 0) store.urgent = true;
    return;  // on_synced schedules the next one
  }
  if (delay_ms <= 0) return start_sync();
  const double due = monotonic_ms() + delay_ms;
  if (store.timer != 0) {
    if (due >= store.timer_due) return;  // an earlier sync is already due
    emscripten_clear_timeout(store.timer);
  }
  store.timer_due = due;
  store.timer = emscripten_set_timeout(on_sync_timer, delay_ms, nullptr);
}

void mark_dirty() {
  store.dirty = true;
  if (store.first_dirty < 0) store.first_dirty = monotonic_ms();
}

void write_file(std::string_view key, std::string_view bytes) {
  const std::string name = file_name(key);
  if (!js_persist_write(name.c_str(), bytes.data(), static_cast<int>(bytes.size()))) {
    ++store.stats.write_failures;
  }
  mark_dirty();
}

void unlink_file(std::string_view key) {
  js_persist_unlink(file_name(key).c_str());
  mark_dirty();
}

}  // namespace

void persist_load_start() {
  if (store.started) return;
  store.started = true;
  store.load_started = monotonic_ms();
  js_persist_mount(kLoadTimeoutMs);
}

bool persist_ready() { return store.ready; }

bool persist_durable() { return store.durable; }

std::string persist_get(std::string_view key) {
  if (auto it = store.early.find(key); it != store.early.end()) return it->second.value_or(std::string());
  char* data = nullptr;
  const int n = js_persist_read(file_name(key).c_str(), &data);
  if (n < 0) return {};
  std::string out(data, static_cast<std::size_t>(n));
  std::free(data);
  return out;
}

void persist_put(std::string_view key, std::string_view bytes) {
  ++store.stats.writes;
  if (!store.ready) {
    store.early.insert_or_assign(std::string(key), std::string(bytes));
    return;
  }
  write_file(key, bytes);
  kick(kDebounceMs);
}

void persist_remove(std::string_view key) {
  if (!store.ready) {
    store.early.insert_or_assign(std::string(key), std::nullopt);
    return;
  }
  unlink_file(key);
  kick(kDebounceMs);
}

void persist_flush() { kick(0); }

void persist_on_hide(void (*hook)(void*), void* ctx) {
  store.hide_hook = hook;
  store.hide_ctx = ctx;
}

const PersistStats& persist_stats() {
  store.stats.pending = store.durable && (store.dirty || store.in_flight);
  return store.stats;
}

}  // namespace parta::platform

// --- called from the JS above
extern "C" EMSCRIPTEN_KEEPALIVE void parta_persist_loaded(int durable, int timed_out) {
  using namespace parta::platform;
  store.ready = true;
  store.durable = durable != 0;
  store.stats.backend = store.durable ? "idbfs" : timed_out ? "memory (IndexedDB timed out)" : "memory";
  store.stats.load_ms = monotonic_ms() - store.load_started;
  for (auto& [key, bytes] : store.early) {
    if (bytes) write_file(key, *bytes);
    else unlink_file(key);
  }
  store.early.clear();
  kick(kDebounceMs);
  request_redraw();  // the app restores on its next frame
}

// IndexedDB answered after the timeout: files written since are newer and were
// kept; from now on they are saved.
extern "C" EMSCRIPTEN_KEEPALIVE void parta_persist_late(int ok) {
  using namespace parta::platform;
  if (!ok) return;
  store.durable = true;
  store.stats.backend = "idbfs (late)";
  mark_dirty();
  kick(0);
}

extern "C" EMSCRIPTEN_KEEPALIVE void parta_persist_synced(int ok) {
  using namespace parta::platform;
  store.in_flight = false;
  const double now = monotonic_ms();
  PersistStats& st = store.stats;
  if (ok) {
    store.failures = 0;
    ++st.syncs;
    st.last_sync_ms = now - store.sync_started;
    if (store.sync_first_write >= 0) {
      st.last_commit_ms = now - store.sync_first_write;
      st.max_commit_ms = std::max(st.max_commit_ms, st.last_commit_ms);
    }
  } else {
    ++store.failures;
    ++st.sync_failures;
    // Keep the data for the next attempt.
    store.dirty = true;
    if (store.first_dirty < 0 || (store.sync_first_write >= 0 && store.sync_first_write < store.first_dirty)) {
      store.first_dirty = store.sync_first_write;
    }
  }
  // A failing IndexedDB (quota, a broken profile) is retried ever more slowly.
  const double retry = kDebounceMs * double(1 << std::min(store.failures, 6));
  if (store.dirty) kick(store.urgent && store.failures == 0 ? 0 : retry);
}

// The page is being hidden or unloaded: let the app write what it deferred, then
// start a sync at once (it may or may not finish before an unload).
extern "C" EMSCRIPTEN_KEEPALIVE void parta_persist_hide() {
  using namespace parta::platform;
  if (store.hide_hook != nullptr) store.hide_hook(store.hide_ctx);
  kick(0);
}
