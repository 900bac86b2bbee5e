// The server connection in the browser: one binary WebSocket to ws(s)://<host>/ws,
// reopened with exponential backoff and jitter. Socket callbacks only queue events
// and wake the render loop; the app drains the queue at the start of a frame.
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/websocket.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <string>

#include "client/platform/platform.h"
#include "client/platform/web_random.h"

namespace parta::platform {
namespace {

constexpr double kBackoffFirstMs = 500;
constexpr double kBackoffMaxMs = 30'000;

struct Connection {
  EMSCRIPTEN_WEBSOCKET_T socket = 0;   // 0: none
  bool open = false;
  bool started = false;
  int failures = 0;                    // consecutive attempts that did not open
  long reconnect_timer = 0;            // 0: none scheduled
  std::deque<SocketEvent> inbox;
};
Connection conn;  // the page has one connection; callbacks reach it by this name

EM_JS(char*, js_socket_url, (), {
  var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  var n = lengthBytesUTF8(url) + 1, p = _malloc(n);
  stringToUTF8(url, p, n);
  return p;
});

void push(SocketEventKind kind, std::string bytes = {}) {
  conn.inbox.push_back(SocketEvent{kind, std::move(bytes)});
  request_redraw();
}

void open_socket();

void on_reconnect_timer(void*) {
  conn.reconnect_timer = 0;
  open_socket();
}

// Closes and forgets the current socket (its callbacks are detached first, so a
// late close event from it can't disturb the next one).
void drop_socket() {
  if (conn.socket <= 0) return;
  EMSCRIPTEN_WEBSOCKET_T s = conn.socket;
  conn.socket = 0;
  conn.open = false;
  emscripten_websocket_set_onopen_callback(s, nullptr, nullptr);
  emscripten_websocket_set_onmessage_callback(s, nullptr, nullptr);
  emscripten_websocket_set_onerror_callback(s, nullptr, nullptr);
  emscripten_websocket_set_onclose_callback(s, nullptr, nullptr);
  emscripten_websocket_close(s, 1000, "");
  emscripten_websocket_delete(s);
}

// Schedules the next attempt: 0.5 s, 1 s, 2 s ... up to 30 s, each scaled by a
// random factor in [0.5, 1) so a school's worth of tabs don't reconnect in lockstep.
void schedule_reconnect() {
  if (!conn.started || conn.reconnect_timer != 0) return;
  const double base = std::min(kBackoffMaxMs, kBackoffFirstMs * double(1u << std::min(conn.failures, 16)));
  const double delay = base * (0.5 + 0.5 * random_unit());
  ++conn.failures;
  conn.reconnect_timer = emscripten_set_timeout(on_reconnect_timer, delay, nullptr);
}

void on_lost() {
  const bool had_socket = conn.socket > 0;
  drop_socket();
  if (had_socket) push(SocketEventKind::Closed);
  schedule_reconnect();
}

EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent*, void*) {
  conn.open = true;
  conn.failures = 0;
  push(SocketEventKind::Open);
  return EM_TRUE;
}

EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent* e, void*) {
  if (e->isText) return EM_TRUE;  // the protocol is binary only
  // The buffer is freed after this callback returns: copy it.
  push(SocketEventKind::Message, std::string(reinterpret_cast<const char*>(e->data), e->numBytes));
  return EM_TRUE;
}

EM_BOOL on_error(int, const EmscriptenWebSocketErrorEvent*, void*) {
  // A close event always follows an error; handle the loss there.
  return EM_TRUE;
}

EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent*, void*) {
  on_lost();
  return EM_TRUE;
}

void open_socket() {
  if (!conn.started || conn.socket > 0) return;
  char* url = js_socket_url();
  EmscriptenWebSocketCreateAttributes attrs;
  emscripten_websocket_init_create_attributes(&attrs);
  attrs.url = url;
  attrs.protocols = nullptr;
  attrs.createOnMainThread = EM_TRUE;
  const EMSCRIPTEN_WEBSOCKET_T s = emscripten_websocket_new(&attrs);
  free(url);
  if (s <= 0) {
    push(SocketEventKind::Closed);
    schedule_reconnect();
    return;
  }
  conn.socket = s;
  emscripten_websocket_set_onopen_callback(s, nullptr, on_open);
  emscripten_websocket_set_onmessage_callback(s, nullptr, on_message);
  emscripten_websocket_set_onerror_callback(s, nullptr, on_error);
  emscripten_websocket_set_onclose_callback(s, nullptr, on_close);
  push(SocketEventKind::Connecting);
}

}  // namespace

void socket_start() {
  if (conn.started) return;
  conn.started = true;
  EM_ASM({ window.addEventListener('online', function() { _parta_socket_wake(); }); });
  open_socket();
}

bool socket_poll(SocketEvent& event) {
  if (conn.inbox.empty()) return false;
  event = std::move(conn.inbox.front());
  conn.inbox.pop_front();
  return true;
}

bool socket_send(std::string_view bytes) {
  if (!conn.open || conn.socket <= 0) return false;
  // The API takes a non-const pointer but only reads the bytes.
  return emscripten_websocket_send_binary(conn.socket, const_cast<char*>(bytes.data()),
                                          static_cast<std::uint32_t>(bytes.size())) == EMSCRIPTEN_RESULT_SUCCESS;
}

void socket_reset() {
  ++conn.failures;  // a server that sends garbage should not be hammered
  // Bytes still queued from this connection are not to be trusted either.
  std::erase_if(conn.inbox, [](const SocketEvent& e) { return e.kind == SocketEventKind::Message; });
  on_lost();
}

}  // namespace parta::platform

extern "C" void parta_socket_wake();

// The browser says the network is back (or the tab became visible): retry now
// instead of waiting out the backoff.
extern "C" EMSCRIPTEN_KEEPALIVE void parta_socket_wake() {
  using namespace parta::platform;
  if (!conn.started || conn.socket > 0) return;
  if (conn.reconnect_timer != 0) {
    emscripten_clear_timeout(conn.reconnect_timer);
    conn.reconnect_timer = 0;
  }
  conn.failures = 0;
  open_socket();
}
