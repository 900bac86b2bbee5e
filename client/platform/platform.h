// The app's only door to the browser: clock, randomness, storage, redraws and the
// server socket. Implemented in web_platform.cpp and web_socket.cpp; the app never
// includes Emscripten headers.
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

// --- page
void request_redraw();                             // draw a few frames soon (render on demand)
void open_url(std::string_view url);               // new tab, no opener
void set_document_language(std::string_view lang);  // <html lang="...">, for screen readers

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

}  // namespace parta::platform
