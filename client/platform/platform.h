// The app's only door to the browser: clock, randomness, storage, redraws and the
// server socket. Implemented in web_platform.cpp, web_persist.cpp, web_socket.cpp
// (and the rest of client/platform); the app never includes Emscripten headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace parta::platform {

// --- time and randomness
std::int64_t now_ms();       // wall clock, Unix milliseconds
double monotonic_ms();       // performance.now(): for durations and test timings
std::string random_id();     // 32 hex characters from crypto.getRandomValues

// --- localStorage (keys are "parta.*"); get returns "" when absent
std::string storage_get(std::string_view key);
void storage_set(std::string_view key, std::string_view value);
void storage_remove(std::string_view key);

// --- persistent key -> bytes store: IndexedDB through Emscripten's IDBFS (web_persist.cpp).
// persist_load_start() loads what the browser kept, asynchronously and for at most
// ~2 s; nothing may be read before persist_ready(). Writes land in memory at once
// and reach IndexedDB within ~250 ms (persist_flush(): now), and when the page is
// hidden or unloaded. Without IndexedDB the store lives in memory only.
void persist_load_start();
bool persist_ready();
bool persist_durable();                             // IndexedDB is behind the store
std::string persist_get(std::string_view key);      // "" when absent
void persist_put(std::string_view key, std::string_view bytes);
void persist_remove(std::string_view key);
void persist_flush();                               // start saving now (after the save in flight)
// `hook(ctx)` runs when the page is hidden or unloaded, before the last save:
// the app writes what it deferred. One hook.
void persist_on_hide(void (*hook)(void*), void* ctx);
struct PersistStats {
  const char* backend = "none";  // "idbfs", "memory", ...
  double load_ms = -1;           // persist_load_start() -> ready
  std::uint64_t writes = 0, write_failures = 0;
  std::uint64_t syncs = 0, sync_failures = 0;
  double last_sync_ms = -1;      // duration of the last save to IndexedDB
  double last_commit_ms = -1;    // oldest write it carried -> committed
  double max_commit_ms = -1;
  bool pending = false;          // written but not yet committed to IndexedDB
};
const PersistStats& persist_stats();

// --- timers: fn(ctx) once, `ms` from now; draws no frame by itself. 0 is never an id.
long timer_start(double ms, void (*fn)(void*), void* ctx);
void timer_cancel(long id);

// --- page
void request_redraw();                             // draw a few frames soon (render on demand)
void open_url(std::string_view url);               // new tab, no opener
void set_document_language(std::string_view lang);  // <html lang="...">, for screen readers
void copy_text(std::string_view text);             // navigator.clipboard.writeText

// --- the address bar's hash (#/join/<token>, #/admin ...): the app's route
std::string location_hash();
// Shows `hash` in the address bar: a new history entry (Back returns), or in
// place of the current one. Neither fires hashchange.
void set_location_hash(std::string_view hash, bool replace);
bool take_hash_changed();   // true once after the person (or Back) changed it
std::string page_origin();  // e.g. "https://school.example"

// --- files. The hidden <input type="file" id="parta-file"> in index.html picks
// one; the app checks it (size, first bytes) and uploads it to POST /api/upload.
enum class FileEventKind {
  Chosen,          // name, size, head (up to the first 16 bytes)
  Progress,        // progress 0..1 of the upload
  Uploaded,        // http_status and body: the server's answer
  DownloadDone,    // a document opened or saved
  DownloadFailed,  // http_status (0: network)
};
struct FileEvent {
  FileEventKind kind = FileEventKind::Chosen;
  std::string name;
  double size = 0;
  std::string head;
  double progress = 0;
  int http_status = 0;
  std::string body;
};
void file_choose(std::string_view accept);  // opens the browser's file chooser
bool file_poll(FileEvent& event);           // false when the queue is empty
void file_upload();                         // uploads the file chosen last
// Fetches `url` with "Authorization: Bearer <token>" and opens the result in a
// new tab (or saves it as `name` when pop-ups are blocked).
void download_document(std::string_view url, std::string_view token, std::string_view name);

// --- the server connection: one WebSocket to ws(s)://<host>/ws, reconnected with
// exponential backoff and jitter while started. Events are queued in order and
// drained by the app at the start of a frame.
enum class SocketEventKind {
  Connecting,  // a new socket is opening
  Open,        // ready to send
  Message,     // one binary frame in `bytes`
  Closed,      // dropped or failed to open; a reconnect is scheduled
};
struct SocketEvent {
  SocketEventKind kind = SocketEventKind::Closed;
  std::string bytes;
};

void socket_start();
bool socket_poll(SocketEvent& event);       // false when the queue is empty
bool socket_send(std::string_view bytes);   // false when the socket is not open
void socket_reset();                        // drop the connection (bad bytes); reconnects after backoff

// --- the tab and notifications (web_notify.cpp)
bool page_hidden();                       // document.hidden
void set_title(std::string_view title);   // document.title ("(3) Parta")
enum class NotifyPermission { Unsupported, Default, Granted, Denied };
NotifyPermission notify_permission();
// Asks the browser for permission; call right after a click (the browser
// requires a recent user gesture). The answer arrives later: the loop wakes.
void notify_request_permission();
// A system notification; clicking it focuses the tab and reports `chat_id`.
void notify_show(std::string_view title, std::string_view body, std::int64_t chat_id);
std::int64_t notify_take_clicked();      // the chat of a clicked notification, once; 0: none
// While the tab is hidden no animation frames run: socket bytes and timers call
// this (through request_redraw) and the app's background tick drains the network
// and notifies without drawing.
void background_wake();

}  // namespace parta::platform
